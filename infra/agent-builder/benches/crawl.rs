//! Crawl benchmark: a local fixture site of a few hundred pages, every response delayed by a
//! fixed latency, crawled in full by our crawler and (when installed) by `wget --recursive`.
//! Prints wall time, pages/s, peak memory and the ratio to the lower bound
//! robots → sitemap → ceil(pages / concurrency) × latency.
//!
//!   cargo bench -p agent-builder --bench crawl            (PAGES=300 LATENCY_MS=100 to change)
//!   MAX_PAGES=25 cargo bench -p agent-builder --bench crawl   (choose and fetch 25 of them)

use std::sync::Arc;
use std::time::{Duration, Instant};

use agent_builder_core::domain::{NetworkPolicy, SiteUrl};
use agent_builder_engine::config::FetchSettings;
use agent_builder_engine::crawl::{CrawlSettings, Crawler, HttpFetcher, NoProgress};

#[path = "common/fixture_site.rs"]
mod fixture_site;
use fixture_site::{FixtureSite, PageBody};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Peak resident memory of this process (Linux), in MiB.
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

#[tokio::main]
async fn main() {
    let pages = env_number("PAGES", 300) as usize;
    let latency = Duration::from_millis(env_number("LATENCY_MS", 100));
    let concurrency = env_number("CONCURRENCY", 6) as usize;
    // Pages the crawl keeps: all of them by default; MAX_PAGES=25 is the service's default.
    let max_pages = env_number("MAX_PAGES", pages as u64 + 1) as usize;
    let site = FixtureSite::start(pages, latency, PageBody::Filler).await;
    let base = site.base.clone();

    let settings = CrawlSettings {
        max_pages,
        concurrency,
        budget: Duration::from_secs(600),
        ..CrawlSettings::default()
    };
    let fetcher = HttpFetcher::new(FetchSettings::default(), NetworkPolicy::AllowPrivate).unwrap();
    let crawler = Crawler::new(Arc::new(fetcher), settings);
    let url = SiteUrl::parse(&base, NetworkPolicy::AllowPrivate).unwrap();
    let started = Instant::now();
    let result = crawler
        .crawl_within(&url, Duration::from_secs(600), &NoProgress)
        .await
        .unwrap();
    let wall = started.elapsed();
    let fetched = result.pages.len();
    // robots.txt, then the home page, then the sitemap, then the pages in waves of `concurrency`.
    let wanted = max_pages.min(pages + 1) - 1;
    let bound = latency * (3 + wanted.div_ceil(concurrency) as u32);
    println!(
        "site: {pages} pages + home, {} ms latency per response, concurrency {concurrency}",
        latency.as_millis()
    );
    println!(
        "agent-builder crawler: {fetched} pages in {:.2} s = {:.1} pages/s, {} requests, peak RSS {:.1} MiB (server included), {:.2}x the lower bound of {:.2} s",
        wall.as_secs_f64(),
        fetched as f64 / wall.as_secs_f64(),
        site.hits(),
        peak_rss_mib(),
        wall.as_secs_f64() / bound.as_secs_f64(),
        bound.as_secs_f64(),
    );

    let dir = std::env::temp_dir().join(format!("crawl-bench-wget-{}", std::process::id()));
    let started = Instant::now();
    let before = site.hits();
    let wget = tokio::process::Command::new("wget")
        .args([
            "--recursive",
            "--level=1",
            "--quiet",
            "--no-host-directories",
            "--directory-prefix",
        ])
        .arg(&dir)
        .arg(format!("{base}/"))
        .status()
        .await;
    let wall = started.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    match wget {
        Ok(_) => {
            let requests = site.hits() - before;
            println!(
                "wget --recursive --level=1: {requests} requests in {:.2} s = {:.1} pages/s (sequential: one request at a time)",
                wall.as_secs_f64(),
                requests as f64 / wall.as_secs_f64()
            );
        }
        Err(e) => println!("wget not run ({e}); `apt-get install wget` to compare"),
    }
}
