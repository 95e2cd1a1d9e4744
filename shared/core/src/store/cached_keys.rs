//! API key lookups cached inside a warm function for a short time: most requests then cost no
//! DynamoDB read for auth, and a revocation still takes effect within the TTL. A key found
//! unknown is remembered only briefly ([`NEGATIVE_TTL`]), so a key created just after a failed
//! call works within seconds; the cache holds at most [`MAX_ENTRIES`] keys and evicts the least
//! recently used one, so a flood of random keys cannot grow it nor push the real keys out all
//! at once.

use async_trait::async_trait;
use lru::LruCache;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{ApiKeyStore, StoreError};
use crate::domain::{ApiKeyHash, ApiKeyRecord};

/// Keys kept at most.
pub const MAX_ENTRIES: usize = 10_000;
/// How long "no such key" is trusted (at most the cache's TTL).
pub const NEGATIVE_TTL: Duration = Duration::from_secs(5);

pub struct CachedApiKeyStore {
    inner: Arc<dyn ApiKeyStore>,
    ttl: Duration,
    negative_ttl: Duration,
    entries: Mutex<LruCache<ApiKeyHash, (Instant, Option<ApiKeyRecord>)>>,
}

impl CachedApiKeyStore {
    /// `ttl` of zero disables caching.
    pub fn new(inner: Arc<dyn ApiKeyStore>, ttl: Duration) -> Self {
        Self::with_limits(inner, ttl, NEGATIVE_TTL, MAX_ENTRIES)
    }

    pub fn with_limits(
        inner: Arc<dyn ApiKeyStore>,
        ttl: Duration,
        negative_ttl: Duration,
        max_entries: usize,
    ) -> Self {
        Self {
            inner,
            ttl,
            negative_ttl: negative_ttl.min(ttl),
            entries: Mutex::new(LruCache::new(
                NonZeroUsize::new(max_entries).unwrap_or(NonZeroUsize::MIN),
            )),
        }
    }

    fn forget(&self, hash: &ApiKeyHash) {
        self.entries.lock().expect("key cache poisoned").pop(hash);
    }

    /// The cached answer while it is fresh (a hit counts as a use for eviction).
    fn cached(&self, hash: &ApiKeyHash) -> Option<Option<ApiKeyRecord>> {
        let mut entries = self.entries.lock().expect("key cache poisoned");
        let (at, record) = entries.get(hash)?;
        let ttl = if record.is_some() {
            self.ttl
        } else {
            self.negative_ttl
        };
        (at.elapsed() < ttl).then(|| record.clone())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().expect("key cache poisoned").len()
    }
}

#[async_trait]
impl ApiKeyStore for CachedApiKeyStore {
    async fn find_api_key(&self, hash: &ApiKeyHash) -> Result<Option<ApiKeyRecord>, StoreError> {
        if self.ttl.is_zero() {
            return self.inner.find_api_key(hash).await;
        }
        if let Some(record) = self.cached(hash) {
            return Ok(record);
        }
        let record = self.inner.find_api_key(hash).await?;
        self.entries
            .lock()
            .expect("key cache poisoned")
            .put(hash.clone(), (Instant::now(), record.clone()));
        Ok(record)
    }

    async fn put_api_key(&self, record: &ApiKeyRecord) -> Result<(), StoreError> {
        self.forget(&record.key_hash);
        self.inner.put_api_key(record).await
    }

    async fn revoke_api_key(&self, hash: &ApiKeyHash) -> Result<(), StoreError> {
        self.forget(hash);
        self.inner.revoke_api_key(hash).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ApiKey, WorkspaceId};
    use crate::store::memory::MemoryStore;

    fn record(key: &ApiKey) -> ApiKeyRecord {
        ApiKeyRecord {
            key_hash: key.hash(),
            workspace_id: WorkspaceId::parse("ws").unwrap(),
            label: String::new(),
            revoked: false,
            created_at: time::OffsetDateTime::now_utc(),
        }
    }

    #[tokio::test]
    async fn serves_from_cache_within_the_ttl_and_rereads_after_it() {
        let backing = Arc::new(MemoryStore::new());
        let key = ApiKey::generate();
        backing.put_api_key(&record(&key)).await.unwrap();
        let cache = CachedApiKeyStore::new(backing.clone(), Duration::from_millis(200));
        assert!(
            !cache
                .find_api_key(&key.hash())
                .await
                .unwrap()
                .unwrap()
                .revoked
        );

        // Revoked behind the cache's back (another function instance): still cached for now…
        backing.revoke_api_key(&key.hash()).await.unwrap();
        assert!(
            !cache
                .find_api_key(&key.hash())
                .await
                .unwrap()
                .unwrap()
                .revoked
        );
        // …and seen once the TTL has passed.
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert!(
            cache
                .find_api_key(&key.hash())
                .await
                .unwrap()
                .unwrap()
                .revoked
        );
    }

    #[tokio::test]
    async fn zero_ttl_always_reads_through() {
        let backing = Arc::new(MemoryStore::new());
        let key = ApiKey::generate();
        let cache = CachedApiKeyStore::new(backing.clone(), Duration::ZERO);
        assert!(cache.find_api_key(&key.hash()).await.unwrap().is_none());
        backing.put_api_key(&record(&key)).await.unwrap();
        assert!(cache.find_api_key(&key.hash()).await.unwrap().is_some());
    }

    #[tokio::test]
    async fn an_unknown_key_is_forgotten_after_the_short_negative_ttl() {
        let backing = Arc::new(MemoryStore::new());
        let key = ApiKey::generate();
        let cache = CachedApiKeyStore::with_limits(
            backing.clone(),
            Duration::from_secs(60),
            Duration::from_millis(100),
            100,
        );
        assert!(cache.find_api_key(&key.hash()).await.unwrap().is_none());
        // Created elsewhere just after the failed call.
        backing.put_api_key(&record(&key)).await.unwrap();
        assert!(cache.find_api_key(&key.hash()).await.unwrap().is_none());
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert!(cache.find_api_key(&key.hash()).await.unwrap().is_some());
        // A known key keeps the long TTL: revoked behind its back, still served.
        backing.revoke_api_key(&key.hash()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert!(
            !cache
                .find_api_key(&key.hash())
                .await
                .unwrap()
                .unwrap()
                .revoked
        );
    }

    #[tokio::test]
    async fn a_flood_of_unknown_keys_evicts_the_least_recently_used_not_everything() {
        let backing = Arc::new(MemoryStore::new());
        let real = ApiKey::generate();
        backing.put_api_key(&record(&real)).await.unwrap();
        let cache = CachedApiKeyStore::with_limits(
            backing.clone(),
            Duration::from_secs(60),
            NEGATIVE_TTL,
            10,
        );
        assert!(cache.find_api_key(&real.hash()).await.unwrap().is_some());
        for _ in 0..100 {
            cache
                .find_api_key(&ApiKey::generate().hash())
                .await
                .unwrap();
            // The real key is in use throughout.
            cache.find_api_key(&real.hash()).await.unwrap();
        }
        assert_eq!(cache.len(), 10);
        // Still cached: revoked behind the cache's back, the cached record is served.
        backing.revoke_api_key(&real.hash()).await.unwrap();
        assert!(
            !cache
                .find_api_key(&real.hash())
                .await
                .unwrap()
                .unwrap()
                .revoked
        );
    }
}
