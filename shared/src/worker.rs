//! The SQS worker: each message names a job; claim it, build the agent, store it with the
//! job's completion in one step, or end the job `failed` with a sentence the caller can use.

use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use futures::StreamExt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

use crate::api::error::error_chain;
use crate::clock::Clock;
use crate::domain::{Agent, Instructions, Job, JobId, JobStatus, NetworkPolicy, SiteUrl};
use crate::pipeline::Pipeline;
use crate::queue::JobMessage;
use crate::store::{ClaimOutcome, JobStore, StoreError};

#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// The queue's `maxReceiveCount`: the delivery on which a failing job is ended for good.
    pub max_receive_count: u32,
    pub network_policy: NetworkPolicy,
    /// Messages of one batch processed at once.
    pub concurrency: usize,
    /// Time kept back from the invocation deadline to record the outcome.
    pub finish_margin: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            max_receive_count: 3,
            network_policy: NetworkPolicy::Public,
            concurrency: 4,
            finish_margin: Duration::from_secs(10),
        }
    }
}

pub struct WorkerDeps {
    pub jobs: Arc<dyn JobStore>,
    pub pipeline: Pipeline,
    pub clock: Arc<dyn Clock>,
    pub settings: WorkerSettings,
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
    deadline_ms: i64,
) -> SqsBatchResponse {
    let concurrency = deps.settings.concurrency.max(1);
    let outcomes: Vec<(Option<String>, MessageOutcome)> = futures::stream::iter(event.records)
        .map(|message| async move {
            let outcome = handle_message(deps, &message, deadline_ms).await;
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
    deadline_ms: i64,
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
    process(deps, job_id, last_attempt, deadline_ms)
        .instrument(span)
        .await
}

async fn process(
    deps: &WorkerDeps,
    job_id: JobId,
    last_attempt: bool,
    deadline_ms: i64,
) -> MessageOutcome {
    let now = deps.clock.now();
    let job = match deps.jobs.claim_job(job_id, now, deadline_ms).await {
        Ok(ClaimOutcome::Claimed(job)) => job,
        Ok(ClaimOutcome::Finished(status)) => {
            tracing::info!(%status, "job already finished; message acknowledged");
            return MessageOutcome::Skipped;
        }
        Ok(ClaimOutcome::NotFound) => {
            tracing::warn!("message names no known job; acknowledged");
            return MessageOutcome::Skipped;
        }
        Ok(ClaimOutcome::Busy) => {
            tracing::info!("another worker holds the job's lease; retrying later");
            return MessageOutcome::Retry;
        }
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "claiming the job failed");
            return MessageOutcome::Retry;
        }
    };
    tracing::Span::current().record("workspace_id", job.workspace_id.as_str());
    tracing::info!(attempt = job.attempts, "job claimed");

    let now_ms = (now.unix_timestamp_nanos() / 1_000_000) as i64;
    let budget_ms = deadline_ms - now_ms - deps.settings.finish_margin.as_millis() as i64;
    let budget = Duration::from_millis(budget_ms.max(1_000) as u64);
    let outcome = tokio::time::timeout(budget, build(deps, &job)).await;
    let config = match outcome {
        Ok(Ok(config)) => config,
        Ok(Err(err)) if err.is_retryable() && !last_attempt => {
            tracing::warn!(error = %error_chain(&err), "transient failure; the job will be retried");
            return MessageOutcome::Retry;
        }
        Ok(Err(err)) => {
            tracing::info!(error = %error_chain(&err), "job failed");
            return fail(deps, &job, &err.to_string()).await;
        }
        Err(_) => {
            tracing::warn!(budget_ms, "job ran out of time");
            return fail(deps, &job, TIMED_OUT).await;
        }
    };

    let agent = Agent {
        agent_id: job.job_id.agent_id(),
        workspace_id: job.workspace_id.clone(),
        job_id: job.job_id,
        config,
        created_at: deps.clock.now(),
    };
    match deps
        .jobs
        .complete_job(job.job_id, &agent, deps.clock.now())
        .await
    {
        Ok(()) => {
            tracing::info!(agent_id = %agent.agent_id, "job completed");
            MessageOutcome::Completed
        }
        Err(StoreError::Conflict) => {
            // Another delivery finished first; the agent id is fixed, so there is still one.
            tracing::warn!("job was finished by another delivery");
            MessageOutcome::Skipped
        }
        Err(err) if err.is_retryable() && !last_attempt => {
            tracing::warn!(error = %error_chain(&err), "storing the agent failed; retrying");
            MessageOutcome::Retry
        }
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "storing the agent failed");
            fail(deps, &job, INTERNAL_FAILURE).await
        }
    }
}

async fn build(
    deps: &WorkerDeps,
    job: &Job,
) -> Result<crate::domain::AgentConfig, crate::pipeline::PipelineError> {
    // The record was validated at submission; re-parsing only guards against a corrupted
    // item, and a URL that no longer passes is reported as such.
    let website_url = match job.website_url.as_deref() {
        None => None,
        Some(raw) => match SiteUrl::parse(raw, deps.settings.network_policy) {
            Ok(url) => Some(url),
            Err(e) => {
                return Err(crate::pipeline::PipelineError::Unreachable {
                    url: raw.to_owned(),
                    reason: crate::crawl::FetchError::InvalidUrl(e.to_string()),
                })
            }
        },
    };
    let instructions = job
        .instructions
        .as_deref()
        .and_then(|raw| Instructions::parse(raw).ok().flatten());
    let outcome = deps
        .pipeline
        .build(website_url.as_ref(), instructions.as_ref())
        .await?;
    tracing::info!(pages = outcome.pages.len(), "agent generated");
    Ok(outcome.agent)
}

async fn fail(deps: &WorkerDeps, job: &Job, error: &str) -> MessageOutcome {
    match deps
        .jobs
        .fail_job(job.job_id, error, deps.clock.now())
        .await
    {
        Ok(()) => MessageOutcome::Failed,
        Err(StoreError::Conflict) => MessageOutcome::Skipped,
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "recording the failure failed; retrying");
            MessageOutcome::Retry
        }
    }
}

/// Whether a job is in a state a poller can stop waiting on.
pub fn is_settled(status: JobStatus) -> bool {
    status.is_terminal()
}
