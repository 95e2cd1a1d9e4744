//! Booking links: links to a known scheduling or reservation provider
//! ([`crate::extract::platforms`]), or links whose text or path says book / appointment /
//! reserve / schedule.

use std::sync::LazyLock;

use regex::Regex;

use super::socials::{absolute, FoundLink};
use super::text::Anchor;
use crate::extract::platforms::booking_provider_of;
use crate::extract::PageContext;

static BOOKING_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:book(?:ing|ings)?(?:\s+(?:now|online|a|an|your|today))?|appointments?|reserv(?:e|ation|ations)|schedul(?:e|ing)\s+(?:a|an|your|now|online|today|appointment|service|visit|consultation))\b")
        .expect("booking words")
});
/// Links that mention booking but lead elsewhere (`Book` in "Facebook", e-books, guest books).
static NOT_BOOKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)facebook|e-?books?\b|guest\s?book|bookkeep|booklet|book\s+(?:review|club|store)|books?\b\s*$")
        .expect("not booking")
});
static BOOKING_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[/_\-])(?:book|booking|bookings|book-?now|book-?online|book-?an?-?appointment|appointments?|request-?an?-?appointment|reservations?|reserve|schedule-?(?:an?-?)?(?:appointment|online|now|service|visit)|online-?scheduling|scheduling)(?:$|[/.?])")
        .expect("booking path")
});

pub fn booking_link(anchor: &Anchor, ctx: &PageContext) -> Option<FoundLink> {
    let url = absolute(&anchor.href, ctx)?;
    if let Some(provider) = booking_provider_of(&url) {
        return Some(FoundLink {
            platform: provider.to_owned(),
            url: url.to_string(),
        });
    }
    let path = url.path().to_ascii_lowercase();
    let text_says = BOOKING_WORDS.is_match(&anchor.text) && !NOT_BOOKING.is_match(&anchor.text);
    let path_says = BOOKING_PATH.is_match(&path) && !NOT_BOOKING.is_match(&path);
    (text_says || path_says).then(|| FoundLink {
        platform: "booking".to_owned(),
        url: url.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn found(href: &str, text: &str) -> Option<(String, String)> {
        let ctx = PageContext::new(Url::parse("https://smiths.com/").unwrap(), None);
        let anchor = Anchor {
            href: href.into(),
            text: text.into(),
        };
        booking_link(&anchor, &ctx).map(|l| (l.platform, l.url))
    }

    #[test]
    fn recognises_providers_and_booking_words() {
        assert_eq!(
            found("https://calendly.com/smiths/30min", "Talk to us"),
            Some((
                "calendly".into(),
                "https://calendly.com/smiths/30min".into()
            ))
        );
        assert_eq!(
            found("https://www.opentable.com/r/smiths", "").unwrap().0,
            "opentable"
        );
        assert_eq!(found("https://smiths.as.me/", "Book").unwrap().0, "acuity");
        assert_eq!(
            found("/contact", "Book an appointment"),
            Some(("booking".into(), "https://smiths.com/contact".into()))
        );
        assert_eq!(found("/book-online", "Start").unwrap().0, "booking");
        assert_eq!(found("/reservations", "Tables").unwrap().0, "booking");
        assert_eq!(found("/visit", "Schedule a visit").unwrap().0, "booking");
    }

    #[test]
    fn skips_look_alikes() {
        for (href, text) in [
            ("https://facebook.com/smiths", "Facebook"),
            ("/ebooks", "Free eBook"),
            ("/guestbook", "Sign our guest book"),
            ("/services/bookkeeping", "Bookkeeping"),
            ("/schedule-of-fees", "Fees"),
            ("/about", "About us"),
            ("tel:+14155550100", "Book by phone"),
            ("mailto:book@smiths.com", "Book by email"),
            ("#", "Book now"),
            ("javascript:openWidget()", "Book now"),
        ] {
            assert_eq!(found(href, text), None, "{href} {text}");
        }
    }
}
