//! Building the worker's and the reaper's dependencies from configuration: the one place that
//! knows which adapter backs which port in those functions (the HTTP functions' is
//! `agent_builder_api::wiring`).

use aws_config::SdkConfig;
use std::sync::Arc;

use crate::clock::SystemClock;
use crate::config::{Config, GeneratorSettings};
use crate::crawl::{Crawler, HttpFetcher};
use crate::events::{JobEvents, NoEvents};
use crate::function_config::{ReaperConfig, WorkerConfig};
use crate::generate::llm::openai::OpenAiConfigError;
use crate::generate::llm::{BedrockChat, ChatModel, OpenAiChat};
use crate::generate::{Generator, LlmGenerator, TemplateGenerator};
use crate::metrics::{EmfMetrics, Metrics};
use crate::pipeline::Pipeline;
use crate::reaper::{ReaperDeps, ReaperSettings};
use crate::render::remote::{LambdaRenderer, REMOTE_SLACK};
use crate::render::{ChromiumRenderer, ChromiumSettings, Renderer};
use crate::webhooks::HttpWebhookSender;
use crate::worker::{WorkerDeps, WorkerSettings};
use agent_builder_aws::dynamodb::{DynamoJobs, DynamoWorkspaces};
use agent_builder_aws::eventbridge::EventBridgeEvents;
use agent_builder_aws::sqs::SqsQueue;
use agent_builder_aws::{dynamodb_client, eventbridge_client, sqs_client};

/// Why a function's dependencies could not be built.
#[derive(Debug, thiserror::Error)]
pub enum WiringError {
    #[error("building the HTTP client failed")]
    Http(#[from] reqwest::Error),
    #[error("the OpenAI-compatible generator is misconfigured")]
    OpenAi(#[from] OpenAiConfigError),
    #[error("GENERATOR={0} needs {1}")]
    Incomplete(&'static str, &'static str),
}

/// Job events on the named EventBridge bus, or none.
fn job_events(bus: Option<&String>, sdk: &SdkConfig) -> Arc<dyn JobEvents> {
    match bus {
        Some(bus) => Arc::new(EventBridgeEvents::new(eventbridge_client(sdk), bus.clone())),
        None => Arc::new(NoEvents),
    }
}

impl WorkerDeps {
    /// The worker over the jobs, agents and workspaces tables and the job queue.
    pub fn from_config(config: &WorkerConfig, sdk: &SdkConfig) -> Result<Self, WiringError> {
        let client = dynamodb_client(sdk);
        let tables = &config.tables;
        let engine = &config.engine;
        Ok(Self {
            jobs: Arc::new(
                DynamoJobs::new(client.clone(), &tables.jobs).with_agents(&tables.agents),
            ),
            workspaces: Arc::new(DynamoWorkspaces::new(client, &tables.workspaces)),
            redelivery: Arc::new(SqsQueue::new(sqs_client(sdk), config.job_queue_url.clone())),
            webhooks: Arc::new(HttpWebhookSender::new(
                engine.network_policy,
                &engine.fetch.user_agent,
            )?),
            pipeline: pipeline_with(engine, Some(sdk), Some(Arc::new(EmfMetrics)))?,
            clock: Arc::new(SystemClock),
            metrics: Arc::new(EmfMetrics),
            events: job_events(engine.event_bus_name.as_ref(), sdk),
            settings: worker_settings(engine),
        })
    }
}

impl ReaperDeps {
    /// The reaper over the dead-letter queue and the jobs, quota and workspaces tables.
    pub fn from_config(config: &ReaperConfig, sdk: &SdkConfig) -> Result<Self, WiringError> {
        let client = dynamodb_client(sdk);
        let tables = &config.tables;
        Ok(Self {
            jobs: Arc::new(DynamoJobs::new(client.clone(), &tables.jobs).with_quota(&tables.quota)),
            workspaces: Arc::new(DynamoWorkspaces::new(client, &tables.workspaces)),
            redelivery: Arc::new(SqsQueue::new(
                sqs_client(sdk),
                config.dead_letter_queue_url.clone(),
            )),
            webhooks: Arc::new(HttpWebhookSender::new(
                config.network_policy,
                &config.user_agent,
            )?),
            clock: Arc::new(SystemClock),
            metrics: Arc::new(EmfMetrics),
            events: job_events(config.event_bus_name.as_ref(), sdk),
            settings: ReaperSettings {
                max_receive_count: config.job_max_receive_count,
                orphan_after: config.orphan_lease_after,
                ..ReaperSettings::default()
            },
        })
    }
}

fn worker_settings(config: &Config) -> WorkerSettings {
    let defaults = WorkerSettings::default();
    // A language model needs more of the invocation than the template: the crawl stops early
    // enough to leave it its whole budget.
    let generation_reserve = match config.generator.llm() {
        None => defaults.generation_reserve,
        Some(llm) => defaults
            .generation_reserve
            .max(llm.total_budget + std::time::Duration::from_secs(5)),
    };
    WorkerSettings {
        max_receive_count: config.job_max_receive_count,
        network_policy: config.network_policy,
        generation_reserve,
        ..defaults
    }
}

/// The crawl-and-generate pipeline with the configured fetch limits and voice. A Bedrock
/// generator needs AWS configuration: use [`pipeline_with_sdk`].
pub fn pipeline_from_config(config: &Config) -> Result<Pipeline, WiringError> {
    pipeline_with_sdk(config, None)
}

pub fn pipeline_with_sdk(
    config: &Config,
    sdk: Option<&SdkConfig>,
) -> Result<Pipeline, WiringError> {
    pipeline_with(config, sdk, None)
}

/// The pipeline, with the generator's fallbacks counted in `metrics` when given (the worker).
fn pipeline_with(
    config: &Config,
    sdk: Option<&SdkConfig>,
    metrics: Option<Arc<dyn Metrics>>,
) -> Result<Pipeline, WiringError> {
    let fetcher = HttpFetcher::new(config.fetch.clone(), config.network_policy)?;
    let crawler = Crawler::new(Arc::new(fetcher), config.crawl.clone())
        .with_renderer(renderer_from_config(config, sdk), config.render);
    Ok(Pipeline::new(
        Arc::new(crawler),
        generator_with_metrics(config, sdk, metrics)?,
    ))
}

/// The browser pages are rendered with: the renderer function when `RENDERER_FUNCTION` names
/// one, else Chromium on this machine (when none is installed, rendering reports itself
/// unavailable and jobs go on without it, listing the pages in their warnings).
pub fn renderer_from_config(config: &Config, sdk: Option<&SdkConfig>) -> Arc<dyn Renderer> {
    // Deployed: the renderer function (Chromium in a layer) when the stack has one.
    if let (Some(function), Some(sdk)) = (&config.renderer_function, sdk) {
        return Arc::new(LambdaRenderer::new(
            aws_sdk_lambda::Client::new(sdk),
            function.clone(),
            config.chromium.page_timeout + REMOTE_SLACK,
        ));
    }
    let settings = ChromiumSettings {
        user_agent: config.fetch.user_agent.clone(),
        ..config.chromium.clone()
    };
    Arc::new(ChromiumRenderer::new(settings, config.network_policy))
}

/// The configured generator: the template, or a language model with the template as its
/// voice and fallback.
pub fn generator_from_config(
    config: &Config,
    sdk: Option<&SdkConfig>,
) -> Result<Arc<dyn Generator>, WiringError> {
    generator_with_metrics(config, sdk, None)
}

fn generator_with_metrics(
    config: &Config,
    sdk: Option<&SdkConfig>,
    metrics: Option<Arc<dyn Metrics>>,
) -> Result<Arc<dyn Generator>, WiringError> {
    let template = TemplateGenerator::new(config.default_voice.clone());
    let (model, llm): (Arc<dyn ChatModel>, _) = match &config.generator {
        GeneratorSettings::Template => return Ok(Arc::new(template)),
        GeneratorSettings::Bedrock { model_id, llm } => {
            let sdk = sdk.ok_or(WiringError::Incomplete("bedrock", "AWS configuration"))?;
            (
                Arc::new(BedrockChat::new(bedrock_client(sdk), model_id.clone())),
                llm,
            )
        }
        GeneratorSettings::Openai { openai, llm } => (
            Arc::new(OpenAiChat::new(
                &openai.base_url,
                openai.api_key.as_ref().map(|k| k.0.clone()),
                openai.model.clone(),
            )?),
            llm,
        ),
    };
    let generator = LlmGenerator::new(model, template, llm.clone());
    Ok(Arc::new(match metrics {
        Some(metrics) => generator.with_metrics(metrics),
        None => generator,
    }))
}

/// Reads the secrets the configuration names from Secrets Manager (once, at cold start) and
/// keeps their values in `config`; nothing is read when none is named.
pub async fn load_secrets(
    config: &mut Config,
    sdk: &SdkConfig,
) -> Result<(), crate::secrets::SecretError> {
    let source = crate::secrets::SecretsManager::new(aws_sdk_secretsmanager::Client::new(sdk));
    crate::secrets::load_generator_secrets(&mut config.generator, &source).await
}

/// Bedrock with the SDK's own retries off: the generator retries every provider alike.
pub fn bedrock_client(sdk: &SdkConfig) -> aws_sdk_bedrockruntime::Client {
    let config = aws_sdk_bedrockruntime::config::Builder::from(sdk)
        .retry_config(aws_sdk_bedrockruntime::config::retry::RetryConfig::disabled())
        .build();
    aws_sdk_bedrockruntime::Client::from_conf(config)
}
