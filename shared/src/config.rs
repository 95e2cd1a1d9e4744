//! Settings read once from the environment at cold start.

use std::time::Duration;

use crate::crawl::CrawlSettings;
use crate::domain::NetworkPolicy;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableNames {
    pub jobs: String,
    pub quota: String,
    pub agents: String,
    pub api_keys: String,
    pub idempotency: String,
    pub workspaces: String,
}

#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    pub max_redirects: usize,
    pub user_agent: String,
}

impl Default for FetchSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(15),
            max_body_bytes: 2 * 1024 * 1024,
            max_redirects: 5,
            user_agent: concat!(
                "AgentBuilderBot/",
                env!("CARGO_PKG_VERSION"),
                " (+https://github.com/agent-builder/agent-builder)"
            )
            .to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub tables: TableNames,
    pub job_queue_url: String,
    /// Accepted jobs per workspace per UTC day.
    pub daily_job_limit: u32,
    pub default_voice: String,
    pub job_ttl_days: u32,
    /// The queue's redrive `maxReceiveCount`: on this delivery a failing job is marked failed.
    pub job_max_receive_count: u32,
    /// `Public` unless `ALLOW_PRIVATE_NETWORK=true` (local runs and tests only).
    pub network_policy: NetworkPolicy,
    pub fetch: FetchSettings,
    /// How long a warm function trusts an API key lookup (0 disables the cache).
    pub api_key_cache_ttl: Duration,
    pub crawl: CrawlSettings,
    /// EventBridge bus for job events; `None` publishes nothing.
    pub event_bus_name: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("environment variable {0} is required")]
    Missing(&'static str),
    #[error("environment variable {name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

pub const DEFAULT_DAILY_JOB_LIMIT: u32 = 50;
pub const DEFAULT_VOICE: &str = "alloy";

impl Config {
    /// Every setting at its default, over the given tables and queue (local runs and tests).
    pub fn with_defaults(tables: TableNames, job_queue_url: String) -> Self {
        Self {
            tables,
            job_queue_url,
            daily_job_limit: DEFAULT_DAILY_JOB_LIMIT,
            default_voice: DEFAULT_VOICE.to_owned(),
            job_ttl_days: 30,
            job_max_receive_count: 3,
            network_policy: NetworkPolicy::Public,
            fetch: FetchSettings::default(),
            api_key_cache_ttl: Duration::from_secs(60),
            crawl: CrawlSettings::default(),
            event_bus_name: None,
        }
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let required = |name: &'static str| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .ok_or(ConfigError::Missing(name))
        };
        let number = |name: &'static str, default: u64, min: u64| -> Result<u64, ConfigError> {
            match lookup(name).filter(|v| !v.trim().is_empty()) {
                None => Ok(default),
                Some(v) => match v.trim().parse::<u64>() {
                    Ok(n) if n >= min => Ok(n),
                    _ => Err(ConfigError::Invalid {
                        name,
                        reason: format!("expected a whole number >= {min}, got {v:?}"),
                    }),
                },
            }
        };
        let to_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let allow_private = match lookup("ALLOW_PRIVATE_NETWORK").as_deref().map(str::trim) {
            None | Some("") | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "ALLOW_PRIVATE_NETWORK",
                    reason: format!("expected true or false, got {other:?}"),
                })
            }
        };
        let defaults = FetchSettings::default();
        let crawl = CrawlSettings::default();
        Ok(Self {
            tables: TableNames {
                jobs: required("JOBS_TABLE")?,
                quota: required("QUOTA_TABLE")?,
                agents: required("AGENTS_TABLE")?,
                api_keys: required("API_KEYS_TABLE")?,
                idempotency: required("IDEMPOTENCY_TABLE")?,
                workspaces: required("WORKSPACES_TABLE")?,
            },
            job_queue_url: required("JOB_QUEUE_URL")?,
            daily_job_limit: to_u32(number(
                "DAILY_JOB_LIMIT",
                DEFAULT_DAILY_JOB_LIMIT.into(),
                1,
            )?),
            default_voice: lookup("DEFAULT_VOICE")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| DEFAULT_VOICE.to_owned()),
            job_ttl_days: to_u32(number("JOB_TTL_DAYS", 30, 1)?),
            job_max_receive_count: to_u32(number("JOB_MAX_RECEIVE_COUNT", 3, 1)?),
            network_policy: NetworkPolicy::from_flag(allow_private),
            fetch: FetchSettings {
                max_body_bytes: usize::try_from(number(
                    "MAX_PAGE_BYTES",
                    defaults.max_body_bytes as u64,
                    1024,
                )?)
                .unwrap_or(usize::MAX),
                request_timeout: Duration::from_secs(number(
                    "FETCH_TIMEOUT_SECS",
                    defaults.request_timeout.as_secs(),
                    1,
                )?),
                ..defaults
            },
            api_key_cache_ttl: Duration::from_secs(number("API_KEY_CACHE_SECS", 60, 0)?.min(60)),
            crawl: CrawlSettings {
                max_pages: usize::try_from(number("MAX_PAGES", crawl.max_pages as u64, 1)?)
                    .unwrap_or(usize::MAX),
                concurrency: usize::try_from(number(
                    "CRAWL_CONCURRENCY",
                    crawl.concurrency as u64,
                    1,
                )?)
                .unwrap_or(usize::MAX),
                budget: Duration::from_secs(number(
                    "CRAWL_BUDGET_SECS",
                    crawl.budget.as_secs(),
                    1,
                )?),
                ..crawl
            },
            event_bus_name: lookup("EVENT_BUS_NAME")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    const BASE: [(&str, &str); 7] = [
        ("JOBS_TABLE", "jobs"),
        ("QUOTA_TABLE", "quota"),
        ("AGENTS_TABLE", "agents"),
        ("API_KEYS_TABLE", "keys"),
        ("JOB_QUEUE_URL", "http://q"),
        ("IDEMPOTENCY_TABLE", "idem"),
        ("WORKSPACES_TABLE", "ws"),
    ];

    #[test]
    fn defaults_apply() {
        let c = Config::from_lookup(env(&BASE)).unwrap();
        assert_eq!(c.daily_job_limit, 50);
        assert_eq!(c.default_voice, "alloy");
        assert_eq!(c.network_policy, NetworkPolicy::Public);
        assert_eq!(c.job_max_receive_count, 3);
    }

    #[test]
    fn missing_and_invalid_values_are_named() {
        let err = Config::from_lookup(env(&BASE[1..])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable JOBS_TABLE is required"
        );
        let mut pairs = BASE.to_vec();
        pairs.push(("DAILY_JOB_LIMIT", "lots"));
        let err = Config::from_lookup(env(&pairs)).unwrap_err();
        assert!(err.to_string().contains("DAILY_JOB_LIMIT"));
        let mut pairs = BASE.to_vec();
        pairs.push(("ALLOW_PRIVATE_NETWORK", "yes please"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
    }
}
