//! Which IP addresses a user's URL may reach. Checked on literals at submit time and on every
//! resolved address at connect time (see `crawl::guard`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `Public` is the only policy for deployed services. `AllowPrivate` exists for local runs and
/// tests against servers on this machine; even then link-local (cloud metadata), unspecified,
/// multicast and broadcast addresses stay blocked. `PublicExcept` is `Public` with a few exact
/// origins (scheme, host, port) lifted — `--allow-origin http://127.0.0.1:8080` — so a local
/// site can be read without opening the rest of the machine's network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkPolicy {
    #[default]
    Public,
    AllowPrivate,
    /// Leaked once per process start (a handful of origins): the policy stays `Copy`.
    PublicExcept(&'static [url::Origin]),
}

/// An `--allow-origin` value that is not an `http(s)://host[:port]` origin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an origin such as http://127.0.0.1:8080")]
pub struct InvalidOrigin(pub String);

impl NetworkPolicy {
    pub fn from_flag(allow_private: bool) -> Self {
        if allow_private {
            Self::AllowPrivate
        } else {
            Self::Public
        }
    }

    /// `base` with `origins` lifted; `AllowPrivate` already permits them, and no origins
    /// leave `base` as it is.
    pub fn with_allowed_origins(self, origins: &[String]) -> Result<Self, InvalidOrigin> {
        let parsed = origins
            .iter()
            .flat_map(|o| o.split([',', ' ']))
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(parse_origin)
            .collect::<Result<Vec<_>, _>>()?;
        if parsed.is_empty() || self == Self::AllowPrivate {
            return Ok(self);
        }
        let mut all = self.allowed_origins().to_vec();
        all.extend(parsed);
        Ok(Self::PublicExcept(Box::leak(all.into_boxed_slice())))
    }

    /// The exact origins lifted from the guard (none for `Public` and `AllowPrivate`).
    pub fn allowed_origins(&self) -> &'static [url::Origin] {
        match self {
            Self::PublicExcept(origins) => origins,
            _ => &[],
        }
    }

    /// Whether `url`'s origin is one the caller lifted from the guard.
    pub fn allows_origin(&self, url: &url::Url) -> bool {
        let origin = url.origin();
        self.allowed_origins().contains(&origin)
    }

    /// Whether `host:port` is the host and port of a lifted origin (a `CONNECT` target).
    pub fn allows_host_port(&self, host: &str, port: u16) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.allowed_origins().iter().any(|o| match o {
            url::Origin::Tuple(_, h, p) => {
                *p == port && h.to_string().trim_start_matches('[').trim_end_matches(']') == host
            }
            url::Origin::Opaque(_) => false,
        })
    }

    /// Whether `host` is a lifted origin's host name: its addresses may then be private
    /// (the port is checked on the URL before any connection).
    pub fn allows_host(&self, host: &str) -> bool {
        self.allowed_origins().iter().any(|o| match o {
            url::Origin::Tuple(_, h, _) => h.to_string().eq_ignore_ascii_case(host),
            url::Origin::Opaque(_) => false,
        })
    }

    pub fn permits(&self, ip: IpAddr) -> bool {
        match classify(ip) {
            AddressClass::Public => true,
            AddressClass::Private => *self == Self::AllowPrivate,
            AddressClass::Forbidden => false,
        }
    }

    /// Host names that never name a public site (`localhost`, `*.localhost`, `*.internal`, …).
    pub fn permits_host_name(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let local = host == "localhost"
            || host.ends_with(".localhost")
            || host.ends_with(".local")
            || host.ends_with(".internal")
            || host.ends_with(".home.arpa")
            || host.ends_with(".lan");
        !local || *self == Self::AllowPrivate
    }
}

fn parse_origin(raw: &str) -> Result<url::Origin, InvalidOrigin> {
    let invalid = || InvalidOrigin(raw.to_owned());
    let url = url::Url::parse(raw).map_err(|_| invalid())?;
    let bare = matches!(url.path(), "" | "/") && url.query().is_none() && url.fragment().is_none();
    if !matches!(url.scheme(), "http" | "https")
        || url.host().is_none()
        || !url.username().is_empty()
        || url.password().is_some()
        || !bare
    {
        return Err(invalid());
    }
    Ok(url.origin())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddressClass {
    Public,
    /// Loopback, RFC 1918, CGNAT, unique-local: this machine or a private network.
    Private,
    /// Never reachable from a user's URL: unspecified, link-local (metadata), multicast, …
    Forbidden,
}

fn classify(ip: IpAddr) -> AddressClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> AddressClass {
    let [a, b, c, _] = ip.octets();
    if ip.is_unspecified()
        || a == 0
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || a >= 240
    {
        return AddressClass::Forbidden;
    }
    let private = ip.is_loopback()
        || ip.is_private()
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // TEST-NET-1
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113); // TEST-NET-3
    if private {
        AddressClass::Private
    } else {
        AddressClass::Public
    }
}

fn classify_v6(ip: Ipv6Addr) -> AddressClass {
    // An IPv4 address in IPv6 clothing is judged as the IPv4 address it carries.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    let seg = ip.segments();
    // NAT64 (64:ff9b::/96) and the deprecated IPv4-compatible form (::a.b.c.d).
    if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0, 0, 0, 0] {
        return classify_v4(embedded_v4(&seg));
    }
    if seg[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_loopback() && !ip.is_unspecified() {
        return classify_v4(embedded_v4(&seg));
    }
    if ip.is_unspecified() || ip.is_multicast() || (seg[0] & 0xffc0) == 0xfe80 {
        return AddressClass::Forbidden;
    }
    let private = ip.is_loopback()
        || (seg[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (seg[0] & 0xffc0) == 0xfec0 // site local (deprecated)
        || (seg[0] == 0x2001 && seg[1] == 0x0db8) // documentation
        || seg[0] == 0x0100 && seg[1..4] == [0, 0, 0] // discard-only
        || (seg[0] == 0x2002); // 6to4 can tunnel to any IPv4 address
    if private {
        AddressClass::Private
    } else {
        AddressClass::Public
    }
}

fn embedded_v4(seg: &[u16; 8]) -> Ipv4Addr {
    let [hi, lo] = [seg[6], seg[7]];
    Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(ip: &str) -> bool {
        NetworkPolicy::Public.permits(ip.parse().unwrap())
    }

    #[test]
    fn public_policy_blocks_every_private_range() {
        for ip in [
            "127.0.0.1",
            "127.255.255.254",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::7f00:1",
            "::127.0.0.1",
            "ff02::1",
        ] {
            assert!(!public(ip), "{ip} must be blocked");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700::1111",
            "::ffff:93.184.216.34",
        ] {
            assert!(public(ip), "{ip} is public");
        }
    }

    #[test]
    fn allow_private_opens_loopback_but_never_metadata() {
        let p = NetworkPolicy::AllowPrivate;
        assert!(p.permits("127.0.0.1".parse().unwrap()));
        assert!(p.permits("::1".parse().unwrap()));
        assert!(p.permits("10.0.0.8".parse().unwrap()));
        assert!(!p.permits("169.254.169.254".parse().unwrap()));
        assert!(!p.permits("0.0.0.0".parse().unwrap()));
        assert!(!p.permits("fe80::1".parse().unwrap()));
    }

    #[test]
    fn local_host_names() {
        let p = NetworkPolicy::Public;
        assert!(!p.permits_host_name("localhost"));
        assert!(!p.permits_host_name("LOCALHOST."));
        assert!(!p.permits_host_name("api.localhost"));
        assert!(!p.permits_host_name("printer.local"));
        assert!(!p.permits_host_name("metadata.google.internal"));
        assert!(p.permits_host_name("example.com"));
        assert!(NetworkPolicy::AllowPrivate.permits_host_name("localhost"));
    }

    #[test]
    fn an_allowed_origin_is_exactly_that_origin() {
        let p = NetworkPolicy::Public
            .with_allowed_origins(&["http://127.0.0.1:8080".to_owned()])
            .unwrap();
        let url = |s: &str| url::Url::parse(s).unwrap();
        assert!(p.allows_origin(&url("http://127.0.0.1:8080/menu?x=1")));
        assert!(!p.allows_origin(&url("http://127.0.0.1:8081/")));
        assert!(!p.allows_origin(&url("https://127.0.0.1:8080/")));
        assert!(!p.allows_origin(&url("http://localhost:8080/")));
        assert!(p.allows_host_port("127.0.0.1", 8080));
        assert!(!p.allows_host_port("127.0.0.1", 8081));
        // Addresses alone stay guarded: the lift is per origin, checked on the URL.
        assert!(!p.permits("127.0.0.1".parse().unwrap()));
        assert!(NetworkPolicy::Public
            .with_allowed_origins(&["http://127.0.0.1:1/path".to_owned()])
            .is_err());
        assert!(NetworkPolicy::Public
            .with_allowed_origins(&["file:///etc".to_owned()])
            .is_err());
        assert_eq!(
            NetworkPolicy::Public.with_allowed_origins(&[]).unwrap(),
            NetworkPolicy::Public
        );
    }
}
