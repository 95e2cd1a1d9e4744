//! The engine's settings (crawl, render, generator, voice, network policy, job events), read once
//! from the environment at cold start. Where the worker's and the reaper's stores are is their
//! own configuration's business ([`crate::function_config`]).

use std::time::Duration;

use crate::crawl::CrawlSettings;
pub use crate::crawl::FetchSettings;
use crate::domain::{GeneratorKind, NetworkPolicy};
use crate::generate::{FallbackPolicy, LlmSettings};
use crate::render::{ChromiumSettings, RenderMode, RenderSettings};
use agent_builder_core::config::network_policy;
pub use agent_builder_core::config::{ConfigError, Secret, TableNames};

#[derive(Debug, Clone)]
pub struct OpenAiSettings {
    /// e.g. `https://api.openai.com/v1`; requests go to `{base_url}/chat/completions`.
    pub base_url: String,
    /// `None` for local servers that need no key.
    pub api_key: Option<Secret>,
    /// Secrets Manager secret holding the key (`OPENAI_API_KEY_SECRET_ARN`): how a deployed
    /// worker gets it, read once at cold start into `api_key`
    /// ([`crate::secrets::load_generator_secrets`]).
    pub api_key_secret_arn: Option<String>,
    pub model: String,
}

/// Which generator builds agents: the template alone, or a language model — with what calling
/// it needs and how it is retried — in front of the template. Read once from the environment
/// ([`GeneratorSettings::from_lookup`]), so a model without its settings cannot be built.
#[derive(Debug, Clone, Default)]
pub enum GeneratorSettings {
    #[default]
    Template,
    Bedrock {
        model_id: String,
        llm: LlmSettings,
    },
    Openai {
        openai: OpenAiSettings,
        llm: LlmSettings,
    },
}

#[derive(Debug, Clone)]
pub struct Config {
    pub default_voice: String,
    /// The queue's redrive `maxReceiveCount`: on this delivery a failing job is marked failed.
    pub job_max_receive_count: u32,
    /// `Public` unless `ALLOW_PRIVATE_NETWORK=true` (local runs and tests only).
    pub network_policy: NetworkPolicy,
    pub fetch: FetchSettings,
    pub crawl: CrawlSettings,
    /// EventBridge bus for job events; `None` publishes nothing.
    pub event_bus_name: Option<String>,
    pub generator: GeneratorSettings,
    /// When pages are read in a headless browser, and how many per job.
    pub render: RenderSettings,
    /// The local browser's limits and location.
    pub chromium: ChromiumSettings,
    /// A deployed renderer function to call instead of a local browser (`RENDERER_FUNCTION`).
    pub renderer_function: Option<String>,
}

pub const DEFAULT_VOICE: &str = "alloy";
/// Longer than every delivery of a message can take: 3 receives x the 1,080 s visibility
/// timeout is 54 minutes.
pub const DEFAULT_ORPHAN_LEASE_AFTER: Duration = Duration::from_secs(3600);

impl Config {
    /// Every setting at its default (local runs and tests).
    pub fn with_defaults() -> Self {
        Self {
            default_voice: DEFAULT_VOICE.to_owned(),
            job_max_receive_count: 3,
            network_policy: NetworkPolicy::Public,
            fetch: FetchSettings::default(),
            crawl: CrawlSettings::default(),
            event_bus_name: None,
            generator: GeneratorSettings::default(),
            render: RenderSettings::default(),
            chromium: ChromiumSettings::default(),
            renderer_function: None,
        }
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `lookup` so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let number = |name: &'static str, default: u64, min: u64| {
            agent_builder_core::config::whole_number(&lookup, name, default, min)
        };
        let to_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let defaults = FetchSettings::default();
        let crawl = CrawlSettings::default();
        let render_defaults = RenderSettings::default();
        let render_mode = match lookup("RENDER").filter(|v| !v.trim().is_empty()) {
            None => render_defaults.mode,
            Some(v) => v
                .parse::<RenderMode>()
                .map_err(|reason| ConfigError::Invalid {
                    name: "RENDER",
                    reason,
                })?,
        };
        let network_policy = network_policy(&lookup)?;
        Ok(Self {
            default_voice: lookup("DEFAULT_VOICE")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| DEFAULT_VOICE.to_owned()),
            job_max_receive_count: to_u32(number("JOB_MAX_RECEIVE_COUNT", 3, 1)?),
            network_policy,
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
            generator: GeneratorSettings::from_lookup(&lookup)?,
            render: RenderSettings {
                mode: render_mode,
                max_pages: usize::try_from(number(
                    "MAX_RENDERED_PAGES",
                    render_defaults.max_pages as u64,
                    0,
                )?)
                .unwrap_or(usize::MAX),
            },
            chromium: ChromiumSettings::from_lookup(&lookup)?,
            renderer_function: lookup("RENDERER_FUNCTION")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty()),
        })
    }
}

impl ChromiumSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(&|k: &str| std::env::var(k).ok())
    }

    /// `CHROMIUM_PATH` (default: looked for), `RENDER_PAGE_SECS` (one page, default 15),
    /// `RENDER_MEMORY_MB` (the browser's processes together, default 768).
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let defaults = Self::default();
        let value = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let number = |name: &'static str, default: u64, min: u64| match value(name) {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n >= min => Ok(n),
                _ => Err(ConfigError::Invalid {
                    name,
                    reason: format!("expected a whole number >= {min}, got {v:?}"),
                }),
            },
        };
        Ok(Self {
            executable: value("CHROMIUM_PATH").map(Into::into),
            page_timeout: Duration::from_secs(number(
                "RENDER_PAGE_SECS",
                defaults.page_timeout.as_secs(),
                1,
            )?),
            max_rss_bytes: number(
                "RENDER_MEMORY_MB",
                defaults.max_rss_bytes / (1024 * 1024),
                64,
            )? * 1024
                * 1024,
            ..defaults
        })
    }
}

impl GeneratorSettings {
    /// `GENERATOR` (template | bedrock | openai; default template), `BEDROCK_MODEL_ID`,
    /// `OPENAI_BASE_URL`, `OPENAI_API_KEY` (local runs) or `OPENAI_API_KEY_SECRET_ARN` (deployed),
    /// `OPENAI_MODEL`, `GENERATOR_FALLBACK` (template |
    /// fail; default template), `GENERATOR_TIMEOUT_SECS` (one request; default 25),
    /// `GENERATOR_MAX_ATTEMPTS` (default 3), `GENERATOR_BUDGET_SECS` (the whole generation;
    /// default 60). The retry settings are checked whatever the generator; a model's own
    /// settings are read only for the model chosen.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let value = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let invalid = |name: &'static str, reason: String| ConfigError::Invalid { name, reason };
        let kind = match value("GENERATOR") {
            None => GeneratorKind::Template,
            Some(v) => v.parse().map_err(|e| invalid("GENERATOR", e))?,
        };
        let defaults = LlmSettings::default();
        let seconds = |name: &'static str, default: Duration| -> Result<Duration, ConfigError> {
            match value(name) {
                None => Ok(default),
                Some(v) => match v.parse::<u64>() {
                    Ok(n) if (1..=900).contains(&n) => Ok(Duration::from_secs(n)),
                    _ => Err(invalid(
                        name,
                        format!("expected 1 to 900 seconds, got {v:?}"),
                    )),
                },
            }
        };
        let max_attempts = match value("GENERATOR_MAX_ATTEMPTS") {
            None => defaults.max_attempts,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=10).contains(&n) => n,
                _ => {
                    return Err(invalid(
                        "GENERATOR_MAX_ATTEMPTS",
                        format!("expected 1 to 10, got {v:?}"),
                    ))
                }
            },
        };
        let fallback = match value("GENERATOR_FALLBACK").as_deref() {
            None | Some("template") => FallbackPolicy::Template,
            Some("fail") => FallbackPolicy::Fail,
            Some(other) => {
                return Err(invalid(
                    "GENERATOR_FALLBACK",
                    format!("expected template or fail, got {other:?}"),
                ))
            }
        };
        let llm = LlmSettings {
            request_timeout: seconds("GENERATOR_TIMEOUT_SECS", defaults.request_timeout)?,
            total_budget: seconds("GENERATOR_BUDGET_SECS", defaults.total_budget)?,
            max_attempts,
            fallback,
            ..defaults
        };
        let present = |name: &'static str| value(name).ok_or(ConfigError::Missing(name));
        Ok(match kind {
            GeneratorKind::Template => Self::Template,
            GeneratorKind::Bedrock => Self::Bedrock {
                model_id: present("BEDROCK_MODEL_ID")?,
                llm,
            },
            GeneratorKind::Openai => Self::Openai {
                openai: OpenAiSettings {
                    base_url: present("OPENAI_BASE_URL")?,
                    model: present("OPENAI_MODEL")?,
                    api_key: value("OPENAI_API_KEY").map(Secret),
                    api_key_secret_arn: value("OPENAI_API_KEY_SECRET_ARN"),
                },
                llm,
            },
        })
    }

    /// What the agent's metadata records as its maker when the model answers.
    pub fn kind(&self) -> GeneratorKind {
        match self {
            Self::Template => GeneratorKind::Template,
            Self::Bedrock { .. } => GeneratorKind::Bedrock,
            Self::Openai { .. } => GeneratorKind::Openai,
        }
    }

    /// How the language model is called and retried; `None` for the template.
    pub fn llm(&self) -> Option<&LlmSettings> {
        match self {
            Self::Template => None,
            Self::Bedrock { llm, .. } | Self::Openai { llm, .. } => Some(llm),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agent_builder_core::test_env::{env, BASE};

    #[test]
    fn defaults_apply() {
        let c = Config::from_lookup(env(&BASE)).unwrap();
        assert_eq!(c.default_voice, "alloy");
        assert_eq!(c.network_policy, NetworkPolicy::Public);
        assert_eq!(c.job_max_receive_count, 3);
        assert_eq!(c.generator.kind(), GeneratorKind::Template);
        // The template has no model to fall back from: the default policy shows on a model.
        let mut pairs = BASE.to_vec();
        pairs.extend([("GENERATOR", "bedrock"), ("BEDROCK_MODEL_ID", "m")]);
        let c = Config::from_lookup(env(&pairs)).unwrap();
        assert_eq!(
            c.generator.llm().unwrap().fallback,
            FallbackPolicy::Template
        );
    }

    #[test]
    fn generator_selection_is_read_and_checked() {
        let mut pairs = BASE.to_vec();
        pairs.extend([
            ("GENERATOR", "openai"),
            ("OPENAI_BASE_URL", "http://localhost:8080/v1"),
            ("OPENAI_MODEL", "gpt-4o-mini"),
            ("OPENAI_API_KEY", "sk-secret"),
            ("GENERATOR_FALLBACK", "fail"),
            ("GENERATOR_TIMEOUT_SECS", "7"),
        ]);
        let c = Config::from_lookup(env(&pairs)).unwrap();
        assert_eq!(c.generator.kind(), GeneratorKind::Openai);
        let GeneratorSettings::Openai { openai, llm } = &c.generator else {
            panic!("{:?}", c.generator)
        };
        assert_eq!(llm.fallback, FallbackPolicy::Fail);
        assert_eq!(llm.request_timeout, Duration::from_secs(7));
        assert_eq!(openai.model, "gpt-4o-mini");
        // The key never reaches a log line through Debug.
        assert!(!format!("{c:?}").contains("sk-secret"));

        let mut pairs = BASE.to_vec();
        pairs.push(("GENERATOR", "bedrock"));
        let err = Config::from_lookup(env(&pairs)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable BEDROCK_MODEL_ID is required"
        );

        let mut pairs = BASE.to_vec();
        pairs.push(("GENERATOR", "gpt"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
        let mut pairs = BASE.to_vec();
        pairs.push(("GENERATOR_FALLBACK", "maybe"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
    }

    #[test]
    fn a_model_without_its_settings_is_refused_naming_the_missing_one() {
        let missing = |extra: &[(&'static str, &'static str)]| {
            let mut pairs = BASE.to_vec();
            pairs.extend_from_slice(extra);
            Config::from_lookup(env(&pairs)).unwrap_err().to_string()
        };
        assert_eq!(
            missing(&[("GENERATOR", "openai"), ("OPENAI_MODEL", "m")]),
            "environment variable OPENAI_BASE_URL is required"
        );
        assert_eq!(
            missing(&[
                ("GENERATOR", "openai"),
                ("OPENAI_BASE_URL", "http://llm/v1")
            ]),
            "environment variable OPENAI_MODEL is required"
        );
        // Another model's settings do not stand in for the chosen one's.
        assert_eq!(
            missing(&[("GENERATOR", "bedrock"), ("OPENAI_MODEL", "m")]),
            "environment variable BEDROCK_MODEL_ID is required"
        );
    }

    #[test]
    fn rendering_and_allowed_origins_are_read() {
        let c = Config::from_lookup(env(&BASE)).unwrap();
        assert_eq!(c.render.mode, RenderMode::Auto);
        let mut pairs = BASE.to_vec();
        pairs.extend([
            ("RENDER", "never"),
            ("MAX_RENDERED_PAGES", "2"),
            (
                "ALLOW_ORIGINS",
                "http://127.0.0.1:8080, http://localhost:3000",
            ),
        ]);
        let c = Config::from_lookup(env(&pairs)).unwrap();
        assert_eq!(c.render.mode, RenderMode::Never);
        assert_eq!(c.render.max_pages, 2);
        assert_eq!(c.network_policy.allowed_origins().len(), 2);
        let mut pairs = BASE.to_vec();
        pairs.push(("ALLOW_ORIGINS", "127.0.0.1:8080/admin"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
        let mut pairs = BASE.to_vec();
        pairs.push(("RENDER", "sometimes"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
    }

    #[test]
    fn missing_and_invalid_values_are_named() {
        // The tables and queues are the worker's and the reaper's own configuration
        // (`function_config`); the engine's settings need none of them.
        assert!(Config::from_lookup(env(&[])).is_ok());
        let mut pairs = BASE.to_vec();
        pairs.push(("MAX_PAGES", "lots"));
        let err = Config::from_lookup(env(&pairs)).unwrap_err();
        assert!(err.to_string().contains("MAX_PAGES"));
        let mut pairs = BASE.to_vec();
        pairs.push(("ALLOW_PRIVATE_NETWORK", "yes please"));
        assert!(Config::from_lookup(env(&pairs)).is_err());
    }
}
