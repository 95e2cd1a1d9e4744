//! How far a job has got: its stage and the crawl's counters, kept in the job record and shown
//! to pollers.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a job is in the pipeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Queued,
    /// robots.txt, sitemaps, links.
    Discovering,
    Fetching,
    Extracting,
    Generating,
    CreatingAgent,
    Done,
}

impl Stage {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Discovering => "discovering",
            Self::Fetching => "fetching",
            Self::Extracting => "extracting",
            Self::Generating => "generating",
            Self::CreatingAgent => "creating_agent",
            Self::Done => "done",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Self::Queued,
            Self::Discovering,
            Self::Fetching,
            Self::Extracting,
            Self::Generating,
            Self::CreatingAgent,
            Self::Done,
        ]
        .into_iter()
        .find(|stage| stage.as_str() == s)
        .ok_or_else(|| format!("unknown stage {s:?}"))
    }
}

/// Why a discovered page was not used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedPages {
    /// robots.txt disallows it for us.
    pub robots: u32,
    /// Not an HTML page.
    pub non_html: u32,
    /// Unreachable, an error status, or a blocked address.
    pub error: u32,
    /// The crawl's page count or time budget ran out first.
    pub budget: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrawlProgress {
    pub stage: Stage,
    pub pages_discovered: u32,
    pub pages_fetched: u32,
    pub pages_skipped: SkippedPages,
    /// Fetched pages read in a headless browser because their HTML was a script's shell.
    #[serde(default)]
    pub pages_rendered: u32,
}
