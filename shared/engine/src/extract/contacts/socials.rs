//! Social profiles and listings from links: the platform is read from the link's host
//! ([`crate::extract::platforms`]), and links that share, post or log in (`sharer.php`,
//! `/intent/tweet`, `/share?`) or book with a provider are not profiles.

use url::Url;

use super::text::Anchor;
use crate::extract::facts::{Link, Origin, Provenance};
use crate::extract::platforms::{booking_provider_of, social_platform_of};
use crate::extract::PageContext;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    pub platform: String,
    pub url: String,
}

impl FoundLink {
    pub fn into_fact(self, source: &str, anchor: &Anchor) -> Link {
        let evidence = if anchor.text.is_empty() {
            anchor.href.clone()
        } else {
            format!("{}: {}", anchor.text, anchor.href)
        };
        Link {
            platform: self.platform,
            url: self.url,
            provenance: Provenance::new(source, Origin::Markup, Some(&evidence)),
        }
    }
}

/// Path fragments of sharing, posting, login and embed links.
const NOT_A_PROFILE: &[&str] = &[
    "sharer",
    "share.php",
    "/share",
    "share?",
    "/intent/",
    "/dialog/",
    "/plugins/",
    "/login",
    "/signup",
    "/hashtag/",
    "/search",
    "/embed",
    "/pin/create",
    "sharearticle",
    "/sharing/",
    "/home?status",
    "/tr?",
    "/l.php",
    "/writeareview",
];

/// The platform of `href` when it points at a profile or listing on a known network.
pub fn social_link(href: &str, ctx: &PageContext) -> Option<FoundLink> {
    let url = absolute(href, ctx)?;
    let path = url.path().to_ascii_lowercase();
    let whole = url.as_str().to_ascii_lowercase();
    if NOT_A_PROFILE.iter().any(|p| whole.contains(p)) {
        return None;
    }
    // A booking page on a listing site (Zocdoc, Yelp's reservations) is a booking link.
    if booking_provider_of(&url).is_some() {
        return None;
    }
    let platform = social_platform_of(&url)?;
    // The network's home page is not the business's profile.
    if path.trim_matches('/').is_empty() && url.query().is_none() && platform != "google" {
        return None;
    }
    Some(FoundLink {
        platform: platform.to_owned(),
        url: url.to_string(),
    })
}

/// `href` resolved against the page, for `http(s)` links only.
pub(crate) fn absolute(href: &str, ctx: &PageContext) -> Option<Url> {
    let href = href.trim();
    // `#` links open a widget on the page itself; there is no URL to give.
    if href.is_empty() || href.starts_with('#') || href.len() > 2_048 {
        return None;
    }
    let url = ctx.url.join(href).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> PageContext {
        PageContext::new(Url::parse("https://smiths.com/contact").unwrap(), None)
    }

    fn platform(href: &str) -> Option<String> {
        social_link(href, &ctx()).map(|l| l.platform)
    }

    #[test]
    fn recognises_profiles() {
        for (href, expected) in [
            ("https://www.facebook.com/SmithsDental", "facebook"),
            ("https://instagram.com/smiths/", "instagram"),
            ("https://www.linkedin.com/company/smiths", "linkedin"),
            ("https://twitter.com/smiths", "x"),
            ("https://x.com/smiths", "x"),
            ("https://www.youtube.com/@smiths", "youtube"),
            ("https://www.tiktok.com/@smiths", "tiktok"),
            ("https://www.yelp.com/biz/smiths-dental-springfield", "yelp"),
            ("https://www.yelp.co.uk/biz/smiths", "yelp"),
            ("https://www.pinterest.com/smiths/", "pinterest"),
            ("https://maps.google.com/?cid=123", "google"),
            ("https://www.google.com/maps/place/Smiths", "google"),
            ("https://g.page/smiths-dental", "google"),
        ] {
            assert_eq!(platform(href).as_deref(), Some(expected), "{href}");
        }
    }

    #[test]
    fn skips_share_links_home_pages_and_other_sites() {
        for href in [
            "https://www.facebook.com/sharer/sharer.php?u=https://smiths.com",
            "https://twitter.com/intent/tweet?text=hi",
            "https://www.linkedin.com/shareArticle?mini=true",
            "https://www.facebook.com/",
            "https://smiths.com/facebook",
            "/about",
            "mailto:a@b.com",
            "javascript:void(0)",
            "https://pinterest.com/pin/create/button/?url=x",
        ] {
            assert_eq!(platform(href), None, "{href}");
        }
    }
}
