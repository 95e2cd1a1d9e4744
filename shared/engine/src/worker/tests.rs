//! The worker end to end over the in-memory adapters: messages in, jobs run, the queue answered.

use super::*;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::FixedClock;
use crate::crawl::FetchError;
use crate::crawl::{CrawlSettings, Crawler, FetchedPage, Fetcher};
use crate::domain::progress::Stage;
use crate::domain::NetworkPolicy;
use crate::domain::{Agent, Job, JobId, SiteUrl};
use crate::domain::{AgentConfig, JobStatus, UtcDay, WorkspaceId};
use crate::events::MemoryEvents;
use crate::generate::{GenerateError, GenerationInput, Generator, TemplateGenerator};
use crate::metrics::MemoryMetrics;
use crate::metrics::Metric;
use crate::pipeline::Pipeline;
use crate::queue::memory::MemoryQueue;
use crate::queue::JobMessage;
use crate::store::memory::MemoryStore;
use crate::store::AgentStore;
use crate::store::{ClaimOutcome, JobStore, StoreError};
use crate::webhooks::HttpWebhookSender;
use agent_builder_core::time::{Deadline, UnixMillis};
use async_trait::async_trait;
use aws_lambda_events::sqs::{SqsEvent, SqsMessage};
use time::macros::datetime;
use url::Url;

const NOW: time::OffsetDateTime = datetime!(2026-11-29 12:00:00 UTC);
const NOW_MS: i64 = 1_795_953_600_000; // NOW in Unix ms

struct StaticSite(&'static str);

#[async_trait]
impl Fetcher for StaticSite {
    /// The home page; everything else is 404.
    async fn fetch_capped(&self, url: &Url, _: Option<usize>) -> Result<FetchedPage, FetchError> {
        let home = url.path() == "/";
        Ok(FetchedPage {
            url: url.clone(),
            status: if home { 200 } else { 404 },
            content_type: Some("text/html".into()),
            text: if home {
                self.0.to_owned()
            } else {
                String::new()
            },
            body: Vec::new(),
            bytes: self.0.len(),
            truncated: false,
            retry_after: None,
        })
    }
}

/// A language model that is down.
struct Unavailable;

#[async_trait]
impl Generator for Unavailable {
    async fn generate(&self, _: &GenerationInput) -> Result<AgentConfig, GenerateError> {
        Err(GenerateError::Unavailable("503 from the model".into()))
    }
}

fn deps(store: Arc<MemoryStore>, generator: Arc<dyn Generator>) -> WorkerDeps {
    WorkerDeps {
        jobs: store.clone(),
        pipeline: Pipeline::new(
            Arc::new(Crawler::new(
                Arc::new(StaticSite("<title>Acme Plumbing</title>")),
                CrawlSettings::default(),
            )),
            generator,
        ),
        clock: Arc::new(FixedClock::new(NOW)),
        metrics: Arc::new(MemoryMetrics::default()),
        events: Arc::new(MemoryEvents::default()),
        workspaces: store.clone(),
        webhooks: Arc::new(HttpWebhookSender::new(NetworkPolicy::Public, "test").unwrap()),
        redelivery: Arc::new(MemoryQueue::new()),
        settings: WorkerSettings::default(),
    }
}

async fn queued_job(store: &MemoryStore) -> JobId {
    let job = Job::new_queued(
        JobId::new(),
        WorkspaceId::parse("ws").unwrap(),
        Some(SiteUrl::parse("https://acme-plumbing.com/", NetworkPolicy::Public).unwrap()),
        None,
        NOW,
        30,
    );
    store
        .create_job(&job, UtcDay::containing(NOW), 50, None)
        .await
        .unwrap();
    job.job_id
}

fn message(body: &str, receive_count: u32) -> SqsMessage {
    let mut m = SqsMessage::default();
    m.message_id = Some(format!("m-{receive_count}-{}", body.len()));
    m.receipt_handle = Some(format!("rh-{receive_count}"));
    m.body = Some(body.to_owned());
    m.attributes
        .insert("ApproximateReceiveCount".into(), receive_count.to_string());
    m
}

fn deadline(unix_ms: i64) -> Deadline {
    Deadline::at(UnixMillis::from_millis(unix_ms))
}

fn body(job_id: JobId) -> String {
    JobMessage::for_job(job_id).to_body()
}

#[test]
fn now_ms_is_now() {
    assert_eq!(NOW.unix_timestamp() * 1000, NOW_MS);
}

#[tokio::test]
async fn a_message_completes_its_job_with_the_fixed_agent_id() {
    let store = Arc::new(MemoryStore::new());
    let d = deps(store.clone(), Arc::new(TemplateGenerator::new("v")));
    let id = queued_job(&store).await;
    let outcome = handle_message(&d, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
    assert_eq!(outcome, MessageOutcome::Completed);
    let job = store.get_job(id).await.unwrap().unwrap();
    assert_eq!(job.status(), JobStatus::Completed);
    assert_eq!(job.agent_id(), Some(id.agent_id()));
    let agent = store.get_agent(id.agent_id()).await.unwrap().unwrap();
    assert_eq!(agent.config.name, "Acme Plumbing");
    // The last stage recorded before completion.
    assert_eq!(job.progress.unwrap().stage, Stage::CreatingAgent);

    // A duplicate delivery is acknowledged and creates nothing.
    let again = handle_message(&d, &message(&body(id), 2), deadline(NOW_MS + 180_000)).await;
    assert_eq!(again, MessageOutcome::Skipped);
    assert_eq!(store.agent_count(), 1);
}

/// A generator that takes five seconds.
struct Slow;

#[async_trait]
impl Generator for Slow {
    async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError> {
        tokio::time::sleep(Duration::from_secs(5)).await;
        TemplateGenerator::new("v").generate(input).await
    }
}

#[tokio::test(start_paused = true)]
async fn a_deadline_already_past_at_the_start_is_unknown_and_the_job_gets_the_fallback_budget() {
    let store = Arc::new(MemoryStore::new());
    let d = deps(store.clone(), Arc::new(Slow));
    // `cargo lambda watch` sends 600,000 ms: ten minutes after 1970.
    let unknown = d.deadline(600_000);
    assert_eq!(
        unknown.instant(),
        UnixMillis::from_millis(NOW_MS) + d.settings.unknown_deadline_budget
    );
    // A real deadline is kept as it is.
    assert_eq!(
        d.deadline((NOW_MS + 5_000) as u64).instant(),
        UnixMillis::from_millis(NOW_MS + 5_000)
    );
    // Taken at its word, the 1970 deadline left one second for a five-second generation,
    // and a lease that had lapsed before the claim.
    let id = queued_job(&store).await;
    let outcome = handle_message(&d, &message(&body(id), 3), unknown).await;
    assert_eq!(outcome, MessageOutcome::Completed);
    let job = store.get_job(id).await.unwrap().unwrap();
    assert_eq!(job.status(), JobStatus::Completed);

    // A deadline that really is that close still ends the job (out of time: the crawl
    // gets none of it).
    let id = queued_job(&store).await;
    let outcome = handle_message(&d, &message(&body(id), 3), deadline(NOW_MS + 1_000)).await;
    assert_eq!(outcome, MessageOutcome::Failed);
    assert_eq!(
        store.get_job(id).await.unwrap().unwrap().status(),
        JobStatus::Failed
    );
}

#[tokio::test]
async fn outcomes_are_counted_as_metrics() {
    let store = Arc::new(MemoryStore::new());
    let metrics = Arc::new(MemoryMetrics::default());
    let ok = WorkerDeps {
        metrics: metrics.clone(),
        ..deps(store.clone(), Arc::new(TemplateGenerator::new("v")))
    };
    let id = queued_job(&store).await;
    handle_message(&ok, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
    let down = WorkerDeps {
        metrics: metrics.clone(),
        ..deps(store.clone(), Arc::new(Unavailable))
    };
    let id = queued_job(&store).await;
    handle_message(&down, &message(&body(id), 3), deadline(NOW_MS + 180_000)).await;
    assert_eq!(metrics.total(Metric::JobsCompleted), 1.0);
    assert_eq!(metrics.total(Metric::JobsFailed), 1.0);
    assert_eq!(metrics.count(Metric::JobDurationMs), 2);
    assert_eq!(metrics.total(Metric::PagesFetched), 1.0);
}

#[tokio::test]
async fn terminal_transitions_are_published_as_events() {
    let store = Arc::new(MemoryStore::new());
    let events = Arc::new(MemoryEvents::default());
    let ok = WorkerDeps {
        events: events.clone(),
        ..deps(store.clone(), Arc::new(TemplateGenerator::new("v")))
    };
    let done = queued_job(&store).await;
    handle_message(&ok, &message(&body(done), 1), deadline(NOW_MS + 180_000)).await;
    let down = WorkerDeps {
        events: events.clone(),
        ..deps(store.clone(), Arc::new(Unavailable))
    };
    let failed = queued_job(&store).await;
    handle_message(
        &down,
        &message(&body(failed), 3),
        deadline(NOW_MS + 180_000),
    )
    .await;

    let published = events.0.lock().unwrap().clone();
    assert_eq!(published.len(), 2);
    assert_eq!(published[0].detail_type, "Agent Builder Job Completed");
    assert_eq!(published[0].detail["job_id"], done.to_string().as_str());
    assert_eq!(
        published[0].detail["agent_id"],
        done.agent_id().to_string().as_str()
    );
    assert_eq!(published[0].detail["workspace_id"], "ws");
    assert_eq!(published[0].detail["status"], "completed");
    assert_eq!(published[1].detail_type, "Agent Builder Job Failed");
    assert_eq!(published[1].detail["status"], "failed");
    assert!(published[1].detail["error"]
        .as_str()
        .unwrap()
        .contains("language model"));
    // The event's record is the one GET shows.
    let stored = store.get_job(done).await.unwrap().unwrap();
    let mut expected = crate::job_view::public_job_record(&stored);
    expected["workspace_id"] = "ws".into();
    assert_eq!(published[0].detail, expected);
}

#[tokio::test]
async fn unreadable_and_unknown_messages_are_acknowledged_not_retried() {
    let store = Arc::new(MemoryStore::new());
    let d = deps(store.clone(), Arc::new(TemplateGenerator::new("v")));
    for raw in ["", "garbage", r#"{"job_id": 5}"#, r#"{"job_id":"nope"}"#] {
        assert_eq!(
            handle_message(&d, &message(raw, 1), deadline(NOW_MS)).await,
            MessageOutcome::Skipped,
            "{raw}"
        );
    }
    let unknown = body(JobId::new());
    assert_eq!(
        handle_message(&d, &message(&unknown, 1), deadline(NOW_MS)).await,
        MessageOutcome::Skipped
    );
}

#[tokio::test]
async fn a_transient_failure_is_retried_until_the_last_attempt_then_fails_the_job() {
    let store = Arc::new(MemoryStore::new());
    let queue = Arc::new(MemoryQueue::new());
    let d = WorkerDeps {
        redelivery: queue.clone(),
        ..deps(store.clone(), Arc::new(Unavailable))
    };
    let id = queued_job(&store).await;

    let first = handle_message(&d, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
    assert_eq!(first, MessageOutcome::Retry);
    let job = store.get_job(id).await.unwrap().unwrap();
    assert_eq!(job.status(), JobStatus::Processing);
    // The lease is given up, so the redelivery can take the job over at once.
    assert!(job.lease_expires_at().unwrap() < UnixMillis::from_millis(NOW_MS));

    let second = handle_message(&d, &message(&body(id), 2), deadline(NOW_MS + 180_000)).await;
    assert_eq!(second, MessageOutcome::Retry);
    assert_eq!(store.get_job(id).await.unwrap().unwrap().attempts, 2);
    // Each retry comes back after a short backoff, not the 18-minute visibility timeout.
    assert_eq!(
        queue.delays(),
        vec![
            ("rh-1".to_owned(), Duration::from_secs(30)),
            ("rh-2".to_owned(), Duration::from_secs(120))
        ]
    );

    // The last allowed receive: the job ends failed.
    let last = handle_message(&d, &message(&body(id), 3), deadline(NOW_MS + 180_000)).await;
    assert_eq!(last, MessageOutcome::Failed);
    let job = store.get_job(id).await.unwrap().unwrap();
    assert_eq!(job.status(), JobStatus::Failed);
    assert_eq!(
        job.error(),
        Some("Could not generate the agent: the language model is unavailable")
    );
    assert_eq!(store.agent_count(), 0);
    assert_eq!(queue.delays().len(), 2, "a final outcome is not retried");
}

#[tokio::test]
async fn a_delivery_during_another_workers_lease_comes_back_after_the_lease() {
    let store = Arc::new(MemoryStore::new());
    let queue = Arc::new(MemoryQueue::new());
    let d = WorkerDeps {
        redelivery: queue.clone(),
        ..deps(store.clone(), Arc::new(TemplateGenerator::new("v")))
    };
    let id = queued_job(&store).await;
    // Another worker holds the job for ten more minutes.
    store
        .claim_job(id, NOW, UnixMillis::from_millis(NOW_MS + 600_000), false)
        .await
        .unwrap();
    let busy = handle_message(&d, &message(&body(id), 1), deadline(NOW_MS + 180_000)).await;
    assert_eq!(busy, MessageOutcome::Retry);
    assert_eq!(
        queue.delays(),
        vec![("rh-1".to_owned(), Duration::from_secs(601))]
    );
}

#[tokio::test]
async fn a_stale_worker_cannot_end_a_job_taken_over_by_another() {
    let store = Arc::new(MemoryStore::new());
    let id = queued_job(&store).await;
    let first = match store
        .claim_job(id, NOW, UnixMillis::from_millis(NOW_MS - 1), false)
        .await
        .unwrap()
    {
        ClaimOutcome::Claimed(job) => job,
        other => panic!("{other:?}"),
    };
    // Its lease lapsed; a redelivery took the job over.
    let second = match store
        .claim_job(id, NOW, UnixMillis::from_millis(NOW_MS + 60_000), false)
        .await
        .unwrap()
    {
        ClaimOutcome::Claimed(job) => job,
        other => panic!("{other:?}"),
    };
    assert_eq!((first.attempts, second.attempts), (1, 2));
    let agent = Agent {
        agent_id: id.agent_id(),
        workspace_id: first.workspace_id.clone(),
        job_id: id,
        config: TemplateGenerator::new("v").build(&GenerationInput::default()),
        created_at: NOW,
    };
    assert!(matches!(
        store.complete_job(id, 1, &agent, &[], NOW).await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        store.fail_job(id, 1, "stale", NOW).await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        store.release_job(id, 1, NOW).await,
        Err(StoreError::Conflict)
    ));
    store.complete_job(id, 2, &agent, &[], NOW).await.unwrap();
    assert_eq!(
        store.get_job(id).await.unwrap().unwrap().status(),
        JobStatus::Completed
    );
}

/// A generator that panics for one job's instructions.
struct PanicsOn(&'static str);

#[async_trait]
impl Generator for PanicsOn {
    async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError> {
        if input
            .instructions
            .as_ref()
            .is_some_and(|i| i.as_str() == self.0)
        {
            panic!("generator bug");
        }
        TemplateGenerator::new("v").generate(input).await
    }
}

#[tokio::test]
async fn a_panic_fails_only_its_own_message_of_the_batch() {
    let store = Arc::new(MemoryStore::new());
    let d = deps(store.clone(), Arc::new(PanicsOn("boom")));
    let ws = WorkspaceId::parse("ws").unwrap();
    let mut ids = Vec::new();
    for text in ["boom", "Book appointments", "Answer questions"] {
        let job = Job::new_queued(JobId::new(), ws.clone(), None, Some(text.into()), NOW, 30);
        store
            .create_job(&job, UtcDay::containing(NOW), 50, None)
            .await
            .unwrap();
        ids.push(job.job_id);
    }
    let mut event = SqsEvent::default();
    event.records = ids.iter().map(|id| message(&body(*id), 1)).collect();
    for (i, record) in event.records.iter_mut().enumerate() {
        record.message_id = Some(format!("m{i}"));
    }
    let response = handle_batch(&d, event, deadline(NOW_MS + 180_000)).await;
    let failed: Vec<_> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_str())
        .collect();
    assert_eq!(failed, vec!["m0"]);
    for id in &ids[1..] {
        assert_eq!(
            store.get_job(*id).await.unwrap().unwrap().status(),
            JobStatus::Completed
        );
    }
}

#[tokio::test]
async fn batch_reports_only_messages_to_redeliver() {
    let store = Arc::new(MemoryStore::new());
    let ok = deps(store.clone(), Arc::new(TemplateGenerator::new("v")));
    let id = queued_job(&store).await;
    let mut event = SqsEvent::default();
    event.records = vec![message(&body(id), 1), message("garbage", 1)];
    let response = handle_batch(&ok, event, deadline(NOW_MS + 180_000)).await;
    assert!(response.batch_item_failures.is_empty());

    let failing = deps(store.clone(), Arc::new(Unavailable));
    let id = queued_job(&store).await;
    let mut event = SqsEvent::default();
    let retry = message(&body(id), 1);
    event.records = vec![retry.clone()];
    let response = handle_batch(&failing, event, deadline(NOW_MS + 180_000)).await;
    let ids: Vec<_> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.clone())
        .collect();
    assert_eq!(ids, vec![retry.message_id.unwrap()]);
}

/// The service on its own, without a queue: what each case of running a job comes to.
#[tokio::test]
async fn run_job_runs_a_job_given_its_id_and_deadline() {
    let store = Arc::new(MemoryStore::new());
    let d = deps(store.clone(), Arc::new(TemplateGenerator::new("v")));
    let end = deadline(NOW_MS + 180_000);

    assert_eq!(run_job(&d, JobId::new(), false, end).await, JobRun::Skipped);

    let held = queued_job(&store).await;
    let lease = UnixMillis::from_millis(NOW_MS + 600_000);
    store.claim_job(held, NOW, lease, false).await.unwrap();
    assert_eq!(
        run_job(&d, held, false, end).await,
        JobRun::Retry {
            busy_until: Some(lease)
        }
    );

    let id = queued_job(&store).await;
    assert_eq!(run_job(&d, id, false, end).await, JobRun::Completed);
    let job = store.get_job(id).await.unwrap().unwrap();
    assert_eq!(job.agent_id(), Some(id.agent_id()));
    // One claim, by this run.
    assert_eq!(job.attempts, 1);
    assert_eq!(run_job(&d, id, false, end).await, JobRun::Skipped);

    // A transient failure on the last delivery ends the job instead of retrying it.
    let failing = deps(store.clone(), Arc::new(Unavailable));
    let id = queued_job(&store).await;
    assert_eq!(
        run_job(&failing, id, false, end).await,
        JobRun::Retry { busy_until: None }
    );
    assert_eq!(
        store.get_job(id).await.unwrap().unwrap().status(),
        JobStatus::Processing
    );
    assert_eq!(run_job(&failing, id, true, end).await, JobRun::Failed);
    assert_eq!(
        store.get_job(id).await.unwrap().unwrap().status(),
        JobStatus::Failed
    );
}
