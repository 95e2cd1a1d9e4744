//! Extraction speed on the article-extraction benchmark's 181 real pages (scrapinghub), one
//! core: HTML parsing alone, main text with parsing, and the whole per-page extraction
//! (`extract_page`: metadata, structured data, contacts, offerings, main text). Prints MB/s and
//! pages/s of each, best of a few rounds, and the main text's F1 on the same pages.
//!
//!   ARTICLE_CORPUS=../shared/peer-suites/article-extraction cargo bench -p agent-builder --bench extract
//!   (ROUNDS=5 to change the number of rounds)

use std::time::{Duration, Instant};

use agent_builder_local::eval_article::{evaluate, load_suite, ArticlePage};
use agent_builder_shared::extract::extract_page;
use agent_builder_shared::extract::main_text::main_text_of_html;
use url::Url;

fn best_of(rounds: usize, pages: &[ArticlePage], mut run: impl FnMut(&ArticlePage)) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for page in pages {
                run(page);
            }
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn report(name: &str, bytes: usize, pages: usize, elapsed: Duration) {
    let secs = elapsed.as_secs_f64();
    println!(
        "{name:<34} {:>7.1} MB/s {:>7.0} pages/s  ({:.3} s for {pages} pages, {:.1} MB)",
        bytes as f64 / 1e6 / secs,
        pages as f64 / secs,
        secs,
        bytes as f64 / 1e6
    );
}

fn main() {
    let Some(folder) = std::env::var_os("ARTICLE_CORPUS") else {
        eprintln!(
            "Set ARTICLE_CORPUS to the article-extraction suite (ground-truth.json and \
             html/*.html.gz), e.g.\n  ARTICLE_CORPUS=../shared/peer-suites/article-extraction \
             cargo bench -p agent-builder --bench extract"
        );
        return;
    };
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let pages = match load_suite(std::path::Path::new(&folder)) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("cannot read the suite: {e}");
            std::process::exit(2);
        }
    };
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let url = Url::parse("https://www.example.com/article").expect("static URL");

    let parse = best_of(rounds, &pages, |p| {
        std::hint::black_box(scraper::Html::parse_document(&p.html));
    });
    report(
        "HTML parsing (scraper/html5ever)",
        bytes,
        pages.len(),
        parse,
    );
    let main_text = best_of(rounds, &pages, |p| {
        std::hint::black_box(main_text_of_html(&p.html));
    });
    report("main text, parsing included", bytes, pages.len(), main_text);
    let whole = best_of(rounds, &pages, |p| {
        std::hint::black_box(extract_page(&p.html, &url, None));
    });
    report("extract_page (all extractors)", bytes, pages.len(), whole);

    let score = evaluate(&pages, main_text_of_html).score;
    println!(
        "main text quality: precision {:.3}, recall {:.3}, F1 {:.3}",
        score.precision, score.recall, score.f1
    );
}
