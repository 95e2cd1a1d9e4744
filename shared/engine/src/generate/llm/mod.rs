//! Language-model generation, the same for every provider: one prompt with the site's text as
//! delimited untrusted data, retries with backoff on transient failures, one repair attempt for
//! an answer that is not a valid agent, then the configured fallback. The answer then goes
//! through the same validation and grounding as the template's.

pub mod bedrock;
pub mod openai;
pub mod prompt;
#[cfg(test)]
mod signed_request_tests;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use backon::{ExponentialBuilder, Retryable};

use super::context::Context;
use super::draft::{parse_draft, AgentDraft};
use super::finalize::{finalize, MadeBy};
use super::{GenerateError, GenerationInput, Generator, TemplateGenerator};
use crate::domain::{AgentConfig, GeneratorKind};
use crate::metrics::{Metric, Metrics};

pub use bedrock::BedrockChat;
pub use openai::OpenAiChat;

/// What happens when the model cannot produce an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FallbackPolicy {
    /// Build the agent with the template generator and say so in the warnings.
    #[default]
    Template,
    /// Fail the job (a retryable failure lets the queue redeliver it later).
    Fail,
}

#[derive(Debug, Clone)]
pub struct LlmSettings {
    /// One request's limit.
    pub request_timeout: Duration,
    /// Tries per request, the first included, on timeouts, 429 and 5xx.
    pub max_attempts: usize,
    pub min_backoff: Duration,
    pub max_backoff: Duration,
    /// The whole generation's limit: requests, retries and the repair together.
    pub total_budget: Duration,
    pub fallback: FallbackPolicy,
    /// Page text put into the prompt, across all pages, in characters.
    pub max_page_chars: usize,
}

impl Default for LlmSettings {
    fn default() -> Self {
        Self {
            request_timeout: Duration::from_secs(25),
            max_attempts: 3,
            min_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(4),
            total_budget: Duration::from_secs(60),
            fallback: FallbackPolicy::Template,
            max_page_chars: 24_000,
        }
    }
}

/// A provider-neutral chat request: the system prompt and the one user message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRequest {
    pub system: String,
    pub user: String,
}

/// How one call to a model failed.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Timeout, 429, 5xx, connection trouble: worth another try.
    #[error("transient model failure")]
    Transient(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The provider refused the request; trying again will not help.
    #[error("the model refused the request")]
    Rejected(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The reply arrived but held no answer to parse.
    #[error("the reply held no answer: {0}")]
    NoAnswer(String),
}

/// An HTTP status a provider answered with, and the start of its body.
#[derive(Debug, thiserror::Error)]
#[error("HTTP {status}: {body}")]
pub struct HttpStatus {
    pub status: u16,
    pub body: String,
    /// The provider's `Retry-After`, in whole seconds, when it sent one.
    pub retry_after: Option<Duration>,
}

/// Longest `Retry-After` honoured: beyond it the generation's own budget decides.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);

impl HttpStatus {
    /// 408, 429 and 5xx are transient.
    pub fn into_model_error(self) -> ModelError {
        if self.status == 408 || self.status == 429 || self.status >= 500 {
            ModelError::Transient(Box::new(self))
        } else {
            ModelError::Rejected(Box::new(self))
        }
    }
}

/// One provider's wire format.
#[async_trait]
pub trait ChatModel: Send + Sync {
    fn kind(&self) -> GeneratorKind;
    fn model_id(&self) -> &str;
    /// The model's answer: the agent draft as JSON text.
    async fn complete(&self, request: &ChatRequest) -> Result<String, ModelError>;
}

pub struct LlmGenerator {
    model: Arc<dyn ChatModel>,
    template: TemplateGenerator,
    settings: LlmSettings,
    /// Counts fallbacks to the template (`GeneratorFallbacks`), which an alarm watches.
    metrics: Option<Arc<dyn Metrics>>,
}

impl LlmGenerator {
    /// `template` supplies the voice and the fallback.
    pub fn new(
        model: Arc<dyn ChatModel>,
        template: TemplateGenerator,
        settings: LlmSettings,
    ) -> Self {
        Self {
            model,
            template,
            settings,
            metrics: None,
        }
    }

    /// Records each fallback to the template as the `GeneratorFallbacks` metric.
    pub fn with_metrics(mut self, metrics: Arc<dyn Metrics>) -> Self {
        self.metrics = Some(metrics);
        self
    }

    async fn draft(
        &self,
        ctx: &Context,
        input: &GenerationInput,
    ) -> Result<(AgentDraft, Vec<String>), GenerateError> {
        let request = prompt::request(ctx, input, self.settings.max_page_chars);
        let problem = match self.call(&request).await {
            Ok(reply) => match parse_draft(&reply) {
                Ok(draft) => match language_problem(ctx, &draft) {
                    None => return Ok((draft, Vec::new())),
                    Some(problem) => (reply, problem),
                },
                Err(problem) => (reply, problem.0),
            },
            Err(ModelError::NoAnswer(why)) => (String::new(), why),
            Err(err) => return Err(err.into()),
        };
        tracing::warn!(problem = %problem.1, "the model's answer was unusable; asking for a repair");
        let repair = prompt::repair(&request, &problem.0, &problem.1);
        let reply = match self.call(&repair).await {
            Ok(reply) => reply,
            Err(ModelError::NoAnswer(why)) => return Err(GenerateError::InvalidReply(why)),
            Err(err) => return Err(err.into()),
        };
        let draft = parse_draft(&reply).map_err(|p| GenerateError::InvalidReply(p.0))?;
        if let Some(problem) = language_problem(ctx, &draft) {
            return Err(GenerateError::InvalidReply(problem));
        }
        Ok((
            draft,
            vec![format!(
                "The language model's first answer was unusable ({}); its repaired answer was used.",
                first_chars(&problem.1, 200)
            )],
        ))
    }

    /// One request, retried with exponential backoff (with jitter) on transient failures.
    async fn call(&self, request: &ChatRequest) -> Result<String, ModelError> {
        let timeout = self.settings.request_timeout;
        let backoff = ExponentialBuilder::default()
            .with_min_delay(self.settings.min_backoff)
            .with_max_delay(self.settings.max_backoff)
            .with_max_times(self.settings.max_attempts.saturating_sub(1))
            .with_jitter();
        (|| async {
            match tokio::time::timeout(timeout, self.model.complete(request)).await {
                Ok(result) => result,
                Err(_) => Err(ModelError::Transient("the request timed out".into())),
            }
        })
        .retry(backoff)
        .when(|e| matches!(e, ModelError::Transient(_)))
        // A provider's own `Retry-After` (within reason) beats our backoff.
        .adjust(|err, delay| {
            let asked = match err {
                ModelError::Transient(source) => source
                    .downcast_ref::<HttpStatus>()
                    .and_then(|s| s.retry_after),
                _ => None,
            };
            delay.map(|d| asked.map_or(d, |a| a.min(MAX_RETRY_AFTER).max(d)))
        })
        .notify(|err, after| {
            tracing::warn!(error = %crate::error::error_chain(err), retry_in_ms = after.as_millis() as u64, "model call failed; retrying");
        })
        .await
    }
}

impl From<ModelError> for GenerateError {
    fn from(err: ModelError) -> Self {
        match err {
            ModelError::Transient(e) => Self::Unavailable(e),
            ModelError::Rejected(e) => Self::Refused(e),
            ModelError::NoAnswer(why) => Self::InvalidReply(why),
        }
    }
}

#[async_trait]
impl Generator for LlmGenerator {
    async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError> {
        let ctx = Context::new(input);
        let outcome = tokio::time::timeout(self.settings.total_budget, self.draft(&ctx, input))
            .await
            .unwrap_or_else(|_| {
                Err(GenerateError::Unavailable(
                    "generation ran out of its time budget".into(),
                ))
            });
        match outcome {
            Ok((draft, warnings)) => Ok(finalize(
                draft,
                &ctx,
                self.template.voice(),
                MadeBy {
                    generator: self.model.kind(),
                    model: Some(self.model.model_id().to_owned()),
                    warnings,
                },
            )),
            Err(err) => match self.settings.fallback {
                FallbackPolicy::Fail => Err(err),
                FallbackPolicy::Template => {
                    // The cause chain (provider bodies included) goes to the log; the caller's
                    // warning names only what happened.
                    tracing::warn!(error = %crate::error::error_chain(&err), model = self.model.model_id(), "falling back to the template generator");
                    if let Some(metrics) = &self.metrics {
                        metrics.record(&[(Metric::GeneratorFallbacks, 1.0)]);
                    }
                    Ok(self.template.build_with(
                        &ctx,
                        vec![format!(
                            "The {} language model could not be used ({err}); the agent was built by the template generator.",
                            self.model.kind().as_str(),
                        )],
                    ))
                }
            },
        }
    }
}

/// The draft's prose is clearly in another of our languages than the agent's: the same detector
/// that reads pages checks the model's answer.
fn language_problem(ctx: &Context, draft: &AgentDraft) -> Option<String> {
    let wanted = crate::lang::get(&ctx.language)?;
    let mut text = format!("{} {}", draft.personality, draft.greeting);
    for goal in &draft.goals {
        text.push(' ');
        text.push_str(goal);
    }
    let found = crate::lang::detect::detect(&text)?;
    (found.code != wanted.code).then(|| {
        format!(
            "the answer is written in {}, not {}: write every field in {} (BCP 47 \"{}\")",
            found.english_name, wanted.english_name, wanted.english_name, ctx.language
        )
    })
}

fn first_chars(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}
