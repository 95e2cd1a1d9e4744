//! Website and/or instructions → agent configuration: crawl, extract, generate. Used by the
//! worker and by the offline `agent-builder build` command alike.

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::crawl::{
    CrawlError, CrawlProgress, CrawledPage, Crawler, FetchReport, PageReader, ProgressSink,
};
use crate::domain::progress::Stage;
use crate::domain::{AgentConfig, Instructions, SiteUrl};
use crate::extract::site_pages::{domain_decides_region, site_countries};
use crate::extract::{
    extract_parsed_in_site, merge_pages, BusinessProfile, PageFacts, PageMeta, MAX_MAIN_TEXT_WORDS,
};
use crate::generate::{
    GenerateError, GenerationInput, Generator, PageText, SiteFacts, MAX_PAGE_TEXT_CHARS,
};
use crate::html::parse_untrusted;

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
                .crawl_reading(url, crawl_budget, progress, page_reader())
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
                    let (site, planted) = site_from(url.clone(), result.pages).await;
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

/// Most bytes of (compressed) HTML a crawl keeps for reading pages again at its end.
const MAX_KEPT_FOR_REREAD: usize = 4 * 1024 * 1024;

/// A page as the crawl keeps it: its facts and metadata, read as it arrived, and its HTML
/// (gzip, within [`MAX_KEPT_FOR_REREAD`] per crawl; a page past it keeps its first reading)
/// only when the site's other pages may still change how its phone numbers read: it wrote no
/// number with a country code and its domain does not decide the region (see
/// `extract::site_pages`).
struct ReadPage {
    facts: PageFacts,
    meta: PageMeta,
    kept: Option<(url::Url, Vec<u8>)>,
}

/// Reads each page as it arrives (its HTML is dropped right after, unless kept as above);
/// `None` for a page whose extraction panicked.
fn page_reader() -> PageReader<Option<ReadPage>> {
    let kept_bytes = Arc::new(AtomicUsize::new(0));
    Arc::new(move |page: CrawledPage| read_page(page, &kept_bytes))
}

fn read_page(page: CrawledPage, kept_bytes: &AtomicUsize) -> Option<ReadPage> {
    let work = || {
        #[cfg(feature = "fault-injection")]
        if std::env::var_os("AB_FAULT_PANIC_IN_EXTRACTION").is_some() {
            panic!("injected panic in extraction (AB_FAULT_PANIC_IN_EXTRACTION)");
        }
        let CrawledPage { url, html, .. } = page;
        let doc = parse_untrusted(&html);
        // The parsed tree holds its own copy of the text, so the HTML goes before the
        // extractors run (a 2 MiB page is not held twice); a second reading, when the page may
        // need one, gets a compressed copy.
        let gz = (!domain_decides_region(&url))
            .then(|| gzip(html.as_bytes()))
            .flatten();
        drop(html);
        let (facts, meta) = extract_parsed_in_site(doc, &url, None, &[]);
        // The rule `extract::site_pages` applies to pages read together; a page may write its
        // numbers in a form no region guess finds, so "found no number" is no reason to skip it.
        let kept = gz
            .filter(|_| facts.phone_countries.is_empty())
            .filter(|gz| {
                let before = kept_bytes.fetch_add(gz.len(), Ordering::Relaxed);
                before + gz.len() <= MAX_KEPT_FOR_REREAD
            })
            .map(|gz| (url, gz));
        ReadPage { facts, meta, kept }
    };
    // Caught because releases unwind; see the workspace's release profile.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

fn gunzip(bytes: &[u8]) -> Option<String> {
    let mut html = String::new();
    GzDecoder::new(bytes).read_to_string(&mut html).ok()?;
    Some(html)
}

/// The site's facts from its pages read during the crawl: the kept pages are read again with
/// the countries the site's other pages write numbers in (as `extract::site_pages` does for
/// pages read together). On the page thread: it may parse pages. A panic in extraction must
/// not lose the job: the site is then built from the domain alone.
async fn site_from(url: SiteUrl, pages: Vec<Option<ReadPage>>) -> (SiteFacts, Vec<String>) {
    let blocking_url = url.clone();
    let work = move || {
        let pages = pages.into_iter().collect::<Option<Vec<_>>>()?;
        let countries = site_countries(pages.iter().flat_map(|p| p.facts.phone_countries.iter()));
        let reread = |page: ReadPage| match (&page.kept, countries.is_empty()) {
            (Some((page_url, gz)), false) => {
                let doc = parse_untrusted(&gunzip(gz)?);
                Some(extract_parsed_in_site(doc, page_url, None, &countries))
            }
            _ => Some((page.facts, page.meta)),
        };
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pages.into_iter().map(reread).collect::<Option<Vec<_>>>()
        }))
        .ok()??;
        Some(assemble(blocking_url, read))
    };
    match crate::page_thread::run(work).await {
        Ok(Some(done)) => done,
        _ => {
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
    assemble(url, crate::extract::site_pages::extract_site_pages(pages))
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
            text: f.main_text.chars().take(MAX_PAGE_TEXT_CHARS).collect(),
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

// What generation reads of a page lies inside what a page's facts keep of its main text:
// that many words span at least twice as many characters, less one.
const _: () = assert!(MAX_PAGE_TEXT_CHARS < 2 * MAX_MAIN_TEXT_WORDS - 1);

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NetworkPolicy;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    /// The worker reads pages as they arrive and keeps only their facts; on the region fixture
    /// sites (numbers placed only by the site's other pages) it must find exactly the numbers
    /// that reading the pages together finds.
    #[tokio::test]
    async fn pages_read_as_they_arrive_give_the_numbers_pages_read_together_give() {
        let dir =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sites/region");
        let sites: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(dir.join("sites.json")).unwrap())
                .unwrap();
        assert!(sites.len() >= 5);
        let mut reread_sites = 0;
        for (name, site) in &sites {
            let base = url::Url::parse(site["url"].as_str().unwrap()).unwrap();
            let mut paths: Vec<(&String, &serde_json::Value)> =
                site["pages"].as_object().unwrap().iter().collect();
            paths.sort_by_key(|(p, _)| (p.as_str() != "/", p.as_str().to_owned()));
            let pages: Vec<(url::Url, String)> = paths
                .into_iter()
                .map(|(path, file)| {
                    let html = std::fs::read_to_string(dir.join(name).join(file.as_str().unwrap()))
                        .unwrap();
                    (base.join(path).unwrap(), html)
                })
                .collect();
            let site_url = SiteUrl::parse(base.as_str(), NetworkPolicy::default()).unwrap();
            let refs: Vec<(&url::Url, &str)> = pages.iter().map(|(u, h)| (u, h.as_str())).collect();
            let (together, _) = extract_pages(site_url.clone(), &refs);

            let reader = page_reader();
            let read: Vec<Option<ReadPage>> = pages
                .iter()
                .map(|(url, html)| {
                    reader(CrawledPage {
                        url: url.clone(),
                        status: 200,
                        bytes: html.len(),
                        truncated: false,
                        html: html.clone(),
                    })
                })
                .collect();
            if read.iter().flatten().any(|p| p.kept.is_some()) {
                reread_sites += 1;
            }
            let (streamed, _) = site_from(site_url, read).await;
            let e164 = |facts: &SiteFacts| {
                let mut phones: Vec<String> = facts
                    .profile
                    .phones
                    .iter()
                    .map(|p| p.e164.clone())
                    .collect();
                phones.sort();
                phones
            };
            assert_eq!(e164(&streamed), e164(&together), "{name}");
        }
        // Some fixture needs the second reading, so the kept pages are exercised.
        assert!(reread_sites > 0);
    }
}
