//! The profile's facts as the agent may state them, each with its source pages. Lists are
//! capped so the system prompt stays a size a voice runtime accepts.

use crate::domain::{Confidence, FactKind, KnowledgeFact};
use crate::extract::facts::WEEKDAYS;
use crate::extract::{BusinessProfile, Provenance};
use crate::lang::messages::Messages;

/// Most entries kept per kind, and the longest text of one entry.
const CAP_CONTACTS: usize = 5;
const CAP_HOURS: usize = 14;
const CAP_SERVICES: usize = 40;
const CAP_FAQS: usize = 25;
const CAP_LINKS: usize = 8;
const MAX_FACT_CHARS: usize = 500;

/// The facts, and a note for each kind that was cut short.
pub fn knowledge_from_profile(profile: &BusinessProfile) -> (Vec<KnowledgeFact>, Vec<String>) {
    knowledge_from_profile_in(profile, crate::lang::messages::for_agent("en"))
}

/// [`knowledge_from_profile`], with opening hours and FAQ lines written in the agent's
/// language.
pub fn knowledge_from_profile_in(
    profile: &BusinessProfile,
    messages: &Messages,
) -> (Vec<KnowledgeFact>, Vec<String>) {
    let mut out = Knowledge::default();
    if let Some(name) = profile.name.as_deref() {
        let found = profile.names.iter().find(|n| n.value == name);
        let sources = found
            .map(|n| n.provenance.sources.clone())
            .unwrap_or_else(|| profile.sources.iter().take(1).cloned().collect());
        // A name is read from every page's title, header and data at once: at least medium.
        let confidence = found
            .map(|n| {
                crate::extract::facts::confidence_or_rule(&n.provenance).max(Confidence::Medium)
            })
            .unwrap_or(Confidence::Medium);
        out.push(FactKind::Name, name, sources, confidence);
    }
    if let Some(description) = profile.description.as_deref() {
        // The site's own summary of itself (meta or structured description).
        let confidence = Confidence::Medium;
        out.push(
            FactKind::Description,
            description,
            profile.sources.iter().take(1).cloned().collect(),
            confidence,
        );
    }
    out.push_all(
        FactKind::Category,
        profile
            .categories
            .iter()
            // A schema.org type is English ("HairSalon"): an agent in another language says
            // what the business is in its personality instead.
            .filter(|c| messages.code == "en" || !is_schema_type(&c.value))
            .map(|c| (humanise_category(&c.value), &c.provenance))
            .collect::<Vec<_>>()
            .into_iter(),
        CAP_CONTACTS,
    );
    out.push_all(
        FactKind::Phone,
        profile.phones.iter().map(|p| {
            let text = match p.kind.as_deref() {
                Some(kind) => format!("{} ({kind})", p.display),
                None => p.display.clone(),
            };
            (text, &p.provenance)
        }),
        CAP_CONTACTS,
    );
    out.push_all(
        FactKind::Email,
        profile
            .emails
            .iter()
            .map(|e| (e.address.clone(), &e.provenance)),
        CAP_CONTACTS,
    );
    out.push_all(
        FactKind::Address,
        profile
            .addresses
            .iter()
            .map(|a| (a.text.clone(), &a.provenance)),
        CAP_CONTACTS,
    );
    out.push_all(
        FactKind::Hours,
        profile
            .hours
            .iter()
            .map(|h| (super::localized::hours_text(messages, h), &h.provenance)),
        CAP_HOURS,
    );
    out.push_all(
        FactKind::Service,
        profile.services.iter().map(|s| {
            let mut text = short(&s.name).to_owned();
            if let Some(price) = s.price.as_deref() {
                text.push_str(&format!(" — {}", short(price)));
            }
            if let Some(description) = s.description.as_deref() {
                text.push_str(&format!(": {}", short(description)));
            }
            (text, &s.provenance)
        }),
        CAP_SERVICES,
    );
    out.push_all(
        FactKind::Faq,
        profile.faqs.iter().map(|f| {
            let (question, answer) = (short(&f.question), short(&f.answer));
            let text = messages.text("faq-line", &[("question", question), ("answer", answer)]);
            (text, &f.provenance)
        }),
        CAP_FAQS,
    );
    out.push_all(
        FactKind::BookingLink,
        profile
            .booking_links
            .iter()
            .map(|l| (l.url.clone(), &l.provenance)),
        CAP_LINKS,
    );
    out.push_all(
        FactKind::Social,
        profile
            .socials
            .iter()
            .map(|l| (format!("{}: {}", l.platform, l.url), &l.provenance)),
        CAP_LINKS,
    );
    (out.facts, out.notes)
}

/// A prefix long enough for any fact (whitespace still to be collapsed), on a char boundary.
fn short(text: &str) -> &str {
    match text.char_indices().nth(MAX_FACT_CHARS * 2) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// `https://schema.org/BeautySalon`, `HairSalon`: a vocabulary type, not words of the site.
fn is_schema_type(raw: &str) -> bool {
    let trimmed = raw.trim();
    trimmed.contains("schema.org")
        || crate::generate::industry::industry_from_category(trimmed).is_some()
            && !trimmed.contains(char::is_whitespace)
            && trimmed.starts_with(|c: char| c.is_ascii_uppercase())
            && trimmed.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `https://schema.org/BeautySalon` → "Beauty salon"; other categories as written.
fn humanise_category(raw: &str) -> String {
    let trimmed = raw.trim();
    let is_type_name =
        |s: &str| !s.is_empty() && !s.contains(' ') && s.chars().all(char::is_alphanumeric);
    let name = trimmed
        .strip_prefix("https://schema.org/")
        .or_else(|| trimmed.strip_prefix("http://schema.org/"))
        .unwrap_or(trimmed);
    if !is_type_name(name) || !name.chars().next().is_some_and(char::is_uppercase) {
        return trimmed.to_owned();
    }
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i > 0 && c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every page a fact came from, in first-seen order.
pub fn sources_of(facts: &[KnowledgeFact]) -> Vec<String> {
    let mut sources: Vec<String> = Vec::new();
    for source in facts.iter().flat_map(|f| &f.sources) {
        if !sources.contains(source) {
            sources.push(source.clone());
        }
    }
    sources
}

/// "Monday–Friday 09:00–17:00", from the structured parts when they are complete.
/// Consecutive days of the week, in order.
pub(super) fn is_run(days: &[String]) -> bool {
    let positions: Option<Vec<usize>> = days
        .iter()
        .map(|d| WEEKDAYS.iter().position(|w| w.eq_ignore_ascii_case(d)))
        .collect();
    positions.is_some_and(|p| p.len() >= 3 && p.windows(2).all(|w| w[1] == w[0] + 1))
}

#[derive(Default)]
struct Knowledge {
    facts: Vec<KnowledgeFact>,
    notes: Vec<String>,
}

impl Knowledge {
    fn push(&mut self, kind: FactKind, text: &str, sources: Vec<String>, confidence: Confidence) {
        let text = clip(text);
        if text.is_empty() || self.facts.iter().any(|f| f.kind == kind && f.text == text) {
            return;
        }
        self.facts.push(KnowledgeFact {
            kind,
            text,
            sources,
            confidence: Some(confidence),
        });
    }

    /// Items are described lazily: once `cap` are kept the rest are only counted, so a
    /// profile with thousands of entries costs no more than one with `cap`.
    fn push_all<'a>(
        &mut self,
        kind: FactKind,
        items: impl ExactSizeIterator<Item = (String, &'a Provenance)>,
        cap: usize,
    ) {
        let total = items.len();
        let mut consumed = 0;
        let mut kept = 0;
        for (text, provenance) in items {
            if kept == cap {
                break;
            }
            consumed += 1;
            let before = self.facts.len();
            self.push(
                kind,
                &text,
                provenance.sources.clone(),
                crate::extract::facts::confidence_or_rule(provenance),
            );
            kept += self.facts.len() - before;
        }
        let dropped = total - consumed;
        if dropped > 0 {
            self.notes.push(format!(
                "{dropped} more {} facts were found than an agent's knowledge holds; the best-ranked {cap} were kept.",
                kind_label(kind)
            ));
        }
    }
}

fn kind_label(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Name => "name",
        FactKind::Description => "description",
        FactKind::Category => "category",
        FactKind::Phone => "phone",
        FactKind::Email => "email",
        FactKind::Address => "address",
        FactKind::Hours => "opening-hours",
        FactKind::Service => "service",
        FactKind::Faq => "FAQ",
        FactKind::BookingLink => "booking-link",
        FactKind::Social => "social-profile",
    }
}

/// Whitespace collapsed, cut at [`MAX_FACT_CHARS`] on a character boundary.
fn clip(text: &str) -> String {
    let collapsed = short(text).split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_FACT_CHARS {
        collapsed
    } else {
        let cut: String = collapsed.chars().take(MAX_FACT_CHARS).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Hours, Origin, Phone, Service};

    fn prov(url: &str) -> Provenance {
        Provenance::new(url, Origin::Structured, None)
    }

    #[test]
    fn facts_keep_their_sources_and_hours_read_naturally() {
        let profile = BusinessProfile {
            name: Some("Acme".into()),
            phones: vec![Phone {
                e164: "+14155550100".into(),
                display: "(415) 555-0100".into(),
                kind: None,
                provenance: prov("https://acme.com/contact"),
            }],
            hours: vec![Hours {
                text: "Mon-Fri 9-5".into(),
                days: WEEKDAYS[..5].iter().map(|d| d.to_string()).collect(),
                opens: Some("09:00".into()),
                closes: Some("17:00".into()),
                closed: false,
                provenance: prov("https://acme.com/"),
            }],
            services: vec![Service {
                name: "Cleaning".into(),
                description: None,
                price: Some("$120".into()),
                provenance: prov("https://acme.com/services"),
            }],
            sources: vec!["https://acme.com/".into()],
            ..BusinessProfile::default()
        };
        let (facts, notes) = knowledge_from_profile(&profile);
        assert!(notes.is_empty());
        let phone = facts.iter().find(|f| f.kind == FactKind::Phone).unwrap();
        assert_eq!(phone.text, "(415) 555-0100");
        assert_eq!(phone.sources, vec!["https://acme.com/contact".to_owned()]);
        let hours = facts.iter().find(|f| f.kind == FactKind::Hours).unwrap();
        assert_eq!(hours.text, "Monday to Friday: 09:00 to 17:00");
        let service = facts.iter().find(|f| f.kind == FactKind::Service).unwrap();
        assert_eq!(service.text, "Cleaning — $120");
        assert_eq!(
            sources_of(&facts),
            vec![
                "https://acme.com/".to_owned(),
                "https://acme.com/contact".to_owned(),
                "https://acme.com/services".to_owned()
            ]
        );
    }

    #[test]
    fn schema_org_categories_read_as_words() {
        assert_eq!(
            humanise_category("https://schema.org/BeautySalon"),
            "Beauty salon"
        );
        assert_eq!(humanise_category("Dentist"), "Dentist");
        assert_eq!(humanise_category("family dentistry"), "family dentistry");
    }

    #[test]
    fn long_lists_are_capped_with_a_note() {
        let profile = BusinessProfile {
            services: (0..100)
                .map(|i| Service {
                    name: format!("Service {i}"),
                    description: Some("y".repeat(10_000)),
                    price: None,
                    provenance: prov("https://a.com/"),
                })
                .collect(),
            ..BusinessProfile::default()
        };
        let (facts, notes) = knowledge_from_profile(&profile);
        assert_eq!(facts.len(), CAP_SERVICES);
        assert!(facts
            .iter()
            .all(|f| f.text.chars().count() <= MAX_FACT_CHARS + 1));
        assert_eq!(notes.len(), 1);
    }
}
