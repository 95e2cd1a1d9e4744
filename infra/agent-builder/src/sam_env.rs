//! The functions' environment for `sam local invoke --env-vars env.json`, pointing them at the
//! local emulators. SAM passes a function only the variables its template entry declares (the
//! rest of the file is silently ignored), so the names come from template.yaml itself —
//! `Globals.Function.Environment` plus the function's own — and only those are written.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};
use serde_yaml_ng::Value as Yaml;

use crate::provision::LocalResources;

/// The API key the sample events in `infra/events/` carry. It is public (it is in the
/// repository), so it is only ever registered on the local emulators.
pub const SAMPLE_EVENTS_KEY: &str = "ab_LocalSampleEventsKeyForEmulatorsOnly0000";
/// The workspace the sample events' key belongs to.
pub const SAMPLE_EVENTS_WORKSPACE: &str = "demo";

#[derive(Debug, thiserror::Error)]
pub enum SamEnvError {
    #[error("template.yaml: {0}")]
    Template(String),
    #[error(
        "{0} is not set: --sam-env-json is for the local emulators only \
         (run `eval \"$(bash infra/emulators.sh env)\"` first)"
    )]
    NotLocal(&'static str),
    #[error("{name}={value:?} is not an http(s) URL")]
    BadEndpoint { name: &'static str, value: String },
}

/// Where the functions reach the emulators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalEndpoints {
    pub dynamodb: String,
    pub sqs: String,
    pub eventbridge: String,
}

impl LocalEndpoints {
    /// The endpoints this process uses (`AWS_ENDPOINT_URL_DYNAMODB`, `…_SQS`, `…_EVENTBRIDGE`;
    /// EventBridge defaults to the SQS emulator, moto serving both). DynamoDB and SQS must be
    /// overridden: without them the SDK would be pointed at a real account.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, SamEnvError> {
        let get = |name: &'static str| -> Result<String, SamEnvError> {
            let value = lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .ok_or(SamEnvError::NotLocal(name))?;
            match url::Url::parse(&value) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(value),
                _ => Err(SamEnvError::BadEndpoint { name, value }),
            }
        };
        let dynamodb = get("AWS_ENDPOINT_URL_DYNAMODB")?;
        let sqs = get("AWS_ENDPOINT_URL_SQS")?;
        let eventbridge = get("AWS_ENDPOINT_URL_EVENTBRIDGE").unwrap_or_else(|_| sqs.clone());
        Ok(Self {
            dynamodb,
            sqs,
            eventbridge,
        })
    }

    /// The same endpoints under another host name, for a container that reaches this
    /// machine by it (e.g. `host.docker.internal` without `--docker-network host`).
    pub fn with_host(&self, host: &str) -> Result<Self, SamEnvError> {
        let swap = |name: &'static str, endpoint: &str| -> Result<String, SamEnvError> {
            let bad = || SamEnvError::BadEndpoint {
                name,
                value: endpoint.to_owned(),
            };
            let mut u = url::Url::parse(endpoint).map_err(|_| bad())?;
            u.set_host(Some(host)).map_err(|_| bad())?;
            Ok(u.as_str().trim_end_matches('/').to_owned())
        };
        Ok(Self {
            dynamodb: swap("AWS_ENDPOINT_URL_DYNAMODB", &self.dynamodb)?,
            sqs: swap("AWS_ENDPOINT_URL_SQS", &self.sqs)?,
            eventbridge: swap("AWS_ENDPOINT_URL_EVENTBRIDGE", &self.eventbridge)?,
        })
    }
}

fn variable_names(environment: Option<&Yaml>) -> impl Iterator<Item = String> + '_ {
    environment
        .and_then(|e| e.get("Variables"))
        .and_then(Yaml::as_mapping)
        .into_iter()
        .flat_map(|m| m.keys().filter_map(Yaml::as_str).map(str::to_owned))
}

/// For each `AWS::Serverless::Function` in the template, by logical id: the environment
/// variables SAM will let `--env-vars` set.
pub fn declared_variables(
    template: &str,
) -> Result<BTreeMap<String, BTreeSet<String>>, SamEnvError> {
    let doc: Yaml =
        serde_yaml_ng::from_str(template).map_err(|e| SamEnvError::Template(e.to_string()))?;
    let globals: BTreeSet<String> = variable_names(
        doc.get("Globals")
            .and_then(|g| g.get("Function"))
            .and_then(|f| f.get("Environment")),
    )
    .collect();
    let resources = doc
        .get("Resources")
        .and_then(Yaml::as_mapping)
        .ok_or_else(|| SamEnvError::Template("no Resources".into()))?;
    let mut out = BTreeMap::new();
    for (id, resource) in resources {
        if resource.get("Type").and_then(Yaml::as_str) != Some("AWS::Serverless::Function") {
            continue;
        }
        let mut names = globals.clone();
        names.extend(variable_names(
            resource
                .get("Properties")
                .and_then(|p| p.get("Environment")),
        ));
        out.insert(id.as_str().unwrap_or_default().to_owned(), names);
    }
    Ok(out)
}

/// The values the local stack needs, by variable name.
pub fn local_values(
    resources: &LocalResources,
    endpoints: &LocalEndpoints,
) -> BTreeMap<&'static str, String> {
    let t = &resources.tables;
    BTreeMap::from([
        ("JOBS_TABLE", t.jobs.clone()),
        ("QUOTA_TABLE", t.quota.clone()),
        ("AGENTS_TABLE", t.agents.clone()),
        ("API_KEYS_TABLE", t.api_keys.clone()),
        ("IDEMPOTENCY_TABLE", t.idempotency.clone()),
        ("WORKSPACES_TABLE", t.workspaces.clone()),
        ("JOB_QUEUE_URL", resources.job_queue_url.clone()),
        (
            "JOB_DEAD_LETTER_QUEUE_URL",
            resources.dead_letter_queue_url.clone(),
        ),
        (
            "JOB_MAX_RECEIVE_COUNT",
            resources.max_receive_count.to_string(),
        ),
        // The deployed functions ignore endpoint overrides; these must not.
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false".to_owned()),
        ("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamodb.clone()),
        ("AWS_ENDPOINT_URL_SQS", endpoints.sqs.clone()),
        (
            "AWS_ENDPOINT_URL_EVENTBRIDGE",
            endpoints.eventbridge.clone(),
        ),
        // Locally the agent is written by the embedded template generator (no model account).
        ("GENERATOR", "template".to_owned()),
    ])
}

/// `{"CreateJobFunction": {"JOBS_TABLE": …, …}, …}`: for each function, the local values of
/// the variables it declares.
pub fn sam_env_json(
    template: &str,
    values: &BTreeMap<&'static str, String>,
) -> Result<Value, SamEnvError> {
    let mut out = Map::new();
    for (function, declared) in declared_variables(template)? {
        let env: Map<String, Value> = values
            .iter()
            .filter(|(name, _)| declared.contains(**name))
            .map(|(name, value)| ((*name).to_owned(), json!(value)))
            .collect();
        out.insert(function, Value::Object(env));
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provision::TEMPLATE;
    use agent_builder_engine::config::TableNames;

    fn resources() -> LocalResources {
        LocalResources {
            tables: TableNames {
                jobs: "p-jobs".into(),
                quota: "p-quota".into(),
                agents: "p-agents".into(),
                api_keys: "p-api-keys".into(),
                idempotency: "p-idempotency".into(),
                workspaces: "p-workspaces".into(),
            },
            job_queue_url: "http://127.0.0.1:5000/123456789012/p-jobs".into(),
            dead_letter_queue_url: "http://127.0.0.1:5000/123456789012/p-jobs-dlq".into(),
            max_receive_count: 3,
        }
    }

    fn endpoints() -> LocalEndpoints {
        LocalEndpoints::from_lookup(|name| match name {
            "AWS_ENDPOINT_URL_DYNAMODB" => Some("http://127.0.0.1:8000".into()),
            "AWS_ENDPOINT_URL_SQS" => Some("http://127.0.0.1:5000".into()),
            _ => None,
        })
        .unwrap()
    }

    /// SAM drops any variable a function does not declare: every function gets the endpoints,
    /// and each the local values of the tables and queues its template entry names (which
    /// `tests/template_env.rs` checks against its configuration).
    #[test]
    fn every_function_declares_every_variable_the_local_stack_sets() {
        let values = local_values(&resources(), &endpoints());
        let env = sam_env_json(TEMPLATE, &values).unwrap();
        for function in ["CreateJobFunction", "GetJobFunction", "WorkerFunction"] {
            assert!(env.get(function).is_some(), "{function}");
        }
        for (function, vars) in env.as_object().unwrap() {
            for name in values.keys().filter(|n| n.starts_with("AWS_")) {
                assert!(
                    vars.get(*name).is_some(),
                    "{function} does not declare {name}, so SAM would drop it"
                );
            }
        }
        let tables = |function: &str| -> Vec<&str> {
            let mut names: Vec<&str> = env[function]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|name| name.ends_with("_TABLE") || name.ends_with("QUEUE_URL"))
                .collect();
            names.sort_unstable();
            names
        };
        assert_eq!(
            tables("CreateJobFunction"),
            [
                "API_KEYS_TABLE",
                "IDEMPOTENCY_TABLE",
                "JOBS_TABLE",
                "JOB_QUEUE_URL",
                "QUOTA_TABLE"
            ]
        );
        assert_eq!(
            tables("GetJobFunction"),
            ["AGENTS_TABLE", "API_KEYS_TABLE", "JOBS_TABLE"]
        );
        assert_eq!(
            tables("WorkerFunction"),
            [
                "AGENTS_TABLE",
                "JOBS_TABLE",
                "JOB_QUEUE_URL",
                "WORKSPACES_TABLE"
            ]
        );
        assert_eq!(
            tables("JobReaperFunction"),
            [
                "JOBS_TABLE",
                "JOB_DEAD_LETTER_QUEUE_URL",
                "QUOTA_TABLE",
                "WORKSPACES_TABLE"
            ]
        );
        assert!(tables("RendererFunction").is_empty());
        assert_eq!(
            env["GetJobFunction"]["AGENTS_TABLE"], "p-agents",
            "the local stack's own names"
        );
        let worker = &env["WorkerFunction"];
        assert_eq!(worker["GENERATOR"], "template");
        assert_eq!(worker["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"], "false");
        assert_eq!(worker["AWS_ENDPOINT_URL_DYNAMODB"], "http://127.0.0.1:8000");
        assert_eq!(
            worker["AWS_ENDPOINT_URL_EVENTBRIDGE"],
            "http://127.0.0.1:5000"
        );
        assert_eq!(env["CreateJobFunction"]["JOBS_TABLE"], "p-jobs");
        assert!(env["CreateJobFunction"].get("GENERATOR").is_none());
    }

    #[test]
    fn endpoints_are_required_and_can_be_renamed_for_a_container() {
        let err = LocalEndpoints::from_lookup(|_| None).unwrap_err();
        assert!(err
            .to_string()
            .contains("AWS_ENDPOINT_URL_DYNAMODB is not set"));
        let err = LocalEndpoints::from_lookup(|name| match name {
            "AWS_ENDPOINT_URL_DYNAMODB" => Some("127.0.0.1:8000".into()),
            _ => Some("http://127.0.0.1:5000".into()),
        })
        .unwrap_err();
        assert!(matches!(err, SamEnvError::BadEndpoint { .. }), "{err}");

        let moved = endpoints().with_host("host.docker.internal").unwrap();
        assert_eq!(moved.dynamodb, "http://host.docker.internal:8000");
        assert_eq!(moved.sqs, "http://host.docker.internal:5000");
    }

    /// The key `provision --sam-env-json` registers is the one every sample API event sends.
    #[test]
    fn the_sample_events_carry_the_registered_key() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../events");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let event: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            if let Some(auth) = event.get("headers").and_then(|h| h.get("authorization")) {
                assert_eq!(
                    auth.as_str(),
                    Some(format!("Bearer {SAMPLE_EVENTS_KEY}").as_str()),
                    "{}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked >= 3, "create-job, get-job and get-agent");
    }
}
