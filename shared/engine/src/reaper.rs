//! Every job ends: the reaper ends the jobs whose worker stopped for good — killed, out of
//! memory, timed out or lost with its host on the message's last delivery, or with no message
//! left anywhere — as `failed`, with their quota unit given back and the same event and webhook
//! as any failure. It runs on two triggers, with the same rules:
//!
//! - the dead-letter queue: a message there has used every delivery, so its job, unless it
//!   ended or a worker still holds a live lease, never will;
//! - a sweep over the jobs table's sparse lease index: a job whose lease ran out on the last
//!   delivery (claimed on it, or claimed `maxReceiveCount` times), or ran out so long ago that no delivery
//!   of its message can still be pending, is ended there without waiting for SQS to move the
//!   message (which happens only after the 18-minute visibility timeout).

use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use futures::StreamExt;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

use crate::announce::Announcer;
use crate::clock::Clock;
use crate::domain::{JobId, JobState};
use crate::error::error_chain;
use crate::events::JobEvents;
use crate::metrics::{Metric, Metrics};
use crate::queue::{JobMessage, Redelivery};
use crate::store::{JobStore, StoreError, WorkspaceStore};
use crate::webhooks::WebhookSender;
use crate::worker::schedule_retry;
use agent_builder_core::time::{Deadline, UnixMillis};

/// The caller's sentence for a job whose worker stopped for good.
pub const ABANDONED: &str = "The agent could not be built: the worker processing this job \
stopped unexpectedly and did not recover. No quota was used for this job; please submit it again.";

#[derive(Debug, Clone)]
pub struct ReaperSettings {
    /// The job queue's `maxReceiveCount`.
    pub max_receive_count: u32,
    /// A lease that ran out this long ago ends its job whatever its attempts.
    pub orphan_after: Duration,
    /// Most jobs ended by one sweep (the next sweep takes the rest).
    pub max_per_sweep: usize,
    /// Jobs ended at once.
    pub concurrency: usize,
    /// The invocation's length when Lambda gives no usable deadline: the function's timeout in
    /// `template.yaml`.
    pub unknown_deadline_budget: Duration,
}

impl Default for ReaperSettings {
    fn default() -> Self {
        Self {
            max_receive_count: 3,
            orphan_after: crate::config::DEFAULT_ORPHAN_LEASE_AFTER,
            max_per_sweep: 500,
            concurrency: 4,
            unknown_deadline_budget: Duration::from_secs(60),
        }
    }
}

pub struct ReaperDeps {
    pub jobs: Arc<dyn JobStore>,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<dyn Metrics>,
    pub events: Arc<dyn JobEvents>,
    pub workspaces: Arc<dyn WorkspaceStore>,
    pub webhooks: Arc<dyn WebhookSender>,
    /// The dead-letter queue: a message whose job is still running comes back when its lease
    /// ends.
    pub redelivery: Arc<dyn Redelivery>,
    pub settings: ReaperSettings,
}

/// What the reaper did with one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaped {
    /// Ended `failed`, quota given back, announced.
    Ended,
    /// Nothing to do: it ended, is unknown, or may still end by itself.
    Left,
    /// A worker holds a live lease until then: look again after it.
    Running { lease_expires_at: UnixMillis },
}

/// What one sweep found and did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SweepReport {
    /// Jobs in the lease index whose lease had run out.
    pub expired: usize,
    /// Of those, the jobs ended.
    pub ended: usize,
    /// Of those, the jobs that could not be looked at (retried on the next sweep).
    pub errors: usize,
}

impl ReaperDeps {
    fn announcer(&self) -> Announcer<'_> {
        Announcer {
            jobs: self.jobs.as_ref(),
            events: self.events.as_ref(),
            workspaces: self.workspaces.as_ref(),
            webhooks: self.webhooks.as_ref(),
            clock: self.clock.as_ref(),
        }
    }

    /// The deadline of an invocation Lambda says ends at `lambda_deadline_ms` (Unix ms): one
    /// already past as it starts is unknown, and the invocation gets
    /// [`ReaperSettings::unknown_deadline_budget`].
    pub fn deadline(&self, lambda_deadline_ms: u64) -> Deadline {
        Deadline::from_lambda(
            lambda_deadline_ms,
            self.now_ms(),
            self.settings.unknown_deadline_budget,
        )
    }

    fn now_ms(&self) -> UnixMillis {
        UnixMillis::now(self.clock.as_ref())
    }
}

/// The reaper's Lambda event: a batch from the dead-letter queue (`Records`), or anything else
/// (the schedule's event) for a sweep. Answers the batch's item failures, or the sweep's report.
pub async fn handle_event(
    deps: &ReaperDeps,
    event: serde_json::Value,
    deadline: Deadline,
) -> Result<serde_json::Value, serde_json::Error> {
    if event.get("Records").is_some() {
        let batch: SqsEvent = serde_json::from_value(event)?;
        serde_json::to_value(handle_dead_letters(deps, batch, deadline).await)
    } else {
        serde_json::to_value(sweep(deps, deadline).await)
    }
}

/// Ends the jobs of dead-lettered messages; a message whose job a worker still holds comes back
/// when the lease ends, one whose store call failed after the queue's visibility timeout.
pub async fn handle_dead_letters(
    deps: &ReaperDeps,
    event: SqsEvent,
    deadline: Deadline,
) -> SqsBatchResponse {
    let concurrency = deps.settings.concurrency.max(1);
    let failures: Vec<Option<String>> = futures::stream::iter(event.records)
        .map(|message| async move {
            let retry = dead_letter(deps, &message, deadline).await;
            retry.then_some(message.message_id).flatten()
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let mut response = SqsBatchResponse::default();
    for id in failures.into_iter().flatten() {
        response.add_failure(id);
    }
    response
}

/// Whether the message must come back.
async fn dead_letter(deps: &ReaperDeps, message: &SqsMessage, deadline: Deadline) -> bool {
    let body = message.body.as_deref().unwrap_or_default();
    let Some(job_id) = serde_json::from_str::<JobMessage>(body)
        .ok()
        .and_then(|m| JobId::parse(&m.job_id))
    else {
        tracing::warn!(message_id = ?message.message_id, "unreadable dead letter dropped");
        return false;
    };
    let span = tracing::info_span!(
        "dead_letter",
        %job_id,
        workspace_id = tracing::field::Empty
    );
    async {
        match reap(deps, job_id, true, deadline).await {
            Ok(Reaped::Ended | Reaped::Left) => false,
            Ok(Reaped::Running { lease_expires_at }) => {
                let wait = deps.now_ms().until(lease_expires_at);
                schedule_retry(
                    deps.redelivery.as_ref(),
                    message,
                    wait + Duration::from_secs(1),
                )
                .await;
                true
            }
            Err(err) => {
                tracing::error!(error = %error_chain(&err), "could not end the dead-lettered job; retrying");
                true
            }
        }
    }
    .instrument(span)
    .await
}

/// Ends every job whose lease ran out on its last delivery, or long enough ago that no delivery
/// can be pending.
pub async fn sweep(deps: &ReaperDeps, deadline: Deadline) -> SweepReport {
    let expired = match deps
        .jobs
        .expired_leases(deps.clock.now(), deps.settings.max_per_sweep)
        .await
    {
        Ok(ids) => ids,
        Err(err) => {
            tracing::error!(error = %error_chain(&err), "could not read the lease index");
            return SweepReport {
                errors: 1,
                ..SweepReport::default()
            };
        }
    };
    let mut report = SweepReport {
        expired: expired.len(),
        ..SweepReport::default()
    };
    let results: Vec<Result<Reaped, StoreError>> = futures::stream::iter(expired)
        .map(|job_id| {
            let span = tracing::info_span!("sweep", %job_id, workspace_id = tracing::field::Empty);
            reap(deps, job_id, false, deadline).instrument(span)
        })
        .buffer_unordered(deps.settings.concurrency.max(1))
        .collect()
        .await;
    for result in results {
        match result {
            Ok(Reaped::Ended) => report.ended += 1,
            Ok(_) => {}
            Err(err) => {
                tracing::error!(error = %error_chain(&err), "could not end a job with a lapsed lease");
                report.errors += 1;
            }
        }
    }
    if report.expired > 0 {
        tracing::info!(
            expired = report.expired,
            ended = report.ended,
            errors = report.errors,
            "lease sweep"
        );
    }
    report
}

/// Ends `job_id` if its worker stopped for good. `dead_lettered`: its message used every
/// delivery (so a lapsed lease, or a job never claimed, is enough).
pub async fn reap(
    deps: &ReaperDeps,
    job_id: JobId,
    dead_lettered: bool,
    deadline: Deadline,
) -> Result<Reaped, StoreError> {
    // The index is eventually consistent: decide on a strongly consistent read.
    let Some(job) = deps.jobs.get_job(job_id).await? else {
        tracing::warn!("no such job; nothing to end");
        return Ok(Reaped::Left);
    };
    tracing::Span::current().record("workspace_id", job.workspace_id.as_str());
    let now = deps.clock.now();
    let now_ms = UnixMillis::from(now);
    let lapsed_for_ms = job
        .lease_expires_at()
        .map(|lease| now_ms.millis_since(lease));
    let stopped = match &job.state {
        JobState::Completed { .. } | JobState::Failed { .. } => return Ok(Reaped::Left),
        JobState::Queued => dead_lettered,
        JobState::Processing { lease } if !lease.lapsed(now_ms) => {
            return Ok(Reaped::Running {
                lease_expires_at: lease.expires_at,
            })
        }
        // A processing item stored without a lease reads as lapsed at the epoch: orphaned.
        JobState::Processing { lease } => {
            dead_lettered
                || lease.last_delivery
                || job.attempts >= deps.settings.max_receive_count
                || now_ms.millis_since(lease.expires_at)
                    >= deps.settings.orphan_after.as_millis() as i64
        }
    };
    if !stopped {
        return Ok(Reaped::Left);
    }
    // The job as it ends; the store applies the same transition under the same conditions.
    let Ok(failed) = job.expire(job.attempts, ABANDONED, now) else {
        return Ok(Reaped::Left);
    };
    match deps.jobs.abandon_job(&job, ABANDONED, now).await {
        Ok(()) => {}
        // Claimed again, ended or leased since the read: it is someone else's now.
        Err(StoreError::Conflict) => return Ok(Reaped::Left),
        Err(err) => return Err(err),
    }
    tracing::warn!(
        attempts = job.attempts,
        lapsed_for_ms,
        dead_lettered,
        "job abandoned by its worker ended failed; quota given back"
    );
    deps.announcer().announce(&failed, deadline).await;
    let duration_ms = (deps.clock.now() - job.created_at)
        .whole_milliseconds()
        .max(0) as f64;
    deps.metrics.record(&[
        (Metric::JobsFailed, 1.0),
        (Metric::JobsAbandoned, 1.0),
        (Metric::JobDurationMs, duration_ms),
    ]);
    Ok(Reaped::Ended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::domain::{Job, JobStatus, NetworkPolicy, UtcDay, WorkspaceId};
    use crate::events::MemoryEvents;
    use crate::metrics::MemoryMetrics;
    use crate::queue::memory::MemoryQueue;
    use crate::store::memory::MemoryStore;
    use crate::store::{ClaimOutcome, QuotaStore};
    use crate::webhooks::HttpWebhookSender;
    use time::macros::datetime;

    const NOW: time::OffsetDateTime = datetime!(2026-11-29 12:00:00 UTC);
    const NOW_MS: i64 = 1_795_953_600_000;

    struct Fixture {
        store: Arc<MemoryStore>,
        events: Arc<MemoryEvents>,
        metrics: Arc<MemoryMetrics>,
        queue: Arc<MemoryQueue>,
    }

    impl Fixture {
        fn new() -> Self {
            Self {
                store: Arc::new(MemoryStore::new()),
                events: Arc::new(MemoryEvents::default()),
                metrics: Arc::new(MemoryMetrics::default()),
                queue: Arc::new(MemoryQueue::new()),
            }
        }

        fn deps(&self) -> ReaperDeps {
            ReaperDeps {
                jobs: self.store.clone(),
                clock: Arc::new(FixedClock::new(NOW)),
                metrics: self.metrics.clone(),
                events: self.events.clone(),
                workspaces: self.store.clone(),
                webhooks: Arc::new(HttpWebhookSender::new(NetworkPolicy::Public, "t").unwrap()),
                redelivery: self.queue.clone(),
                settings: ReaperSettings::default(),
            }
        }

        /// A job created a while ago and claimed `claims` times, the last lease ending at
        /// `lease_ms`.
        async fn job(&self, claims: u32, lease_ms: i64) -> JobId {
            let created = NOW - time::Duration::hours(2);
            let job = Job::new_queued(
                JobId::new(),
                WorkspaceId::parse("ws").unwrap(),
                None,
                Some("Take bookings".into()),
                created,
                30,
            );
            self.store
                .create_job(&job, UtcDay::containing(created), 50, None)
                .await
                .unwrap();
            for claim in 1..=claims {
                let lease = UnixMillis::from_millis(if claim == claims { lease_ms } else { 0 });
                let outcome = self
                    .store
                    .claim_job(job.job_id, created, lease, false)
                    .await;
                assert!(matches!(outcome, Ok(ClaimOutcome::Claimed(_))));
            }
            job.job_id
        }

        async fn status(&self, id: JobId) -> JobStatus {
            self.store.get_job(id).await.unwrap().unwrap().status()
        }

        async fn quota(&self) -> u32 {
            self.store
                .quota_used(
                    &WorkspaceId::parse("ws").unwrap(),
                    UtcDay::containing(NOW - time::Duration::hours(2)),
                )
                .await
                .unwrap()
        }
    }

    fn deadline(unix_ms: i64) -> Deadline {
        Deadline::at(UnixMillis::from_millis(unix_ms))
    }

    fn dead_letter(id: JobId) -> SqsMessage {
        let mut m = SqsMessage::default();
        m.message_id = Some(format!("m-{id}"));
        m.receipt_handle = Some(format!("rh-{id}"));
        m.body = Some(JobMessage::for_job(id).to_body());
        m
    }

    #[tokio::test]
    async fn the_sweep_ends_jobs_left_on_their_last_delivery_or_orphaned_and_nothing_else() {
        let f = Fixture::new();
        let last = f.job(3, NOW_MS - 1_000).await;
        // Claimed once, on the message's last delivery (the earlier ones died before claiming).
        let on_last_delivery = f.job(0, 0).await;
        f.store
            .claim_job(
                on_last_delivery,
                NOW,
                UnixMillis::from_millis(NOW_MS - 1_000),
                true,
            )
            .await
            .unwrap();
        let orphan = f.job(1, NOW_MS - 2 * 3_600_000).await;
        let earlier = f.job(1, NOW_MS - 1_000).await;
        let live = f.job(3, NOW_MS + 60_000).await;
        let queued = f.job(0, 0).await;
        assert_eq!(f.quota().await, 6);

        let report = sweep(&f.deps(), deadline(NOW_MS + 60_000)).await;
        assert_eq!(
            report,
            SweepReport {
                expired: 4,
                ended: 3,
                errors: 0
            }
        );
        for id in [last, on_last_delivery, orphan] {
            let job = f.store.get_job(id).await.unwrap().unwrap();
            assert_eq!(job.status(), JobStatus::Failed);
            assert_eq!(job.error(), Some(ABANDONED));
            assert_eq!(job.lease_expires_at(), None);
        }
        // Its message may still come back; a worker holds it; no worker ever had it.
        assert_eq!(f.status(earlier).await, JobStatus::Processing);
        assert_eq!(f.status(live).await, JobStatus::Processing);
        assert_eq!(f.status(queued).await, JobStatus::Queued);
        assert_eq!(f.quota().await, 3, "three units given back");

        let events = f.events.0.lock().unwrap().clone();
        assert_eq!(events.len(), 3);
        assert!(
            events
                .iter()
                .all(|e| e.detail_type == "Agent Builder Job Failed"
                    && e.detail["error"] == ABANDONED)
        );
        assert_eq!(f.metrics.total(Metric::JobsAbandoned), 3.0);
        assert_eq!(f.metrics.total(Metric::JobsFailed), 3.0);

        // A second sweep finds nothing more to do.
        let again = sweep(&f.deps(), deadline(NOW_MS + 60_000)).await;
        assert_eq!(again.ended, 0);
        assert_eq!(f.quota().await, 3);
    }

    #[tokio::test]
    async fn dead_letters_end_their_jobs_unless_a_worker_still_holds_them() {
        let f = Fixture::new();
        let never_claimed = f.job(0, 0).await;
        let lapsed = f.job(1, NOW_MS - 1_000).await;
        let held = f.job(2, NOW_MS + 90_000).await;
        let mut batch = SqsEvent::default();
        batch.records = vec![
            dead_letter(never_claimed),
            dead_letter(lapsed),
            dead_letter(held),
            dead_letter(lapsed),
        ];
        let mut garbage = SqsMessage::default();
        garbage.message_id = Some("garbage".into());
        garbage.body = Some("not json".into());
        batch.records.push(garbage);

        let response = handle_dead_letters(&f.deps(), batch, deadline(NOW_MS + 60_000)).await;
        let retried: Vec<_> = response
            .batch_item_failures
            .iter()
            .map(|f| f.item_identifier.clone())
            .collect();
        assert_eq!(retried, vec![format!("m-{held}")]);
        // It comes back just after the lease ends.
        assert_eq!(
            f.queue.delays(),
            vec![(format!("rh-{held}"), Duration::from_secs(91))]
        );
        assert_eq!(f.status(never_claimed).await, JobStatus::Failed);
        assert_eq!(f.status(lapsed).await, JobStatus::Failed);
        assert_eq!(f.status(held).await, JobStatus::Processing);
        // The duplicate dead letter did not give a second unit back.
        assert_eq!(f.quota().await, 1);
        assert_eq!(f.events.0.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn ended_jobs_are_left_alone() {
        let f = Fixture::new();
        let id = f.job(1, NOW_MS - 1_000).await;
        f.store
            .fail_job(id, 1, "Could not reach it", NOW)
            .await
            .unwrap();
        assert_eq!(
            reap(&f.deps(), id, true, deadline(NOW_MS)).await.unwrap(),
            Reaped::Left
        );
        assert_eq!(
            f.store.get_job(id).await.unwrap().unwrap().error(),
            Some("Could not reach it")
        );
        assert_eq!(f.quota().await, 1, "a job that ran keeps its unit");
        assert_eq!(
            reap(&f.deps(), JobId::new(), true, deadline(NOW_MS))
                .await
                .unwrap(),
            Reaped::Left
        );
    }

    #[tokio::test]
    async fn the_lambda_event_picks_the_trigger() {
        let f = Fixture::new();
        let id = f.job(3, NOW_MS - 1_000).await;
        let scheduled = serde_json::json!({"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}});
        let answer = handle_event(&f.deps(), scheduled, deadline(NOW_MS))
            .await
            .unwrap();
        assert_eq!(answer["ended"], 1);
        assert_eq!(f.status(id).await, JobStatus::Failed);
        let batch = serde_json::json!({"Records": [{"messageId": "a", "body": "{}", "attributes": {}, "messageAttributes": {}}]});
        let answer = handle_event(&f.deps(), batch, deadline(NOW_MS))
            .await
            .unwrap();
        assert_eq!(answer["batchItemFailures"], serde_json::json!([]));
    }
}
