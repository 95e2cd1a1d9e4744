//! Website and/or instructions → agent configuration, over the fetch and generate ports.
//! Used by the worker and by the offline `agent-builder build` command alike.

use serde::Serialize;
use std::sync::Arc;

use crate::crawl::{FetchError, Fetcher};
use crate::domain::{AgentConfig, Instructions, SiteUrl};
use crate::extract::extract_meta;
use crate::generate::{GenerateError, GenerationInput, Generator, SiteFacts};

#[derive(Clone)]
pub struct Pipeline {
    fetcher: Arc<dyn Fetcher>,
    generator: Arc<dyn Generator>,
}

/// One fetched page, as reported by `agent-builder build --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageReport {
    pub url: String,
    pub status: u16,
    pub bytes: usize,
}

#[derive(Debug, Clone)]
pub struct BuildOutcome {
    pub agent: AgentConfig,
    pub pages: Vec<PageReport>,
}

/// Why a build failed, in a sentence for the caller.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("Could not reach {url}: {reason}")]
    Unreachable { url: String, reason: FetchError },
    #[error("Could not read {url}: the site answered HTTP {status}")]
    HttpStatus { url: String, status: u16 },
    #[error("Could not read {url}: it is not an HTML page ({content_type})")]
    NotHtml { url: String, content_type: String },
    #[error("Could not generate the agent: {0}")]
    Generate(#[from] GenerateError),
}

impl PipelineError {
    /// Only our own dependencies' hiccups are worth a redelivery; a site that is down or
    /// refuses us is reported to the caller at once rather than after a long retry.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Generate(e) if e.is_retryable())
    }
}

impl Pipeline {
    pub fn new(fetcher: Arc<dyn Fetcher>, generator: Arc<dyn Generator>) -> Self {
        Self { fetcher, generator }
    }

    pub async fn build(
        &self,
        website_url: Option<&SiteUrl>,
        instructions: Option<&Instructions>,
    ) -> Result<BuildOutcome, PipelineError> {
        let mut pages = Vec::new();
        let site = match website_url {
            None => None,
            Some(url) => {
                let page = self.fetcher.fetch(url.as_url()).await.map_err(|reason| {
                    PipelineError::Unreachable {
                        url: url.to_string(),
                        reason,
                    }
                })?;
                pages.push(PageReport {
                    url: page.url.to_string(),
                    status: page.status,
                    bytes: page.bytes,
                });
                if page.status >= 400 {
                    return Err(PipelineError::HttpStatus {
                        url: url.to_string(),
                        status: page.status,
                    });
                }
                if !page.is_html() {
                    return Err(PipelineError::NotHtml {
                        url: url.to_string(),
                        content_type: page.content_type.unwrap_or_default(),
                    });
                }
                Some(SiteFacts {
                    url: url.clone(),
                    meta: extract_meta(&page.text),
                })
            }
        };
        let input = GenerationInput {
            site,
            instructions: instructions.cloned(),
        };
        let agent = self.generator.generate(&input).await?;
        Ok(BuildOutcome { agent, pages })
    }
}
