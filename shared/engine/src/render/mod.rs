//! Pages only a browser sees. Most pages hold their content as served; for the few that are a
//! shell a script fills in (`<div id="root"></div>`), [`need`] decides so without a browser and
//! a [`Renderer`] reads them in headless Chromium behind the crawler's network guard.

pub mod browser;
pub mod cdp;
pub mod chromium;
pub mod framework_data;
pub mod install;
pub mod need;
pub mod proxy;
pub mod remote;

use async_trait::async_trait;
use std::str::FromStr;
use std::time::Duration;
use url::Url;

pub use chromium::{ChromiumRenderer, ChromiumSettings};
pub use need::{assess, has_content, Need};

/// When pages are read in a browser.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RenderMode {
    /// Only pages whose served HTML is a shell.
    #[default]
    Auto,
    /// Every HTML page (up to the cap).
    Always,
    /// None: pages are read as served.
    Never,
}

impl FromStr for RenderMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "always" => Ok(Self::Always),
            "never" => Ok(Self::Never),
            other => Err(format!("expected auto, always or never, got {other:?}")),
        }
    }
}

/// How a crawl uses the renderer.
#[derive(Debug, Clone, Copy)]
pub struct RenderSettings {
    pub mode: RenderMode,
    /// Most pages rendered in one job.
    pub max_pages: usize,
}

impl Default for RenderSettings {
    fn default() -> Self {
        Self {
            mode: RenderMode::Auto,
            max_pages: 5,
        }
    }
}

/// One page to render.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RenderRequest {
    #[serde(with = "url_text")]
    pub url: Url,
    /// The site's robots.txt, applied to every page the browser navigates to.
    pub robots_txt: Option<String>,
    /// Time left for this page (the crawl's budget covers rendering).
    #[serde(with = "millis")]
    pub budget: Duration,
}

/// The DOM after the page's scripts ran.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RenderedPage {
    #[serde(with = "url_text")]
    pub url: Url,
    pub html: String,
    #[serde(with = "millis")]
    pub wall: Duration,
    #[serde(with = "millis")]
    pub browser_start: Duration,
    pub peak_rss_bytes: u64,
    /// Requests the guard refused while the page loaded.
    pub requests_blocked: u64,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum RenderError {
    #[error("no browser is available to render it")]
    Unavailable,
    #[error("the browser could not start ({0})")]
    Launch(String),
    #[error("it is on a blocked address")]
    Blocked,
    #[error("it did not finish within {}s", .0.as_secs())]
    Timeout(Duration),
    #[error("it used more memory than allowed")]
    Memory,
    #[error("the browser crashed")]
    Crashed,
    #[error("the browser failed: {0}")]
    Cdp(#[from] cdp::CdpError),
    #[error("the renderer failed: {0}")]
    Remote(String),
}

/// Reads a page in a browser.
#[async_trait]
pub trait Renderer: Send + Sync {
    async fn render(&self, request: RenderRequest) -> Result<RenderedPage, RenderError>;
}

mod millis {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_millis() as u64)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        Ok(Duration::from_millis(u64::deserialize(d)?))
    }
}

mod url_text {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use url::Url;

    pub fn serialize<S: Serializer>(u: &Url, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(u.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Url, D::Error> {
        Url::parse(&String::deserialize(d)?).map_err(D::Error::custom)
    }
}
