//! URL identity: one key per page, so the same page reached through a tracking link, a
//! fragment, `www.` or plain http is fetched once.

use url::Url;

use crate::domain::SiteUrl;

/// Query parameters that only say where a visitor came from; the page is the same without them.
const TRACKING_PARAMS: &[&str] = &[
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "fbclid",
    "msclkid",
    "yclid",
    "ysclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "__hstc",
    "__hssc",
    "__hsfp",
    "hsctatracking",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "s_kwcid",
    "ef_id",
    "srsltid",
    "ref_src",
    "ref_url",
    "phpsessid",
    "jsessionid",
];

/// The form we key pages by: fragment dropped; tracking parameters dropped (utm_*, gclid,
/// fbclid, msclkid, dclid, gbraid, wbraid, yclid, mc_cid, mc_eid, _ga, _gl, igshid, ref_src, …;
/// every other parameter kept in its original order and spelling); empty query removed; host
/// lower-cased and default ports removed (url does both); empty path → "/". None for non-http(s)
/// URLs.
pub fn canonicalize(url: &Url) -> Option<Url> {
    if !is_http(url) || url.host().is_none() {
        return None;
    }
    let mut out = url.clone();
    out.set_fragment(None);
    let kept: Option<String> = url.query().map(|query| {
        query
            .split('&')
            .filter(|pair| !pair.is_empty() && !is_tracking(pair))
            .collect::<Vec<_>>()
            .join("&")
    });
    match kept {
        Some(q) if !q.is_empty() => out.set_query(Some(&q)),
        _ => out.set_query(None),
    }
    // Special schemes always have a path, but a cannot-be-a-base URL is no page.
    if out.cannot_be_a_base() {
        return None;
    }
    if out.path().is_empty() {
        out.set_path("/");
    }
    Some(out)
}

/// Whether `url` belongs to the same site as `root`: same host ignoring one leading "www.", any
/// of http/https, any port only if equal to root's port or a default port.
pub fn same_site(url: &Url, root: &Url) -> bool {
    if !is_http(url) || !is_http(root) {
        return false;
    }
    let (Some(host), Some(root_host)) = (url.host_str(), root.host_str()) else {
        return false;
    };
    if site_host(host) != site_host(root_host) {
        return false;
    }
    // url reports no port when it is the scheme's default.
    url.port().is_none() || url.port_or_known_default() == root.port_or_known_default()
}

/// `href` from a page at `page` → an absolute canonical same-site URL worth considering, or None
/// (mailto:, tel:, javascript:, data:, other sites, non-http(s), credentials, over-long URLs).
/// When the root is https, http links on the same site are upgraded to https; a `www.` host (or
/// its absence) takes the root's spelling, so both forms key the same page.
pub fn resolve_link(href: &str, page: &Url, root: &Url) -> Option<Url> {
    // HTML strips ASCII whitespace around attribute URLs; a bare fragment is this very page.
    let href = href.trim_matches(|c: char| c.is_ascii_whitespace());
    if href.is_empty() || href.starts_with('#') || href.len() > SiteUrl::MAX_LEN {
        return None;
    }
    let mut url = page.join(href).ok()?;
    if !same_site(&url, root) || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    if root.scheme() == "https" && url.scheme() == "http" {
        let port = url.port();
        url.set_scheme("https").ok()?;
        // An explicit :80 meant "the http default"; it is not the https port.
        if port == Some(80) {
            url.set_port(None).ok()?;
        }
    }
    // `www.` or not, the same site: key it by the root's spelling.
    if url.host_str() != root.host_str() {
        let root_host = root.host_str()?.to_owned();
        url.set_host(Some(&root_host)).ok()?;
    }
    let url = canonicalize(&url)?;
    (url.as_str().len() <= SiteUrl::MAX_LEN).then_some(url)
}

fn is_http(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
}

/// The host compared across `www.` and a trailing dot.
fn site_host(host: &str) -> &str {
    let host = host.strip_suffix('.').unwrap_or(host);
    host.strip_prefix("www.").unwrap_or(host)
}

/// `utm_*` or a known click/session identifier, by the decoded, lower-cased key.
fn is_tracking(pair: &str) -> bool {
    let raw_key = pair.split_once('=').map_or(pair, |(k, _)| k);
    let key: String = url::form_urlencoded::parse(raw_key.as_bytes())
        .next()
        .map(|(k, _)| k.to_ascii_lowercase())
        .unwrap_or_default();
    key.starts_with("utm_") || TRACKING_PARAMS.contains(&key.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn canon(s: &str) -> Option<String> {
        canonicalize(&url(s)).map(String::from)
    }

    #[test]
    fn drops_fragment_tracking_and_empty_query() {
        assert_eq!(
            canon("https://Example.COM:443/a?utm_source=x&id=7&UTM_Medium=y&gclid=1&b=2#top")
                .as_deref(),
            Some("https://example.com/a?id=7&b=2")
        );
        assert_eq!(
            canon("http://example.com:80?").as_deref(),
            Some("http://example.com/")
        );
        assert_eq!(
            canon("https://example.com/?fbclid=abc&_ga=1&mc_cid=2").as_deref(),
            Some("https://example.com/")
        );
    }

    #[test]
    fn keeps_other_parameters_in_order_and_spelling() {
        assert_eq!(
            canon("https://example.com/s?z=1&a=%20b&&ref=home&page=2").as_deref(),
            Some("https://example.com/s?z=1&a=%20b&ref=home&page=2")
        );
    }

    #[test]
    fn non_http_urls_have_no_canonical_form() {
        for s in [
            "mailto:a@example.com",
            "ftp://example.com/x",
            "data:text/plain,hi",
        ] {
            assert_eq!(canon(s), None, "{s}");
        }
    }

    #[test]
    fn same_site_ignores_www_and_scheme_but_not_other_hosts_or_ports() {
        let root = url("https://example.com/");
        assert!(same_site(&url("http://www.example.com/about"), &root));
        assert!(same_site(&url("https://EXAMPLE.com./x"), &root));
        assert!(same_site(&url("https://example.com:443/x"), &root));
        assert!(!same_site(&url("https://shop.example.com/"), &root));
        assert!(!same_site(&url("https://example.com.evil.net/"), &root));
        assert!(!same_site(&url("https://example.com:8443/"), &root));
        let dev = url("http://localhost:8080/");
        assert!(same_site(&url("http://localhost:8080/a"), &dev));
        assert!(same_site(&url("http://localhost/a"), &dev));
        assert!(!same_site(&url("http://localhost:9090/a"), &dev));
    }

    #[test]
    fn resolves_relative_links_to_canonical_same_site_urls() {
        let root = url("https://example.com/");
        let page = url("https://example.com/services/index.html");
        let r = |href: &str| resolve_link(href, &page, &root).map(String::from);
        assert_eq!(
            r("../contact?utm_campaign=x#form").as_deref(),
            Some("https://example.com/contact")
        );
        assert_eq!(
            r(" plumbing ").as_deref(),
            Some("https://example.com/services/plumbing")
        );
        assert_eq!(
            r("http://www.example.com/about").as_deref(),
            Some("https://example.com/about")
        );
        assert_eq!(
            r("http://example.com:80/team").as_deref(),
            Some("https://example.com/team")
        );
        assert_eq!(
            r("//example.com/faq").as_deref(),
            Some("https://example.com/faq")
        );
    }

    #[test]
    fn rejects_links_not_worth_fetching() {
        let root = url("https://example.com/");
        let page = url("https://example.com/");
        for href in [
            "mailto:hello@example.com",
            "tel:+15551234",
            "javascript:void(0)",
            "data:text/html,<p>hi</p>",
            "https://other.com/about",
            "ftp://example.com/file",
            "#section",
            "",
            "https://user:pw@example.com/",
        ] {
            assert_eq!(resolve_link(href, &page, &root), None, "{href}");
        }
        let long = format!("/{}", "a".repeat(SiteUrl::MAX_LEN));
        assert_eq!(resolve_link(&long, &page, &root), None);
    }

    #[test]
    fn www_and_bare_hosts_take_the_roots_spelling() {
        let root = url("https://www.example.com/");
        assert_eq!(
            resolve_link("https://example.com/x", &root, &root)
                .map(String::from)
                .as_deref(),
            Some("https://www.example.com/x")
        );
    }

    #[test]
    fn http_roots_keep_http_links() {
        let root = url("http://example.com/");
        assert_eq!(
            resolve_link("/a", &root, &root)
                .map(String::from)
                .as_deref(),
            Some("http://example.com/a")
        );
        assert_eq!(
            resolve_link("https://www.example.com/b", &root, &root)
                .map(String::from)
                .as_deref(),
            Some("https://example.com/b")
        );
    }
}
