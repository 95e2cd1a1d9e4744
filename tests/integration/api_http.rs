//! The API contract over HTTP against the emulators: auth, validation, cross-workspace
//! isolation, the daily quota, and the queue-failure give-back.

use serde_json::{json, Value};
use std::sync::Arc;

use agent_builder_api::create_job::NOT_QUEUED_ERROR;
use agent_builder_api::{CreateJobDeps, GetJobDeps};
use agent_builder_core::domain::{ApiKey, JobId, JobStatus, NetworkPolicy, UtcDay, WorkspaceId};
use agent_builder_core::store::{ApiKeyStore, JobStore, QuotaStore};

use crate::helpers::{split, stack, Api};

fn unauthorized() -> Value {
    json!({"statusCode": 401, "message": "Invalid or missing API key", "error": "Unauthorized"})
}

#[tokio::test]
async fn missing_unknown_and_revoked_keys_get_401_on_both_routes() {
    let stack = stack().await;
    let server = stack.dev_server(&stack.config(50)).await;
    let base = format!("http://{}", server.addr);
    let http = reqwest::Client::new();
    let key = stack.api_key("ws-auth").await;
    let job_path = format!("{base}/agent-builder/{}", JobId::new());

    let no_header = http
        .post(format!("{base}/agent-builder"))
        .json(&json!({"instructions": "x"}))
        .send()
        .await
        .unwrap();
    let (status, _, body) = split(no_header).await;
    assert_eq!((status, body), (401, unauthorized()));

    for auth in ["Bearer ab_unknown", "Basic dXNlcjpwdw==", "Bearer", &key] {
        let r = http
            .get(&job_path)
            .header("authorization", auth)
            .send()
            .await
            .unwrap();
        let (status, _, body) = split(r).await;
        assert_eq!((status, body), (401, unauthorized()), "{auth}");
    }

    // Odd casing of the scheme is still a bearer token.
    let api = Api::new(base.clone(), key.clone());
    let r = http
        .post(format!("{base}/agent-builder"))
        .header("authorization", format!("bEaReR {key}"))
        .json(&json!({"instructions": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);

    stack
        .store
        .revoke_api_key(&ApiKey::from_presented(&key).hash())
        .await
        .unwrap();
    let (status, _, body) = api.create(json!({"instructions": "x"})).await;
    assert_eq!((status, body), (401, unauthorized()));
    server.shutdown().await;
}

#[tokio::test]
async fn another_workspaces_job_is_404_like_a_missing_one() {
    let stack = stack().await;
    let server = stack.dev_server(&stack.config(50)).await;
    let base = format!("http://{}", server.addr);
    let owner = Api::new(base.clone(), stack.api_key("ws-owner").await);
    let intruder = Api::new(base.clone(), stack.api_key("ws-intruder").await);
    let (_, _, body) = owner.create(json!({"instructions": "Book tables"})).await;
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();

    let not_found = json!({"statusCode": 404, "message": "Job not found", "error": "Not Found"});
    assert_eq!(intruder.get(&job_id).await, (404, not_found.clone()));
    assert_eq!(
        intruder.get(&JobId::new().to_string()).await,
        (404, not_found.clone())
    );
    assert_eq!(owner.get("not-a-job-id").await, (404, not_found.clone()));
    assert_eq!(
        owner.get(&job_id.to_uppercase().replace('-', "")).await,
        (404, not_found)
    );

    let (status, body) = owner.get(&job_id).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], 200);
    assert_eq!(body["message"], "Agent builder job retrieved");
    assert_eq!(body["data"]["job_id"], job_id.as_str());
    for field in ["created_at", "updated_at"] {
        let text = body["data"][field].as_str().unwrap();
        assert!(
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .is_ok(),
            "{text}"
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn bad_requests_are_400_with_a_clear_message_and_use_no_quota() {
    let stack = stack().await;
    // As deployed: only public addresses are accepted.
    let mut config = stack.config(50);
    config.network_policy = NetworkPolicy::Public;
    let server = stack.dev_server(&config).await;
    let base = format!("http://{}", server.addr);
    let key = stack.api_key("ws-bad").await;
    let http = reqwest::Client::new();
    let post_raw = |body: Vec<u8>| {
        http.post(format!("{base}/agent-builder"))
            .bearer_auth(&key)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            b"{}".to_vec(),
            "Either website_url or instructions must be provided",
        ),
        (
            br#"{"website_url":" ","instructions":""}"#.to_vec(),
            "Either website_url or instructions must be provided",
        ),
        (b"not json".to_vec(), "Request body is not valid JSON"),
        (b"[]".to_vec(), "Request body must be a JSON object"),
        (
            br#"{"website_url":7}"#.to_vec(),
            "website_url must be a string",
        ),
        (
            br#"{"website_url":"ftp://example.com"}"#.to_vec(),
            "Invalid URL",
        ),
        (
            br#"{"website_url":"http://localhost:8080"}"#.to_vec(),
            "Invalid URL",
        ),
        (
            br#"{"website_url":"http://2130706433/"}"#.to_vec(),
            "Invalid URL",
        ),
        (
            br#"{"website_url":"http://0x7f.0.0.1/"}"#.to_vec(),
            "Invalid URL",
        ),
        (
            br#"{"website_url":"http://10.0.0.5/admin"}"#.to_vec(),
            "Invalid URL",
        ),
        (
            br#"{"website_url":"https://user:pw@example.com/"}"#.to_vec(),
            "Invalid URL",
        ),
        (
            br#"{"website_url":"http://169.254.169.254/latest"}"#.to_vec(),
            "Invalid URL",
        ),
        (
            br#"{"website_url":"http://[::ffff:10.0.0.1]/"}"#.to_vec(),
            "Invalid URL",
        ),
        (br#"{"website_url":"intranet"}"#.to_vec(), "Invalid URL"),
        (
            format!(r#"{{"instructions":"{}"}}"#, "a".repeat(10_001)).into_bytes(),
            "Instructions must be at most 10000 characters",
        ),
        (
            format!(r#"{{"instructions":"{}"}}"#, "a".repeat(70_000)).into_bytes(),
            "Request body is larger than 64 KiB",
        ),
        (
            b"{\"instructions\":\"\xff\xfe\"}".to_vec(),
            "Request body is not valid JSON",
        ),
        // Enormous numbers and nesting are refused, not evaluated.
        (
            br#"{"instructions":"x","n":1e999999}"#.to_vec(),
            "Request body is not valid JSON",
        ),
        (
            format!(
                r#"{{"instructions":"x","deep":{}{}}}"#,
                "[".repeat(5_000),
                "]".repeat(5_000)
            )
            .into_bytes(),
            "Request body is not valid JSON",
        ),
    ];
    for (body, message) in cases {
        let preview = String::from_utf8_lossy(&body[..body.len().min(60)]).into_owned();
        let (status, _, json) = split(post_raw(body).await.unwrap()).await;
        assert_eq!(status, 400, "{preview}: {json}");
        assert_eq!(json["statusCode"], 400);
        assert_eq!(json["error"], "Bad Request");
        assert!(
            json["message"].as_str().unwrap().starts_with(message),
            "{preview}: {json}"
        );
    }
    let day = UtcDay::containing(time::OffsetDateTime::now_utc());
    assert_eq!(
        stack
            .store
            .quota_used(&WorkspaceId::parse("ws-bad").unwrap(), day)
            .await
            .unwrap(),
        0
    );
    server.shutdown().await;
}

#[tokio::test]
async fn exactly_the_daily_limit_is_accepted_then_429() {
    let stack = stack().await;
    let server = stack.dev_server(&stack.config(50)).await;
    let base = format!("http://{}", server.addr);
    let api = Arc::new(Api::new(base.clone(), stack.api_key("ws-quota").await));

    // 200 requests at once for one workspace: exactly 50 succeed.
    let requests = (0..200).map(|i| {
        let api = api.clone();
        tokio::spawn(async move {
            api.create(json!({"instructions": format!("Job {i}")}))
                .await
        })
    });
    let results: Vec<_> = futures::future::join_all(requests)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let created = results.iter().filter(|(s, _, _)| *s == 201).count();
    let limited: Vec<_> = results.iter().filter(|(s, _, _)| *s == 429).collect();
    assert_eq!((created, limited.len()), (50, 150));

    let (_, headers, body) = limited[0];
    assert_eq!(
        body,
        &json!({"statusCode": 429, "message": "Rate limit exceeded: max 50 jobs per workspace per day", "error": "Too Many Requests"})
    );
    let day = UtcDay::containing(time::OffsetDateTime::now_utc());
    let retry_after: i64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=86_400).contains(&retry_after));
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(
        headers["x-ratelimit-reset"],
        day.next_midnight().unix_timestamp().to_string().as_str()
    );
    let remaining: Vec<u32> = results
        .iter()
        .filter(|(s, _, _)| *s == 201)
        .map(|(_, h, _)| {
            h["x-ratelimit-remaining"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(remaining.iter().all(|r| *r < 50));
    assert!(
        remaining.contains(&0),
        "the last accepted job sees 0 remaining"
    );

    let ws = WorkspaceId::parse("ws-quota").unwrap();
    assert_eq!(stack.store.quota_used(&ws, day).await.unwrap(), 50);
    // A 51st request later is still refused; another workspace is unaffected.
    assert_eq!(api.create(json!({"instructions": "one more"})).await.0, 429);
    let other = Api::new(base, stack.api_key("ws-quota-2").await);
    assert_eq!(other.create(json!({"instructions": "mine"})).await.0, 201);
    server.shutdown().await;
}

#[tokio::test]
async fn queue_failure_fails_the_job_returns_the_quota_and_answers_503() {
    let stack = stack().await;
    let mut config = stack.config(50);
    // A queue that does not exist: the real SQS client's send fails after the transaction.
    config.job_queue_url = format!("{}-missing", stack.resources.job_queue_url);
    let deps = CreateJobDeps::from_config(&config.create_job(), &stack.sdk);
    let key = stack.api_key("ws-sqs-down").await;
    let request = lambda_http::http::Request::builder()
        .method("POST")
        .uri("/agent-builder")
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", "application/json")
        .body(lambda_http::Body::Text(
            json!({"instructions": "x"}).to_string(),
        ))
        .unwrap();
    let response = agent_builder_api::create_job(&deps, request).await;
    assert_eq!(response.status(), 503);
    let body: Value = serde_json::from_slice(response.body().as_ref()).unwrap();
    assert_eq!(body["statusCode"], 503);
    assert_eq!(body["error"], "Service Unavailable");
    assert!(
        !body["message"].as_str().unwrap().contains("queue"),
        "no internal detail in a 5xx body"
    );

    let ws = WorkspaceId::parse("ws-sqs-down").unwrap();
    let day = UtcDay::containing(time::OffsetDateTime::now_utc());
    assert_eq!(
        stack.store.quota_used(&ws, day).await.unwrap(),
        0,
        "quota unit given back"
    );
    let jobs = stack
        .dynamodb
        .scan()
        .table_name(&stack.resources.tables.jobs)
        .send()
        .await
        .unwrap();
    assert_eq!(jobs.count(), 1);
    let job_id = JobId::parse(jobs.items()[0]["job_id"].as_s().unwrap()).unwrap();
    let job = stack.store.get_job(job_id).await.unwrap().unwrap();
    assert_eq!(
        job.status(),
        JobStatus::Failed,
        "never left queued with no message"
    );
    assert_eq!(job.error(), Some(NOT_QUEUED_ERROR));

    // The owner sees the failure when polling.
    // The key of a request that was never queued is forgotten: retrying it creates a job.
    let keyed = |key: &str| {
        lambda_http::http::Request::builder()
            .method("POST")
            .uri("/agent-builder")
            .header("authorization", format!("Bearer {key}"))
            .header("idempotency-key", "retry-me")
            .body(lambda_http::Body::Text(
                json!({"instructions": "y"}).to_string(),
            ))
            .unwrap()
    };
    let response = agent_builder_api::create_job(&deps, keyed(&key)).await;
    assert_eq!(response.status(), 503);
    let healthy = CreateJobDeps::from_config(&stack.config(50).create_job(), &stack.sdk);
    let response = agent_builder_api::create_job(&healthy, keyed(&key)).await;
    assert_eq!(response.status(), 201);

    let get = GetJobDeps::from_config(&config.get_job(), &stack.sdk);
    let request = lambda_http::http::Request::builder()
        .uri(format!("/agent-builder/{job_id}"))
        .header("authorization", format!("Bearer {key}"))
        .body(lambda_http::Body::Empty)
        .unwrap();
    let response = agent_builder_api::get_job(&get, request).await;
    let body: Value = serde_json::from_slice(response.body().as_ref()).unwrap();
    assert_eq!(body["data"]["status"], "failed");
}

async fn post_keyed(api: &Api, key: &str, body: Value) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = api
        .http
        .post(format!("{}/agent-builder", api.base))
        .bearer_auth(&api.key)
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    split(response).await
}

#[tokio::test]
async fn idempotency_key_replays_the_original_job_and_uses_no_quota() {
    let stack = stack().await;
    let server = stack.dev_server(&stack.config(50)).await;
    let api = Arc::new(Api::new(
        format!("http://{}", server.addr),
        stack.api_key("ws-idem").await,
    ));
    let body = json!({"instructions": "Book appointments", "website_url": null});

    let (status, _, first) = post_keyed(&api, "order-1", body.clone()).await;
    assert_eq!(status, 201, "{first}");
    let job_id = first["data"]["job_id"].as_str().unwrap().to_owned();

    // The same request again (formatted differently): the original job, 200, no new quota.
    let (status, headers, again) = post_keyed(
        &api,
        "order-1",
        json!({"instructions": "  Book appointments "}),
    )
    .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["data"]["job_id"], job_id.as_str());
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(
        headers["location"],
        format!("/agent-builder/{job_id}").as_str()
    );

    // Another request under the same key is refused.
    let (status, _, other) =
        post_keyed(&api, "order-1", json!({"instructions": "Something else"})).await;
    assert_eq!(status, 422, "{other}");
    assert_eq!(other["error"], "Unprocessable Entity");
    assert_eq!(
        other["message"],
        "This Idempotency-Key was already used with a different request"
    );

    // Concurrent duplicates of a new key create exactly one job.
    let racers = (0..10).map(|_| {
        let api = api.clone();
        tokio::spawn(
            async move { post_keyed(&api, "order-2", json!({"instructions": "Race"})).await },
        )
    });
    let results: Vec<_> = futures::future::join_all(racers)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let created = results.iter().filter(|(s, _, _)| *s == 201).count();
    let replayed = results.iter().filter(|(s, _, _)| *s == 200).count();
    assert_eq!(
        (created, replayed),
        (1, 9),
        "{:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    let ids: std::collections::HashSet<_> = results
        .iter()
        .map(|(_, _, b)| b["data"]["job_id"].clone())
        .collect();
    assert_eq!(ids.len(), 1);

    let day = UtcDay::containing(time::OffsetDateTime::now_utc());
    let ws = WorkspaceId::parse("ws-idem").unwrap();
    assert_eq!(
        stack.store.quota_used(&ws, day).await.unwrap(),
        2,
        "one unit per job, none for replays"
    );

    let (status, _, bad) = post_keyed(&api, "has space", json!({"instructions": "x"})).await;
    assert_eq!(status, 400, "{bad}");
    assert_eq!(
        bad["message"],
        "Idempotency-Key must be 1-255 visible ASCII characters"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn hostile_headers_get_a_clear_4xx() {
    let stack = stack().await;
    let server = stack.dev_server(&stack.config(50)).await;
    let base = format!("http://{}", server.addr);
    let key = stack.api_key("ws-headers").await;
    let http = reqwest::Client::new();
    let post = || {
        http.post(format!("{base}/agent-builder"))
            .body(r#"{"instructions":"x"}"#)
    };

    // Two Authorization headers, even if one is valid: ambiguous, so refused.
    let r = post()
        .header("authorization", format!("Bearer {key}"))
        .header("authorization", "Bearer ab_other")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // An absurdly long token is not looked up.
    let r = post()
        .header("authorization", format!("Bearer {}", "a".repeat(8_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Headers beyond API Gateway's 10 KiB are refused before any handler runs.
    let r = post()
        .header("authorization", format!("Bearer {key}"))
        .header("x-padding", "p".repeat(20_000))
        .send()
        .await
        .unwrap();
    let (status, _, body) = split(r).await;
    assert_eq!(status, 431);
    assert_eq!(body["error"], "Request Header Fields Too Large");
    // Wrong content types.
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let r = post()
            .header("authorization", format!("Bearer {key}"))
            .header("content-type", content_type)
            .send()
            .await
            .unwrap();
        let (status, _, body) = split(r).await;
        assert_eq!(status, 415, "{content_type}");
        assert_eq!(body["message"], "Content-Type must be application/json");
    }
    // Nothing above used quota.
    let day = UtcDay::containing(time::OffsetDateTime::now_utc());
    let used = stack
        .store
        .quota_used(&WorkspaceId::parse("ws-headers").unwrap(), day)
        .await
        .unwrap();
    assert_eq!(used, 0);
    server.shutdown().await;
}
