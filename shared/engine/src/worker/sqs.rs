//! The worker's SQS side: a batch's messages read (the job id, the delivery count), run through
//! the [`run_job`] service a few at a time, and answered — a message to retry comes back after
//! its backoff (or after the other worker's lease), and only those are reported as batch item
//! failures. A panic ends its own message's attempt, never the batch.

use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use futures::{FutureExt, StreamExt};
use std::panic::AssertUnwindSafe;
use std::time::Duration;
use tracing::Instrument;

use super::deps::WorkerDeps;
use super::run_job::{run_job, JobRun};
use crate::domain::JobId;
use crate::error::error_chain;
use crate::queue::{JobMessage, Redelivery};
use agent_builder_core::time::{Deadline, UnixMillis};

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

impl From<&JobRun> for MessageOutcome {
    fn from(run: &JobRun) -> Self {
        match run {
            JobRun::Completed => Self::Completed,
            JobRun::Failed => Self::Failed,
            JobRun::Skipped => Self::Skipped,
            JobRun::Retry { .. } => Self::Retry,
        }
    }
}

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
    let work = run_job(deps, job_id, last_attempt, deadline).instrument(span.clone());
    // A panic ends this message's attempt only, never its batch (the release build unwinds).
    let run = match AssertUnwindSafe(work).catch_unwind().await {
        Ok(run) => run,
        Err(panic) => {
            span.in_scope(|| {
                tracing::error!(
                    panic = panic_text(panic.as_ref()),
                    "processing the job panicked; retrying"
                )
            });
            JobRun::Retry { busy_until: None }
        }
    };
    let outcome = MessageOutcome::from(&run);
    if let JobRun::Retry { busy_until } = run {
        let mut delay = deps.settings.retry_delay(receive_count);
        if let Some(until_ms) = busy_until {
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
