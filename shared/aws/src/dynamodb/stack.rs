//! Every table of one stack behind every port, for the tools and tests that reach them all (the
//! `agent-builder` command, the integration tests). A deployed function builds only the
//! adapters it uses, from its own configuration.

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use time::OffsetDateTime;

use super::{
    DynamoAgents, DynamoApiKeys, DynamoIdempotency, DynamoJobs, DynamoQuota, DynamoWorkspaces,
};
use crate::config::TableNames;
use crate::domain::idempotency::{IdempotencyClaim, IdempotencyKey, IdempotencyRecord};
use crate::domain::progress::CrawlProgress;
use crate::domain::webhook::WebhookDelivery;
use crate::domain::{Agent, AgentId, ApiKeyHash, ApiKeyRecord, Job, JobId, UtcDay, WorkspaceId};
use crate::store::{
    AgentStore, ApiKeyStore, ClaimOutcome, IdempotencyStore, JobStore, QuotaStore, QuotaUsage,
    StoreError, WorkspaceStore,
};
use agent_builder_core::time::UnixMillis;

#[derive(Clone, Debug)]
pub struct DynamoStore {
    jobs: DynamoJobs,
    quota: DynamoQuota,
    agents: DynamoAgents,
    api_keys: DynamoApiKeys,
    idempotency: DynamoIdempotency,
    workspaces: DynamoWorkspaces,
}

impl DynamoStore {
    pub fn new(client: Client, tables: TableNames) -> Self {
        let TableNames {
            jobs,
            quota,
            agents,
            api_keys,
            idempotency,
            workspaces,
        } = tables;
        Self {
            jobs: DynamoJobs::new(client.clone(), jobs)
                .with_quota(quota.clone())
                .with_idempotency(idempotency.clone())
                .with_agents(agents.clone()),
            quota: DynamoQuota::new(client.clone(), quota),
            agents: DynamoAgents::new(client.clone(), agents),
            api_keys: DynamoApiKeys::new(client.clone(), api_keys),
            idempotency: DynamoIdempotency::new(client.clone(), idempotency),
            workspaces: DynamoWorkspaces::new(client, workspaces),
        }
    }
}

#[async_trait]
impl JobStore for DynamoStore {
    async fn create_job(
        &self,
        job: &Job,
        day: UtcDay,
        limit: u32,
        idempotency: Option<&IdempotencyClaim>,
    ) -> Result<QuotaUsage, StoreError> {
        self.jobs.create_job(job, day, limit, idempotency).await
    }

    async fn get_job(&self, job_id: JobId) -> Result<Option<Job>, StoreError> {
        self.jobs.get_job(job_id).await
    }

    async fn claim_job(
        &self,
        job_id: JobId,
        now: OffsetDateTime,
        lease_until: UnixMillis,
        last_delivery: bool,
    ) -> Result<ClaimOutcome, StoreError> {
        self.jobs
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
        self.jobs
            .complete_job(job_id, attempt, agent, warnings, now)
            .await
    }

    async fn update_progress(
        &self,
        job_id: JobId,
        progress: &CrawlProgress,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.jobs.update_progress(job_id, progress, now).await
    }

    async fn record_webhook(
        &self,
        job_id: JobId,
        delivery: &WebhookDelivery,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.jobs.record_webhook(job_id, delivery, now).await
    }

    async fn fail_job(
        &self,
        job_id: JobId,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.jobs.fail_job(job_id, attempt, error, now).await
    }

    async fn release_job(
        &self,
        job_id: JobId,
        attempt: u32,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.jobs.release_job(job_id, attempt, now).await
    }

    async fn abandon_job(
        &self,
        job: &Job,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.jobs.abandon_job(job, error, now).await
    }

    async fn expired_leases(
        &self,
        now: OffsetDateTime,
        limit: usize,
    ) -> Result<Vec<JobId>, StoreError> {
        self.jobs.expired_leases(now, limit).await
    }
}

#[async_trait]
impl QuotaStore for DynamoStore {
    async fn release_quota(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<(), StoreError> {
        self.quota.release_quota(workspace, day).await
    }

    async fn quota_used(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<u32, StoreError> {
        self.quota.quota_used(workspace, day).await
    }
}

#[async_trait]
impl AgentStore for DynamoStore {
    async fn get_agent(&self, agent_id: AgentId) -> Result<Option<Agent>, StoreError> {
        self.agents.get_agent(agent_id).await
    }
}

#[async_trait]
impl ApiKeyStore for DynamoStore {
    async fn find_api_key(&self, hash: &ApiKeyHash) -> Result<Option<ApiKeyRecord>, StoreError> {
        self.api_keys.find_api_key(hash).await
    }

    async fn put_api_key(&self, record: &ApiKeyRecord) -> Result<(), StoreError> {
        self.api_keys.put_api_key(record).await
    }

    async fn revoke_api_key(&self, hash: &ApiKeyHash) -> Result<(), StoreError> {
        self.api_keys.revoke_api_key(hash).await
    }
}

#[async_trait]
impl IdempotencyStore for DynamoStore {
    async fn find_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        now: OffsetDateTime,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        self.idempotency.find_idempotency(workspace, key, now).await
    }

    async fn forget_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
    ) -> Result<(), StoreError> {
        self.idempotency.forget_idempotency(workspace, key).await
    }
}

#[async_trait]
impl WorkspaceStore for DynamoStore {
    async fn webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError> {
        self.workspaces.webhook_secret(workspace).await
    }

    async fn rotate_webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError> {
        self.workspaces.rotate_webhook_secret(workspace).await
    }
}
