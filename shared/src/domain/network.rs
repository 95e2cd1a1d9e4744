//! Which IP addresses a user's URL may reach. Checked on literals at submit time and on every
//! resolved address at connect time (see `crawl::guard`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `Public` is the only policy for deployed services. `AllowPrivate` exists for local runs and
/// tests against servers on this machine; even then link-local (cloud metadata), unspecified,
/// multicast and broadcast addresses stay blocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkPolicy {
    #[default]
    Public,
    AllowPrivate,
}

impl NetworkPolicy {
    pub fn from_flag(allow_private: bool) -> Self {
        if allow_private {
            Self::AllowPrivate
        } else {
            Self::Public
        }
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
}
