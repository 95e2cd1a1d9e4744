//! What the worker's role may do, evaluated from template.yaml as CloudFormation would render
//! it for given parameters (Ref, Sub, If and Conditions resolved), then checked the way IAM
//! matches requests: resource ARNs with `*` wildcards and the `bedrock:InferenceProfileArn`
//! condition. A cross-Region profile must cover the profile in the stack's Region and the
//! model in every Region the profile routes to — and nothing else; the OpenAI key's secret is
//! readable only when one is named, and never sits in the environment.

use std::collections::HashMap;

use serde_yaml_ng::Value;

const TEMPLATE: &str = include_str!("../../../template.yaml");
const ACCOUNT: &str = "123456789012";

struct Stack {
    doc: Value,
    params: HashMap<String, String>,
    region: String,
}

impl Stack {
    fn new(region: &str, overrides: &[(&str, &str)]) -> Self {
        let doc: Value = serde_yaml_ng::from_str(TEMPLATE).unwrap();
        let mut params = HashMap::new();
        for (name, spec) in doc["Parameters"].as_mapping().unwrap() {
            let default = match spec.get("Default") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            params.insert(name.as_str().unwrap().to_owned(), default);
        }
        for (k, v) in overrides {
            assert!(params.contains_key(*k), "no parameter {k}");
            params.insert((*k).to_owned(), (*v).to_owned());
        }
        Self {
            doc,
            params,
            region: region.to_owned(),
        }
    }

    fn reference(&self, name: &str) -> String {
        match name {
            "AWS::Region" => self.region.clone(),
            "AWS::AccountId" => ACCOUNT.to_owned(),
            "AWS::Partition" => "aws".to_owned(),
            "AWS::URLSuffix" => "amazonaws.com".to_owned(),
            other => self
                .params
                .get(other)
                .cloned()
                .unwrap_or_else(|| format!("<{other}>")),
        }
    }

    fn condition(&self, name: &str) -> bool {
        let spec = &self.doc["Conditions"][name];
        assert!(!spec.is_null(), "no condition {name}");
        self.truth(spec)
    }

    fn truth(&self, v: &Value) -> bool {
        let Value::Tagged(t) = v else {
            panic!("condition {v:?}")
        };
        let args = t.value.as_sequence();
        match t.tag.to_string().trim_start_matches('!') {
            "Equals" => {
                let a = args.unwrap();
                self.eval(&a[0]) == self.eval(&a[1])
            }
            "Not" => !self.truth(&args.unwrap()[0]),
            "And" => args.unwrap().iter().all(|c| self.truth(c)),
            "Or" => args.unwrap().iter().any(|c| self.truth(c)),
            "Condition" => self.condition(t.value.as_str().unwrap()),
            other => panic!("condition function {other}"),
        }
    }

    /// A rendered value; `Value::Null` stands for AWS::NoValue.
    fn eval(&self, v: &Value) -> Value {
        match v {
            Value::Tagged(t) => match t.tag.to_string().trim_start_matches('!') {
                "Ref" if t.value.as_str() == Some("AWS::NoValue") => Value::Null,
                "Ref" => Value::String(self.reference(t.value.as_str().unwrap())),
                "Sub" => {
                    let mut text = t.value.as_str().unwrap().to_owned();
                    while let Some(start) = text.find("${") {
                        let end = start + text[start..].find('}').unwrap();
                        let name = text[start + 2..end].to_owned();
                        text.replace_range(start..=end, &self.reference(&name));
                    }
                    Value::String(text)
                }
                "If" => {
                    let a = t.value.as_sequence().unwrap();
                    if self.condition(a[0].as_str().unwrap()) {
                        self.eval(&a[1])
                    } else {
                        self.eval(&a[2])
                    }
                }
                "GetAtt" => Value::String(format!("<{}>", t.value.as_str().unwrap_or("GetAtt"))),
                other => panic!("intrinsic {other}"),
            },
            Value::Sequence(items) => Value::Sequence(
                items
                    .iter()
                    .map(|i| self.eval(i))
                    .filter(|i| !i.is_null())
                    .collect(),
            ),
            Value::Mapping(m) => Value::Mapping(
                m.iter()
                    .map(|(k, v)| (k.clone(), self.eval(v)))
                    .filter(|(_, v)| !v.is_null())
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    fn worker(&self) -> Value {
        self.eval(&self.doc["Resources"]["WorkerFunction"]["Properties"])
    }

    fn worker_env(&self, name: &str) -> Option<String> {
        self.worker()["Environment"]["Variables"]
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    fn statements(&self) -> Vec<Value> {
        self.worker()["Policies"][0]["Statement"]
            .as_sequence()
            .unwrap()
            .clone()
    }

    /// Would IAM allow `action` on `resource`, with this `bedrock:InferenceProfileArn` in the
    /// request context?
    fn allows(&self, action: &str, resource: &str, profile: Option<&str>) -> bool {
        self.statements().iter().any(|s| {
            let listed = |key: &str, wanted: &str| match &s[key] {
                Value::String(one) => glob(one, wanted),
                Value::Sequence(many) => many.iter().any(|x| glob(x.as_str().unwrap(), wanted)),
                _ => false,
            };
            let condition_met = match s.get("Condition") {
                None => true,
                Some(c) => {
                    let expected = c["StringEquals"]["bedrock:InferenceProfileArn"]
                        .as_str()
                        .expect("only this condition is used");
                    profile == Some(expected)
                }
            };
            s["Effect"] == "Allow"
                && listed("Action", action)
                && listed("Resource", resource)
                && condition_met
        })
    }
}

/// IAM's ARN matching: `*` is any run of characters, `?` any one.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

fn profile_arn(region: &str, id: &str) -> String {
    format!("arn:aws:bedrock:{region}:{ACCOUNT}:inference-profile/{id}")
}

fn model_arn(region: &str, id: &str) -> String {
    format!("arn:aws:bedrock:{region}::foundation-model/{id}")
}

const INVOKE: &str = "bedrock:InvokeModel";

#[test]
fn the_default_stack_invokes_nova_lite_through_the_us_profile_and_may_reach_each_of_its_regions() {
    let stack = Stack::new("us-east-1", &[]);
    assert_eq!(stack.worker_env("GENERATOR").as_deref(), Some("bedrock"));
    let invoked = stack.worker_env("BEDROCK_MODEL_ID").unwrap();
    assert_eq!(invoked, "us.amazon.nova-lite-v1:0");

    let profile = profile_arn("us-east-1", &invoked);
    assert!(stack.allows(INVOKE, &profile, None), "the profile itself");
    // The US profile's destination Regions (per AWS's profile listing), and any AWS adds.
    for region in ["us-east-1", "us-east-2", "us-west-2", "us-west-1"] {
        assert!(
            stack.allows(
                INVOKE,
                &model_arn(region, "amazon.nova-lite-v1:0"),
                Some(&profile)
            ),
            "the model in {region} through the profile"
        );
    }
    // Nothing else: not the model directly, not another model or profile.
    assert!(!stack.allows(
        INVOKE,
        &model_arn("us-east-1", "amazon.nova-lite-v1:0"),
        None
    ));
    assert!(!stack.allows(
        INVOKE,
        &model_arn("us-east-2", "amazon.nova-pro-v1:0"),
        Some(&profile)
    ));
    let other = profile_arn("us-east-1", "us.amazon.nova-pro-v1:0");
    assert!(!stack.allows(INVOKE, &other, None));
    assert!(!stack.allows(
        INVOKE,
        &model_arn("us-east-2", "amazon.nova-pro-v1:0"),
        Some(&other)
    ));
    assert!(!stack.allows("bedrock:InvokeModelWithResponseStream", &profile, None));
}

#[test]
fn another_geography_and_another_model_follow_the_parameters() {
    let stack = Stack::new(
        "eu-west-1",
        &[
            ("BedrockInferenceProfile", "eu"),
            ("BedrockModelId", "anthropic.claude-haiku-4-5-20251001-v1:0"),
        ],
    );
    let invoked = stack.worker_env("BEDROCK_MODEL_ID").unwrap();
    assert_eq!(invoked, "eu.anthropic.claude-haiku-4-5-20251001-v1:0");
    let profile = profile_arn("eu-west-1", &invoked);
    assert!(stack.allows(INVOKE, &profile, None));
    for region in ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"] {
        assert!(stack.allows(
            INVOKE,
            &model_arn(region, "anthropic.claude-haiku-4-5-20251001-v1:0"),
            Some(&profile)
        ));
    }
    // A global profile's model ARN has no Region at all.
    let global = Stack::new("us-east-1", &[("BedrockInferenceProfile", "global")]);
    let invoked = global.worker_env("BEDROCK_MODEL_ID").unwrap();
    assert_eq!(invoked, "global.amazon.nova-lite-v1:0");
    let profile = profile_arn("us-east-1", &invoked);
    assert!(global.allows(
        INVOKE,
        &model_arn("", "amazon.nova-lite-v1:0"),
        Some(&profile)
    ));
}

#[test]
fn without_a_profile_only_the_model_in_the_stacks_region_is_allowed() {
    let stack = Stack::new("us-west-2", &[("BedrockInferenceProfile", "none")]);
    assert_eq!(
        stack.worker_env("BEDROCK_MODEL_ID").as_deref(),
        Some("amazon.nova-lite-v1:0")
    );
    assert!(stack.allows(
        INVOKE,
        &model_arn("us-west-2", "amazon.nova-lite-v1:0"),
        None
    ));
    assert!(!stack.allows(
        INVOKE,
        &model_arn("us-east-1", "amazon.nova-lite-v1:0"),
        None
    ));
    assert!(!stack.allows(
        INVOKE,
        &profile_arn("us-west-2", "us.amazon.nova-lite-v1:0"),
        None
    ));
}

#[test]
fn other_generators_get_no_bedrock_access() {
    for generator in ["template", "openai"] {
        let stack = Stack::new("us-east-1", &[("Generator", generator)]);
        assert!(
            stack
                .statements()
                .iter()
                .all(|s| !format!("{s:?}").contains("bedrock:")),
            "{generator}"
        );
    }
}

#[test]
fn the_openai_key_is_read_from_its_secret_and_never_set_in_the_environment() {
    let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:agent-builder/openai-AbCdEf";
    let stack = Stack::new(
        "us-east-1",
        &[
            ("Generator", "openai"),
            ("OpenAiBaseUrl", "https://api.openai.com/v1"),
            ("OpenAiModel", "gpt-4o-mini"),
            ("OpenAiApiKeySecretArn", arn),
        ],
    );
    assert_eq!(
        stack.worker_env("OPENAI_API_KEY_SECRET_ARN").as_deref(),
        Some(arn)
    );
    assert_eq!(stack.worker_env("OPENAI_API_KEY"), None);
    assert!(stack.allows("secretsmanager:GetSecretValue", arn, None));
    assert!(!stack.allows(
        "secretsmanager:GetSecretValue",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ123",
        None
    ));

    let without = Stack::new("us-east-1", &[("Generator", "openai")]);
    assert!(without
        .statements()
        .iter()
        .all(|s| !format!("{s:?}").contains("secretsmanager:")));
    // No parameter of the template takes a key itself.
    for (name, spec) in stack.doc["Parameters"].as_mapping().unwrap() {
        assert!(
            spec.get("NoEcho").is_none(),
            "{name:?} takes a secret as a parameter; it belongs in Secrets Manager"
        );
    }
}

#[test]
fn the_glob_matches_like_iam() {
    assert!(glob(
        "arn:aws:bedrock:*::foundation-model/m",
        "arn:aws:bedrock:us-east-2::foundation-model/m"
    ));
    assert!(glob(
        "arn:aws:bedrock:*::foundation-model/m",
        "arn:aws:bedrock:::foundation-model/m"
    ));
    assert!(!glob(
        "arn:aws:bedrock:*::foundation-model/m",
        "arn:aws:bedrock:us-east-2::foundation-model/m2"
    ));
    assert!(glob("a?c*", "abcdef"));
    assert!(!glob("abc", "abcd"));
}
