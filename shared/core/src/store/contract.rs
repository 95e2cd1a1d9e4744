//! The store contract as executable checks: every adapter of the job, quota and idempotency
//! ports must pass them. Run against the in-memory adapter by this crate's unit tests and
//! against the DynamoDB adapter on DynamoDB Local by `tests/integration/store_contract.rs`.
//!
//! Each check works in the workspace it is given, so runs against one shared table do not meet.
//! Compiled only for tests (`cfg(test)`) and with the `contract` feature, never into a function.

use time::OffsetDateTime;

use super::{ClaimOutcome, IdempotencyStore, JobStore, QuotaStore, StoreError};
use crate::domain::idempotency::{IdempotencyClaim, IdempotencyKey};
use crate::domain::{Job, JobId, JobStatus, UtcDay, WorkspaceId};

/// The ports a job store adapter implements together.
pub trait Stores: JobStore + QuotaStore + IdempotencyStore {}
impl<T: JobStore + QuotaStore + IdempotencyStore> Stores for T {}

fn job(workspace: &WorkspaceId, now: OffsetDateTime) -> Job {
    Job::new_queued(
        JobId::new(),
        workspace.clone(),
        Some("https://example.com/".to_owned()),
        None,
        now,
        30,
    )
}

fn claim(workspace: &WorkspaceId, key: &str, hash: &str, expires_at: i64) -> IdempotencyClaim {
    IdempotencyClaim {
        workspace_id: workspace.clone(),
        key: IdempotencyKey::parse(key).expect("a valid key"),
        request_hash: hash.to_owned(),
        expires_at,
    }
}

fn unix_ms(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

/// A live idempotency key is reported as `DuplicateRequest` before anything else — even with the
/// quota used up — and the replay writes nothing: no job, no quota unit. Once forgotten, or in
/// another workspace, the same key is free.
pub async fn idempotency_key_is_checked_first(store: &dyn Stores, workspace: &WorkspaceId) {
    let now = OffsetDateTime::now_utc();
    let day = UtcDay::containing(now);
    let expires = now.unix_timestamp() + 86_400;
    let first = job(workspace, now);
    let key = claim(workspace, "order-42", "hash-1", expires);
    store.create_job(&first, day, 1, Some(&key)).await.unwrap();
    let record = store
        .find_idempotency(workspace, &key.key, now)
        .await
        .unwrap()
        .expect("the key is recorded with its job");
    assert_eq!(record.job_id, first.job_id);
    assert_eq!(record.request_hash, "hash-1");

    // The quota (1) is used up too: the replayed key is what the caller hears about.
    let replay = job(workspace, now);
    let err = store
        .create_job(&replay, day, 1, Some(&key))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::DuplicateRequest), "{err:?}");
    assert_eq!(store.get_job(replay.job_id).await.unwrap(), None);
    assert_eq!(store.quota_used(workspace, day).await.unwrap(), 1);

    // Forgotten (the queue refused the job), the key starts afresh.
    store.forget_idempotency(workspace, &key.key).await.unwrap();
    assert_eq!(
        store
            .find_idempotency(workspace, &key.key, now)
            .await
            .unwrap(),
        None
    );
    let again = job(workspace, now);
    store.create_job(&again, day, 2, Some(&key)).await.unwrap();
    assert_eq!(
        store
            .find_idempotency(workspace, &key.key, now)
            .await
            .unwrap()
            .map(|r| r.job_id),
        Some(again.job_id)
    );
}

/// An expired key no longer counts: a new request with it is accepted and recorded.
pub async fn an_expired_key_is_free_again(store: &dyn Stores, workspace: &WorkspaceId) {
    let now = OffsetDateTime::now_utc();
    let day = UtcDay::containing(now);
    let expired = claim(workspace, "old-key", "hash-1", now.unix_timestamp() - 10);
    let first = job(workspace, now);
    store
        .create_job(&first, day, 10, Some(&expired))
        .await
        .unwrap();
    assert_eq!(
        store
            .find_idempotency(workspace, &expired.key, now)
            .await
            .unwrap(),
        None
    );
    let fresh = claim(workspace, "old-key", "hash-2", now.unix_timestamp() + 3600);
    let second = job(workspace, now);
    store
        .create_job(&second, day, 10, Some(&fresh))
        .await
        .unwrap();
    let record = store
        .find_idempotency(workspace, &fresh.key, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (record.job_id, record.request_hash.as_str()),
        (second.job_id, "hash-2")
    );
}

/// The quota stops at its limit and a refused job is not stored; a unit given back is free.
pub async fn quota_stops_at_the_limit(store: &dyn Stores, workspace: &WorkspaceId) {
    let now = OffsetDateTime::now_utc();
    let day = UtcDay::containing(now);
    for used in 1..=2 {
        let usage = store
            .create_job(&job(workspace, now), day, 2, None)
            .await
            .unwrap();
        assert_eq!((usage.used, usage.limit), (used, 2));
    }
    let refused = job(workspace, now);
    let err = store.create_job(&refused, day, 2, None).await.unwrap_err();
    assert!(matches!(err, StoreError::QuotaExceeded), "{err:?}");
    assert_eq!(store.get_job(refused.job_id).await.unwrap(), None);
    store.release_quota(workspace, day).await.unwrap();
    assert_eq!(store.quota_used(workspace, day).await.unwrap(), 1);
    store.create_job(&refused, day, 2, None).await.unwrap();
}

/// A job's life: claimed once (a second claim is `Busy` while the lease lives), completed or
/// failed only under the current claim, and never claimed again once ended.
pub async fn transitions_hold_under_the_current_claim(store: &dyn Stores, workspace: &WorkspaceId) {
    let now = OffsetDateTime::now_utc();
    let day = UtcDay::containing(now);
    let j = job(workspace, now);
    store.create_job(&j, day, 10, None).await.unwrap();
    let lease = unix_ms(now) + 60_000;
    let claimed = match store.claim_job(j.job_id, now, lease, false).await.unwrap() {
        ClaimOutcome::Claimed(job) => job,
        other => panic!("expected a claim, got {other:?}"),
    };
    assert_eq!(claimed.status, JobStatus::Processing);
    assert_eq!(claimed.attempts, 1);
    assert_eq!(claimed.lease_expires_at, Some(lease));
    assert_eq!(
        store.claim_job(j.job_id, now, lease, false).await.unwrap(),
        ClaimOutcome::Busy {
            lease_expires_at: Some(lease)
        }
    );
    // A stale claim (attempt 0) can neither fail nor release the job.
    let err = store.fail_job(j.job_id, 0, "stale", now).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict), "{err:?}");
    let err = store.release_job(j.job_id, 0, now).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict), "{err:?}");
    // The current claim fails it; the error is kept and the job is finished for good.
    store
        .fail_job(j.job_id, 1, "The site could not be read.", now)
        .await
        .unwrap();
    let failed = store.get_job(j.job_id).await.unwrap().unwrap();
    assert_eq!(failed.status, JobStatus::Failed);
    assert_eq!(failed.error.as_deref(), Some("The site could not be read."));
    assert_eq!(
        store.claim_job(j.job_id, now, lease, false).await.unwrap(),
        ClaimOutcome::Finished(JobStatus::Failed)
    );
    let err = store.fail_job(j.job_id, 1, "again", now).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict), "{err:?}");
    assert_eq!(
        store
            .claim_job(JobId::new(), now, lease, false)
            .await
            .unwrap(),
        ClaimOutcome::NotFound
    );
}

/// Every check above, in order.
pub async fn all(store: &dyn Stores, workspace_prefix: &str) {
    let ws = |name: &str| WorkspaceId::parse(&format!("{workspace_prefix}-{name}")).unwrap();
    idempotency_key_is_checked_first(store, &ws("idem")).await;
    an_expired_key_is_free_again(store, &ws("expired")).await;
    quota_stops_at_the_limit(store, &ws("quota")).await;
    transitions_hold_under_the_current_claim(store, &ws("life")).await;
}

#[cfg(test)]
mod tests {
    use crate::store::memory::MemoryStore;

    #[tokio::test]
    async fn the_memory_store_keeps_the_store_contract() {
        super::all(&MemoryStore::new(), "contract").await;
    }
}
