//! Contacts from links and visible text: phones, emails, postal addresses, opening hours,
//! social profiles and booking links. One DOM walk ([`text::visible_text`]) feeds every
//! extractor.

pub mod address;
pub mod booking;
pub mod email;
pub mod hours;
pub mod phone;
pub mod phones_in_text;
pub mod region;
pub mod socials;
pub mod text;

use std::collections::HashSet;

use scraper::Html;

use super::facts::{Email, Origin, Phone, Provenance};
use super::{PageContext, PageFacts};

/// Most facts of one kind kept per page: enough for a dealer group's page of branches, bounded
/// for a directory of thousands.
const MAX_PER_KIND: usize = 100;

pub fn collect(doc: &Html, ctx: &PageContext, out: &mut PageFacts) {
    let visible = text::visible_text(doc);
    collect_from_text(&visible, ctx, out);
}

/// The extractors over an already-walked page (also what tests and the evaluation call).
pub fn collect_from_text(visible: &text::VisibleText, ctx: &PageContext, out: &mut PageFacts) {
    let source = ctx.source();
    let addresses = address::addresses_in_text(
        &visible.text,
        &visible.address_blocks,
        ctx.region.as_deref(),
    );
    let regions = region::phone_regions(ctx, &visible.links, &visible.text, &addresses);

    collect_phones(visible, &regions, &source, out);
    collect_emails(visible, &source, out);
    for found in addresses.into_iter().take(MAX_PER_KIND) {
        out.addresses.push(found.into_fact(&source));
    }
    for rule in hours::hours_in_text(&visible.text)
        .into_iter()
        .take(MAX_PER_KIND)
    {
        out.hours.push(rule.into_fact(&source));
    }
    let mut seen = HashSet::new();
    for anchor in &visible.links {
        if let Some(link) = socials::social_link(&anchor.href, ctx) {
            if seen.insert(link.url.clone()) && out.socials.len() < MAX_PER_KIND {
                out.socials.push(link.into_fact(&source, anchor));
            }
        } else if let Some(link) = booking::booking_link(anchor, ctx) {
            if seen.insert(link.url.clone()) && out.booking_links.len() < MAX_PER_KIND {
                out.booking_links.push(link.into_fact(&source, anchor));
            }
        }
    }
}

fn collect_phones(
    visible: &text::VisibleText,
    regions: &region::PhoneRegions,
    source: &str,
    out: &mut PageFacts,
) {
    let mut seen: HashSet<String> = HashSet::new();
    for anchor in &visible.links {
        let Some(raw) = strip_scheme(&anchor.href, &["tel:", "callto:"]) else {
            continue;
        };
        let raw = percent_decode(raw);
        let Some(parsed) = region::parse_in_regions(&raw, regions) else {
            continue;
        };
        if seen.insert(parsed.e164.clone()) && out.phones.len() < MAX_PER_KIND {
            out.phones.push(Phone {
                e164: parsed.e164,
                display: parsed.display,
                kind: None,
                provenance: Provenance::new(source, Origin::Markup, Some(&anchor.href)),
            });
        }
    }
    for found in phones_in_text::phones_in_text(&visible.text, regions) {
        let kind = found.fax.then(|| "fax".to_owned());
        if let Some(existing) = out.phones.iter_mut().find(|p| p.e164 == found.phone.e164) {
            // A number the page labels as fax next to its text stays a fax line.
            if kind.is_some() && existing.provenance.origin == Origin::Text {
                existing.kind = kind;
            }
            continue;
        }
        if out.phones.len() >= MAX_PER_KIND {
            break;
        }
        seen.insert(found.phone.e164.clone());
        let evidence = evidence_around(&visible.text, found.start, found.end);
        out.phones.push(Phone {
            e164: found.phone.e164,
            display: found.phone.display,
            kind,
            provenance: Provenance::new(source, Origin::Text, Some(evidence)),
        });
    }
}

fn collect_emails(visible: &text::VisibleText, source: &str, out: &mut PageFacts) {
    let mut seen: HashSet<String> = HashSet::new();
    for anchor in &visible.links {
        let Some(raw) = strip_scheme(&anchor.href, &["mailto:"]) else {
            continue;
        };
        for address in email::mailto_addresses(raw) {
            if seen.insert(address.to_ascii_lowercase()) && out.emails.len() < MAX_PER_KIND {
                out.emails.push(Email {
                    address,
                    provenance: Provenance::new(source, Origin::Markup, Some(&anchor.href)),
                });
            }
        }
    }
    for found in email::emails_in_text(&visible.text) {
        if seen.insert(found.address.to_ascii_lowercase()) && out.emails.len() < MAX_PER_KIND {
            let evidence = evidence_around(&visible.text, found.start, found.end);
            out.emails.push(Email {
                address: found.address,
                provenance: Provenance::new(source, Origin::Text, Some(evidence)),
            });
        }
    }
}

/// The href without its scheme when it has one of `schemes` (case-insensitive).
fn strip_scheme<'a>(href: &'a str, schemes: &[&str]) -> Option<&'a str> {
    let href = href.trim();
    schemes.iter().find_map(|scheme| {
        href.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &href[scheme.len()..])
    })
}

/// `%20`-style escapes decoded (invalid ones kept as written).
pub(crate) fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(byte) = raw
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The line around `start..end` (at most 60 bytes either side), as evidence for a fact.
pub(crate) fn evidence_around(text: &str, start: usize, end: usize) -> &str {
    let from = line_start_near(text, start, 60);
    let mut limit = (end + 60).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let to = text[end..limit].find('\n').map_or(limit, |i| end + i);
    &text[from..to]
}

/// Where the line holding byte `pos` starts, looking back at most `max` bytes (so the cost
/// does not grow with the page).
pub(crate) fn line_start_near(text: &str, pos: usize, max: usize) -> usize {
    let mut floor = pos.saturating_sub(max);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    text[floor..pos].rfind('\n').map_or(floor, |i| floor + i + 1)
}
