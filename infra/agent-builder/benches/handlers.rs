//! Handler latency in-process: `create_job` and `get_job` over in-memory ports (no network),
//! 10,000 requests each, one at a time; prints p50, p99 and max. What is left is our own work:
//! parsing, validation, auth, envelopes.
//!
//!   cargo bench -p agent-builder --bench handlers            (REQUESTS=10000 to change)

use std::sync::Arc;
use std::time::{Duration, Instant};

use agent_builder_api::{create_job, get_job, CreateJobDeps, CreateJobSettings, GetJobDeps};
use agent_builder_core::clock::SystemClock;
use agent_builder_core::domain::{ApiKey, ApiKeyRecord, NetworkPolicy, WorkspaceId};
use agent_builder_core::metrics::MemoryMetrics;
use agent_builder_core::queue::memory::MemoryQueue;
use agent_builder_core::store::memory::MemoryStore;
use agent_builder_core::store::ApiKeyStore;
use lambda_http::{Body, RequestExt};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<10} {} requests: p50 {:>6.1} µs, p99 {:>6.1} µs, max {:>7.1} µs",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e6,
        percentile(&samples, 0.99).as_secs_f64() * 1e6,
        samples.last().unwrap().as_secs_f64() * 1e6,
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let requests: usize = std::env::var("REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let store = Arc::new(MemoryStore::new());
    let key = ApiKey::generate();
    store
        .put_api_key(&ApiKeyRecord {
            key_hash: key.hash(),
            workspace_id: WorkspaceId::parse("bench").unwrap(),
            label: String::new(),
            revoked: false,
            created_at: time::OffsetDateTime::now_utc(),
        })
        .await
        .unwrap();
    let create = CreateJobDeps {
        jobs: store.clone(),
        quota: store.clone(),
        api_keys: store.clone(),
        idempotency: store.clone(),
        queue: Arc::new(MemoryQueue::new()),
        clock: Arc::new(SystemClock),
        metrics: Arc::new(MemoryMetrics::default()),
        settings: CreateJobSettings {
            daily_job_limit: u32::MAX,
            job_ttl_days: 30,
            network_policy: NetworkPolicy::Public,
        },
    };
    let get = GetJobDeps {
        jobs: store.clone(),
        agents: store.clone(),
        api_keys: store.clone(),
    };
    let auth = format!("Bearer {}", key.reveal());
    let body = r#"{"website_url":"https://www.example.com/","instructions":"Focus on booking appointments and answering questions about opening hours."}"#;

    let mut job_ids = Vec::with_capacity(requests);
    let mut samples = Vec::with_capacity(requests);
    for _ in 0..requests {
        let request = lambda_http::http::Request::builder()
            .method("POST")
            .uri("/agent-builder")
            .header("authorization", &auth)
            .header("content-type", "application/json")
            .body(Body::Text(body.to_owned()))
            .unwrap();
        let started = Instant::now();
        let response = create_job(&create, request).await;
        samples.push(started.elapsed());
        assert_eq!(response.status(), 201);
        let json: serde_json::Value = serde_json::from_slice(response.body().as_ref()).unwrap();
        job_ids.push(json["data"]["job_id"].as_str().unwrap().to_owned());
    }
    report("create-job", samples);

    let mut samples = Vec::with_capacity(requests);
    for job_id in &job_ids {
        let request = lambda_http::http::Request::builder()
            .uri(format!("/agent-builder/{job_id}"))
            .header("authorization", &auth)
            .body(Body::Empty)
            .unwrap()
            .with_path_parameters(std::collections::HashMap::from([(
                "job_id".to_owned(),
                job_id.clone(),
            )]));
        let started = Instant::now();
        let response = get_job(&get, request).await;
        samples.push(started.elapsed());
        assert_eq!(response.status(), 200);
    }
    report("get-job", samples);
}
