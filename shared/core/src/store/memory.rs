//! In-memory adapter for unit tests of domain logic. Same contract as the DynamoDB adapter
//! (checked by the shared suite in [`super::contract`], which both pass), under one lock: each
//! change of a job's state is the domain's transition (`Job::claim`, `complete`, …) applied to
//! the stored job, a refusal being `Conflict`.

use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;
use time::OffsetDateTime;

use super::{
    AgentStore, ApiKeyStore, ClaimOutcome, IdempotencyStore, JobStore, QuotaStore, QuotaUsage,
    StoreError, WorkspaceStore,
};
use crate::domain::idempotency::{IdempotencyClaim, IdempotencyKey, IdempotencyRecord};
use crate::domain::progress::CrawlProgress;
use crate::domain::webhook::WebhookDelivery;
use crate::domain::{Agent, AgentId, ApiKeyHash, ApiKeyRecord, Job, JobId, UtcDay, WorkspaceId};
use crate::signature::generate_secret;
use crate::time::UnixMillis;

#[derive(Default)]
struct State {
    jobs: HashMap<JobId, Job>,
    quota: HashMap<(WorkspaceId, UtcDay), u32>,
    agents: HashMap<AgentId, Agent>,
    keys: HashMap<ApiKeyHash, ApiKeyRecord>,
    idempotency: HashMap<(WorkspaceId, String), (IdempotencyRecord, i64)>,
    secrets: HashMap<WorkspaceId, String>,
}

#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("memory store poisoned")
    }

    pub fn agent_count(&self) -> usize {
        self.lock().agents.len()
    }

    pub fn job_count(&self) -> usize {
        self.lock().jobs.len()
    }
}

#[async_trait]
impl JobStore for MemoryStore {
    async fn create_job(
        &self,
        job: &Job,
        day: UtcDay,
        limit: u32,
        idempotency: Option<&IdempotencyClaim>,
    ) -> Result<QuotaUsage, StoreError> {
        let mut s = self.lock();
        // A replayed key is reported first, as DynamoDB's transaction does (its first step).
        // A record counts until its expiry second has passed (`expires_at < now` frees it).
        if let Some(claim) = idempotency {
            let key = (claim.workspace_id.clone(), claim.key.as_str().to_owned());
            if s.idempotency
                .get(&key)
                .is_some_and(|(_, expires)| *expires >= job.created_at.unix_timestamp())
            {
                return Err(StoreError::DuplicateRequest);
            }
        }
        let used = s
            .quota
            .get(&(job.workspace_id.clone(), day))
            .copied()
            .unwrap_or(0);
        if used >= limit {
            return Err(StoreError::QuotaExceeded);
        }
        if s.jobs.contains_key(&job.job_id) {
            return Err(StoreError::Conflict);
        }
        s.quota.insert((job.workspace_id.clone(), day), used + 1);
        s.jobs.insert(job.job_id, job.clone());
        if let Some(claim) = idempotency {
            let record = IdempotencyRecord {
                job_id: job.job_id,
                request_hash: claim.request_hash.clone(),
            };
            s.idempotency.insert(
                (claim.workspace_id.clone(), claim.key.as_str().to_owned()),
                (record, claim.expires_at),
            );
        }
        Ok(QuotaUsage {
            used: used + 1,
            limit,
        })
    }

    async fn get_job(&self, job_id: JobId) -> Result<Option<Job>, StoreError> {
        Ok(self.lock().jobs.get(&job_id).cloned())
    }

    async fn claim_job(
        &self,
        job_id: JobId,
        now: OffsetDateTime,
        lease_until: UnixMillis,
        last_delivery: bool,
    ) -> Result<ClaimOutcome, StoreError> {
        let mut s = self.lock();
        let Some(job) = s.jobs.get_mut(&job_id) else {
            return Ok(ClaimOutcome::NotFound);
        };
        let outcome = ClaimOutcome::of(job.claim(now, lease_until, last_delivery));
        if let ClaimOutcome::Claimed(claimed) = &outcome {
            *job = (**claimed).clone();
        }
        Ok(outcome)
    }

    async fn complete_job(
        &self,
        job_id: JobId,
        attempt: u32,
        agent: &Agent,
        warnings: &[String],
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut s = self.lock();
        if s.agents.contains_key(&agent.agent_id) {
            return Err(StoreError::Conflict);
        }
        let job = s.jobs.get_mut(&job_id).ok_or(StoreError::Conflict)?;
        *job = job.complete(attempt, agent.agent_id, warnings, now)?;
        s.agents.insert(agent.agent_id, agent.clone());
        Ok(())
    }

    async fn update_progress(
        &self,
        job_id: JobId,
        progress: &CrawlProgress,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut s = self.lock();
        let job = s.jobs.get_mut(&job_id).ok_or(StoreError::Conflict)?;
        *job = job.record_progress(*progress, now)?;
        Ok(())
    }

    async fn record_webhook(
        &self,
        job_id: JobId,
        delivery: &WebhookDelivery,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut s = self.lock();
        let job = s.jobs.get_mut(&job_id).ok_or(StoreError::Conflict)?;
        job.webhook = Some(*delivery);
        job.updated_at = now;
        Ok(())
    }

    async fn fail_job(
        &self,
        job_id: JobId,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut s = self.lock();
        let job = s.jobs.get_mut(&job_id).ok_or(StoreError::Conflict)?;
        *job = job.fail(attempt, error, now)?;
        Ok(())
    }

    async fn release_job(
        &self,
        job_id: JobId,
        attempt: u32,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut s = self.lock();
        let job = s.jobs.get_mut(&job_id).ok_or(StoreError::Conflict)?;
        *job = job.release(attempt, now)?;
        Ok(())
    }

    async fn abandon_job(
        &self,
        seen: &Job,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut guard = self.lock();
        let s = &mut *guard;
        let job = s.jobs.get_mut(&seen.job_id).ok_or(StoreError::Conflict)?;
        *job = job.expire(seen.attempts, error, now)?;
        let key = (job.workspace_id.clone(), UtcDay::containing(job.created_at));
        if let Some(n) = s.quota.get_mut(&key) {
            *n = n.saturating_sub(1);
        }
        Ok(())
    }

    async fn expired_leases(
        &self,
        now: OffsetDateTime,
        limit: usize,
    ) -> Result<Vec<JobId>, StoreError> {
        let now = UnixMillis::from(now);
        Ok(self
            .lock()
            .jobs
            .values()
            .filter(|j| j.lease().is_some_and(|lease| lease.lapsed(now)))
            .map(|j| j.job_id)
            .take(limit)
            .collect())
    }
}

#[async_trait]
impl QuotaStore for MemoryStore {
    async fn release_quota(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<(), StoreError> {
        if let Some(n) = self.lock().quota.get_mut(&(workspace.clone(), day)) {
            *n = n.saturating_sub(1);
        }
        Ok(())
    }

    async fn quota_used(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<u32, StoreError> {
        Ok(self
            .lock()
            .quota
            .get(&(workspace.clone(), day))
            .copied()
            .unwrap_or(0))
    }
}

#[async_trait]
impl AgentStore for MemoryStore {
    async fn get_agent(&self, agent_id: AgentId) -> Result<Option<Agent>, StoreError> {
        Ok(self.lock().agents.get(&agent_id).cloned())
    }
}

#[async_trait]
impl ApiKeyStore for MemoryStore {
    async fn find_api_key(&self, hash: &ApiKeyHash) -> Result<Option<ApiKeyRecord>, StoreError> {
        Ok(self.lock().keys.get(hash).cloned())
    }

    async fn put_api_key(&self, record: &ApiKeyRecord) -> Result<(), StoreError> {
        self.lock()
            .keys
            .insert(record.key_hash.clone(), record.clone());
        Ok(())
    }

    async fn revoke_api_key(&self, hash: &ApiKeyHash) -> Result<(), StoreError> {
        if let Some(r) = self.lock().keys.get_mut(hash) {
            r.revoked = true;
        }
        Ok(())
    }
}

#[async_trait]
impl IdempotencyStore for MemoryStore {
    async fn find_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        now: OffsetDateTime,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        Ok(self
            .lock()
            .idempotency
            .get(&(workspace.clone(), key.as_str().to_owned()))
            .filter(|(_, expires)| *expires > now.unix_timestamp())
            .map(|(record, _)| record.clone()))
    }

    async fn forget_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
    ) -> Result<(), StoreError> {
        self.lock()
            .idempotency
            .remove(&(workspace.clone(), key.as_str().to_owned()));
        Ok(())
    }
}

#[async_trait]
impl WorkspaceStore for MemoryStore {
    async fn webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError> {
        Ok(self
            .lock()
            .secrets
            .entry(workspace.clone())
            .or_insert_with(generate_secret)
            .clone())
    }

    async fn rotate_webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError> {
        let secret = generate_secret();
        self.lock()
            .secrets
            .insert(workspace.clone(), secret.clone());
        Ok(secret)
    }
}
