//! Shared test plumbing: an isolated set of tables and queues per test, the dev server, and
//! fixture websites served on 127.0.0.1.

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

use agent_builder_api::{CreateJobDeps, GetJobDeps};
use agent_builder_aws::dynamodb::DynamoStore;
use agent_builder_core::domain::{NetworkPolicy, WorkspaceId};
use agent_builder_engine::reaper::ReaperDeps;
use agent_builder_engine::worker::WorkerDeps;
use agent_builder_local::api_keys::create_api_key;
use agent_builder_local::dev_server::{DevServer, DevServerHandle};
use agent_builder_local::local_config::LocalConfig;
use agent_builder_local::provision::{provision, LocalResources};

/// The test dev servers sweep lapsed leases this often.
pub const SWEEP_INTERVAL: Duration = Duration::from_secs(1);
use agent_builder_aws as aws;
use agent_builder_engine::wiring;

/// Fresh tables and queues for one test, named with a unique prefix, on the emulators.
pub struct TestStack {
    pub sdk: aws_config::SdkConfig,
    pub sqs: aws_sdk_sqs::Client,
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub resources: LocalResources,
    pub store: Arc<DynamoStore>,
}

pub async fn stack() -> TestStack {
    assert!(
        ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_EVENTBRIDGE"]
            .iter()
            .all(|v| std::env::var_os(v).is_some()),
        "these tests need the local DynamoDB, SQS and EventBridge emulators: run `bash infra/test.sh`"
    );
    let sdk = aws::load_sdk_config().await;
    let dynamodb = aws::dynamodb_client(&sdk);
    let sqs = aws::sqs_client(&sdk);
    let prefix = format!("t{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
    let resources = provision(&dynamodb, &sqs, &prefix)
        .await
        .expect("provisioning the emulators");
    let store = Arc::new(DynamoStore::new(dynamodb.clone(), resources.tables.clone()));
    TestStack {
        sdk,
        sqs,
        dynamodb,
        resources,
        store,
    }
}

impl TestStack {
    pub fn config(&self, daily_job_limit: u32) -> LocalConfig {
        let mut config = LocalConfig::new(&self.resources);
        config.daily_job_limit = daily_job_limit;
        // Revocations in tests take effect at once; the cache has its own unit tests.
        config.api_key_cache_ttl = Duration::ZERO;
        let engine = &mut config.engine;
        engine.default_voice = "test-voice".to_owned();
        // Fixture sites live on 127.0.0.1.
        engine.network_policy = NetworkPolicy::AllowPrivate;
        engine.fetch.request_timeout = Duration::from_secs(5);
        engine.crawl.budget = Duration::from_secs(20);
        config
    }

    pub async fn api_key(&self, workspace: &str) -> String {
        let key = create_api_key(
            self.store.as_ref(),
            WorkspaceId::parse(workspace).unwrap(),
            "test",
        )
        .await
        .unwrap();
        key.reveal().to_owned()
    }

    /// The dev server over this stack's tables and queue.
    pub async fn dev_server(&self, config: &LocalConfig) -> DevServerHandle {
        let server = DevServer {
            create: CreateJobDeps::from_config(&config.create_job(), &self.sdk),
            get: GetJobDeps::from_config(&config.get_job(), &self.sdk),
            worker: WorkerDeps::from_config(&config.worker(), &self.sdk).unwrap(),
            reaper: ReaperDeps::from_config(&config.reaper(), &self.sdk).unwrap(),
            sqs: self.sqs.clone(),
            job_queue_url: config.job_queue_url.clone(),
            dead_letter_queue_url: self.resources.dead_letter_queue_url.clone(),
            sweep_interval: SWEEP_INTERVAL,
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        server.start(listener).unwrap()
    }

    /// The dev server with default settings, and an API client for a fresh key of `workspace`.
    pub async fn serve(&self, workspace: &str) -> (DevServerHandle, Api) {
        let server = self.dev_server(&self.config(50)).await;
        let api = Api::new(
            format!("http://{}", server.addr),
            self.api_key(workspace).await,
        );
        (server, api)
    }

    #[allow(dead_code)]
    pub fn pipeline(&self) -> agent_builder_engine::pipeline::Pipeline {
        wiring::pipeline_from_config(&self.config(50)).unwrap()
    }
}

/// A small HTTP client for the API under test.
pub struct Api {
    pub base: String,
    pub key: String,
    pub http: reqwest::Client,
}

impl Api {
    pub fn new(base: String, key: String) -> Self {
        Self {
            base,
            key,
            http: reqwest::Client::new(),
        }
    }

    pub async fn create(&self, body: Value) -> (u16, reqwest::header::HeaderMap, Value) {
        let response = self
            .http
            .post(format!("{}/agent-builder", self.base))
            .bearer_auth(&self.key)
            .json(&body)
            .send()
            .await
            .unwrap();
        split(response).await
    }

    pub async fn get(&self, job_id: &str) -> (u16, Value) {
        self.get_path(&format!("/agent-builder/{job_id}")).await
    }

    pub async fn get_agent(&self, agent_id: &str) -> (u16, Value) {
        self.get_path(&format!("/agents/{agent_id}")).await
    }

    async fn get_path(&self, path: &str) -> (u16, Value) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .send()
            .await
            .unwrap();
        let (status, _, body) = split(response).await;
        (status, body)
    }

    /// Polls until the job is `completed` or `failed` (bounded), returning its `data`.
    pub async fn wait_for_job(&self, job_id: &str) -> Value {
        for _ in 0..200 {
            let (status, body) = self.get(job_id).await;
            assert_eq!(status, 200, "{body}");
            let state = body["data"]["status"].as_str().unwrap().to_owned();
            if state == "completed" || state == "failed" {
                return body["data"].clone();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("job {job_id} did not finish within 20 s");
    }
}

pub async fn split(response: reqwest::Response) -> (u16, reqwest::header::HeaderMap, Value) {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, headers, body)
}

/// A fixture page: status, content type, body.
#[derive(Clone)]
pub struct Page {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

pub fn html(body: &str) -> Page {
    Page {
        status: 200,
        content_type: "text/html; charset=utf-8",
        body: body.as_bytes().to_vec(),
    }
}

/// Serves `pages` (by path) on 127.0.0.1; anything else is 404. Returns the base URL.
pub async fn fixture_site(pages: HashMap<&'static str, Page>) -> String {
    serve_with(Arc::new(move |path: &str| {
        let page = pages.get(path).cloned().unwrap_or(Page {
            status: 404,
            content_type: "text/html",
            body: b"<h1>Not found</h1>".to_vec(),
        });
        hyper::Response::builder()
            .status(page.status)
            .header("content-type", page.content_type)
            .body(Full::new(Bytes::from(page.body)))
            .unwrap()
    }))
    .await
}

/// A local port with nothing listening (bound, then released).
pub async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

/// Answers a request for a path.
pub type Handler = Arc<dyn Fn(&str) -> hyper::Response<Full<Bytes>> + Send + Sync>;

/// Serves whatever `handler` answers for each path, on 127.0.0.1. Returns the base URL.
pub async fn serve_with(handler: Handler) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let handler = handler.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let response = handler(req.uri().path());
                    async move { Ok::<_, std::convert::Infallible>(response) }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

/// Accepts connections and never answers (a hung server).
pub async fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    format!("http://{addr}")
}

/// Answers with headers, then drips the body one byte a second (a slowloris-style server).
pub async fn drip_server() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100000\r\n\r\n<title>";
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for _ in 0..100_000 {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    if stream.write_all(b"x").await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}
