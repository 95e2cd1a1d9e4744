//! Rendering benchmark, two parts:
//!
//! 1. `RUNS` renders (default 20) of one client-side page (a shell whose script fetches a JSON
//!    API and draws the page) through `ChromiumRenderer`: wall time per page, browser start time
//!    (spawn → first DevTools reply), and the browser's peak resident memory (all its processes).
//! 2. A 25-page job (home + 24 pages, every response after `LATENCY_MS`) through the pipeline,
//!    timed by stage, once with every page server-rendered and once with 3 of them client-side
//!    shells that need the browser.
//!
//!   cargo bench -p agent-builder --bench render        (RUNS=20 LATENCY_MS=50)

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use agent_builder_core::domain::progress::Stage;
use agent_builder_core::domain::{NetworkPolicy, SiteUrl};
use agent_builder_engine::config::Config;
use agent_builder_engine::crawl::{CrawlProgress, ProgressSink};
use agent_builder_engine::render::{
    ChromiumRenderer, ChromiumSettings, RenderMode, RenderRequest, Renderer,
};
use agent_builder_engine::wiring;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const APP: &str = r#"fetch("/api/info.json").then(r => r.json()).then(b => {
  document.title = b.name;
  document.getElementById("root").innerHTML = `<h1>${b.name}</h1><p>${b.about}</p><p>Call ${b.phone}</p>`;
});"#;
const INFO: &str = r#"{"name":"Lakeside Physiotherapy","about":"Sports injuries, back pain and rehabilitation after surgery, with same-week appointments and evening hours in Madison.","phone":"(608) 555-0123"}"#;

fn shell(title: &str) -> String {
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>{title}</title><script src="/app.js"></script></head><body><div id="root"></div></body></html>"#
    )
}

fn server_page(i: usize) -> String {
    let filler = "Lakeside Physiotherapy treats sports injuries, back and neck pain, and helps patients recover after surgery with hands-on therapy and exercise plans. ".repeat(25);
    format!(
        r#"<!doctype html><html><head><title>Page {i} | Lakeside Physiotherapy</title></head><body><h1>Service {i}</h1><p>{filler}</p><p>Call (608) 555-0123.</p></body></html>"#
    )
}

/// A site of `pages` pages besides the home page; the first `shells` of them are client-side.
async fn start_site(pages: usize, shells: usize, latency: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let links: String = (1..=pages)
        .map(|i| format!(r#"<a href="/service-{i}">Service {i}</a> "#))
        .collect();
    let home = format!(
        r#"<!doctype html><html><head><title>Lakeside Physiotherapy</title></head><body><h1>Lakeside Physiotherapy</h1><p>{}</p><nav>{links}</nav></body></html>"#,
        "Physiotherapy in Madison for sports injuries and back pain. ".repeat(10)
    );
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let home = home.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let path = req.uri().path().to_owned();
                    let home = home.clone();
                    async move {
                        tokio::time::sleep(latency).await;
                        let (status, ct, body) = match path.as_str() {
                            "/" => (200, "text/html", home),
                            "/app.js" => (200, "text/javascript", APP.to_owned()),
                            "/api/info.json" => (200, "application/json", INFO.to_owned()),
                            p if p.starts_with("/service-") => {
                                let i: usize = p[9..].parse().unwrap_or(0);
                                if i == 0 || i > pages {
                                    (404, "text/html", String::new())
                                } else if i <= shells {
                                    (200, "text/html", shell("Loading…"))
                                } else {
                                    (200, "text/html", server_page(i))
                                }
                            }
                            _ => (404, "text/html", String::new()),
                        };
                        Ok::<_, std::convert::Infallible>(
                            hyper::Response::builder()
                                .status(status)
                                .header("content-type", ct)
                                .body(Full::new(Bytes::from(body)))
                                .unwrap(),
                        )
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    base
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

/// Stamps each stage's first report.
#[derive(Default)]
struct StageClock {
    marks: Mutex<Vec<(Stage, Instant)>>,
}

#[async_trait::async_trait]
impl ProgressSink for StageClock {
    async fn report(&self, progress: CrawlProgress) {
        let mut marks = self.marks.lock().unwrap();
        if marks.last().map(|(s, _)| *s) != Some(progress.stage) {
            marks.push((progress.stage, Instant::now()));
        }
    }
}

#[tokio::main]
async fn main() {
    let runs = env_number("RUNS", 20) as usize;
    let latency = Duration::from_millis(env_number("LATENCY_MS", 50));

    // Part 1: one page, many times.
    let base = start_site(1, 1, Duration::ZERO).await;
    let origin_policy = NetworkPolicy::Public
        .with_allowed_origins(std::slice::from_ref(&base))
        .unwrap();
    let renderer = ChromiumRenderer::new(ChromiumSettings::default(), origin_policy);
    let url = url::Url::parse(&format!("{base}/service-1")).unwrap();
    let (mut walls, mut starts, mut rss) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let page = renderer
            .render(RenderRequest {
                url: url.clone(),
                robots_txt: None,
                budget: Duration::from_secs(30),
            })
            .await
            .expect("render");
        assert!(page.html.contains("555-0123"), "the page was drawn");
        walls.push(page.wall.as_secs_f64() * 1000.0);
        starts.push(page.browser_start.as_secs_f64() * 1000.0);
        rss.push(page.peak_rss_bytes as f64 / (1024.0 * 1024.0));
    }
    for v in [&mut walls, &mut starts, &mut rss] {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    }
    println!("render, {runs} runs of one client-side page (JSON API + draw):");
    println!(
        "  wall per page: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms",
        percentile(&walls, 0.5),
        percentile(&walls, 0.95),
        walls[walls.len() - 1]
    );
    println!(
        "  browser start (spawn -> first DevTools reply): p50 {:.0} ms, p95 {:.0} ms",
        percentile(&starts, 0.5),
        percentile(&starts, 0.95)
    );
    println!(
        "  browser peak RSS (all its processes): p50 {:.0} MiB, p95 {:.0} MiB, max {:.0} MiB",
        percentile(&rss, 0.5),
        percentile(&rss, 0.95),
        rss[rss.len() - 1]
    );

    // Part 2: a 25-page job, without and with 3 client-side pages.
    println!(
        "\n25-page job (home + 24), {} ms per response, by stage (ms):",
        latency.as_millis()
    );
    let job_runs = env_number("JOB_RUNS", 5) as usize;
    println!("median of {job_runs} jobs each, the two kinds interleaved");
    println!("| pages rendered | discover | fetch (+ render) | extract + generate | total |");
    println!("|---|---|---|---|---|");
    let sites = [
        start_site(24, 0, latency).await,
        start_site(24, 3, latency).await,
    ];
    // [kind][stage] → samples in ms; and pages rendered / fetched per kind.
    let mut samples = vec![vec![Vec::new(); 4]; 2];
    let mut counts = [(0, 0); 2];
    for _ in 0..job_runs {
        for (kind, base) in sites.iter().enumerate() {
            let (stages, rendered, fetched) = timed_job(base).await;
            for (i, v) in stages.into_iter().enumerate() {
                samples[kind][i].push(v);
            }
            counts[kind] = (rendered, fetched);
        }
    }
    for (kind, stages) in samples.iter_mut().enumerate() {
        let medians: Vec<f64> = stages
            .iter_mut()
            .map(|v| {
                v.sort_by(|a, b| a.partial_cmp(b).unwrap());
                percentile(v, 0.5)
            })
            .collect();
        println!(
            "| {} of {} | {:.0} | {:.0} | {:.0} | **{:.0}** |",
            counts[kind].0, counts[kind].1, medians[0], medians[1], medians[2], medians[3]
        );
    }
}

/// One job over `base` through the pipeline: (discover, fetch + render, extract + generate,
/// total) in ms, pages rendered, pages fetched.
async fn timed_job(base: &str) -> (Vec<f64>, u32, u32) {
    let mut config = Config::with_defaults();
    config.network_policy = NetworkPolicy::Public
        .with_allowed_origins(&[base.to_owned()])
        .unwrap();
    config.render.mode = RenderMode::Auto;
    config.crawl.max_pages = 25;
    let pipeline = wiring::pipeline_from_config(&config).unwrap();
    let site = SiteUrl::parse(base, config.network_policy).unwrap();
    let clock = StageClock::default();
    let started = Instant::now();
    let outcome = pipeline
        .build(Some(&site), None, Duration::from_secs(120), &clock)
        .await
        .unwrap();
    let total = started.elapsed();
    let marks = clock.marks.lock().unwrap().clone();
    let at = |stage: Stage| {
        marks
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(total, |(_, t)| t.duration_since(started))
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (fetching, extracting) = (at(Stage::Fetching), at(Stage::Extracting));
    let progress = outcome.progress.unwrap_or_default();
    (
        vec![
            ms(fetching),
            ms(extracting - fetching),
            ms(total - extracting),
            ms(total),
        ],
        progress.pages_rendered,
        progress.pages_fetched,
    )
}
