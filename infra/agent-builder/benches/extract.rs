//! Extraction speed on the article-extraction benchmark's 181 real pages (scrapinghub), one
//! core: HTML parsing alone, main text with parsing, and the whole per-page extraction
//! (`extract_page`: metadata, structured data, contacts, offerings, main text). Prints MB/s and
//! pages/s of each, best of a few rounds, and the main text's F1 on the same pages.
//!
//!   ARTICLE_CORPUS=../shared/peer-suites/article-extraction cargo bench -p agent-builder --bench extract
//!   (ROUNDS=5 to change the number of rounds)

use std::time::{Duration, Instant};

use agent_builder_engine::extract::main_text::main_text_of_html;
use agent_builder_engine::extract::{
    contacts, extract_page, main_text, meta, names, offerings, structured, Origin, PageContext,
    PageFacts, Provenance, TextFact,
};
use agent_builder_engine::html::parse_untrusted;
use agent_builder_local::eval_article::{evaluate, load_suite, ArticlePage};
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

    // Where extract_page's time goes: each extractor alone over pages parsed beforehand.
    let docs: Vec<_> = pages.iter().map(|p| parse_untrusted(&p.html)).collect();
    let ctx = PageContext::new(url.clone(), Some("en"));
    let stage = |name: &str, run: &dyn Fn(&scraper::Html, &mut PageFacts)| {
        let mut best = Duration::MAX;
        for _ in 0..rounds {
            let started = Instant::now();
            for doc in &docs {
                let mut out = PageFacts::default();
                run(doc, &mut out);
                std::hint::black_box(out);
            }
            best = best.min(started.elapsed());
        }
        report(&format!("  {name} (parsed page)"), bytes, pages.len(), best);
    };
    stage("metadata", &|d, out| {
        meta::collect(&meta::meta_from_doc(d), &ctx, out)
    });
    stage("structured data", &|d, out| {
        structured::collect(d, &ctx, out)
    });
    stage("contacts", &|d, out| contacts::collect(d, &ctx, out));
    stage("  visible text", &|d, out| {
        out.main_text = contacts::text::visible_text(d).text;
    });
    let texts: Vec<_> = docs.iter().map(contacts::text::visible_text).collect();
    let sub = |name: &str, run: &dyn Fn(&contacts::text::VisibleText)| {
        let mut best = Duration::MAX;
        for _ in 0..rounds {
            let started = Instant::now();
            for t in &texts {
                run(t);
            }
            best = best.min(started.elapsed());
        }
        report(&format!("    {name}"), bytes, pages.len(), best);
    };
    sub("addresses", &|t| {
        std::hint::black_box(contacts::address::addresses_in_text(
            &t.text,
            &t.address_blocks,
            None,
        ));
    });
    sub("regions", &|t| {
        let a = contacts::address::addresses_in_text(&t.text, &t.address_blocks, None);
        std::hint::black_box(contacts::region::phone_regions(&ctx, &t.links, &t.text, &a));
    });
    sub("phones", &|t| {
        let a = contacts::address::addresses_in_text(&t.text, &t.address_blocks, None);
        let r = contacts::region::phone_regions(&ctx, &t.links, &t.text, &a);
        std::hint::black_box(contacts::phones_in_text::phones_in_text(&t.text, &r));
    });
    sub("emails", &|t| {
        std::hint::black_box(contacts::email::emails_in_text(&t.text));
    });
    sub("hours", &|t| {
        std::hint::black_box(contacts::hours::hours_in_text(&t.text));
    });
    stage("offerings", &|d, out| offerings::collect(d, &ctx, out));
    stage("copyright", &|d, out| {
        out.names
            .extend(names::copyright_in(d).map(|(v, _)| TextFact {
                value: v,
                provenance: Provenance::new("", Origin::Text, None),
            }))
    });
    stage("main text", &|d, out| {
        out.main_text = main_text::main_text(d)
    });

    let score = evaluate(&pages, main_text_of_html).score;
    println!(
        "main text quality: precision {:.3}, recall {:.3}, F1 {:.3}",
        score.precision, score.recall, score.f1
    );
}
