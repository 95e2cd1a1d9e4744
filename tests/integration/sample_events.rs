//! The sample events in `infra/events/` (for `sam local invoke`) are real payloads the handlers
//! accept.

use serde_json::Value;
use std::sync::Arc;

use agent_builder_api::{create_job, get_job, CreateJobDeps, CreateJobSettings, GetJobDeps};
use agent_builder_core::clock::SystemClock;
use agent_builder_core::domain::{ApiKey, ApiKeyRecord, NetworkPolicy, WorkspaceId};
use agent_builder_core::queue::memory::MemoryQueue;
use agent_builder_core::store::memory::MemoryStore;
use agent_builder_core::store::ApiKeyStore;

fn event(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../infra/events/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[tokio::test]
async fn api_gateway_events_reach_the_handlers() {
    let store = Arc::new(MemoryStore::new());
    let create_event: Value = serde_json::from_str(&event("create-job.json")).unwrap();
    let auth = create_event["headers"]["authorization"].as_str().unwrap();
    let key = ApiKey::from_presented(auth.strip_prefix("Bearer ").unwrap());
    store
        .put_api_key(&ApiKeyRecord {
            key_hash: key.hash(),
            workspace_id: WorkspaceId::parse("demo").unwrap(),
            label: "sample".into(),
            revoked: false,
            created_at: time::OffsetDateTime::now_utc(),
        })
        .await
        .unwrap();
    let queue = Arc::new(MemoryQueue::new());
    let deps = CreateJobDeps {
        jobs: store.clone(),
        quota: store.clone(),
        api_keys: store.clone(),
        idempotency: store.clone(),
        queue: queue.clone(),
        clock: Arc::new(SystemClock),
        metrics: Arc::new(agent_builder_core::metrics::MemoryMetrics::default()),
        settings: CreateJobSettings {
            daily_job_limit: 50,
            job_ttl_days: 30,
            network_policy: NetworkPolicy::Public,
        },
    };
    let request = lambda_http::request::from_str(&event("create-job.json"))
        .expect("create-job.json is an API Gateway v2 event");
    let response = create_job(&deps, request).await;
    assert_eq!(response.status(), 201);
    assert_eq!(queue.sent().len(), 1);

    // get-job.json names some job id: it is not this workspace's, so 404 — but it parsed and
    // routed, and its path parameter was read.
    let request = lambda_http::request::from_str(&event("get-job.json"))
        .expect("get-job.json is an API Gateway v2 event");
    let get = GetJobDeps {
        jobs: store.clone(),
        agents: store.clone(),
        api_keys: store.clone(),
    };
    let response = get_job(&get, request).await;
    assert_eq!(response.status(), 404);
    let body: Value = serde_json::from_slice(response.body().as_ref()).unwrap();
    assert_eq!(body["message"], "Job not found");

    // get-agent.json reaches the agent route of the same (status) function.
    let request = lambda_http::request::from_str(&event("get-agent.json"))
        .expect("get-agent.json is an API Gateway v2 event");
    let response = agent_builder_api::status(&get, request).await;
    let body: Value = serde_json::from_slice(response.body().as_ref()).unwrap();
    assert_eq!(body["message"], "Agent not found");
}

#[test]
fn sqs_event_deserialises() {
    let batch: aws_lambda_events::sqs::SqsEvent =
        serde_json::from_str(&event("worker-sqs-batch.json")).unwrap();
    assert!(!batch.records.is_empty());
    for record in &batch.records {
        let body: Value = serde_json::from_str(record.body.as_deref().unwrap()).unwrap();
        assert!(body["job_id"].is_string());
        assert!(record.attributes.contains_key("ApproximateReceiveCount"));
    }
}

#[tokio::test]
async fn the_reapers_schedule_and_dead_letter_events_reach_its_handler() {
    use agent_builder_engine::reaper::{handle_event, ReaperDeps, ReaperSettings};
    let store = Arc::new(MemoryStore::new());
    let deps = ReaperDeps {
        jobs: store.clone(),
        clock: Arc::new(SystemClock),
        metrics: Arc::new(agent_builder_core::metrics::MemoryMetrics::default()),
        events: Arc::new(agent_builder_core::events::NoEvents),
        workspaces: store.clone(),
        webhooks: Arc::new(
            agent_builder_engine::webhooks::HttpWebhookSender::new(NetworkPolicy::Public, "t")
                .unwrap(),
        ),
        redelivery: Arc::new(MemoryQueue::new()),
        settings: ReaperSettings::default(),
    };
    let far_off = agent_builder_core::time::Deadline::at(
        agent_builder_core::time::UnixMillis::from_millis(i64::MAX),
    );
    let sweep: Value = serde_json::from_str(&event("job-reaper-sweep.json")).unwrap();
    let answer = handle_event(&deps, sweep, far_off).await.unwrap();
    assert_eq!(
        answer,
        serde_json::json!({"expired": 0, "ended": 0, "errors": 0})
    );
    // A dead-letter batch has the worker's batch's shape; unknown jobs are acknowledged.
    let batch: Value = serde_json::from_str(&event("worker-sqs-batch.json")).unwrap();
    let answer = handle_event(&deps, batch, far_off).await.unwrap();
    assert_eq!(answer["batchItemFailures"], serde_json::json!([]));
}
