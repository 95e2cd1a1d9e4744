//! The worker's path to a deployed renderer: `LambdaRenderer` over the real aws-sdk-lambda
//! client, through the whole job (dev server → DynamoDB + SQS → worker), against a local server
//! speaking Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`) the way Lambda
//! answers when the renderer function is missing, fails, times out, or replies with something
//! unreadable or over the 6 MB limit. Whatever the renderer does, the job completes from the
//! pages as served and `warnings` names the page that was not rendered.
//!
//! And the same path with the real renderer function (its binary under `cargo lambda watch`,
//! which serves the Invoke API; headless Chromium behind the guard) on a client-routed app:
//! ignored by default, run by `bash infra/lambda-invoke.sh`, which starts both.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

use agent_builder_core::domain::NetworkPolicy;
use agent_builder_engine::render::remote::MAX_PAYLOAD_BYTES;
use agent_builder_engine::render::{RenderMode, RenderRequest};
use agent_builder_engine::wiring;
use agent_builder_local::local_config::LocalConfig;
use aws_types::service_config::{LoadServiceConfig, ServiceConfigKey};

use crate::helpers::{serve_with, stack, Api, TestStack};

/// Render requests the fake Lambda received, by function name (the request bodies).
type Invocations = Arc<Mutex<HashMap<String, Vec<Value>>>>;

fn lambda_response(
    status: u16,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-amzn-requestid", "11111111-2222-3333-4444-555555555555");
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(Full::new(Bytes::from(body))).unwrap()
}

/// A rendered page as the renderer function returns it, with `html` as its DOM.
fn reply_with(url: &str, html: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "page": {
            "url": url, "html": html, "wall": 640, "browser_start": 150,
            "peak_rss_bytes": 220_000_000u64, "requests_blocked": 0
        }
    }))
    .unwrap()
}

/// Answers an invocation of `function` as Lambda would for the fault the name says.
async fn answer(function: &str, request: &Value) -> hyper::Response<Full<Bytes>> {
    let url = request["url"].as_str().unwrap_or_default();
    let unhandled = [("x-amz-function-error", "Unhandled")];
    match function {
        "renders" => lambda_response(200, &[], reply_with(url, RENDERED_CONTACT)),
        "missing" => lambda_response(
            404,
            &[("x-amzn-errortype", "ResourceNotFoundException")],
            br#"{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing"}"#.to_vec(),
        ),
        "crashes" => lambda_response(
            200,
            &unhandled,
            br#"{"errorType":"Runtime.ExitError","errorMessage":"RequestId: 1 Error: Runtime exited with error: signal: killed"}"#.to_vec(),
        ),
        "times-out" => lambda_response(
            200,
            &unhandled,
            br#"{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: 1 Error: Task timed out after 30.00 seconds"}"#.to_vec(),
        ),
        "reply-too-large" => lambda_response(
            200,
            &unhandled,
            br#"{"errorType":"Function.ResponseSizeTooLarge","errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes)."}"#.to_vec(),
        ),
        // What an emulator or proxy that does not enforce the limit would pass on.
        "oversized" => {
            let html = format!("{RENDERED_CONTACT}{}", "<p>filler</p>".repeat(MAX_PAYLOAD_BYTES / 12));
            lambda_response(200, &[], reply_with(url, &html))
        }
        "malformed" => lambda_response(200, &[], b"<html>502 Bad Gateway</html>".to_vec()),
        "no-browser" => lambda_response(
            200,
            &[],
            br#"{"error":"no browser is available to render it"}"#.to_vec(),
        ),
        "hangs" => {
            tokio::time::sleep(Duration::from_secs(600)).await;
            lambda_response(200, &[], b"{}".to_vec())
        }
        other => panic!("no fault named {other}"),
    }
}

/// The fake Lambda endpoint. Returns its URL and what it was asked.
async fn fake_lambda() -> (String, Invocations) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let invocations: Invocations = Arc::default();
    let seen = invocations.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let seen = seen.clone();
                    async move {
                        let path = req.uri().path().to_owned();
                        let function = path
                            .strip_prefix("/2015-03-31/functions/")
                            .and_then(|rest| rest.strip_suffix("/invocations"))
                            .unwrap_or_default()
                            .to_owned();
                        let body = req.into_body().collect().await.unwrap().to_bytes();
                        let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                        seen.lock()
                            .unwrap()
                            .entry(function.clone())
                            .or_default()
                            .push(request.clone());
                        Ok::<_, std::convert::Infallible>(answer(&function, &request).await)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (format!("http://{addr}"), invocations)
}

/// The stack's AWS configuration with Lambda's endpoint at `url` (as `AWS_ENDPOINT_URL_LAMBDA`
/// does), every other service's as it was.
#[derive(Debug)]
struct LambdaAt {
    url: String,
    rest: aws_config::SdkConfig,
}

impl LoadServiceConfig for LambdaAt {
    fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
        if key.service_id() == "Lambda" && key.env() == "AWS_ENDPOINT_URL" {
            return Some(self.url.clone());
        }
        self.rest.service_config()?.load_config(key)
    }
}

const HOME: &str = r#"<!doctype html><html lang="en"><head><title>Harbor Light Dental</title></head>
<body><h1>Harbor Light Dental</h1>
<p>Harbor Light Dental is a family dental practice in Portland, Maine, offering check-ups, cleanings, fillings, crowns and teeth whitening for patients of every age.</p>
<p><a href="/contact">Contact us</a></p></body></html>"#;

/// The contact page as served: a shell its script fills in.
const CONTACT_SHELL: &str = r#"<!doctype html><html lang="en"><head><title>Loading…</title>
<script src="/contact.js"></script></head><body><div id="root"></div></body></html>"#;

/// The contact page's DOM once rendered: the phone only the browser sees.
const RENDERED_CONTACT: &str = r#"<html lang="en"><head><title>Contact | Harbor Light Dental</title></head><body><div id="root"><h1>Contact Harbor Light Dental</h1><p>Call us on (207) 555-0187.</p><p>Open Monday to Friday 8am to 5pm.</p></div></body></html>"#;

async fn site() -> String {
    serve_with(Arc::new(|path: &str| {
        let (status, ct, body) = match path {
            "/" => (200, "text/html; charset=utf-8", HOME),
            "/contact" => (200, "text/html; charset=utf-8", CONTACT_SHELL),
            "/contact.js" => (200, "text/javascript", "document.title = 'Contact';"),
            _ => (404, "text/html", "<h1>Not found</h1>"),
        };
        hyper::Response::builder()
            .status(status)
            .header("content-type", ct)
            .body(Full::new(Bytes::from(body)))
            .unwrap()
    }))
    .await
}

/// A stack whose AWS configuration reaches Lambda at `endpoint`.
async fn stack_with_lambda(endpoint: String) -> TestStack {
    let mut stack: TestStack = stack().await;
    stack.sdk = stack
        .sdk
        .to_builder()
        .service_config(LambdaAt {
            url: endpoint,
            rest: stack.sdk.clone(),
        })
        .build();
    stack
}

/// The stack's config, guarded except for exactly `site`'s origin, rendering through the Lambda
/// function `function`.
fn lambda_config(stack: &TestStack, site: &str, function: &str) -> LocalConfig {
    let mut config: LocalConfig = stack.config(50);
    config.network_policy = NetworkPolicy::Public
        .with_allowed_origins(&[site.to_owned()])
        .unwrap();
    config.render.mode = RenderMode::Auto;
    config.renderer_function = Some(function.to_owned());
    config
}

/// One job on `site` through a worker whose renderer is the Lambda function `function` at the
/// fake endpoint. Returns the job's data, its agent, and what the function was sent.
async fn job_through(function: &str, crawl_budget: Duration) -> (Value, Value, Vec<Value>) {
    let (endpoint, invocations) = fake_lambda().await;
    let stack = stack_with_lambda(endpoint).await;
    let base = site().await;
    let mut config = lambda_config(&stack, &base, function);
    config.chromium.page_timeout = Duration::from_secs(2);
    config.crawl.budget = crawl_budget;
    let (data, agent) = run_job(&stack, &config, &base).await;
    let sent = invocations
        .lock()
        .unwrap()
        .get(function)
        .cloned()
        .unwrap_or_default();
    (data, agent, sent)
}

/// One job on `site` through a dev server over `config`; it must complete. Returns the job's
/// data and its agent.
async fn run_job(stack: &TestStack, config: &LocalConfig, base: &str) -> (Value, Value) {
    let server = stack.dev_server(config).await;
    let api = Api::new(
        format!("http://{}", server.addr),
        stack.api_key("ws-render-lambda").await,
    );
    let (status, _, created) = api.create(json!({ "website_url": base })).await;
    assert_eq!(status, 201, "{created}");
    let job_id = created["data"]["job_id"].as_str().unwrap().to_owned();
    let mut data = Value::Null;
    for _ in 0..1800 {
        let (status, body) = api.get(&job_id).await;
        assert_eq!(status, 200, "{body}");
        data = body["data"].clone();
        if data["status"] == "completed" || data["status"] == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(data["status"], "completed", "{data}");
    let (status, agent) = api.get_agent(data["agent_id"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{agent}");
    server.shutdown().await;
    (data, agent["data"].clone())
}

fn digits(v: &Value) -> String {
    v.to_string().chars().filter(char::is_ascii_digit).collect()
}

/// The job completed from the pages as served, and says which page was not rendered and why.
async fn read_as_served(function: &str, why: &str, crawl_budget: Duration) {
    let (data, agent, sent) = job_through(function, crawl_budget).await;
    // The worker asked the function for the shell, and only for it.
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0]["url"].as_str().unwrap().ends_with("/contact"),
        "{sent:?}"
    );
    assert_eq!(data["progress"]["pages_rendered"], 0, "{data}");
    let warnings = data["warnings"].to_string();
    assert!(
        warnings.contains("/contact is built by JavaScript and could not be rendered"),
        "{warnings}"
    );
    assert!(warnings.contains(why), "{function}: {warnings}");
    // The served home page still made the agent; the phone only the rendered page holds is not
    // in it.
    assert_eq!(agent["name"], "Harbor Light Dental", "{agent}");
    assert!(!digits(&agent).contains("2075550187"), "{agent}");
}

#[tokio::test]
async fn a_page_the_renderer_function_returns_is_read_from_its_dom() {
    let (data, agent, sent) = job_through("renders", Duration::from_secs(20)).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    // The request carries the page, its budget and the site's robots.txt (none here).
    assert!(sent[0]["url"].as_str().unwrap().ends_with("/contact"));
    assert!(sent[0]["budget"].as_u64().unwrap() > 0, "{sent:?}");
    assert_eq!(data["progress"]["pages_rendered"], 1, "{data}");
    assert!(
        !data["warnings"]
            .to_string()
            .contains("could not be rendered"),
        "{data}"
    );
    assert!(digits(&agent).contains("2075550187"), "{agent}");
}

#[tokio::test]
async fn a_missing_renderer_function_leaves_the_page_as_served() {
    read_as_served(
        "missing",
        "the renderer function missing does not exist",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test]
async fn a_crashing_renderer_function_leaves_the_page_as_served() {
    read_as_served(
        "crashes",
        "the renderer function failed",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test]
async fn a_renderer_function_that_timed_out_leaves_the_page_as_served() {
    read_as_served(
        "times-out",
        "the renderer function timed out",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test]
async fn a_renderer_function_that_never_answers_costs_at_most_the_crawl_budget() {
    // The worker stops waiting at the crawl's remaining budget (under its per-page limit).
    read_as_served("hangs", "did not finish within", Duration::from_secs(8)).await;
}

#[tokio::test]
async fn an_unreadable_reply_leaves_the_page_as_served() {
    read_as_served(
        "malformed",
        "the renderer function's reply was unreadable",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test]
async fn a_reply_over_lambdas_limit_is_refused_either_side() {
    // Lambda refuses it (a function error) …
    read_as_served(
        "reply-too-large",
        "larger than Lambda allows",
        Duration::from_secs(20),
    )
    .await;
    // … and the worker refuses one that got through anyway, without reading it.
    read_as_served(
        "oversized",
        "larger than Lambda allows",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test]
async fn a_renderer_without_a_browser_says_so() {
    read_as_served(
        "no-browser",
        "no browser is available to render it",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the renderer function under `cargo lambda watch`: bash infra/lambda-invoke.sh runs it"]
async fn the_renderer_function_under_cargo_lambda_watch_renders_a_client_routed_app() {
    // Set by infra/lambda-invoke.sh: the Invoke API of `cargo lambda watch` running the renderer
    // function with ALLOW_ORIGINS set to exactly the fixture's origin, and that origin, serving
    // tests/fixtures/sites/spa (every route is the app's shell).
    let endpoint = std::env::var("AB_RENDERER_LAMBDA_ENDPOINT")
        .expect("AB_RENDERER_LAMBDA_ENDPOINT: run this through bash infra/lambda-invoke.sh");
    let site = std::env::var("AB_RENDERER_SITE")
        .expect("AB_RENDERER_SITE: run this through bash infra/lambda-invoke.sh");
    let site = site.trim_end_matches('/').to_owned();
    let stack = stack_with_lambda(endpoint).await;
    let mut config = lambda_config(&stack, &site, "renderer");

    // The first invocation builds and starts the function: one page straight through the
    // worker's renderer (LambdaRenderer), with room for that.
    let mut first = config.clone();
    first.chromium.page_timeout = Duration::from_secs(600);
    let renderer = wiring::renderer_from_config(&first, Some(&stack.sdk));
    let page = renderer
        .render(RenderRequest {
            url: format!("{site}/contact").parse().unwrap(),
            robots_txt: None,
            budget: Duration::from_secs(600),
        })
        .await
        .expect("the renderer function renders the contact route");
    assert!(page.html.contains("(503) 555-0142"), "{}", page.html);
    assert!(page.peak_rss_bytes > 0 && page.wall > Duration::ZERO);

    // A whole job: the worker asks the function for each shell it crawls.
    config.crawl.budget = Duration::from_secs(60);
    let (data, agent) = run_job(&stack, &config, &site).await;
    // The home page, and the two routes its rendered navigation links to.
    assert_eq!(data["progress"]["pages_rendered"], 3, "{data}");
    assert!(
        !data["warnings"]
            .to_string()
            .contains("could not be rendered"),
        "{data}"
    );
    // Facts only the rendered DOM holds: the served pages are an empty root titled "Loading…".
    assert_eq!(agent["name"], "Blue Fern Yoga", "{agent}");
    assert!(digits(&agent).contains("5035550142"), "{agent}");
    let text = agent.to_string();
    assert!(text.contains("Hawthorne"), "{agent}");
    assert!(!text.contains("Loading"), "{agent}");
}
