//! Reporting crawl counters while the crawl runs.

use async_trait::async_trait;

pub use crate::domain::progress::{CrawlProgress, SkippedPages};

/// Receives progress a few times per crawl (the worker writes it to the job record).
#[async_trait]
pub trait ProgressSink: Send + Sync {
    async fn report(&self, progress: CrawlProgress);
}

/// For callers that do not watch progress.
pub struct NoProgress;

#[async_trait]
impl ProgressSink for NoProgress {
    async fn report(&self, _: CrawlProgress) {}
}
