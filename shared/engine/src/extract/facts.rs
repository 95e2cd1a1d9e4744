//! The facts extraction produces. One page yields a [`PageFacts`]; the pages of a site merge into
//! one [`BusinessProfile`]. Every fact says where it came from and how it was found, so the
//! generator can prefer structured data over text and cite its sources.

use serde::{Deserialize, Serialize};

/// Most words of a page's main text its facts keep: all that anything reads of it (the
/// business name's weighing; generation and language detection read a few thousand characters
/// of those). A huge page's whole text would be megabytes held for every page of the job.
pub const MAX_MAIN_TEXT_WORDS: usize = 10_000;

/// Day names as facts write them, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// How a fact was found, best first: ordering matters when conflicting values are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// schema.org JSON-LD or microdata.
    Structured,
    /// Markup meant for machines: `tel:`/`mailto:` links, `<meta>`, OpenGraph.
    Markup,
    /// Patterns in the visible text.
    Text,
}

/// Where a fact came from: the page URLs, a short snippet of the evidence, and how often it was
/// seen (after merging, across pages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    pub origin: Origin,
    /// Times seen; 1 on a single page (per occurrence kind), summed when merging.
    #[serde(default = "one")]
    pub count: u32,
    /// Found in text inside the business's own header, footer, address or contact block (or on
    /// its contact or imprint page).
    #[serde(default, skip_serializing_if = "is_false")]
    pub own_block: bool,
    /// How far a caller can rely on the fact; set when pages are merged ([`confidence_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

pub use crate::domain::Confidence;

/// The rule (documented in the README): structured data, or machine markup in the
/// business's own block, or two pages agreeing → high; machine markup elsewhere or text in
/// the business's own block → medium; body text on one page → low.
pub fn confidence_of(p: &Provenance) -> Confidence {
    let pages = p.sources.len();
    match p.origin {
        Origin::Structured => Confidence::High,
        _ if pages >= 2 => Confidence::High,
        Origin::Markup if p.own_block => Confidence::High,
        Origin::Markup => Confidence::Medium,
        Origin::Text if p.own_block => Confidence::Medium,
        Origin::Text => Confidence::Low,
    }
}

/// The stated confidence, or the rule's when the fact was made without one (facts built
/// by hand, stored before confidence existed).
pub fn confidence_or_rule(p: &Provenance) -> Confidence {
    p.confidence.unwrap_or_else(|| confidence_of(p))
}

fn one() -> u32 {
    1
}

impl Provenance {
    /// Longest evidence snippet kept, in characters.
    pub const MAX_EVIDENCE_CHARS: usize = 160;

    pub fn new(source: impl Into<String>, origin: Origin, evidence: Option<&str>) -> Self {
        Self {
            sources: vec![source.into()],
            evidence: evidence.map(snippet).filter(|s| !s.is_empty()),
            origin,
            count: 1,
            own_block: false,
            confidence: None,
        }
    }
}

/// Whitespace collapsed and cut at [`Provenance::MAX_EVIDENCE_CHARS`] on a char boundary.
pub fn snippet(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if out.chars().count() >= Provenance::MAX_EVIDENCE_CHARS {
            return out.chars().take(Provenance::MAX_EVIDENCE_CHARS).collect();
        }
    }
    out
}

/// A plain string fact: a name candidate, a description, a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextFact {
    pub value: String,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// `+14155550100`.
    pub e164: String,
    /// As people write it in the number's country: `(415) 555-0100`.
    pub display: String,
    /// `fax` when the page labels it so; `None` for a voice line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// Lower-cased domain; the local part as written.
    pub address: String,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// The whole address on one line, as written (or as assembled from structured parts).
    pub text: String,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 when known (`US`, `GB`), else as written.
    pub country: Option<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// One opening-hours rule: a set of days with one time range, or closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    /// As written on the page (or the structured value).
    pub text: String,
    /// Full English day names, Monday first: `["Monday", "Tuesday"]`. Empty when not stated.
    pub days: Vec<String>,
    /// `HH:MM`, 24-hour; both `None` when the days are closed or the times are not stated.
    pub opens: Option<String>,
    pub closes: Option<String>,
    #[serde(default)]
    pub closed: bool,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A service or product the business offers, with a price only when the page states one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// As written, with its currency: `$120`, `from £45`, `EUR 30.00`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faq {
    pub question: String,
    pub answer: String,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A profile on a social network, or a booking/ordering link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// `facebook`, `instagram`, `linkedin`, `x`, `youtube`, `tiktok`, `yelp`, … for socials;
    /// the provider or `booking` for booking links.
    pub platform: String,
    pub url: String,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// Everything one page says about the business.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageFacts {
    pub url: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub canonical: Option<String>,
    /// Candidates for the business name, best first (JSON-LD name, `og:site_name`, title parts).
    pub names: Vec<TextFact>,
    pub descriptions: Vec<TextFact>,
    /// The holder a copyright line names ("© 2024 Acme Corp"), a name candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<TextFact>,
    /// schema.org types (`Dentist`, `Restaurant`) and other category evidence.
    pub categories: Vec<TextFact>,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    pub addresses: Vec<Address>,
    pub hours: Vec<Hours>,
    pub services: Vec<Service>,
    pub faqs: Vec<Faq>,
    pub socials: Vec<Link>,
    pub booking_links: Vec<Link>,
    /// The page's main text, boilerplate removed, paragraphs separated by blank lines: its first
    /// [`MAX_MAIN_TEXT_WORDS`] words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub main_text: String,
    /// Blocks (and comments, attributes, metadata) of this page that addressed AI readers and
    /// were dropped before extraction.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub planted_blocks: u32,
    /// Countries of the phone numbers the page writes with a country code, one per number:
    /// evidence for reading the national numbers of the site's other pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phone_countries: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What the site as a whole says, merged across pages. Lists are deduplicated and ranked:
/// structured over markup over text, then more often seen first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BusinessProfile {
    pub name: Option<String>,
    /// All name candidates, ranked; `name` is the first acceptable one.
    pub names: Vec<TextFact>,
    pub description: Option<String>,
    pub category: Option<String>,
    pub categories: Vec<TextFact>,
    pub language: Option<String>,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    pub addresses: Vec<Address>,
    pub hours: Vec<Hours>,
    pub services: Vec<Service>,
    pub faqs: Vec<Faq>,
    pub socials: Vec<Link>,
    pub booking_links: Vec<Link>,
    /// The pages the profile was built from.
    pub sources: Vec<String>,
}
