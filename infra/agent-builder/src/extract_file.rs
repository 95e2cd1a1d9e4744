//! `agent-builder extract <file.html>`: one saved page's facts, as the worker would extract them.

use std::path::Path;

use agent_builder_engine::crawl::charset::decode_html;
use agent_builder_engine::extract::{extract_page, merge_pages, BusinessProfile};
use serde::Serialize;
use url::Url;

/// One page's facts in the same shape as a site's profile, plus what only a page has.
#[derive(Debug, Serialize)]
pub struct PageReport {
    #[serde(flatten)]
    pub profile: BusinessProfile,
    pub url: String,
    pub title: Option<String>,
    pub canonical: Option<String>,
    pub main_text: String,
    /// Blocks, comments, attributes and metadata aimed at AI assistants that were dropped.
    #[serde(skip_serializing_if = "is_zero")]
    pub planted_blocks: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Reads `path` (any encoding the page declares) as if fetched from `url` (default: a
/// `file://` URL, which gives no country for phone numbers; pass the page's real address).
pub fn extract_file(path: &Path, url: Option<&str>) -> Result<PageReport, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let url = match url {
        Some(u) => Url::parse(u).map_err(|e| format!("invalid --url {u:?}: {e}"))?,
        None => Url::from_file_path(
            std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?,
        )
        .map_err(|()| format!("cannot make a URL of {}", path.display()))?,
    };
    let html = decode_html(&bytes, None);
    let page = extract_page(&html, &url, None);
    let (title, canonical, main_text, planted_blocks) = (
        page.title.clone(),
        page.canonical.clone(),
        page.main_text.clone(),
        page.planted_blocks,
    );
    Ok(PageReport {
        profile: merge_pages(std::slice::from_ref(&page)),
        url: page.url,
        title,
        canonical,
        main_text,
        planted_blocks,
    })
}

/// The facts for people: one line each, with how each was found.
pub fn render_text(report: &PageReport) -> String {
    use std::fmt::Write;
    let p = &report.profile;
    let mut out = String::new();
    let line = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "{label:<12} {value}");
    };
    line(&mut out, "Name:", p.name.as_deref().unwrap_or("(none)"));
    line(
        &mut out,
        "Language:",
        p.language.as_deref().unwrap_or("(unknown)"),
    );
    line(
        &mut out,
        "Category:",
        p.category.as_deref().unwrap_or("(unknown)"),
    );
    line(
        &mut out,
        "Description:",
        p.description.as_deref().unwrap_or("(none)"),
    );
    for phone in &p.phones {
        let kind = phone
            .kind
            .as_deref()
            .map(|k| format!(" ({k})"))
            .unwrap_or_default();
        line(
            &mut out,
            "Phone:",
            &format!("{} [{}]{kind}", phone.display, phone.e164),
        );
    }
    for email in &p.emails {
        line(&mut out, "Email:", &email.address);
    }
    for address in &p.addresses {
        line(&mut out, "Address:", &address.text);
    }
    for hours in &p.hours {
        line(&mut out, "Hours:", &hours.text);
    }
    for service in &p.services {
        let price = service
            .price
            .as_deref()
            .map(|p| format!(" — {p}"))
            .unwrap_or_default();
        line(&mut out, "Service:", &format!("{}{price}", service.name));
    }
    for faq in &p.faqs {
        line(&mut out, "FAQ:", &faq.question);
    }
    for link in p.socials.iter().chain(&p.booking_links) {
        line(
            &mut out,
            "Link:",
            &format!("{} {}", link.platform, link.url),
        );
    }
    let words = report.main_text.split_whitespace().count();
    line(&mut out, "Main text:", &format!("{words} words"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_page_gives_its_facts_under_its_real_address() {
        let dir = std::env::temp_dir().join(format!("ab-extract-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("page.html");
        std::fs::write(
            &path,
            r#"<html lang="en-US"><head><title>Contact | Acme Plumbing</title>
            <meta property="og:site_name" content="Acme Plumbing"></head><body></body></html>"#,
        )
        .unwrap();
        let report = extract_file(&path, Some("https://acme-plumbing.com/contact")).unwrap();
        assert_eq!(report.profile.name.as_deref(), Some("Acme Plumbing"));
        assert_eq!(report.url, "https://acme-plumbing.com/contact");
        assert_eq!(report.profile.language.as_deref(), Some("en-US"));
        let json = serde_json::to_value(&report).unwrap();
        for key in [
            "name",
            "phones",
            "emails",
            "addresses",
            "hours",
            "services",
            "faqs",
            "socials",
            "language",
            "description",
        ] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert!(render_text(&report).contains("Acme Plumbing"));
        assert!(extract_file(&dir.join("missing.html"), None).is_err());
        assert!(extract_file(&path, Some("not a url")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
