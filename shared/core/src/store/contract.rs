//! The store contract as executable checks: every adapter of the job, quota and idempotency
//! ports must pass them. Run against the in-memory adapter by this crate's unit tests and
//! against the DynamoDB adapter on DynamoDB Local by `tests/integration/store_contract.rs`.
//!
//! Each check works in the workspace it is given, so runs against one shared table do not meet.
//! Compiled only for tests (`cfg(test)`) and with the `contract` feature, never into a function.

use std::time::Duration;
use time::OffsetDateTime;

use super::{AgentStore, ClaimOutcome, IdempotencyStore, JobStore, QuotaStore, StoreError};
use crate::domain::idempotency::{IdempotencyClaim, IdempotencyKey};
use crate::domain::{
    Agent, AgentConfig, Job, JobId, JobStatus, NetworkPolicy, SiteUrl, UtcDay, WorkspaceId,
};
use crate::time::UnixMillis;

/// The ports a job store adapter implements together.
pub trait Stores: JobStore + QuotaStore + IdempotencyStore + AgentStore {}
impl<T: JobStore + QuotaStore + IdempotencyStore + AgentStore> Stores for T {}

fn job(workspace: &WorkspaceId, now: OffsetDateTime) -> Job {
    Job::new_queued(
        JobId::new(),
        workspace.clone(),
        Some(SiteUrl::parse("https://example.com/", NetworkPolicy::Public).unwrap()),
        None,
        now,
        30,
    )
}

fn agent_for(job: &Job, now: OffsetDateTime) -> Agent {
    Agent {
        agent_id: job.job_id.agent_id(),
        workspace_id: job.workspace_id.clone(),
        job_id: job.job_id,
        config: AgentConfig {
            name: "Acme".into(),
            ..AgentConfig::default()
        },
        created_at: now,
    }
}

async fn claimed(
    store: &dyn Stores,
    job_id: JobId,
    now: OffsetDateTime,
    lease: UnixMillis,
    last_delivery: bool,
) -> Job {
    match store
        .claim_job(job_id, now, lease, last_delivery)
        .await
        .unwrap()
    {
        ClaimOutcome::Claimed(job) => *job,
        other => panic!("expected a claim, got {other:?}"),
    }
}

fn is_conflict<T: std::fmt::Debug>(result: Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::Conflict))
}

fn claim(workspace: &WorkspaceId, key: &str, hash: &str, expires_at: i64) -> IdempotencyClaim {
    IdempotencyClaim {
        workspace_id: workspace.clone(),
        key: IdempotencyKey::parse(key).expect("a valid key"),
        request_hash: hash.to_owned(),
        expires_at,
    }
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
    let lease = UnixMillis::from(now) + Duration::from_secs(60);
    let claimed = claimed(store, j.job_id, now, lease, false).await;
    assert_eq!(claimed.status(), JobStatus::Processing);
    assert_eq!(claimed.attempts, 1);
    assert_eq!(claimed.lease_expires_at(), Some(lease));
    assert_eq!(
        store.claim_job(j.job_id, now, lease, false).await.unwrap(),
        ClaimOutcome::Busy {
            lease_expires_at: lease
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
    assert_eq!(failed.status(), JobStatus::Failed);
    assert_eq!(failed.error(), Some("The site could not be read."));
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

/// A lapsed lease is taken over by the next claim (a new attempt); from then on only that
/// claim completes the job, with its agent, and a completed job is never claimed again.
pub async fn a_lapsed_lease_is_taken_over_and_only_the_new_claim_completes(
    store: &dyn Stores,
    workspace: &WorkspaceId,
) {
    let now = OffsetDateTime::now_utc();
    let later = now + time::Duration::seconds(5);
    let j = job(workspace, now);
    store
        .create_job(&j, UtcDay::containing(now), 10, None)
        .await
        .unwrap();
    let first = claimed(store, j.job_id, now, UnixMillis::from(now), false).await;
    let lease = UnixMillis::from(later) + Duration::from_secs(60);
    let second = claimed(store, j.job_id, later, lease, true).await;
    assert_eq!((first.attempts, second.attempts), (1, 2));
    assert!(second.last_delivery());
    assert_eq!(second.lease_expires_at(), Some(lease));

    let agent = agent_for(&j, later);
    // The stale claim cannot complete it, and writes no agent.
    assert!(is_conflict(
        store.complete_job(j.job_id, 1, &agent, &[], later).await
    ));
    assert_eq!(store.get_agent(agent.agent_id).await.unwrap(), None);
    let warnings = vec!["Only the home page could be read.".to_owned()];
    store
        .complete_job(j.job_id, 2, &agent, &warnings, later)
        .await
        .unwrap();
    let done = store.get_job(j.job_id).await.unwrap().unwrap();
    assert_eq!(done.status(), JobStatus::Completed);
    assert_eq!(done.agent_id(), Some(agent.agent_id));
    assert_eq!(done.lease_expires_at(), None);
    assert_eq!(done.warnings, warnings);
    assert_eq!(
        store
            .get_agent(agent.agent_id)
            .await
            .unwrap()
            .map(|a| a.job_id),
        Some(j.job_id)
    );
    // Ended: never claimed, completed, failed or released again.
    assert_eq!(
        store
            .claim_job(j.job_id, later, lease, false)
            .await
            .unwrap(),
        ClaimOutcome::Finished(JobStatus::Completed)
    );
    assert!(is_conflict(
        store.complete_job(j.job_id, 2, &agent, &[], later).await
    ));
    assert!(is_conflict(store.fail_job(j.job_id, 2, "x", later).await));
    assert!(is_conflict(store.release_job(j.job_id, 2, later).await));
}

/// A released lease has lapsed at once: the next delivery claims the job without waiting.
pub async fn a_released_lease_is_claimable_at_once(store: &dyn Stores, workspace: &WorkspaceId) {
    let now = OffsetDateTime::now_utc();
    let j = job(workspace, now);
    store
        .create_job(&j, UtcDay::containing(now), 10, None)
        .await
        .unwrap();
    let lease = UnixMillis::from(now) + Duration::from_secs(600);
    claimed(store, j.job_id, now, lease, false).await;
    store.release_job(j.job_id, 1, now).await.unwrap();
    let released = store.get_job(j.job_id).await.unwrap().unwrap();
    assert_eq!(released.status(), JobStatus::Processing);
    assert!(released.lease_expires_at().unwrap() < UnixMillis::from(now));
    let again = claimed(store, j.job_id, now, lease, false).await;
    assert_eq!(again.attempts, 2);
}

/// Abandoning ends a job nobody holds — never claimed, or its lease lapsed under the claim
/// read — `failed`, and gives its creation day's quota unit back; a live lease, a newer claim
/// or an ended job is left alone (`Conflict`) and keeps its unit.
pub async fn abandoning_ends_only_a_job_nobody_holds(store: &dyn Stores, workspace: &WorkspaceId) {
    let now = OffsetDateTime::now_utc();
    let day = UtcDay::containing(now);
    let never = job(workspace, now);
    let lapsed = job(workspace, now);
    let live = job(workspace, now);
    for j in [&never, &lapsed, &live] {
        store.create_job(j, day, 10, None).await.unwrap();
    }
    let past = UnixMillis::from(now) - Duration::from_secs(1);
    let lapsed_seen = claimed(store, lapsed.job_id, now, past, false).await;
    let live_seen = claimed(
        store,
        live.job_id,
        now,
        UnixMillis::from(now) + Duration::from_secs(600),
        false,
    )
    .await;
    assert_eq!(store.quota_used(workspace, day).await.unwrap(), 3);

    // A live lease is never abandoned.
    assert!(is_conflict(
        store.abandon_job(&live_seen, "stopped", now).await
    ));
    // Read before its current claim: someone took it over since.
    assert!(is_conflict(
        store.abandon_job(&lapsed, "stopped", now).await
    ));
    assert_eq!(store.quota_used(workspace, day).await.unwrap(), 3);

    store.abandon_job(&never, "stopped", now).await.unwrap();
    store
        .abandon_job(&lapsed_seen, "The worker stopped.", now)
        .await
        .unwrap();
    for id in [never.job_id, lapsed.job_id] {
        let ended = store.get_job(id).await.unwrap().unwrap();
        assert_eq!(ended.status(), JobStatus::Failed);
        assert_eq!(ended.lease_expires_at(), None);
    }
    assert_eq!(
        store.get_job(lapsed.job_id).await.unwrap().unwrap().error(),
        Some("The worker stopped.")
    );
    assert_eq!(store.quota_used(workspace, day).await.unwrap(), 1);
    // Ended: a second abandon changes nothing and gives no second unit back.
    assert!(is_conflict(
        store.abandon_job(&lapsed_seen, "again", now).await
    ));
    assert_eq!(store.quota_used(workspace, day).await.unwrap(), 1);
    assert_eq!(
        store.get_job(live.job_id).await.unwrap().unwrap().status(),
        JobStatus::Processing
    );
}

/// Every check above, in order.
pub async fn all(store: &dyn Stores, workspace_prefix: &str) {
    let ws = |name: &str| WorkspaceId::parse(&format!("{workspace_prefix}-{name}")).unwrap();
    idempotency_key_is_checked_first(store, &ws("idem")).await;
    an_expired_key_is_free_again(store, &ws("expired")).await;
    quota_stops_at_the_limit(store, &ws("quota")).await;
    transitions_hold_under_the_current_claim(store, &ws("life")).await;
    a_lapsed_lease_is_taken_over_and_only_the_new_claim_completes(store, &ws("takeover")).await;
    a_released_lease_is_claimable_at_once(store, &ws("release")).await;
    abandoning_ends_only_a_job_nobody_holds(store, &ws("abandon")).await;
}

#[cfg(test)]
mod tests {
    use crate::store::memory::MemoryStore;

    #[tokio::test]
    async fn the_memory_store_keeps_the_store_contract() {
        super::all(&MemoryStore::new(), "contract").await;
    }
}
