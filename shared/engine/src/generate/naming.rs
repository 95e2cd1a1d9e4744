//! The agent's business name: what the site calls itself, else its domain, else the
//! instructions.

use crate::extract::names::{
    acceptable_name as acceptable, humanise_label, matches_domain, registrable_label,
    title_segments,
};
use crate::extract::PageMeta;

/// `og:site_name`, then the title segment that matches the domain, then the humanised domain.
pub fn business_name(meta: &PageMeta, host: &str) -> Option<String> {
    if let Some(site_name) = meta.site_name.as_deref().and_then(acceptable) {
        return Some(site_name);
    }
    let domain_label = registrable_label(host);
    if let (Some(title), Some(label)) = (meta.title.as_deref(), domain_label.as_deref()) {
        let matching = title_segments(title)
            .into_iter()
            .find(|segment| matches_domain(segment, label));
        if let Some(segment) = matching {
            return Some(segment);
        }
    }
    match domain_label {
        Some(label) => Some(humanise_label(&label)),
        // No domain to compare with (an IP address): the title's leading segment.
        None => meta
            .title
            .as_deref()
            .and_then(|t| title_segments(t).into_iter().next()),
    }
}

/// `acme-corp.com` → "Acme Corp", `www.smiths-plumbing.co.uk` → "Smiths Plumbing" (the label
/// left of the public suffix). `None` for IP addresses and bare suffixes.
pub fn name_from_domain(host: &str) -> Option<String> {
    registrable_label(host).map(|label| humanise_label(&label))
}

/// A business name the instructions give: "…for Acme Dental…", "…called Bright Smile…", "We
/// are X", "Name: X" and their kin ([`super::instruction_name`]).
pub fn name_from_instructions(text: &str) -> Option<String> {
    super::instruction_name::business_from_instructions(text)
}

/// A business name as found (trimmed, not a generic page name, not too long), or `None`.
pub fn acceptable_name(raw: &str) -> Option<String> {
    acceptable(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: Option<&str>, site_name: Option<&str>) -> PageMeta {
        PageMeta {
            title: title.map(str::to_owned),
            site_name: site_name.map(str::to_owned),
            ..PageMeta::default()
        }
    }

    #[test]
    fn a_name_in_the_instructions_ends_with_its_sentence() {
        assert_eq!(
            name_from_instructions("Answer calls for Bright Smile Dental. Focus on cleanings.")
                .as_deref(),
            Some("Bright Smile Dental")
        );
        assert_eq!(
            name_from_instructions("We are a bakery called Rosie's Bakery, open daily").as_deref(),
            Some("Rosie's Bakery")
        );
        assert_eq!(
            name_from_instructions("Focus on support for our app."),
            None
        );
    }

    #[test]
    fn domain_names_are_humanised_public_suffix_aware() {
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
            business_name(
                &meta(Some("Home | Bright Smile"), Some("Bright Smile Dental")),
                "brightsmile.com"
            )
            .as_deref(),
            Some("Bright Smile Dental")
        );
        assert_eq!(
            business_name(
                &meta(Some("Home | Bright Smile Dental"), None),
                "brightsmiledental.com"
            )
            .as_deref(),
            Some("Bright Smile Dental")
        );
        assert_eq!(
            business_name(
                &meta(Some("Acme Corp - Plumbing in Denver"), None),
                "acme-corp.com"
            )
            .as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            business_name(&meta(Some("Plumbing in Denver"), None), "acme-corp.com").as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            business_name(&meta(Some("Home"), Some("  ")), "joes-diner.com").as_deref(),
            Some("Joes Diner")
        );
    }
}
