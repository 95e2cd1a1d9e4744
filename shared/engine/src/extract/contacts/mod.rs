//! Contacts from links and visible text: phones, emails, postal addresses, opening hours,
//! social profiles and booking links. One DOM walk ([`text::visible_text`]) feeds every
//! extractor.

pub mod address;
pub mod booking;
pub mod email;
pub mod holidays;
pub mod hours;
pub mod hreflang;
pub mod messaging;
pub mod ownership;
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
    let structured_countries: Vec<String> = out
        .addresses
        .iter()
        .filter_map(|a| a.country.clone())
        .collect();
    let written = region::written_countries(&visible.links, &visible.text);
    let regions = region::phone_regions_written(
        ctx,
        &written,
        &visible.text,
        &addresses,
        &structured_countries,
    );
    out.phone_countries = written;
    out.phone_countries.truncate(MAX_PER_KIND);
    let own_page = own_page(&ctx.url);
    let own_label = ctx
        .url
        .host_str()
        .and_then(crate::extract::names::registrable_label);
    collect_phones(
        visible,
        &regions,
        &source,
        own_page,
        own_label.as_deref(),
        out,
    );
    collect_emails(visible, &source, own_page, own_label.as_deref(), out);
    let in_own_block = |pos: usize| own_page || visible.own_blocks.iter().any(|r| r.contains(&pos));
    for found in addresses.into_iter().take(MAX_PER_KIND) {
        let own = found.in_address_block || in_own_block(found.start);
        let mut fact = found.into_fact(&source);
        fact.provenance.own_block = own;
        out.addresses.push(fact);
    }
    for rule in hours::hours_in_text_in(&visible.text, ctx.language.as_deref())
        .into_iter()
        .take(MAX_PER_KIND)
    {
        let own = in_own_block(rule.start);
        let mut fact = rule.into_fact(&source);
        fact.provenance.own_block = own;
        out.hours.push(fact);
    }
    for rule in holidays::holiday_hours_in_text(&visible.text)
        .into_iter()
        .take(MAX_PER_KIND)
    {
        let own = in_own_block(rule.start);
        let mut fact = rule.into_fact(&source);
        fact.provenance.own_block = own;
        out.hours.push(fact);
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

/// Contact, imprint and legal-notice pages are the business's own block as a whole.
fn own_page(url: &url::Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    [
        "contact",
        "kontakt",
        "contacto",
        "contatti",
        "contato",
        "impressum",
        "imprint",
        "mentions",
        "aviso-legal",
        "colofon",
        "about",
        "ueber-uns",
        "uber-uns",
        "qui-sommes",
        "over-ons",
        "chi-siamo",
        "sobre",
    ]
    .iter()
    .any(|w| path.contains(w))
}

fn collect_phones(
    visible: &text::VisibleText,
    regions: &region::PhoneRegions,
    source: &str,
    own_page: bool,
    own_label: Option<&str>,
    out: &mut PageFacts,
) {
    let in_own_block = |pos: usize| own_page || visible.own_blocks.iter().any(|r| r.contains(&pos));
    // Numbers the structured data already gave are not repeated.
    let mut seen: HashSet<String> = out.phones.iter().map(|p| p.e164.clone()).collect();
    for (i, anchor) in visible.links.iter().enumerate() {
        let place = visible.link_places.get(i).copied();
        let (raw, kind) = if let Some(raw) = strip_scheme(&anchor.href, &["tel:", "callto:"]) {
            (percent_decode(raw), None)
        } else if let Some(number) = messaging::number_in_link(&anchor.href) {
            (number, Some("messaging".to_owned()))
        } else {
            continue;
        };
        let Some(parsed) = region::parse_in_regions(&raw, regions) else {
            continue;
        };
        if place.is_some_and(|p| ownership::other_organisation(&visible.text, p.start, own_label)) {
            continue;
        }
        // Premium-rate and similar lines count only from the business's own header, footer
        // or contact block.
        let own = own_page || place.is_some_and(|p| p.own_block);
        if parsed.line == phone::LineType::Costly && !own {
            continue;
        }
        if seen.insert(parsed.e164.clone()) && out.phones.len() < MAX_PER_KIND {
            let mut provenance = Provenance::new(source, Origin::Markup, Some(&anchor.href));
            provenance.own_block = own;
            out.phones.push(Phone {
                e164: parsed.e164,
                display: parsed.display,
                kind,
                provenance,
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
        // Premium-rate and similar lines count only where the business gives its own details
        // (header, footer, address or contact block, contact page); planted ones sit elsewhere.
        if (found.phone.line == phone::LineType::Costly && !in_own_block(found.start))
            || ownership::other_organisation(&visible.text, found.start, own_label)
        {
            continue;
        }
        seen.insert(found.phone.e164.clone());
        let evidence = evidence_around(&visible.text, found.start, found.end);
        let mut provenance = Provenance::new(source, Origin::Text, Some(evidence));
        provenance.own_block = in_own_block(found.start);
        out.phones.push(Phone {
            e164: found.phone.e164,
            display: found.phone.display,
            kind,
            provenance,
        });
    }
}

fn collect_emails(
    visible: &text::VisibleText,
    source: &str,
    own_page: bool,
    own_label: Option<&str>,
    out: &mut PageFacts,
) {
    let mut seen: HashSet<String> = out
        .emails
        .iter()
        .map(|e| e.address.to_ascii_lowercase())
        .collect();
    for (i, anchor) in visible.links.iter().enumerate() {
        let Some(raw) = strip_scheme(&anchor.href, &["mailto:"]) else {
            continue;
        };
        let place = visible.link_places.get(i).copied();
        if place.is_some_and(|p| ownership::other_organisation(&visible.text, p.start, own_label)) {
            continue;
        }
        for address in email::mailto_addresses(raw) {
            if ownership::foreign_email(&address) {
                continue;
            }
            if seen.insert(address.to_ascii_lowercase()) && out.emails.len() < MAX_PER_KIND {
                let mut provenance = Provenance::new(source, Origin::Markup, Some(&anchor.href));
                provenance.own_block = own_page || place.is_some_and(|p| p.own_block);
                out.emails.push(Email {
                    address,
                    provenance,
                });
            }
        }
    }
    for found in email::emails_in_text(&visible.text) {
        if ownership::foreign_email(&found.address)
            || ownership::other_organisation(&visible.text, found.start, own_label)
        {
            continue;
        }
        if seen.insert(found.address.to_ascii_lowercase()) && out.emails.len() < MAX_PER_KIND {
            let evidence = evidence_around(&visible.text, found.start, found.end);
            let mut provenance = Provenance::new(source, Origin::Text, Some(evidence));
            provenance.own_block =
                own_page || visible.own_blocks.iter().any(|r| r.contains(&found.start));
            out.emails.push(Email {
                address: found.address,
                provenance,
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
    percent_encoding::percent_decode_str(raw)
        .decode_utf8_lossy()
        .into_owned()
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
    text[floor..pos]
        .rfind('\n')
        .map_or(floor, |i| floor + i + 1)
}

#[cfg(test)]
mod tests {
    use url::Url;

    use crate::extract::{extract_page, Origin, PageFacts};

    fn facts(html: &str, url: &str) -> PageFacts {
        extract_page(html, &Url::parse(url).unwrap(), None)
    }

    const CONTACT_PAGE: &str = r#"<html lang="en"><body>
        <header><a href="tel:+1-413-732-8702">Call us</a>
          <a href="mailto:Info@Balise.COM?subject=Hello">Email</a></header>
        <main>
          <h2>Visit us</h2>
          <p>122 Doty Circle<br>West Springfield, MA 01089</p>
          <p>Phone: (413) 732-8702<br>Fax: (413) 732-0000<br>Service: 413.785.1800</p>
          <p>Write to service [at] balise [dot] com</p>
          <h3>Hours</h3>
          <table><tr><td>Mon - Fri</td><td>7:30am - 5:30pm</td></tr>
                 <tr><td>Saturday</td><td>Closed</td></tr></table>
          <p>Order #4135550199 ships in 2-3 days. Since 1998-2014.</p>
          <a href="/book-online">Book an appointment</a>
        </main>
        <footer>
          <a href="https://www.facebook.com/BaliseCollision">Facebook</a>
          <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a>
          <a href="https://twitter.com/intent/tweet?text=x">Tweet</a>
          <a href="https://www.yelp.com/biz/balise-collision">Yelp</a>
          <img src="logo@2x.png">
        </footer>
        <script>var fake = "(999) 555-0100";</script>
        </body></html>"#;

    #[test]
    fn a_contact_page_yields_its_contacts_with_provenance() {
        let page = facts(CONTACT_PAGE, "https://balisecollision.com/contact");
        let phones: Vec<(&str, Option<&str>, Origin)> = page
            .phones
            .iter()
            .map(|p| (p.e164.as_str(), p.kind.as_deref(), p.provenance.origin))
            .collect();
        assert_eq!(
            phones,
            [
                ("+14137328702", None, Origin::Markup),
                ("+14137320000", Some("fax"), Origin::Text),
                ("+14137851800", None, Origin::Text),
            ]
        );
        assert_eq!(page.phones[2].display, "(413) 785-1800");
        assert_eq!(
            page.phones[2].provenance.sources,
            ["https://balisecollision.com/contact"]
        );

        let emails: Vec<&str> = page.emails.iter().map(|e| e.address.as_str()).collect();
        assert_eq!(emails, ["Info@balise.com", "service@balise.com"]);

        assert_eq!(page.addresses.len(), 1);
        let address = &page.addresses[0];
        assert_eq!(address.street.as_deref(), Some("122 Doty Circle"));
        assert_eq!(address.city.as_deref(), Some("West Springfield"));
        assert_eq!(address.postal_code.as_deref(), Some("01089"));

        let hours: Vec<(Vec<&str>, Option<&str>, bool)> = page
            .hours
            .iter()
            .map(|h| {
                (
                    h.days.iter().map(String::as_str).collect(),
                    h.opens.as_deref(),
                    h.closed,
                )
            })
            .collect();
        assert_eq!(
            hours,
            [
                (
                    vec!["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                    Some("07:30"),
                    false
                ),
                (vec!["Saturday"], None, true),
            ]
        );

        let socials: Vec<(&str, &str)> = page
            .socials
            .iter()
            .map(|l| (l.platform.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            socials,
            [
                ("facebook", "https://www.facebook.com/BaliseCollision"),
                ("yelp", "https://www.yelp.com/biz/balise-collision"),
            ]
        );
        assert_eq!(page.booking_links.len(), 1);
        assert_eq!(
            page.booking_links[0].url,
            "https://balisecollision.com/book-online"
        );
    }

    #[test]
    fn contacts_the_structured_data_gave_are_not_repeated() {
        let html = r#"<script type="application/ld+json">
            {"@context": "https://schema.org", "@type": "Dentist", "name": "Smile",
             "telephone": "+1-415-555-2671", "email": "hi@smile.com"}</script>
            <a href="tel:+14155552671">Call</a> <a href="mailto:HI@smile.com">Mail</a>"#;
        let page = facts(html, "https://smile.com/");
        assert_eq!(page.phones.len(), 1, "{:?}", page.phones);
        assert_eq!(page.emails.len(), 1, "{:?}", page.emails);
    }

    #[test]
    fn national_numbers_follow_the_country_domain_then_the_us() {
        // Without a trunk 0, "(415) 555-2671" is not a UK number; it is a valid US one.
        let page = facts(
            "<p>Tel: 020 7946 0958</p><p>US office (415) 555-2671</p>",
            "https://smiths.co.uk/",
        );
        let e164s: Vec<&str> = page.phones.iter().map(|p| p.e164.as_str()).collect();
        assert_eq!(e164s, ["+442079460958", "+14155552671"]);
        assert_eq!(page.phones[0].display, "020 7946 0958");
    }

    #[test]
    fn hostile_pages_are_bounded() {
        let digits = "1234567890 ".repeat(1_000_000);
        let page = facts(&digits, "https://a.com/");
        assert!(page.phones.len() <= super::MAX_PER_KIND);
        let garbage: String = (0..2_000_000u32)
            .map(|i| char::from_u32(i % 0xD7FF).unwrap_or(' '))
            .collect();
        let _ = facts(&garbage, "https://a.com/");
        let links = r#"<a href="tel:+14155552671">x</a>"#.repeat(50_000);
        assert_eq!(facts(&links, "https://a.com/").phones.len(), 1);
    }
}
