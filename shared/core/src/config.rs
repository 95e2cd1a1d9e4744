//! The settings every deployed function shares (its tables, the queue, the network policy), the
//! HTTP functions' own settings, and the one way a setting is read from the environment. The
//! worker's settings (crawl, render, generator) live with the engine (`agent_builder_engine::config`).

use std::time::Duration;

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

impl TableNames {
    /// `JOBS_TABLE`, `QUOTA_TABLE`, `AGENTS_TABLE`, `API_KEYS_TABLE`, `IDEMPOTENCY_TABLE`,
    /// `WORKSPACES_TABLE`, all required.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(Self {
            jobs: required(lookup, "JOBS_TABLE")?,
            quota: required(lookup, "QUOTA_TABLE")?,
            agents: required(lookup, "AGENTS_TABLE")?,
            api_keys: required(lookup, "API_KEYS_TABLE")?,
            idempotency: required(lookup, "IDEMPOTENCY_TABLE")?,
            workspaces: required(lookup, "WORKSPACES_TABLE")?,
        })
    }
}

/// A secret read from the environment; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("environment variable {0} is required")]
    Missing(&'static str),
    #[error("environment variable {name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

pub const DEFAULT_DAILY_JOB_LIMIT: u32 = 50;
pub const DEFAULT_JOB_TTL_DAYS: u32 = 30;
pub const DEFAULT_API_KEY_CACHE_TTL: Duration = Duration::from_secs(60);

/// A required, non-blank variable.
pub fn required(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<String, ConfigError> {
    lookup(name)
        .filter(|v| !v.trim().is_empty())
        .ok_or(ConfigError::Missing(name))
}

/// A whole number of at least `min`, `default` when unset or blank.
pub fn whole_number(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u64,
    min: u64,
) -> Result<u64, ConfigError> {
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
}

/// `Public` unless `ALLOW_PRIVATE_NETWORK=true` (local runs and tests only);
/// `ALLOW_ORIGINS=http://127.0.0.1:8080,http://localhost:3000`: exact local origins.
pub fn network_policy(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<NetworkPolicy, ConfigError> {
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
    NetworkPolicy::from_flag(allow_private)
        .with_allowed_origins(&lookup("ALLOW_ORIGINS").into_iter().collect::<Vec<_>>())
        .map_err(|e| ConfigError::Invalid {
            name: "ALLOW_ORIGINS",
            reason: e.to_string(),
        })
}

/// `API_KEY_CACHE_SECS`: how long a warm function trusts an API key lookup (at most 60 s;
/// 0 disables the cache).
pub fn api_key_cache_ttl(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Duration, ConfigError> {
    Ok(Duration::from_secs(
        whole_number(
            lookup,
            "API_KEY_CACHE_SECS",
            DEFAULT_API_KEY_CACHE_TTL.as_secs(),
            0,
        )?
        .min(60),
    ))
}

fn to_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What the HTTP functions (create-job, get-job) read: nothing of the crawler, the renderer or
/// the generator.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub tables: TableNames,
    pub job_queue_url: String,
    /// Accepted jobs per workspace per UTC day.
    pub daily_job_limit: u32,
    pub job_ttl_days: u32,
    pub network_policy: NetworkPolicy,
    /// How long a warm function trusts an API key lookup (0 disables the cache).
    pub api_key_cache_ttl: Duration,
}

impl HttpConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(Self {
            tables: TableNames::from_lookup(&lookup)?,
            job_queue_url: required(&lookup, "JOB_QUEUE_URL")?,
            daily_job_limit: to_u32(whole_number(
                &lookup,
                "DAILY_JOB_LIMIT",
                DEFAULT_DAILY_JOB_LIMIT.into(),
                1,
            )?),
            job_ttl_days: to_u32(whole_number(
                &lookup,
                "JOB_TTL_DAYS",
                DEFAULT_JOB_TTL_DAYS.into(),
                1,
            )?),
            network_policy: network_policy(&lookup)?,
            api_key_cache_ttl: api_key_cache_ttl(&lookup)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_env::{env, BASE};

    #[test]
    fn http_config_reads_only_its_settings() {
        // A broken generator setting is the worker's business, not the HTTP functions'.
        let mut pairs = BASE.to_vec();
        pairs.push(("GENERATOR", "gpt"));
        let c = HttpConfig::from_lookup(env(&pairs)).unwrap();
        assert_eq!(c.daily_job_limit, 50);
        assert_eq!(c.job_ttl_days, 30);
        assert_eq!(c.network_policy, NetworkPolicy::Public);
        assert_eq!(c.tables.workspaces, "ws");
        let err = HttpConfig::from_lookup(env(&BASE[1..])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable JOBS_TABLE is required"
        );
        pairs.push(("ALLOW_PRIVATE_NETWORK", "yes please"));
        assert!(HttpConfig::from_lookup(env(&pairs)).is_err());
    }
}
