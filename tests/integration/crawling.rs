//! The crawler against fixture sites served on 127.0.0.1 — ordinary, broken and hostile.
//! Each crawl must finish inside its budget, read only what it may, and pick the pages that
//! describe the business.

use bytes::Bytes;
use flate2::write::GzEncoder;
use flate2::Compression;
use http_body_util::Full;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use agent_builder_core::domain::{NetworkPolicy, SiteUrl};
use agent_builder_engine::config::FetchSettings;
use agent_builder_engine::crawl::{
    CrawlError, CrawlResult, CrawlSettings, Crawler, HttpFetcher, NoProgress,
};

use crate::helpers::{drip_server, serve_with};

type Reply = hyper::Response<Full<Bytes>>;

fn reply(status: u16, content_type: &str, body: impl Into<Bytes>) -> Reply {
    hyper::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Full::new(body.into()))
        .unwrap()
}

fn page(title: &str, body: &str) -> Reply {
    reply(
        200,
        "text/html; charset=utf-8",
        format!("<html><head><title>{title}</title></head><body>{body}</body></html>"),
    )
}

fn not_found() -> Reply {
    reply(404, "text/html", "<h1>Not found</h1>")
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn urlset(base: &str, paths: &[&str]) -> String {
    let urls: String = paths
        .iter()
        .map(|p| format!("<url><loc>{base}{p}</loc></url>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>"#
    )
}

fn crawler(settings: CrawlSettings) -> Crawler {
    let fetch = FetchSettings {
        request_timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(2),
        ..FetchSettings::default()
    };
    Crawler::new(
        Arc::new(HttpFetcher::new(fetch, NetworkPolicy::AllowPrivate).unwrap()),
        settings,
    )
}

fn settings(max_pages: usize) -> CrawlSettings {
    CrawlSettings {
        max_pages,
        budget: Duration::from_secs(20),
        ..CrawlSettings::default()
    }
}

async fn crawl(base: &str, settings: CrawlSettings) -> Result<CrawlResult, CrawlError> {
    let url = SiteUrl::parse(base, NetworkPolicy::AllowPrivate).unwrap();
    let budget = settings.budget;
    let started = Instant::now();
    let result = crawler(settings)
        .crawl_within(&url, budget, &NoProgress)
        .await;
    assert!(
        started.elapsed() < budget + Duration::from_secs(5),
        "the crawl kept to its budget"
    );
    result
}

fn paths(result: &CrawlResult) -> Vec<String> {
    result
        .pages
        .iter()
        .map(|p| p.url.path().to_owned())
        .collect()
}

/// Serves a site whose base URL the handler needs (sitemaps hold absolute URLs).
async fn site(
    handler: impl Fn(&str, &str) -> Reply + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<(String, Instant)>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let base = Arc::new(Mutex::new(String::new()));
    let (log2, base2) = (log.clone(), base.clone());
    let url = serve_with(Arc::new(move |path: &str| {
        log2.lock().unwrap().push((path.to_owned(), Instant::now()));
        let base = base2.lock().unwrap().clone();
        handler(&base, path)
    }))
    .await;
    *base.lock().unwrap() = url.clone();
    (url, log)
}

#[tokio::test]
async fn a_small_business_site_with_a_sitemap_yields_its_business_pages() {
    let (base, log) = site(|base, path| match path {
        "/robots.txt" => reply(
            200,
            "text/plain",
            format!("User-agent: *\nDisallow: /admin\nSitemap: {base}/sitemap.xml\n"),
        ),
        "/sitemap.xml" => reply(
            200,
            "application/xml",
            urlset(
                base,
                &[
                    "/",
                    "/blog/2023/05/spring-cleaning-tips",
                    "/blog/page/2",
                    "/privacy-policy",
                    "/services",
                    "/about-us",
                    "/contact",
                    "/pricing",
                    "/tag/plumbing",
                    "/blog/why-pipes-burst",
                    "/cart",
                    "/admin/settings",
                ],
            ),
        ),
        "/" => page(
            "Acme Plumbing | Denver",
            r#"<a href="/about-us">About</a><a href="/faq">FAQ</a>"#,
        ),
        "/services" | "/about-us" | "/contact" | "/pricing" | "/faq" => page(path, "content"),
        p if p.starts_with("/blog") || p == "/privacy-policy" || p.starts_with("/tag") => {
            page(p, "filler")
        }
        _ => not_found(),
    })
    .await;
    let result = crawl(&base, settings(6)).await.unwrap();
    let chosen = paths(&result);
    assert_eq!(chosen[0], "/");
    let mut rest = chosen[1..].to_vec();
    rest.sort();
    assert_eq!(
        rest,
        ["/about-us", "/contact", "/faq", "/pricing", "/services"]
    );
    let requested: Vec<String> = log.lock().unwrap().iter().map(|(p, _)| p.clone()).collect();
    assert!(
        !requested.iter().any(|p| p.starts_with("/admin")),
        "robots.txt obeyed: {requested:?}"
    );
    assert!(
        !requested.iter().any(|p| p == "/cart"),
        "never-fetch pages skipped"
    );
    assert_eq!(result.progress.pages_fetched, 6);
    assert!(result.progress.pages_skipped.robots >= 1);
    assert!(result.progress.pages_discovered >= 12);
    assert_eq!(
        requested.iter().filter(|p| *p == "/").count(),
        1,
        "no page fetched twice"
    );
}

#[tokio::test]
async fn a_sitemap_index_with_gzip_children_is_followed() {
    let (base, _) = site(|base, path| match path {
        "/robots.txt" => not_found(),
        "/sitemap.xml" => not_found(),
        "/sitemap_index.xml" => reply(
            200,
            "application/xml",
            format!(
                r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{base}/pages.xml.gz</loc></sitemap><sitemap><loc>{base}/sitemap_index.xml</loc></sitemap></sitemapindex>"#
            ),
        ),
        // Served without any gzip hint: only the magic bytes say so.
        "/pages.xml.gz" => reply(200, "application/octet-stream", gzip(urlset(base, &["/contact-us", "/our-team"]).as_bytes())),
        "/" => page("Home", "no links"),
        "/contact-us" | "/our-team" => page(path, "x"),
        _ => not_found(),
    })
    .await;
    let result = crawl(&base, settings(10)).await.unwrap();
    let chosen = paths(&result);
    assert!(chosen.contains(&"/contact-us".to_owned()), "{chosen:?}");
    assert!(
        chosen.contains(&"/our-team".to_owned()),
        "{chosen:?} {:?}",
        result.fetches
    );
}

#[tokio::test]
async fn without_a_sitemap_links_and_common_paths_are_used() {
    let (base, log) = site(|_, path| match path {
        "/" => page(
            "Bella's Salon",
            r#"<a href="/about-us">About us</a><a href="https://elsewhere.example/">x</a>"#,
        ),
        "/about-us" | "/contact" | "/services" => page(path, "x"),
        _ => not_found(),
    })
    .await;
    let result = crawl(&base, settings(10)).await.unwrap();
    let chosen = paths(&result);
    for expected in ["/", "/about-us", "/contact", "/services"] {
        assert!(
            chosen.contains(&expected.to_owned()),
            "{expected} in {chosen:?}"
        );
    }
    // Guessed paths that do not exist are skipped as errors, not used.
    assert!(result.progress.pages_skipped.error > 0);
    assert!(log.lock().unwrap().iter().any(|(p, _)| p == "/sitemap.xml"));
}

#[tokio::test]
async fn robots_disallow_and_crawl_delay_are_obeyed() {
    let (base, log) = site(|_, path| match path {
        "/robots.txt" => reply(
            200,
            "text/plain",
            "User-agent: *\nDisallow: /\n\nUser-agent: AgentBuilderBot\nDisallow: /private\nCrawl-delay: 1\n",
        ),
        "/" => page("Home", r#"<a href="/private/menu">p</a><a href="/about">a</a><a href="/contact">c</a>"#),
        "/about" | "/contact" | "/private/menu" => page(path, "x"),
        _ => not_found(),
    })
    .await;
    let mut s = settings(3);
    s.few_candidates = 0;
    let result = crawl(&base, s).await.unwrap();
    let chosen = paths(&result);
    assert_eq!(chosen.len(), 3, "{chosen:?}");
    assert!(!chosen.iter().any(|p| p.starts_with("/private")));
    let log = log.lock().unwrap();
    assert!(!log.iter().any(|(p, _)| p.starts_with("/private")));
    // Crawl-delay: 1 — no two requests closer than about a second.
    let times: Vec<Instant> = log.iter().map(|(_, t)| *t).collect();
    for pair in times.windows(2) {
        assert!(
            pair[1] - pair[0] >= Duration::from_millis(900),
            "requests {:?} apart",
            pair[1] - pair[0]
        );
    }
}

#[tokio::test]
async fn everything_disallowed_is_a_clear_failure() {
    let (base, log) = site(|_, path| match path {
        "/robots.txt" => reply(200, "text/plain", "User-agent: *\nDisallow: /\n"),
        _ => page("x", "x"),
    })
    .await;
    let err = crawl(&base, settings(5)).await.unwrap_err();
    assert!(matches!(err, CrawlError::Disallowed { .. }), "{err:?}");
    assert!(
        err.to_string().contains("robots.txt does not allow"),
        "{err}"
    );
    assert_eq!(
        log.lock().unwrap().len(),
        1,
        "only robots.txt was requested"
    );
}

#[tokio::test]
async fn robots_server_errors_mean_home_page_only() {
    let (base, log) = site(|_, path| match path {
        "/robots.txt" => reply(503, "text/plain", "busy"),
        "/" => page("Home", r#"<a href="/about">a</a>"#),
        _ => page(path, "x"),
    })
    .await;
    let result = crawl(&base, settings(5)).await.unwrap();
    assert!(result.robots_unavailable);
    assert_eq!(paths(&result), ["/"]);
    assert_eq!(log.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn redirect_chains_move_the_root_and_blocked_redirects_are_skipped() {
    let (base, _) = site(|base, path| {
        let redirect = |to: String| {
            hyper::Response::builder()
                .status(302)
                .header("location", to)
                .body(Full::new(Bytes::new()))
                .unwrap()
        };
        match path {
            "/" => redirect(format!("{base}/start")),
            "/start" => redirect("/en/".to_owned()),
            "/en/" => page("Harbor Dental", r#"<a href="/en/about">About</a><a href="/en/contact">Contact</a><a href="/en/loop">Loop</a>"#),
            "/en/about" => page("About", "x"),
            "/en/contact" => redirect("http://169.254.169.254/latest/meta-data/".to_owned()),
            "/en/loop" => redirect("/en/loop".to_owned()),
            _ => not_found(),
        }
    })
    .await;
    let mut s = settings(10);
    s.few_candidates = 0;
    let result = crawl(&base, s).await.unwrap();
    assert_eq!(paths(&result), ["/en/", "/en/about"]);
    assert_eq!(
        result.progress.pages_skipped.error, 2,
        "the metadata redirect and the loop"
    );
}

#[tokio::test]
async fn huge_slow_and_bomb_pages_stay_within_limits() {
    let drip = drip_server().await;
    let big = Bytes::from(format!(
        "<title>Big</title>{}",
        "x".repeat(50 * 1024 * 1024)
    ));
    let mut bomb = GzEncoder::new(Vec::new(), Compression::best());
    bomb.write_all(b"<title>Bomb</title>").unwrap();
    bomb.write_all(&vec![b' '; 100 * 1024 * 1024]).unwrap();
    let bomb = Bytes::from(bomb.finish().unwrap());
    let (base, _) = site(move |_, path| match path {
        "/" => page(
            "Home",
            r#"<a href="/about">a</a><a href="/services">s</a><a href="/contact">c</a>"#,
        ),
        "/about" => reply(200, "text/html", big.clone()),
        "/services" => hyper::Response::builder()
            .header("content-type", "text/html")
            .header("content-encoding", "gzip")
            .body(Full::new(bomb.clone()))
            .unwrap(),
        "/contact" => hyper::Response::builder()
            .status(302)
            .header("location", format!("{drip}/"))
            .body(Full::new(Bytes::new()))
            .unwrap(),
        _ => not_found(),
    })
    .await;
    let mut s = settings(10);
    s.few_candidates = 0;
    s.budget = Duration::from_secs(10);
    let result = crawl(&base, s).await.unwrap();
    let about = result
        .pages
        .iter()
        .find(|p| p.url.path() == "/about")
        .expect("a truncated page is still used");
    assert!(about.truncated);
    assert_eq!(about.bytes, FetchSettings::default().max_body_bytes);
    let services = result
        .pages
        .iter()
        .find(|p| p.url.path() == "/services")
        .unwrap();
    assert_eq!(services.bytes, FetchSettings::default().max_body_bytes);
    assert!(services.html.starts_with("<title>Bomb</title>"));
}

#[tokio::test]
async fn hostile_sitemaps_are_survived() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url><url><loc>BASE/contact</loc></url></urlset>"#;
    let (base, log) = site(move |base, path| match path {
        "/robots.txt" => reply(
            200,
            "text/plain",
            format!("Sitemap: {base}/laughs.xml\nSitemap: {base}/self-index.xml\nSitemap: {base}/huge.xml\nSitemap: {base}/private.xml\n"),
        ),
        "/laughs.xml" => reply(200, "application/xml", laughs.replace("BASE", base)),
        // Entries pointing into private networks are never requested.
        "/private.xml" => reply(
            200,
            "application/xml",
            urlset("", &["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin", "http://[::1]/"]),
        ),
        "/self-index.xml" => reply(
            200,
            "application/xml",
            format!(r#"<sitemapindex><sitemap><loc>{base}/self-index.xml</loc></sitemap><sitemap><loc>{base}/self-index.xml?again=1</loc></sitemap></sitemapindex>"#),
        ),
        "/huge.xml" => {
            // 50,000 entries, the most one sitemap may hold, with the one business page inside.
            let mut paths: Vec<String> = (0..49_999).map(|i| format!("/blog/post-{i}")).collect();
            paths.insert(25_000, "/about".to_owned());
            let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
            reply(200, "application/xml", urlset(base, &refs))
        }
        "/" => page("Home", ""),
        "/contact" | "/about" => page(path, "x"),
        p if p.starts_with("/blog/") => page(p, "x"),
        _ => not_found(),
    })
    .await;
    let result = crawl(&base, settings(5)).await.unwrap();
    let chosen = paths(&result);
    assert!(chosen.contains(&"/contact".to_owned()), "{chosen:?}");
    assert!(
        chosen.contains(&"/about".to_owned()),
        "ranked above 50,000 blog posts: {chosen:?}"
    );
    assert!(
        result.progress.pages_discovered > 49_000,
        "{:?}",
        result.progress
    );
    let index_fetches = log
        .lock()
        .unwrap()
        .iter()
        .filter(|(p, _)| p.starts_with("/self-index"))
        .count();
    assert!(
        index_fetches <= 3,
        "a self-including index is read a bounded number of times"
    );
}

#[tokio::test]
async fn legacy_charset_and_javascript_only_pages() {
    let (base, _) = site(|_, path| match path {
        "/" => reply(
            200,
            "text/html",
            "<html><head><script src=app.js></script></head><body></body></html>",
        ),
        "/about" => reply(
            200,
            "text/html; charset=windows-1252",
            &b"<title>Caf\xe9 M\xfcller</title>"[..],
        ),
        _ => not_found(),
    })
    .await;
    let result = crawl(&base, settings(5)).await.unwrap();
    assert_eq!(result.pages[0].url.path(), "/");
    let about = result
        .pages
        .iter()
        .find(|p| p.url.path() == "/about")
        .unwrap();
    assert!(about.html.contains("Café Müller"));
}

#[tokio::test]
async fn unreachable_and_non_html_home_pages_fail_clearly() {
    let port = crate::helpers::closed_port().await;
    let err = crawl(&format!("http://127.0.0.1:{port}"), settings(5))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Could not reach http://127.0.0.1:{port}/: connection refused")
    );

    let (base, _) = site(|_, path| match path {
        "/" => reply(200, "application/pdf", "%PDF-1.7"),
        _ => not_found(),
    })
    .await;
    let err = crawl(&base, settings(5)).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Could not read {base}/: it is not an HTML page (application/pdf)")
    );
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_once_inside_the_budget() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let about_hits = Arc::new(AtomicUsize::new(0));
    let contact_hits = Arc::new(AtomicUsize::new(0));
    let (a, c) = (about_hits.clone(), contact_hits.clone());
    let busy = |retry_after: &str| {
        hyper::Response::builder()
            .status(429)
            .header("retry-after", retry_after)
            .body(Full::new(Bytes::new()))
            .unwrap()
    };
    let (base, _) = site(move |_, path| match path {
        "/" => page("Home", r#"<a href="/about">a</a><a href="/contact">c</a>"#),
        // Busy once, then fine: retried after the second it asked for.
        "/about" if a.fetch_add(1, Ordering::SeqCst) == 0 => busy("1"),
        "/about" => page("About", "x"),
        // Asks for longer than we wait: skipped, not retried.
        "/contact" => {
            c.fetch_add(1, Ordering::SeqCst);
            busy("3600")
        }
        _ => not_found(),
    })
    .await;
    let mut s = settings(5);
    s.few_candidates = 0;
    let result = crawl(&base, s).await.unwrap();
    assert_eq!(paths(&result), ["/", "/about"]);
    assert_eq!(about_hits.load(Ordering::SeqCst), 2);
    assert_eq!(contact_hits.load(Ordering::SeqCst), 1);
    assert_eq!(result.progress.pages_skipped.error, 1);
}
