//! A job end to end on the local stack: the dev server (the same `DevServer` that
//! `agent-builder dev` runs: HTTP API, SQS poller, worker) over DynamoDB Local and moto, and a
//! fixture site of 25 pages (home + 24) on 127.0.0.1 answering every request after 50 ms.
//! Each run POSTs a job over HTTP and waits until the worker has stored it `completed`; the
//! median of the runs is reported, split by stage, beside the crawl's lower bound
//! robots → home → sitemap → ⌈24 / concurrency⌉ waves × latency.
//!
//! Stage times come from a recording wrapper around the worker's job store, so nothing polls
//! the emulator while a job runs: each progress write the worker makes (the job record's
//! `progress.stage`) is stamped when it is issued.
//!
//!   eval "$(AB_DDB_PORT=8300 AB_SQS_PORT=5300 bash infra/emulators.sh env)"
//!   cargo bench -p agent-builder --bench job_e2e      (RUNS=10 WARMUP=3 PAGES=24 LATENCY_MS=50)
//!
//! `python3 infra/bench/job_e2e.py` starts the emulators and runs it.
//!
//! `DETACH_PROGRESS=1` tries a product change without making it: progress writes are issued in
//! the background (the job goes on without waiting for them), as a worker whose progress sink
//! only hands the latest snapshot to a writer task would.

use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tokio::net::TcpListener;

use agent_builder_api::{CreateJobDeps, GetJobDeps};
use agent_builder_aws as aws;
use agent_builder_aws::dynamodb::DynamoStore;
use agent_builder_core::domain::idempotency::IdempotencyClaim;
use agent_builder_core::domain::progress::{CrawlProgress, Stage};
use agent_builder_core::domain::webhook::WebhookDelivery;
use agent_builder_core::domain::{Agent, Job, JobId, NetworkPolicy, UtcDay, WorkspaceId};
use agent_builder_core::metrics::MemoryMetrics;
use agent_builder_core::store::{ClaimOutcome, JobStore, QuotaUsage, StoreError};
use agent_builder_core::time::UnixMillis;
use agent_builder_engine::reaper::ReaperDeps;
use agent_builder_engine::worker::WorkerDeps;
use agent_builder_local::api_keys::create_api_key;
use agent_builder_local::dev_server::DevServer;
use agent_builder_local::local_config::LocalConfig;
use agent_builder_local::provision::provision;

#[path = "common/fixture_site.rs"]
mod fixture_site;
use fixture_site::{FixtureSite, PageBody};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    ClaimStart,
    Stage(Stage),
    Completed,
    Failed,
}

/// The worker's job store, with every call that moves a job along stamped.
struct Recorder {
    inner: Arc<dyn JobStore>,
    marks: Mutex<HashMap<JobId, Vec<(Mark, Instant)>>>,
    /// Time spent in progress writes (update_progress), summed over all jobs, and their count.
    progress_writes: Arc<Mutex<(Duration, u32)>>,
    /// Progress writes run in the background instead of on the job's path.
    detach_progress: bool,
}

impl Recorder {
    fn mark(&self, job_id: JobId, mark: Mark, at: Instant) {
        self.marks
            .lock()
            .unwrap()
            .entry(job_id)
            .or_default()
            .push((mark, at));
    }

    /// When `mark` first happened to the job.
    fn first(&self, job_id: JobId, mark: Mark) -> Option<Instant> {
        self.marks
            .lock()
            .unwrap()
            .get(&job_id)?
            .iter()
            .find(|(m, _)| *m == mark)
            .map(|(_, at)| *at)
    }
}

#[async_trait]
impl JobStore for Recorder {
    async fn create_job(
        &self,
        job: &Job,
        day: UtcDay,
        limit: u32,
        idempotency: Option<&IdempotencyClaim>,
    ) -> Result<QuotaUsage, StoreError> {
        self.inner.create_job(job, day, limit, idempotency).await
    }

    async fn get_job(&self, job_id: JobId) -> Result<Option<Job>, StoreError> {
        self.inner.get_job(job_id).await
    }

    async fn claim_job(
        &self,
        job_id: JobId,
        now: OffsetDateTime,
        lease_until: UnixMillis,
        last_delivery: bool,
    ) -> Result<ClaimOutcome, StoreError> {
        self.mark(job_id, Mark::ClaimStart, Instant::now());
        self.inner
            .claim_job(job_id, now, lease_until, last_delivery)
            .await
    }

    async fn complete_job(
        &self,
        job_id: JobId,
        attempt: u32,
        agent: &Agent,
        warnings: &[String],
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let result = self
            .inner
            .complete_job(job_id, attempt, agent, warnings, now)
            .await;
        let mark = if result.is_ok() {
            Mark::Completed
        } else {
            Mark::Failed
        };
        self.mark(job_id, mark, Instant::now());
        result
    }

    async fn update_progress(
        &self,
        job_id: JobId,
        progress: &CrawlProgress,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let started = Instant::now();
        self.mark(job_id, Mark::Stage(progress.stage), started);
        let (inner, progress, writes) =
            (self.inner.clone(), *progress, self.progress_writes.clone());
        let write = async move {
            let result = inner.update_progress(job_id, &progress, now).await;
            let mut writes = writes.lock().unwrap();
            writes.0 += started.elapsed();
            writes.1 += 1;
            result
        };
        if self.detach_progress {
            tokio::spawn(write);
            Ok(())
        } else {
            write.await
        }
    }

    async fn record_webhook(
        &self,
        job_id: JobId,
        delivery: &WebhookDelivery,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.inner.record_webhook(job_id, delivery, now).await
    }

    async fn fail_job(
        &self,
        job_id: JobId,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let result = self.inner.fail_job(job_id, attempt, error, now).await;
        self.mark(job_id, Mark::Failed, Instant::now());
        result
    }

    async fn release_job(
        &self,
        job_id: JobId,
        attempt: u32,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.inner.release_job(job_id, attempt, now).await
    }

    async fn abandon_job(
        &self,
        job: &Job,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.inner.abandon_job(job, error, now).await
    }

    async fn expired_leases(
        &self,
        now: OffsetDateTime,
        limit: usize,
    ) -> Result<Vec<JobId>, StoreError> {
        self.inner.expired_leases(now, limit).await
    }
}

const COLUMNS: [&str; 9] = [
    "create", "queue", "claim", "discover", "fetch", "extract", "generate", "store", "total",
];

/// One job's stage durations in ms, in the order of `COLUMNS`.
fn stage_split(recorder: &Recorder, job_id: JobId, posted: Instant, answered: Instant) -> Vec<f64> {
    let at = |mark| {
        recorder
            .first(job_id, mark)
            .unwrap_or_else(|| panic!("job {job_id} never reached {mark:?}"))
    };
    let points = [
        posted,
        answered,
        at(Mark::ClaimStart),
        at(Mark::Stage(Stage::Discovering)),
        at(Mark::Stage(Stage::Fetching)),
        at(Mark::Stage(Stage::Extracting)),
        at(Mark::Stage(Stage::Generating)),
        at(Mark::Stage(Stage::CreatingAgent)),
        at(Mark::Completed),
    ];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut split: Vec<f64> = points.windows(2).map(|w| ms(w[1] - w[0])).collect();
    split.push(ms(points[8] - posted));
    split
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

async fn run_job(
    client: &reqwest::Client,
    api: &str,
    key: &str,
    site: &str,
    recorder: &Recorder,
) -> Vec<f64> {
    let posted = Instant::now();
    let response = client
        .post(format!("{api}/agent-builder"))
        .bearer_auth(key)
        .header("content-type", "application/json")
        .body(format!(r#"{{"website_url":"{site}"}}"#))
        .send()
        .await
        .expect("POST failed");
    let status = response.status();
    let body = response.text().await.expect("POST body");
    let answered = Instant::now();
    assert_eq!(status.as_u16(), 201, "create-job answered {status}: {body}");
    let created: serde_json::Value = serde_json::from_str(&body).unwrap();
    let raw_id = created["data"]["job_id"].as_str().expect("no job_id");
    let job_id = JobId::parse(raw_id).expect("job_id");
    // Wait on the recorder rather than polling the API, so the emulator does only the job's work.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if recorder.first(job_id, Mark::Completed).is_some() {
            break;
        }
        assert!(
            recorder.first(job_id, Mark::Failed).is_none(),
            "job {job_id} failed"
        );
        assert!(Instant::now() < deadline, "job {job_id} did not finish");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    // What a caller polling the API now sees.
    let got = client
        .get(format!("{api}/agent-builder/{raw_id}"))
        .bearer_auth(key)
        .send()
        .await
        .expect("GET failed")
        .text()
        .await
        .expect("GET body");
    let got: serde_json::Value = serde_json::from_str(&got).expect("GET body is JSON");
    assert_eq!(got["data"]["status"], "completed", "{got}");
    stage_split(recorder, job_id, posted, answered)
}

#[tokio::main]
async fn main() {
    let runs = env_number("RUNS", 10) as usize;
    let warmup = env_number("WARMUP", 3) as usize;
    let pages = env_number("PAGES", 24) as usize;
    let latency = Duration::from_millis(env_number("LATENCY_MS", 50));
    let site = FixtureSite::start(pages, latency, PageBody::Business).await;

    let sdk = aws::load_sdk_config().await;
    let dynamodb = aws::dynamodb_client(&sdk);
    let sqs = aws::sqs_client(&sdk);
    let prefix = format!("bench-e2e-{}", std::process::id());
    let resources = provision(&dynamodb, &sqs, &prefix)
        .await
        .expect("provisioning failed (are the emulators running and AWS_ENDPOINT_URL_* set?)");
    let store = DynamoStore::new(dynamodb, resources.tables.clone());
    let key = create_api_key(&store, WorkspaceId::parse("bench").unwrap(), "bench")
        .await
        .unwrap();

    let mut config = LocalConfig::new(&resources);
    config.daily_job_limit = 1_000_000;
    config.network_policy = NetworkPolicy::AllowPrivate;
    let mut worker = WorkerDeps::from_config(&config.worker(), &sdk).unwrap();
    let recorder = Arc::new(Recorder {
        inner: worker.jobs.clone(),
        marks: Mutex::default(),
        progress_writes: Arc::default(),
        detach_progress: env_number("DETACH_PROGRESS", 0) == 1,
    });
    worker.jobs = recorder.clone();
    // Metrics go to memory instead of stdout (EMF lines), which is this bench's report.
    worker.metrics = Arc::new(MemoryMetrics::default());
    let mut create = CreateJobDeps::from_config(&config.create_job(), &sdk);
    create.metrics = Arc::new(MemoryMetrics::default());
    let server = DevServer {
        create,
        get: GetJobDeps::from_config(&config.get_job(), &sdk),
        worker,
        reaper: ReaperDeps::from_config(&config.reaper(), &sdk).unwrap(),
        sqs,
        job_queue_url: resources.job_queue_url.clone(),
        dead_letter_queue_url: resources.dead_letter_queue_url.clone(),
        sweep_interval: agent_builder_local::dev_server::DEFAULT_SWEEP_INTERVAL,
    };
    let port = env_number("PORT", 0) as u16;
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let handle = server.start(listener).unwrap();
    let api = format!("http://{}", handle.addr);
    let client = reqwest::Client::new();
    let key = key.reveal().to_owned();

    for _ in 0..warmup {
        run_job(&client, &api, &key, &site.base, &recorder).await;
    }
    *recorder.progress_writes.lock().unwrap() = (Duration::ZERO, 0);
    let hits_before = site.hits();
    let mut rows = Vec::new();
    for _ in 0..runs {
        rows.push(run_job(&client, &api, &key, &site.base, &recorder).await);
    }
    let requests_per_job = (site.hits() - hits_before) as f64 / runs as f64;
    handle.shutdown().await;

    let concurrency = config.crawl.concurrency;
    let used = config.crawl.max_pages.min(pages + 1);
    let bound = latency * (3 + (used - 1).div_ceil(concurrency) as u32);
    let bound_ms = bound.as_secs_f64() * 1e3;
    println!(
        "site: home + {pages} pages, {} ms per response; crawl concurrency {concurrency}; {runs} jobs after {warmup} warm-up jobs; {requests_per_job:.0} site requests per job",
        latency.as_millis()
    );
    println!(
        "crawl lower bound (robots → home → sitemap → {} waves): {bound_ms:.0} ms",
        (used - 1).div_ceil(concurrency)
    );
    let header: Vec<String> = COLUMNS.iter().map(|c| format!("{c:>9}")).collect();
    println!("run {} (ms)", header.join(""));
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:>9.1}")).collect();
        println!("{:>3} {}", i + 1, cells.join(""));
    }
    let medians: Vec<f64> = (0..COLUMNS.len())
        .map(|c| median(rows.iter().map(|r| r[c]).collect()))
        .collect();
    let cells: Vec<String> = medians.iter().map(|v| format!("{v:>9.1}")).collect();
    println!("med {}", cells.join(""));
    let crawl = medians[3] + medians[4];
    let (write_time, writes) = *recorder.progress_writes.lock().unwrap();
    println!(
        "median job: {:.0} ms POST → completed = {:.2}x the crawl's lower bound; crawl (discover + fetch) {crawl:.0} ms = {:.2}x",
        medians[8],
        medians[8] / bound_ms,
        crawl / bound_ms
    );
    println!(
        "progress writes: {:.1} per job, {:.1} ms each on average ({})",
        f64::from(writes) / runs as f64,
        write_time.as_secs_f64() * 1e3 / f64::from(writes.max(1)),
        if recorder.detach_progress {
            "DETACH_PROGRESS=1: the store wrapper adds its own background write"
        } else {
            "issued by the worker's background progress writer"
        }
    );
}
