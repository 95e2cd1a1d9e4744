//! The crawl's page-byte budget against real HTTP servers on 127.0.0.1: big pages with and
//! without Content-Length, slow and stalled bodies, small pages at full concurrency, and the
//! bytes given back however a fetch ends.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::crawler::{CrawlSettings, CrawledPage, Crawler};
use super::fetch::{FetchSettings, HttpFetcher};
use super::NoProgress;
use crate::domain::{NetworkPolicy, SiteUrl};

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

#[derive(Clone, Copy, PartialEq)]
enum Framing {
    ContentLength,
    /// No length: the body ends when the connection closes.
    Close,
    Chunked,
}

#[derive(Clone)]
struct Reply {
    status: u16,
    body: Vec<u8>,
    framing: Framing,
    /// The Content-Length sent, when not the body's (a server that promises more).
    promised: Option<usize>,
    /// Written in pieces of this size with `pause` before each.
    piece: usize,
    pause: Duration,
    /// Wait this long before answering at all.
    delay: Duration,
    /// Send this many body bytes, then hold the connection open without a word.
    stall_after: Option<usize>,
}

fn html(body: String) -> Reply {
    Reply {
        status: 200,
        body: body.into_bytes(),
        framing: Framing::ContentLength,
        promised: None,
        piece: 64 * KIB,
        pause: Duration::ZERO,
        delay: Duration::ZERO,
        stall_after: None,
    }
}

fn not_found() -> Reply {
    Reply {
        status: 404,
        ..html(String::new())
    }
}

/// A page of about `size` bytes whose title names it.
fn big_page(name: &str, size: usize) -> String {
    let head = format!("<html><head><title>{name}</title></head><body><p>");
    let tail = "</p></body></html>";
    let filler = "lorem ipsum dolor sit amet ".repeat(size / 27 + 1);
    format!("{head}{}{tail}", &filler[..size - head.len() - tail.len()])
}

fn home_linking(paths: &[String]) -> Reply {
    let links: String = paths
        .iter()
        .map(|p| format!(r#"<a href="{p}">{p}</a>"#))
        .collect();
    html(format!(
        "<html><head><title>Home</title></head><body>{links}</body></html>"
    ))
}

struct Site {
    base: String,
    /// The most requests answered at once.
    most_open: Arc<AtomicUsize>,
}

/// Serves `handler(path)` over raw HTTP/1.1, one request per connection.
async fn serve(handler: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Site {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let handler = Arc::new(handler);
    let open = Arc::new(AtomicUsize::new(0));
    let most_open = Arc::new(AtomicUsize::new(0));
    let (open2, most2) = (open.clone(), most_open.clone());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (handler, open, most) = (handler.clone(), open2.clone(), most2.clone());
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let now = open.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let reply = handler(&path);
                let _ = answer(&mut stream, &reply).await;
                open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Site { base, most_open }
}

async fn answer(stream: &mut tokio::net::TcpStream, reply: &Reply) -> std::io::Result<()> {
    tokio::time::sleep(reply.delay).await;
    let framing = match reply.framing {
        Framing::ContentLength => format!(
            "content-length: {}\r\n",
            reply.promised.unwrap_or(reply.body.len())
        ),
        Framing::Close => String::new(),
        Framing::Chunked => "transfer-encoding: chunked\r\n".to_owned(),
    };
    let head = format!(
        "HTTP/1.1 {} X\r\ncontent-type: text/html; charset=utf-8\r\nconnection: close\r\n{framing}\r\n",
        reply.status
    );
    stream.write_all(head.as_bytes()).await?;
    let mut sent = 0;
    for piece in reply.body.chunks(reply.piece) {
        if reply.stall_after.is_some_and(|n| sent >= n) {
            // Hold the connection open, silent, until the client gives up.
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
        tokio::time::sleep(reply.pause).await;
        if reply.framing == Framing::Chunked {
            stream
                .write_all(format!("{:x}\r\n", piece.len()).as_bytes())
                .await?;
            stream.write_all(piece).await?;
            stream.write_all(b"\r\n").await?;
        } else {
            stream.write_all(piece).await?;
        }
        sent += piece.len();
    }
    if reply.framing == Framing::Chunked {
        stream.write_all(b"0\r\n\r\n").await?;
    }
    stream.shutdown().await
}

fn crawler(held: usize, max_body: usize, request_timeout: Duration) -> Crawler {
    let fetch = FetchSettings {
        request_timeout,
        connect_timeout: Duration::from_secs(2),
        max_body_bytes: max_body,
        ..FetchSettings::default()
    };
    Crawler::new(
        Arc::new(HttpFetcher::new(fetch, NetworkPolicy::AllowPrivate).unwrap()),
        CrawlSettings {
            max_pages: 25,
            budget: Duration::from_secs(30),
            max_page_bytes_held: held,
            ..CrawlSettings::default()
        },
    )
}

/// What the reader saw of each page: its path, length, whether it was cut.
type Seen = Vec<(String, usize, bool)>;

/// Crawls `site`, sampling the crawler's held page bytes throughout; returns the pages read
/// and the most bytes held at once.
async fn crawl_sampling(crawler: Arc<Crawler>, site: &Site) -> (Seen, usize) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    let reader: super::PageReader<()> = Arc::new(move |page: CrawledPage| {
        seen2
            .lock()
            .unwrap()
            .push((page.url.path().to_owned(), page.html.len(), page.truncated));
    });
    let most = Arc::new(AtomicUsize::new(0));
    let (sampled, most2) = (crawler.clone(), most.clone());
    let sampler = tokio::spawn(async move {
        loop {
            most2.fetch_max(sampled.page_bytes_held(), Ordering::SeqCst);
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
    });
    let start = SiteUrl::parse(&site.base, NetworkPolicy::AllowPrivate).unwrap();
    crawler
        .crawl_reading(&start, Duration::from_secs(30), &NoProgress, reader)
        .await
        .unwrap();
    sampler.abort();
    let mut seen = seen.lock().unwrap().clone();
    seen.sort();
    (seen, most.load(Ordering::SeqCst))
}

fn page_paths(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("/page-{i}")).collect()
}

/// Twelve pages of `size` bytes behind a home page, served with `framing` in slow pieces.
async fn big_site(size: usize, framing: Framing) -> Site {
    let paths = page_paths(12);
    serve(move |path| match path {
        "/" => home_linking(&paths),
        p if p.starts_with("/page-") => Reply {
            framing,
            pause: Duration::from_millis(2),
            ..html(big_page(p, size))
        },
        _ => not_found(),
    })
    .await
}

#[tokio::test]
async fn many_big_pages_are_read_whole_while_the_bytes_held_stay_inside_the_budget() {
    for framing in [Framing::ContentLength, Framing::Close, Framing::Chunked] {
        let size = 900 * KIB;
        let site = big_site(size, framing).await;
        let crawler = Arc::new(crawler(2 * MIB, MIB, Duration::from_secs(20)));
        let (seen, most) = crawl_sampling(crawler.clone(), &site).await;

        let pages: Vec<&(String, usize, bool)> = seen.iter().filter(|(p, ..)| p != "/").collect();
        assert_eq!(pages.len(), 12, "every page read: {seen:?}");
        for (path, len, truncated) in pages {
            assert_eq!(*len, size, "{path} whole");
            assert!(!truncated, "{path} not cut");
        }
        // The budget, plus at most one page read past it when only reads held bytes. Without
        // the budget the six fetch slots hold six pages (5.3 MiB) ahead of the parser.
        assert!(
            most <= 2 * MIB + MIB,
            "at most 3 MiB held at once, held {most}"
        );
        assert!(most >= size, "the pages were counted: {most}");
        assert_eq!(crawler.page_bytes_held(), 0, "all given back");
    }
}

#[tokio::test]
async fn small_pages_are_fetched_at_the_full_concurrency() {
    let paths = page_paths(12);
    let site = serve(move |path| match path {
        "/" => home_linking(&paths),
        p if p.starts_with("/page-") => Reply {
            delay: Duration::from_millis(500),
            ..html(big_page(p, 20 * KIB))
        },
        _ => not_found(),
    })
    .await;
    // A budget far smaller than the default still leaves room for six small pages at once.
    let crawler = Arc::new(crawler(256 * KIB, MIB, Duration::from_secs(20)));
    let (seen, _) = crawl_sampling(crawler.clone(), &site).await;
    assert_eq!(seen.len(), 13);
    assert_eq!(
        site.most_open.load(Ordering::SeqCst),
        CrawlSettings::default().concurrency,
        "six requests at once, as without a budget"
    );
    assert_eq!(crawler.page_bytes_held(), 0);
}

#[tokio::test]
async fn stalled_and_broken_bodies_give_their_bytes_back() {
    let paths = page_paths(8);
    let site = serve(move |path| {
        let page = html(big_page(path, 600 * KIB));
        match path {
            "/" => home_linking(&paths),
            // Half a page, then silence until the request times out: kept as cut.
            "/page-0" | "/page-1" => Reply {
                framing: Framing::Close,
                stall_after: Some(300 * KIB),
                ..page
            },
            // Promises more than it sends and closes: kept as cut after some bytes, skipped
            // after none.
            "/page-2" => Reply {
                promised: Some(page.body.len()),
                body: page.body[..100 * KIB].to_vec(),
                ..page
            },
            "/page-3" => Reply {
                promised: Some(page.body.len()),
                body: Vec::new(),
                ..page
            },
            p if p.starts_with("/page-") => Reply {
                framing: Framing::Chunked,
                ..page
            },
            _ => not_found(),
        }
    })
    .await;
    let crawler = Arc::new(crawler(MIB, MIB, Duration::from_secs(2)));
    let (seen, most) = crawl_sampling(crawler.clone(), &site).await;
    let cut: Vec<&str> = seen
        .iter()
        .filter(|(.., truncated)| *truncated)
        .map(|(p, ..)| p.as_str())
        .collect();
    assert_eq!(cut, ["/page-0", "/page-1", "/page-2"], "{seen:?}");
    assert!(!seen.iter().any(|(p, ..)| p == "/page-3"), "{seen:?}");
    assert!(seen
        .iter()
        .any(|(p, len, _)| p == "/page-7" && *len == 600 * KIB));
    assert!(most <= 2 * MIB, "held {most}");
    assert_eq!(crawler.page_bytes_held(), 0, "all given back");
}

#[tokio::test]
async fn a_crawl_dropped_midway_gives_its_bytes_back_and_the_next_crawl_runs() {
    let site = big_site(800 * KIB, Framing::Chunked).await;
    let crawler = Arc::new(crawler(MIB, MIB, Duration::from_secs(20)));
    let start = SiteUrl::parse(&site.base, NetworkPolicy::AllowPrivate).unwrap();
    let mut dropped = Box::pin(crawler.crawl_within(&start, Duration::from_secs(30), &NoProgress));
    // Run until the crawl holds page bytes, then drop it there.
    loop {
        tokio::select! {
            _ = &mut dropped => panic!("the crawl should still be running"),
            _ = tokio::time::sleep(Duration::from_millis(1)) => {}
        }
        if crawler.page_bytes_held() > 0 {
            break;
        }
    }
    drop(dropped);
    assert_eq!(crawler.page_bytes_held(), 0, "all given back");
    let (seen, _) = crawl_sampling(crawler.clone(), &site).await;
    assert_eq!(seen.len(), 13);
}

#[tokio::test]
async fn two_crawls_of_one_crawler_share_the_budget_and_both_finish() {
    let first = big_site(700 * KIB, Framing::Chunked).await;
    let second = big_site(700 * KIB, Framing::Close).await;
    let crawler = Arc::new(crawler(MIB + MIB / 2, MIB, Duration::from_secs(20)));
    let ((a, most_a), (b, most_b)) = tokio::join!(
        crawl_sampling(crawler.clone(), &first),
        crawl_sampling(crawler.clone(), &second)
    );
    assert_eq!((a.len(), b.len()), (13, 13));
    assert!(a.iter().chain(&b).all(|(_, _, truncated)| !truncated));
    assert!(
        most_a.max(most_b) <= MIB + MIB / 2 + MIB,
        "held {most_a} / {most_b}"
    );
    assert_eq!(crawler.page_bytes_held(), 0);
}
