//! API key lookups cached inside a warm function for a short time: most requests then cost no
//! DynamoDB read for auth, and a revocation still takes effect within the TTL.

use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{ApiKeyStore, StoreError};
use crate::domain::{ApiKeyHash, ApiKeyRecord};

/// Entries kept at most; beyond it the cache is cleared (a flood of random keys cannot grow it).
const MAX_ENTRIES: usize = 10_000;

pub struct CachedApiKeyStore {
    inner: Arc<dyn ApiKeyStore>,
    ttl: Duration,
    entries: Mutex<HashMap<ApiKeyHash, (Instant, Option<ApiKeyRecord>)>>,
}

impl CachedApiKeyStore {
    /// `ttl` of zero disables caching.
    pub fn new(inner: Arc<dyn ApiKeyStore>, ttl: Duration) -> Self {
        Self {
            inner,
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn forget(&self, hash: &ApiKeyHash) {
        self.entries
            .lock()
            .expect("key cache poisoned")
            .remove(hash);
    }
}

#[async_trait]
impl ApiKeyStore for CachedApiKeyStore {
    async fn find_api_key(&self, hash: &ApiKeyHash) -> Result<Option<ApiKeyRecord>, StoreError> {
        if self.ttl.is_zero() {
            return self.inner.find_api_key(hash).await;
        }
        if let Some((at, record)) = self.entries.lock().expect("key cache poisoned").get(hash) {
            if at.elapsed() < self.ttl {
                return Ok(record.clone());
            }
        }
        let record = self.inner.find_api_key(hash).await?;
        let mut entries = self.entries.lock().expect("key cache poisoned");
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(hash.clone(), (Instant::now(), record.clone()));
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
}
