//! Every job ends: the dev server's reaper (the same code as the job reaper Lambda) ends jobs
//! whose worker stopped for good — from the dead-letter queue and from its sweep over lapsed
//! leases — `failed`, with the quota unit given back. And the dev server answers request heads
//! hyper refuses with the JSON envelope.

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use agent_builder_core::domain::{Job, JobId, JobStatus, UtcDay, WorkspaceId};
use agent_builder_core::store::{JobStore, QuotaStore};
use agent_builder_core::time::UnixMillis;
use agent_builder_engine::reaper::ABANDONED;

use crate::helpers::{stack, Api, TestStack};

fn queued_job(workspace: &str) -> Job {
    Job::new_queued(
        JobId::new(),
        WorkspaceId::parse(workspace).unwrap(),
        None,
        Some("Answer questions about our menu".to_owned()),
        time::OffsetDateTime::now_utc(),
        30,
    )
}

/// Makes the job look as a worker left it: `processing`, claimed `attempts` times, its lease run
/// out a second ago, and no message anywhere.
async fn left_processing(stack: &TestStack, job_id: JobId, attempts: u32) {
    let lapsed_ms = UnixMillis::from(time::OffsetDateTime::now_utc()).as_millis() - 1_000;
    stack
        .dynamodb
        .update_item()
        .table_name(&stack.resources.tables.jobs)
        .key("job_id", AttributeValue::S(job_id.to_string()))
        .update_expression("SET #s = :p, lease_expires_at = :l, attempts = :a")
        .expression_attribute_names("#s", "status")
        .expression_attribute_values(":p", AttributeValue::S("processing".into()))
        .expression_attribute_values(":l", AttributeValue::N(lapsed_ms.to_string()))
        .expression_attribute_values(":a", AttributeValue::N(attempts.to_string()))
        .send()
        .await
        .unwrap();
}

async fn quota(stack: &TestStack, workspace: &str) -> u32 {
    stack
        .store
        .quota_used(
            &WorkspaceId::parse(workspace).unwrap(),
            UtcDay::containing(time::OffsetDateTime::now_utc()),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_job_whose_worker_died_on_its_last_delivery_ends_failed_and_gives_its_quota_back() {
    let stack = stack().await;
    let (server, api) = stack.serve("ws-reaped").await;
    // Created through the API (it takes a quota unit); the worker is made to have died on the
    // last delivery by writing what it would have left, before the dev server sees the message.
    let (status, _, body) = api
        .create(json!({"instructions": "Take table bookings"}))
        .await;
    assert_eq!(status, 201, "{body}");
    let job_id = JobId::parse(body["data"]["job_id"].as_str().unwrap()).unwrap();
    let job = api.wait_for_job(&job_id.to_string()).await;
    assert_eq!(job["status"], "completed");
    assert_eq!(quota(&stack, "ws-reaped").await, 1);

    let dead = queued_job("ws-reaped");
    stack
        .store
        .create_job(&dead, UtcDay::containing(dead.created_at), 50, None)
        .await
        .unwrap();
    assert_eq!(quota(&stack, "ws-reaped").await, 2);
    left_processing(&stack, dead.job_id, stack.resources.max_receive_count).await;
    // Another one left on an earlier delivery: its message would still come back, so the
    // sweep leaves it alone.
    let retried = queued_job("ws-reaped");
    stack
        .store
        .create_job(&retried, UtcDay::containing(retried.created_at), 50, None)
        .await
        .unwrap();
    left_processing(&stack, retried.job_id, 1).await;

    let ended = api.wait_for_job(&dead.job_id.to_string()).await;
    assert_eq!(ended["status"], "failed");
    assert_eq!(ended["error"], ABANDONED);
    assert!(ABANDONED.contains("No quota was used"));
    assert_eq!(
        quota(&stack, "ws-reaped").await,
        2,
        "the dead job's unit is back"
    );
    // Several sweeps later the other job is still the queue's to finish.
    tokio::time::sleep(crate::helpers::SWEEP_INTERVAL * 3).await;
    let still = stack.store.get_job(retried.job_id).await.unwrap().unwrap();
    assert_eq!(still.status(), JobStatus::Processing);
    server.shutdown().await;
}

#[tokio::test]
async fn a_dead_lettered_job_ends_failed_at_once_and_only_once() {
    let stack = stack().await;
    let server = stack.dev_server(&stack.config(50)).await;
    let api = Api::new(
        format!("http://{}", server.addr),
        stack.api_key("ws-dlq").await,
    );
    // Never claimed (every delivery's worker died before it could), one claimed once.
    let never = queued_job("ws-dlq");
    let once = queued_job("ws-dlq");
    for job in [&never, &once] {
        stack
            .store
            .create_job(job, UtcDay::containing(job.created_at), 50, None)
            .await
            .unwrap();
    }
    left_processing(&stack, once.job_id, 1).await;
    for job in [&never, &once, &never] {
        stack
            .sqs
            .send_message()
            .queue_url(&stack.resources.dead_letter_queue_url)
            .message_body(json!({ "job_id": job.job_id.to_string() }).to_string())
            .send()
            .await
            .unwrap();
    }
    for job in [&never, &once] {
        let ended = api.wait_for_job(&job.job_id.to_string()).await;
        assert_eq!(ended["status"], "failed");
        assert_eq!(ended["error"], ABANDONED);
    }
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    // The duplicate dead letter gave nothing back twice.
    assert_eq!(quota(&stack, "ws-dlq").await, 0);
    server.shutdown().await;
}

/// Sends a raw request head and returns the raw answer.
async fn raw(addr: std::net::SocketAddr, head: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read_to_end(&mut answer),
    )
    .await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn request_heads_hyper_refuses_get_the_json_envelope() {
    let stack = stack().await;
    let (server, api) = stack.serve("ws-heads").await;
    // 150 small headers fit API Gateway's 10 KiB: the request is served.
    let many: String = (0..150).map(|i| format!("x-h{i}: v\r\n")).collect();
    let answer = raw(
        server.addr,
        &format!(
            "GET /agent-builder/{} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {}\r\n{many}connection: close\r\n\r\n",
            JobId::new(),
            api.key
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 404 "), "{answer}");
    assert!(answer.contains(r#""message":"Job not found""#), "{answer}");

    // More header lines than hyper takes: hyper answers itself, with the envelope. (Short
    // lines, so the whole head is read before the answer and the close is a clean one.)
    let flood: String = (0..1_100).map(|_| "a:1\r\n").collect();
    let answer = raw(
        server.addr,
        &format!("GET /agent-builder/x HTTP/1.1\r\nhost: x\r\n{flood}\r\n"),
    )
    .await;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("HTTP/1.1 431 Request Header Fields Too Large"),
        "{head}"
    );
    assert!(head.contains("content-type: application/json"), "{head}");
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        body,
        json!({"statusCode": 431, "message": "Request headers are too large or too many", "error": "Request Header Fields Too Large"})
    );
    // A malformed request line.
    let answer = raw(server.addr, "GET\u{1}/ HTTP/1.1\r\nhost: x\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert!(answer.contains(r#""statusCode":400"#), "{answer}");
    server.shutdown().await;
}
