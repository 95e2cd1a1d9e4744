//! Webhooks: a finished job's record is POSTed to its `callback_url`, signed per Standard
//! Webhooks with the workspace's secret (verified here with the standard's own library), retried
//! on failure, and the delivery recorded on the job.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;

use agent_builder_core::domain::WorkspaceId;
use agent_builder_core::store::WorkspaceStore;

use crate::helpers::stack;

type Received = Arc<Mutex<Vec<(http::HeaderMap, Bytes)>>>;

/// A webhook receiver that answers `statuses` in turn (then 200) and keeps what it received.
async fn receiver(statuses: Vec<u16>) -> (String, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let received: Received = Arc::default();
    let (log, plan) = (received.clone(), Arc::new(Mutex::new(statuses.into_iter())));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (log, plan) = (log.clone(), plan.clone());
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let (log, plan) = (log.clone(), plan.clone());
                    async move {
                        let (parts, body) = req.into_parts();
                        let body = body.collect().await.unwrap().to_bytes();
                        log.lock().unwrap().push((parts.headers, body));
                        let status = plan.lock().unwrap().next().unwrap_or(200);
                        Ok::<_, std::convert::Infallible>(
                            hyper::Response::builder()
                                .status(status)
                                .body(Full::new(Bytes::new()))
                                .unwrap(),
                        )
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (format!("http://{addr}/hooks/agent-builder"), received)
}

#[tokio::test]
async fn a_signed_webhook_is_retried_until_delivered_and_recorded() {
    let stack = stack().await;
    let (server, api) = stack.serve("ws-hooks").await;
    let (url, received) = receiver(vec![500, 503]).await;
    let (status, _, body) = api
        .create(json!({ "instructions": "Take table bookings", "callback_url": url }))
        .await;
    assert_eq!(status, 201, "{body}");
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();
    api.wait_for_job(&job_id).await;
    // The delivery is recorded just after the job completes.
    let mut data = Value::Null;
    for _ in 0..100 {
        data = api.get(&job_id).await.1["data"].clone();
        if data.get("webhook").is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(data["callback_url"], url.as_str());
    assert_eq!(
        data["webhook"],
        json!({"status": "delivered", "attempts": 3, "last_response_status": 200})
    );

    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 3, "two failures, then delivered");
    let secret = stack
        .store
        .webhook_secret(&WorkspaceId::parse("ws-hooks").unwrap())
        .await
        .unwrap();
    let verifier = standardwebhooks::Webhook::new(&secret).unwrap();
    for (headers, payload) in &received {
        verifier
            .verify(payload, headers)
            .expect("signed per Standard Webhooks");
        assert_eq!(headers["content-type"], "application/json");
        assert_eq!(
            headers["webhook-id"],
            format!("{job_id}:completed").as_str(),
            "one id across retries"
        );
    }
    let record: Value = serde_json::from_slice(&received[2].1).unwrap();
    assert_eq!(record["job_id"], job_id.as_str());
    assert_eq!(record["status"], "completed");
    assert_eq!(record["agent_id"], data["agent_id"]);
    // Another workspace's secret does not verify it.
    let other = stack
        .store
        .webhook_secret(&WorkspaceId::parse("ws-other").unwrap())
        .await
        .unwrap();
    assert!(standardwebhooks::Webhook::new(&other)
        .unwrap()
        .verify(&received[2].1, &received[2].0)
        .is_err());
    server.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_or_refusing_receiver_is_recorded_and_the_job_still_completes() {
    let stack = stack().await;
    let (server, api) = stack.serve("ws-hooks-down").await;
    let (gone, received) = receiver(vec![404]).await;
    let (_, _, body) = api
        .create(json!({ "instructions": "Answer questions", "callback_url": gone }))
        .await;
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();
    assert_eq!(api.wait_for_job(&job_id).await["status"], "completed");
    let mut data = Value::Null;
    for _ in 0..100 {
        data = api.get(&job_id).await.1["data"].clone();
        if data.get("webhook").is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A 404 will not change on retry: one attempt, recorded as failed.
    assert_eq!(
        data["webhook"],
        json!({"status": "failed", "attempts": 1, "last_response_status": 404})
    );
    assert_eq!(received.lock().unwrap().len(), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn a_failed_job_is_announced_too() {
    let stack = stack().await;
    let (server, api) = stack.serve("ws-hooks-failed").await;
    let (url, received) = receiver(vec![]).await;
    let down = format!("http://127.0.0.1:{}/", crate::helpers::closed_port().await);
    let (_, _, body) = api
        .create(json!({ "website_url": down, "callback_url": url }))
        .await;
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();
    let failed = api.wait_for_job(&job_id).await;
    assert_eq!(failed["status"], "failed");
    for _ in 0..100 {
        if !received.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    let (headers, payload) = &received[0];
    assert_eq!(headers["webhook-id"], format!("{job_id}:failed").as_str());
    let record: Value = serde_json::from_slice(payload).unwrap();
    assert_eq!(record["status"], "failed");
    assert_eq!(record["error"], failed["error"]);
    server.shutdown().await;
}
