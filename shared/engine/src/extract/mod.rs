//! Facts from pages: each page's metadata, structured data, contacts, offerings and main text
//! ([`extract_page`]), merged across a site into one [`BusinessProfile`] ([`merge_pages`]).

pub mod contacts;
pub mod facts;
pub mod main_text;
pub mod meta;
pub mod names;
pub mod names_weighed;
pub mod offerings;
pub mod platforms;
pub mod profile;
#[cfg(test)]
mod region_sites_tests;
pub mod shell;
pub mod site_pages;
pub mod structured;
pub mod trust;

use url::Url;

use crate::html::parse_untrusted;

pub use facts::{
    Address, BusinessProfile, Confidence, Email, Faq, Hours, Link, Origin, PageFacts, Phone,
    Provenance, Service, TextFact, MAX_MAIN_TEXT_WORDS,
};
pub use meta::{extract_meta, PageMeta};
pub use profile::{merge_pages, name_from_home};

/// What an extractor knows about the page besides its markup.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub url: Url,
    /// ISO 3166-1 alpha-2 region used to read national phone numbers and addresses
    /// (`US`, `GB`); from the site's country-code domain or its language tag.
    pub region: Option<String>,
    /// The page's language tag as written (`en-GB`, `nl`), a hint to the country too.
    pub language: Option<String>,
    /// The region the page's `hreflang` alternates give it (`GB` for `en-GB`), another hint.
    pub hreflang_region: Option<String>,
    /// Countries the site's other pages write phone numbers in with a country code (`+61 …`).
    pub site_countries: Vec<String>,
}

impl PageContext {
    pub fn new(url: Url, language: Option<&str>) -> Self {
        let region = region_for(&url, language);
        Self {
            url,
            region,
            language: language.map(str::to_owned),
            hreflang_region: None,
            site_countries: Vec::new(),
        }
    }

    pub fn source(&self) -> String {
        self.url.to_string()
    }
}

/// All the facts one page gives. `language_header` is the response's Content-Language.
pub fn extract_page(html: &str, url: &Url, language_header: Option<&str>) -> PageFacts {
    extract_page_with_meta(html, url, language_header).0
}

/// [`extract_page`], and the page's own metadata from the same parse (the pipeline keeps the
/// home page's for the generator).
pub fn extract_page_with_meta(
    html: &str,
    url: &Url,
    language_header: Option<&str>,
) -> (PageFacts, PageMeta) {
    extract_page_in_site(html, url, language_header, &[])
}

/// [`extract_page_with_meta`] for a page of a site whose other pages write phone numbers with
/// these country codes: evidence for reading this page's national numbers
/// ([`PageFacts::phone_countries`] of the other pages).
pub fn extract_page_in_site(
    html: &str,
    url: &Url,
    language_header: Option<&str>,
    site_countries: &[String],
) -> (PageFacts, PageMeta) {
    extract_parsed_in_site(parse_untrusted(html), url, language_header, site_countries)
}

/// [`extract_page_in_site`] of a page already parsed (with [`parse_untrusted`]): its HTML need
/// not be held while the extractors read it.
pub fn extract_parsed_in_site(
    mut doc: scraper::Html,
    url: &Url,
    language_header: Option<&str>,
    site_countries: &[String],
) -> (PageFacts, PageMeta) {
    // Text aimed at AI readers goes first, so nothing below reads it.
    let mut planted = trust::drop_planted(&mut doc);
    let mut meta = meta::meta_from_doc(&doc);
    planted += drop_planted_meta(&mut meta);
    let declared = meta.language.clone().or_else(|| {
        language_header
            .and_then(|h| h.split(',').next())
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty() && l.len() <= 35)
    });
    let main_text = main_text::main_text_words(&doc, facts::MAX_MAIN_TEXT_WORDS);
    // What the text is written in beats a missing or template-default `lang`.
    let language = crate::lang::detect::page_language(declared.as_deref(), &main_text);
    let mut ctx = PageContext::new(url.clone(), language.as_deref());
    ctx.hreflang_region = contacts::hreflang::hreflang_region(&doc, url, language.as_deref());
    ctx.site_countries = site_countries.to_vec();
    let mut page = PageFacts {
        url: ctx.source(),
        title: meta.title.clone(),
        language,
        canonical: meta.canonical.clone(),
        ..PageFacts::default()
    };
    meta::collect(&meta, &ctx, &mut page);
    structured::collect(&doc, &ctx, &mut page);
    page.main_text = main_text;
    // What visitors wrote and what nobody sees may inform the main text's tone (reviews are
    // already left out of it as comments) but never give a contact, an hour or a price.
    trust::drop_untrusted(&mut doc);
    contacts::collect(&doc, &ctx, &mut page);
    offerings::collect(&doc, &ctx, &mut page);
    page.copyright = names::copyright_in(&doc).map(|(holder, line)| TextFact {
        value: holder,
        provenance: Provenance::new(ctx.source(), Origin::Text, Some(&line)),
    });
    planted += drop_planted_facts(&mut page);
    page.planted_blocks = u32::try_from(planted).unwrap_or(u32::MAX);
    (page, meta)
}

/// Page metadata aimed at AI readers (a planted description or title) is dropped.
fn drop_planted_meta(meta: &mut PageMeta) -> usize {
    let mut dropped = 0;
    for field in [
        &mut meta.title,
        &mut meta.description,
        &mut meta.site_name,
        &mut meta.og_title,
    ] {
        if field
            .as_deref()
            .is_some_and(|v| trust::injection::aimed_at_machines(v).is_some())
        {
            *field = None;
            dropped += 1;
        }
    }
    dropped
}

/// Facts from structured data carry their own text (a JSON-LD description, an FAQ answer): one
/// aimed at AI readers is dropped.
fn drop_planted_facts(page: &mut PageFacts) -> usize {
    let planted = |text: &str| trust::injection::aimed_at_machines(text).is_some();
    let before = page.descriptions.len() + page.names.len() + page.faqs.len() + page.services.len();
    page.descriptions.retain(|d| !planted(&d.value));
    page.names.retain(|n| !planted(&n.value));
    page.faqs
        .retain(|f| !planted(&f.question) && !planted(&f.answer));
    page.services
        .retain(|s| !planted(&s.name) && !s.description.as_deref().is_some_and(planted));
    before - (page.descriptions.len() + page.names.len() + page.faqs.len() + page.services.len())
}

/// The region a site most likely serves: its country-code TLD, else its language's region
/// subtag (`en-GB`), else none (callers then accept only numbers written internationally or
/// guess from context).
fn region_for(url: &Url, language: Option<&str>) -> Option<String> {
    let tld = url
        .host_str()
        .and_then(|h| h.trim_end_matches('.').rsplit('.').next())
        .map(|t| t.to_ascii_uppercase());
    let from_tld = tld.and_then(|t| match t.as_str() {
        "UK" => Some("GB".to_owned()),
        t if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) => {
            // Generic-looking ccTLDs used worldwide say nothing about the country.
            (!matches!(
                t,
                "IO" | "CO" | "AI" | "ME" | "TV" | "FM" | "LY" | "GG" | "SH" | "AC"
            ))
            .then(|| t.to_owned())
        }
        _ => None,
    });
    from_tld.or_else(|| {
        language
            .and_then(|l| l.split(['-', '_']).nth(1))
            .filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
            .map(|r| r.to_ascii_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Url {
        Url::parse("https://acme.com/").unwrap()
    }

    /// A page whose prose fills the visible-text cap (2 MiB of it, the fetcher's page cap)
    /// still gives the phone number and address its footer carries, as the short page does.
    #[test]
    fn a_long_page_still_gives_its_footer_contacts() {
        let section = "<section><h3>Patient story</h3><p>We have cared for families on the waterfront for years, with gentle check-ups, careful cleanings and honest advice about what each smile needs next.</p></section>";
        let page = |sections: usize| {
            format!(
                "<html lang=\"en-US\"><body><main>{}</main><footer><p>Call us at (415) 555-0134</p><p>100 Main Street, San Francisco, CA 94111</p><p>Write to hello@harborviewdental.example</p><p>Hours: Monday to Friday 8am to 6pm</p></footer></body></html>",
                section.repeat(sections)
            )
        };
        let short = extract_page(&page(3), &url(), None);
        let long = extract_page(&page(2 * 1024 * 1024 / section.len()), &url(), None);
        let phones = |p: &PageFacts| p.phones.iter().map(|p| p.e164.clone()).collect::<Vec<_>>();
        let addresses = |p: &PageFacts| {
            p.addresses
                .iter()
                .map(|a| a.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(phones(&short), ["+14155550134"]);
        assert_eq!(
            addresses(&short),
            ["100 Main Street, San Francisco, CA 94111"]
        );
        assert_eq!(phones(&long), phones(&short));
        assert_eq!(addresses(&long), addresses(&short));
        let emails = |p: &PageFacts| {
            p.emails
                .iter()
                .map(|e| e.address.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(emails(&short), ["hello@harborviewdental.example"]);
        assert_eq!(emails(&long), emails(&short));
        assert_eq!(short.hours.len(), 1, "{:?}", short.hours);
        assert_eq!(long.hours, short.hours);
    }

    #[test]
    fn hostile_pages_finish_without_panicking() {
        // 10 MB of one text node; the parse is capped at html::MAX_HTML_BYTES.
        let big = format!(
            "<html><body><p>{}</p></body></html>",
            "word ".repeat(2_000_000)
        );
        let page = extract_page(&big, &url(), None);
        assert_eq!(page.url, "https://acme.com/");
        // 100,000 nested elements: no recursion may follow the depth.
        let deep = format!(
            "{}text{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        extract_page(&deep, &url(), None);
        // A 5 MB JSON-LD block beside a valid one.
        let json = format!(
            r#"<script type="application/ld+json">{{"@type":"Organization","description":"{}"}}</script>
            <script type="application/ld+json">{{"@type":"Organization","name":"Acme"}}</script>"#,
            "x".repeat(5_000_000)
        );
        extract_page(&json, &url(), None);
        // Binary garbage served as HTML, cut inside a multi-byte character.
        let garbage: String = (0..3_000_000u32)
            .map(|i| char::from_u32((i.wrapping_mul(2_654_435_761) >> 8) % 0x2FFF).unwrap_or('?'))
            .collect();
        extract_page(&garbage, &url(), Some("en-GB, fr"));
        // Unclosed everything.
        extract_page("<html><head><title>Acme<script>{", &url(), None);
    }

    /// Random tag soup from the pieces extractors look for: a cheap, deterministic stand-in for a
    /// fuzzer that runs with every `cargo test`.
    #[test]
    fn random_tag_soup_never_panics_and_stays_bounded() {
        const PIECES: &[&str] = &[
            "<div>",
            "</div>",
            "<p>",
            "<li>",
            "<ul>",
            "</ul>",
            "<table><tr><td>",
            "</td></tr>",
            "<a href=\"tel:+1415555",
            "<a href='mailto:x@",
            "\">",
            "</a>",
            "<script type=\"application/ld+json\">",
            "{\"@type\":\"LocalBusiness\",\"name\":\"",
            "\"telephone\":\"",
            "[",
            "]",
            "}",
            "{",
            "</script>",
            "<details><summary>",
            "?</summary>",
            "<h2>Services</h2>",
            "<h2>FAQ</h2>",
            "Mon–Fri 9am–5pm",
            "Closed Sundays",
            "© 2024 ",
            "(415) 555-0100",
            "+44 20 7946 0958",
            "123 Main St, Springfield, IL 62701",
            "$120",
            "x [at] y [dot] com",
            "<br>",
            "<!--",
            "-->",
            "<address>",
            "</address>",
            "itemscope itemtype=\"https://schema.org/Dentist\"",
            "<span itemprop=\"name\">",
            "</span>",
            "\u{0}",
            "é",
            "日本",
            "\u{202e}",
            "&amp;",
            "&#x0;",
            "<html lang=\"en-GB\">",
            "<title>",
            "</title>",
            "<meta property=\"og:site_name\" content=\"",
            " ",
            "\n",
            "<",
            ">",
            "\"",
            "'",
            "9",
            "0",
        ];
        // 500 cases per `cargo test`; `AB_SOUP_CASES=20000` for a longer hunt (it found an
        // overlapping `<!-->` that sliced backwards in the JSON-LD repair).
        let cases: usize = std::env::var("AB_SOUP_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(500);
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..cases {
            let len = (next() % 400) as usize;
            let html: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let page = extract_page(&html, &url(), None);
            assert!(page.main_text.len() <= html.len() + 16, "{html:?}");
            for phone in &page.phones {
                assert!(phone.e164.starts_with('+'), "{phone:?}");
            }
            let profile = merge_pages(std::slice::from_ref(&page));
            assert!(profile.phones.len() <= page.phones.len());
        }
    }

    #[test]
    fn content_language_header_is_the_fallback_language() {
        let page = extract_page("<p>Hallo</p>", &url(), Some("de-DE, en"));
        assert_eq!(page.language.as_deref(), Some("de-DE"));
        let page = extract_page(r#"<html lang="nl"><p>Hallo</p>"#, &url(), Some("de-DE"));
        assert_eq!(page.language.as_deref(), Some("nl"));
    }

    #[test]
    fn region_comes_from_the_country_domain_then_the_language() {
        let url = |u: &str| Url::parse(u).unwrap();
        assert_eq!(
            region_for(&url("https://smiths.co.uk/"), None).as_deref(),
            Some("GB")
        );
        assert_eq!(
            region_for(&url("https://praxis.de/"), Some("en")).as_deref(),
            Some("DE")
        );
        assert_eq!(
            region_for(&url("https://acme.io/"), Some("en-AU")).as_deref(),
            Some("AU")
        );
        assert_eq!(region_for(&url("https://acme.com/"), Some("en")), None);
    }
}
