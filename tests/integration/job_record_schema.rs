//! The jobs table's item shape is a contract with stream consumers: every state the real
//! DynamoDB adapter writes, read back raw from DynamoDB Local and put in the DynamoDB JSON a
//! stream record's `NewImage` carries, validates against `schemas/job-record.v1.schema.json`;
//! the schema names no attribute the code never writes; and items the schema must refuse are
//! refused.

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use time::macros::datetime;
use time::OffsetDateTime;

use agent_builder_core::domain::job::JOB_SCHEMA_VERSION;
use agent_builder_core::domain::progress::{CrawlProgress, SkippedPages};
use agent_builder_core::domain::webhook::{WebhookDelivery, WebhookStatus};
use agent_builder_core::domain::{
    Agent, AgentConfig, Job, JobId, JobState, JobStatus, Lease, NetworkPolicy, SiteUrl, Tone,
    UtcDay, WorkspaceId,
};
use agent_builder_core::store::{ClaimOutcome, JobStore};
use agent_builder_core::time::UnixMillis;

use crate::helpers::{stack, TestStack};

/// Nanoseconds on purpose: the stored timestamps carry a variable-length fraction.
const NOW: OffsetDateTime = datetime!(2026-11-29 12:00:00.123456789 UTC);

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

fn read_json(name: &str) -> Value {
    let path = schemas_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

fn schema() -> Value {
    read_json("job-record.v1.schema.json")
}

fn validator() -> jsonschema::Validator {
    let schema = schema();
    jsonschema::draft202012::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("the schema is not valid draft 2020-12: {e}"));
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("building the validator: {e}"))
}

/// Every reason `instance` fails the schema (empty when it passes).
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, what: &str, instance: &Value) {
    let errors = errors(validator, instance);
    assert!(
        errors.is_empty(),
        "{what} does not match the schema:\n  {}\nitem: {instance:#}",
        errors.join("\n  ")
    );
}

fn assert_invalid(validator: &jsonschema::Validator, what: &str, instance: &Value) {
    assert!(
        !validator.is_valid(instance),
        "{what} should fail the schema but passed: {instance:#}"
    );
}

/// An attribute map in DynamoDB JSON, as a stream record's `NewImage`/`OldImage` holds it.
fn to_dynamodb_json(item: &HashMap<String, AttributeValue>) -> Value {
    Value::Object(
        item.iter()
            .map(|(name, value)| (name.clone(), attribute_to_json(value)))
            .collect(),
    )
}

fn attribute_to_json(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(s) => json!({ "S": s }),
        AttributeValue::N(n) => json!({ "N": n }),
        AttributeValue::Bool(b) => json!({ "BOOL": b }),
        AttributeValue::Null(b) => json!({ "NULL": b }),
        AttributeValue::Ss(values) => json!({ "SS": values }),
        AttributeValue::Ns(values) => json!({ "NS": values }),
        AttributeValue::L(values) => {
            json!({ "L": values.iter().map(attribute_to_json).collect::<Vec<_>>() })
        }
        AttributeValue::M(map) => json!({ "M": to_dynamodb_json(map) }),
        // The jobs table holds no binary attributes; if one appears, say so plainly.
        other => panic!("unexpected attribute type in a job item: {other:?}"),
    }
}

/// The inverse, to put a DynamoDB-JSON document (the example) into the table.
fn from_dynamodb_json(value: &Value) -> HashMap<String, AttributeValue> {
    value
        .as_object()
        .expect("an item is a JSON object")
        .iter()
        .map(|(name, value)| (name.clone(), attribute_from_json(value)))
        .collect()
}

fn attribute_from_json(value: &Value) -> AttributeValue {
    let object: &Map<String, Value> = value.as_object().expect("a typed attribute");
    assert_eq!(
        object.len(),
        1,
        "one type descriptor per attribute: {value}"
    );
    let (kind, inner) = object.iter().next().unwrap();
    let string = || inner.as_str().expect("a string").to_owned();
    let strings = || {
        inner
            .as_array()
            .expect("an array")
            .iter()
            .map(|v| v.as_str().expect("a string").to_owned())
            .collect()
    };
    match kind.as_str() {
        "S" => AttributeValue::S(string()),
        "N" => AttributeValue::N(string()),
        "BOOL" => AttributeValue::Bool(inner.as_bool().expect("a boolean")),
        "NULL" => AttributeValue::Null(inner.as_bool().expect("a boolean")),
        "SS" => AttributeValue::Ss(strings()),
        "NS" => AttributeValue::Ns(strings()),
        "L" => AttributeValue::L(
            inner
                .as_array()
                .expect("an array")
                .iter()
                .map(attribute_from_json)
                .collect(),
        ),
        "M" => AttributeValue::M(from_dynamodb_json(inner)),
        other => panic!("unsupported type descriptor {other:?}"),
    }
}

/// The job's item exactly as stored, in DynamoDB JSON.
async fn raw_item(stack: &TestStack, job_id: JobId) -> Value {
    let item = stack
        .dynamodb
        .get_item()
        .table_name(&stack.resources.tables.jobs)
        .key("job_id", AttributeValue::S(job_id.to_string()))
        .consistent_read(true)
        .send()
        .await
        .unwrap()
        .item
        .unwrap_or_else(|| panic!("job {job_id} is not in the table"));
    to_dynamodb_json(&item)
}

fn new_job(website_url: Option<&str>, instructions: Option<&str>, at: OffsetDateTime) -> Job {
    Job::new_queued(
        JobId::new(),
        WorkspaceId::parse("ws_schema-1").unwrap(),
        website_url.map(|url| SiteUrl::parse(url, NetworkPolicy::Public).unwrap()),
        instructions.map(str::to_owned),
        at,
        30,
    )
}

fn agent_for(job: &Job) -> Agent {
    Agent {
        agent_id: job.job_id.agent_id(),
        workspace_id: job.workspace_id.clone(),
        job_id: job.job_id,
        config: AgentConfig {
            name: "Acme".into(),
            personality: "Warm and precise.".into(),
            goals: vec!["Book appointments".into()],
            guardrails: vec!["Never fabricate information.".into()],
            tone: Tone::Professional,
            greeting: "Hi, thanks for calling Acme!".into(),
            voice: "alloy".into(),
            ..AgentConfig::default()
        },
        created_at: NOW,
    }
}

fn progress() -> CrawlProgress {
    CrawlProgress {
        stage: agent_builder_core::domain::progress::Stage::Fetching,
        pages_discovered: 41,
        pages_fetched: 12,
        pages_skipped: SkippedPages {
            robots: 3,
            non_html: 1,
            error: 2,
            budget: 23,
        },
        pages_rendered: 2,
    }
}

fn ms(at: OffsetDateTime) -> i64 {
    UnixMillis::from(at).as_millis()
}

async fn create(stack: &TestStack, job: &Job) {
    stack
        .store
        .create_job(job, UtcDay::containing(job.created_at), 50, None)
        .await
        .unwrap();
}

async fn claim(stack: &TestStack, job: &Job, at: OffsetDateTime) {
    let outcome = stack
        .store
        .claim_job(
            job.job_id,
            at,
            UnixMillis::from_millis(ms(at) + 60_000),
            false,
        )
        .await
        .unwrap();
    assert!(matches!(outcome, ClaimOutcome::Claimed(_)), "{outcome:?}");
}

fn attribute_names(item: &Value) -> BTreeSet<String> {
    item.as_object().unwrap().keys().cloned().collect()
}

#[tokio::test]
async fn every_job_state_the_adapter_writes_matches_the_schema() {
    let stack = stack().await;
    let validator = validator();
    let later = NOW + time::Duration::seconds(3) + time::Duration::nanoseconds(500_000_000);
    let mut seen = BTreeSet::new();
    let mut check = |what: &str, item: &Value, status: JobStatus| {
        assert_valid(&validator, what, item);
        assert_eq!(item["status"], json!({ "S": status.as_str() }), "{what}");
        assert_eq!(
            item["schema_version"],
            json!({ "N": JOB_SCHEMA_VERSION.to_string() }),
            "{what}"
        );
        seen.extend(attribute_names(item));
    };

    // Queued: just accepted, with both inputs.
    let queued = new_job(
        Some("https://example.com/"),
        Some("Focus on booking appointments"),
        NOW,
    );
    create(&stack, &queued).await;
    check(
        "a queued job",
        &raw_item(&stack, queued.job_id).await,
        JobStatus::Queued,
    );

    // Queued with instructions only (no website_url), and a wall-clock timestamp.
    let instructions_only = new_job(None, Some("A florist in Lyon"), OffsetDateTime::now_utc());
    create(&stack, &instructions_only).await;
    check(
        "a queued job with instructions only",
        &raw_item(&stack, instructions_only.job_id).await,
        JobStatus::Queued,
    );

    // Processing, with crawl progress and a lease.
    let processing = new_job(Some("https://example.com/"), None, NOW);
    create(&stack, &processing).await;
    claim(&stack, &processing, NOW).await;
    check(
        "a processing job before any progress",
        &raw_item(&stack, processing.job_id).await,
        JobStatus::Processing,
    );
    stack
        .store
        .update_progress(processing.job_id, &progress(), later)
        .await
        .unwrap();
    let item = raw_item(&stack, processing.job_id).await;
    check(
        "a processing job with progress",
        &item,
        JobStatus::Processing,
    );
    assert!(item.get("lease_expires_at").is_some(), "{item:#}");

    // Completed, with agent_id, progress and warnings.
    let completed = Job {
        callback_url: Some(
            SiteUrl::parse(
                "https://hooks.example.com/agent-builder",
                NetworkPolicy::Public,
            )
            .unwrap(),
        ),
        ..new_job(
            Some("https://example.com/"),
            Some("Focus on booking appointments"),
            NOW,
        )
    };
    create(&stack, &completed).await;
    claim(&stack, &completed, NOW).await;
    stack
        .store
        .update_progress(completed.job_id, &progress(), later)
        .await
        .unwrap();
    let warnings =
        vec!["The site's robots.txt could not be read, so only its home page was used.".to_owned()];
    stack
        .store
        .complete_job(
            completed.job_id,
            1,
            &agent_for(&completed),
            &warnings,
            later,
        )
        .await
        .unwrap();
    let delivery = WebhookDelivery {
        status: WebhookStatus::Delivered,
        attempts: 2,
        last_response_status: Some(200),
    };
    stack
        .store
        .record_webhook(completed.job_id, &delivery, later)
        .await
        .unwrap();
    let item = raw_item(&stack, completed.job_id).await;
    check(
        "a completed job with warnings and a webhook",
        &item,
        JobStatus::Completed,
    );
    assert_eq!(
        stack
            .store
            .get_job(completed.job_id)
            .await
            .unwrap()
            .unwrap()
            .webhook,
        Some(delivery)
    );
    assert_eq!(
        item["agent_id"],
        json!({ "S": completed.job_id.agent_id().to_string() })
    );
    assert!(item.get("lease_expires_at").is_none(), "{item:#}");

    // Completed with no warnings (the adapter writes an empty list).
    let plain = new_job(Some("https://example.com/"), None, NOW);
    create(&stack, &plain).await;
    claim(&stack, &plain, NOW).await;
    stack
        .store
        .complete_job(plain.job_id, 1, &agent_for(&plain), &[], later)
        .await
        .unwrap();
    check(
        "a completed job without warnings",
        &raw_item(&stack, plain.job_id).await,
        JobStatus::Completed,
    );

    // Failed while processing (after a crawl), with an error.
    let failed = new_job(Some("https://example.com/"), None, NOW);
    create(&stack, &failed).await;
    claim(&stack, &failed, NOW).await;
    stack
        .store
        .update_progress(failed.job_id, &progress(), later)
        .await
        .unwrap();
    stack
        .store
        .fail_job(
            failed.job_id,
            1,
            "Could not reach https://example.com/: connection refused",
            later,
        )
        .await
        .unwrap();
    let item = raw_item(&stack, failed.job_id).await;
    check("a job failed while processing", &item, JobStatus::Failed);
    assert!(item.get("lease_expires_at").is_none(), "{item:#}");

    // Failed straight from queued (the queue could not take the message).
    let unqueued = new_job(Some("https://example.com/"), None, NOW);
    create(&stack, &unqueued).await;
    stack
        .store
        .fail_job(unqueued.job_id, 0, "The job could not be queued.", NOW)
        .await
        .unwrap();
    check(
        "a job failed from queued",
        &raw_item(&stack, unqueued.job_id).await,
        JobStatus::Failed,
    );

    // The schema documents exactly the attributes the code writes: none missing (the
    // validations above would have refused them), none that nothing writes.
    let documented: BTreeSet<String> = schema()["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        seen, documented,
        "attributes written vs attributes in the schema"
    );
}

#[tokio::test]
async fn job_to_item_with_every_optional_attribute_matches_the_schema() {
    // A record put whole (the create path's `job_to_item`) with every optional field set that
    // its state allows, so each branch of the encoder is checked, not only the updates'.
    let stack = stack().await;
    let validator = validator();
    let mut done = new_job(Some("https://example.com/about"), Some("Be brief"), NOW);
    done.state = JobState::Completed {
        agent_id: done.job_id.agent_id(),
    };
    done.attempts = 2;
    done.progress = Some(progress());
    done.warnings = vec!["One.".into(), "Two.".into()];
    create(&stack, &done).await;
    assert_valid(
        &validator,
        "a completed job put whole",
        &raw_item(&stack, done.job_id).await,
    );

    let mut running = new_job(Some("https://example.com/"), None, NOW);
    running.state = JobState::Processing {
        lease: Lease {
            expires_at: UnixMillis::from_millis(ms(NOW) + 60_000),
            last_delivery: false,
        },
    };
    running.attempts = 1;
    running.progress = Some(progress());
    create(&stack, &running).await;
    assert_valid(
        &validator,
        "a processing job put whole",
        &raw_item(&stack, running.job_id).await,
    );

    let mut broken = new_job(None, Some("Be brief"), NOW);
    broken.state = JobState::Failed {
        error: "The language model did not answer.".into(),
    };
    create(&stack, &broken).await;
    assert_valid(
        &validator,
        "a failed job put whole",
        &raw_item(&stack, broken.job_id).await,
    );
}

#[tokio::test]
async fn the_example_matches_the_schema_and_the_adapter_reads_it() {
    let validator = validator();
    let example = read_json("job-record.v1.example.json");
    assert_valid(&validator, "schemas/job-record.v1.example.json", &example);

    // Its agent_id is the one the code derives from its job_id.
    let job_id = JobId::parse(example["job_id"]["S"].as_str().unwrap()).unwrap();
    assert_eq!(
        example["agent_id"]["S"].as_str().unwrap(),
        job_id.agent_id().to_string()
    );

    // Stored as-is, the adapter reads it as the completed job it describes, and a round trip
    // through the table leaves it unchanged.
    let stack = stack().await;
    stack
        .dynamodb
        .put_item()
        .table_name(&stack.resources.tables.jobs)
        .set_item(Some(from_dynamodb_json(&example)))
        .send()
        .await
        .unwrap();
    let job = stack.store.get_job(job_id).await.unwrap().unwrap();
    assert_eq!(job.status(), JobStatus::Completed);
    assert_eq!(job.agent_id(), Some(job_id.agent_id()));
    assert_eq!(job.attempts, 1);
    assert_eq!(job.warnings.len(), 1);
    assert_eq!(job.progress.unwrap().pages_fetched, 1);
    assert_eq!(raw_item(&stack, job_id).await, example);
}

#[test]
fn items_off_the_contract_fail_validation() {
    let validator = validator();
    let example = read_json("job-record.v1.example.json");
    let changed = |edit: &dyn Fn(&mut Map<String, Value>)| {
        let mut item = example.clone();
        edit(item.as_object_mut().unwrap());
        item
    };

    let cases: Vec<(&str, Value)> = vec![
        (
            "an attribute the schema does not document",
            changed(&|m| {
                m.insert("priority".into(), json!({ "N": "1" }));
            }),
        ),
        (
            "an unknown status",
            changed(&|m| {
                m.insert("status".into(), json!({ "S": "done" }));
            }),
        ),
        (
            "another schema_version",
            changed(&|m| {
                m.insert("schema_version".into(), json!({ "N": "2" }));
            }),
        ),
        (
            "a number stored as a string",
            changed(&|m| {
                m.insert("attempts".into(), json!({ "S": "1" }));
            }),
        ),
        (
            "a created_at that is not RFC 3339",
            changed(&|m| {
                m.insert("created_at".into(), json!({ "S": "29/11/2026 10:15" }));
            }),
        ),
        (
            "a job_id that is not a UUID",
            changed(&|m| {
                m.insert("job_id".into(), json!({ "S": "job-1" }));
            }),
        ),
        (
            "a missing required attribute",
            changed(&|m| {
                m.remove("expires_at");
            }),
        ),
        (
            "a completed job without agent_id",
            changed(&|m| {
                m.remove("agent_id");
            }),
        ),
        (
            "a failed job without error",
            changed(&|m| {
                m.insert("status".into(), json!({ "S": "failed" }));
                m.remove("agent_id");
            }),
        ),
        (
            "a processing job without a lease",
            changed(&|m| {
                m.insert("status".into(), json!({ "S": "processing" }));
                m.remove("agent_id");
            }),
        ),
        (
            "neither website_url nor instructions",
            changed(&|m| {
                m.remove("website_url");
                m.remove("instructions");
            }),
        ),
        (
            "a progress map missing a counter",
            changed(&|m| {
                m["progress"]["M"]
                    .as_object_mut()
                    .unwrap()
                    .remove("pages_fetched");
            }),
        ),
        (
            "warnings as a string set instead of a list",
            changed(&|m| {
                m.insert("warnings".into(), json!({ "SS": ["x"] }));
            }),
        ),
    ];
    for (what, item) in &cases {
        assert_invalid(&validator, what, item);
    }
}

#[tokio::test]
async fn a_stored_item_with_an_undocumented_attribute_fails_validation() {
    // The end-to-end form of the negative check: the real table, a real job, one attribute
    // written behind the schema's back.
    let stack = stack().await;
    let validator = validator();
    let job = new_job(Some("https://example.com/"), None, NOW);
    create(&stack, &job).await;
    assert_valid(&validator, "the job", &raw_item(&stack, job.job_id).await);
    stack
        .dynamodb
        .update_item()
        .table_name(&stack.resources.tables.jobs)
        .key("job_id", AttributeValue::S(job.job_id.to_string()))
        .update_expression("SET #extra = :v")
        .expression_attribute_names("#extra", "retry_hint")
        .expression_attribute_values(":v", AttributeValue::S("later".into()))
        .send()
        .await
        .unwrap();
    let item = raw_item(&stack, job.job_id).await;
    let errors = errors(&validator, &item);
    assert!(
        errors.iter().any(|e| e.contains("retry_hint")),
        "expected the undocumented attribute to be reported, got {errors:?}"
    );
}
