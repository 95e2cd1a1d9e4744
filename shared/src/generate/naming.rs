//! The agent's business name: what the site calls itself, else its domain, else the
//! instructions.

use crate::extract::PageMeta;

const MAX_NAME_CHARS: usize = 60;

/// Title fragments that are page names, not business names.
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
    "default",
    "website",
];

/// `og:site_name`, then the title segment that matches the domain, then the humanised domain.
pub fn business_name(meta: &PageMeta, host: &str) -> Option<String> {
    if let Some(site_name) = meta.site_name.as_deref().and_then(acceptable) {
        return Some(site_name);
    }
    let domain_label = registrable_label(host);
    if let (Some(title), Some(label)) = (meta.title.as_deref(), domain_label.as_deref()) {
        let label_key = compact(label);
        let matching = title_segments(title).into_iter().find(|segment| {
            let key = compact(segment);
            key.len() >= 3 && (label_key.contains(&key) || key.contains(&label_key))
        });
        if let Some(segment) = matching {
            return Some(segment);
        }
    }
    match domain_label {
        Some(label) => Some(humanise(&label)),
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
    registrable_label(host).map(|label| humanise(&label))
}

fn registrable_label(host: &str) -> Option<String> {
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

fn humanise(label: &str) -> String {
    label
        .split(['-', '_'])
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

fn title_segments(title: &str) -> Vec<String> {
    let stripped = title.trim();
    let stripped = ["Welcome to ", "Welcome To ", "WELCOME TO "]
        .iter()
        .find_map(|p| stripped.strip_prefix(p))
        .unwrap_or(stripped);
    split_title(stripped)
        .into_iter()
        .filter_map(acceptable)
        .collect()
}

/// Splits on the separators sites put between page name and brand.
fn split_title(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in [" | ", " - ", " – ", " — ", " · ", " :: ", " » ", ": "] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
}

fn acceptable(raw: &str) -> Option<String> {
    let name = raw
        .trim()
        .trim_matches(|c: char| c == '|' || c == '-' || c.is_whitespace());
    let lower = name.to_lowercase();
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && !GENERIC.contains(&lower.as_str())
        && name.chars().any(char::is_alphanumeric);
    ok.then(|| name.to_owned())
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .replace("and", "")
}

/// A business name the instructions give: "…for Acme Dental…", "…called Bright Smile…".
pub fn name_from_instructions(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let cue = word
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        if !matches!(cue.as_str(), "called" | "named" | "for" | "at") {
            continue;
        }
        let mut name: Vec<&str> = Vec::new();
        for w in words[i + 1..].iter().take(5) {
            let capitalised = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if !capitalised {
                break;
            }
            name.push(w);
            // A name ends with its sentence or clause.
            if w.ends_with(['.', '!', '?', ',', ';', ':']) {
                break;
            }
        }
        let joined = name.join(" ");
        let cleaned = joined.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !cleaned.is_empty() && !matches!(cleaned, "I" | "A" | "The" | "Our" | "We") {
            return Some(cleaned.to_owned());
        }
    }
    None
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
