//! Crawl counters kept in the job record and shown to pollers.

use serde::{Deserialize, Serialize};

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
    pub pages_discovered: u32,
    pub pages_fetched: u32,
    pub pages_skipped: SkippedPages,
}
