//! How a setting is read from the environment (required, whole numbers, the network policy, the
//! API key cache), the names of one stack's six tables, and the secret wrapper. Each function's
//! configuration lives with its owner and reads only what that function uses:
//! `agent_builder_api::config` (create-job, get-job), `agent_builder_engine::config` and
//! `agent_builder_engine::function_config` (worker, job reaper).

use std::time::Duration;

use crate::domain::NetworkPolicy;

/// All six tables of one stack, as provisioned (locally) or output by a deployed stack: what
/// the tools that reach every table use. A function reads only its own tables' names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableNames {
    pub jobs: String,
    pub quota: String,
    pub agents: String,
    pub api_keys: String,
    pub idempotency: String,
    pub workspaces: String,
}

/// The environment variable that names each table (the same in every function that uses it).
pub mod table_var {
    pub const JOBS: &str = "JOBS_TABLE";
    pub const QUOTA: &str = "QUOTA_TABLE";
    pub const AGENTS: &str = "AGENTS_TABLE";
    pub const API_KEYS: &str = "API_KEYS_TABLE";
    pub const IDEMPOTENCY: &str = "IDEMPOTENCY_TABLE";
    pub const WORKSPACES: &str = "WORKSPACES_TABLE";
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

/// An optional value: `None` when unset or blank.
pub fn optional(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A whole number of at least `min` that fits a `u32`, `default` when unset or blank.
pub fn whole_u32(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
    min: u32,
) -> Result<u32, ConfigError> {
    let n = whole_number(lookup, name, default.into(), min.into())?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_env::env;

    #[test]
    fn settings_are_read_checked_and_named() {
        let lookup = env(&[("A", " a "), ("BLANK", "  "), ("N", "7"), ("BAD", "-1")]);
        assert_eq!(required(&lookup, "A").unwrap(), " a ");
        assert_eq!(
            required(&lookup, "BLANK").unwrap_err().to_string(),
            "environment variable BLANK is required"
        );
        assert_eq!(optional(&lookup, "A").as_deref(), Some("a"));
        assert_eq!(optional(&lookup, "BLANK"), None);
        assert_eq!(whole_u32(&lookup, "N", 3, 1).unwrap(), 7);
        assert_eq!(whole_u32(&lookup, "UNSET", 3, 1).unwrap(), 3);
        assert_eq!(
            whole_u32(&lookup, "N", 3, 8).unwrap_err().to_string(),
            "environment variable N is invalid: expected a whole number >= 8, got \"7\""
        );
        assert!(whole_u32(&lookup, "BAD", 3, 0).is_err());
        assert_eq!(network_policy(&lookup).unwrap(), NetworkPolicy::Public);
        let private = env(&[("ALLOW_PRIVATE_NETWORK", "true")]);
        assert_eq!(
            network_policy(&private).unwrap(),
            NetworkPolicy::AllowPrivate
        );
        assert!(network_policy(&env(&[("ALLOW_PRIVATE_NETWORK", "yes please")])).is_err());
        assert_eq!(
            api_key_cache_ttl(&env(&[("API_KEY_CACHE_SECS", "600")])).unwrap(),
            Duration::from_secs(60)
        );
    }
}
