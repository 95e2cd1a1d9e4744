//! Building each handler's dependencies from configuration: the one place that knows which
//! adapter backs which port in a deployed function.

use aws_config::SdkConfig;
use std::sync::Arc;

use crate::api::{CreateJobDeps, CreateJobSettings, GetJobDeps};
use crate::aws::{dynamodb_client, sqs_client};
use crate::clock::SystemClock;
use crate::config::Config;
use crate::crawl::HttpFetcher;
use crate::generate::TemplateGenerator;
use crate::pipeline::Pipeline;
use crate::queue::sqs::SqsQueue;
use crate::store::dynamodb::DynamoStore;
use crate::worker::{WorkerDeps, WorkerSettings};

impl CreateJobDeps {
    pub fn from_config(config: &Config, sdk: &SdkConfig) -> Self {
        let store = Arc::new(DynamoStore::new(
            dynamodb_client(sdk),
            config.tables.clone(),
        ));
        Self {
            jobs: store.clone(),
            quota: store.clone(),
            api_keys: store,
            queue: Arc::new(SqsQueue::new(sqs_client(sdk), config.job_queue_url.clone())),
            clock: Arc::new(SystemClock),
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
            api_keys: store,
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
            jobs: store,
            pipeline: pipeline_from_config(config)?,
            clock: Arc::new(SystemClock),
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
        Arc::new(fetcher),
        Arc::new(TemplateGenerator::new(config.default_voice.clone())),
    ))
}
