//! Grounding: every phone number, email address, URL, price and street address in generated
//! text must appear in what the site (or the caller) said. Sentences carrying anything else are
//! removed, and each removal is reported.
//!
//! Detection is the union of loose shape scanning (any run of 7–15 digits, anything with an `@`)
//! and the extractors' own recognisers (phones, emails with their obfuscations, prices in every
//! currency the price extractor knows, street lines), so whatever extraction can find in a text
//! grounding finds too. Details are compared in a normalised form (digits only for phones, lower
//! case for emails and hosts, amounts without separators).

use std::collections::HashSet;

use url::Url;

use crate::extract::offerings::price::{CODES as CURRENCY_CODES, SYMBOLS as CURRENCY_SYMBOLS};
use crate::extract::BusinessProfile;

/// What kind of checkable detail was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailKind {
    Phone,
    Email,
    Url,
    Price,
    Address,
}

impl DetailKind {
    fn label(&self) -> &'static str {
        match self {
            Self::Phone => "phone number",
            Self::Email => "email address",
            Self::Url => "web address",
            Self::Price => "price",
            Self::Address => "street address",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub kind: DetailKind,
    pub text: String,
}

impl Detail {
    /// A warning sentence for the agent's metadata.
    pub fn warning(&self, field: &str) -> String {
        format!(
            "Removed a {} the site does not state ({:?}) from the {field}.",
            self.kind.label(),
            self.text
        )
    }
}

/// What generated text may repeat: the details found in the profile, the site's own metadata
/// and the caller's instructions.
#[derive(Debug, Clone, Default)]
pub struct GroundingIndex {
    phones: Vec<String>,
    emails: HashSet<String>,
    hosts: HashSet<String>,
    urls: HashSet<String>,
    prices: HashSet<String>,
    /// All allowed text, lower-cased words joined by single spaces, for address look-ups.
    corpus: String,
}

impl GroundingIndex {
    /// `texts` are further trusted texts: the instructions, the site's URL and metadata.
    pub fn new(profile: Option<&BusinessProfile>, texts: &[&str]) -> Self {
        let mut all: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        // Instructions are at most 10,000 characters; the site's metadata is capped at 500.
        let mut index = Self::default();
        if let Some(p) = profile {
            all.extend(profile_texts(p));
            for phone in &p.phones {
                index.phones.push(digits(&phone.e164));
            }
        }
        for text in &all {
            for detail in detect(text) {
                match detail.kind {
                    DetailKind::Phone => index.phones.push(digits(&detail.text)),
                    DetailKind::Email => {
                        let email = detail.text.to_lowercase();
                        if let Some((_, domain)) = email.rsplit_once('@') {
                            index.hosts.insert(strip_www(domain).to_owned());
                        }
                        index.emails.insert(email);
                    }
                    DetailKind::Url => {
                        if let Some((host, path)) = url_key(&detail.text) {
                            index.urls.insert(format!("{host}{path}"));
                            index.hosts.insert(host);
                        }
                    }
                    DetailKind::Price => {
                        if let Some(amount) = amount(&detail.text) {
                            index.prices.insert(amount);
                        }
                    }
                    DetailKind::Address => {}
                }
            }
        }
        index.corpus = all
            .iter()
            .map(|t| words_key(t))
            .collect::<Vec<_>>()
            .join(" | ");
        index
    }

    /// The details in `text` that nothing allowed states.
    pub fn ungrounded(&self, text: &str) -> Vec<Detail> {
        detect(text)
            .into_iter()
            .filter(|d| !self.allows(d))
            .collect()
    }

    fn allows(&self, detail: &Detail) -> bool {
        match detail.kind {
            DetailKind::Phone => {
                let d = digits(&detail.text);
                self.phones.iter().any(|allowed| same_phone(allowed, &d))
            }
            DetailKind::Email => self.emails.contains(&detail.text.to_lowercase()),
            DetailKind::Url => match url_key(&detail.text) {
                Some((host, path)) if path.is_empty() => self.hosts.contains(&host),
                Some((host, path)) => self.urls.contains(&format!("{host}{path}")),
                None => false,
            },
            DetailKind::Price => amount(&detail.text).is_some_and(|a| self.prices.contains(&a)),
            DetailKind::Address => {
                let key = words_key(&detail.text);
                // The number and the street's first word: "12 main" matches "12 Main St."
                // and "12 Main Street" alike.
                let short: Vec<&str> = key.split(' ').take(2).collect();
                !key.is_empty() && contains_words(&self.corpus, &short.join(" "))
            }
        }
    }

    /// `text` without the sentences that carry ungrounded details, and those details.
    pub fn clean(&self, text: &str) -> (String, Vec<Detail>) {
        let found = self.ungrounded(text);
        if found.is_empty() {
            return (text.to_owned(), found);
        }
        let kept: Vec<&str> = sentences(text)
            .into_iter()
            .filter(|s| self.ungrounded(s).is_empty())
            .collect();
        (kept.join(" ").trim().to_owned(), found)
    }
}

/// Every checkable detail in `text`, grouped by kind.
pub fn detect(text: &str) -> Vec<Detail> {
    let mut out = Vec::new();
    out.extend(emails(text));
    out.extend(urls(text));
    out.extend(phones(text));
    out.extend(prices(text));
    out.extend(addresses(text));
    out.extend(recognised(text));
    let mut seen = HashSet::new();
    out.retain(|d| seen.insert((d.kind as u8, d.text.clone())));
    out
}

/// Regions the phone recogniser reads national numbers in for grounding: the countries the
/// extractor is tuned for. A number valid in any of them is a phone.
const GROUNDING_REGIONS: &[&str] = &[
    "US", "GB", "IE", "AU", "NZ", "CA", "DE", "AT", "CH", "NL", "BE", "FR", "ES", "IT", "PT",
];
/// Most details the extractors' recognisers report per text.
const MAX_RECOGNISED: usize = 100;

/// What the extractors' own recognisers find in `text`.
fn recognised(text: &str) -> Vec<Detail> {
    use crate::extract::contacts::{address, email, phones_in_text, region::PhoneRegions};
    use crate::extract::offerings::price;
    let text = crate::html::truncate_at_char(text, 64 * 1024);
    let regions = PhoneRegions {
        regions: GROUNDING_REGIONS.iter().map(|r| (*r).to_owned()).collect(),
        from_domain: false,
    };
    let mut out = Vec::new();
    for found in phones_in_text::phones_in_text(text, &regions)
        .into_iter()
        .take(MAX_RECOGNISED)
    {
        out.push(Detail {
            kind: DetailKind::Phone,
            text: text[found.start..found.end].to_owned(),
        });
    }
    for found in email::emails_in_text(text).into_iter().take(MAX_RECOGNISED) {
        out.push(Detail {
            kind: DetailKind::Email,
            text: found.address,
        });
    }
    for (start, end) in price::price_spans(text, MAX_RECOGNISED) {
        out.push(Detail {
            kind: DetailKind::Price,
            text: text[start..end].to_owned(),
        });
    }
    for (start, end) in address::street_spans(text, MAX_RECOGNISED) {
        out.push(Detail {
            kind: DetailKind::Address,
            text: text[start..end].trim_end_matches([',', '.']).to_owned(),
        });
    }
    out
}

/// Items read per list and characters per text: more than the agent's knowledge holds (so
/// nothing it states is refused), few enough that a hostile profile costs bounded time.
const MAX_ITEMS_PER_LIST: usize = 100;
const MAX_TEXT_CHARS: usize = 2_000;

fn profile_texts(p: &BusinessProfile) -> Vec<String> {
    const N: usize = MAX_ITEMS_PER_LIST;
    let mut out: Vec<String> = Vec::new();
    out.extend(p.name.as_deref().map(bounded));
    out.extend(p.description.as_deref().map(bounded));
    out.extend(p.names.iter().take(N).map(|n| bounded(&n.value)));
    out.extend(p.categories.iter().take(N).map(|n| bounded(&n.value)));
    for phone in p.phones.iter().take(N) {
        out.push(bounded(&phone.display));
        out.push(bounded(&phone.e164));
    }
    out.extend(p.emails.iter().take(N).map(|e| bounded(&e.address)));
    for a in p.addresses.iter().take(N) {
        out.push(bounded(&a.text));
        out.extend(a.street.as_deref().map(bounded));
        out.extend(a.postal_code.as_deref().map(bounded));
    }
    out.extend(p.hours.iter().take(N).map(|h| bounded(&h.text)));
    for s in p.services.iter().take(N) {
        out.push(bounded(&s.name));
        out.extend(s.description.as_deref().map(bounded));
        out.extend(s.price.as_deref().map(bounded));
    }
    for f in p.faqs.iter().take(N) {
        out.push(bounded(&f.question));
        out.push(bounded(&f.answer));
    }
    out.extend(
        p.socials
            .iter()
            .take(N)
            .chain(p.booking_links.iter().take(N))
            .map(|l| bounded(&l.url)),
    );
    out.extend(p.sources.iter().take(N).map(|s| bounded(s)));
    out
}

/// A prefix of at most [`MAX_TEXT_CHARS`] characters.
fn bounded(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((end, _)) => text[..end].to_owned(),
        None => text.to_owned(),
    }
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The same number written with or without its country code or trunk prefix:
/// `+44 (0)20 7946 0018`, `020 7946 0018` and `+442079460018` all match; a local
/// seven-digit form matches the full number it ends.
fn same_phone(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 7 {
        return false;
    }
    let tail = |s: &str| s[s.len().saturating_sub(9)..].to_owned();
    long.ends_with(short) || (short.len() >= 9 && tail(short) == tail(long))
}

/// Runs of digits and phone punctuation holding 7 to 15 digits (E.164's most).
fn phones(text: &str) -> Vec<Detail> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() || chars[i] == '+' || chars[i] == '(';
        // Part of a word or a bigger number (an amount, a time): not a phone's start.
        let glued = i > 0
            && (chars[i - 1].is_alphanumeric()
                || matches!(chars[i - 1], '$' | '£' | '€' | ':' | '.' | ','));
        if !starts || glued {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || matches!(chars[j], ' ' | '-' | '.' | '(' | ')' | '+' | '/'))
        {
            // A sentence's full stop followed by a space ends the number.
            if chars[j] == '.' && chars.get(j + 1).is_none_or(|c| !c.is_ascii_digit()) {
                break;
            }
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        let run = run.trim_end_matches([' ', '-', '.', '(', '/', '+']);
        let count = run.chars().filter(char::is_ascii_digit).count();
        let end = i + run.chars().count();
        let followed_by_letter = chars.get(end).is_some_and(|c| c.is_alphabetic());
        if (7..=15).contains(&count) && !followed_by_letter {
            out.push(Detail {
                kind: DetailKind::Phone,
                text: run.trim().to_owned(),
            });
        }
        i = j.max(i + 1);
    }
    out
}

fn emails(text: &str) -> Vec<Detail> {
    let chars: Vec<char> = text.chars().collect();
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let mut start = at;
        while start > 0 && local(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain(chars[end]) {
            end += 1;
        }
        let host: String = chars[at + 1..end].iter().collect();
        let host = host.trim_end_matches(['.', '-']);
        if start < at && host.contains('.') {
            let user: String = chars[start..at].iter().collect();
            out.push(Detail {
                kind: DetailKind::Email,
                text: format!("{user}@{host}"),
            });
        }
    }
    out
}

/// `https://…`, `www.…` and bare domains with a known public suffix (`acme.com/menu`).
fn urls(text: &str) -> Vec<Detail> {
    text.split_whitespace()
        .map(|t| t.trim_matches(|c: char| "()<>[]{}\"'“”‘’,;!?*".contains(c)))
        .map(|t| t.trim_end_matches(['.', ':']))
        .filter(|t| !t.contains('@'))
        .filter(|t| url_key(t).is_some())
        .map(|t| Detail {
            kind: DetailKind::Url,
            text: t.to_owned(),
        })
        .collect()
}

/// `(host without www., path without trailing slash)` when `token` is a web address.
fn url_key(token: &str) -> Option<(String, String)> {
    let lower = token.to_ascii_lowercase();
    let explicit = lower.starts_with("http://") || lower.starts_with("https://");
    if !explicit {
        let host_part = lower.split(['/', '?', '#']).next().unwrap_or_default();
        let plausible = lower.starts_with("www.")
            || (host_part.contains('.')
                && host_part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                && host_part.chars().any(|c| c.is_ascii_alphabetic())
                && psl::suffix(host_part.as_bytes()).is_some_and(|s| s.is_known())
                && psl::domain(host_part.as_bytes()).is_some());
        if !plausible {
            return None;
        }
    }
    let parsed = if explicit {
        Url::parse(token).ok()?
    } else {
        Url::parse(&format!("https://{token}")).ok()?
    };
    let host = parsed.host_str()?.to_ascii_lowercase();
    if !host.contains('.') {
        return None;
    }
    let path = parsed.path().trim_end_matches('/').to_owned();
    Some((strip_www(&host).to_owned(), path))
}

fn strip_www(host: &str) -> &str {
    host.strip_prefix("www.").unwrap_or(host)
}

/// Besides the price extractor's currency symbols and codes, the words people say.
const CURRENCY_WORDS: &[&str] = &["dollars", "dollar", "euros", "euro", "pounds", "bucks"];

fn currency_word(word: &str) -> bool {
    CURRENCY_WORDS.contains(&word)
        || CURRENCY_CODES
            .iter()
            .any(|code| code.eq_ignore_ascii_case(word))
}

/// `$120`, `£45.50`, `€ 30`, `30 USD`, `45 dollars`.
fn prices(text: &str) -> Vec<Detail> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if CURRENCY_SYMBOLS.contains(c) {
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let start = j;
            while j < chars.len()
                && (chars[j].is_ascii_digit() || chars[j] == ',' || chars[j] == '.')
            {
                j += 1;
            }
            let number: String = chars[start..j].iter().collect();
            let number = number.trim_end_matches(['.', ',']);
            if number.chars().any(|c| c.is_ascii_digit()) {
                out.push(Detail {
                    kind: DetailKind::Price,
                    text: format!("{c}{number}"),
                });
            }
        }
    }
    // The symbol after the amount, as much of Europe writes it: `30 €`, `12,50€`.
    for (i, c) in chars.iter().enumerate() {
        if !CURRENCY_SYMBOLS.contains(c) {
            continue;
        }
        let mut end = i;
        if end > 0 && chars[end - 1] == ' ' {
            end -= 1;
        }
        let mut start = end;
        while start > 0
            && (chars[start - 1].is_ascii_digit() || matches!(chars[start - 1], ',' | '.'))
        {
            start -= 1;
        }
        let number: String = chars[start..end].iter().collect();
        let number = number.trim_matches(['.', ',']);
        let glued = start > 0 && chars[start - 1].is_alphanumeric();
        if !glued && number.chars().any(|c| c.is_ascii_digit()) {
            out.push(Detail {
                kind: DetailKind::Price,
                text: format!("{number} {c}"),
            });
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let unit = pair[1]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let number = pair[0].trim_matches(|c: char| !c.is_ascii_digit());
        if currency_word(&unit)
            && !number.is_empty()
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            out.push(Detail {
                kind: DetailKind::Price,
                text: format!("{number} {unit}"),
            });
        }
    }
    out
}

/// The amount alone, without thousands separators or a zero fraction: `$1,200.00` → `1200`.
fn amount(price: &str) -> Option<String> {
    let number: String = price
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let number = match number.split_once('.') {
        Some((whole, fraction)) if fraction.chars().all(|c| c == '0') => whole.to_owned(),
        _ => number,
    };
    (!number.is_empty()).then_some(number)
}

/// A house number, up to four capitalised words, then a street word: `12 Main St`,
/// `350 Fifth Avenue`, `1600 Amphitheatre Parkway`.
fn addresses(text: &str) -> Vec<Detail> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let number = word.trim_end_matches(',');
        let is_number = (1..=6).contains(&number.chars().take_while(char::is_ascii_digit).count())
            && number.chars().next().is_some_and(|c| c.is_ascii_digit())
            && number.chars().count() <= 7
            && number
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !is_number {
            continue;
        }
        for j in i + 1..(i + 6).min(words.len()) {
            let w = words[j].trim_matches(|c: char| !c.is_alphanumeric());
            let first = w.chars().next();
            let capitalised = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if !capitalised {
                break;
            }
            let lower = w.to_lowercase();
            if j > i + 1 && crate::extract::contacts::address::street_suffixes().any(|s| s == lower)
            {
                out.push(Detail {
                    kind: DetailKind::Address,
                    text: words[i..=j]
                        .join(" ")
                        .trim_end_matches([',', '.'])
                        .to_owned(),
                });
                break;
            }
        }
    }
    out
}

/// Lower-cased alphanumeric words joined by single spaces.
fn words_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `needle` occurs in `haystack` on word boundaries.
fn contains_words(haystack: &str, needle: &str) -> bool {
    let padded = format!(" {haystack} ");
    padded.contains(&format!(" {needle} "))
}

/// Sentences, each with its closing punctuation; a full stop inside a number or an address
/// (`3.5`, `acme.com`) does not end one.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let next = bytes.get(i + 1).copied();
            if next.is_none() || next.is_some_and(|b| b == b' ' || b == b'\n') {
                out.push(text[start..=i].trim());
                start = i + 1;
            }
        }
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Address, Email, Origin, Phone, Provenance, Service};

    fn prov() -> Provenance {
        Provenance::new("https://acme.com/", Origin::Structured, None)
    }

    fn profile() -> BusinessProfile {
        BusinessProfile {
            name: Some("Acme Plumbing".into()),
            phones: vec![Phone {
                e164: "+14155550100".into(),
                display: "(415) 555-0100".into(),
                kind: None,
                provenance: prov(),
            }],
            emails: vec![Email {
                address: "hello@acme.com".into(),
                provenance: prov(),
            }],
            addresses: vec![Address {
                text: "12 Main St., Springfield, IL 62701".into(),
                street: Some("12 Main St.".into()),
                city: Some("Springfield".into()),
                region: Some("IL".into()),
                postal_code: Some("62701".into()),
                country: Some("US".into()),
                provenance: prov(),
            }],
            services: vec![Service {
                name: "Drain cleaning".into(),
                description: None,
                price: Some("$1,200.00".into()),
                provenance: prov(),
            }],
            sources: vec![
                "https://acme.com/".into(),
                "https://acme.com/services".into(),
            ],
            ..BusinessProfile::default()
        }
    }

    fn index() -> GroundingIndex {
        GroundingIndex::new(Some(&profile()), &["https://www.acme.com"])
    }

    #[test]
    fn details_the_profile_states_pass_in_any_common_spelling() {
        let text = "Call +1 415-555-0100 or (415) 555-0100, email Hello@Acme.com, visit \
                    www.acme.com/services or acme.com. Drain cleaning is $1200. We are at \
                    12 Main Street.";
        assert_eq!(index().ungrounded(text), vec![]);
    }

    #[test]
    fn invented_details_are_found() {
        let found = index().ungrounded(
            "Call 212-555-0199 or write to sales@acme.com. See https://acme.com/pricing or \
             cheap-pipes.net. Cleaning costs $99 or 80 dollars. Visit us at 99 Elm Street.",
        );
        let kinds: Vec<DetailKind> = found.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![
                DetailKind::Email,
                DetailKind::Url,
                DetailKind::Url,
                DetailKind::Phone,
                DetailKind::Price,
                DetailKind::Price,
                DetailKind::Address
            ],
            "{found:?}"
        );
    }

    #[test]
    fn ordinary_prose_has_no_details() {
        let text = "Open Monday to Friday, 09:00 to 17:00, since 1982. We serve 3.5 million \
                    customers, e.g. homeowners, in the U.S. and handle 24/7 emergencies. \
                    Take the caller's name, phone number and email address.";
        assert_eq!(detect(text), vec![]);
    }

    #[test]
    fn clean_removes_only_the_sentences_with_invented_details() {
        let (text, removed) = index()
            .clean("We fix drains fast. Call our hotline at 1-800-555-0199! Email hello@acme.com.");
        assert_eq!(text, "We fix drains fast. Email hello@acme.com.");
        assert_eq!(removed.len(), 1);
        assert!(removed[0].warning("personality").contains("1-800-555-0199"));
    }

    #[test]
    fn phones_match_across_international_and_national_forms() {
        let uk = GroundingIndex::new(None, &["Ring +44 20 7946 0018."]);
        for form in ["020 7946 0018", "+44 (0)20 7946 0018", "+442079460018"] {
            assert!(uk.ungrounded(form).is_empty(), "{form}");
        }
        assert_eq!(uk.ungrounded("020 7946 0019").len(), 1);
    }

    #[test]
    fn prices_with_the_symbol_after_the_amount_are_checked() {
        let index = GroundingIndex::new(None, &["Haarschnitt 30 € und Farbe 12,50€."]);
        assert!(index.ungrounded("Ein Schnitt kostet 30€.").is_empty());
        assert!(index.ungrounded("Farbe: 12,50 €").is_empty());
        assert_eq!(index.ungrounded("Nur 25 € heute!").len(), 1);
    }

    #[test]
    fn instructions_count_as_a_source() {
        let index = GroundingIndex::new(None, &["Tell callers to ring 020 7946 0018."]);
        assert!(index.ungrounded("Ring 020 7946 0018.").is_empty());
        assert_eq!(index.ungrounded("Ring 020 7946 0999.").len(), 1);
    }

    #[test]
    fn hostile_input_is_handled() {
        let junk = "@".repeat(10_000) + &"1-".repeat(10_000) + &"$".repeat(1000);
        let _ = index().clean(&junk);
        let _ = detect("\u{0}\u{FFFF}é@é.é $ 12 ");
    }

    /// Whatever the extractors' recognisers find in a text, grounding detects in the same text:
    /// random texts from the pieces real pages and generated sentences are made of.
    #[test]
    fn grounding_detects_whatever_extraction_finds() {
        use crate::extract::contacts::{address, email, phones_in_text, region::PhoneRegions};
        use crate::extract::offerings::price;
        const PIECES: &[&str] = &[
            "Call ",
            "(415) 555-2671",
            "+44 20 7946 0958",
            "0113 496 0321",
            "030 123 4567",
            "01 42 68 53 00",
            "912 345 678",
            "Telephone0844 800 1500",
            "Tel. 069 1234567",
            "info@acme.com",
            "hello [at] shop [dot] co.uk",
            "a.b@x.de",
            "$120",
            "£45.50",
            "30 €",
            "€ 1.200,00",
            "CHF 80",
            "USD 30",
            "1,200 USD",
            "₹ 500",
            "A$120",
            "from $99",
            "12 Main St",
            "Hauptstraße 5",
            "12 rue de la Paix",
            "350 Fifth Avenue",
            "Keizersgracht 123",
            " ",
            ", ",
            ". ",
            "\n",
            " and ",
            "Mon–Fri 9-17",
            "since 1998",
            "24/7",
            "we ",
            "open ",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let regions = PhoneRegions {
            regions: GROUNDING_REGIONS.iter().map(|r| (*r).to_owned()).collect(),
            from_domain: false,
        };
        for _ in 0..300 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let found = detect(&text);
            let has = |kind: DetailKind, ok: &dyn Fn(&str) -> bool| {
                found.iter().any(|d| d.kind == kind && ok(&d.text))
            };
            for p in phones_in_text::phones_in_text(&text, &regions) {
                let want = digits(&p.phone.e164);
                assert!(
                    has(DetailKind::Phone, &|t| same_phone(&digits(t), &want)),
                    "phone {want} in {text:?}: {found:?}"
                );
            }
            for e in email::emails_in_text(&text) {
                let want = e.address.to_lowercase();
                assert!(
                    has(DetailKind::Email, &|t| t.to_lowercase() == want),
                    "email {want} in {text:?}: {found:?}"
                );
            }
            for (s, e) in price::price_spans(&text, 100) {
                let want = amount(&text[s..e]);
                assert!(
                    has(DetailKind::Price, &|t| amount(t) == want),
                    "price {:?} in {text:?}: {found:?}",
                    &text[s..e]
                );
            }
            for (s, e) in address::street_spans(&text, 100) {
                let want = words_key(&text[s..e]);
                assert!(
                    has(DetailKind::Address, &|t| want.starts_with(&words_key(t))
                        || words_key(t).starts_with(&want)),
                    "street {:?} in {text:?}: {found:?}",
                    &text[s..e]
                );
            }
        }
    }
}
