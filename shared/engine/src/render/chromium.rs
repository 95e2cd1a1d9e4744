//! Rendering one page in a fresh headless Chromium: a new browser per page (no state carried
//! from one site's page to the next, and a hang or crash costs only that page), the guard proxy
//! in front of it, virtual time so timers run out quickly and a spinner cannot hold the page
//! open, and a wall-clock limit behind all of it.

use async_trait::async_trait;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

use super::browser::{find_browser, Browser, LaunchOptions};
use super::proxy::GuardProxy;
use super::{RenderError, RenderRequest, RenderedPage, Renderer};
use crate::crawl::canonical::same_site;
use crate::crawl::robots::RobotsRules;
use crate::domain::{NetworkPolicy, SiteUrl};
use crate::html::truncate_at_char;

#[derive(Debug, Clone)]
pub struct ChromiumSettings {
    /// The browser binary; `None` looks for one on `PATH` and in the usual places.
    pub executable: Option<PathBuf>,
    /// Virtual time a page's scripts get after it starts loading (timers run ahead of the clock).
    pub virtual_time: Duration,
    /// Wall-clock limit for one page, browser start included.
    pub page_timeout: Duration,
    /// Resident memory the browser's processes may use together.
    pub max_rss_bytes: u64,
    pub user_agent: String,
    /// Largest DOM taken back, in bytes.
    pub max_html_bytes: usize,
    /// Timeout of one request made through the guard proxy.
    pub request_timeout: Duration,
    /// With no browser found, install Debian's `chromium-headless-shell` the first time a page
    /// needs one (local runs as root; never on Lambda).
    pub install_if_missing: bool,
}

impl Default for ChromiumSettings {
    fn default() -> Self {
        Self {
            executable: None,
            virtual_time: Duration::from_secs(5),
            page_timeout: Duration::from_secs(15),
            max_rss_bytes: 768 * 1024 * 1024,
            user_agent: crate::crawl::FetchSettings::default().user_agent,
            max_html_bytes: crate::html::MAX_HTML_BYTES,
            request_timeout: Duration::from_secs(10),
            install_if_missing: false,
        }
    }
}

pub struct ChromiumRenderer {
    settings: ChromiumSettings,
    policy: NetworkPolicy,
    /// Found (or installed) on first use, once.
    executable: tokio::sync::OnceCell<Option<PathBuf>>,
}

impl ChromiumRenderer {
    pub fn new(settings: ChromiumSettings, policy: NetworkPolicy) -> Self {
        Self {
            settings,
            policy,
            executable: tokio::sync::OnceCell::new(),
        }
    }

    /// The browser to use, looked for (and installed, when allowed) on first use.
    pub async fn executable(&self) -> Option<PathBuf> {
        self.executable
            .get_or_init(|| async {
                if let Some(found) = find_browser(self.settings.executable.as_deref()) {
                    return Some(found);
                }
                if self.settings.install_if_missing && self.settings.executable.is_none() {
                    super::install::install_chromium().await;
                    return find_browser(None);
                }
                None
            })
            .await
            .clone()
    }
}

#[async_trait]
impl Renderer for ChromiumRenderer {
    async fn render(&self, request: RenderRequest) -> Result<RenderedPage, RenderError> {
        let executable = self.executable().await.ok_or(RenderError::Unavailable)?;
        SiteUrl::check(&request.url, self.policy).map_err(|_| RenderError::Blocked)?;
        let started = Instant::now();
        let proxy = GuardProxy::start(self.policy, self.settings.request_timeout)
            .await
            .map_err(|e| RenderError::Launch(e.to_string()))?;
        let mut browser = Browser::launch(&LaunchOptions {
            executable,
            proxy: proxy.addr(),
            user_agent: self.settings.user_agent.clone(),
            max_rss_bytes: self.settings.max_rss_bytes,
        })
        .await?;
        let limit = self.settings.page_timeout.min(request.budget);
        let robots = request
            .robots_txt
            .as_deref()
            .and_then(|txt| {
                let robots_url = request.url.join("/robots.txt").ok()?;
                Some(RobotsRules::parse(txt, &robots_url))
            })
            .unwrap_or_else(RobotsRules::allow_all);
        let page = Page {
            settings: &self.settings,
            soft_limit: limit.mul_f32(0.8),
            policy: self.policy,
            robots: Arc::new(robots),
            started,
        };
        let outcome = tokio::time::timeout(limit, page.run(&mut browser, &request.url)).await;
        let peak_rss_bytes = browser.peak_rss_bytes();
        let over_memory = browser.was_over_memory();
        let exited = browser.has_exited();
        // Killing the browser's whole process group is part of every ending.
        browser.shutdown().await;
        let blocked = proxy
            .stats
            .blocked
            .load(std::sync::atomic::Ordering::Relaxed);
        match outcome {
            _ if over_memory => Err(RenderError::Memory),
            Ok(Ok(mut rendered)) => {
                rendered.peak_rss_bytes = peak_rss_bytes;
                rendered.requests_blocked = blocked;
                rendered.wall = started.elapsed();
                Ok(rendered)
            }
            Ok(Err(RenderError::Crashed)) | Ok(Err(RenderError::Cdp(_))) if exited => {
                Err(RenderError::Crashed)
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Err(RenderError::Timeout(limit)),
        }
    }
}

struct Page<'a> {
    settings: &'a ChromiumSettings,
    soft_limit: Duration,
    policy: NetworkPolicy,
    robots: Arc<RobotsRules>,
    started: Instant,
}

impl Page<'_> {
    async fn run(&self, browser: &mut Browser, url: &Url) -> Result<RenderedPage, RenderError> {
        let cdp = browser.cdp.clone();
        // The browser answers its first command once it is up.
        let _ = cdp
            .call("Browser.getVersion", json!({}), None)
            .await
            .map_err(|_| RenderError::Launch("the browser exited at start".into()))?;
        let start_ms = self.started.elapsed();
        let _ = cdp
            .call(
                "Browser.setDownloadBehavior",
                json!({ "behavior": "deny" }),
                None,
            )
            .await;
        let target = cdp
            .call("Target.createTarget", json!({ "url": "about:blank" }), None)
            .await?;
        let target_id = target["targetId"].as_str().unwrap_or_default().to_owned();
        let attached = cdp
            .call(
                "Target.attachToTarget",
                json!({ "targetId": target_id, "flatten": true }),
                None,
            )
            .await?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or(RenderError::Crashed)?
            .to_owned();
        let s = Some(session.as_str());
        for permission in [
            "geolocation",
            "notifications",
            "midi",
            "videoCapture",
            "audioCapture",
            "clipboardReadWrite",
            "backgroundSync",
            "sensors",
            "idleDetection",
            "storageAccess",
        ] {
            let _ = cdp
                .call(
                    "Browser.setPermission",
                    json!({ "permission": { "name": permission }, "setting": "denied" }),
                    None,
                )
                .await;
        }
        cdp.call("Page.enable", json!({}), s).await?;
        // Documents are checked (scheme, guard, robots.txt); images, media and fonts refused.
        cdp.call(
            "Fetch.enable",
            json!({ "patterns": [
                { "urlPattern": "*", "resourceType": "Document", "requestStage": "Request" },
                { "urlPattern": "*", "resourceType": "Image", "requestStage": "Request" },
                { "urlPattern": "*", "resourceType": "Media", "requestStage": "Request" },
                { "urlPattern": "*", "resourceType": "Font", "requestStage": "Request" },
            ]}),
            s,
        )
        .await?;
        let navigate = {
            let cdp = cdp.clone();
            let session = session.clone();
            let url = url.to_string();
            tokio::spawn(async move {
                cdp.call("Page.navigate", json!({ "url": url }), Some(&session))
                    .await
            })
        };
        let root = url.clone();
        // A page still waiting on the network near the limit is taken as it stands then.
        let soft_deadline = tokio::time::Instant::now() + self.soft_limit;
        // Until the budget runs out: answer paused requests, notice crashes.
        loop {
            let event = match tokio::time::timeout_at(soft_deadline, browser.events.recv()).await {
                Err(_) => break,
                // The pipe closed: the browser died (or the memory watchdog killed it).
                Ok(None) => return Err(RenderError::Crashed),
                Ok(Some(event)) => event,
            };
            match event.method.as_str() {
                "Fetch.requestPaused" => self.decide(&cdp, &event.params, &session, &root),
                // Virtual time starts once the document is parsed (a paused navigation request
                // does not hold it back): from then on timers run ahead of the clock, and the
                // budget ends the page however long its spinner would spin.
                "Page.domContentEventFired" => {
                    let cdp = cdp.clone();
                    let session = session.clone();
                    let budget = self.settings.virtual_time.as_millis() as u64;
                    tokio::spawn(async move {
                        let _ = cdp
                            .call(
                                "Emulation.setVirtualTimePolicy",
                                json!({ "policy": "pauseIfNetworkFetchesPending", "budget": budget }),
                                Some(&session),
                            )
                            .await;
                    });
                }
                "Emulation.virtualTimeBudgetExpired" => break,
                "Inspector.targetCrashed" | "Target.targetCrashed" => {
                    return Err(RenderError::Crashed)
                }
                "Target.detachedFromTarget" | "Inspector.detached" => {
                    return Err(RenderError::Crashed)
                }
                _ => {}
            }
        }
        // The navigation's own reply no longer matters: the DOM is what it is now.
        navigate.abort();
        let snapshot = cdp
            .call(
                "Runtime.evaluate",
                json!({
                    "expression": "JSON.stringify([location.href, document.documentElement ? document.documentElement.outerHTML : ''])",
                    "returnByValue": true,
                }),
                s,
            )
            .await?;
        let text = snapshot["result"]["value"].as_str().unwrap_or("[]");
        let parts: Vec<String> = serde_json::from_str(text).unwrap_or_default();
        let [href, html] = <[String; 2]>::try_from(parts).map_err(|_| RenderError::Crashed)?;
        let final_url = Url::parse(&href)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .unwrap_or_else(|| url.clone());
        Ok(RenderedPage {
            url: final_url,
            html: truncate_at_char(&html, self.settings.max_html_bytes).to_owned(),
            wall: Duration::ZERO,
            browser_start: start_ms,
            peak_rss_bytes: 0,
            requests_blocked: 0,
        })
    }

    /// A paused request: documents go on only to permitted, robots-allowed pages of the site
    /// (or its own frames); images, media and fonts never do.
    fn decide(&self, cdp: &Arc<super::cdp::Cdp>, params: &Value, session: &str, root: &Url) {
        let request_id = params["requestId"].as_str().unwrap_or_default().to_owned();
        let kind = params["resourceType"].as_str().unwrap_or_default();
        let target = Url::parse(params["request"]["url"].as_str().unwrap_or_default()).ok();
        let allowed = kind == "Document"
            && target.as_ref().is_some_and(|u| {
                SiteUrl::check(u, self.policy).is_ok()
                    && same_site(u, root)
                    && self.robots.is_allowed(u)
            });
        let is_document = kind == "Document";
        let cdp = cdp.clone();
        let session = session.to_owned();
        tokio::spawn(async move {
            let (method, params) = if allowed {
                ("Fetch.continueRequest", json!({ "requestId": request_id }))
            } else if is_document {
                // A refused navigation answered "204 No Content" leaves the page where it was;
                // failing it would replace the page with the browser's error page.
                (
                    "Fetch.fulfillRequest",
                    json!({ "requestId": request_id, "responseCode": 204, "body": "" }),
                )
            } else {
                (
                    "Fetch.failRequest",
                    json!({ "requestId": request_id, "errorReason": "BlockedByClient" }),
                )
            };
            let _ = cdp.call(method, params, Some(&session)).await;
        });
    }
}
