//! The region a page's `hreflang` alternates give it: `<link rel="alternate" hreflang="en-GB">`
//! is how sites on generic domains tell search engines which country each version serves, so it
//! is evidence for reading the page's national phone numbers.

use scraper::{Html, Selector};
use url::Url;

/// Most alternates examined; a page listing thousands says no more than the first ones.
const MAX_ALTERNATES: usize = 200;

/// The page's region by its `hreflang` alternates: the region of the alternate that points at
/// this page itself; else, among the alternates in the page's language, their region if they
/// agree on one (an `en-GB` + `de-AT` site's English page is GB). `None` when the alternates
/// name no region or several for the page's language (an `en-GB` / `en-US` / `en-AU` site).
pub fn hreflang_region(doc: &Html, page_url: &Url, language: Option<&str>) -> Option<String> {
    let selector = Selector::parse("link[rel~=\"alternate\" i][hreflang]").ok()?;
    let alternates: Vec<(String, Option<String>)> = doc
        .select(&selector)
        .take(MAX_ALTERNATES)
        .filter_map(|link| {
            let tag = link.value().attr("hreflang")?.trim().to_owned();
            Some((tag, link.value().attr("href").map(str::to_owned)))
        })
        .collect();
    let own = same_page_key(page_url);
    let mut self_region = None;
    for (tag, href) in &alternates {
        let points_here = href
            .as_deref()
            .and_then(|h| page_url.join(h.trim()).ok())
            .is_some_and(|u| same_page_key(&u) == own);
        if points_here {
            self_region = region_of(tag);
            break;
        }
    }
    if self_region.is_some() {
        return self_region;
    }
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let page_primary = primary(language?);
    let mut regions: Vec<String> = alternates
        .iter()
        .filter(|(tag, _)| primary(tag) == page_primary)
        .filter_map(|(tag, _)| region_of(tag))
        .collect();
    regions.sort();
    regions.dedup();
    match regions.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// `en-GB` → `GB`, `de_at` → `AT`, `en-gb-x-custom` → `GB`; `x-default`, `en`, `zh-Hant`
/// and `es-419` (a UN area, not a country) give none.
fn region_of(tag: &str) -> Option<String> {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next()?;
    if primary.eq_ignore_ascii_case("x") {
        return None;
    }
    parts
        .find(|p| p.len() == 2)
        .filter(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|p| match p.to_ascii_uppercase().as_str() {
            "UK" => "GB".to_owned(),
            other => other.to_owned(),
        })
}

/// A URL as compared for "the same page": host without `www.`, path without a trailing slash,
/// the query kept, scheme and fragment ignored.
fn same_page_key(url: &Url) -> String {
    format!(
        "{}{}?{}",
        url.host_str()
            .unwrap_or_default()
            .trim_start_matches("www."),
        url.path().trim_end_matches('/'),
        url.query().unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(html: &str, url: &str, language: Option<&str>) -> Option<String> {
        hreflang_region(
            &Html::parse_document(html),
            &Url::parse(url).unwrap(),
            language,
        )
    }

    const ALTERNATES: &str = r#"<head>
        <link rel="alternate" hreflang="en-GB" href="https://acme.com/">
        <link rel="alternate" hreflang="de-AT" href="https://acme.com/de/">
        <link rel="alternate" hreflang="x-default" href="https://acme.com/">
        </head>"#;

    #[test]
    fn the_alternate_pointing_at_the_page_gives_its_region() {
        assert_eq!(
            region(ALTERNATES, "https://www.acme.com", Some("en")).as_deref(),
            Some("GB")
        );
        assert_eq!(
            region(ALTERNATES, "http://acme.com/de", None).as_deref(),
            Some("AT")
        );
        // Relative hrefs, `_` separators and odd case.
        let html = r#"<link rel="Alternate" hreflang="en_ie" href="/contact/">
                      <link rel="alternate" hreflang="en-US" href="/us/contact/">"#;
        assert_eq!(
            region(html, "https://acme.com/contact", Some("en")).as_deref(),
            Some("IE")
        );
    }

    #[test]
    fn otherwise_the_alternates_in_the_pages_language_must_agree() {
        // The page is not listed, but its language has one region among the alternates.
        assert_eq!(
            region(ALTERNATES, "https://acme.com/about", Some("en")).as_deref(),
            Some("GB")
        );
        assert_eq!(
            region(ALTERNATES, "https://acme.com/de/kontakt", Some("de-DE")).as_deref(),
            Some("AT")
        );
        // An international English site says nothing about one English page.
        let html = r#"<link rel="alternate" hreflang="en-GB" href="/uk/">
                      <link rel="alternate" hreflang="en-US" href="/us/">
                      <link rel="alternate" hreflang="en-AU" href="/au/">"#;
        assert_eq!(region(html, "https://acme.com/about", Some("en")), None);
        // No language, no self-reference: nothing.
        assert_eq!(region(ALTERNATES, "https://acme.com/about", None), None);
    }

    #[test]
    fn tags_without_a_country_give_none() {
        let html = r#"<link rel="alternate" hreflang="en" href="/">
                      <link rel="alternate" hreflang="x-default" href="/">
                      <link rel="alternate" hreflang="es-419" href="/">
                      <link rel="stylesheet" hreflang="en-GB" href="/">"#;
        assert_eq!(region(html, "https://acme.com/", Some("en")), None);
        assert_eq!(region("", "https://acme.com/", Some("en")), None);
        assert_eq!(region_of("en-UK").as_deref(), Some("GB"));
        assert_eq!(region_of("zh-Hant-TW").as_deref(), Some("TW"));
    }
}
