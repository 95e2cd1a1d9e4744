//! The local stack's configuration (the dev server, the integration tests, the end-to-end
//! bench): one stack's tables and queues, the HTTP functions' limits and the engine's settings,
//! from which each function's own configuration is cut — so locally every function gets exactly
//! what it gets deployed, no more.

use std::time::Duration;

use agent_builder_api::{CreateJobConfig, GetJobConfig};
use agent_builder_core::config::{
    TableNames, DEFAULT_API_KEY_CACHE_TTL, DEFAULT_DAILY_JOB_LIMIT, DEFAULT_JOB_TTL_DAYS,
};
use agent_builder_engine::config::Config;
use agent_builder_engine::function_config::{ReaperConfig, WorkerConfig, WorkerTables};

use crate::provision::LocalResources;

#[derive(Debug, Clone)]
pub struct LocalConfig {
    pub tables: TableNames,
    pub job_queue_url: String,
    pub dead_letter_queue_url: String,
    /// Accepted jobs per workspace per UTC day (create-job).
    pub daily_job_limit: u32,
    pub job_ttl_days: u32,
    /// How long the HTTP functions trust an API key lookup (0 disables the cache).
    pub api_key_cache_ttl: Duration,
    /// The engine's settings; the network policy is also create-job's.
    pub engine: Config,
}

impl LocalConfig {
    /// Every setting at its default over the provisioned `resources` (the queue's redrive count
    /// as provisioned).
    pub fn new(resources: &LocalResources) -> Self {
        let mut engine = Config::with_defaults();
        engine.job_max_receive_count = resources.max_receive_count;
        Self {
            tables: resources.tables.clone(),
            job_queue_url: resources.job_queue_url.clone(),
            dead_letter_queue_url: resources.dead_letter_queue_url.clone(),
            daily_job_limit: DEFAULT_DAILY_JOB_LIMIT,
            job_ttl_days: DEFAULT_JOB_TTL_DAYS,
            api_key_cache_ttl: DEFAULT_API_KEY_CACHE_TTL,
            engine,
        }
    }

    pub fn create_job(&self) -> CreateJobConfig {
        CreateJobConfig {
            daily_job_limit: self.daily_job_limit,
            job_ttl_days: self.job_ttl_days,
            network_policy: self.engine.network_policy,
            api_key_cache_ttl: self.api_key_cache_ttl,
            ..CreateJobConfig::with_defaults(&self.tables, self.job_queue_url.clone())
        }
    }

    pub fn get_job(&self) -> GetJobConfig {
        GetJobConfig {
            api_key_cache_ttl: self.api_key_cache_ttl,
            ..GetJobConfig::with_defaults(&self.tables)
        }
    }

    pub fn worker(&self) -> WorkerConfig {
        WorkerConfig {
            tables: WorkerTables::of(&self.tables),
            job_queue_url: self.job_queue_url.clone(),
            engine: self.engine.clone(),
        }
    }

    pub fn reaper(&self) -> ReaperConfig {
        ReaperConfig::with_engine(
            &self.tables,
            self.dead_letter_queue_url.clone(),
            &self.engine,
        )
    }
}

/// The engine's settings read and set in place (`config.crawl.budget = …`), as the local runs
/// and tests always have.
impl std::ops::Deref for LocalConfig {
    type Target = Config;

    fn deref(&self) -> &Config {
        &self.engine
    }
}

impl std::ops::DerefMut for LocalConfig {
    fn deref_mut(&mut self) -> &mut Config {
        &mut self.engine
    }
}
