//! Social profiles and booking providers recognised from a link's host (`sameAs`, action
//! targets): `https://www.facebook.com/smiles` → `facebook`, `https://x.com/…` → `x`.

use url::Url;

/// The social network a profile URL belongs to, by the site's registrable name (so
/// `yelp.co.uk` and `m.facebook.com` are recognised); `None` for other hosts.
pub fn social_platform(url: &str) -> Option<&'static str> {
    let label = site_label(url)?;
    Some(match label.as_str() {
        "facebook" | "fb" => "facebook",
        "instagram" => "instagram",
        "linkedin" => "linkedin",
        "twitter" | "x" => "x",
        "youtube" | "youtu" => "youtube",
        "tiktok" => "tiktok",
        "yelp" => "yelp",
        "pinterest" => "pinterest",
        "tripadvisor" => "tripadvisor",
        "threads" => "threads",
        "snapchat" => "snapchat",
        "whatsapp" | "wa" => "whatsapp",
        "t" if host_of(url).as_deref() == Some("t.me") => "telegram",
        "telegram" => "telegram",
        "vimeo" => "vimeo",
        "houzz" => "houzz",
        "nextdoor" => "nextdoor",
        "bsky" => "bluesky",
        "trustpilot" => "trustpilot",
        "foursquare" => "foursquare",
        "soundcloud" => "soundcloud",
        "spotify" => "spotify",
        "github" => "github",
        "tumblr" => "tumblr",
        "reddit" => "reddit",
        "angi" | "angieslist" => "angi",
        "thumbtack" => "thumbtack",
        "zocdoc" => "zocdoc",
        "healthgrades" => "healthgrades",
        "avvo" => "avvo",
        _ => return None,
    })
}

/// The booking or ordering provider a link belongs to, or `booking` for any other host.
pub fn booking_platform(url: &str) -> &'static str {
    match site_label(url).as_deref() {
        Some("opentable") => "opentable",
        Some("resy") => "resy",
        Some("sevenrooms") => "sevenrooms",
        Some("calendly") => "calendly",
        Some("acuityscheduling") => "acuity",
        Some("squareup" | "square") => "square",
        Some("booksy") => "booksy",
        Some("vagaro") => "vagaro",
        Some("fresha") => "fresha",
        Some("mindbodyonline" | "mindbody") => "mindbody",
        Some("zocdoc") => "zocdoc",
        Some("setmore") => "setmore",
        Some("simplybook") => "simplybook",
        Some("toasttab") => "toast",
        Some("doordash") => "doordash",
        Some("ubereats") => "ubereats",
        Some("grubhub") => "grubhub",
        Some("booking") => "booking.com",
        Some("tock" | "exploretock") => "tock",
        _ => "booking",
    }
}

fn host_of(url: &str) -> Option<String> {
    let parsed = Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    Some(
        parsed
            .host_str()?
            .trim_end_matches('.')
            .to_ascii_lowercase(),
    )
}

/// `www.yelp.co.uk` → `yelp`: the label left of the public suffix.
fn site_label(url: &str) -> Option<String> {
    let host = host_of(url)?;
    let domain = psl::domain_str(&host).unwrap_or(&host);
    domain.split('.').next().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_networks_by_host() {
        assert_eq!(
            social_platform("https://www.facebook.com/smiles"),
            Some("facebook")
        );
        assert_eq!(
            social_platform("https://m.facebook.com/smiles"),
            Some("facebook")
        );
        assert_eq!(social_platform("https://twitter.com/smiles"), Some("x"));
        assert_eq!(social_platform("https://x.com/smiles"), Some("x"));
        assert_eq!(
            social_platform("https://www.yelp.co.uk/biz/smiles"),
            Some("yelp")
        );
        assert_eq!(
            social_platform("http://instagram.com/smiles/"),
            Some("instagram")
        );
        assert_eq!(social_platform("https://youtu.be/abc"), Some("youtube"));
        assert_eq!(social_platform("https://t.me/smiles"), Some("telegram"));
        assert_eq!(social_platform("https://smiles.example/"), None);
        assert_eq!(social_platform("https://facebook.evil.example/"), None);
        assert_eq!(social_platform("mailto:a@facebook.com"), None);
        assert_eq!(social_platform("not a url"), None);
    }

    #[test]
    fn names_booking_providers() {
        assert_eq!(
            booking_platform("https://www.opentable.com/r/x"),
            "opentable"
        );
        assert_eq!(
            booking_platform("https://calendly.com/dr-smile"),
            "calendly"
        );
        assert_eq!(booking_platform("https://smiles.example/book"), "booking");
    }
}
