//! Agent generation behind one port. The embedded template generator is the default and needs
//! no network; language-model providers plug in behind the same trait.

pub mod naming;
pub mod template;
pub mod tone;

use async_trait::async_trait;

use crate::domain::{AgentConfig, Instructions, SiteUrl};
use crate::extract::{BusinessProfile, PageMeta};

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

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("the language model is unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
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
