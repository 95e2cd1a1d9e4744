//! The business's name from page titles and the domain, for when structured data and
//! `og:site_name` are silent: the title segment that matches the domain, else the segment most
//! of the site's titles share ("About | Acme Plumbing", "Contact | Acme Plumbing").

use std::collections::HashMap;

const MAX_NAME_CHARS: usize = 80;

/// Title fragments that name a page or a site section, never a business.
const GENERIC: &[&str] = &[
    "home",
    "homepage",
    "home page",
    "welcome",
    "index",
    "official site",
    "official website",
    "main page",
    "untitled",
    "untitled document",
    "default",
    "website",
    "about",
    "about us",
    "contact",
    "contact us",
    "services",
    "our services",
    "blog",
    "news",
    "faq",
    "faqs",
    "locations",
    "location",
    "our team",
    "team",
    "gallery",
    "products",
    "shop",
    "menu",
    "careers",
    "privacy policy",
    "terms",
    "404",
    "page not found",
    "not found",
];

/// A plausible business name, trimmed; `None` for generic, empty or overlong text.
pub fn acceptable_name(raw: &str) -> Option<String> {
    let name = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| {
            matches!(c, '|' | '-' | '–' | '—' | ':' | '·' | '»') || c.is_whitespace()
        })
        .to_owned();
    let lower = name.to_lowercase();
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && !GENERIC.contains(&lower.as_str())
        && name.chars().any(char::is_alphabetic);
    ok.then_some(name)
}

/// Splits a title on the separators sites put between the page's name and the brand.
pub fn title_segments(title: &str) -> Vec<String> {
    let trimmed = title.trim();
    let trimmed = ["welcome to ", "welcome "]
        .iter()
        .find_map(|p| {
            trimmed
                .get(..p.len())
                .filter(|head| head.eq_ignore_ascii_case(p))
                .map(|_| &trimmed[p.len()..])
        })
        .unwrap_or(trimmed);
    let mut parts = vec![trimmed];
    for sep in [
        " | ", "|", " - ", " – ", " — ", " · ", " :: ", " » ", ": ", " / ",
    ] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().filter_map(acceptable_name).collect()
}

/// Letters and digits only, lower-cased, for comparing names with domains and each other.
pub fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The label left of the public suffix: `www.smiths-plumbing.co.uk` → `smiths-plumbing`.
pub fn registrable_label(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return None;
    }
    let domain = psl::domain(host.as_bytes())?;
    let suffix_len = domain.suffix().as_bytes().len();
    let bytes = domain.as_bytes();
    let label = std::str::from_utf8(&bytes[..bytes.len().checked_sub(suffix_len + 1)?]).ok()?;
    (!label.is_empty()).then(|| label.to_owned())
}

/// `acme-corp` → "Acme Corp".
pub fn humanise_label(label: &str) -> String {
    label
        .split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does `name` look like the domain's label (`Smith's Plumbing` ~ `smithsplumbing`,
/// `LeewardPro` ~ `leewardpro`, `Acme` ~ `acmecorp`)?
pub fn matches_domain(name: &str, label: &str) -> bool {
    let key = compact(name);
    let label = compact(label);
    if key.len() < 3 || label.len() < 3 {
        return false;
    }
    if key == label || label.contains(&key) || key.contains(&label) {
        return true;
    }
    // Initials: "Better Business Bureau" ~ "bbb".
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    initials.len() >= 3 && initials == label
}

/// Name candidates from the site's page titles, best first: segments that match the domain,
/// then segments repeated across several titles (the brand suffix), each with the titles'
/// indices it came from.
pub fn names_from_titles(titles: &[&str], domain_label: Option<&str>) -> Vec<(String, Vec<usize>)> {
    let mut seen: HashMap<String, (String, Vec<usize>, bool)> = HashMap::new();
    let mut order = Vec::new();
    for (index, title) in titles.iter().enumerate() {
        // A lone segment is as likely the page's own name as the brand: only repetition across
        // titles or a domain match promotes a segment (below).
        for segment in title_segments(title) {
            let key = compact(&segment);
            let domain_like = domain_label.is_some_and(|l| matches_domain(&segment, l));
            let entry = seen.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                (segment.clone(), Vec::new(), domain_like)
            });
            if !entry.1.contains(&index) {
                entry.1.push(index);
            }
        }
    }
    let mut ranked: Vec<(bool, usize, usize, String, Vec<usize>)> = order
        .iter()
        .enumerate()
        .filter_map(|(pos, key)| {
            let (value, pages, domain_like) = seen.remove(key)?;
            let repeated = pages.len() >= 2 && pages.len() * 2 >= titles.len().min(4);
            (domain_like || repeated).then_some((domain_like, pages.len(), pos, value, pages))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    ranked.into_iter().map(|(_, _, _, v, p)| (v, p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_segment_matching_the_domain_wins() {
        let names = names_from_titles(
            &["Custom License Plates, Free Design | LeewardPro"],
            Some("leewardpro"),
        );
        assert_eq!(names[0].0, "LeewardPro");
    }

    #[test]
    fn the_segment_most_titles_share_is_the_brand() {
        let titles = [
            "Dental Implants – Bright Smile Studio",
            "Contact – Bright Smile Studio",
            "Teeth Whitening – Bright Smile Studio",
        ];
        let names = names_from_titles(&titles, Some("brightsmiledds"));
        assert_eq!(names[0].0, "Bright Smile Studio");
        assert_eq!(names[0].1, vec![0, 1, 2]);
        // A single title's page name is not promoted.
        assert!(names.iter().all(|(n, _)| n != "Dental Implants"));
    }

    #[test]
    fn generic_segments_and_junk_are_not_names() {
        assert_eq!(acceptable_name("Home"), None);
        assert_eq!(acceptable_name("  Contact Us "), None);
        assert_eq!(acceptable_name("12345"), None);
        assert_eq!(acceptable_name(&"x".repeat(200)), None);
        assert_eq!(
            acceptable_name(" | Acme Corp | ").as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            title_segments("Welcome to Joe's Diner"),
            vec!["Joe's Diner"]
        );
    }

    #[test]
    fn domains_are_public_suffix_aware() {
        assert_eq!(
            registrable_label("www.smiths-plumbing.co.uk").as_deref(),
            Some("smiths-plumbing")
        );
        assert_eq!(humanise_label("acme-corp"), "Acme Corp");
        assert_eq!(registrable_label("127.0.0.1"), None);
        assert!(matches_domain("Smith's Plumbing", "smiths-plumbing"));
        assert!(!matches_domain("Dental Implants", "brightsmiledds"));
    }
}
