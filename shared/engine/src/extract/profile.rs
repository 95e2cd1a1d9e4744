//! Pages → one business profile: facts deduplicated across pages, each keeping every page it was
//! seen on, and ranked — structured data over markup over text, then the more often seen first.

use std::collections::HashMap;

use url::Url;

use super::facts::{
    snippet, Address, BusinessProfile, Email, Faq, Hours, Link, Origin, PageFacts, Phone,
    Provenance, Service, TextFact,
};
use super::meta::PageMeta;
use super::names::{
    acceptable_name, compact, domain_span, humanise_label, names_from_titles, registrable_label,
    title_segments, TitleName, TitleTier,
};
use super::PageContext;

/// Most facts of one kind a profile keeps; a hostile site cannot grow it without bound.
const MAX_PER_KIND: usize = 50;
/// Most sources listed on one fact.
const MAX_SOURCES: usize = 10;

/// Merges the facts of a site's pages (home first). The business name is the best candidate:
/// structured data, then `og:site_name`, then a title segment that spells the domain's name, the
/// footers' copyright holder, a segment the site's titles share, one that spells part of the
/// domain's name, and last the humanised domain.
pub fn merge_pages(pages: &[PageFacts]) -> BusinessProfile {
    let host = pages
        .first()
        .and_then(|p| Url::parse(&p.url).ok())
        .and_then(|u| u.host_str().map(str::to_owned));
    let label = host.as_deref().and_then(registrable_label);

    let names = ranked_names(pages, host.as_deref(), label.as_deref());
    let name = names.iter().find_map(|n| acceptable_name(&n.value));
    let descriptions = merge(
        pages.iter().flat_map(|p| p.descriptions.iter().cloned()),
        text_key,
    );
    let categories = merge(
        pages.iter().flat_map(|p| p.categories.iter().cloned()),
        text_key,
    );

    BusinessProfile {
        name,
        description: descriptions.first().map(|d| d.value.clone()),
        category: categories.first().map(|c| c.value.clone()),
        categories,
        language: most_common_language(pages),
        phones: merge(
            pages.iter().flat_map(|p| p.phones.iter().cloned()),
            |p: &Phone| format!("{}{}", p.e164, p.kind.as_deref().unwrap_or_default()),
        ),
        emails: merge(
            pages.iter().flat_map(|p| p.emails.iter().cloned()),
            |e: &Email| e.address.to_lowercase(),
        ),
        addresses: merge(
            pages.iter().flat_map(|p| p.addresses.iter().cloned()),
            address_key,
        ),
        hours: merge(
            pages.iter().flat_map(|p| p.hours.iter().cloned()),
            hours_key,
        ),
        services: merge(
            pages.iter().flat_map(|p| p.services.iter().cloned()),
            |s: &Service| compact(&s.name),
        ),
        faqs: merge(
            pages.iter().flat_map(|p| p.faqs.iter().cloned()),
            |f: &Faq| compact(&f.question),
        ),
        socials: merge(
            pages.iter().flat_map(|p| p.socials.iter().cloned()),
            link_key,
        ),
        booking_links: merge(
            pages.iter().flat_map(|p| p.booking_links.iter().cloned()),
            link_key,
        ),
        sources: pages.iter().map(|p| p.url.clone()).collect(),
        names,
    }
}

/// The business name a site's home page metadata and its domain give, by the rules of
/// [`merge_pages`]: for a site whose profile names nothing because no page of it was read (the
/// crawl failed, or the facts were put together without pages), so the domain the caller gave
/// still names the business.
pub fn name_from_home(url: &Url, meta: &PageMeta) -> Option<String> {
    let ctx = PageContext::new(url.clone(), None);
    let mut home = PageFacts {
        url: ctx.source(),
        title: meta.title.clone(),
        ..PageFacts::default()
    };
    super::meta::collect(meta, &ctx, &mut home);
    merge_pages(&[home]).name
}

/// A fact that carries its provenance.
pub trait Sourced {
    fn provenance(&self) -> &Provenance;
    fn provenance_mut(&mut self) -> &mut Provenance;
}

macro_rules! sourced {
    ($($t:ty),*) => {$(
        impl Sourced for $t {
            fn provenance(&self) -> &Provenance {
                &self.provenance
            }
            fn provenance_mut(&mut self) -> &mut Provenance {
                &mut self.provenance
            }
        }
    )*};
}
sourced!(TextFact, Phone, Email, Address, Hours, Service, Faq, Link);

/// Groups facts by `key`, keeping the best-origin value of each group with every source and the
/// summed count, then ranks the groups: origin first, then count, then first appearance.
fn merge<T: Sourced, K: Fn(&T) -> String>(facts: impl Iterator<Item = T>, key: K) -> Vec<T> {
    let mut groups: Vec<T> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for fact in facts {
        let k = key(&fact);
        if k.is_empty() {
            continue;
        }
        match index.get(&k) {
            Some(&i) => {
                let kept = &mut groups[i];
                let incoming = fact.provenance().clone();
                let (better, worse) = if incoming.origin < kept.provenance().origin {
                    let old = std::mem::replace(kept, fact);
                    (kept, old.provenance().clone())
                } else {
                    (kept, incoming)
                };
                let p = better.provenance_mut();
                p.count = p.count.saturating_add(worse.count);
                for source in worse.sources {
                    if !p.sources.contains(&source) && p.sources.len() < MAX_SOURCES {
                        p.sources.push(source);
                    }
                }
                if p.evidence.is_none() {
                    p.evidence = worse.evidence;
                }
                p.own_block |= worse.own_block;
            }
            None if groups.len() < MAX_PER_KIND * 4 => {
                index.insert(k, groups.len());
                groups.push(fact);
            }
            None => {}
        }
    }
    let mut ranked: Vec<(usize, T)> = groups.into_iter().enumerate().collect();
    ranked.sort_by(|(ia, a), (ib, b)| {
        let (pa, pb) = (a.provenance(), b.provenance());
        pa.origin
            .cmp(&pb.origin)
            .then(pb.count.cmp(&pa.count))
            .then(ia.cmp(ib))
    });
    ranked
        .into_iter()
        .map(|(_, mut f)| {
            let p = f.provenance_mut();
            p.confidence = Some(super::facts::confidence_of(p));
            f
        })
        .take(MAX_PER_KIND)
        .collect()
}

fn dedup_keep_order(facts: Vec<TextFact>) -> Vec<TextFact> {
    let mut seen = std::collections::HashSet::new();
    facts
        .into_iter()
        .filter(|f| seen.insert(compact(&f.value)))
        .collect()
}

fn ranked_names(pages: &[PageFacts], host: Option<&str>, label: Option<&str>) -> Vec<TextFact> {
    // Structured data and og:site_name, ranked among themselves. One written like a title
    // ("Home Loans - Solutions from Bank of America") keeps the part that spells the domain.
    let mut names = merge(pages.iter().flat_map(|p| p.names.iter().cloned()), text_key);
    for fact in &mut names {
        let segments = title_segments(&fact.value);
        if segments.len() > 1 {
            let span = segments.iter().find_map(|s| {
                label
                    .and_then(|l| domain_span(s, l))
                    .filter(|(_, exact)| *exact)
            });
            if let Some((span, _)) = span {
                fact.value = span;
            }
        }
    }
    let titled: Vec<(&str, &str)> = pages
        .iter()
        .filter_map(|p| p.title.as_deref().map(|t| (t, p.url.as_str())))
        .collect();
    let titles: Vec<&str> = titled.iter().map(|(t, _)| *t).collect();
    let title_fact = |n: &TitleName| {
        let first = n.titles.first().copied().unwrap_or_default();
        TextFact {
            value: n.value.clone(),
            provenance: Provenance {
                sources: n
                    .titles
                    .iter()
                    .take(MAX_SOURCES)
                    .map(|&i| titled[i].1.to_owned())
                    .collect(),
                evidence: Some(snippet(&format!("title: {}", titles[first]))),
                origin: Origin::Text,
                count: n.titles.len() as u32,
                own_block: false,
                confidence: None,
            },
        }
    };
    let from_titles = names_from_titles(&titles, label);
    let tier = |t: TitleTier| from_titles.iter().filter(move |n| n.tier == t);
    names.extend(tier(TitleTier::DomainExact).map(title_fact));
    names.extend(merge(
        pages.iter().filter_map(|p| p.copyright.clone()),
        text_key,
    ));
    names.extend(tier(TitleTier::Repeated).map(title_fact));
    names.extend(tier(TitleTier::DomainPartial).map(title_fact));
    match (label, host) {
        (Some(label), Some(host)) => names.push(TextFact {
            value: humanise_label(label),
            provenance: Provenance {
                sources: vec![format!("https://{host}/")],
                evidence: Some(format!("domain name {host}")),
                origin: Origin::Text,
                count: 0,
                own_block: false,
                confidence: None,
            },
        }),
        // No domain to compare with (an IP address): the home page title's first segment.
        _ => {
            if let Some(home) = pages.first() {
                let segment = home
                    .title
                    .as_deref()
                    .and_then(|t| title_segments(t).into_iter().next());
                if let Some(segment) = segment {
                    let evidence = home.title.as_deref().map(|t| format!("title: {t}"));
                    names.push(TextFact {
                        value: segment,
                        provenance: Provenance::new(
                            home.url.clone(),
                            Origin::Text,
                            evidence.as_deref(),
                        ),
                    });
                }
            }
        }
    }
    super::names_weighed::weigh(dedup_keep_order(names), pages, label)
}

/// The language most pages are written in (by primary subtag, ties to the home page's), as
/// the most specific tag those pages give (`es-ES` over `es`).
fn most_common_language(pages: &[PageFacts]) -> Option<String> {
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for lang in pages.iter().filter_map(|p| p.language.as_deref()) {
        let p = primary(lang);
        match counts.iter_mut().find(|(l, _)| *l == p) {
            Some((_, n)) => *n += 1,
            None => counts.push((p, 1)),
        }
    }
    // Stable: ties keep the home page's language.
    let winner = counts
        .into_iter()
        .enumerate()
        .max_by(|(ia, (_, a)), (ib, (_, b))| a.cmp(b).then(ib.cmp(ia)))
        .map(|(_, (l, _))| l)?;
    let tags = pages
        .iter()
        .filter_map(|p| p.language.as_deref())
        .filter(|t| primary(t) == winner);
    let mut best: Option<&str> = None;
    for tag in tags {
        if best.is_none_or(|b| !b.contains(['-', '_']) && tag.contains(['-', '_'])) {
            best = Some(tag);
        }
    }
    best.map(str::to_owned)
}

fn text_key(fact: &TextFact) -> String {
    compact(&fact.value)
}

/// The same place written twice ("123 Main St" in JSON-LD, "123 Main Street, Springfield" in
/// the footer) shares its postal code and house number.
fn address_key(a: &Address) -> String {
    let number = a
        .street
        .as_deref()
        .unwrap_or(&a.text)
        .split(|c: char| !c.is_ascii_digit())
        .find(|d| !d.is_empty())
        .unwrap_or_default()
        .to_owned();
    match a.postal_code.as_deref().map(compact) {
        Some(postal) if !postal.is_empty() => format!("{postal}#{number}"),
        _ => compact(&a.text),
    }
}

fn hours_key(h: &Hours) -> String {
    if h.days.is_empty() {
        return compact(&h.text);
    }
    format!(
        "{}|{}|{}|{}",
        h.days.join(","),
        h.opens.as_deref().unwrap_or_default(),
        h.closes.as_deref().unwrap_or_default(),
        h.closed
    )
}

fn link_key(l: &Link) -> String {
    match Url::parse(&l.url) {
        Ok(u) => format!(
            "{}{}",
            u.host_str()
                .unwrap_or_default()
                .trim_start_matches("www.")
                .to_ascii_lowercase(),
            u.path().trim_end_matches('/').to_lowercase()
        ),
        Err(_) => l.url.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, title: Option<&str>) -> PageFacts {
        PageFacts {
            url: url.to_owned(),
            title: title.map(str::to_owned),
            ..PageFacts::default()
        }
    }

    fn phone(e164: &str, source: &str, origin: Origin) -> Phone {
        Phone {
            e164: e164.to_owned(),
            display: e164.to_owned(),
            kind: None,
            provenance: Provenance::new(source, origin, Some(e164)),
        }
    }

    fn name(value: &str, source: &str, origin: Origin) -> TextFact {
        TextFact {
            value: value.to_owned(),
            provenance: Provenance::new(source, origin, None),
        }
    }

    #[test]
    fn the_same_phone_on_several_pages_is_one_fact_with_every_source() {
        let mut home = page("https://acme.com/", None);
        let mut contact = page("https://acme.com/contact", None);
        home.phones
            .push(phone("+14155552671", &home.url.clone(), Origin::Text));
        contact
            .phones
            .push(phone("+14155552671", &contact.url.clone(), Origin::Markup));
        contact
            .phones
            .push(phone("+14155550000", &contact.url.clone(), Origin::Text));
        let profile = merge_pages(&[home, contact]);
        assert_eq!(profile.phones.len(), 2);
        let first = &profile.phones[0];
        assert_eq!(first.e164, "+14155552671");
        // The better origin's copy is kept, with both pages as sources.
        assert_eq!(first.provenance.origin, Origin::Markup);
        assert_eq!(first.provenance.count, 2);
        assert_eq!(
            first.provenance.sources,
            vec!["https://acme.com/contact", "https://acme.com/"]
        );
    }

    #[test]
    fn conflicting_values_are_ranked_structured_first_then_by_frequency() {
        let mut pages: Vec<PageFacts> = (0..3)
            .map(|i| page(&format!("https://acme.com/{i}"), None))
            .collect();
        for p in &mut pages {
            let url = p.url.clone();
            p.phones.push(phone("+14155550001", &url, Origin::Text));
        }
        pages[2].phones.push(phone(
            "+14155550002",
            "https://acme.com/2",
            Origin::Structured,
        ));
        pages[1]
            .phones
            .push(phone("+14155550003", "https://acme.com/1", Origin::Text));
        let e164: Vec<_> = merge_pages(&pages)
            .phones
            .into_iter()
            .map(|p| p.e164)
            .collect();
        assert_eq!(e164, ["+14155550002", "+14155550001", "+14155550003"]);
    }

    #[test]
    fn name_prefers_structured_then_site_name_then_titles_then_domain() {
        let mut home = page(
            "https://www.smiths-plumbing.co.uk/",
            Some("Home | Smith's Plumbing Leeds"),
        );
        let about = page(
            "https://www.smiths-plumbing.co.uk/about",
            Some("About | Smith's Plumbing Leeds"),
        );
        assert_eq!(
            merge_pages(&[home.clone(), about.clone()]).name.as_deref(),
            Some("Smith's Plumbing")
        );
        home.names
            .push(name("Smiths", &home.url.clone(), Origin::Markup));
        home.names.push(name(
            "Smith & Sons Plumbing Ltd",
            &home.url.clone(),
            Origin::Structured,
        ));
        assert_eq!(
            merge_pages(&[home, about]).name.as_deref(),
            Some("Smith & Sons Plumbing Ltd")
        );
        let bare = page("https://www.smiths-plumbing.co.uk/", Some("Home"));
        assert_eq!(
            merge_pages(&[bare]).name.as_deref(),
            Some("Smiths Plumbing")
        );
    }

    /// The name the home page's metadata and the domain give, as a site none of whose pages
    /// was read is named.
    fn home_name(title: Option<&str>, site_name: Option<&str>, host: &str) -> Option<String> {
        let meta = PageMeta {
            title: title.map(str::to_owned),
            site_name: site_name.map(str::to_owned),
            ..PageMeta::default()
        };
        name_from_home(&Url::parse(&format!("https://{host}/")).unwrap(), &meta)
    }

    #[test]
    fn domain_names_are_humanised_public_suffix_aware() {
        let name_from_domain = |host: &str| home_name(None, None, host);
        assert_eq!(
            name_from_domain("acme-corp.com").as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            name_from_domain("www.smiths-plumbing.co.uk").as_deref(),
            Some("Smiths Plumbing")
        );
        assert_eq!(
            name_from_domain("shop.example.com.au").as_deref(),
            Some("Example")
        );
        assert_eq!(name_from_domain("127.0.0.1"), None);
        assert_eq!(name_from_domain("co.uk"), None);
    }

    #[test]
    fn site_name_wins_then_matching_title_segment_then_domain() {
        assert_eq!(
            home_name(
                Some("Home | Bright Smile"),
                Some("Bright Smile Dental"),
                "brightsmile.com"
            )
            .as_deref(),
            Some("Bright Smile Dental")
        );
        assert_eq!(
            home_name(
                Some("Home | Bright Smile Dental"),
                None,
                "brightsmiledental.com"
            )
            .as_deref(),
            Some("Bright Smile Dental")
        );
        assert_eq!(
            home_name(
                Some("Acme Corp - Plumbing in Denver"),
                None,
                "acme-corp.com"
            )
            .as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            home_name(Some("Plumbing in Denver"), None, "acme-corp.com").as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            home_name(Some("Home"), Some("  "), "joes-diner.com").as_deref(),
            Some("Joes Diner")
        );
    }

    #[test]
    fn addresses_written_twice_merge_and_hours_dedupe_by_meaning() {
        let mut p = page("https://acme.com/", None);
        let addr = |text: &str, street: Option<&str>, origin| Address {
            text: text.to_owned(),
            street: street.map(str::to_owned),
            city: None,
            region: None,
            postal_code: Some("62701".to_owned()),
            country: None,
            provenance: Provenance::new("https://acme.com/", origin, None),
        };
        p.addresses.push(addr(
            "123 Main Street, Springfield, IL 62701",
            None,
            Origin::Text,
        ));
        p.addresses
            .push(addr("123 Main St", Some("123 Main St"), Origin::Structured));
        let hours = |text: &str| Hours {
            text: text.to_owned(),
            days: vec!["Monday".to_owned(), "Tuesday".to_owned()],
            opens: Some("09:00".to_owned()),
            closes: Some("17:00".to_owned()),
            closed: false,
            provenance: Provenance::new("https://acme.com/", Origin::Text, None),
        };
        p.hours.push(hours("Mon-Tue 9am-5pm"));
        p.hours.push(hours("Monday–Tuesday: 09:00–17:00"));
        let profile = merge_pages(&[p]);
        assert_eq!(profile.addresses.len(), 1);
        assert_eq!(profile.addresses[0].street.as_deref(), Some("123 Main St"));
        assert_eq!(profile.hours.len(), 1);
        assert_eq!(profile.hours[0].provenance.count, 2);
    }

    #[test]
    fn language_is_the_most_common_and_sources_list_every_page() {
        let mut a = page("https://acme.com/", None);
        let mut b = page("https://acme.com/b", None);
        let mut c = page("https://acme.com/c", None);
        a.language = Some("en".into());
        b.language = Some("fr".into());
        c.language = Some("FR".into());
        let profile = merge_pages(&[a, b, c]);
        assert_eq!(profile.language.as_deref(), Some("fr"));
        assert_eq!(profile.sources.len(), 3);
        assert_eq!(merge_pages(&[]), BusinessProfile::default());
    }
}
