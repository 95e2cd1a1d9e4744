//! Email addresses from `mailto:` links and visible text, including the usual obfuscations
//! (`name [at] domain [dot] com`, `name (at) domain.com`, `name at domain dot com`). Addresses
//! must look real: a sane local part, a domain with a letter TLD that is not a file extension
//! (`logo@2x.png`), and not a placeholder or tracking address (example.com, Sentry, Wix).

use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEmail {
    /// Local part as written, domain lower-cased.
    pub address: String,
    pub start: usize,
    pub end: usize,
}

const MAX_FOUND: usize = 100;

static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[a-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,64}@[a-z0-9](?:[a-z0-9\-]{0,62}\.)+[a-z]{2,24}\b",
    )
    .expect("email pattern")
});
/// `[at]`/`(at)`/`{at}`/` at ` and `[dot]`/`(dot)`/` dot `/`.` forms.
static OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b([a-z0-9._%+\-]{1,64})\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>|\s+at\s+)\s*((?:[a-z0-9\-]{1,63}\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+|\.)\s*){1,4}[a-z]{2,24})\b",
    )
    .expect("obfuscated email pattern")
});
static OBFUSCATION_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\[({<]\s*at\s*[\])}>]|\sdot\s").expect("obfuscation marker")
});
static DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+|\.)\s*")
        .expect("dot pattern")
});

/// Top-level domains accepted for the bare `name at domain dot com` form, which ordinary
/// sentences can imitate.
const COMMON_TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "us", "ca", "au", "de", "fr", "nl", "es",
    "it", "ie", "nz", "in", "info", "biz", "me",
];
/// Mailbox names trusted in the bare `name at domain dot com` form.
const COMMON_MAILBOXES: &[&str] = &[
    "info",
    "contact",
    "hello",
    "office",
    "admin",
    "sales",
    "support",
    "enquiries",
    "enquiry",
    "inquiries",
    "mail",
    "bookings",
    "booking",
    "reception",
    "service",
    "team",
    "help",
    "orders",
];
const FILE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "css", "js", "pdf",
    "mp4", "webm", "avif", "heic",
];
/// Placeholder, documentation and error-tracking domains that are never the business's inbox.
const NOISE_DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "domain.com",
    "yourdomain.com",
    "yoursite.com",
    "yourcompany.com",
    "email.com",
    "sentry.io",
    "wixpress.com",
    "sentry-next.wixpress.com",
    "sentry.wixpress.com",
];
const PLACEHOLDER_LOCALS: &[&str] = &[
    "your", "yourname", "you", "name", "email", "user", "username",
];

/// The addresses of a `mailto:` href (without the scheme): query stripped, escapes decoded,
/// several addresses split on commas.
pub fn mailto_addresses(raw: &str) -> Vec<String> {
    let raw = raw.split(['?', '#']).next().unwrap_or_default();
    let decoded = super::percent_decode(raw);
    decoded
        .split([',', ';'])
        .filter_map(|a| normalise(a.trim()))
        .collect()
}

pub fn emails_in_text(text: &str) -> Vec<TextEmail> {
    let mut found: Vec<TextEmail> = Vec::new();
    for m in PLAIN.find_iter(text) {
        if found.len() >= MAX_FOUND {
            return found;
        }
        // A match inside a longer token (`a@b.c@d`) or URL credentials is not an address.
        if text[m.end()..].starts_with('@') {
            continue;
        }
        if let Some(address) = normalise(m.as_str()) {
            found.push(TextEmail {
                address,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    // Most pages have no obfuscated address: skip the slow capturing search unless a marker
    // (`[at]`, `(at)`, or a spelled-out ` dot `) is there at all.
    if !OBFUSCATION_MARKER.is_match(text) {
        found.sort_by_key(|f| f.start);
        return found;
    }
    for caps in OBFUSCATED.captures_iter(text) {
        if found.len() >= MAX_FOUND {
            break;
        }
        let (Some(whole), Some(local), Some(domain)) = (caps.get(0), caps.get(1), caps.get(2))
        else {
            continue;
        };
        if found
            .iter()
            .any(|f| f.start < whole.end() && whole.start() < f.end)
        {
            continue;
        }
        let joined_domain = DOT.replace_all(domain.as_str(), ".");
        let bare_at = !whole.as_str().contains(['[', '(', '{', '<']);
        if bare_at {
            // Sentences imitate `x at y dot z`: demand a spelled-out dot and a common TLD.
            let tld = joined_domain.rsplit('.').next().unwrap_or_default();
            let spelled_dot = domain.as_str().to_ascii_lowercase().contains("dot");
            let local_lower = local.as_str().to_ascii_lowercase();
            let mailbox_like = local_lower
                .contains(|c: char| c.is_ascii_digit() || ".-_".contains(c))
                || COMMON_MAILBOXES.contains(&local_lower.as_str());
            if !spelled_dot
                || !mailbox_like
                || !COMMON_TLDS.contains(&tld.to_ascii_lowercase().as_str())
            {
                continue;
            }
        }
        if let Some(address) = normalise(&format!("{}@{}", local.as_str(), joined_domain)) {
            found.push(TextEmail {
                address,
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// A valid-looking address with its domain lower-cased, or `None`.
pub fn normalise(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_matches(|c: char| c == '.' || c == '\'');
    let (local, domain) = raw.rsplit_once('@')?;
    if local.is_empty()
        || local.len() > 64
        || local.starts_with('.')
        || local.contains("..")
        || local.contains('@')
        || !local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
    {
        return None;
    }
    let domain = domain.to_ascii_lowercase();
    if domain.len() > 253 || !domain.contains('.') {
        return None;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let valid_labels = labels.iter().all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let tld = labels.last().copied().unwrap_or_default();
    if !valid_labels
        || tld.len() < 2
        || !tld.chars().all(|c| c.is_ascii_alphabetic())
        || FILE_EXTENSIONS.contains(&tld)
    {
        return None;
    }
    let noise = NOISE_DOMAINS
        .iter()
        .any(|n| domain == *n || domain.ends_with(&format!(".{n}")));
    if noise || PLACEHOLDER_LOCALS.contains(&local.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some(format!("{local}@{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(text: &str) -> Vec<String> {
        emails_in_text(text)
            .into_iter()
            .map(|e| e.address)
            .collect()
    }

    #[test]
    fn reads_plain_and_obfuscated_addresses() {
        assert_eq!(
            addresses("Write to Info@StearnsDesignBuild.COM."),
            ["Info@stearnsdesignbuild.com"]
        );
        assert_eq!(
            addresses("jane [at] smiths [dot] co [dot] uk or bob (at) smiths.com"),
            ["jane@smiths.co.uk", "bob@smiths.com"]
        );
        assert_eq!(
            addresses("mail office at smiths dot com"),
            ["office@smiths.com"]
        );
    }

    #[test]
    fn ignores_look_alikes_and_noise() {
        for text in [
            "logo@2x.png and hero@3x.webp",
            "user@example.com, your@email.com",
            "abc123@sentry.wixpress.com",
            "we meet at noon dot com",
            "look at the menu. We",
            "@handle and a@b",
        ] {
            assert_eq!(addresses(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn reads_mailto_links() {
        assert_eq!(
            mailto_addresses("Hello@Shop.COM?subject=Hi%20there"),
            ["Hello@shop.com"]
        );
        assert_eq!(
            mailto_addresses("a@x.com,%20b@y.org"),
            ["a@x.com", "b@y.org"]
        );
        assert!(mailto_addresses("").is_empty());
    }

    #[test]
    fn survives_hostile_text() {
        let text = "a".repeat(1_000_000) + "@" + &"b.".repeat(100_000);
        let _ = emails_in_text(&text);
        let ats = "x@y.com ".repeat(10_000);
        assert_eq!(emails_in_text(&ats).len(), MAX_FOUND);
    }
}
