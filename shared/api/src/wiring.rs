//! Building the HTTP functions' dependencies from their configuration: the one place that knows
//! which adapter backs which port in create-job and get-job.

use agent_builder_aws::dynamodb::DynamoStore;
use agent_builder_aws::sqs::SqsQueue;
use agent_builder_aws::{dynamodb_client, sqs_client};
use aws_config::SdkConfig;
use std::sync::Arc;

use crate::clock::SystemClock;
use crate::config::HttpConfig;
use crate::metrics::EmfMetrics;
use crate::store::cached_keys::CachedApiKeyStore;
use crate::store::ApiKeyStore;
use crate::{CreateJobDeps, CreateJobSettings, GetJobDeps};

/// API keys from DynamoDB, cached for the configured TTL.
fn api_keys(store: Arc<DynamoStore>, config: &HttpConfig) -> Arc<dyn ApiKeyStore> {
    Arc::new(CachedApiKeyStore::new(store, config.api_key_cache_ttl))
}

impl CreateJobDeps {
    pub fn from_config(config: &HttpConfig, sdk: &SdkConfig) -> Self {
        let store = Arc::new(DynamoStore::new(
            dynamodb_client(sdk),
            config.tables.clone(),
        ));
        Self {
            jobs: store.clone(),
            quota: store.clone(),
            idempotency: store.clone(),
            api_keys: api_keys(store, config),
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
    pub fn from_config(config: &HttpConfig, sdk: &SdkConfig) -> Self {
        let store = Arc::new(DynamoStore::new(
            dynamodb_client(sdk),
            config.tables.clone(),
        ));
        Self {
            jobs: store.clone(),
            agents: store.clone(),
            api_keys: api_keys(store, config),
        }
    }
}
