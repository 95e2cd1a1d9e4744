//! End to end through the dev server: HTTP → create handler → DynamoDB + SQS → worker handler
//! (real SQS batches) → GET, with fixture websites on 127.0.0.1.

use serde_json::json;
use std::collections::HashMap;

use agent_builder_core::domain::{AgentId, JobStatus};
use agent_builder_core::store::{AgentStore, JobStore};

use crate::helpers::{closed_port, fixture_site, html, stack, Api, Page};

const BAKERY: &str = r#"<!doctype html><html lang="en"><head>
<title>Home | Rosie's Bakery</title>
<meta property="og:site_name" content="Rosie's Bakery">
<meta name="description" content="Sourdough, pastries and celebration cakes, baked fresh every morning in Portland.">
</head><body><h1>Rosie's Bakery</h1><p>Open daily.</p></body></html>"#;

#[tokio::test]
async fn website_job_runs_to_completed_and_stores_the_agent() {
    let stack = stack().await;
    let site = fixture_site(HashMap::from([("/", html(BAKERY))])).await;
    let (server, api) = stack.serve("ws-bakery").await;

    let (status, headers, body) = api
        .create(json!({ "website_url": site, "instructions": "Take cake orders" }))
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], 201);
    assert_eq!(body["message"], "Agent builder job created");
    assert_eq!(body["data"]["status"], "queued");
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();
    assert_eq!(
        headers["location"],
        format!("/agent-builder/{job_id}").as_str()
    );
    assert_eq!(headers["x-ratelimit-limit"], "50");
    assert_eq!(headers["x-ratelimit-remaining"], "49");

    let data = api.wait_for_job(&job_id).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(data["job_id"], job_id.as_str());
    assert_eq!(data["website_url"], format!("{site}/").as_str());
    assert_eq!(data["instructions"], "Take cake orders");
    assert!(data.get("error").is_none());
    assert!(data.get("warnings").is_none(), "{data}");
    // The crawl's counters: the home page read, the guessed common paths not found.
    assert_eq!(data["progress"]["pages_fetched"], 1, "{data}");
    assert_eq!(data["progress"]["stage"], "done");
    assert!(data["progress"]["pages_discovered"].as_u64().unwrap() > 1);
    assert!(data["progress"]["pages_skipped"]["error"].as_u64().unwrap() > 0);

    let agent_id = AgentId::parse(data["agent_id"].as_str().unwrap()).unwrap();

    // The agent can be read back through the API by its workspace, and by no other.
    let (status, body) = api.get_agent(&agent_id.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["message"], "Agent retrieved");
    assert_eq!(body["data"]["agent_id"], agent_id.to_string().as_str());
    assert_eq!(body["data"]["job_id"], job_id.as_str());
    assert_eq!(body["data"]["name"], "Rosie's Bakery");
    assert_eq!(body["data"]["voice"], "test-voice");
    assert!(body["data"]["goals"].as_array().unwrap().len() >= 4);
    let stranger = Api::new(api.base.clone(), stack.api_key("ws-stranger").await);
    let not_found = json!({"statusCode": 404, "message": "Agent not found", "error": "Not Found"});
    assert_eq!(
        stranger.get_agent(&agent_id.to_string()).await,
        (404, not_found.clone())
    );
    assert_eq!(api.get_agent("not-an-id").await, (404, not_found.clone()));
    assert_eq!(
        api.get_agent(&uuid::Uuid::new_v4().to_string()).await,
        (404, not_found)
    );
    let agent = stack
        .store
        .get_agent(agent_id)
        .await
        .unwrap()
        .expect("agent item exists");
    assert_eq!(agent.workspace_id.as_str(), "ws-bakery");
    assert_eq!(agent.config.name, "Rosie's Bakery");
    assert!(agent.config.greeting.contains("Rosie's Bakery"));
    assert_eq!(agent.config.voice, "test-voice");
    assert!(agent
        .config
        .guardrails
        .iter()
        .any(|g| g.to_lowercase().contains("never make up")));
    assert!(agent
        .config
        .goals
        .iter()
        .any(|g| g.contains("Take cake orders")));
    server.shutdown().await;
}

#[tokio::test]
async fn instructions_only_job_completes_without_any_fetch() {
    let stack = stack().await;
    let (server, api) = stack.serve("ws-instr").await;
    let (status, _, body) = api
        .create(json!({ "instructions": "Focus on customer support for our SaaS product" }))
        .await;
    assert_eq!(status, 201, "{body}");
    let data = api
        .wait_for_job(body["data"]["job_id"].as_str().unwrap())
        .await;
    assert_eq!(data["status"], "completed", "{data}");
    assert!(data.get("website_url").is_none());
    let agent = stack
        .store
        .get_agent(AgentId::parse(data["agent_id"].as_str().unwrap()).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(agent.config.name, "Customer Support Assistant");
    server.shutdown().await;
}

#[tokio::test]
async fn unreachable_site_fails_the_job_with_a_clear_error() {
    let stack = stack().await;
    let (server, api) = stack.serve("ws-down").await;
    let url = format!("http://127.0.0.1:{}/", closed_port().await);
    let (status, _, body) = api.create(json!({ "website_url": url })).await;
    assert_eq!(status, 201, "{body}");
    let data = api
        .wait_for_job(body["data"]["job_id"].as_str().unwrap())
        .await;
    assert_eq!(data["status"], "failed");
    assert_eq!(
        data["error"],
        format!("Could not reach {url}: connection refused").as_str()
    );
    assert!(data.get("agent_id").is_none());
    server.shutdown().await;
}

#[tokio::test]
async fn site_answering_an_error_status_fails_the_job() {
    let stack = stack().await;
    let site = fixture_site(HashMap::from([(
        "/",
        Page {
            status: 503,
            content_type: "text/html",
            body: b"down for maintenance".to_vec(),
        },
    )]))
    .await;
    let (server, api) = stack.serve("ws-503").await;
    let (_, _, body) = api.create(json!({ "website_url": site })).await;
    let data = api
        .wait_for_job(body["data"]["job_id"].as_str().unwrap())
        .await;
    assert_eq!(data["status"], "failed");
    assert_eq!(
        data["error"],
        format!("Could not read {site}/: the site answered HTTP 503").as_str()
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_redelivered_message_for_a_finished_job_creates_no_second_agent() {
    let stack = stack().await;
    let site = fixture_site(HashMap::from([("/", html(BAKERY))])).await;
    let (server, api) = stack.serve("ws-redeliver").await;
    let (_, _, body) = api.create(json!({ "website_url": site })).await;
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();
    let first = api.wait_for_job(&job_id).await;
    assert_eq!(first["status"], "completed");

    // SQS delivers at least once: send the same message again and let the worker see it;
    // also an unreadable message, which must be dropped rather than retried forever.
    for body in [
        json!({ "job_id": job_id }).to_string(),
        "this is not json".to_owned(),
    ] {
        stack
            .sqs
            .send_message()
            .queue_url(&stack.resources.job_queue_url)
            .message_body(body)
            .send()
            .await
            .unwrap();
    }
    wait_for_empty_queue(&stack).await;

    let job = stack
        .store
        .get_job(agent_builder_core::domain::JobId::parse(&job_id).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.status(), JobStatus::Completed);
    assert_eq!(
        job.attempts, 1,
        "the duplicate was acknowledged without re-running the job"
    );
    let agents = stack
        .dynamodb
        .scan()
        .table_name(&stack.resources.tables.agents)
        .send()
        .await
        .unwrap();
    assert_eq!(agents.count(), 1);
    server.shutdown().await;
}

async fn wait_for_empty_queue(stack: &crate::helpers::TestStack) {
    use aws_sdk_sqs::types::QueueAttributeName;
    for _ in 0..100 {
        let attrs = stack
            .sqs
            .get_queue_attributes()
            .queue_url(&stack.resources.job_queue_url)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
            .send()
            .await
            .unwrap();
        let a = attrs.attributes().unwrap();
        let count = |name: QueueAttributeName| {
            a.get(&name)
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(0)
        };
        if count(QueueAttributeName::ApproximateNumberOfMessages) == 0
            && count(QueueAttributeName::ApproximateNumberOfMessagesNotVisible) == 0
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the queue did not drain");
}

#[tokio::test]
async fn an_unreadable_site_with_instructions_completes_with_a_warning() {
    let stack = stack().await;
    let site = fixture_site(HashMap::from([(
        "/robots.txt",
        Page {
            status: 200,
            content_type: "text/plain",
            body: b"User-agent: *\nDisallow: /\n".to_vec(),
        },
    )]))
    .await;
    let (server, api) = stack.serve("ws-warn").await;

    // Without instructions there is nothing to build from: the job fails and says why.
    let (_, _, body) = api.create(json!({ "website_url": site })).await;
    let data = api
        .wait_for_job(body["data"]["job_id"].as_str().unwrap())
        .await;
    assert_eq!(data["status"], "failed");
    assert_eq!(
        data["error"],
        format!("The site's robots.txt does not allow AgentBuilderBot to read {site}/ or any other page").as_str()
    );

    // With instructions the agent is built from them alone, and the job says so.
    let (_, _, body) = api
        .create(json!({ "website_url": site, "instructions": "Answer questions about our opening hours" }))
        .await;
    let data = api
        .wait_for_job(body["data"]["job_id"].as_str().unwrap())
        .await;
    assert_eq!(data["status"], "completed", "{data}");
    let warnings = data["warnings"].as_array().unwrap();
    // Issue 12: an agent whose business has no name anywhere says so too.
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .contains("built from the instructions alone"),
        "{warnings:?}"
    );
    assert!(
        warnings[1]
            .as_str()
            .unwrap()
            .contains("No business name was found"),
        "{warnings:?}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_site_redirecting_into_a_private_network_fails_with_blocked_address() {
    let stack = stack().await;
    let site = crate::helpers::serve_with(std::sync::Arc::new(|_: &str| {
        hyper::Response::builder()
            .status(302)
            .header("location", "http://169.254.169.254/latest/meta-data/iam/")
            .body(http_body_util::Full::new(bytes::Bytes::new()))
            .unwrap()
    }))
    .await;
    let (server, api) = stack.serve("ws-ssrf").await;
    let (_, _, body) = api.create(json!({ "website_url": site })).await;
    let data = api
        .wait_for_job(body["data"]["job_id"].as_str().unwrap())
        .await;
    assert_eq!(data["status"], "failed");
    assert_eq!(
        data["error"],
        format!("Could not reach {site}/: blocked address (private or local network)").as_str()
    );
    server.shutdown().await;
}
