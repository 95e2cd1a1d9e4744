//! The page's own description of itself: title, site name, description, language, canonical.

use scraper::{Html, Selector};
use serde::Serialize;

use super::facts::{Origin, Provenance, TextFact};
use super::{PageContext, PageFacts};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    pub title: Option<String>,
    /// `og:site_name` (or `application-name`).
    pub site_name: Option<String>,
    /// Meta or OpenGraph description.
    pub description: Option<String>,
    /// `<html lang>` (or `http-equiv="content-language"`).
    pub language: Option<String>,
    pub og_title: Option<String>,
    /// `<link rel="canonical">` as written.
    pub canonical: Option<String>,
}

/// Longest value kept for any one field; pages can carry megabytes in a title.
const MAX_FIELD_CHARS: usize = 500;

pub fn extract_meta(html: &str) -> PageMeta {
    meta_from_doc(&crate::html::parse_untrusted(html))
}

pub fn meta_from_doc(doc: &Html) -> PageMeta {
    let meta = |attr: &str, names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            let selector = Selector::parse(&format!("meta[{attr}=\"{name}\" i]")).ok()?;
            doc.select(&selector)
                .filter_map(|el| el.value().attr("content"))
                .map(clean)
                .find(|v| !v.is_empty())
        })
    };
    let title = Selector::parse("title")
        .ok()
        .and_then(|sel| {
            doc.select(&sel)
                .next()
                .map(|t| clean(&t.text().collect::<String>()))
        })
        .filter(|t| !t.is_empty());
    let language = Selector::parse("html")
        .ok()
        .and_then(|sel| doc.select(&sel).next()?.value().attr("lang").map(clean))
        .filter(|l| !l.is_empty() && l.len() <= 35)
        .or_else(|| {
            meta("http-equiv", &["content-language"])
                .map(|l| l.split(',').next().unwrap_or_default().trim().to_owned())
                .filter(|l| !l.is_empty() && l.len() <= 35)
        });
    let canonical = Selector::parse("link[rel~=\"canonical\" i][href]")
        .ok()
        .and_then(|sel| doc.select(&sel).next()?.value().attr("href").map(clean))
        .filter(|c| !c.is_empty());
    PageMeta {
        title,
        site_name: meta("property", &["og:site_name"])
            .or_else(|| meta("name", &["application-name", "og:site_name"])),
        description: meta("name", &["description"])
            .or_else(|| meta("property", &["og:description"])),
        language,
        og_title: meta("property", &["og:title"]),
        canonical,
    }
}

/// Adds the metadata's name and description candidates to the page's facts.
pub fn collect(meta: &PageMeta, ctx: &PageContext, out: &mut PageFacts) {
    let fact = |value: &str, evidence: &str| TextFact {
        value: value.to_owned(),
        provenance: Provenance::new(ctx.source(), Origin::Markup, Some(evidence)),
    };
    if let Some(name) = &meta.site_name {
        out.names.push(fact(name, &format!("og:site_name: {name}")));
    }
    if let Some(description) = &meta.description {
        out.descriptions.push(fact(description, description));
    }
}

/// Collapses whitespace and caps the length (at a character boundary).
fn clean(raw: &str) -> String {
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_FIELD_CHARS {
        collapsed
    } else {
        collapsed.chars().take(MAX_FIELD_CHARS).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_site_name_description_and_language() {
        let html = r#"<!doctype html><html lang="en-GB"><head>
            <title>
              Home | Smith's   Plumbing
            </title>
            <meta property="og:site_name" content="Smith's Plumbing">
            <meta name="Description" content="  Emergency plumbers in Leeds. ">
            </head><body></body></html>"#;
        let meta = extract_meta(html);
        assert_eq!(meta.title.as_deref(), Some("Home | Smith's Plumbing"));
        assert_eq!(meta.site_name.as_deref(), Some("Smith's Plumbing"));
        assert_eq!(
            meta.description.as_deref(),
            Some("Emergency plumbers in Leeds.")
        );
        assert_eq!(meta.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn falls_back_to_og_description_and_tolerates_junk() {
        let meta =
            extract_meta(r#"<meta property="og:description" content="We fix cars"><p>unclosed"#);
        assert_eq!(meta.description.as_deref(), Some("We fix cars"));
        assert_eq!(meta.title, None);
        assert_eq!(extract_meta("").site_name, None);
        let huge = format!("<title>{}</title>", "x".repeat(100_000));
        assert_eq!(extract_meta(&huge).title.unwrap().len(), MAX_FIELD_CHARS);
    }
}
