//! `Idempotency-Key`: a client's promise that two requests with the same key are one request.

use sha2::{Digest, Sha256};

use super::{Instructions, JobId, SiteUrl, WorkspaceId};

/// How long a key is remembered.
pub const IDEMPOTENCY_TTL_SECS: i64 = 24 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

#[derive(Debug, thiserror::Error)]
#[error("Idempotency-Key must be 1-255 visible ASCII characters")]
pub struct InvalidIdempotencyKey;

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<Self, InvalidIdempotencyKey> {
        let raw = raw.trim();
        let ok = !raw.is_empty() && raw.len() <= 255 && raw.bytes().all(|b| b.is_ascii_graphic());
        ok.then(|| Self(raw.to_owned()))
            .ok_or(InvalidIdempotencyKey)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a create request stores alongside its job when it carries a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyClaim {
    pub workspace_id: WorkspaceId,
    pub key: IdempotencyKey,
    /// Fingerprint of the validated request, so a reused key with another body is caught.
    pub request_hash: String,
    /// Unix seconds after which the key may be used afresh.
    pub expires_at: i64,
}

/// A remembered key: the job it created and the request it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyRecord {
    pub job_id: JobId,
    pub request_hash: String,
}

/// SHA-256 over the request as validated (normalised URL, trimmed instructions), so formatting
/// differences in the JSON do not count as a different request.
pub fn request_hash(
    website_url: Option<&SiteUrl>,
    instructions: Option<&Instructions>,
    callback_url: Option<&SiteUrl>,
) -> String {
    let canonical = serde_json::json!({
        "website_url": website_url.map(SiteUrl::as_str),
        "instructions": instructions.map(Instructions::as_str),
        "callback_url": callback_url.map(SiteUrl::as_str),
    });
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NetworkPolicy;

    #[test]
    fn keys_are_bounded_visible_ascii() {
        assert_eq!(
            IdempotencyKey::parse(" order-42 ").unwrap().as_str(),
            "order-42"
        );
        assert!(IdempotencyKey::parse("").is_err());
        assert!(IdempotencyKey::parse("has space").is_err());
        assert!(IdempotencyKey::parse("ünïcode").is_err());
        assert!(IdempotencyKey::parse(&"k".repeat(256)).is_err());
    }

    #[test]
    fn equivalent_requests_hash_alike() {
        let a = SiteUrl::parse("example.com", NetworkPolicy::Public).unwrap();
        let b = SiteUrl::parse("  https://example.com/ ", NetworkPolicy::Public).unwrap();
        let i = Instructions::parse("Be brief").unwrap();
        assert_eq!(
            request_hash(Some(&a), i.as_ref(), None),
            request_hash(Some(&b), i.as_ref(), None)
        );
        assert_ne!(
            request_hash(Some(&a), i.as_ref(), None),
            request_hash(Some(&a), None, None)
        );
    }
}
