//! A local fixture site for the benches: robots.txt, a sitemap, a home page linking every page,
//! and `pages` pages, every response delayed by a fixed latency (a far-away server's round trip).
//! Counts the requests it answers.

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// What each page says.
#[derive(Clone, Copy)]
#[allow(dead_code)] // each bench uses one of them
pub enum PageBody {
    /// One sentence repeated (~9.6 KB): the crawl bench's page.
    Filler,
    /// A small business's page (~6 KB): headings, contact details, services, prose.
    Business,
}

pub struct FixtureSite {
    pub base: String,
    hits: Arc<AtomicUsize>,
}

impl FixtureSite {
    /// Requests answered so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Serves the site on 127.0.0.1 (a free port) until the runtime ends.
    pub async fn start(pages: usize, latency: Duration, body: PageBody) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicUsize::new(0));
        let content = Arc::new(Content::new(&base, pages, body));
        let counter = hits.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (content, hits) = (content.clone(), counter.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (content, hits) = (content.clone(), hits.clone());
                        async move {
                            hits.fetch_add(1, Ordering::Relaxed);
                            tokio::time::sleep(latency).await;
                            let (ctype, body) = content.answer(req.uri().path());
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .header("content-type", ctype)
                                    .body(Full::new(body))
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
        Self { base, hits }
    }
}

struct Content {
    sitemap: Bytes,
    home: Bytes,
    body: PageBody,
    filler: String,
}

impl Content {
    fn new(base: &str, pages: usize, body: PageBody) -> Self {
        let urls: String = (0..pages)
            .map(|i| format!("<url><loc>{base}/page-{i}</loc></url>"))
            .collect();
        let sitemap = Bytes::from(format!(
            r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/</loc></url>{urls}</urlset>"#
        ));
        let links: String = (0..pages)
            .map(|i| format!(r#"<a href="/page-{i}">Page {i}</a> "#))
            .collect();
        let home = match body {
            PageBody::Filler => {
                format!("<html><head><title>Bench Co</title></head><body>{links}</body></html>")
            }
            PageBody::Business => business_page("Home", &links),
        };
        Self {
            sitemap,
            home: Bytes::from(home),
            body,
            filler: "Our team has served the city for thirty years. ".repeat(200),
        }
    }

    fn answer(&self, path: &str) -> (&'static str, Bytes) {
        match path {
            "/robots.txt" => ("text/plain", Bytes::from("User-agent: *\nAllow: /\n")),
            "/sitemap.xml" => ("application/xml", self.sitemap.clone()),
            "/" => ("text/html", self.home.clone()),
            p => {
                let page = match self.body {
                    PageBody::Filler => format!(
                        "<html><head><title>{p}</title></head><body><p>{}</p></body></html>",
                        self.filler
                    ),
                    PageBody::Business => business_page(p, ""),
                };
                ("text/html", Bytes::from(page))
            }
        }
    }
}

fn business_page(title: &str, links: &str) -> String {
    let prose = "Harbor View Dental has cared for families on the waterfront since 1994. \
        Our dentists offer check-ups, cleanings, fillings, crowns, whitening and implants, \
        and we welcome new patients of every age. We accept most insurance plans and offer \
        payment plans for larger treatments. ";
    format!(
        r#"<!doctype html><html lang="en"><head><title>{title} | Harbor View Dental</title>
<meta name="description" content="Gentle family and cosmetic dentistry on the waterfront.">
<meta property="og:site_name" content="Harbor View Dental"></head><body>
<nav><a href="/">Home</a> <a href="/page-0">Services</a> <a href="/page-1">Contact</a></nav>
<main><h1>{title}</h1><p>{prose}{prose}</p>
<h2>Services</h2><ul><li>Check-ups and cleanings</li><li>Fillings and crowns</li>
<li>Teeth whitening</li><li>Dental implants</li><li>Emergency appointments</li></ul>
<p>{prose}{prose}{prose}</p>
<h2>Hours</h2><p>Monday to Friday 8am to 6pm, Saturday 9am to 1pm.</p>
<p>{prose}{prose}{prose}{prose}</p></main>
<footer><p>Call us at (415) 555-0134 or write to hello@harborviewdental.example.</p>
<p>12 Embarcadero, San Francisco, CA 94111</p>{links}</footer></body></html>"#
    )
}
