//! The crawl's rendering step: each fetched page is assessed; a shell is read in a browser
//! (one page at a time, at most the job's cap, inside the crawl's time budget), and what could
//! not be rendered is remembered so the caller can say so.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::crawler::CrawledPage;
use crate::render::{assess, Need, RenderMode, RenderRequest, RenderSettings, Renderer};

/// Below this much time left, a page is not started in the browser.
const MIN_RENDER_TIME: Duration = Duration::from_secs(2);

/// A page that needed a browser and was read as served.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unrendered {
    pub url: String,
    /// Why, as the end of a sentence: "no browser is available to render it".
    pub reason: String,
}

impl Unrendered {
    /// The warning a caller sees.
    pub fn warning(&self) -> String {
        format!(
            "{} is built by JavaScript and could not be rendered: {}; it was read as served.",
            self.url, self.reason
        )
    }
}

pub struct RenderStep {
    pub renderer: Arc<dyn Renderer>,
    pub settings: RenderSettings,
}

/// One crawl's use of the renderer.
pub struct RenderRun<'a> {
    step: &'a RenderStep,
    /// Pages handed to the browser so far (successes and failures alike count to the cap).
    started: AtomicUsize,
    /// One browser at a time: the machine's cores and memory are shared with the crawl.
    one_at_a_time: tokio::sync::Semaphore,
    unrendered: Mutex<Vec<Unrendered>>,
    /// Some page was a shell (so an empty result means "unreadable", not "a short site").
    saw_shell: std::sync::atomic::AtomicBool,
    last_error: Mutex<Option<String>>,
}

impl<'a> RenderRun<'a> {
    pub fn new(step: &'a RenderStep) -> Self {
        Self {
            step,
            started: AtomicUsize::new(0),
            one_at_a_time: tokio::sync::Semaphore::new(1),
            unrendered: Mutex::new(Vec::new()),
            saw_shell: std::sync::atomic::AtomicBool::new(false),
            last_error: Mutex::new(None),
        }
    }

    /// The page to extract from, and whether the browser produced it.
    /// `parsing` is the crawler's turn to parse a page: one parsed page at a time.
    pub async fn prepare(
        &self,
        mut page: CrawledPage,
        robots_txt: Option<String>,
        remaining: Duration,
        parsing: &tokio::sync::Semaphore,
    ) -> (CrawledPage, bool) {
        let mode = self.step.settings.mode;
        let need = if mode == RenderMode::Always {
            Need::Browser { reason: "always" }
        } else {
            let _turn = parsing.acquire().await;
            let html = std::mem::take(&mut page.html);
            // Parsing a page of up to a few MiB is CPU work: off the async workers.
            match crate::page_thread::run(move || {
                let need = assess(&html);
                (need, html)
            })
            .await
            {
                Ok((need, html)) => {
                    page.html = html;
                    need
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        };
        let reason = match need {
            Need::Served => return (page, false),
            Need::FrameworkData(html) => {
                tracing::debug!(url = %page.url, "shell read from its framework data");
                page.html = html;
                return (page, false);
            }
            Need::Browser { reason } => reason,
        };
        if mode != RenderMode::Always {
            self.saw_shell.store(true, Ordering::Relaxed);
        }
        if mode == RenderMode::Never {
            self.skip(&page, "rendering is turned off".to_owned());
            return (page, false);
        }
        if self.started.fetch_add(1, Ordering::Relaxed) >= self.step.settings.max_pages {
            self.skip(
                &page,
                format!(
                    "the job's limit of {} rendered pages was reached",
                    self.step.settings.max_pages
                ),
            );
            return (page, false);
        }
        let Ok(_turn) = self.one_at_a_time.acquire().await else {
            return (page, false);
        };
        if remaining < MIN_RENDER_TIME {
            self.skip(&page, "the crawl ran out of time first".to_owned());
            return (page, false);
        }
        tracing::info!(url = %page.url, reason, "rendering in a headless browser");
        let request = RenderRequest {
            url: page.url.clone(),
            robots_txt,
            budget: remaining,
        };
        match self.step.renderer.render(request).await {
            Ok(rendered) => {
                tracing::info!(
                    url = %page.url,
                    wall_ms = rendered.wall.as_millis() as u64,
                    peak_rss_mb = rendered.peak_rss_bytes / (1024 * 1024),
                    blocked = rendered.requests_blocked,
                    "rendered"
                );
                page.html = rendered.html;
                (page, true)
            }
            Err(err) => {
                tracing::warn!(url = %page.url, error = %err, "could not render");
                self.skip(&page, err.to_string());
                (page, false)
            }
        }
    }

    fn skip(&self, page: &CrawledPage, reason: String) {
        *self.last_error.lock().expect("poisoned") = Some(reason.clone());
        self.unrendered
            .lock()
            .expect("unrendered poisoned")
            .push(Unrendered {
                url: page.url.to_string(),
                reason,
            });
    }

    pub fn unrendered(&self) -> Vec<Unrendered> {
        self.unrendered.lock().expect("unrendered poisoned").clone()
    }

    /// Why the site cannot be read at all: some page was a shell and no page, rendered or
    /// not, shows a person anything to read (`any_content` says whether one does).
    pub fn unreadable(&self, any_content: bool) -> Option<String> {
        if !self.saw_shell.load(Ordering::Relaxed) || any_content {
            return None;
        }
        let last = self.last_error.lock().expect("poisoned").clone();
        Some(match last {
            Some(why) => format!(
                "the site is built by JavaScript and could not be rendered ({why}), so it shows no content to read"
            ),
            None => "the site is built by JavaScript and showed no content to read even in a browser".to_owned(),
        })
    }
}
