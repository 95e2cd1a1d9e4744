//! The SSRF guard: every host name is resolved here and only addresses the [`NetworkPolicy`]
//! permits are handed to the connector, so a DNS answer (or a rebinding one) pointing at a
//! private network never gets a connection. IP-literal URLs bypass DNS and are checked by
//! `SiteUrl::check` before the request and on every redirect.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::error::Error as StdError;
use std::net::SocketAddr;

use crate::domain::NetworkPolicy;

#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver {
    pub policy: NetworkPolicy,
}

/// The host resolved only to addresses we may not connect to.
#[derive(Debug, thiserror::Error)]
#[error("{host} resolves to a blocked address (private or local network)")]
pub struct BlockedAddress {
    pub host: String,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            // A lifted origin's host name (`http://localhost:3000`) may resolve to this
            // machine; its port was checked on the URL. Metadata and the like stay blocked.
            let policy = if policy.allows_host(&host) {
                NetworkPolicy::AllowPrivate
            } else {
                policy
            };
            let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| Box::new(e) as Box<dyn StdError + Send + Sync>)?
                .collect();
            let permitted: Vec<SocketAddr> = resolved
                .into_iter()
                .filter(|a| policy.permits(a.ip()))
                .collect();
            if permitted.is_empty() {
                return Err(Box::new(BlockedAddress { host }) as Box<dyn StdError + Send + Sync>);
            }
            Ok(Box::new(permitted.into_iter()) as Addrs)
        })
    }
}

/// Whether `err`'s cause chain holds a [`BlockedAddress`].
pub fn is_blocked(err: &(dyn StdError + 'static)) -> bool {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if e.is::<BlockedAddress>() {
            return true;
        }
        current = e.source();
    }
    false
}
