//! Which countries to read a page's national phone numbers in.
//!
//! The site's region (country-code domain or language tag) wins when known. Otherwise (`.com`
//! with `lang="en"`) the page itself usually tells: numbers it writes with a country code, and
//! the country of the postal addresses it gives (a UK postcode, a Canadian postal code). Those
//! come first, then the United States, the most common case for a `.com` with no other hint.
//! A number must still be valid in one of them, so a wrong guess drops numbers rather than
//! inventing them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use url::Url;

use super::address::FoundAddress;
use super::phone::{parse_phone, ParsedPhone};
use super::phones_in_text::phones_in_text;
use super::text::Anchor;
use crate::extract::PageContext;

/// The region tried when the site and the page give none.
pub const FALLBACK_REGION: &str = "US";

/// Country names (and a few unmistakable cities) that say which country a page is about.
static COUNTRY_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:United Kingdom|U\.K\.|UK|England|Scotland|Wales|London|United States|U\.S\.A\.|USA|Australia|Canada|India|Ireland|New Zealand|South Africa|Germany|Deutschland|France|Italy|Italia|Spain|España|Netherlands|Nederland|Belgium|Switzerland|Austria|Singapore|Malaysia|Philippines|Mexico|Brazil)\b")
        .expect("country names")
});
const MAX_NAME_VOTES: usize = 200;

fn country_code(name: &str) -> &'static str {
    match name {
        "United Kingdom" | "U.K." | "UK" | "England" | "Scotland" | "Wales" | "London" => "GB",
        "United States" | "U.S.A." | "USA" => "US",
        "Australia" => "AU",
        "Canada" => "CA",
        "India" => "IN",
        "Ireland" => "IE",
        "New Zealand" => "NZ",
        "South Africa" => "ZA",
        "Germany" | "Deutschland" => "DE",
        "France" => "FR",
        "Italy" | "Italia" => "IT",
        "Spain" | "España" => "ES",
        "Netherlands" | "Nederland" => "NL",
        "Belgium" => "BE",
        "Switzerland" => "CH",
        "Austria" => "AT",
        "Singapore" => "SG",
        "Malaysia" => "MY",
        "Philippines" => "PH",
        "Mexico" => "MX",
        _ => "BR",
    }
}

/// The regions to read national numbers in, most likely first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneRegions {
    pub regions: Vec<String>,
    /// The first region is the site's country-code domain: national numbers are read there
    /// first whatever their shape.
    pub from_domain: bool,
}

impl PhoneRegions {
    /// The order to try for one written number: numbers shaped like North American ones
    /// (`206-588-2075`, `1 (800) 330-8247`) try the US first unless the domain says otherwise.
    pub fn order_for(&self, written: &str) -> Vec<&str> {
        let mut order: Vec<&str> = self.regions.iter().map(String::as_str).collect();
        if !order.is_empty() && !self.from_domain && nanp_shaped(written) {
            order.retain(|r| *r != FALLBACK_REGION);
            order.insert(0, FALLBACK_REGION);
        }
        order
    }
}

fn nanp_shaped(written: &str) -> bool {
    let digits: Vec<u8> = written
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let d = match digits.len() {
        11 if digits[0] == 1 => &digits[1..],
        10 => &digits[..],
        _ => return false,
    };
    d[0] >= 2 && d[3] >= 2
}

pub fn phone_regions(
    ctx: &PageContext,
    links: &[Anchor],
    text: &str,
    addresses: &[FoundAddress],
) -> PhoneRegions {
    phone_regions_with(ctx, links, text, addresses, &[])
}

/// Weights of each kind of evidence for the country of a site on a generic domain. A hint that
/// a CMS sets by default (the language's region) counts for less than what the business wrote
/// (its structured address, numbers with a country code, postcodes, prices).
mod weight {
    pub const LANGUAGE_REGION: usize = 2;
    pub const LANGUAGE_ONLY: usize = 1;
    /// The region of the page's `hreflang` alternates: declared for search engines, so it is
    /// as strong as the language's region.
    pub const HREFLANG: usize = 2;
    pub const STRUCTURED_COUNTRY: usize = 3;
    pub const INTERNATIONAL_NUMBER: usize = 2;
    pub const POSTCODE: usize = 2;
    pub const CURRENCY: usize = 2;
    pub const COUNTRY_NAME: usize = 1;
    /// Country names count at most this much per country (a page listing "UK" 50 times in a
    /// shipping table says no more than one that says it three times).
    pub const MAX_COUNTRY_NAME: usize = 3;
}

/// [`phone_regions`] with countries the page's structured data states (`addressCountry`).
pub fn phone_regions_with(
    ctx: &PageContext,
    links: &[Anchor],
    text: &str,
    addresses: &[FoundAddress],
    structured_countries: &[String],
) -> PhoneRegions {
    let written = written_countries(links, text);
    phone_regions_written(ctx, &written, text, addresses, structured_countries)
}

/// [`phone_regions_with`] given the page's [`written_countries`].
pub fn phone_regions_written(
    ctx: &PageContext,
    written: &[String],
    text: &str,
    addresses: &[FoundAddress],
    structured_countries: &[String],
) -> PhoneRegions {
    let from_domain = ctx.region.is_some() && domain_region(&ctx.url) == ctx.region;
    if let (true, Some(region)) = (from_domain, &ctx.region) {
        let mut regions = vec![region.to_ascii_uppercase()];
        if regions[0] != FALLBACK_REGION {
            regions.push(FALLBACK_REGION.to_owned());
        }
        return PhoneRegions {
            regions,
            from_domain,
        };
    }
    let mut votes: HashMap<String, usize> = HashMap::new();
    let mut vote = |country: &str, weight: usize| {
        *votes.entry(country.to_ascii_uppercase()).or_default() += weight;
    };
    // A region from the language tag is a hint: CMSs ship `en-gb` or `en-US` by default.
    if let Some(region) = &ctx.region {
        vote(region, weight::LANGUAGE_REGION);
    } else if let Some(country) = ctx.language.as_deref().and_then(language_country) {
        vote(country, weight::LANGUAGE_ONLY);
    }
    if let Some(region) = &ctx.hreflang_region {
        vote(region, weight::HREFLANG);
    }
    for country in structured_countries.iter().take(10) {
        if let Some(code) = iso_country(country) {
            vote(&code, weight::STRUCTURED_COUNTRY);
        }
    }
    let mut names: HashMap<&str, usize> = HashMap::new();
    for m in COUNTRY_NAMES.find_iter(text).take(MAX_NAME_VOTES) {
        *names.entry(country_code(m.as_str())).or_default() += weight::COUNTRY_NAME;
    }
    for (country, n) in names {
        vote(country, n.min(weight::MAX_COUNTRY_NAME));
    }
    if let Some(country) = currency_country(text, ctx.language.as_deref()) {
        vote(country, weight::CURRENCY);
    }
    for country in written {
        vote(country, weight::INTERNATIONAL_NUMBER);
    }
    // The site's other pages write numbers with these country codes: each counts once.
    let mut site: Vec<&String> = ctx.site_countries.iter().take(10).collect();
    site.sort();
    site.dedup();
    for country in site {
        vote(country, weight::INTERNATIONAL_NUMBER);
    }
    for address in addresses {
        if let Some(country) = &address.country {
            vote(country, weight::POSTCODE);
        }
    }
    let mut ranked: Vec<(String, usize)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut regions: Vec<String> = ranked.into_iter().map(|(c, _)| c).take(3).collect();
    if !regions.iter().any(|r| r == FALLBACK_REGION) {
        regions.push(FALLBACK_REGION.to_owned());
    }
    PhoneRegions {
        regions,
        from_domain: false,
    }
}

/// The countries of the numbers the page writes with a country code (`tel:+44…` links, "+353 1
/// …" in the text), one per number.
pub fn written_countries(links: &[Anchor], text: &str) -> Vec<String> {
    let mut countries = Vec::new();
    for anchor in links {
        let href = anchor.href.trim();
        let is_tel = href
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case("tel:"));
        if is_tel && href[4..].trim_start().starts_with('+') {
            if let Some(country) = parse_phone(&href[4..], None).and_then(|p| p.country) {
                countries.push(country);
            }
        }
    }
    let international_only = PhoneRegions {
        regions: Vec::new(),
        from_domain: false,
    };
    for found in phones_in_text(text, &international_only) {
        if let Some(country) = found.phone.country {
            countries.push(country);
        }
    }
    countries
}

/// The country a language without a region most likely means, for languages spoken mostly in
/// one of the countries the extractor reads (`en`, `es`, `pt` say nothing).
fn language_country(language: &str) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "de" => Some("DE"),
        "nl" => Some("NL"),
        "fr" => Some("FR"),
        "it" => Some("IT"),
        _ => None,
    }
}

/// `addressCountry` as structured data writes it: a code (`GB`, `UK`) or a name.
fn iso_country(value: &str) -> Option<String> {
    let value = value.trim();
    if value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = value.to_ascii_uppercase();
        return Some(if upper == "UK" {
            "GB".to_owned()
        } else {
            upper
        });
    }
    COUNTRY_NAMES
        .find(value)
        .filter(|m| m.as_str().len() * 2 >= value.len())
        .map(|m| country_code(m.as_str()).to_owned())
}

/// The country a page's prices point to: `£` is the UK; `A$`/`AUD` Australia; `€` one of the
/// euro countries, told apart by the page's language (English: Ireland).
fn currency_country(text: &str, language: Option<&str>) -> Option<&'static str> {
    static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:£|\bGBP\b|A\$|AU\$|\bAUD\b|NZ\$|\bNZD\b|C\$|CA\$|\bCAD\b|€|\bEUR\b)\s?\d|\d\s?(?:€|EUR\b)")
            .expect("currency pattern")
    });
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in SYMBOL.find_iter(text).take(200) {
        let s = m.as_str();
        let key = if s.contains('£') || s.contains("GBP") {
            "GB"
        } else if s.contains("A$") || s.contains("AU") {
            "AU"
        } else if s.contains("NZ") {
            "NZ"
        } else if s.contains('C') {
            "CA"
        } else {
            "EUR"
        };
        *counts.entry(key).or_default() += 1;
    }
    let (top, _) = counts.into_iter().max_by_key(|(k, n)| (*n, *k))?;
    if top != "EUR" {
        return Some(top);
    }
    let primary = language?.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "en" | "ga" => Some("IE"),
        "de" => Some("DE"),
        "nl" => Some("NL"),
        "fr" => Some("FR"),
        "es" => Some("ES"),
        "it" => Some("IT"),
        "pt" => Some("PT"),
        _ => None,
    }
}

/// The region of the site's country-code domain (`.uk` → `GB`), if it has one.
fn domain_region(url: &Url) -> Option<String> {
    let tld = url.host_str()?.trim_end_matches('.').rsplit('.').next()?;
    let tld = tld.to_ascii_uppercase();
    match tld.as_str() {
        "UK" => Some("GB".to_owned()),
        t if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) => Some(t.to_owned()),
        _ => None,
    }
}

/// `raw` read in the first of `regions` where it is a valid number (international numbers
/// anywhere), preferring readings that do not go through a dialling prefix.
pub fn parse_in_regions(raw: &str, regions: &PhoneRegions) -> Option<ParsedPhone> {
    if raw.trim_start().starts_with('+') {
        return parse_phone(raw, None);
    }
    // A reading in the region's own numbering beats one through its international dialling
    // prefix (`011…` in the US) in whichever order the regions come.
    let mut through_prefix = None;
    for region in regions.order_for(raw) {
        match parse_phone(raw, Some(region)) {
            Some(p) if !p.via_dialling_prefix => return Some(p),
            Some(p) => {
                through_prefix.get_or_insert(p);
            }
            None => {}
        }
    }
    through_prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(url: &str, language: Option<&str>) -> PageContext {
        PageContext::new(Url::parse(url).unwrap(), language)
    }

    fn regions(url: &str, language: Option<&str>, text: &str, links: &[Anchor]) -> Vec<String> {
        phone_regions(&ctx(url, language), links, text, &[]).regions
    }

    #[test]
    fn the_domain_wins_then_the_page_then_the_us() {
        assert_eq!(regions("https://a.co.uk/", None, "", &[]), ["GB", "US"]);
        assert_eq!(regions("https://a.com/", None, "no hints", &[]), ["US"]);
        let text = "Head office +44 20 7946 0958, branch 0191 276 3261";
        assert_eq!(regions("https://a.com/", None, text, &[]), ["GB", "US"]);
        let links = [Anchor {
            href: "tel:+61 2 9876 5432".into(),
            text: String::new(),
        }];
        assert_eq!(regions("https://a.com/", None, "", &links), ["AU", "US"]);
        assert_eq!(
            regions("https://a.com/", None, "Visit us in London, UK", &[]),
            ["GB", "US"]
        );
    }

    #[test]
    fn every_kind_of_hint_counts_on_a_generic_domain() {
        // Prices in pounds on an English page.
        assert_eq!(
            regions("https://a.com/", Some("en"), "Boiler service from £89", &[])[0],
            "GB"
        );
        // Euros: the language tells which euro country.
        assert_eq!(
            regions("https://a.com/", Some("en"), "Call-out €60", &[])[0],
            "IE"
        );
        assert_eq!(
            regions("https://a.com/", Some("es"), "Corte 25 €", &[])[0],
            "ES"
        );
        assert_eq!(
            regions("https://a.com/", Some("es"), "Corte €25", &[])[0],
            "ES"
        );
        assert_eq!(regions("https://a.com/", Some("nl"), "", &[])[0], "NL");
        assert_eq!(
            regions("https://a.com/", Some("en"), "Consult A$120", &[])[0],
            "AU"
        );
        // Structured data's addressCountry outweighs a CMS's default language region.
        let c = ctx("https://a.com/", Some("en-US"));
        let r = phone_regions_with(&c, &[], "", &[], &["Ireland".to_owned()]);
        assert_eq!(r.regions[0], "IE");
        let r = phone_regions_with(&c, &[], "", &[], &["DE".to_owned()]);
        assert_eq!(r.regions[0], "DE");
    }

    #[test]
    fn hreflang_and_the_sites_other_numbers_count_on_a_generic_domain() {
        let text = "Call 0113 496 0321";
        let c = ctx("https://a.com/", Some("en"));
        assert_eq!(phone_regions(&c, &[], text, &[]).regions, ["US"]);
        let mut c = ctx("https://a.com/", Some("en"));
        c.hreflang_region = Some("GB".into());
        assert_eq!(phone_regions(&c, &[], text, &[]).regions, ["GB", "US"]);
        // The site's other pages write +353 numbers; repeated, they count once.
        let mut c = ctx("https://a.com/", Some("en"));
        c.site_countries = vec!["IE".into(), "IE".into(), "IE".into()];
        let r = phone_regions(&c, &[], "(01) 677 0095", &[]);
        assert_eq!(r.regions, ["IE", "US"]);
        // A North American number on that site is still read in the US first.
        assert_eq!(r.order_for("206-588-2075")[0], "US");
        // A country-code domain outranks both hints.
        let mut c = ctx("https://a.de/", Some("en"));
        c.hreflang_region = Some("GB".into());
        c.site_countries = vec!["AU".into()];
        assert_eq!(phone_regions(&c, &[], text, &[]).regions, ["DE", "US"]);
    }

    #[test]
    fn a_language_region_is_only_a_hint() {
        let c = ctx("https://builders.com/", Some("en-gb"));
        let r = phone_regions(&c, &[], "Call 206-588-2075", &[]);
        assert!(!r.from_domain);
        assert_eq!(r.order_for("206-588-2075"), ["US", "GB"]);
        assert_eq!(r.order_for("0191 276 3261"), ["GB", "US"]);
    }

    #[test]
    fn national_numbers_are_read_in_the_first_region_where_they_are_valid() {
        let r = PhoneRegions {
            regions: vec!["GB".into(), "US".into()],
            from_domain: false,
        };
        let p = parse_in_regions("0191 276 3261", &r).unwrap();
        assert_eq!(p.e164, "+441912763261");
        let p = parse_in_regions("(415) 555-2671", &r).unwrap();
        assert_eq!(p.e164, "+14155552671");
    }
}
