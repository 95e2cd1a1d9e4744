//! The safe fetcher against real HTTP servers on 127.0.0.1, including hostile ones: redirect
//! loops, redirects into private networks, endless and compressed-bomb bodies, servers that
//! never answer, legacy charsets.

use bytes::Bytes;
use flate2::write::GzEncoder;
use flate2::Compression;
use http_body_util::Full;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

use agent_builder_core::domain::NetworkPolicy;
use agent_builder_engine::config::FetchSettings;
use agent_builder_engine::crawl::guard::GuardedResolver;
use agent_builder_engine::crawl::{FetchError, Fetcher, HttpFetcher};

use crate::helpers::{serve_with, silent_server};

type Reply = hyper::Response<Full<Bytes>>;

fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<Bytes>) -> Reply {
    let mut builder = hyper::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Full::new(body.into())).unwrap()
}

fn fetcher(policy: NetworkPolicy, max_body_bytes: usize) -> HttpFetcher {
    HttpFetcher::new(
        FetchSettings {
            request_timeout: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(2),
            max_body_bytes,
            ..FetchSettings::default()
        },
        policy,
    )
    .unwrap()
}

fn url(base: &str, path: &str) -> Url {
    Url::parse(&format!("{base}{path}")).unwrap()
}

#[tokio::test]
async fn follows_a_few_redirects_and_reports_where_it_landed() {
    let base = serve_with(Arc::new(|path: &str| match path {
        "/" => reply(301, &[("location", "/a")], ""),
        "/a" => reply(302, &[("location", "/b")], ""),
        "/b" => reply(
            200,
            &[("content-type", "text/html")],
            "<title>Landed</title>",
        ),
        _ => reply(404, &[], ""),
    }))
    .await;
    let page = fetcher(NetworkPolicy::AllowPrivate, 1 << 20)
        .fetch(&url(&base, "/"))
        .await
        .unwrap();
    assert_eq!(page.url.path(), "/b");
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Landed"));
}

#[tokio::test]
async fn redirect_loops_stop_after_five_hops() {
    let hits = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = hits.clone();
    let base = serve_with(Arc::new(move |path: &str| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let n: u32 = path.trim_start_matches("/r").parse().unwrap_or(0);
        reply(302, &[("location", &format!("/r{}", n + 1))], "")
    }))
    .await;
    let err = fetcher(NetworkPolicy::AllowPrivate, 1 << 20)
        .fetch(&url(&base, "/r0"))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects), "{err:?}");
    assert_eq!(
        hits.load(std::sync::atomic::Ordering::SeqCst),
        6,
        "the first request and five redirects"
    );
}

#[tokio::test]
async fn redirects_into_private_networks_or_other_schemes_are_refused() {
    let base = serve_with(Arc::new(|path: &str| match path {
        "/metadata" => reply(
            302,
            &[("location", "http://169.254.169.254/latest/meta-data/")],
            "",
        ),
        "/mapped" => reply(302, &[("location", "http://[::ffff:169.254.169.254]/")], ""),
        "/file" => reply(302, &[("location", "file:///etc/passwd")], ""),
        _ => reply(404, &[], ""),
    }))
    .await;
    let f = fetcher(NetworkPolicy::AllowPrivate, 1 << 20);
    for path in ["/metadata", "/mapped"] {
        let err = f.fetch(&url(&base, path)).await.unwrap_err();
        assert!(matches!(err, FetchError::Blocked), "{path}: {err:?}");
        assert_eq!(
            err.to_string(),
            "blocked address (private or local network)"
        );
    }
    let err = f.fetch(&url(&base, "/file")).await.unwrap_err();
    assert!(matches!(err, FetchError::InvalidUrl(_)), "{err:?}");
}

#[tokio::test]
async fn the_public_policy_never_connects_to_this_machine() {
    let base = serve_with(Arc::new(|_: &str| reply(200, &[], "secret"))).await;
    let f = fetcher(NetworkPolicy::Public, 1 << 20);
    let err = f.fetch(&url(&base, "/")).await.unwrap_err();
    assert!(matches!(err, FetchError::Blocked), "{err:?}");
    let port = Url::parse(&base).unwrap().port().unwrap();
    // Loopback by name is refused too (the resolver hook's own test covers DNS answers).
    let err = f
        .fetch(&Url::parse(&format!("http://localhost.:{port}/")).unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Blocked), "{err:?}");
}

#[tokio::test]
async fn the_resolver_hook_drops_private_answers() {
    use reqwest::dns::Resolve;
    let resolver = GuardedResolver {
        policy: NetworkPolicy::Public,
    };
    let result = resolver.resolve("localhost".parse().unwrap()).await;
    let err = result.err().expect("loopback answers are refused");
    assert!(err.to_string().contains("blocked address"), "{err}");
    let permissive = GuardedResolver {
        policy: NetworkPolicy::AllowPrivate,
    };
    let addrs: Vec<_> = permissive
        .resolve("localhost".parse().unwrap())
        .await
        .unwrap()
        .collect();
    assert!(addrs.iter().all(|a| a.ip().is_loopback()) && !addrs.is_empty());
}

#[tokio::test]
async fn oversized_bodies_are_cut_at_the_cap_and_still_used() {
    let mut big = b"<html><head><title>Big page</title></head><body>".to_vec();
    big.extend(std::iter::repeat_n(b'x', 3 * 1024 * 1024));
    let big = Bytes::from(big);
    let base = serve_with(Arc::new(move |_: &str| {
        reply(200, &[("content-type", "text/html")], big.clone())
    }))
    .await;
    let page = fetcher(NetworkPolicy::AllowPrivate, 64 * 1024)
        .fetch(&url(&base, "/"))
        .await
        .unwrap();
    assert!(page.truncated);
    assert_eq!(page.bytes, 64 * 1024);
    assert!(page.text.contains("<title>Big page</title>"));
}

#[tokio::test]
async fn a_compression_bomb_is_capped_on_decompressed_bytes() {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(b"<title>Bomb</title>").unwrap();
    encoder.write_all(&vec![b' '; 50 * 1024 * 1024]).unwrap();
    let compressed = Bytes::from(encoder.finish().unwrap());
    assert!(compressed.len() < 200 * 1024, "a small download");
    let base = serve_with(Arc::new(move |_: &str| {
        reply(
            200,
            &[("content-type", "text/html"), ("content-encoding", "gzip")],
            compressed.clone(),
        )
    }))
    .await;
    let page = fetcher(NetworkPolicy::AllowPrivate, 256 * 1024)
        .fetch(&url(&base, "/"))
        .await
        .unwrap();
    assert!(page.truncated);
    assert_eq!(page.bytes, 256 * 1024);
    assert!(page.text.starts_with("<title>Bomb</title>"));
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let base = silent_server().await;
    let started = std::time::Instant::now();
    let err = fetcher(NetworkPolicy::AllowPrivate, 1 << 20)
        .fetch(&url(&base, "/"))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "bounded by the request timeout"
    );
}

#[tokio::test]
async fn legacy_charsets_are_decoded() {
    let base = serve_with(Arc::new(|path: &str| match path {
        "/header" => reply(
            200,
            &[("content-type", "text/html; charset=windows-1252")],
            &b"<title>Caf\xe9 Fran\xe7ais</title>"[..],
        ),
        "/meta" => reply(
            200,
            &[("content-type", "text/html")],
            encoding_rs::SHIFT_JIS
                .encode("<meta charset=\"shift_jis\"><title>東京の寿司</title>")
                .0
                .into_owned(),
        ),
        _ => reply(404, &[], ""),
    }))
    .await;
    let f = fetcher(NetworkPolicy::AllowPrivate, 1 << 20);
    assert!(f
        .fetch(&url(&base, "/header"))
        .await
        .unwrap()
        .text
        .contains("Café Français"));
    assert!(f
        .fetch(&url(&base, "/meta"))
        .await
        .unwrap()
        .text
        .contains("東京の寿司"));
}

#[tokio::test]
async fn non_html_is_fetched_but_not_decoded() {
    let base = serve_with(Arc::new(|_: &str| {
        reply(200, &[("content-type", "application/pdf")], "%PDF-1.7")
    }))
    .await;
    let page = fetcher(NetworkPolicy::AllowPrivate, 1 << 20)
        .fetch(&url(&base, "/"))
        .await
        .unwrap();
    assert!(!page.is_html());
    assert!(page.text.is_empty());
}
