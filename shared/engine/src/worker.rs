//! The SQS worker: each message names a job; claim it, build the agent, store it with the
//! job's completion in one step, or end the job `failed` with a sentence the caller can use.

use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use futures::{FutureExt, StreamExt};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

use crate::announce::Announcer;
use crate::clock::Clock;
use crate::crawl::{CrawlError, CrawlProgress, FetchError, ProgressSink};
use crate::domain::progress::Stage;
use crate::domain::{Agent, Instructions, Job, JobId, NetworkPolicy, SiteUrl};
use crate::error::error_chain;
use crate::events::JobEvents;
use crate::metrics::{Metric, Metrics};
use crate::pipeline::{BuildOutcome, Pipeline, PipelineError};
use crate::queue::{JobMessage, Redelivery};
use crate::store::{ClaimOutcome, JobStore, StoreError, WorkspaceStore};
use crate::webhooks::WebhookSender;
use agent_builder_core::time::{Deadline, UnixMillis};

#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// The queue's `maxReceiveCount`: the delivery on which a failing job is ended for good.
    pub max_receive_count: u32,
    pub network_policy: NetworkPolicy,
    /// Messages of one batch processed at once.
    pub concurrency: usize,
    /// Time kept back from the invocation deadline to record the outcome.
    pub finish_margin: Duration,
    /// Time kept back from the crawl for generating the agent.
    pub generation_reserve: Duration,
    /// The invocation's length when Lambda gives no usable deadline (`cargo lambda watch`
    /// sends one in 1970): the function's timeout in `template.yaml`.
    pub unknown_deadline_budget: Duration,
    /// How long a message that failed in a way worth retrying waits before its next delivery:
    /// the first entry after the first receive, the second after the second, the last one
    /// after any later receive.
    pub retry_delays: Vec<Duration>,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            max_receive_count: 3,
            network_policy: NetworkPolicy::Public,
            concurrency: 4,
            finish_margin: Duration::from_secs(10),
            generation_reserve: Duration::from_secs(15),
            unknown_deadline_budget: Duration::from_secs(180),
            retry_delays: vec![Duration::from_secs(30), Duration::from_secs(120)],
        }
    }
}

impl WorkerSettings {
    /// The wait before the next delivery of a message received `receive_count` times.
    pub fn retry_delay(&self, receive_count: u32) -> Duration {
        let index = (receive_count.max(1) - 1) as usize;
        self.retry_delays
            .get(index)
            .or(self.retry_delays.last())
            .copied()
            .unwrap_or(Duration::from_secs(30))
    }
}

pub struct WorkerDeps {
    pub jobs: Arc<dyn JobStore>,
    pub pipeline: Pipeline,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<dyn Metrics>,
    pub events: Arc<dyn JobEvents>,
    pub workspaces: Arc<dyn WorkspaceStore>,
    pub webhooks: Arc<dyn WebhookSender>,
    /// Brings a retried message back after its backoff rather than the visibility timeout.
    pub redelivery: Arc<dyn Redelivery>,
    pub settings: WorkerSettings,
}

impl WorkerDeps {
    /// The deadline of an invocation Lambda says ends at `lambda_deadline_ms` (Unix ms): one
    /// already past as it starts is unknown, and the invocation gets
    /// [`WorkerSettings::unknown_deadline_budget`].
    pub fn deadline(&self, lambda_deadline_ms: u64) -> Deadline {
        Deadline::from_lambda(
            lambda_deadline_ms,
            UnixMillis::now(self.clock.as_ref()),
            self.settings.unknown_deadline_budget,
        )
    }

    fn announcer(&self) -> Announcer<'_> {
        Announcer {
            jobs: self.jobs.as_ref(),
            events: self.events.as_ref(),
            workspaces: self.workspaces.as_ref(),
            webhooks: self.webhooks.as_ref(),
            clock: self.clock.as_ref(),
        }
    }
}

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageOutcome {
    Completed,
    Failed,
    /// Acknowledged without work: unreadable, unknown job, or already finished.
    Skipped,
    /// Left on the queue for redelivery.
    Retry,
}

pub const INTERNAL_FAILURE: &str =
    "The agent could not be created because of an internal error. Please submit the job again.";
pub const TIMED_OUT: &str =
    "Building the agent took longer than the time allowed. Please try again later.";

/// Processes a batch; messages to be redelivered are reported as batch item failures.
pub async fn handle_batch(
    deps: &WorkerDeps,
    event: SqsEvent,
    deadline: Deadline,
) -> SqsBatchResponse {
    let concurrency = deps.settings.concurrency.max(1);
    let outcomes: Vec<(Option<String>, MessageOutcome)> = futures::stream::iter(event.records)
        .map(|message| async move {
            let outcome = handle_message(deps, &message, deadline).await;
            (message.message_id, outcome)
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let mut response = SqsBatchResponse::default();
    for (message_id, outcome) in outcomes {
        if outcome == MessageOutcome::Retry {
            if let Some(id) = message_id {
                response.add_failure(id);
            }
        }
    }
    response
}

pub async fn handle_message(
    deps: &WorkerDeps,
    message: &SqsMessage,
    deadline: Deadline,
) -> MessageOutcome {
    let body = message.body.as_deref().unwrap_or_default();
    let Some(job_id) = serde_json::from_str::<JobMessage>(body)
        .ok()
        .and_then(|m| JobId::parse(&m.job_id))
    else {
        // Retrying an unreadable message can never help.
        tracing::warn!(message_id = ?message.message_id, body_bytes = body.len(), "unreadable job message dropped");
        return MessageOutcome::Skipped;
    };
    let receive_count = message
        .attributes
        .get("ApproximateReceiveCount")
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(1);
    let last_attempt = receive_count >= deps.settings.max_receive_count;
    let span =
        tracing::info_span!("job", %job_id, workspace_id = tracing::field::Empty, receive_count);
    let work = process(deps, job_id, last_attempt, deadline).instrument(span.clone());
    // A panic ends this message's attempt only, never its batch (the release build unwinds).
    let (outcome, busy_until_ms) = match AssertUnwindSafe(work).catch_unwind().await {
        Ok(processed) => processed,
        Err(panic) => {
            span.in_scope(|| {
                tracing::error!(
                    panic = panic_text(panic.as_ref()),
                    "processing the job panicked; retrying"
                )
            });
            (MessageOutcome::Retry, None)
        }
    };
    if outcome == MessageOutcome::Retry {
        let mut delay = deps.settings.retry_delay(receive_count);
        if let Some(until_ms) = busy_until_ms {
            // Coming back while the lease is live would only use up a delivery.
            let remaining = UnixMillis::now(deps.clock.as_ref()).until(until_ms);
            delay = delay.max(remaining + Duration::from_secs(1));
        }
        schedule_retry(deps.redelivery.as_ref(), message, delay)
            .instrument(span)
            .await;
    }
    outcome
}

/// Asks for the message to come back after `delay`. When that fails the message still comes
/// back, after the queue's visibility timeout.
pub(crate) async fn schedule_retry(
    redelivery: &dyn Redelivery,
    message: &SqsMessage,
    delay: Duration,
) {
    let Some(handle) = message.receipt_handle.as_deref() else {
        return;
    };
    match redelivery.redeliver_after(handle, delay).await {
        Ok(()) => tracing::info!(delay_secs = delay.as_secs(), "message will be redelivered"),
        Err(err) => {
            tracing::warn!(error = %error_chain(&err), "could not shorten the redelivery delay")
        }
    }
}

pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

/// The message's outcome, and the end of another worker's live lease when that is why it must
/// be retried.
async fn process(
    deps: &WorkerDeps,
    job_id: JobId,
    last_attempt: bool,
    deadline: Deadline,
) -> (MessageOutcome, Option<UnixMillis>) {
    let now = deps.clock.now();
    let job = match deps
        .jobs
        // The lease ends with the invocation: past it, this worker is gone.
        .claim_job(job_id, now, deadline.instant(), last_attempt)
        .await
    {
        Ok(ClaimOutcome::Claimed(job)) => *job,
        Ok(ClaimOutcome::Finished(status)) => {
            tracing::info!(%status, "job already finished; message acknowledged");
            return (MessageOutcome::Skipped, None);
        }
        Ok(ClaimOutcome::NotFound) => {
            tracing::warn!("message names no known job; acknowledged");
            return (MessageOutcome::Skipped, None);
        }
        Ok(ClaimOutcome::Busy { lease_expires_at }) => {
            tracing::info!("another worker holds the job's lease; retrying later");
            return (MessageOutcome::Retry, Some(lease_expires_at));
        }
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "claiming the job failed");
            return (MessageOutcome::Retry, None);
        }
    };
    let outcome = run_job(deps, &job, last_attempt, deadline).await;
    if outcome == MessageOutcome::Retry {
        // The next delivery comes after a short backoff: let it take the job over at once.
        if let Err(err) = deps
            .jobs
            .release_job(job.job_id, job.attempts, deps.clock.now())
            .await
        {
            tracing::warn!(error = %error_chain(&err), "could not give up the lease");
        }
    }
    (outcome, None)
}

async fn run_job(
    deps: &WorkerDeps,
    job: &Job,
    last_attempt: bool,
    deadline: Deadline,
) -> MessageOutcome {
    let now = deps.clock.now();
    tracing::Span::current().record("workspace_id", job.workspace_id.as_str());
    tracing::info!(attempt = job.attempts, "job claimed");

    let budget = deadline
        .remaining(UnixMillis::from(now))
        .saturating_sub(deps.settings.finish_margin)
        .max(Duration::from_secs(1));
    // The crawl stops early enough to leave time for generation and the final write.
    let crawl_budget = budget.saturating_sub(deps.settings.generation_reserve);
    let outcome = tokio::time::timeout(budget, build(deps, job, crawl_budget)).await;
    let built = match outcome {
        Ok(Ok(built)) => built,
        Ok(Err(err)) if err.is_retryable() && !last_attempt => {
            tracing::warn!(error = %error_chain(&err), "transient failure; the job will be retried");
            return MessageOutcome::Retry;
        }
        Ok(Err(err)) => {
            tracing::info!(error = %error_chain(&err), "job failed");
            return fail(deps, job, &err.to_string(), deadline).await;
        }
        Err(_) => {
            tracing::warn!(budget_ms = budget.as_millis() as u64, "job ran out of time");
            return fail(deps, job, TIMED_OUT, deadline).await;
        }
    };

    let creating = CrawlProgress {
        stage: Stage::CreatingAgent,
        ..built.progress.unwrap_or_default()
    };
    if let Err(err) = deps
        .jobs
        .update_progress(job.job_id, &creating, deps.clock.now())
        .await
    {
        tracing::warn!(error = %error_chain(&err), "could not record progress");
    }
    let now = deps.clock.now();
    let agent = Agent {
        agent_id: job.job_id.agent_id(),
        workspace_id: job.workspace_id.clone(),
        job_id: job.job_id,
        config: built.agent,
        created_at: now,
    };
    // The job as it ends; the store applies the same transition under the same conditions.
    let stored = match job.complete(job.attempts, agent.agent_id, &built.warnings, now) {
        Ok(done) => deps
            .jobs
            .complete_job(job.job_id, job.attempts, &agent, &built.warnings, now)
            .await
            .map(|()| Job {
                progress: Some(creating),
                ..done
            }),
        Err(refused) => Err(StoreError::from(refused)),
    };
    match stored {
        Ok(done) => {
            tracing::info!(agent_id = %agent.agent_id, "job completed");
            let pages = built.progress.map_or(0, |p| p.pages_fetched);
            deps.announcer().announce(&done, deadline).await;
            deps.metrics.record(&[
                (Metric::JobsCompleted, 1.0),
                (Metric::JobDurationMs, job_duration_ms(deps, job)),
                (Metric::PagesFetched, f64::from(pages)),
                (Metric::GenerationMs, built.generation_ms as f64),
            ]);
            MessageOutcome::Completed
        }
        Err(StoreError::Conflict) => {
            // Another delivery finished first or took the job over; the agent id is fixed, so
            // there is still one agent at most.
            tracing::warn!("job was finished or taken over by another delivery");
            MessageOutcome::Skipped
        }
        Err(err) if err.is_retryable() && !last_attempt => {
            tracing::warn!(error = %error_chain(&err), "storing the agent failed; retrying");
            MessageOutcome::Retry
        }
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "storing the agent failed");
            fail(deps, job, INTERNAL_FAILURE, deadline).await
        }
    }
}

async fn build(
    deps: &WorkerDeps,
    job: &Job,
    crawl_budget: Duration,
) -> Result<BuildOutcome, PipelineError> {
    // Accepted under the API's network policy; the worker's own applies as well (the guard
    // checks every request again).
    let website_url = job.website_url.as_ref();
    if let Some(url) = website_url {
        SiteUrl::check(url.as_url(), deps.settings.network_policy).map_err(|e| {
            PipelineError::Crawl(CrawlError::Unreachable {
                url: url.to_string(),
                reason: FetchError::InvalidUrl(e.to_string()),
            })
        })?;
    }
    let instructions = job
        .instructions
        .as_deref()
        .and_then(|raw| Instructions::parse(raw).ok().flatten());
    let (sink, writer) = JobProgress::start(deps.jobs.clone(), deps.clock.clone(), job.job_id);
    let outcome = deps
        .pipeline
        .build(website_url, instructions.as_ref(), crawl_budget, &sink)
        .await;
    // The last snapshot lands before the job's final write, never after it.
    drop(sink);
    let _ = writer.await;
    let outcome = outcome?;
    tracing::info!(
        pages = outcome.pages.len(),
        warnings = outcome.warnings.len(),
        "agent generated"
    );
    Ok(outcome)
}

/// Writes crawl progress to the job record from a background task, so the crawl never waits on
/// DynamoDB for a counter (awaited, the ~11 writes of a job added about 35 ms to it). Snapshots
/// that pile up while a write is in flight collapse to the last one of each stage: every stage
/// still reaches the record, in order. A failed write only costs a stale counter.
struct JobProgress {
    updates: tokio::sync::mpsc::UnboundedSender<CrawlProgress>,
}

impl JobProgress {
    fn start(
        jobs: Arc<dyn JobStore>,
        clock: Arc<dyn Clock>,
        job_id: JobId,
    ) -> (Self, tokio::task::JoinHandle<()>) {
        let (updates, mut pending) = tokio::sync::mpsc::unbounded_channel::<CrawlProgress>();
        let writer = async move {
            // Ends once the sender is gone and everything sent has been written.
            while let Some(first) = pending.recv().await {
                let mut batch = vec![first];
                while let Ok(next) = pending.try_recv() {
                    match batch.last_mut() {
                        Some(last) if last.stage == next.stage => *last = next,
                        _ => batch.push(next),
                    }
                }
                for progress in batch {
                    if let Err(err) = jobs.update_progress(job_id, &progress, clock.now()).await {
                        tracing::warn!(error = %error_chain(&err), "could not record progress");
                    }
                }
            }
        };
        let task = tokio::spawn(writer.instrument(tracing::Span::current()));
        (Self { updates }, task)
    }
}

#[async_trait::async_trait]
impl ProgressSink for JobProgress {
    async fn report(&self, progress: CrawlProgress) {
        // Fails only once the writer is gone, when nothing is left to record.
        let _ = self.updates.send(progress);
    }
}

/// From submission to the outcome: what the caller waited.
fn job_duration_ms(deps: &WorkerDeps, job: &Job) -> f64 {
    (deps.clock.now() - job.created_at)
        .whole_milliseconds()
        .max(0) as f64
}

async fn fail(deps: &WorkerDeps, job: &Job, error: &str, deadline: Deadline) -> MessageOutcome {
    let now = deps.clock.now();
    // The job as it ends; the store applies the same transition under the same conditions.
    let stored = match job.fail(job.attempts, error, now) {
        Ok(failed) => deps
            .jobs
            .fail_job(job.job_id, job.attempts, error, now)
            .await
            .map(|()| failed),
        Err(refused) => Err(StoreError::from(refused)),
    };
    match stored {
        Ok(failed) => {
            deps.announcer().announce(&failed, deadline).await;
            deps.metrics.record(&[
                (Metric::JobsFailed, 1.0),
                (Metric::JobDurationMs, job_duration_ms(deps, job)),
            ]);
            MessageOutcome::Failed
        }
        Err(StoreError::Conflict) => MessageOutcome::Skipped,
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "recording the failure failed; retrying");
            MessageOutcome::Retry
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::crawl::{CrawlSettings, Crawler, FetchedPage, Fetcher};
    use crate::domain::{AgentConfig, JobStatus, UtcDay, WorkspaceId};
    use crate::events::MemoryEvents;
    use crate::generate::{GenerateError, GenerationInput, Generator, TemplateGenerator};
    use crate::metrics::MemoryMetrics;
    use crate::queue::memory::MemoryQueue;
    use crate::store::memory::MemoryStore;
    use crate::store::AgentStore;
    use crate::webhooks::HttpWebhookSender;
    use async_trait::async_trait;
    use time::macros::datetime;
    use url::Url;

    const NOW: time::OffsetDateTime = datetime!(2026-11-29 12:00:00 UTC);
    const NOW_MS: i64 = 1_795_953_600_000; // NOW in Unix ms

    struct StaticSite(&'static str);

    #[async_trait]
    impl Fetcher for StaticSite {
        /// The home page; everything else is 404.
        async fn fetch_capped(
            &self,
            url: &Url,
            _: Option<usize>,
        ) -> Result<FetchedPage, FetchError> {
            let home = url.path() == "/";
            Ok(FetchedPage {
                url: url.clone(),
                status: if home { 200 } else { 404 },
                content_type: Some("text/html".into()),
                text: if home {
                    self.0.to_owned()
                } else {
                    String::new()
                },
                body: Vec::new(),
                bytes: self.0.len(),
                truncated: false,
                retry_after: None,
            })
        }
    }

    /// A language model that is down.
    struct Unavailable;

    #[async_trait]
    impl Generator for Unavailable {
        async fn generate(&self, _: &GenerationInput) -> Result<AgentConfig, GenerateError> {
            Err(GenerateError::Unavailable("503 from the model".into()))
        }
    }

    fn deps(store: Arc<MemoryStore>, generator: Arc<dyn Generator>) -> WorkerDeps {
        WorkerDeps {
            jobs: store.clone(),
            pipeline: Pipeline::new(
                Arc::new(Crawler::new(
                    Arc::new(StaticSite("<title>Acme Plumbing</title>")),
                    CrawlSettings::default(),
                )),
                generator,
            ),
            clock: Arc::new(FixedClock::new(NOW)),
            metrics: Arc::new(MemoryMetrics::default()),
            events: Arc::new(MemoryEvents::default()),
            workspaces: store.clone(),
            webhooks: Arc::new(HttpWebhookSender::new(NetworkPolicy::Public, "test").unwrap()),
            redelivery: Arc::new(MemoryQueue::new()),
            settings: WorkerSettings::default(),
        }
    }

    async fn queued_job(store: &MemoryStore) -> JobId {
        let job = Job::new_queued(
            JobId::new(),
            WorkspaceId::parse("ws").unwrap(),
            Some(SiteUrl::parse("https://acme-plumbing.com/", NetworkPolicy::Public).unwrap()),
            None,
            NOW,
            30,
        );
        store
            .create_job(&job, UtcDay::containing(NOW), 50, None)
            .await
            .unwrap();
        job.job_id
    }

    fn message(body: &str, receive_count: u32) -> SqsMessage {
        let mut m = SqsMessage::default();
        m.message_id = Some(format!("m-{receive_count}-{}", body.len()));
        m.receipt_handle = Some(format!("rh-{receive_count}"));
        m.body = Some(body.to_owned());
        m.attributes
            .insert("ApproximateReceiveCount".into(), receive_count.to_string());
        m
    }

    fn deadline(unix_ms: i64) -> Deadline {
        Deadline::at(UnixMillis::from_millis(unix_ms))
    }

    fn body(job_id: JobId) -> String {
        JobMessage::for_job(job_id).to_body()
    }

    #[test]
    fn now_ms_is_now() {
        assert_eq!(NOW.unix_timestamp() * 1000, NOW_MS);
    }

    #[tokio::test]
    async fn a_message_completes_its_job_with_the_fixed_agent_id() {
        let store = Arc::new(MemoryStore::new());
        let d = deps(store.clone(), Arc::new(TemplateGenerator::new("v")));
        let id = queued_job(&store).await;
        let outcome = handle_message(&d, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
        assert_eq!(outcome, MessageOutcome::Completed);
        let job = store.get_job(id).await.unwrap().unwrap();
        assert_eq!(job.status(), JobStatus::Completed);
        assert_eq!(job.agent_id(), Some(id.agent_id()));
        let agent = store.get_agent(id.agent_id()).await.unwrap().unwrap();
        assert_eq!(agent.config.name, "Acme Plumbing");
        // The last stage recorded before completion.
        assert_eq!(job.progress.unwrap().stage, Stage::CreatingAgent);

        // A duplicate delivery is acknowledged and creates nothing.
        let again = handle_message(&d, &message(&body(id), 2), deadline(NOW_MS + 180_000)).await;
        assert_eq!(again, MessageOutcome::Skipped);
        assert_eq!(store.agent_count(), 1);
    }

    /// A generator that takes five seconds.
    struct Slow;

    #[async_trait]
    impl Generator for Slow {
        async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError> {
            tokio::time::sleep(Duration::from_secs(5)).await;
            TemplateGenerator::new("v").generate(input).await
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_deadline_already_past_at_the_start_is_unknown_and_the_job_gets_the_fallback_budget()
    {
        let store = Arc::new(MemoryStore::new());
        let d = deps(store.clone(), Arc::new(Slow));
        // `cargo lambda watch` sends 600,000 ms: ten minutes after 1970.
        let unknown = d.deadline(600_000);
        assert_eq!(
            unknown.instant(),
            UnixMillis::from_millis(NOW_MS) + d.settings.unknown_deadline_budget
        );
        // A real deadline is kept as it is.
        assert_eq!(
            d.deadline((NOW_MS + 5_000) as u64).instant(),
            UnixMillis::from_millis(NOW_MS + 5_000)
        );
        // Taken at its word, the 1970 deadline left one second for a five-second generation,
        // and a lease that had lapsed before the claim.
        let id = queued_job(&store).await;
        let outcome = handle_message(&d, &message(&body(id), 3), unknown).await;
        assert_eq!(outcome, MessageOutcome::Completed);
        let job = store.get_job(id).await.unwrap().unwrap();
        assert_eq!(job.status(), JobStatus::Completed);

        // A deadline that really is that close still ends the job (out of time: the crawl
        // gets none of it).
        let id = queued_job(&store).await;
        let outcome = handle_message(&d, &message(&body(id), 3), deadline(NOW_MS + 1_000)).await;
        assert_eq!(outcome, MessageOutcome::Failed);
        assert_eq!(
            store.get_job(id).await.unwrap().unwrap().status(),
            JobStatus::Failed
        );
    }

    #[tokio::test]
    async fn outcomes_are_counted_as_metrics() {
        let store = Arc::new(MemoryStore::new());
        let metrics = Arc::new(MemoryMetrics::default());
        let ok = WorkerDeps {
            metrics: metrics.clone(),
            ..deps(store.clone(), Arc::new(TemplateGenerator::new("v")))
        };
        let id = queued_job(&store).await;
        handle_message(&ok, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
        let down = WorkerDeps {
            metrics: metrics.clone(),
            ..deps(store.clone(), Arc::new(Unavailable))
        };
        let id = queued_job(&store).await;
        handle_message(&down, &message(&body(id), 3), deadline(NOW_MS + 180_000)).await;
        assert_eq!(metrics.total(Metric::JobsCompleted), 1.0);
        assert_eq!(metrics.total(Metric::JobsFailed), 1.0);
        assert_eq!(metrics.count(Metric::JobDurationMs), 2);
        assert_eq!(metrics.total(Metric::PagesFetched), 1.0);
    }

    #[tokio::test]
    async fn terminal_transitions_are_published_as_events() {
        let store = Arc::new(MemoryStore::new());
        let events = Arc::new(MemoryEvents::default());
        let ok = WorkerDeps {
            events: events.clone(),
            ..deps(store.clone(), Arc::new(TemplateGenerator::new("v")))
        };
        let done = queued_job(&store).await;
        handle_message(&ok, &message(&body(done), 1), deadline(NOW_MS + 180_000)).await;
        let down = WorkerDeps {
            events: events.clone(),
            ..deps(store.clone(), Arc::new(Unavailable))
        };
        let failed = queued_job(&store).await;
        handle_message(
            &down,
            &message(&body(failed), 3),
            deadline(NOW_MS + 180_000),
        )
        .await;

        let published = events.0.lock().unwrap().clone();
        assert_eq!(published.len(), 2);
        assert_eq!(published[0].detail_type, "Agent Builder Job Completed");
        assert_eq!(published[0].detail["job_id"], done.to_string().as_str());
        assert_eq!(
            published[0].detail["agent_id"],
            done.agent_id().to_string().as_str()
        );
        assert_eq!(published[0].detail["workspace_id"], "ws");
        assert_eq!(published[0].detail["status"], "completed");
        assert_eq!(published[1].detail_type, "Agent Builder Job Failed");
        assert_eq!(published[1].detail["status"], "failed");
        assert!(published[1].detail["error"]
            .as_str()
            .unwrap()
            .contains("language model"));
        // The event's record is the one GET shows.
        let stored = store.get_job(done).await.unwrap().unwrap();
        let mut expected = crate::job_view::public_job_record(&stored);
        expected["workspace_id"] = "ws".into();
        assert_eq!(published[0].detail, expected);
    }

    #[tokio::test]
    async fn unreadable_and_unknown_messages_are_acknowledged_not_retried() {
        let store = Arc::new(MemoryStore::new());
        let d = deps(store.clone(), Arc::new(TemplateGenerator::new("v")));
        for raw in ["", "garbage", r#"{"job_id": 5}"#, r#"{"job_id":"nope"}"#] {
            assert_eq!(
                handle_message(&d, &message(raw, 1), deadline(NOW_MS)).await,
                MessageOutcome::Skipped,
                "{raw}"
            );
        }
        let unknown = body(JobId::new());
        assert_eq!(
            handle_message(&d, &message(&unknown, 1), deadline(NOW_MS)).await,
            MessageOutcome::Skipped
        );
    }

    #[tokio::test]
    async fn a_transient_failure_is_retried_until_the_last_attempt_then_fails_the_job() {
        let store = Arc::new(MemoryStore::new());
        let queue = Arc::new(MemoryQueue::new());
        let d = WorkerDeps {
            redelivery: queue.clone(),
            ..deps(store.clone(), Arc::new(Unavailable))
        };
        let id = queued_job(&store).await;

        let first = handle_message(&d, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
        assert_eq!(first, MessageOutcome::Retry);
        let job = store.get_job(id).await.unwrap().unwrap();
        assert_eq!(job.status(), JobStatus::Processing);
        // The lease is given up, so the redelivery can take the job over at once.
        assert!(job.lease_expires_at().unwrap() < UnixMillis::from_millis(NOW_MS));

        let second = handle_message(&d, &message(&body(id), 2), deadline(NOW_MS + 180_000)).await;
        assert_eq!(second, MessageOutcome::Retry);
        assert_eq!(store.get_job(id).await.unwrap().unwrap().attempts, 2);
        // Each retry comes back after a short backoff, not the 18-minute visibility timeout.
        assert_eq!(
            queue.delays(),
            vec![
                ("rh-1".to_owned(), Duration::from_secs(30)),
                ("rh-2".to_owned(), Duration::from_secs(120))
            ]
        );

        // The last allowed receive: the job ends failed.
        let last = handle_message(&d, &message(&body(id), 3), deadline(NOW_MS + 180_000)).await;
        assert_eq!(last, MessageOutcome::Failed);
        let job = store.get_job(id).await.unwrap().unwrap();
        assert_eq!(job.status(), JobStatus::Failed);
        assert_eq!(
            job.error(),
            Some("Could not generate the agent: the language model is unavailable")
        );
        assert_eq!(store.agent_count(), 0);
        assert_eq!(queue.delays().len(), 2, "a final outcome is not retried");
    }

    #[tokio::test]
    async fn a_delivery_during_another_workers_lease_comes_back_after_the_lease() {
        let store = Arc::new(MemoryStore::new());
        let queue = Arc::new(MemoryQueue::new());
        let d = WorkerDeps {
            redelivery: queue.clone(),
            ..deps(store.clone(), Arc::new(TemplateGenerator::new("v")))
        };
        let id = queued_job(&store).await;
        // Another worker holds the job for ten more minutes.
        store
            .claim_job(id, NOW, UnixMillis::from_millis(NOW_MS + 600_000), false)
            .await
            .unwrap();
        let busy = handle_message(&d, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
        assert_eq!(busy, MessageOutcome::Retry);
        assert_eq!(
            queue.delays(),
            vec![("rh-1".to_owned(), Duration::from_secs(601))]
        );
    }

    #[tokio::test]
    async fn a_stale_worker_cannot_end_a_job_taken_over_by_another() {
        let store = Arc::new(MemoryStore::new());
        let id = queued_job(&store).await;
        let first = match store
            .claim_job(id, NOW, UnixMillis::from_millis(NOW_MS - 1), false)
            .await
            .unwrap()
        {
            ClaimOutcome::Claimed(job) => job,
            other => panic!("{other:?}"),
        };
        // Its lease lapsed; a redelivery took the job over.
        let second = match store
            .claim_job(id, NOW, UnixMillis::from_millis(NOW_MS + 60_000), false)
            .await
            .unwrap()
        {
            ClaimOutcome::Claimed(job) => job,
            other => panic!("{other:?}"),
        };
        assert_eq!((first.attempts, second.attempts), (1, 2));
        let agent = Agent {
            agent_id: id.agent_id(),
            workspace_id: first.workspace_id.clone(),
            job_id: id,
            config: TemplateGenerator::new("v").build(&GenerationInput::default()),
            created_at: NOW,
        };
        assert!(matches!(
            store.complete_job(id, 1, &agent, &[], NOW).await,
            Err(StoreError::Conflict)
        ));
        assert!(matches!(
            store.fail_job(id, 1, "stale", NOW).await,
            Err(StoreError::Conflict)
        ));
        assert!(matches!(
            store.release_job(id, 1, NOW).await,
            Err(StoreError::Conflict)
        ));
        store.complete_job(id, 2, &agent, &[], NOW).await.unwrap();
        assert_eq!(
            store.get_job(id).await.unwrap().unwrap().status(),
            JobStatus::Completed
        );
    }

    /// A generator that panics for one job's instructions.
    struct PanicsOn(&'static str);

    #[async_trait]
    impl Generator for PanicsOn {
        async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError> {
            if input
                .instructions
                .as_ref()
                .is_some_and(|i| i.as_str() == self.0)
            {
                panic!("generator bug");
            }
            TemplateGenerator::new("v").generate(input).await
        }
    }

    #[tokio::test]
    async fn a_panic_fails_only_its_own_message_of_the_batch() {
        let store = Arc::new(MemoryStore::new());
        let d = deps(store.clone(), Arc::new(PanicsOn("boom")));
        let ws = WorkspaceId::parse("ws").unwrap();
        let mut ids = Vec::new();
        for text in ["boom", "Book appointments", "Answer questions"] {
            let job = Job::new_queued(JobId::new(), ws.clone(), None, Some(text.into()), NOW, 30);
            store
                .create_job(&job, UtcDay::containing(NOW), 50, None)
                .await
                .unwrap();
            ids.push(job.job_id);
        }
        let mut event = SqsEvent::default();
        event.records = ids.iter().map(|id| message(&body(*id), 1)).collect();
        for (i, record) in event.records.iter_mut().enumerate() {
            record.message_id = Some(format!("m{i}"));
        }
        let response = handle_batch(&d, event, deadline(NOW_MS + 180_000)).await;
        let failed: Vec<_> = response
            .batch_item_failures
            .iter()
            .map(|f| f.item_identifier.as_str())
            .collect();
        assert_eq!(failed, vec!["m0"]);
        for id in &ids[1..] {
            assert_eq!(
                store.get_job(*id).await.unwrap().unwrap().status(),
                JobStatus::Completed
            );
        }
    }

    #[tokio::test]
    async fn batch_reports_only_messages_to_redeliver() {
        let store = Arc::new(MemoryStore::new());
        let ok = deps(store.clone(), Arc::new(TemplateGenerator::new("v")));
        let id = queued_job(&store).await;
        let mut event = SqsEvent::default();
        event.records = vec![message(&body(id), 1), message("garbage", 1)];
        let response = handle_batch(&ok, event, deadline(NOW_MS + 180_000)).await;
        assert!(response.batch_item_failures.is_empty());

        let failing = deps(store.clone(), Arc::new(Unavailable));
        let id = queued_job(&store).await;
        let mut event = SqsEvent::default();
        let retry = message(&body(id), 1);
        event.records = vec![retry.clone()];
        let response = handle_batch(&failing, event, deadline(NOW_MS + 180_000)).await;
        let ids: Vec<_> = response
            .batch_item_failures
            .iter()
            .map(|f| f.item_identifier.clone())
            .collect();
        assert_eq!(ids, vec![retry.message_id.unwrap()]);
    }
}
