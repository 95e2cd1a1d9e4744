//! Fixture sites on generic domains (`tests/fixtures/sites/region`) whose national phone numbers
//! can only be placed by the site's region hints: `hreflang` alternates, or a number another
//! page (or the footer) writes with its country code. Each site lists the numbers it must give
//! (exact E.164) and the ones that, without the hint (hreflang removed, each page read on its
//! own), must not be read that way — so the test fails if the hint stops counting, and if it
//! starts counting where it should not (a US business with a London office).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use url::Url;

use crate::domain::{NetworkPolicy, SiteUrl};
use crate::extract::extract_page;
use crate::pipeline::extract_pages;

#[derive(Deserialize)]
struct Site {
    url: String,
    hint: String,
    pages: BTreeMap<String, String>,
    phones: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
    without_hint_not: Vec<String>,
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sites/region")
}

fn pages(name: &str, site: &Site) -> Vec<(Url, String)> {
    let base = Url::parse(&site.url).unwrap();
    let mut paths: Vec<&String> = site.pages.keys().collect();
    paths.sort_by_key(|p| (p.as_str() != "/", p.as_str()));
    paths
        .into_iter()
        .map(|path| {
            let html = std::fs::read_to_string(fixtures().join(name).join(&site.pages[path]))
                .unwrap_or_else(|e| panic!("{name}{path}: {e}"));
            (base.join(path).unwrap(), html)
        })
        .collect()
}

#[test]
fn national_numbers_take_the_region_the_site_hints_at() {
    let sites: BTreeMap<String, Site> =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("sites.json")).unwrap())
            .unwrap();
    assert!(sites.len() >= 5);
    let mut failures = Vec::new();
    for (name, site) in &sites {
        let pages = pages(name, site);
        let refs: Vec<(&Url, &str)> = pages.iter().map(|(u, h)| (u, h.as_str())).collect();
        let url = SiteUrl::parse(&site.url, NetworkPolicy::default()).unwrap();
        let (facts, _) = extract_pages(url, &refs);
        let found: Vec<&str> = facts
            .profile
            .phones
            .iter()
            .map(|p| p.e164.as_str())
            .collect();
        for phone in &site.phones {
            if !found.contains(&phone.as_str()) {
                failures.push(format!(
                    "{name} ({}): {phone} not found in {found:?}",
                    site.hint
                ));
            }
        }
        for phone in &site.not {
            if found.contains(&phone.as_str()) {
                failures.push(format!(
                    "{name} ({}): {phone} should not be read",
                    site.hint
                ));
            }
        }
        // Without the hint: hreflang removed and every page read on its own.
        for (url, html) in &pages {
            let bare = html.replace("hreflang=", "data-lang=");
            let alone = extract_page(&bare, url, None);
            for phone in &site.without_hint_not {
                if alone.phones.iter().any(|p| &p.e164 == phone) {
                    failures.push(format!(
                        "{name}: {url} alone, without its hint, still reads {phone}: the test \
                         does not show the hint counting"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
