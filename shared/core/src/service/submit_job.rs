//! Submitting a job: the validated request in; the quota unit, the idempotency key and the job
//! stored in one atomic step, then the job enqueued — and when the queue refuses it, everything
//! given back (the job ends `failed`, the unit is returned, the key forgotten) so the caller can
//! simply submit again.

use backon::{ExponentialBuilder, Retryable};
use std::time::Duration;
use time::OffsetDateTime;
use tracing::Instrument;

use super::ServiceError;
use crate::clock::Clock;
use crate::domain::idempotency::{
    request_hash, IdempotencyClaim, IdempotencyKey, IDEMPOTENCY_TTL_SECS,
};
use crate::domain::{Instructions, Job, JobId, JobStatus, SiteUrl, UtcDay, WorkspaceId};
use crate::error::error_chain;
use crate::metrics::{Metric, Metrics};
use crate::queue::JobQueue;
use crate::store::{IdempotencyStore, JobStore, QuotaStore, QuotaUsage, StoreError};

/// What the caller sees when the queue refused the job after it was stored.
pub const NOT_QUEUED_ERROR: &str =
    "The job could not be queued and was not run; it did not count against your daily quota. Please submit it again.";

/// A validated submission from an authenticated workspace.
#[derive(Debug, Clone)]
pub struct SubmitJob {
    pub workspace: WorkspaceId,
    pub website_url: Option<SiteUrl>,
    pub instructions: Option<Instructions>,
    pub callback_url: Option<SiteUrl>,
    pub idempotency_key: Option<IdempotencyKey>,
}

#[derive(Debug, Clone)]
pub struct SubmitSettings {
    /// Accepted jobs per workspace per UTC day.
    pub daily_job_limit: u32,
    pub job_ttl_days: u32,
}

/// The ports a submission goes through.
#[derive(Clone, Copy)]
pub struct SubmitPorts<'a> {
    pub jobs: &'a dyn JobStore,
    pub quota: &'a dyn QuotaStore,
    pub idempotency: &'a dyn IdempotencyStore,
    pub queue: &'a dyn JobQueue,
    pub clock: &'a dyn Clock,
    pub metrics: &'a dyn Metrics,
}

/// What became of an accepted submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    /// A new job, queued; `usage` is the workspace's quota on `day` with it counted.
    Created {
        job_id: JobId,
        usage: QuotaUsage,
        day: UtcDay,
    },
    /// The same request under the same idempotency key came before: its job, as it is now.
    /// Nothing was created and no quota used.
    Replayed { job_id: JobId, status: JobStatus },
}

pub async fn submit_job(
    ports: SubmitPorts<'_>,
    settings: &SubmitSettings,
    request: SubmitJob,
) -> Result<Submitted, ServiceError> {
    let now = ports.clock.now();
    let claim = request.idempotency_key.map(|key| IdempotencyClaim {
        workspace_id: request.workspace.clone(),
        key,
        request_hash: request_hash(
            request.website_url.as_ref(),
            request.instructions.as_ref(),
            request.callback_url.as_ref(),
        ),
        expires_at: now.unix_timestamp() + IDEMPOTENCY_TTL_SECS,
    });
    let day = UtcDay::containing(now);
    let limit = settings.daily_job_limit;
    let job = Job {
        callback_url: request.callback_url,
        ..Job::new_queued(
            JobId::new(),
            request.workspace.clone(),
            request.website_url,
            request.instructions.map(|i| i.as_str().to_owned()),
            now,
            settings.job_ttl_days,
        )
    };
    let job_id = job.job_id;
    let span = tracing::info_span!("create_job", %job_id, workspace_id = %request.workspace);
    async move {
        let usage = match ports
            .jobs
            .create_job(&job, day, limit, claim.as_ref())
            .await
        {
            Ok(usage) => usage,
            Err(StoreError::QuotaExceeded) => {
                ports.metrics.record(&[(Metric::QuotaRejected, 1.0)]);
                return Err(ServiceError::QuotaExceeded {
                    limit,
                    reset_at: day.next_midnight().unix_timestamp(),
                    retry_after_secs: day.seconds_until_reset(now),
                });
            }
            Err(StoreError::DuplicateRequest) => {
                let claim = claim.as_ref().expect("only keyed requests are duplicates");
                return replay(ports, claim, now).await;
            }
            Err(err) => return Err(err.into()),
        };
        if let Err(send_error) = ports.queue.enqueue(job_id).await {
            give_back(ports, &job, day, claim.as_ref()).await;
            return Err(ServiceError::Unavailable(Box::new(send_error)));
        }
        tracing::info!(quota_used = usage.used, "job queued");
        ports.metrics.record(&[(Metric::JobsCreated, 1.0)]);
        Ok(Submitted::Created { job_id, usage, day })
    }
    .instrument(span)
    .await
}

/// A keyed request seen before: the same request gets the original job back, another request
/// under the same key is refused.
async fn replay(
    ports: SubmitPorts<'_>,
    claim: &IdempotencyClaim,
    now: OffsetDateTime,
) -> Result<Submitted, ServiceError> {
    let record = ports
        .idempotency
        .find_idempotency(&claim.workspace_id, &claim.key, now)
        .await?
        // Gone between the write and this read (expired or given back): ask for a retry.
        .ok_or_else(|| ServiceError::Unavailable("idempotency record vanished".into()))?;
    if record.request_hash != claim.request_hash {
        return Err(ServiceError::IdempotencyKeyReused);
    }
    let job = ports
        .jobs
        .get_job(record.job_id)
        .await?
        .ok_or_else(|| ServiceError::Unavailable("idempotent job not yet readable".into()))?;
    tracing::info!(job_id = %job.job_id, "idempotent replay");
    Ok(Submitted::Replayed {
        job_id: job.job_id,
        status: job.status(),
    })
}

/// The queue refused the message: end the job `failed` (so nothing waits on it), return the
/// quota unit and forget the key. Each step retries transient errors; what still fails is
/// logged loudly.
async fn give_back(
    ports: SubmitPorts<'_>,
    job: &Job,
    day: UtcDay,
    claim: Option<&IdempotencyClaim>,
) {
    let backoff = ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(50))
        .with_max_times(3)
        .with_jitter();
    let now = ports.clock.now();
    let failed = (|| ports.jobs.fail_job(job.job_id, 0, NOT_QUEUED_ERROR, now))
        .retry(backoff)
        .when(StoreError::is_retryable)
        .await;
    if let Err(err) = failed {
        tracing::error!(error = %error_chain(&err), "could not mark the unqueued job failed");
    }
    let released = (|| ports.quota.release_quota(&job.workspace_id, day))
        .retry(backoff)
        .when(StoreError::is_retryable)
        .await;
    if let Err(err) = released {
        tracing::error!(error = %error_chain(&err), "could not give back the quota unit");
    }
    if let Some(claim) = claim {
        let forgotten = (|| {
            ports
                .idempotency
                .forget_idempotency(&claim.workspace_id, &claim.key)
        })
        .retry(backoff)
        .when(StoreError::is_retryable)
        .await;
        if let Err(err) = forgotten {
            tracing::error!(error = %error_chain(&err), "could not forget the idempotency key");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::metrics::MemoryMetrics;
    use crate::queue::memory::MemoryQueue;
    use crate::store::memory::MemoryStore;

    struct Fixture {
        store: MemoryStore,
        queue: MemoryQueue,
        metrics: MemoryMetrics,
        settings: SubmitSettings,
    }

    impl Fixture {
        fn new(limit: u32) -> Self {
            Self {
                store: MemoryStore::new(),
                queue: MemoryQueue::new(),
                metrics: MemoryMetrics::default(),
                settings: SubmitSettings {
                    daily_job_limit: limit,
                    job_ttl_days: 30,
                },
            }
        }

        async fn submit(&self, request: SubmitJob) -> Result<Submitted, ServiceError> {
            let ports = SubmitPorts {
                jobs: &self.store,
                quota: &self.store,
                idempotency: &self.store,
                queue: &self.queue,
                clock: &SystemClock,
                metrics: &self.metrics,
            };
            submit_job(ports, &self.settings, request).await
        }

        async fn used(&self) -> u32 {
            self.store
                .quota_used(&workspace(), UtcDay::containing(OffsetDateTime::now_utc()))
                .await
                .unwrap()
        }
    }

    fn workspace() -> WorkspaceId {
        WorkspaceId::parse("ws").unwrap()
    }

    fn request(instructions: &str, key: Option<&str>) -> SubmitJob {
        SubmitJob {
            workspace: workspace(),
            website_url: None,
            instructions: Instructions::parse(instructions).unwrap(),
            callback_url: None,
            idempotency_key: key.map(|k| IdempotencyKey::parse(k).unwrap()),
        }
    }

    #[tokio::test]
    async fn a_job_is_stored_queued_and_counted_until_the_daily_limit() {
        let f = Fixture::new(1);
        let Submitted::Created { job_id, usage, .. } =
            f.submit(request("Take bookings", None)).await.unwrap()
        else {
            panic!("expected a new job");
        };
        assert_eq!(usage, QuotaUsage { used: 1, limit: 1 });
        assert_eq!(f.queue.sent(), vec![job_id]);
        let job = f.store.get_job(job_id).await.unwrap().unwrap();
        assert_eq!(job.status(), JobStatus::Queued);
        assert_eq!(job.instructions.as_deref(), Some("Take bookings"));

        let refused = f.submit(request("Take bookings", None)).await.unwrap_err();
        assert!(
            matches!(refused, ServiceError::QuotaExceeded { limit: 1, retry_after_secs, .. } if retry_after_secs > 0),
            "{refused:?}"
        );
        assert_eq!(refused.http_status(), 429);
        assert_eq!(f.queue.sent().len(), 1);
        assert_eq!(f.metrics.total(Metric::JobsCreated), 1.0);
        assert_eq!(f.metrics.total(Metric::QuotaRejected), 1.0);
    }

    #[tokio::test]
    async fn a_refused_message_fails_the_job_returns_the_unit_and_forgets_the_key() {
        let f = Fixture::new(5);
        f.queue.set_failing(true);
        let err = f
            .submit(request("Take bookings", Some("key-1")))
            .await
            .unwrap_err();
        assert!(matches!(err, ServiceError::Unavailable(_)), "{err:?}");
        assert!(err.is_retryable());
        assert_eq!(f.used().await, 0);
        assert_eq!(f.store.job_count(), 1);
        assert_eq!(f.metrics.count(Metric::JobsCreated), 0);

        // The same request again, once the queue is back, is a new job rather than a replay.
        f.queue.set_failing(false);
        let again = f
            .submit(request("Take bookings", Some("key-1")))
            .await
            .unwrap();
        let Submitted::Created { job_id, .. } = again else {
            panic!("expected a new job, got {again:?}");
        };
        assert_eq!(f.queue.sent(), vec![job_id]);
        assert_eq!(f.used().await, 1);
        assert_eq!(f.store.job_count(), 2);
    }

    #[tokio::test]
    async fn a_repeated_key_replays_the_same_request_and_refuses_another() {
        let f = Fixture::new(5);
        let Submitted::Created { job_id, .. } = f
            .submit(request("Take bookings", Some("key-1")))
            .await
            .unwrap()
        else {
            panic!("expected a new job");
        };
        let replayed = f
            .submit(request("Take bookings", Some("key-1")))
            .await
            .unwrap();
        assert_eq!(
            replayed,
            Submitted::Replayed {
                job_id,
                status: JobStatus::Queued
            }
        );
        let other = f
            .submit(request("Answer questions", Some("key-1")))
            .await
            .unwrap_err();
        assert!(matches!(other, ServiceError::IdempotencyKeyReused));
        assert_eq!(other.http_status(), 422);
        // One job, one unit, one message.
        assert_eq!(f.store.job_count(), 1);
        assert_eq!(f.used().await, 1);
        assert_eq!(f.queue.sent(), vec![job_id]);
    }
}
