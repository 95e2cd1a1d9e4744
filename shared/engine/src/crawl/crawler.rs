//! The crawl: robots.txt → home page → sitemaps, home-page links and common paths → the
//! highest-ranked pages, fetched concurrently, politely and inside a time budget.

use futures::StreamExt;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;
use url::Url;

use super::canonical::{canonicalize, resolve_link, same_site};
use super::fetch::{FetchError, FetchedPage, Fetcher};
use super::links::{canonical_url, same_site_links};
use super::page_bytes::{HeldBytes, PageBytes};
use super::progress::{CrawlProgress, ProgressSink};
use super::rank::{score, COMMON_PATHS};
use super::rendering::{RenderStep, Unrendered};
use super::robots::{RobotsRules, MAX_ROBOTS_BYTES};
use super::sitemap::{parse_sitemap, SitemapLimits};
use crate::domain::progress::Stage;
use crate::domain::SiteUrl;
use crate::render::{has_content, RenderSettings, Renderer};

#[derive(Debug, Clone)]
pub struct CrawlSettings {
    /// Most HTML pages used, the home page included.
    pub max_pages: usize,
    /// Requests in flight at once (all to one site).
    pub concurrency: usize,
    /// The whole crawl's time budget; pages not started in time are skipped.
    pub budget: Duration,
    /// Sitemap documents read at most (indexes included), and how deep indexes nest.
    pub max_sitemap_files: usize,
    pub max_sitemap_depth: usize,
    pub sitemap_limits: SitemapLimits,
    /// Most bytes read of one sitemap document as served (it may be gzip).
    pub max_sitemap_bytes: usize,
    /// Below this many candidates from sitemaps and links, common paths are tried too.
    pub few_candidates: usize,
    /// Longest `Retry-After` waited for (once) on a 429 or 503.
    pub max_retry_after: Duration,
    /// Most bytes of page bodies held at once across the crawler's crawls, being read or
    /// waiting to be parsed ([`PageBytes`]): a page parsed while the next one is read.
    pub max_page_bytes_held: usize,
}

impl Default for CrawlSettings {
    fn default() -> Self {
        Self {
            max_pages: 25,
            concurrency: 6,
            budget: Duration::from_secs(60),
            max_sitemap_files: 8,
            max_sitemap_depth: 2,
            sitemap_limits: SitemapLimits::default(),
            max_sitemap_bytes: 10 * 1024 * 1024,
            few_candidates: 8,
            max_retry_after: Duration::from_secs(10),
            // Two pages at the fetcher's 2 MiB cap.
            max_page_bytes_held: 4 * 1024 * 1024,
        }
    }
}

/// One HTML page the crawl kept.
#[derive(Debug, Clone)]
pub struct CrawledPage {
    pub url: Url,
    pub status: u16,
    pub bytes: usize,
    pub truncated: bool,
    pub html: String,
}

/// One page request and how it ended (for `agent-builder build --json`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FetchReport {
    pub url: String,
    /// HTTP status; 0 when no response came.
    pub status: u16,
    pub bytes: usize,
}

/// What a crawl keeps of each page: the crawl hands every page to its reader as soon as the page
/// is fetched (and rendered) and keeps only what the reader returns, so a crawl's memory follows
/// its largest page rather than the sum of its pages. Runs off the async workers, one page at a
/// time per [`Crawler`].
pub type PageReader<T> = Arc<dyn Fn(CrawledPage) -> T + Send + Sync>;

#[derive(Debug, Clone)]
pub struct CrawlResult<P = CrawledPage> {
    /// What the reader kept of each HTML page, home first, then by rank.
    pub pages: Vec<P>,
    pub fetches: Vec<FetchReport>,
    pub progress: CrawlProgress,
    /// robots.txt could not be read (5xx or unreachable): only the home page was fetched.
    pub robots_unavailable: bool,
    /// Pages that needed a browser and were read as served instead, with why.
    pub unrendered: Vec<Unrendered>,
}

/// Nothing usable came of the crawl; each says which.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CrawlError {
    #[error("Could not reach {url}: {reason}")]
    Unreachable { url: String, reason: FetchError },
    #[error("Could not read {url}: the site answered HTTP {status}")]
    HttpStatus { url: String, status: u16 },
    #[error("Could not read {url}: it is not an HTML page ({content_type})")]
    NotHtml { url: String, content_type: String },
    #[error(
        "The site's robots.txt does not allow AgentBuilderBot to read {url} or any other page"
    )]
    Disallowed { url: String },
    #[error("Could not read {url}: {reason}")]
    Unreadable { url: String, reason: String },
}

pub struct Crawler {
    fetcher: Arc<dyn Fetcher>,
    settings: CrawlSettings,
    render: Option<RenderStep>,
    /// One page parsed at a time across every crawl of this crawler (a worker's jobs share it):
    /// assessing and reading a page is CPU work over up to a few MiB, and each holds a parsed
    /// page, so a crawl's memory follows its largest page.
    reading: Arc<tokio::sync::Semaphore>,
    /// The page bytes its crawls hold at once, shared like `reading`: pages fetched ahead of
    /// the parser wait as bytes, not as whole pages per fetch slot.
    page_bytes: Arc<PageBytes>,
}

/// Spaces request starts by the site's Crawl-delay.
struct Pacer {
    interval: Duration,
    next: Mutex<Instant>,
}

impl Pacer {
    /// Waits for this request's slot; false when the slot lies past the deadline.
    async fn wait(&self, deadline: Instant) -> bool {
        let slot = {
            let mut next = self.next.lock().expect("pacer poisoned");
            let slot = (*next).max(Instant::now());
            if slot >= deadline {
                return false;
            }
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
        true
    }
}

/// Shared state of one crawl.
struct Run<'a> {
    crawler: &'a Crawler,
    deadline: Instant,
    pacer: Pacer,
    progress: Mutex<CrawlProgress>,
    fetches: Mutex<Vec<FetchReport>>,
    sink: &'a dyn ProgressSink,
    /// robots.txt as served, for the browser's own navigations.
    robots_txt: Option<String>,
    render: Option<super::rendering::RenderRun<'a>>,
}

type PageFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = (usize, PageOutcome<T>)> + Send + 'a>>;

enum PageOutcome<T> {
    Html(ReadPage<T>),
    Skipped,
}

/// A page once read: what the crawl itself still needs of it, and what the reader kept.
struct ReadPage<T> {
    url: Url,
    /// Its `rel=canonical`, when it declares one.
    declared: Option<Url>,
    /// It shows a person something to read (only checked when a renderer is set).
    has_content: bool,
    read: T,
}

impl Crawler {
    pub fn new(fetcher: Arc<dyn Fetcher>, settings: CrawlSettings) -> Self {
        let page_bytes = PageBytes::new(settings.max_page_bytes_held);
        Self {
            fetcher,
            settings,
            render: None,
            reading: Arc::new(tokio::sync::Semaphore::new(1)),
            page_bytes,
        }
    }

    /// Pages whose served HTML is a script's shell are read with `renderer` (per `settings`).
    pub fn with_renderer(mut self, renderer: Arc<dyn Renderer>, settings: RenderSettings) -> Self {
        self.render = Some(RenderStep { renderer, settings });
        self
    }

    pub fn settings(&self) -> &CrawlSettings {
        &self.settings
    }

    /// Page bytes its crawls hold now (zero between crawls).
    pub fn page_bytes_held(&self) -> usize {
        self.page_bytes.held()
    }

    /// Crawls with a budget no longer than `budget` (the caller's remaining time).
    pub async fn crawl_within(
        &self,
        start: &SiteUrl,
        budget: Duration,
        sink: &dyn ProgressSink,
    ) -> Result<CrawlResult, CrawlError> {
        self.crawl_reading(start, budget, sink, Arc::new(|page| page))
            .await
    }

    /// Crawls like [`Crawler::crawl_within`], keeping of each page only what `reader` returns.
    pub async fn crawl_reading<T: Send + 'static>(
        &self,
        start: &SiteUrl,
        budget: Duration,
        sink: &dyn ProgressSink,
        reader: PageReader<T>,
    ) -> Result<CrawlResult<T>, CrawlError> {
        let deadline = Instant::now() + budget.min(self.settings.budget);
        let start = canonicalize(start.as_url()).unwrap_or_else(|| start.as_url().clone());
        let run = Run {
            crawler: self,
            deadline,
            pacer: Pacer {
                interval: Duration::ZERO,
                next: Mutex::new(Instant::now()),
            },
            progress: Mutex::new(CrawlProgress {
                stage: Stage::Discovering,
                ..CrawlProgress::default()
            }),
            fetches: Mutex::new(Vec::new()),
            sink,
            robots_txt: None,
            render: self.render.as_ref().map(super::rendering::RenderRun::new),
        };
        run.report().await;
        let (robots, robots_unavailable, robots_txt) = run.robots(&start).await;
        // The Crawl-delay counts from the robots.txt request itself.
        let interval = robots.crawl_delay().unwrap_or(Duration::ZERO);
        let run = Run {
            pacer: Pacer {
                interval,
                next: Mutex::new(Instant::now() + interval),
            },
            robots_txt,
            ..run
        };

        let home = match run.home(&start, &robots).await? {
            Some((page, held)) => Some((run.prepare(page).await, held)),
            None => None,
        };
        let root = home
            .as_ref()
            .and_then(|(page, _)| canonicalize(&page.url))
            .unwrap_or_else(|| start.clone());
        let home_count = usize::from(home.is_some());
        let candidates = if robots_unavailable {
            Vec::new()
        } else {
            run.discover(&start, &root, &robots, home.as_ref().map(|(page, _)| page))
                .await
        };
        // The home page's HTML is needed no longer: it is read while the other pages are fetched.
        let home = async {
            match home {
                // Its bytes are given back once it has been read.
                Some((page, _held)) => Some(run.read(page, &reader).await),
                None => None,
            }
        };
        let mut pages: Vec<ReadPage<T>> = Vec::new();

        if robots_unavailable {
            pages.extend(home.await);
        } else {
            let remaining_slots = self.settings.max_pages.saturating_sub(home_count);
            let (chosen, over_budget) = candidates.split_at(remaining_slots.min(candidates.len()));
            run.count(|p| {
                p.pages_skipped.budget += over_budget.len() as u32;
                p.stage = Stage::Fetching;
            });
            run.report().await;
            let (home, fetched) = futures::join!(home, run.fetch_pages(chosen, &reader));
            pages.extend(home);
            let mut seen: HashSet<Url> =
                pages.iter().filter_map(|p| canonicalize(&p.url)).collect();
            for page in fetched {
                // A link that redirected off the site (a booking service, a social profile)
                // does not describe this business in its own words.
                if !same_site(&page.url, &root) {
                    run.count(|p| {
                        p.pages_fetched = p.pages_fetched.saturating_sub(1);
                        p.pages_skipped.error += 1;
                    });
                    continue;
                }
                // Redirects and rel=canonical can make two URLs one page: keep the first.
                let key = canonicalize(&page.url).unwrap_or_else(|| page.url.clone());
                let declared = page.declared.clone().filter(|c| same_site(c, &root));
                if seen.contains(&key)
                    || declared
                        .as_ref()
                        .is_some_and(|c| c != &key && seen.contains(c))
                {
                    continue;
                }
                seen.insert(key);
                pages.push(page);
            }
        }
        if pages.is_empty() {
            return Err(CrawlError::Disallowed {
                url: start.to_string(),
            });
        }
        run.count(|p| p.pages_fetched = pages.len() as u32);
        run.report().await;
        let progress = *run.progress.lock().expect("progress poisoned");
        let unrendered = run
            .render
            .as_ref()
            .map(|r| r.unrendered())
            .unwrap_or_default();
        if let Some(render) = &run.render {
            if let Some(reason) = render.unreadable(pages.iter().any(|p| p.has_content)) {
                return Err(CrawlError::Unreadable {
                    url: start.to_string(),
                    reason,
                });
            }
        }
        let fetches = run.fetches.into_inner().expect("fetches poisoned");
        Ok(CrawlResult {
            pages: pages.into_iter().map(|p| p.read).collect(),
            fetches,
            progress,
            robots_unavailable,
            unrendered,
        })
    }
}

impl Run<'_> {
    /// The page as extraction should read it: as served, with its framework data as text, or
    /// rendered in a browser (when a renderer is set and the page needs one).
    async fn prepare(&self, page: CrawledPage) -> CrawledPage {
        let Some(render) = &self.render else {
            return page;
        };
        let robots_txt = self.robots_txt.clone();
        let (page, rendered) = render
            .prepare(page, robots_txt, self.remaining(), &self.crawler.reading)
            .await;
        if rendered {
            self.count(|p| p.pages_rendered += 1);
        }
        page
    }

    /// Hands the page to the reader (on the page thread, one page at a time per crawler) and
    /// keeps what the crawl itself still needs of it; its HTML is dropped there.
    async fn read<T: Send + 'static>(
        &self,
        page: CrawledPage,
        reader: &PageReader<T>,
    ) -> ReadPage<T> {
        let check_content = self.render.is_some();
        let reader = reader.clone();
        let work = move || {
            let declared = canonical_url(&page.html, &page.url);
            let has_content = check_content && has_content(&page.html);
            let url = page.url.clone();
            ReadPage {
                url,
                declared,
                has_content,
                read: reader(page),
            }
        };
        let _turn = self.crawler.reading.acquire().await;
        match crate::page_thread::run(work).await {
            Ok(read) => read,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    fn count(&self, update: impl FnOnce(&mut CrawlProgress)) {
        update(&mut self.progress.lock().expect("progress poisoned"));
    }

    async fn report(&self) {
        let snapshot = *self.progress.lock().expect("progress poisoned");
        self.sink.report(snapshot).await;
    }

    fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// One page request inside the budget, paced, with one retry on 429/503 + Retry-After;
    /// its body counts against the crawler's page bytes until the [`HeldBytes`] is dropped.
    async fn fetch(&self, url: &Url) -> Option<Result<(FetchedPage, HeldBytes), FetchError>> {
        self.paced(|| {
            self.crawler
                .fetcher
                .fetch_held(url, &self.crawler.page_bytes)
        })
        .await
    }

    /// A request for a document the crawl reads at once (robots.txt, a sitemap).
    async fn fetch_capped(
        &self,
        url: &Url,
        max_bytes: Option<usize>,
    ) -> Option<Result<FetchedPage, FetchError>> {
        self.paced(|| self.crawler.fetcher.fetch_capped(url, max_bytes))
            .await
    }

    async fn paced<R: AsFetched, F: std::future::Future<Output = Result<R, FetchError>>>(
        &self,
        request: impl Fn() -> F,
    ) -> Option<Result<R, FetchError>> {
        let mut retried = false;
        loop {
            if !self.pacer.wait(self.deadline).await {
                return None;
            }
            let result = match tokio::time::timeout(self.remaining(), request()).await {
                Ok(result) => result,
                Err(_) => return None,
            };
            if let Ok(page) = result.as_ref().map(AsFetched::fetched) {
                if matches!(page.status, 429 | 503) && !retried {
                    if let Some(wait) = page.retry_after {
                        if wait <= self.crawler.settings.max_retry_after && wait < self.remaining()
                        {
                            tokio::time::sleep(wait).await;
                            retried = true;
                            continue;
                        }
                    }
                }
            }
            return Some(result);
        }
    }

    /// robots.txt: 2xx → its rules; 4xx → allow all; 5xx or unreachable → careful (home only).
    /// The text comes back too, for the browser's navigations.
    async fn robots(&self, start: &Url) -> (RobotsRules, bool, Option<String>) {
        let Ok(robots_url) = start.join("/robots.txt") else {
            return (RobotsRules::allow_all(), true, None);
        };
        match self.fetch_capped(&robots_url, Some(MAX_ROBOTS_BYTES)).await {
            Some(Ok(page)) if (200..300).contains(&page.status) => {
                let body = if page.body.is_empty() {
                    page.text.into_bytes()
                } else {
                    page.body
                };
                let text = String::from_utf8_lossy(&body).into_owned();
                (RobotsRules::parse(&text, &page.url), false, Some(text))
            }
            Some(Ok(page)) if (400..500).contains(&page.status) => {
                (RobotsRules::allow_all(), false, None)
            }
            other => {
                let reason = match other {
                    Some(Ok(page)) => format!("HTTP {}", page.status),
                    Some(Err(e)) => e.to_string(),
                    None => "out of time".to_owned(),
                };
                tracing::info!(%reason, "robots.txt unavailable; reading the home page only");
                (RobotsRules::allow_all(), true, None)
            }
        }
    }

    /// The home page: it must be readable for the crawl to be worth anything, unless robots.txt
    /// keeps us off it (then other allowed pages may still serve).
    async fn home(
        &self,
        start: &Url,
        robots: &RobotsRules,
    ) -> Result<Option<(CrawledPage, HeldBytes)>, CrawlError> {
        self.count(|p| p.pages_discovered += 1);
        if !robots.is_allowed(start) {
            self.count(|p| p.pages_skipped.robots += 1);
            return Ok(None);
        }
        let url = start.to_string();
        let (page, held) = match self.fetch(start).await {
            None => {
                return Err(CrawlError::Unreachable {
                    url,
                    reason: FetchError::Timeout,
                })
            }
            Some(Err(reason)) => {
                self.record(start.as_str(), 0, 0);
                return Err(CrawlError::Unreachable { url, reason });
            }
            Some(Ok(page)) => page,
        };
        self.record(page.url.as_str(), page.status, page.bytes);
        if page.status >= 400 {
            return Err(CrawlError::HttpStatus {
                url,
                status: page.status,
            });
        }
        self.count(|p| p.pages_fetched += 1);
        if !page.is_html() {
            return Err(CrawlError::NotHtml {
                url,
                content_type: page.content_type.unwrap_or_default(),
            });
        }
        Ok(Some((
            CrawledPage {
                url: page.url,
                status: page.status,
                bytes: page.bytes,
                truncated: page.truncated,
                html: page.text,
            },
            held,
        )))
    }

    fn record(&self, url: &str, status: u16, bytes: usize) {
        self.fetches
            .lock()
            .expect("fetches poisoned")
            .push(FetchReport {
                url: url.to_owned(),
                status,
                bytes,
            });
    }

    /// Candidate pages, best first: sitemap entries, home-page links, and common paths when
    /// those were few. Excludes the home page, other sites, robots-disallowed and never-fetch URLs.
    async fn discover(
        &self,
        start: &Url,
        root: &Url,
        robots: &RobotsRules,
        home: Option<&CrawledPage>,
    ) -> Vec<Url> {
        let mut found: Vec<(Url, f32)> = self.sitemap_entries(start, root, robots).await;
        if let Some(home) = home {
            found.extend(
                same_site_links(&home.html, &home.url, root)
                    .into_iter()
                    .map(|u| (u, 0.5)),
            );
        }
        let mut seen: HashSet<Url> = [start.clone(), root.clone()].into_iter().collect();
        let mut candidates: Vec<(Url, i32, usize)> = Vec::new();
        let mut consider = |url: Url, priority: f32, candidates: &mut Vec<(Url, i32, usize)>| {
            // One key per page whether it came from a sitemap (host as written) or a link
            // (host spelled as the root's): `www.` and bare host are the same site.
            let Some(url) = resolve_link(url.as_str(), root, root) else {
                return;
            };
            if !seen.insert(url.clone()) {
                return;
            }
            self.count(|p| p.pages_discovered += 1);
            if !robots.is_allowed(&url) {
                self.count(|p| p.pages_skipped.robots += 1);
                return;
            }
            if let Some(rank) = score(&url, root) {
                // Sitemap priority nudges ties; the path decides.
                let order = candidates.len();
                candidates.push((url, rank * 10 + (priority * 5.0) as i32, order));
            }
        };
        for (url, priority) in found {
            consider(url, priority, &mut candidates);
        }
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        // Guessed paths only fill the slots the site's own pages leave: a real page outranks a guess.
        if candidates.len() < self.crawler.settings.few_candidates {
            let mut guesses = Vec::new();
            for path in COMMON_PATHS {
                if let Ok(url) = root.join(path) {
                    consider(url, 0.0, &mut guesses);
                }
            }
            guesses.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
            candidates.extend(guesses);
        }
        candidates.into_iter().map(|(url, _, _)| url).collect()
    }

    /// Page URLs from the sitemaps robots.txt names, else from well-known locations; indexes
    /// are followed breadth-first within the depth, file-count and loop limits.
    async fn sitemap_entries(
        &self,
        start: &Url,
        root: &Url,
        robots: &RobotsRules,
    ) -> Vec<(Url, f32)> {
        let settings = &self.crawler.settings;
        let named: Vec<Url> = robots.sitemaps().to_vec();
        let probing = named.is_empty();
        let mut queue: std::collections::VecDeque<(Url, usize)> = if probing {
            WELL_KNOWN_SITEMAPS
                .iter()
                .filter_map(|p| start.join(p).ok())
                .map(|u| (u, 0))
                .collect()
        } else {
            named.into_iter().map(|u| (u, 0)).collect()
        };
        let mut seen: HashSet<Url> = HashSet::new();
        let mut entries = Vec::new();
        let mut files = 0;
        while let Some((url, depth)) = queue.pop_front() {
            if files >= settings.max_sitemap_files || !seen.insert(url.clone()) {
                continue;
            }
            if !robots.is_allowed(&url) && probing {
                continue;
            }
            files += 1;
            let Some(Ok(page)) = self
                .fetch_capped(&url, Some(settings.max_sitemap_bytes))
                .await
            else {
                continue;
            };
            if !(200..300).contains(&page.status) {
                continue;
            }
            let body = if page.body.is_empty() {
                page.text.into_bytes()
            } else {
                page.body
            };
            let parsed = parse_sitemap(&body, &page.url, settings.sitemap_limits);
            if !parsed.pages.is_empty() || !parsed.sitemaps.is_empty() {
                // The first well-known location that answers is the site's sitemap.
                if probing {
                    queue.retain(|(_, d)| *d > 0);
                }
            }
            for child in parsed.sitemaps {
                if depth < settings.max_sitemap_depth && (same_site(&child, root) || !probing) {
                    queue.push_back((child, depth + 1));
                }
            }
            entries.extend(
                parsed
                    .pages
                    .into_iter()
                    .map(|e| (e.url, e.priority.unwrap_or(0.5))),
            );
        }
        entries
    }

    /// Fetches `urls` (best first) concurrently and keeps the HTML pages, in that order.
    async fn fetch_pages<T: Send + 'static>(
        &self,
        urls: &[Url],
        reader: &PageReader<T>,
    ) -> Vec<ReadPage<T>> {
        let concurrency = self.crawler.settings.concurrency.max(1);
        // Boxed so the stream's future type is nameable and provably Send (a plain async closure
        // over borrowed URLs trips rustc's higher-ranked lifetime inference).
        let jobs: Vec<PageFuture<'_, T>> = urls
            .iter()
            .enumerate()
            .map(|(index, url)| -> PageFuture<'_, T> {
                Box::pin(async move { (index, self.fetch_page(url, reader).await) })
            })
            .collect();
        let mut done: Vec<(usize, PageOutcome<T>)> = futures::stream::iter(jobs)
            .buffer_unordered(concurrency)
            .collect()
            .await;
        done.sort_by_key(|(index, _)| *index);
        done.into_iter()
            .filter_map(|(_, outcome)| match outcome {
                PageOutcome::Html(page) => Some(page),
                PageOutcome::Skipped => None,
            })
            .collect()
    }

    async fn fetch_page<T: Send + 'static>(
        &self,
        url: &Url,
        reader: &PageReader<T>,
    ) -> PageOutcome<T> {
        let outcome = match self.fetch(url).await {
            None => {
                self.count(|p| p.pages_skipped.budget += 1);
                return PageOutcome::Skipped;
            }
            Some(Err(_)) => {
                self.record(url.as_str(), 0, 0);
                self.count(|p| p.pages_skipped.error += 1);
                PageOutcome::Skipped
            }
            Some(Ok((page, held))) => {
                self.record(page.url.as_str(), page.status, page.bytes);
                if page.status >= 400 {
                    self.count(|p| p.pages_skipped.error += 1);
                    PageOutcome::Skipped
                } else if !page.is_html() {
                    self.count(|p| p.pages_skipped.non_html += 1);
                    PageOutcome::Skipped
                } else {
                    self.count(|p| p.pages_fetched += 1);
                    let page = self
                        .prepare(CrawledPage {
                            url: page.url,
                            status: page.status,
                            bytes: page.bytes,
                            truncated: page.truncated,
                            html: page.text,
                        })
                        .await;
                    let read = self.read(page, reader).await;
                    // Its HTML is gone: the bytes go back for the pages still to be read.
                    drop(held);
                    PageOutcome::Html(read)
                }
            }
        };
        let fetched = self
            .progress
            .lock()
            .expect("progress poisoned")
            .pages_fetched;
        if fetched > 0 && fetched % 5 == 0 {
            self.report().await;
        }
        outcome
    }
}

/// What a request gives back: the page, alone or with the bytes it holds.
trait AsFetched {
    fn fetched(&self) -> &FetchedPage;
}

impl AsFetched for FetchedPage {
    fn fetched(&self) -> &FetchedPage {
        self
    }
}

impl AsFetched for (FetchedPage, HeldBytes) {
    fn fetched(&self) -> &FetchedPage {
        &self.0
    }
}

/// Where sites keep sitemaps when robots.txt names none, most common first.
const WELL_KNOWN_SITEMAPS: &[&str] = &[
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/wp-sitemap.xml",
    "/sitemap-index.xml",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::NoProgress;
    use crate::domain::NetworkPolicy;
    use async_trait::async_trait;
    use std::collections::HashMap;

    /// A site held in memory: URL → (status, content type, body); the requests are logged.
    struct MemorySite {
        pages: HashMap<String, (u16, &'static str, String)>,
        log: Mutex<Vec<String>>,
    }

    #[async_trait]
    impl Fetcher for MemorySite {
        async fn fetch_capped(
            &self,
            url: &Url,
            _: Option<usize>,
        ) -> Result<FetchedPage, FetchError> {
            self.log.lock().unwrap().push(url.to_string());
            let (status, ctype, body) =
                self.pages
                    .get(url.as_str())
                    .cloned()
                    .unwrap_or((404, "text/html", String::new()));
            let html = ctype == "text/html";
            Ok(FetchedPage {
                url: url.clone(),
                status,
                content_type: Some(ctype.to_owned()),
                text: if html { body.clone() } else { String::new() },
                body: if html {
                    Vec::new()
                } else {
                    body.clone().into_bytes()
                },
                bytes: body.len(),
                truncated: false,
                retry_after: None,
            })
        }
    }

    #[tokio::test]
    async fn www_and_bare_host_are_one_site_and_no_page_is_fetched_twice() {
        let site = Arc::new(MemorySite {
            pages: HashMap::from([
                (
                    "https://www.example.com/robots.txt".to_owned(),
                    (200, "text/plain", "Sitemap: https://example.com/sitemap.xml".to_owned()),
                ),
                (
                    "https://example.com/sitemap.xml".to_owned(),
                    (
                        200,
                        "application/xml",
                        "<urlset><url><loc>https://example.com/about</loc></url><url><loc>https://www.example.com/contact?utm_source=x</loc></url></urlset>".to_owned(),
                    ),
                ),
                (
                    "https://www.example.com/".to_owned(),
                    (200, "text/html", r#"<a href="/about">About</a><a href="https://example.com/contact">Contact</a>"#.to_owned()),
                ),
                ("https://www.example.com/about".to_owned(), (200, "text/html", "<p>about</p>".to_owned())),
                ("https://www.example.com/contact".to_owned(), (200, "text/html", "<p>contact</p>".to_owned())),
            ]),
            log: Mutex::new(Vec::new()),
        });
        let crawler = Crawler::new(site.clone(), CrawlSettings::default());
        let start = SiteUrl::parse("https://www.example.com", NetworkPolicy::Public).unwrap();
        let result = crawler
            .crawl_within(&start, Duration::from_secs(10), &NoProgress)
            .await
            .unwrap();
        let pages: Vec<&str> = result.pages.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(
            pages,
            // Home first, then by rank: contact pages outrank about pages.
            [
                "https://www.example.com/",
                "https://www.example.com/contact",
                "https://www.example.com/about"
            ]
        );
        let log = site.log.lock().unwrap();
        for page in [
            "https://www.example.com/about",
            "https://www.example.com/contact",
        ] {
            assert_eq!(
                log.iter().filter(|u| *u == page).count(),
                1,
                "{page} once: {log:?}"
            );
        }
        assert!(
            !log.iter()
                .any(|u| u.starts_with("https://example.com/about")),
            "{log:?}"
        );
    }
}
