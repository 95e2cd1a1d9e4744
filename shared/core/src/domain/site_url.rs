//! A website URL a caller asked us to read: http(s), a real public host, no credentials.

use std::fmt;
use url::{Host, Url};

use super::NetworkPolicy;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(Url);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidUrl {
    #[error("the URL is longer than 2048 characters")]
    TooLong,
    #[error("the URL could not be parsed")]
    Unparseable,
    #[error("only http and https URLs are supported")]
    Scheme,
    #[error("URLs with a user name or password are not accepted")]
    Credentials,
    #[error("the host must be a public domain name such as example.com")]
    HostName,
    #[error("private, loopback and link-local network addresses are not allowed")]
    PrivateAddress,
    #[error("only the standard ports 80 and 443 are allowed")]
    Port,
}

impl SiteUrl {
    pub const MAX_LEN: usize = 2048;

    /// Parses what a person typed: trimmed, `https://` assumed when no scheme is given.
    pub fn parse(raw: &str, policy: NetworkPolicy) -> Result<Self, InvalidUrl> {
        let raw = raw.trim();
        if raw.chars().count() > Self::MAX_LEN {
            return Err(InvalidUrl::TooLong);
        }
        let with_scheme = if has_scheme(raw) {
            raw.to_owned()
        } else {
            format!("https://{raw}")
        };
        let mut url = Url::parse(&with_scheme).map_err(|_| InvalidUrl::Unparseable)?;
        if url.as_str().len() > Self::MAX_LEN {
            return Err(InvalidUrl::TooLong);
        }
        Self::check(&url, policy)?;
        url.set_fragment(None);
        Ok(Self(url))
    }

    /// Checks an already-parsed URL (a redirect target, a link) against the same rules.
    pub fn check(url: &Url, policy: NetworkPolicy) -> Result<(), InvalidUrl> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(InvalidUrl::Scheme);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(InvalidUrl::Credentials);
        }
        // An origin the caller lifted by name (`--allow-origin`) is theirs to read.
        if policy.allows_origin(url) {
            return Ok(());
        }
        Self::check_host(url, policy)?;
        // Other ports reach admin consoles and internal services; local runs may use any.
        let standard_port = matches!(url.port_or_known_default(), Some(80 | 443));
        if !standard_port && policy != NetworkPolicy::AllowPrivate {
            return Err(InvalidUrl::Port);
        }
        Ok(())
    }

    fn check_host(url: &Url, policy: NetworkPolicy) -> Result<(), InvalidUrl> {
        match url.host() {
            None => Err(InvalidUrl::HostName),
            Some(Host::Ipv4(ip)) => permit_ip(policy, ip.into()),
            Some(Host::Ipv6(ip)) => permit_ip(policy, ip.into()),
            Some(Host::Domain(domain)) => {
                if !policy.permits_host_name(domain) {
                    return Err(InvalidUrl::PrivateAddress);
                }
                if policy == NetworkPolicy::AllowPrivate && domain.eq_ignore_ascii_case("localhost")
                {
                    return Ok(());
                }
                if is_public_style_domain(domain) {
                    Ok(())
                } else {
                    Err(InvalidUrl::HostName)
                }
            }
        }
    }

    /// Reads back a URL this type wrote (a stored job's): it must still be an http(s) URL
    /// without credentials. The network policy was applied when it was accepted, and every
    /// request to it is checked again by the network guard.
    pub fn from_stored(raw: &str) -> Result<Self, InvalidUrl> {
        let url = Url::parse(raw).map_err(|_| InvalidUrl::Unparseable)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(InvalidUrl::Scheme);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(InvalidUrl::Credentials);
        }
        Ok(Self(url))
    }

    pub fn from_trusted(url: Url) -> Self {
        Self(url)
    }

    pub fn as_url(&self) -> &Url {
        &self.0
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The host as written (lower-cased by the URL parser).
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }
}

impl fmt::Display for SiteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

fn permit_ip(policy: NetworkPolicy, ip: std::net::IpAddr) -> Result<(), InvalidUrl> {
    if policy.permits(ip) {
        Ok(())
    } else {
        Err(InvalidUrl::PrivateAddress)
    }
}

/// `scheme://` at the start, per RFC 3986's scheme grammar.
fn has_scheme(raw: &str) -> bool {
    let Some(idx) = raw.find("://") else {
        return false;
    };
    let scheme = &raw[..idx];
    let mut chars = scheme.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// At least two labels, each 1–63 characters, and a top-level label that is not all digits
/// (the URL parser already turned numeric hosts into IP addresses).
fn is_public_style_domain(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if domain.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || l.len() > 63) {
        return false;
    }
    let tld = labels[labels.len() - 1];
    !tld.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<SiteUrl, InvalidUrl> {
        SiteUrl::parse(raw, NetworkPolicy::Public)
    }

    #[test]
    fn accepts_ordinary_sites_and_assumes_https() {
        assert_eq!(
            parse("example.com").unwrap().as_str(),
            "https://example.com/"
        );
        assert_eq!(
            parse("  http://www.Example.co.uk/about#team ")
                .unwrap()
                .as_str(),
            "http://www.example.co.uk/about"
        );
        assert_eq!(
            parse("example.com:443/x").unwrap().as_str(),
            "https://example.com/x"
        );
        assert!(parse("https://93.184.216.34/").is_ok());
        assert!(parse("https://xn--bcher-kva.example/").is_ok());
        assert!(parse("bücher.example").is_ok());
    }

    #[test]
    fn rejects_other_schemes_and_credentials() {
        assert_eq!(parse("ftp://example.com"), Err(InvalidUrl::Scheme));
        assert_eq!(
            parse("file:///etc/passwd"),
            Err(InvalidUrl::Unparseable).or(Err(InvalidUrl::Scheme))
        );
        assert_eq!(
            parse("https://user:pw@example.com/"),
            Err(InvalidUrl::Credentials)
        );
        assert_eq!(
            parse("https://user@example.com/"),
            Err(InvalidUrl::Credentials)
        );
        assert!(parse("javascript:alert(1)").is_err());
        assert!(parse("https://").is_err());
        assert!(parse("http://exa mple.com").is_err());
    }

    #[test]
    fn rejects_single_label_and_numeric_hosts() {
        assert_eq!(parse("https://intranet/"), Err(InvalidUrl::HostName));
        assert_eq!(parse("https://com/"), Err(InvalidUrl::HostName));
    }

    #[test]
    fn rejects_private_addresses_in_every_notation() {
        for raw in [
            "http://localhost/",
            "http://LOCALHOST:8080/",
            "http://127.0.0.1/",
            "http://127.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0x7f.0.0.1/",
            "http://0177.0.0.1/",
            "http://017700000001/",
            "http://10.0.0.1/",
            "http://192.168.0.10/",
            "http://172.20.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.1.1/",
            "http://0.0.0.0/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://foo.localhost/",
        ] {
            assert_eq!(parse(raw), Err(InvalidUrl::PrivateAddress), "{raw}");
        }
    }

    #[test]
    fn only_standard_ports_unless_local() {
        assert_eq!(parse("https://example.com:8443/"), Err(InvalidUrl::Port));
        assert_eq!(parse("http://example.com:22/"), Err(InvalidUrl::Port));
        assert!(SiteUrl::parse("http://example.com:8080/", NetworkPolicy::AllowPrivate).is_ok());
    }

    #[test]
    fn length_limit() {
        let long = format!("https://example.com/{}", "a".repeat(2048));
        assert_eq!(parse(&long), Err(InvalidUrl::TooLong));
        let fits = format!("https://example.com/{}", "a".repeat(2048 - 20));
        assert!(parse(&fits).is_ok());
    }

    #[test]
    fn a_stored_url_reads_back_as_written_and_garbage_does_not() {
        for raw in ["https://example.com/", "http://127.0.0.1:8080/x?y=1"] {
            assert_eq!(SiteUrl::from_stored(raw).unwrap().as_str(), raw);
        }
        assert_eq!(
            SiteUrl::from_stored("example.com"),
            Err(InvalidUrl::Unparseable)
        );
        assert_eq!(
            SiteUrl::from_stored("ftp://example.com/"),
            Err(InvalidUrl::Scheme)
        );
        assert_eq!(
            SiteUrl::from_stored("https://u:p@example.com/"),
            Err(InvalidUrl::Credentials)
        );
    }

    #[test]
    fn allow_private_is_for_local_runs() {
        let p = NetworkPolicy::AllowPrivate;
        assert!(SiteUrl::parse("http://127.0.0.1:8080/", p).is_ok());
        assert!(SiteUrl::parse("http://localhost:3000/", p).is_ok());
        assert_eq!(
            SiteUrl::parse("http://169.254.169.254/", p),
            Err(InvalidUrl::PrivateAddress)
        );
    }
}
