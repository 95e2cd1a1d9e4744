//! What the worker and the job reaper functions read from their environment: their tables and
//! queues, and — for the worker — the engine's settings ([`Config`]). Neither reads a table it
//! does not touch, and the reaper reads nothing of the crawler or the generator.

use std::time::Duration;

use crate::config::{Config, ConfigError, FetchSettings, DEFAULT_ORPHAN_LEASE_AFTER};
use crate::domain::NetworkPolicy;
use agent_builder_core::config::{
    network_policy, optional, required, table_var, whole_number, whole_u32, TableNames,
};

/// The tables the worker touches: the job, the agent written with its completion, the
/// workspace's webhook secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerTables {
    pub jobs: String,
    pub agents: String,
    pub workspaces: String,
}

impl WorkerTables {
    pub fn of(tables: &TableNames) -> Self {
        Self {
            jobs: tables.jobs.clone(),
            agents: tables.agents.clone(),
            workspaces: tables.workspaces.clone(),
        }
    }
}

/// The worker's settings: `JOBS_TABLE`, `AGENTS_TABLE`, `WORKSPACES_TABLE`, `JOB_QUEUE_URL`
/// (to bring a retried message back early) — required — and the engine's settings.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    pub tables: WorkerTables,
    pub job_queue_url: String,
    pub engine: Config,
}

impl WorkerConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(Self {
            tables: WorkerTables {
                jobs: required(&lookup, table_var::JOBS)?,
                agents: required(&lookup, table_var::AGENTS)?,
                workspaces: required(&lookup, table_var::WORKSPACES)?,
            },
            job_queue_url: required(&lookup, "JOB_QUEUE_URL")?,
            engine: Config::from_lookup(&lookup)?,
        })
    }
}

/// The tables the reaper touches: the job (and its lease index), the quota unit it gives back
/// when it ends a job, the workspace's webhook secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaperTables {
    pub jobs: String,
    pub quota: String,
    pub workspaces: String,
}

impl ReaperTables {
    pub fn of(tables: &TableNames) -> Self {
        Self {
            jobs: tables.jobs.clone(),
            quota: tables.quota.clone(),
            workspaces: tables.workspaces.clone(),
        }
    }
}

/// The job reaper's settings: `JOBS_TABLE`, `QUOTA_TABLE`, `WORKSPACES_TABLE`,
/// `JOB_DEAD_LETTER_QUEUE_URL` (required); `JOB_MAX_RECEIVE_COUNT`, `ORPHAN_LEASE_SECS`,
/// `EVENT_BUS_NAME`, `ALLOW_PRIVATE_NETWORK`/`ALLOW_ORIGINS` (for webhooks) defaulted.
#[derive(Debug, Clone)]
pub struct ReaperConfig {
    pub tables: ReaperTables,
    /// The job queue's dead-letter queue: the reaper's source.
    pub dead_letter_queue_url: String,
    /// The queue's redrive `maxReceiveCount`.
    pub job_max_receive_count: u32,
    /// A `processing` job whose lease ran out this long ago, on any delivery, has no message
    /// left that could still end it (every delivery and the DLQ's are long over): the reaper
    /// ends it. Its lease running out on the last delivery is enough on its own.
    pub orphan_lease_after: Duration,
    /// EventBridge bus for job events; `None` publishes nothing.
    pub event_bus_name: Option<String>,
    /// Where webhooks may be posted.
    pub network_policy: NetworkPolicy,
    /// The user agent webhooks are posted with.
    pub user_agent: String,
}

impl ReaperConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(Self {
            tables: ReaperTables {
                jobs: required(&lookup, table_var::JOBS)?,
                quota: required(&lookup, table_var::QUOTA)?,
                workspaces: required(&lookup, table_var::WORKSPACES)?,
            },
            dead_letter_queue_url: required(&lookup, "JOB_DEAD_LETTER_QUEUE_URL")?,
            job_max_receive_count: whole_u32(&lookup, "JOB_MAX_RECEIVE_COUNT", 3, 1)?,
            orphan_lease_after: Duration::from_secs(whole_number(
                &lookup,
                "ORPHAN_LEASE_SECS",
                DEFAULT_ORPHAN_LEASE_AFTER.as_secs(),
                60,
            )?),
            event_bus_name: optional(&lookup, "EVENT_BUS_NAME"),
            network_policy: network_policy(&lookup)?,
            user_agent: FetchSettings::default().user_agent,
        })
    }

    /// The reaper over one stack's tables and dead-letter queue, with the engine settings it
    /// shares with the worker (local runs and tests).
    pub fn with_engine(
        tables: &TableNames,
        dead_letter_queue_url: String,
        engine: &Config,
    ) -> Self {
        Self {
            tables: ReaperTables::of(tables),
            dead_letter_queue_url,
            job_max_receive_count: engine.job_max_receive_count,
            orphan_lease_after: DEFAULT_ORPHAN_LEASE_AFTER,
            event_bus_name: engine.event_bus_name.clone(),
            network_policy: engine.network_policy,
            user_agent: engine.fetch.user_agent.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agent_builder_core::test_env::env;

    const WORKER: [(&str, &str); 4] = [
        ("JOBS_TABLE", "jobs"),
        ("AGENTS_TABLE", "agents"),
        ("WORKSPACES_TABLE", "ws"),
        ("JOB_QUEUE_URL", "http://q"),
    ];

    const REAPER: [(&str, &str); 4] = [
        ("JOBS_TABLE", "jobs"),
        ("QUOTA_TABLE", "quota"),
        ("WORKSPACES_TABLE", "ws"),
        ("JOB_DEAD_LETTER_QUEUE_URL", "http://dlq"),
    ];

    fn each_missing(
        pairs: &[(&'static str, &'static str)],
    ) -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
        (0..pairs.len())
            .map(|i| {
                let mut rest = pairs.to_vec();
                let (name, _) = rest.remove(i);
                (name, rest)
            })
            .collect()
    }

    #[test]
    fn the_worker_reads_its_three_tables_and_the_queue() {
        let c = WorkerConfig::from_lookup(env(&WORKER)).unwrap();
        assert_eq!(
            c.tables,
            WorkerTables {
                jobs: "jobs".into(),
                agents: "agents".into(),
                workspaces: "ws".into(),
            }
        );
        assert_eq!(c.job_queue_url, "http://q");
        assert_eq!(c.engine.job_max_receive_count, 3);
        for (name, rest) in each_missing(&WORKER) {
            let err = WorkerConfig::from_lookup(env(&rest)).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("environment variable {name} is required")
            );
        }
    }

    #[test]
    fn the_worker_ignores_the_http_functions_settings_but_checks_its_own() {
        // No quota, idempotency or API keys table; a broken daily limit is create-job's.
        let mut pairs = WORKER.to_vec();
        pairs.extend([("DAILY_JOB_LIMIT", "lots"), ("API_KEY_CACHE_SECS", "often")]);
        assert!(WorkerConfig::from_lookup(env(&pairs)).is_ok());
        let mut pairs = WORKER.to_vec();
        pairs.push(("GENERATOR", "gpt"));
        assert!(WorkerConfig::from_lookup(env(&pairs)).is_err());
    }

    #[test]
    fn the_reaper_reads_its_tables_and_the_dead_letter_queue_only() {
        let c = ReaperConfig::from_lookup(env(&REAPER)).unwrap();
        assert_eq!(
            c.tables,
            ReaperTables {
                jobs: "jobs".into(),
                quota: "quota".into(),
                workspaces: "ws".into(),
            }
        );
        assert_eq!(c.dead_letter_queue_url, "http://dlq");
        assert_eq!(c.orphan_lease_after, DEFAULT_ORPHAN_LEASE_AFTER);
        assert_eq!(c.event_bus_name, None);
        for (name, rest) in each_missing(&REAPER) {
            let err = ReaperConfig::from_lookup(env(&rest)).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("environment variable {name} is required")
            );
        }
        // The generator, the crawl and the job queue are the worker's.
        let mut pairs = REAPER.to_vec();
        pairs.extend([
            ("GENERATOR", "gpt"),
            ("MAX_PAGES", "lots"),
            ("RENDER", "sometimes"),
        ]);
        let c = ReaperConfig::from_lookup(env(&pairs)).unwrap();
        assert_eq!(c.job_max_receive_count, 3);
        let mut pairs = REAPER.to_vec();
        pairs.extend([("ORPHAN_LEASE_SECS", "5"), ("EVENT_BUS_NAME", "bus")]);
        let err = ReaperConfig::from_lookup(env(&pairs)).unwrap_err();
        assert!(err.to_string().contains("ORPHAN_LEASE_SECS"), "{err}");
        pairs.retain(|(k, _)| *k != "ORPHAN_LEASE_SECS");
        assert_eq!(
            ReaperConfig::from_lookup(env(&pairs))
                .unwrap()
                .event_bus_name
                .as_deref(),
            Some("bus")
        );
    }
}
