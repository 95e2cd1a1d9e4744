//! API keys: shown to their owner once, stored only as a SHA-256 hash.

use rand::{distributions::Alphanumeric, Rng};
use sha2::{Digest, Sha256};
use std::fmt;
use time::OffsetDateTime;

use super::WorkspaceId;

/// A plaintext key. Deliberately not `Display`/`Debug`-printable, so it cannot reach a log.
pub struct ApiKey(String);

impl ApiKey {
    const PREFIX: &'static str = "ab_";

    /// 40 random alphanumeric characters (≈238 bits) after a recognisable prefix.
    pub fn generate() -> Self {
        let body: String = rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(40)
            .map(char::from)
            .collect();
        Self(format!("{}{body}", Self::PREFIX))
    }

    /// Wraps a key presented by a caller.
    pub fn from_presented(raw: &str) -> Self {
        Self(raw.to_owned())
    }

    pub fn hash(&self) -> ApiKeyHash {
        ApiKeyHash(hex::encode(Sha256::digest(self.0.as_bytes())))
    }

    /// The plaintext, for printing exactly once when the key is created.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// Hex SHA-256 of a key: the lookup key of the API keys table. Keys are long random strings,
/// so an unsalted fast hash is the standard choice (nothing to brute-force).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiKeyHash(String);

impl ApiKeyHash {
    pub fn from_hex(hex: String) -> Self {
        Self(hex)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiKeyRecord {
    pub key_hash: ApiKeyHash,
    pub workspace_id: WorkspaceId,
    pub label: String,
    pub revoked: bool,
    pub created_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_prefixed_and_hash_stably() {
        let a = ApiKey::generate();
        let b = ApiKey::generate();
        assert!(a.reveal().starts_with("ab_"));
        assert_eq!(a.reveal().len(), 43);
        assert_ne!(a.reveal(), b.reveal());
        assert_eq!(a.hash(), ApiKey::from_presented(a.reveal()).hash());
        assert_eq!(a.hash().as_str().len(), 64);
        assert!(!format!("{a:?}").contains(a.reveal()));
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            ApiKey::from_presented("abc").hash().as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
