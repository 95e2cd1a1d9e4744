//! The social networks, listing sites and booking providers a link can point at, recognised by
//! the link's host (and, for a few, its path): `https://www.facebook.com/smiles` → `facebook`,
//! `https://calendly.com/dr-smile` → `calendly`. The one table both readers of links use: the
//! structured data's (`sameAs`, reservation and action targets) and the page links'
//! (`contacts::socials`, `contacts::booking`).

use url::Url;

/// A host pattern, a path prefix (`""`: any path) and the platform's name. `facebook.com` is
/// that domain and its subdomains; `yelp.*` is that name under any public suffix (`yelp.co.uk`,
/// `m.yelp.ca`), for the networks with a site per country.
type Row = (&'static str, &'static str, &'static str);

/// Social networks and listing sites: where a business has a profile.
const SOCIAL: &[Row] = &[
    ("facebook.*", "", "facebook"),
    ("fb.com", "", "facebook"),
    ("fb.me", "", "facebook"),
    ("instagram.*", "", "instagram"),
    ("instagr.am", "", "instagram"),
    ("linkedin.*", "", "linkedin"),
    ("twitter.*", "", "x"),
    ("x.com", "", "x"),
    ("youtube.*", "", "youtube"),
    ("youtu.be", "", "youtube"),
    ("tiktok.*", "", "tiktok"),
    ("yelp.*", "", "yelp"),
    ("pinterest.*", "", "pinterest"),
    ("pin.it", "", "pinterest"),
    // Google Maps and Business Profile listings; Google's other pages are not a profile.
    ("maps.google.*", "", "google"),
    ("maps.app.goo.gl", "", "google"),
    ("g.page", "", "google"),
    ("business.google.com", "", "google"),
    ("goo.gl", "/maps", "google"),
    ("google.*", "/maps", "google"),
    ("tripadvisor.*", "", "tripadvisor"),
    ("threads.*", "", "threads"),
    ("snapchat.*", "", "snapchat"),
    ("whatsapp.*", "", "whatsapp"),
    ("wa.me", "", "whatsapp"),
    ("t.me", "", "telegram"),
    ("telegram.*", "", "telegram"),
    ("vimeo.*", "", "vimeo"),
    ("houzz.*", "", "houzz"),
    ("nextdoor.*", "", "nextdoor"),
    ("bsky.*", "", "bluesky"),
    ("trustpilot.*", "", "trustpilot"),
    ("foursquare.*", "", "foursquare"),
    ("soundcloud.*", "", "soundcloud"),
    ("spotify.*", "", "spotify"),
    ("github.*", "", "github"),
    ("tumblr.*", "", "tumblr"),
    ("reddit.*", "", "reddit"),
    ("angi.*", "", "angi"),
    ("angieslist.*", "", "angi"),
    ("thumbtack.*", "", "thumbtack"),
    ("zocdoc.*", "", "zocdoc"),
    ("healthgrades.*", "", "healthgrades"),
    ("avvo.*", "", "avvo"),
];

/// Scheduling, reservation and ordering providers. A path prefix says which of the host's
/// pages book; a link the site declares a booking link (structured data) needs none.
const BOOKING: &[Row] = &[
    ("calendly.*", "", "calendly"),
    ("opentable.*", "", "opentable"),
    ("resy.*", "", "resy"),
    ("booksy.*", "", "booksy"),
    ("vagaro.*", "", "vagaro"),
    ("zocdoc.*", "", "zocdoc"),
    ("fresha.*", "", "fresha"),
    ("acuityscheduling.*", "", "acuity"),
    ("as.me", "", "acuity"),
    ("book.squareup.*", "", "square"),
    ("squareup.*", "/appointments", "square"),
    ("square.*", "/appointments", "square"),
    ("setmore.*", "", "setmore"),
    ("mindbodyonline.*", "", "mindbody"),
    ("mindbody.*", "", "mindbody"),
    ("simplybook.*", "", "simplybook"),
    ("schedulicity.com", "", "schedulicity"),
    ("styleseat.com", "", "styleseat"),
    ("genbook.com", "", "genbook"),
    ("appointy.com", "", "appointy"),
    ("youcanbook.me", "", "youcanbookme"),
    ("exploretock.*", "", "tock"),
    ("tock.*", "", "tock"),
    ("sevenrooms.*", "", "sevenrooms"),
    ("janeapp.com", "", "jane"),
    ("localmed.com", "", "localmed"),
    ("nexhealth.com", "", "nexhealth"),
    ("housecallpro.com", "/book", "housecallpro"),
    ("doctolib.*", "", "doctolib"),
    ("treatwell.*", "", "treatwell"),
    ("yelp.*", "/reservations", "yelp"),
    ("toasttab.*", "", "toast"),
    ("doordash.*", "", "doordash"),
    ("ubereats.*", "", "ubereats"),
    ("grubhub.*", "", "grubhub"),
    ("booking.*", "", "booking.com"),
];

/// The network a profile link belongs to; `None` for other hosts and other pages of a network
/// that has a row for one path only (Google's).
pub fn social_platform_of(url: &Url) -> Option<&'static str> {
    find(SOCIAL, url, true)
}

/// The provider a link books with, when it leads to one of the provider's booking pages.
pub fn booking_provider_of(url: &Url) -> Option<&'static str> {
    find(BOOKING, url, true)
}

/// [`social_platform_of`] for a URL as written (`sameAs`): `http(s)` only.
pub fn social_platform(url: &str) -> Option<&'static str> {
    social_platform_of(&web_url(url)?)
}

/// The provider of a link the site declares a booking link, whatever its path, or `booking`
/// for any other host.
pub fn booking_platform(url: &str) -> &'static str {
    web_url(url)
        .and_then(|u| find(BOOKING, &u, false))
        .unwrap_or("booking")
}

fn web_url(url: &str) -> Option<Url> {
    let parsed = Url::parse(url.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then_some(parsed)
}

fn find(rows: &[Row], url: &Url, by_path: bool) -> Option<&'static str> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let path = url.path().to_ascii_lowercase();
    rows.iter()
        .find(|(pattern, prefix, _)| on(&host, pattern) && (!by_path || path.starts_with(prefix)))
        .map(|(_, _, name)| *name)
}

/// Is `host` the pattern's domain or one of its subdomains ([`Row`])?
fn on(host: &str, pattern: &str) -> bool {
    let under = |rest: &str, name: &str| {
        rest == name
            || rest
                .strip_suffix(name)
                .is_some_and(|head| head.ends_with('.'))
    };
    match pattern.strip_suffix(".*") {
        // The host without its public suffix ("m.yelp" of "m.yelp.co.uk").
        Some(name) => psl::suffix_str(host)
            .and_then(|suffix| host.strip_suffix(suffix)?.strip_suffix('.'))
            .is_some_and(|rest| under(rest, name)),
        None => under(host, pattern),
    }
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

    #[test]
    fn short_names_are_their_own_domains_and_country_sites_are_one_network() {
        let social = |url: &str| social_platform(url);
        // A one- or two-letter name is one domain, not every domain that starts with it.
        assert_eq!(social("https://x.ai/smiles"), None);
        assert_eq!(social("https://box.com/smiles"), None);
        assert_eq!(social("https://wa.me/14155550100"), Some("whatsapp"));
        assert_eq!(social("https://fb.me/smiles"), Some("facebook"));
        // A network's sites per country, and their subdomains.
        assert_eq!(
            social("https://de.linkedin.com/in/smiles"),
            Some("linkedin")
        );
        assert_eq!(
            social("https://www.tripadvisor.com.au/x"),
            Some("tripadvisor")
        );
        assert_eq!(
            social("https://uk.pinterest.com/smiles/"),
            Some("pinterest")
        );
        // Google is a profile only on Maps.
        assert_eq!(
            social("https://www.google.co.uk/maps/place/Smiles"),
            Some("google")
        );
        assert_eq!(social("https://www.google.com/search?q=smiles"), None);
        assert_eq!(social("https://notfacebook.com/smiles"), None);
    }

    #[test]
    fn a_provider_books_on_its_booking_pages_and_declared_links_on_any() {
        let url = |u: &str| Url::parse(u).unwrap();
        assert_eq!(
            booking_provider_of(&url("https://squareup.com/appointments/book/x")),
            Some("square")
        );
        assert_eq!(
            booking_provider_of(&url("https://squareup.com/us/en/point-of-sale")),
            None
        );
        assert_eq!(
            booking_platform("https://squareup.com/us/en/point-of-sale"),
            "square"
        );
        assert_eq!(
            booking_provider_of(&url("https://www.doctolib.de/zahnarzt/berlin/x")),
            Some("doctolib")
        );
        assert_eq!(
            booking_provider_of(&url("https://www.yelp.com/reservations/smiles")),
            Some("yelp")
        );
        assert_eq!(
            booking_provider_of(&url("https://www.yelp.com/biz/smiles")),
            None
        );
    }
}
