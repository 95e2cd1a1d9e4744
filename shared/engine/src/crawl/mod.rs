//! Reading websites safely: robots.txt, sitemaps and links to find the pages that describe
//! the business, fetched politely inside a budget, never from a private network.

pub mod canonical;
pub mod charset;
pub mod crawler;
pub mod fetch;
pub mod links;
pub mod page_bytes;
#[cfg(test)]
mod page_bytes_crawl_tests;
pub mod progress;
pub mod rank;
pub mod rendering;
pub mod robots;
pub mod sitemap;

pub use crate::guard;
pub use crawler::{
    CrawlError, CrawlResult, CrawlSettings, CrawledPage, Crawler, FetchReport, PageReader,
};
pub use fetch::{FetchError, FetchSettings, FetchedPage, Fetcher, HttpFetcher};
pub use page_bytes::{HeldBytes, PageBytes};
pub use progress::{CrawlProgress, NoProgress, ProgressSink, SkippedPages};
pub use rendering::Unrendered;
