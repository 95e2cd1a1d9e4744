//! Website and/or instructions → agent configuration: crawl, extract, generate. Used by the
//! worker and by the offline `agent-builder build` command alike.

use std::sync::Arc;
use std::time::Duration;

use crate::crawl::{CrawlError, CrawlProgress, CrawledPage, Crawler, FetchReport, ProgressSink};
use crate::domain::progress::Stage;
use crate::domain::{AgentConfig, Instructions, SiteUrl};
use crate::extract::{extract_page_with_meta, merge_pages, BusinessProfile, PageFacts, PageMeta};
use crate::generate::{GenerateError, GenerationInput, Generator, PageText, SiteFacts};

#[derive(Clone)]
pub struct Pipeline {
    crawler: Arc<Crawler>,
    generator: Arc<dyn Generator>,
}

#[derive(Debug, Clone)]
pub struct BuildOutcome {
    pub agent: AgentConfig,
    /// Every page request the crawl made.
    pub pages: Vec<FetchReport>,
    pub progress: Option<CrawlProgress>,
    /// The facts the site gave, merged across its pages (none without a website).
    pub profile: Option<BusinessProfile>,
    /// What the caller should know about how the agent was built.
    pub warnings: Vec<String>,
    /// Time spent generating the agent from the facts.
    pub generation_ms: u64,
}

/// Why a build failed, in a sentence for the caller.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{0}")]
    Crawl(#[from] CrawlError),
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
    pub fn new(crawler: Arc<Crawler>, generator: Arc<dyn Generator>) -> Self {
        Self { crawler, generator }
    }

    /// Builds an agent. The crawl gets at most `crawl_budget`; when it yields nothing usable the
    /// build fails — unless there are instructions, which then carry the agent alone (with a
    /// warning saying so).
    pub async fn build(
        &self,
        website_url: Option<&SiteUrl>,
        instructions: Option<&Instructions>,
        crawl_budget: Duration,
        progress: &dyn ProgressSink,
    ) -> Result<BuildOutcome, PipelineError> {
        let mut warnings = Vec::new();
        let mut pages = Vec::new();
        let mut crawl_progress = None;
        let site = match website_url {
            None => None,
            Some(url) => match self
                .crawler
                .crawl_reading(url, crawl_budget, progress, Arc::new(read_page))
                .await
            {
                Ok(result) => {
                    pages = result.fetches;
                    crawl_progress = Some(result.progress);
                    progress
                        .report(at_stage(result.progress, Stage::Extracting))
                        .await;
                    warnings.extend(result.unrendered.iter().map(|u| u.warning()));
                    if result.robots_unavailable {
                        warnings.push(
                            "The site's robots.txt could not be read, so only its home page was used.".to_owned(),
                        );
                    }
                    let (site, planted) = site_from(url.clone(), result.pages);
                    warnings.extend(planted);
                    Some(site)
                }
                Err(err) if instructions.is_some() => {
                    warnings.push(format!(
                        "{err}. The agent was built from the instructions alone."
                    ));
                    // The domain the caller gave is still theirs to be named after.
                    Some(SiteFacts {
                        url: url.clone(),
                        meta: PageMeta::default(),
                        profile: BusinessProfile::default(),
                        pages: Vec::new(),
                    })
                }
                Err(err) => return Err(err.into()),
            },
        };
        let input = GenerationInput {
            site,
            instructions: instructions.cloned(),
        };
        progress
            .report(at_stage(
                crawl_progress.unwrap_or_default(),
                Stage::Generating,
            ))
            .await;
        let started = std::time::Instant::now();
        let agent = self.generator.generate(&input).await?;
        // What generation corrected (removed details, a fallback) is the caller's to know too.
        warnings.extend(agent.metadata.warnings.iter().cloned());
        Ok(BuildOutcome {
            agent,
            profile: input.site.map(|s| s.profile),
            pages,
            progress: crawl_progress,
            warnings,
            generation_ms: started.elapsed().as_millis() as u64,
        })
    }
}

/// One page's facts and metadata, read as the page arrives (its HTML is dropped right after);
/// `None` when extraction panicked.
fn read_page(page: CrawledPage) -> Option<(PageFacts, PageMeta)> {
    let work = || {
        #[cfg(feature = "fault-injection")]
        if std::env::var_os("AB_FAULT_PANIC_IN_EXTRACTION").is_some() {
            panic!("injected panic in extraction (AB_FAULT_PANIC_IN_EXTRACTION)");
        }
        extract_page_with_meta(&page.html, &page.url, None)
    };
    // Caught because releases unwind; see the workspace's release profile.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
}

/// The site's facts from its pages read during the crawl. A panic in extraction must not lose
/// the job: the site is then built from the domain alone.
fn site_from(url: SiteUrl, pages: Vec<Option<(PageFacts, PageMeta)>>) -> (SiteFacts, Vec<String>) {
    match pages.into_iter().collect::<Option<Vec<_>>>() {
        Some(pages) => assemble(url, pages),
        None => {
            tracing::error!("extraction panicked; building from the domain alone");
            (
                SiteFacts {
                    url,
                    meta: PageMeta::default(),
                    profile: BusinessProfile::default(),
                    pages: Vec::new(),
                },
                Vec::new(),
            )
        }
    }
}

/// The site's facts from its pages' HTML (home first), and the warnings extraction has for
/// the caller (pages that carried text aimed at AI readers).
pub fn extract_pages(url: SiteUrl, pages: &[(&url::Url, &str)]) -> (SiteFacts, Vec<String>) {
    let read = pages
        .iter()
        .map(|(page_url, html)| extract_page_with_meta(html, page_url, None))
        .collect();
    assemble(url, read)
}

/// The site's facts from each page's facts and metadata (home first).
fn assemble(url: SiteUrl, pages: Vec<(PageFacts, PageMeta)>) -> (SiteFacts, Vec<String>) {
    let mut meta = None;
    let facts: Vec<PageFacts> = pages
        .into_iter()
        .map(|(facts, page_meta)| {
            // Home first: its metadata is the site's own description of itself.
            meta.get_or_insert(page_meta);
            facts
        })
        .collect();
    let texts = facts
        .iter()
        .filter(|f| !f.main_text.is_empty())
        .map(|f| PageText {
            url: f.url.clone(),
            text: f.main_text.clone(),
        })
        .collect();
    let warnings = planted_warning(&facts).into_iter().collect();
    let site = SiteFacts {
        url,
        meta: meta.unwrap_or_default(),
        profile: merge_pages(&facts),
        pages: texts,
    };
    (site, warnings)
}

/// Most pages named in the warning about text aimed at AI readers.
const MAX_PLANTED_PAGES_NAMED: usize = 5;

/// "Text aimed at AI assistants was ignored on https://a.com/reviews and 2 more pages."
fn planted_warning(facts: &[PageFacts]) -> Option<String> {
    let pages: Vec<&str> = facts
        .iter()
        .filter(|f| f.planted_blocks > 0)
        .map(|f| f.url.as_str())
        .collect();
    if pages.is_empty() {
        return None;
    }
    let named = pages[..pages.len().min(MAX_PLANTED_PAGES_NAMED)].join(", ");
    let more = pages.len().saturating_sub(MAX_PLANTED_PAGES_NAMED);
    let tail = if more > 0 {
        format!(" and {more} more page{}", if more == 1 { "" } else { "s" })
    } else {
        String::new()
    };
    Some(format!(
        "Text aimed at AI assistants was found and ignored (nothing from it is in the agent) on {named}{tail}."
    ))
}

fn at_stage(progress: CrawlProgress, stage: Stage) -> CrawlProgress {
    CrawlProgress { stage, ..progress }
}
