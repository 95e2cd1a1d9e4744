//! The DynamoDB adapter against DynamoDB Local: the create transaction, the quota condition,
//! and every job transition, checked through the real service's condition semantics.

use aws_sdk_dynamodb::types::AttributeValue;
use time::macros::datetime;
use time::OffsetDateTime;

use agent_builder_core::domain::progress::{CrawlProgress, SkippedPages};
use agent_builder_core::domain::{
    Agent, AgentConfig, FactKind, GenerationMetadata, GeneratorKind, Job, JobId, JobStatus,
    KnowledgeFact, NetworkPolicy, SiteUrl, Tone, UtcDay, WorkspaceId,
};
use agent_builder_core::store::{AgentStore, ClaimOutcome, JobStore, QuotaStore, StoreError};
use agent_builder_core::time::UnixMillis;

use crate::helpers::stack;

fn job(workspace: &str, now: OffsetDateTime) -> Job {
    Job::new_queued(
        JobId::new(),
        WorkspaceId::parse(workspace).unwrap(),
        Some(SiteUrl::parse("https://example.com/", NetworkPolicy::Public).unwrap()),
        None,
        now,
        30,
    )
}

fn agent_for(job: &Job, name: &str) -> Agent {
    Agent {
        agent_id: job.job_id.agent_id(),
        workspace_id: job.workspace_id.clone(),
        job_id: job.job_id,
        config: AgentConfig {
            name: name.to_owned(),
            personality: "p".into(),
            goals: vec!["g1".into(), "g2".into()],
            guardrails: vec!["never fabricate".into()],
            tone: Tone::Friendly,
            greeting: format!("Hi, thanks for calling {name}!"),
            voice: "v".into(),
            language: "en-GB".into(),
            knowledge: vec![KnowledgeFact {
                kind: FactKind::Phone,
                text: "020 7946 0018".into(),
                sources: vec!["https://acme.example/contact".into()],
                confidence: None,
            }],
            system_prompt: format!("# {name}\nBe helpful."),
            metadata: GenerationMetadata {
                generator: GeneratorKind::Openai,
                model: Some("gpt-test".into()),
                sources: vec!["https://acme.example/".into()],
                warnings: vec!["Removed a phone number.".into()],
            },
        },
        created_at: OffsetDateTime::now_utc(),
    }
}

const NOW: OffsetDateTime = datetime!(2026-11-29 12:00:00 UTC);

#[tokio::test]
async fn create_job_writes_the_job_and_the_counter_together() {
    let stack = stack().await;
    let day = UtcDay::containing(NOW);
    let j = job("ws-a", NOW);
    let usage = stack.store.create_job(&j, day, 50, None).await.unwrap();
    assert_eq!((usage.used, usage.remaining()), (1, 49));
    assert_eq!(stack.store.get_job(j.job_id).await.unwrap().unwrap(), j);
    assert_eq!(
        stack.store.quota_used(&j.workspace_id, day).await.unwrap(),
        1
    );

    // The stored record carries its schema version and TTL for stream consumers.
    let item = stack
        .dynamodb
        .get_item()
        .table_name(&stack.resources.tables.jobs)
        .key("job_id", AttributeValue::S(j.job_id.to_string()))
        .send()
        .await
        .unwrap()
        .item
        .unwrap();
    assert_eq!(item["schema_version"], AttributeValue::N("1".into()));
    assert_eq!(item["status"], AttributeValue::S("queued".into()));
    assert!(matches!(item["expires_at"], AttributeValue::N(_)));
}

#[tokio::test]
async fn quota_condition_stops_at_the_limit_and_writes_nothing_beyond_it() {
    let stack = stack().await;
    let day = UtcDay::containing(NOW);
    let ws = WorkspaceId::parse("ws-limit").unwrap();
    for expected in 1..=3 {
        let usage = stack
            .store
            .create_job(&job("ws-limit", NOW), day, 3, None)
            .await
            .unwrap();
        assert_eq!(usage.used, expected);
    }
    let rejected = job("ws-limit", NOW);
    let err = stack
        .store
        .create_job(&rejected, day, 3, None)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::QuotaExceeded), "{err:?}");
    // The transaction wrote neither half.
    assert!(stack
        .store
        .get_job(rejected.job_id)
        .await
        .unwrap()
        .is_none());
    assert_eq!(stack.store.quota_used(&ws, day).await.unwrap(), 3);

    // Another workspace and the next day have their own counters.
    assert!(stack
        .store
        .create_job(&job("ws-other", NOW), day, 3, None)
        .await
        .is_ok());
    let tomorrow = UtcDay::containing(NOW + time::Duration::days(1));
    assert_eq!(
        stack
            .store
            .create_job(&job("ws-limit", NOW), tomorrow, 3, None)
            .await
            .unwrap()
            .used,
        1
    );

    // Giving a unit back reopens exactly one slot, and never goes below zero.
    stack.store.release_quota(&ws, day).await.unwrap();
    assert_eq!(stack.store.quota_used(&ws, day).await.unwrap(), 2);
    assert!(stack
        .store
        .create_job(&job("ws-limit", NOW), day, 3, None)
        .await
        .is_ok());
    let fresh = WorkspaceId::parse("ws-never").unwrap();
    stack.store.release_quota(&fresh, day).await.unwrap();
    assert_eq!(stack.store.quota_used(&fresh, day).await.unwrap(), 0);
}

#[tokio::test]
async fn a_duplicate_job_id_is_refused_and_takes_no_quota() {
    let stack = stack().await;
    let day = UtcDay::containing(NOW);
    let j = job("ws-dup", NOW);
    stack.store.create_job(&j, day, 50, None).await.unwrap();
    let err = stack.store.create_job(&j, day, 50, None).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict), "{err:?}");
    assert_eq!(
        stack.store.quota_used(&j.workspace_id, day).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn claim_lease_complete_and_redelivery() {
    let stack = stack().await;
    let day = UtcDay::containing(NOW);
    let j = job("ws-life", NOW);
    stack.store.create_job(&j, day, 50, None).await.unwrap();
    let now_ms = UnixMillis::from(NOW).as_millis();

    let ClaimOutcome::Claimed(claimed) = stack
        .store
        .claim_job(
            j.job_id,
            NOW,
            UnixMillis::from_millis(now_ms + 60_000),
            false,
        )
        .await
        .unwrap()
    else {
        panic!("first claim must succeed")
    };
    assert_eq!(claimed.status(), JobStatus::Processing);
    assert_eq!(claimed.attempts, 1);
    assert_eq!(
        claimed.lease_expires_at(),
        Some(UnixMillis::from_millis(now_ms + 60_000))
    );

    // A second delivery while the lease is live is told to wait.
    assert_eq!(
        stack
            .store
            .claim_job(
                j.job_id,
                NOW,
                UnixMillis::from_millis(now_ms + 60_000),
                false
            )
            .await
            .unwrap(),
        ClaimOutcome::Busy {
            lease_expires_at: UnixMillis::from_millis(now_ms + 60_000)
        }
    );

    // After the lease lapses (the first worker died), a redelivery takes the job over.
    let later = NOW + time::Duration::minutes(2);
    let later_ms = now_ms + 120_000;
    let ClaimOutcome::Claimed(taken) = stack
        .store
        .claim_job(
            j.job_id,
            later,
            UnixMillis::from_millis(later_ms + 60_000),
            false,
        )
        .await
        .unwrap()
    else {
        panic!("expired lease must be claimable")
    };
    assert_eq!(taken.attempts, 2);

    let agent = agent_for(&j, "Acme");
    let progress = CrawlProgress {
        stage: agent_builder_core::domain::progress::Stage::Fetching,
        pages_discovered: 12,
        pages_fetched: 7,
        pages_skipped: SkippedPages {
            robots: 2,
            non_html: 1,
            error: 1,
            budget: 1,
        },
        pages_rendered: 2,
    };
    stack
        .store
        .update_progress(j.job_id, &progress, later)
        .await
        .unwrap();
    assert_eq!(
        stack
            .store
            .get_job(j.job_id)
            .await
            .unwrap()
            .unwrap()
            .progress,
        Some(progress)
    );
    let warnings = vec!["Only the home page was used.".to_owned()];
    stack
        .store
        .complete_job(j.job_id, 2, &agent, &warnings, later)
        .await
        .unwrap();
    let done = stack.store.get_job(j.job_id).await.unwrap().unwrap();
    assert_eq!(done.status(), JobStatus::Completed);
    assert_eq!(done.agent_id(), Some(agent.agent_id));
    assert_eq!(done.lease_expires_at(), None);
    assert_eq!(done.warnings, warnings);
    assert_eq!(done.progress, Some(progress));
    // Progress cannot be written once the job has ended.
    assert!(matches!(
        stack
            .store
            .update_progress(j.job_id, &progress, later)
            .await,
        Err(StoreError::Conflict)
    ));
    let stored = stack
        .store
        .get_agent(agent.agent_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.config, stored.workspace_id, stored.job_id),
        (agent.config.clone(), j.workspace_id.clone(), j.job_id)
    );

    // Late duplicates change nothing: no second agent, no failure over a completed job.
    assert_eq!(
        stack
            .store
            .claim_job(
                j.job_id,
                later,
                UnixMillis::from_millis(later_ms + 60_000),
                false
            )
            .await
            .unwrap(),
        ClaimOutcome::Finished(JobStatus::Completed)
    );
    assert!(matches!(
        stack
            .store
            .complete_job(j.job_id, 2, &agent, &[], later)
            .await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        stack.store.fail_job(j.job_id, 2, "x", later).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(
        stack
            .store
            .get_job(j.job_id)
            .await
            .unwrap()
            .unwrap()
            .status(),
        JobStatus::Completed
    );
}

#[tokio::test]
async fn fail_job_from_queued_or_processing_only() {
    let stack = stack().await;
    let day = UtcDay::containing(NOW);
    let queued = job("ws-fail", NOW);
    stack
        .store
        .create_job(&queued, day, 50, None)
        .await
        .unwrap();
    stack
        .store
        .fail_job(queued.job_id, 0, "Could not reach it", NOW)
        .await
        .unwrap();
    let failed = stack.store.get_job(queued.job_id).await.unwrap().unwrap();
    assert_eq!(failed.status(), JobStatus::Failed);
    assert_eq!(failed.error(), Some("Could not reach it"));
    assert_eq!(
        stack
            .store
            .claim_job(queued.job_id, NOW, UnixMillis::from_millis(0), false)
            .await
            .unwrap(),
        ClaimOutcome::Finished(JobStatus::Failed)
    );
    assert_eq!(
        stack
            .store
            .claim_job(JobId::new(), NOW, UnixMillis::from_millis(0), false)
            .await
            .unwrap(),
        ClaimOutcome::NotFound
    );
}

fn unix_ms(at: OffsetDateTime) -> i64 {
    UnixMillis::from(at).as_millis()
}

#[tokio::test]
async fn only_the_current_claim_can_end_or_release_a_job() {
    let stack = stack().await;
    let j = job("ws-lease", NOW);
    stack
        .store
        .create_job(&j, UtcDay::containing(NOW), 50, None)
        .await
        .unwrap();
    // Worker 1 claims and stalls; its lease lapses; worker 2 takes over.
    stack
        .store
        .claim_job(
            j.job_id,
            NOW,
            UnixMillis::from_millis(unix_ms(NOW) + 1_000),
            false,
        )
        .await
        .unwrap();
    let later = NOW + time::Duration::minutes(5);
    let ClaimOutcome::Claimed(second) = stack
        .store
        .claim_job(
            j.job_id,
            later,
            UnixMillis::from_millis(unix_ms(later) + 60_000),
            false,
        )
        .await
        .unwrap()
    else {
        panic!("the lapsed lease must be claimable")
    };
    assert_eq!(second.attempts, 2);

    // Worker 1 wakes up: it can neither complete, fail nor release the job.
    let agent = agent_for(&j, "Stale");
    assert!(matches!(
        stack
            .store
            .complete_job(j.job_id, 1, &agent, &[], later)
            .await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        stack.store.fail_job(j.job_id, 1, "stale", later).await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        stack.store.release_job(j.job_id, 1, later).await,
        Err(StoreError::Conflict)
    ));
    assert!(stack
        .store
        .get_agent(agent.agent_id)
        .await
        .unwrap()
        .is_none());
    let still = stack.store.get_job(j.job_id).await.unwrap().unwrap();
    assert_eq!(
        (still.status(), still.attempts, still.lease_expires_at()),
        (
            JobStatus::Processing,
            2,
            Some(UnixMillis::from_millis(unix_ms(later) + 60_000))
        )
    );

    // Worker 2 gives its lease up (a retry): the next delivery, the message's last, claims at
    // once.
    assert!(!second.last_delivery());
    stack.store.release_job(j.job_id, 2, later).await.unwrap();
    let ClaimOutcome::Claimed(third) = stack
        .store
        .claim_job(
            j.job_id,
            later,
            UnixMillis::from_millis(unix_ms(later) + 60_000),
            true,
        )
        .await
        .unwrap()
    else {
        panic!("a released lease must be claimable at once")
    };
    assert_eq!(third.attempts, 3);
    assert!(third.last_delivery());
    assert!(stack
        .store
        .get_job(j.job_id)
        .await
        .unwrap()
        .unwrap()
        .last_delivery());
    stack
        .store
        .complete_job(j.job_id, 3, &agent_for(&j, "Current"), &[], later)
        .await
        .unwrap();
    assert_eq!(
        stack
            .store
            .get_agent(agent.agent_id)
            .await
            .unwrap()
            .unwrap()
            .config
            .name,
        "Current"
    );
}

#[tokio::test]
async fn an_abandoned_job_fails_and_gives_its_quota_unit_back_in_one_step() {
    let stack = stack().await;
    let day = UtcDay::containing(NOW);
    let ws = WorkspaceId::parse("ws-abandon").unwrap();
    let (dead, live, kept) = (
        job("ws-abandon", NOW),
        job("ws-abandon", NOW),
        job("ws-abandon", NOW),
    );
    for j in [&dead, &live, &kept] {
        stack.store.create_job(j, day, 50, None).await.unwrap();
    }
    let later = NOW + time::Duration::minutes(5);
    // `dead` was claimed by a worker whose lease ran out; `live` is held right now.
    stack
        .store
        .claim_job(
            dead.job_id,
            NOW,
            UnixMillis::from_millis(unix_ms(NOW) + 1_000),
            false,
        )
        .await
        .unwrap();
    stack
        .store
        .claim_job(
            live.job_id,
            later,
            UnixMillis::from_millis(unix_ms(later) + 60_000),
            false,
        )
        .await
        .unwrap();

    // The sparse index holds processing jobs only; the lapsed one is found.
    let mut expired = Vec::new();
    for _ in 0..50 {
        expired = stack.store.expired_leases(later, 100).await.unwrap();
        if !expired.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(expired, vec![dead.job_id]);

    let seen_dead = stack.store.get_job(dead.job_id).await.unwrap().unwrap();
    let seen_live = stack.store.get_job(live.job_id).await.unwrap().unwrap();
    // A live lease is never abandoned.
    assert!(matches!(
        stack.store.abandon_job(&seen_live, "x", later).await,
        Err(StoreError::Conflict)
    ));
    stack
        .store
        .abandon_job(&seen_dead, "The worker stopped.", later)
        .await
        .unwrap();
    let ended = stack.store.get_job(dead.job_id).await.unwrap().unwrap();
    assert_eq!(ended.status(), JobStatus::Failed);
    assert_eq!(ended.error(), Some("The worker stopped."));
    assert_eq!(ended.lease_expires_at(), None);
    assert_eq!(stack.store.quota_used(&ws, day).await.unwrap(), 2);
    // Only once: a second reaper (or a retry) changes nothing and gives nothing back.
    assert!(matches!(
        stack.store.abandon_job(&seen_dead, "x", later).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(stack.store.quota_used(&ws, day).await.unwrap(), 2);
    // Read before a takeover: the later claim wins.
    let seen_kept = stack.store.get_job(kept.job_id).await.unwrap().unwrap();
    stack
        .store
        .claim_job(
            kept.job_id,
            later,
            UnixMillis::from_millis(unix_ms(later) + 60_000),
            false,
        )
        .await
        .unwrap();
    assert!(matches!(
        stack.store.abandon_job(&seen_kept, "x", later).await,
        Err(StoreError::Conflict)
    ));
    assert_eq!(stack.store.quota_used(&ws, day).await.unwrap(), 2);
}

#[tokio::test]
async fn an_abandoned_job_still_ends_when_its_days_counter_is_gone() {
    let stack = stack().await;
    let day = UtcDay::containing(NOW);
    let j = job("ws-nocounter", NOW);
    stack.store.create_job(&j, day, 50, None).await.unwrap();
    // The counter already went back to zero (e.g. given back by hand).
    stack
        .store
        .release_quota(&j.workspace_id, day)
        .await
        .unwrap();
    let seen = stack.store.get_job(j.job_id).await.unwrap().unwrap();
    stack
        .store
        .abandon_job(&seen, "stopped", NOW)
        .await
        .unwrap();
    assert_eq!(
        stack
            .store
            .get_job(j.job_id)
            .await
            .unwrap()
            .unwrap()
            .status(),
        JobStatus::Failed
    );
    assert_eq!(
        stack.store.quota_used(&j.workspace_id, day).await.unwrap(),
        0
    );
}
