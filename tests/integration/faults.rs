//! Fault injection: a worker that died mid-job, DynamoDB throttling, a site that goes down
//! mid-crawl. Each ends with every job settled (`completed` or `failed`), one agent per
//! completed job, and the quota counter equal to the jobs that used it.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use agent_builder_aws::dynamodb::DynamoStore;
use agent_builder_core::domain::{Job, JobId, JobStatus, UtcDay, WorkspaceId};
use agent_builder_core::store::{ClaimOutcome, JobStore, QuotaStore};
use agent_builder_core::time::{Deadline, UnixMillis};

use crate::helpers::{stack, TestStack};

/// Every job ended, one agent per completed job, and the quota matches the jobs.
async fn assert_settled(stack: &TestStack, workspace: &str, jobs_using_quota: u32) {
    let jobs = stack
        .dynamodb
        .scan()
        .table_name(&stack.resources.tables.jobs)
        .send()
        .await
        .unwrap();
    let mut completed = 0;
    for item in jobs.items() {
        let status = item["status"].as_s().unwrap();
        assert!(
            status == "completed" || status == "failed",
            "job left {status}"
        );
        completed += usize::from(status == "completed");
    }
    let agents = stack
        .dynamodb
        .scan()
        .table_name(&stack.resources.tables.agents)
        .send()
        .await
        .unwrap();
    assert_eq!(
        agents.count() as usize,
        completed,
        "one agent per completed job"
    );
    let day = UtcDay::containing(time::OffsetDateTime::now_utc());
    let used = stack
        .store
        .quota_used(&WorkspaceId::parse(workspace).unwrap(), day)
        .await
        .unwrap();
    assert_eq!(used, jobs_using_quota);
}

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

async fn send(stack: &TestStack, job_id: JobId) {
    stack
        .sqs
        .send_message()
        .queue_url(&stack.resources.job_queue_url)
        .message_body(json!({ "job_id": job_id.to_string() }).to_string())
        .send()
        .await
        .unwrap();
}

async fn wait_settled(stack: &TestStack, job_id: JobId) -> Job {
    for _ in 0..200 {
        let job = stack.store.get_job(job_id).await.unwrap().unwrap();
        if job.status().is_terminal() {
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("job {job_id} never settled");
}

#[tokio::test]
async fn a_worker_that_died_mid_job_is_replaced_and_one_agent_results() {
    let stack = stack().await;
    let job = queued_job("ws-crash");
    let day = UtcDay::containing(job.created_at);
    stack.store.create_job(&job, day, 50, None).await.unwrap();

    // The first worker claimed the job, then died: its lease has lapsed, its message will be
    // redelivered (here: sent again, as SQS does after the visibility timeout).
    let now = time::OffsetDateTime::now_utc();
    let lapsed = UnixMillis::from(now) - std::time::Duration::from_secs(1);
    assert!(matches!(
        stack
            .store
            .claim_job(job.job_id, now, lapsed, false)
            .await
            .unwrap(),
        ClaimOutcome::Claimed(_)
    ));

    let server = stack.dev_server(&stack.config(50)).await;
    send(&stack, job.job_id).await;
    // A late duplicate of the same message changes nothing.
    send(&stack, job.job_id).await;
    let done = wait_settled(&stack, job.job_id).await;
    assert_eq!(done.status(), JobStatus::Completed);
    assert_eq!(done.attempts, 2, "the dead worker's claim and the takeover");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_settled(&stack, "ws-crash", 1).await;
    server.shutdown().await;
}

/// Sits in front of DynamoDB Local and answers the first `throttle` requests with the
/// throttling error DynamoDB sends under load; the rest are passed through unchanged.
async fn throttling_proxy(upstream: String, throttle: usize) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let client = reqwest::Client::new();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (client, upstream, counter) = (client.clone(), upstream.clone(), counter.clone());
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let (client, upstream, counter) =
                        (client.clone(), upstream.clone(), counter.clone());
                    async move {
                        let n = counter.fetch_add(1, Ordering::SeqCst);
                        if n < throttle {
                            let body = r#"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}"#;
                            return Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .status(400)
                                    .header("content-type", "application/x-amz-json-1.0")
                                    .body(Full::new(Bytes::from(body)))
                                    .unwrap(),
                            );
                        }
                        let (parts, body) = req.into_parts();
                        let body = body.collect().await.unwrap().to_bytes();
                        let mut forward = client.post(&upstream).body(body);
                        for (name, value) in &parts.headers {
                            if name != "host" && name != "content-length" {
                                forward = forward.header(name, value);
                            }
                        }
                        let answer = forward.send().await.unwrap();
                        let mut response =
                            hyper::Response::builder().status(answer.status().as_u16());
                        for (name, value) in answer.headers() {
                            if name != "content-length" && name != "transfer-encoding" {
                                response = response.header(name, value);
                            }
                        }
                        Ok(response
                            .body(Full::new(answer.bytes().await.unwrap()))
                            .unwrap())
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (format!("http://{addr}"), seen)
}

#[tokio::test]
async fn dynamodb_throttling_is_retried_by_the_sdk() {
    let stack = stack().await;
    let upstream = std::env::var("AWS_ENDPOINT_URL_DYNAMODB").unwrap();
    let (proxy, seen) = throttling_proxy(upstream, 2).await;
    let config = aws_sdk_dynamodb::config::Builder::from(&stack.sdk)
        .endpoint_url(proxy)
        .build();
    let throttled = DynamoStore::new(
        aws_sdk_dynamodb::Client::from_conf(config),
        stack.resources.tables.clone(),
    );

    let job = queued_job("ws-throttle");
    let day = UtcDay::containing(job.created_at);
    let usage = throttled
        .create_job(&job, day, 50, None)
        .await
        .expect("retried past two throttles");
    assert_eq!(usage.used, 1);
    assert!(
        seen.load(Ordering::SeqCst) >= 3,
        "two throttled attempts, then through"
    );
    assert_eq!(
        stack
            .store
            .get_job(job.job_id)
            .await
            .unwrap()
            .unwrap()
            .status(),
        JobStatus::Queued
    );
    assert_eq!(
        stack
            .store
            .quota_used(&job.workspace_id, day)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn persistent_throttling_answers_503_and_writes_nothing() {
    let stack = stack().await;
    let upstream = std::env::var("AWS_ENDPOINT_URL_DYNAMODB").unwrap();
    let key = stack.api_key("ws-throttled").await;
    // Every request after the API key lookup is throttled.
    let (proxy, _) = throttling_proxy(upstream, usize::MAX).await;
    let config = aws_sdk_dynamodb::config::Builder::from(&stack.sdk)
        .endpoint_url(proxy)
        .build();
    let throttled = Arc::new(DynamoStore::new(
        aws_sdk_dynamodb::Client::from_conf(config),
        stack.resources.tables.clone(),
    ));
    let mut deps =
        agent_builder_api::CreateJobDeps::from_config(&stack.config(50).create_job(), &stack.sdk);
    deps.jobs = throttled.clone();
    deps.quota = throttled;
    let request = lambda_http::http::Request::builder()
        .method("POST")
        .uri("/agent-builder")
        .header("authorization", format!("Bearer {key}"))
        .body(lambda_http::Body::Text(
            json!({"instructions": "x"}).to_string(),
        ))
        .unwrap();
    let response = agent_builder_api::create_job(&deps, request).await;
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    assert_settled(&stack, "ws-throttled", 0).await;
    let jobs = stack
        .dynamodb
        .scan()
        .table_name(&stack.resources.tables.jobs)
        .send()
        .await
        .unwrap();
    assert_eq!(jobs.count(), 0);
}

/// Serves the home page, then drops every other connection without answering: a site that
/// went down while we were reading it.
async fn site_that_dies() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let n = stream.read(&mut buf).await.unwrap_or(0);
                if buf[..n].starts_with(b"GET / ") {
                    let body = r#"<title>Corner Cafe</title><a href="/menu">Menu</a><a href="/contact">Contact</a>"#;
                    let head = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(body.as_bytes()).await;
                }
                // Anything else: the connection is dropped unanswered.
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_site_that_goes_down_mid_crawl_gives_a_partial_result() {
    let stack = stack().await;
    let site = site_that_dies().await;
    let (server, api) = stack.serve("ws-flaky").await;
    let (status, _, body) = api.create(json!({ "website_url": site })).await;
    assert_eq!(status, 201);
    let data = api
        .wait_for_job(body["data"]["job_id"].as_str().unwrap())
        .await;
    assert_eq!(data["status"], "completed", "{data}");
    // robots.txt went unanswered, so only the home page was used, and the job says so.
    assert!(
        data["warnings"][0]
            .as_str()
            .unwrap()
            .contains("robots.txt could not be read"),
        "{data}"
    );
    assert_eq!(data["progress"]["pages_fetched"], 1);
    assert_settled(&stack, "ws-flaky", 1).await;
    server.shutdown().await;
}

/// A language model that is down.
struct ModelDown;

#[async_trait::async_trait]
impl agent_builder_engine::generate::Generator for ModelDown {
    async fn generate(
        &self,
        _: &agent_builder_engine::generate::GenerationInput,
    ) -> Result<
        agent_builder_core::domain::AgentConfig,
        agent_builder_engine::generate::GenerateError,
    > {
        Err(agent_builder_engine::generate::GenerateError::Unavailable(
            "model answered 503".into(),
        ))
    }
}

#[tokio::test]
async fn a_model_outage_is_retried_on_redelivery_then_fails_the_job_on_the_last_attempt() {
    use agent_builder_engine::crawl::{CrawlSettings, Crawler, HttpFetcher};
    use agent_builder_engine::pipeline::Pipeline;
    use agent_builder_engine::worker::{handle_batch, WorkerDeps, WorkerSettings};
    use agent_builder_local::dev_server::sqs_event;
    use aws_sdk_sqs::types::{MessageSystemAttributeName, QueueAttributeName};

    let stack = stack().await;
    let config = stack.config(50);
    let crawler = Crawler::new(
        Arc::new(HttpFetcher::new(config.fetch.clone(), config.network_policy).unwrap()),
        CrawlSettings::default(),
    );
    let worker = WorkerDeps {
        jobs: stack.store.clone(),
        pipeline: Pipeline::new(Arc::new(crawler), Arc::new(ModelDown)),
        clock: Arc::new(agent_builder_core::clock::SystemClock),
        metrics: Arc::new(agent_builder_core::metrics::MemoryMetrics::default()),
        events: Arc::new(agent_builder_core::events::NoEvents),
        workspaces: stack.store.clone(),
        webhooks: Arc::new(
            agent_builder_engine::webhooks::HttpWebhookSender::new(config.network_policy, "test")
                .unwrap(),
        ),
        redelivery: Arc::new(agent_builder_aws::sqs::SqsQueue::new(
            stack.sqs.clone(),
            stack.resources.job_queue_url.clone(),
        )),
        settings: WorkerSettings {
            max_receive_count: stack.resources.max_receive_count,
            ..WorkerSettings::default()
        },
    };
    let job = queued_job("ws-model-down");
    stack
        .store
        .create_job(&job, UtcDay::containing(job.created_at), 50, None)
        .await
        .unwrap();
    send(&stack, job.job_id).await;

    // Deliver as the event source mapping does; a reported failure makes SQS redeliver (the
    // visibility timeout is cut to zero here so the test need not wait 18 minutes).
    let mut deliveries = 0;
    let deadline = || {
        Deadline::after(
            UnixMillis::from(time::OffsetDateTime::now_utc()),
            std::time::Duration::from_secs(60),
        )
    };
    loop {
        let received = stack
            .sqs
            .receive_message()
            .queue_url(&stack.resources.job_queue_url)
            .message_system_attribute_names(MessageSystemAttributeName::All)
            .wait_time_seconds(1)
            .send()
            .await
            .unwrap();
        let messages = received.messages.unwrap_or_default();
        if messages.is_empty() {
            break;
        }
        deliveries += 1;
        assert!(deliveries <= 5, "redelivered forever");
        let handle = messages[0].receipt_handle.clone().unwrap();
        let response = handle_batch(&worker, sqs_event(messages), deadline()).await;
        let queue = stack.sqs.clone();
        let url = stack.resources.job_queue_url.clone();
        if response.batch_item_failures.is_empty() {
            queue
                .delete_message()
                .queue_url(&url)
                .receipt_handle(handle)
                .send()
                .await
                .unwrap();
        } else {
            // The lease is tied to the invocation deadline; the next attempt may take over
            // once it lapses, which a real redelivery (after the visibility timeout) ensures.
            let job_now = stack.store.get_job(job.job_id).await.unwrap().unwrap();
            assert_eq!(job_now.status(), JobStatus::Processing);
            expire_lease(&stack, job.job_id).await;
            queue
                .change_message_visibility()
                .queue_url(&url)
                .receipt_handle(handle)
                .visibility_timeout(0)
                .send()
                .await
                .unwrap();
        }
    }
    assert_eq!(deliveries, stack.resources.max_receive_count as usize);
    let failed = stack.store.get_job(job.job_id).await.unwrap().unwrap();
    assert_eq!(failed.status(), JobStatus::Failed);
    assert_eq!(
        failed.error(),
        Some("Could not generate the agent: the language model is unavailable")
    );
    // Nothing went to the dead-letter queue: the job ended on its last delivery.
    let dlq = stack
        .sqs
        .get_queue_attributes()
        .queue_url(&stack.resources.dead_letter_queue_url)
        .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
        .send()
        .await
        .unwrap();
    assert_eq!(
        dlq.attributes().unwrap()[&QueueAttributeName::ApproximateNumberOfMessages],
        "0"
    );
    assert_settled(&stack, "ws-model-down", 1).await;
}

/// Makes a processing job's lease lapse, as time passing would.
async fn expire_lease(stack: &TestStack, job_id: JobId) {
    use aws_sdk_dynamodb::types::AttributeValue;
    stack
        .dynamodb
        .update_item()
        .table_name(&stack.resources.tables.jobs)
        .key("job_id", AttributeValue::S(job_id.to_string()))
        .update_expression("SET lease_expires_at = :past")
        .expression_attribute_values(":past", AttributeValue::N("0".into()))
        .send()
        .await
        .unwrap();
}
