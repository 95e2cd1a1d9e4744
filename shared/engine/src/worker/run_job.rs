//! The `run_job` service: running one job, given its id, whether this is its last delivery and
//! the invocation's deadline. It claims the job (a lease until the deadline), builds the agent
//! within the time left, and stores it with the job's completion in one step — or ends the job
//! `failed` with a sentence for the caller, or gives the job back for a retry when the failure
//! is transient and deliveries are left. It knows nothing of SQS ([`super::sqs`] does).

use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

use super::deps::WorkerDeps;
use crate::clock::Clock;
use crate::crawl::{CrawlError, CrawlProgress, FetchError, ProgressSink};
use crate::domain::progress::Stage;
use crate::domain::{Agent, Instructions, Job, JobId, SiteUrl};
use crate::error::error_chain;
use crate::metrics::Metric;
use crate::pipeline::{BuildOutcome, PipelineError};
use crate::store::{ClaimOutcome, JobStore, StoreError};
use agent_builder_core::time::{Deadline, UnixMillis};

/// What running a job came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobRun {
    Completed,
    Failed,
    /// Nothing to do: no such job, it already ended, or another delivery finished it first.
    Skipped,
    /// Worth another try on a later delivery: a transient failure (the lease is given back), or
    /// another worker holds a live lease until `busy_until`.
    Retry {
        busy_until: Option<UnixMillis>,
    },
}

const RETRY: JobRun = JobRun::Retry { busy_until: None };

pub const INTERNAL_FAILURE: &str =
    "The agent could not be created because of an internal error. Please submit the job again.";
pub const TIMED_OUT: &str =
    "Building the agent took longer than the time allowed. Please try again later.";

/// Runs job `job_id` on a delivery (`last_attempt`: the queue's last) that must end by
/// `deadline`.
pub async fn run_job(
    deps: &WorkerDeps,
    job_id: JobId,
    last_attempt: bool,
    deadline: Deadline,
) -> JobRun {
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
            return JobRun::Skipped;
        }
        Ok(ClaimOutcome::NotFound) => {
            tracing::warn!("message names no known job; acknowledged");
            return JobRun::Skipped;
        }
        Ok(ClaimOutcome::Busy { lease_expires_at }) => {
            tracing::info!("another worker holds the job's lease; retrying later");
            return JobRun::Retry {
                busy_until: Some(lease_expires_at),
            };
        }
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "claiming the job failed");
            return RETRY;
        }
    };
    let outcome = run_claimed(deps, &job, last_attempt, deadline).await;
    if outcome == RETRY {
        // The next delivery comes after a short backoff: let it take the job over at once.
        if let Err(err) = deps
            .jobs
            .release_job(job.job_id, job.attempts, deps.clock.now())
            .await
        {
            tracing::warn!(error = %error_chain(&err), "could not give up the lease");
        }
    }
    outcome
}

/// The claimed job, built and ended (or given back for a retry).
async fn run_claimed(
    deps: &WorkerDeps,
    job: &Job,
    last_attempt: bool,
    deadline: Deadline,
) -> JobRun {
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
            return RETRY;
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
            JobRun::Completed
        }
        Err(StoreError::Conflict) => {
            // Another delivery finished first or took the job over; the agent id is fixed, so
            // there is still one agent at most.
            tracing::warn!("job was finished or taken over by another delivery");
            JobRun::Skipped
        }
        Err(err) if err.is_retryable() && !last_attempt => {
            tracing::warn!(error = %error_chain(&err), "storing the agent failed; retrying");
            RETRY
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

async fn fail(deps: &WorkerDeps, job: &Job, error: &str, deadline: Deadline) -> JobRun {
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
            JobRun::Failed
        }
        Err(StoreError::Conflict) => JobRun::Skipped,
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "recording the failure failed; retrying");
            RETRY
        }
    }
}
