//! Building each handler's dependencies from configuration: the one place that knows which
//! adapter backs which port in a deployed function.

use aws_config::SdkConfig;
use std::sync::Arc;

use crate::api::{CreateJobDeps, CreateJobSettings, GetJobDeps};
use crate::aws::{dynamodb_client, eventbridge_client, sqs_client};
use crate::clock::SystemClock;
use crate::config::Config;
use crate::crawl::{Crawler, HttpFetcher};
use crate::events::eventbridge::EventBridgeEvents;
use crate::events::NoEvents;
use crate::generate::TemplateGenerator;
use crate::metrics::EmfMetrics;
use crate::pipeline::Pipeline;
use crate::queue::sqs::SqsQueue;
use crate::store::cached_keys::CachedApiKeyStore;
use crate::store::dynamodb::DynamoStore;
use crate::store::ApiKeyStore;
use crate::webhooks::HttpWebhookSender;
use crate::worker::{WorkerDeps, WorkerSettings};

/// API keys from DynamoDB, cached for the configured TTL.
fn api_keys(store: Arc<DynamoStore>, config: &Config) -> Arc<dyn ApiKeyStore> {
    Arc::new(CachedApiKeyStore::new(store, config.api_key_cache_ttl))
}

impl CreateJobDeps {
    pub fn from_config(config: &Config, sdk: &SdkConfig) -> Self {
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
    pub fn from_config(config: &Config, sdk: &SdkConfig) -> Self {
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

impl WorkerDeps {
    pub fn from_config(config: &Config, sdk: &SdkConfig) -> Result<Self, reqwest::Error> {
        let store = Arc::new(DynamoStore::new(
            dynamodb_client(sdk),
            config.tables.clone(),
        ));
        Ok(Self {
            jobs: store.clone(),
            workspaces: store,
            webhooks: Arc::new(HttpWebhookSender::new(
                config.network_policy,
                &config.fetch.user_agent,
            )?),
            pipeline: pipeline_from_config(config)?,
            clock: Arc::new(SystemClock),
            metrics: Arc::new(EmfMetrics),
            events: match &config.event_bus_name {
                Some(bus) => Arc::new(EventBridgeEvents::new(eventbridge_client(sdk), bus.clone())),
                None => Arc::new(NoEvents),
            },
            settings: WorkerSettings {
                max_receive_count: config.job_max_receive_count,
                network_policy: config.network_policy,
                ..WorkerSettings::default()
            },
        })
    }
}

/// The crawl-and-generate pipeline with the configured fetch limits and voice.
pub fn pipeline_from_config(config: &Config) -> Result<Pipeline, reqwest::Error> {
    let fetcher = HttpFetcher::new(config.fetch.clone(), config.network_policy)?;
    Ok(Pipeline::new(
        Arc::new(Crawler::new(Arc::new(fetcher), config.crawl.clone())),
        Arc::new(TemplateGenerator::new(config.default_voice.clone())),
    ))
}
