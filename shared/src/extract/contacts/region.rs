//! Which countries to read a page's national phone numbers in.
//!
//! The site's region (country-code domain or language tag) wins when known. Otherwise (`.com`
//! with `lang="en"`) the page itself usually tells: numbers it writes with a country code, and
//! the country of the postal addresses it gives (a UK postcode, a Canadian postal code). Those
//! come first, then the United States, the most common case for a `.com` with no other hint.
//! A number must still be valid in one of them, so a wrong guess drops numbers rather than
//! inventing them.

use std::collections::HashMap;

use super::address::FoundAddress;
use super::phone::{parse_phone, ParsedPhone};
use super::phones_in_text::phones_in_text;
use super::text::Anchor;

/// The region tried when the site and the page give none.
pub const FALLBACK_REGION: &str = "US";

pub fn phone_regions(
    site_region: Option<&str>,
    links: &[Anchor],
    text: &str,
    addresses: &[FoundAddress],
) -> Vec<String> {
    if let Some(region) = site_region {
        return vec![region.to_ascii_uppercase()];
    }
    let mut votes: HashMap<String, usize> = HashMap::new();
    for anchor in links {
        let href = anchor.href.trim();
        let is_tel = href
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case("tel:"));
        if is_tel && href[4..].trim_start().starts_with('+') {
            if let Some(country) = parse_phone(&href[4..], None).and_then(|p| p.country) {
                *votes.entry(country).or_default() += 2;
            }
        }
    }
    for found in phones_in_text(text, &[]) {
        if let Some(country) = found.phone.country {
            *votes.entry(country).or_default() += 2;
        }
    }
    for address in addresses {
        if let Some(country) = &address.country {
            *votes.entry(country.clone()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut regions: Vec<String> = ranked.into_iter().map(|(c, _)| c).take(2).collect();
    if !regions.iter().any(|r| r == FALLBACK_REGION) {
        regions.push(FALLBACK_REGION.to_owned());
    }
    regions
}

/// `raw` read in the first region where it is a valid number (international numbers anywhere).
pub fn parse_in_regions(raw: &str, regions: &[&str]) -> Option<ParsedPhone> {
    if raw.trim_start().starts_with('+') || regions.is_empty() {
        return parse_phone(raw, regions.first().copied());
    }
    regions
        .iter()
        .find_map(|region| parse_phone(raw, Some(region)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_region_wins_then_the_page_then_the_us() {
        assert_eq!(phone_regions(Some("gb"), &[], "", &[]), ["GB"]);
        assert_eq!(phone_regions(None, &[], "no hints", &[]), ["US"]);
        let text = "Head office +44 20 7946 0958, branch 0191 276 3261";
        assert_eq!(phone_regions(None, &[], text, &[]), ["GB", "US"]);
        let links = [Anchor {
            href: "tel:+61 2 9876 5432".into(),
            text: String::new(),
        }];
        assert_eq!(phone_regions(None, &links, "", &[]), ["AU", "US"]);
    }

    #[test]
    fn national_numbers_are_read_in_the_first_region_where_they_are_valid() {
        let p = parse_in_regions("0191 276 3261", &["GB", "US"]).unwrap();
        assert_eq!(p.e164, "+441912763261");
        let p = parse_in_regions("(415) 555-2671", &["GB", "US"]).unwrap();
        assert_eq!(p.e164, "+14155552671");
    }
}
