//! What a fetched page points at: its links and its declared canonical URL.

use scraper::{Html, Selector};
use url::Url;

use super::canonical::{canonicalize, resolve_link};

/// Most links taken from one page; a page with a million anchors is not a site map.
const MAX_LINKS: usize = 2_000;

/// Same-site links of `html` (fetched from `page`), resolved and canonical, in page order,
/// without duplicates.
pub fn same_site_links(html: &str, page: &Url, root: &Url) -> Vec<Url> {
    let doc = crate::html::parse_untrusted(html);
    let base = base_href(&doc, page).unwrap_or_else(|| page.clone());
    let selector = Selector::parse("a[href], area[href]").expect("static selector");
    let mut seen = std::collections::HashSet::new();
    doc.select(&selector)
        .filter(|a| {
            // rel=nofollow is about endorsement, not crawling; but "external" links leave the site.
            !a.value().attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("external"))
            })
        })
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|href| resolve_link(href, &base, root))
        .filter(|u| seen.insert(u.clone()))
        .take(MAX_LINKS)
        .collect()
}

/// `<link rel="canonical" href>`, resolved against the page, when it is an http(s) URL.
pub fn canonical_url(html: &str, page: &Url) -> Option<Url> {
    let doc = crate::html::parse_untrusted(html);
    let selector = Selector::parse("link[rel][href]").expect("static selector");
    doc.select(&selector)
        .find(|l| {
            l.value().attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| l.value().attr("href"))
        .and_then(|href| page.join(href.trim()).ok())
        .and_then(|u| canonicalize(&u))
}

fn base_href(doc: &Html, page: &Url) -> Option<Url> {
    let selector = Selector::parse("base[href]").expect("static selector");
    let href = doc.select(&selector).next()?.value().attr("href")?;
    page.join(href.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_resolved_deduplicated_and_kept_on_site() {
        let root = Url::parse("https://www.example.com/").unwrap();
        let page = Url::parse("https://www.example.com/en/").unwrap();
        let html = r##"
            <a href="about">About</a>
            <a href="/contact#form">Contact</a>
            <a href="/contact">Contact again</a>
            <a href="https://example.com/services?utm_source=x">Services</a>
            <a href="http://www.example.com/pricing">Pricing</a>
            <a href="https://other.example.org/">Elsewhere</a>
            <a href="mailto:hi@example.com">Mail</a>
            <a href="tel:+15551234567">Call</a>
            <a href="javascript:void(0)">JS</a>
            <a href="/partner" rel="external">Partner</a>"##;
        let links: Vec<String> = same_site_links(html, &page, &root)
            .iter()
            .map(Url::to_string)
            .collect();
        assert_eq!(
            links,
            [
                "https://www.example.com/en/about",
                "https://www.example.com/contact",
                // The bare host is the same site: it is keyed by the root's host.
                "https://www.example.com/services",
                "https://www.example.com/pricing",
            ]
        );
    }

    #[test]
    fn base_href_and_canonical() {
        let page = Url::parse("https://example.com/a/b").unwrap();
        let html = r#"<head><base href="https://example.com/x/"><link rel="Canonical" href="/a/b?utm_medium=y#top"></head><a href="c">c</a>"#;
        assert_eq!(
            same_site_links(html, &page, &page)[0].as_str(),
            "https://example.com/x/c"
        );
        assert_eq!(
            canonical_url(html, &page).unwrap().as_str(),
            "https://example.com/a/b"
        );
        assert_eq!(canonical_url("<p>none</p>", &page), None);
    }
}
