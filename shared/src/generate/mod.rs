//! Agent generation behind one port. The embedded template generator is the default and needs
//! no network; language-model providers plug in behind the same trait.

pub mod naming;
pub mod template;
pub mod tone;

use async_trait::async_trait;

use crate::domain::{AgentConfig, Instructions, SiteUrl};
use crate::extract::PageMeta;

pub use template::TemplateGenerator;

/// What the site told us about itself.
#[derive(Debug, Clone)]
pub struct SiteFacts {
    pub url: SiteUrl,
    pub meta: PageMeta,
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
