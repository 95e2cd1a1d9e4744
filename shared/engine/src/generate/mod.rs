//! Agent generation behind one port. The embedded template generator is the default and needs
//! no network; language-model providers (Bedrock, any OpenAI-compatible endpoint) plug in behind
//! the same trait. Every generator's output goes through the same validation and grounding
//! ([`finalize`]), so no generator can put a fact on the phone line that the site did not state.

pub mod context;
pub mod draft;
pub mod finalize;
#[cfg(test)]
mod golden_tests;
pub mod grounding;
pub mod industry;
pub mod instruction_name;
pub mod knowledge;
pub mod llm;
pub mod localized;
#[cfg(test)]
mod planted_sites_tests;
pub mod playbook;
pub mod system_prompt;
pub mod template;
pub mod tone;

use async_trait::async_trait;

use crate::domain::{AgentConfig, Instructions, SiteUrl};
use crate::extract::{BusinessProfile, PageMeta};

pub use llm::{FallbackPolicy, LlmGenerator, LlmSettings};
pub use template::TemplateGenerator;

/// What the site told us about itself.
#[derive(Debug, Clone)]
pub struct SiteFacts {
    pub url: SiteUrl,
    /// The home page's own metadata.
    pub meta: PageMeta,
    /// Facts merged across every page read, each with its sources.
    pub profile: BusinessProfile,
    /// Each page's main text, in crawl order (home first); untrusted data for a model prompt.
    pub pages: Vec<PageText>,
}

/// Most characters of a page's main text any generator reads: the model prompt's share of one
/// page; the industry keywords and the site's voice read fewer, of the home page. A site's
/// pages are kept only this far for generation (a long page's text is otherwise held whole
/// until the agent is built).
pub const MAX_PAGE_TEXT_CHARS: usize = max(
    llm::prompt::MAX_CHARS_PER_PAGE,
    max(industry::PAGE_TEXT_CHARS, context::ABOUT_CHARS),
);

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// One page's main text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    pub url: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct GenerationInput {
    pub site: Option<SiteFacts>,
    pub instructions: Option<Instructions>,
}

/// Why no agent was generated. Only [`GenerateError::Unavailable`] is worth a retry of the job.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// Timeouts, throttling (429), server errors (5xx), connection failures: after our own
    /// retries, the job may be retried later.
    #[error("the language model is unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The provider refused the request (bad credentials, unknown model, a request it rejects):
    /// retrying will not help until the configuration changes.
    #[error("the language model refused the request")]
    Refused(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The answer was not a usable agent, even after a repair attempt.
    #[error("the language model's reply was unusable: {0}")]
    InvalidReply(String),
}

impl GenerateError {
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Unavailable(_))
    }
}

#[async_trait]
pub trait Generator: Send + Sync {
    async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError>;
}
