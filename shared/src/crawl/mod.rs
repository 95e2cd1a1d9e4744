//! Reading websites safely. For now the home page only; discovery, robots.txt and sitemaps
//! arrive behind the same [`Fetcher`] port.

pub mod charset;
pub mod fetch;
pub mod guard;

pub use fetch::{FetchError, FetchedPage, Fetcher, HttpFetcher};
