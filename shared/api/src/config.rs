//! What each HTTP function reads from its environment, and nothing else: create-job
//! ([`CreateJobConfig`]) and the status function get-job ([`GetJobConfig`]). Neither reads the
//! crawler's, the renderer's or the generator's settings, nor a table it does not touch.

use std::time::Duration;

use agent_builder_core::config::{
    api_key_cache_ttl, network_policy, required, table_var, whole_u32, ConfigError, TableNames,
    DEFAULT_API_KEY_CACHE_TTL, DEFAULT_DAILY_JOB_LIMIT, DEFAULT_JOB_TTL_DAYS,
};
use agent_builder_core::domain::NetworkPolicy;

/// The tables create-job touches: the job, its quota unit and its idempotency key are written
/// in one transaction; the API key is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateJobTables {
    pub jobs: String,
    pub quota: String,
    pub idempotency: String,
    pub api_keys: String,
}

/// create-job's settings: `JOBS_TABLE`, `QUOTA_TABLE`, `IDEMPOTENCY_TABLE`, `API_KEYS_TABLE`,
/// `JOB_QUEUE_URL` (required); `DAILY_JOB_LIMIT`, `JOB_TTL_DAYS`, `ALLOW_PRIVATE_NETWORK`,
/// `ALLOW_ORIGINS`, `API_KEY_CACHE_SECS` (defaulted).
#[derive(Debug, Clone)]
pub struct CreateJobConfig {
    pub tables: CreateJobTables,
    pub job_queue_url: String,
    /// Accepted jobs per workspace per UTC day.
    pub daily_job_limit: u32,
    pub job_ttl_days: u32,
    /// Which website and callback URLs a request may give.
    pub network_policy: NetworkPolicy,
    /// How long a warm function trusts an API key lookup (0 disables the cache).
    pub api_key_cache_ttl: Duration,
}

impl CreateJobConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(Self {
            tables: CreateJobTables {
                jobs: required(&lookup, table_var::JOBS)?,
                quota: required(&lookup, table_var::QUOTA)?,
                idempotency: required(&lookup, table_var::IDEMPOTENCY)?,
                api_keys: required(&lookup, table_var::API_KEYS)?,
            },
            job_queue_url: required(&lookup, "JOB_QUEUE_URL")?,
            daily_job_limit: whole_u32(&lookup, "DAILY_JOB_LIMIT", DEFAULT_DAILY_JOB_LIMIT, 1)?,
            job_ttl_days: whole_u32(&lookup, "JOB_TTL_DAYS", DEFAULT_JOB_TTL_DAYS, 1)?,
            network_policy: network_policy(&lookup)?,
            api_key_cache_ttl: api_key_cache_ttl(&lookup)?,
        })
    }

    /// Every setting at its default, over one stack's tables and queue (local runs and tests).
    pub fn with_defaults(tables: &TableNames, job_queue_url: impl Into<String>) -> Self {
        Self {
            tables: CreateJobTables {
                jobs: tables.jobs.clone(),
                quota: tables.quota.clone(),
                idempotency: tables.idempotency.clone(),
                api_keys: tables.api_keys.clone(),
            },
            job_queue_url: job_queue_url.into(),
            daily_job_limit: DEFAULT_DAILY_JOB_LIMIT,
            job_ttl_days: DEFAULT_JOB_TTL_DAYS,
            network_policy: NetworkPolicy::Public,
            api_key_cache_ttl: DEFAULT_API_KEY_CACHE_TTL,
        }
    }
}

/// The tables the status function reads: the job, the agent, the API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetJobTables {
    pub jobs: String,
    pub agents: String,
    pub api_keys: String,
}

/// get-job's settings: `JOBS_TABLE`, `AGENTS_TABLE`, `API_KEYS_TABLE` (required);
/// `API_KEY_CACHE_SECS` (defaulted). It sends nothing to the queue and checks no URL.
#[derive(Debug, Clone)]
pub struct GetJobConfig {
    pub tables: GetJobTables,
    /// How long a warm function trusts an API key lookup (0 disables the cache).
    pub api_key_cache_ttl: Duration,
}

impl GetJobConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(Self {
            tables: GetJobTables {
                jobs: required(&lookup, table_var::JOBS)?,
                agents: required(&lookup, table_var::AGENTS)?,
                api_keys: required(&lookup, table_var::API_KEYS)?,
            },
            api_key_cache_ttl: api_key_cache_ttl(&lookup)?,
        })
    }

    /// Every setting at its default, over one stack's tables (local runs and tests).
    pub fn with_defaults(tables: &TableNames) -> Self {
        Self {
            tables: GetJobTables {
                jobs: tables.jobs.clone(),
                agents: tables.agents.clone(),
                api_keys: tables.api_keys.clone(),
            },
            api_key_cache_ttl: DEFAULT_API_KEY_CACHE_TTL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agent_builder_core::test_env::env;

    const CREATE_JOB: [(&str, &str); 5] = [
        ("JOBS_TABLE", "jobs"),
        ("QUOTA_TABLE", "quota"),
        ("IDEMPOTENCY_TABLE", "idem"),
        ("API_KEYS_TABLE", "keys"),
        ("JOB_QUEUE_URL", "http://q"),
    ];

    const GET_JOB: [(&str, &str); 3] = [
        ("JOBS_TABLE", "jobs"),
        ("AGENTS_TABLE", "agents"),
        ("API_KEYS_TABLE", "keys"),
    ];

    #[test]
    fn create_job_reads_its_tables_and_queue_and_defaults_the_rest() {
        let c = CreateJobConfig::from_lookup(env(&CREATE_JOB)).unwrap();
        assert_eq!(
            c.tables,
            CreateJobTables {
                jobs: "jobs".into(),
                quota: "quota".into(),
                idempotency: "idem".into(),
                api_keys: "keys".into(),
            }
        );
        assert_eq!(c.job_queue_url, "http://q");
        assert_eq!(c.daily_job_limit, 50);
        assert_eq!(c.job_ttl_days, 30);
        assert_eq!(c.network_policy, NetworkPolicy::Public);
        assert_eq!(c.api_key_cache_ttl, Duration::from_secs(60));
        // Each required variable is named when it is missing.
        for (i, (name, _)) in CREATE_JOB.iter().enumerate() {
            let mut pairs = CREATE_JOB.to_vec();
            pairs.remove(i);
            let err = CreateJobConfig::from_lookup(env(&pairs)).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("environment variable {name} is required")
            );
        }
    }

    #[test]
    fn create_job_ignores_what_it_does_not_use() {
        // No agents or workspaces table, and a broken generator or crawl setting is the
        // worker's business.
        let mut pairs = CREATE_JOB.to_vec();
        pairs.extend([
            ("GENERATOR", "gpt"),
            ("MAX_PAGES", "lots"),
            ("RENDER", "sometimes"),
        ]);
        assert!(CreateJobConfig::from_lookup(env(&pairs)).is_ok());
        // Its own settings are checked.
        let mut bad = CREATE_JOB.to_vec();
        bad.push(("DAILY_JOB_LIMIT", "lots"));
        let err = CreateJobConfig::from_lookup(env(&bad)).unwrap_err();
        assert!(err.to_string().contains("DAILY_JOB_LIMIT"), "{err}");
        let mut bad = CREATE_JOB.to_vec();
        bad.push(("ALLOW_PRIVATE_NETWORK", "yes please"));
        assert!(CreateJobConfig::from_lookup(env(&bad)).is_err());
    }

    #[test]
    fn get_job_reads_three_tables_and_nothing_of_the_queue() {
        let c = GetJobConfig::from_lookup(env(&GET_JOB)).unwrap();
        assert_eq!(
            c.tables,
            GetJobTables {
                jobs: "jobs".into(),
                agents: "agents".into(),
                api_keys: "keys".into(),
            }
        );
        for (i, (name, _)) in GET_JOB.iter().enumerate() {
            let mut pairs = GET_JOB.to_vec();
            pairs.remove(i);
            let err = GetJobConfig::from_lookup(env(&pairs)).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("environment variable {name} is required")
            );
        }
        // Settings of other functions, even broken, are not its concern.
        let mut pairs = GET_JOB.to_vec();
        pairs.extend([
            ("DAILY_JOB_LIMIT", "lots"),
            ("ALLOW_PRIVATE_NETWORK", "maybe"),
            ("GENERATOR", "gpt"),
        ]);
        assert!(GetJobConfig::from_lookup(env(&pairs)).is_ok());
        let mut pairs = GET_JOB.to_vec();
        pairs.push(("API_KEY_CACHE_SECS", "0"));
        assert_eq!(
            GetJobConfig::from_lookup(env(&pairs))
                .unwrap()
                .api_key_cache_ttl,
            Duration::ZERO
        );
    }
}
