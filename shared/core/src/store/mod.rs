//! Storage ports. Each is small; the DynamoDB adapter (`agent_builder_aws::dynamodb`) implements
//! them all over six tables, the in-memory one backs fast unit tests of domain logic.

pub mod cached_keys;
#[cfg(any(test, feature = "contract"))]
pub mod contract;
pub mod memory;

use async_trait::async_trait;
use std::error::Error as StdError;
use time::OffsetDateTime;

use crate::domain::idempotency::{IdempotencyClaim, IdempotencyKey, IdempotencyRecord};
use crate::domain::progress::CrawlProgress;
use crate::domain::webhook::WebhookDelivery;
use crate::domain::{
    Agent, AgentId, ApiKeyHash, ApiKeyRecord, Job, JobId, JobStatus, TransitionRefused, UtcDay,
    WorkspaceId,
};
use crate::time::UnixMillis;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the workspace's daily job quota is used up")]
    QuotaExceeded,
    #[error("the item was changed concurrently or is not in the expected state")]
    Conflict,
    #[error("a request with this idempotency key was already accepted")]
    DuplicateRequest,
    /// Another transaction touched the same items at the same moment (a hot quota counter).
    #[error("the transaction collided with a concurrent one")]
    Contention,
    #[error("a stored item is malformed: {0}")]
    Corrupt(String),
    #[error("storage request failed")]
    Backend {
        #[source]
        source: Box<dyn StdError + Send + Sync>,
        retryable: bool,
    },
}

/// A transition the job's state does not allow is a write whose condition failed.
impl From<TransitionRefused> for StoreError {
    fn from(_: TransitionRefused) -> Self {
        Self::Conflict
    }
}

impl StoreError {
    /// Whether trying again later may succeed (throttling, timeouts, 5xx).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Backend {
                retryable: true,
                ..
            }
        )
    }
}

/// The quota after a successful take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaUsage {
    pub used: u32,
    pub limit: u32,
}

impl QuotaUsage {
    pub fn remaining(&self) -> u32 {
        self.limit.saturating_sub(self.used)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimOutcome {
    /// This worker now owns the job until its lease ends.
    Claimed(Box<Job>),
    /// Nothing to do: the job already ended.
    Finished(JobStatus),
    /// Another worker holds a live lease, until `lease_expires_at`.
    Busy {
        lease_expires_at: UnixMillis,
    },
    NotFound,
}

impl ClaimOutcome {
    /// The outcome of [`Job::claim`] on the job as stored.
    pub fn of(claim: Result<Job, TransitionRefused>) -> Self {
        match claim {
            Ok(job) => Self::Claimed(Box::new(job)),
            Err(TransitionRefused::Busy(lease_expires_at)) => Self::Busy { lease_expires_at },
            // A claim refuses only an ended job or a live lease.
            Err(TransitionRefused::Ended(status) | TransitionRefused::NotHeld { status, .. }) => {
                Self::Finished(status)
            }
        }
    }
}

#[async_trait]
pub trait JobStore: Send + Sync {
    /// Stores a new `queued` job, takes one unit of its workspace's quota for `day` and (with a
    /// claim) records the idempotency key, in one atomic step: all happen or none.
    /// `DuplicateRequest` when the key is already recorded and unexpired (checked first),
    /// `QuotaExceeded` when `limit` units are taken.
    async fn create_job(
        &self,
        job: &Job,
        day: UtcDay,
        limit: u32,
        idempotency: Option<&IdempotencyClaim>,
    ) -> Result<QuotaUsage, StoreError>;

    async fn get_job(&self, job_id: JobId) -> Result<Option<Job>, StoreError>;

    /// [`Job::claim`]: `queued`, or `processing` with a lapsed lease → `processing` with a
    /// lease until `lease_until`. `last_delivery`: the message is on its last delivery, which
    /// the job records (see [`crate::domain::Lease`]).
    async fn claim_job(
        &self,
        job_id: JobId,
        now: OffsetDateTime,
        lease_until: UnixMillis,
        last_delivery: bool,
    ) -> Result<ClaimOutcome, StoreError>;

    /// [`Job::complete`]: stores the agent and marks the job `completed` with its id and
    /// warnings, atomically.
    /// `attempt` is the claim the writer holds (`Job::attempts` as claimed): `Conflict` when the
    /// job is no longer `processing` under that claim (ended, or taken over by a later worker)
    /// or the agent already exists.
    async fn complete_job(
        &self,
        job_id: JobId,
        attempt: u32,
        agent: &Agent,
        warnings: &[String],
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Records crawl progress on a `processing` job (`Conflict` once it has ended).
    async fn update_progress(
        &self,
        job_id: JobId,
        progress: &CrawlProgress,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Records how the job's webhook delivery went.
    async fn record_webhook(
        &self,
        job_id: JobId,
        delivery: &WebhookDelivery,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// [`Job::fail`]: marks a `queued` or `processing` job `failed` with a sentence for the caller, provided
    /// its `attempts` still equals `attempt` (0 for a job never claimed; the writer's claim
    /// otherwise). `Conflict` when the job already ended or another worker has claimed it since.
    async fn fail_job(
        &self,
        job_id: JobId,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// [`Job::release`]: gives up the lease of claim `attempt` at once (the job stays `processing`), so the
    /// message's next delivery can claim it without waiting for the lease to run out.
    /// `Conflict` when the writer no longer holds that claim.
    async fn release_job(
        &self,
        job_id: JobId,
        attempt: u32,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// [`Job::expire`]: ends a job whose worker stopped for good: `job` as last read, still `queued`, or
    /// `processing` with its lease run out, under the same claim (`attempts`). In one step the
    /// job becomes `failed` with `error` and the quota unit it took on its creation day is given
    /// back. `Conflict` when the job changed since it was read (claimed again, ended, lease live).
    async fn abandon_job(
        &self,
        job: &Job,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Jobs `processing` whose lease ran out before `now` (at most `limit`), from the sparse
    /// lease index: only jobs holding a lease are in it.
    async fn expired_leases(
        &self,
        now: OffsetDateTime,
        limit: usize,
    ) -> Result<Vec<JobId>, StoreError>;
}

#[async_trait]
pub trait QuotaStore: Send + Sync {
    /// Gives back one unit taken by `create_job` (never below zero).
    async fn release_quota(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<(), StoreError>;

    async fn quota_used(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<u32, StoreError>;
}

#[async_trait]
pub trait AgentStore: Send + Sync {
    async fn get_agent(&self, agent_id: AgentId) -> Result<Option<Agent>, StoreError>;
}

#[async_trait]
pub trait ApiKeyStore: Send + Sync {
    async fn find_api_key(&self, hash: &ApiKeyHash) -> Result<Option<ApiKeyRecord>, StoreError>;

    async fn put_api_key(&self, record: &ApiKeyRecord) -> Result<(), StoreError>;

    async fn revoke_api_key(&self, hash: &ApiKeyHash) -> Result<(), StoreError>;
}

#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// The unexpired record of `key` in `workspace`, if any.
    async fn find_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        now: OffsetDateTime,
    ) -> Result<Option<IdempotencyRecord>, StoreError>;

    /// Forgets a key whose job never ran (the queue refused it), so a retry starts afresh.
    async fn forget_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
    ) -> Result<(), StoreError>;
}

#[async_trait]
pub trait WorkspaceStore: Send + Sync {
    /// The workspace's webhook signing secret, created on first use.
    async fn webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError>;

    /// Replaces the secret (after a leak); deliveries from then on use the new one.
    async fn rotate_webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError>;
}
