//! Building the HTTP functions' dependencies from their configuration: the one place that knows
//! which adapter backs which port in create-job and get-job. Each gets adapters over just the
//! tables its configuration names.

use agent_builder_aws::dynamodb::{
    DynamoAgents, DynamoApiKeys, DynamoIdempotency, DynamoJobs, DynamoQuota,
};
use agent_builder_aws::sqs::SqsQueue;
use agent_builder_aws::{dynamodb_client, sqs_client};
use aws_config::SdkConfig;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::SystemClock;
use crate::config::{CreateJobConfig, GetJobConfig};
use crate::metrics::EmfMetrics;
use crate::store::cached_keys::CachedApiKeyStore;
use crate::store::ApiKeyStore;
use crate::{CreateJobDeps, CreateJobSettings, GetJobDeps};

/// API keys from DynamoDB, cached for the configured TTL.
fn cached(keys: DynamoApiKeys, ttl: Duration) -> Arc<dyn ApiKeyStore> {
    Arc::new(CachedApiKeyStore::new(Arc::new(keys), ttl))
}

impl CreateJobDeps {
    pub fn from_config(config: &CreateJobConfig, sdk: &SdkConfig) -> Self {
        let client = dynamodb_client(sdk);
        let tables = &config.tables;
        Self {
            jobs: Arc::new(
                DynamoJobs::new(client.clone(), &tables.jobs)
                    .with_quota(&tables.quota)
                    .with_idempotency(&tables.idempotency),
            ),
            quota: Arc::new(DynamoQuota::new(client.clone(), &tables.quota)),
            idempotency: Arc::new(DynamoIdempotency::new(client.clone(), &tables.idempotency)),
            api_keys: cached(
                DynamoApiKeys::new(client, &tables.api_keys),
                config.api_key_cache_ttl,
            ),
            queue: Arc::new(SqsQueue::new(sqs_client(sdk), config.job_queue_url.clone())),
            clock: Arc::new(SystemClock),
            metrics: Arc::new(EmfMetrics),
            settings: CreateJobSettings {
                daily_job_limit: config.daily_job_limit,
                job_ttl_days: config.job_ttl_days,
                network_policy: config.network_policy,
            },
        }
    }
}

impl GetJobDeps {
    pub fn from_config(config: &GetJobConfig, sdk: &SdkConfig) -> Self {
        let client = dynamodb_client(sdk);
        let tables = &config.tables;
        Self {
            jobs: Arc::new(DynamoJobs::new(client.clone(), &tables.jobs)),
            agents: Arc::new(DynamoAgents::new(client.clone(), &tables.agents)),
            api_keys: cached(
                DynamoApiKeys::new(client, &tables.api_keys),
                config.api_key_cache_ttl,
            ),
        }
    }
}
