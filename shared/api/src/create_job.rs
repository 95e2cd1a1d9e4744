//! `POST /agent-builder`: validate, take a quota unit and store the job atomically, enqueue.

use backon::{ExponentialBuilder, Retryable};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

use super::auth::authenticate;
use super::envelope::{self, insert_header};
use super::request::parse_create_job;
use super::ApiError;
use crate::clock::Clock;
use crate::domain::idempotency::{
    request_hash, IdempotencyClaim, IdempotencyKey, InvalidIdempotencyKey, IDEMPOTENCY_TTL_SECS,
};
use crate::domain::{Job, JobId, NetworkPolicy, UtcDay};
use crate::metrics::{Metric, Metrics};
use crate::queue::JobQueue;
use crate::store::{ApiKeyStore, IdempotencyStore, JobStore, QuotaStore, StoreError};
use lambda_http::http::HeaderMap;

#[derive(Debug, Clone)]
pub struct CreateJobSettings {
    pub daily_job_limit: u32,
    pub job_ttl_days: u32,
    pub network_policy: NetworkPolicy,
}

pub struct CreateJobDeps {
    pub jobs: Arc<dyn JobStore>,
    pub quota: Arc<dyn QuotaStore>,
    pub api_keys: Arc<dyn ApiKeyStore>,
    pub idempotency: Arc<dyn IdempotencyStore>,
    pub queue: Arc<dyn JobQueue>,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<dyn Metrics>,
    pub settings: CreateJobSettings,
}

/// What the caller sees when the queue refused the job after it was stored.
pub const NOT_QUEUED_ERROR: &str =
    "The job could not be queued and was not run; it did not count against your daily quota. Please submit it again.";

pub async fn create_job(deps: &CreateJobDeps, req: Request) -> Response<Body> {
    match create(deps, &req).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn create(deps: &CreateJobDeps, req: &Request) -> Result<Response<Body>, ApiError> {
    let workspace = authenticate(deps.api_keys.as_ref(), req.headers()).await?;
    let command = parse_create_job(
        req.headers(),
        req.body().as_ref(),
        deps.settings.network_policy,
    )?;
    let now = deps.clock.now();
    let idempotency = idempotency_key(req.headers())?.map(|key| IdempotencyClaim {
        workspace_id: workspace.clone(),
        key,
        request_hash: request_hash(
            command.website_url.as_ref(),
            command.instructions.as_ref(),
            command.callback_url.as_ref(),
        ),
        expires_at: now.unix_timestamp() + IDEMPOTENCY_TTL_SECS,
    });
    let day = UtcDay::containing(now);
    let limit = deps.settings.daily_job_limit;
    let job = Job::new_queued(
        JobId::new(),
        workspace.clone(),
        command.website_url,
        command.instructions.map(|i| i.as_str().to_owned()),
        now,
        deps.settings.job_ttl_days,
    );
    let job = Job {
        callback_url: command.callback_url,
        ..job
    };
    let job_id = job.job_id;
    let span = tracing::info_span!("create_job", %job_id, workspace_id = %workspace);
    async move {
        let usage = match deps
            .jobs
            .create_job(&job, day, limit, idempotency.as_ref())
            .await
        {
            Ok(usage) => usage,
            Err(StoreError::QuotaExceeded) => {
                deps.metrics.record(&[(Metric::QuotaRejected, 1.0)]);
                return Err(ApiError::RateLimited {
                    limit,
                    reset_at: day.next_midnight().unix_timestamp(),
                    retry_after_secs: day.seconds_until_reset(now),
                });
            }
            Err(StoreError::DuplicateRequest) => {
                let claim = idempotency
                    .as_ref()
                    .expect("only keyed requests are duplicates");
                return replay(deps, claim, now).await;
            }
            Err(err) => return Err(err.into()),
        };
        if let Err(send_error) = deps.queue.enqueue(job_id).await {
            give_back(deps, &job, day, idempotency.as_ref()).await;
            return Err(ApiError::Unavailable(Box::new(send_error)));
        }
        tracing::info!(quota_used = usage.used, "job queued");
        deps.metrics.record(&[(Metric::JobsCreated, 1.0)]);
        let mut response = envelope::success(
            StatusCode::CREATED,
            "Agent builder job created",
            json!({ "job_id": job_id.to_string(), "status": "queued" }),
        );
        let headers = response.headers_mut();
        insert_header(headers, "location", format!("/agent-builder/{job_id}"));
        insert_header(headers, "x-ratelimit-limit", usage.limit.to_string());
        insert_header(
            headers,
            "x-ratelimit-remaining",
            usage.remaining().to_string(),
        );
        insert_header(
            headers,
            "x-ratelimit-reset",
            day.next_midnight().unix_timestamp().to_string(),
        );
        Ok(response)
    }
    .instrument(span)
    .await
}

/// `Idempotency-Key`, when sent once and well-formed.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<IdempotencyKey>, ApiError> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(ApiError::bad_request(
            "Send at most one Idempotency-Key header",
        ));
    }
    let raw = value
        .to_str()
        .map_err(|_| ApiError::bad_request(InvalidIdempotencyKey.to_string()))?;
    IdempotencyKey::parse(raw)
        .map(Some)
        .map_err(|e| ApiError::bad_request(e.to_string()))
}

/// A keyed request seen before: the same request gets the original job back (200), another
/// request under the same key is refused (422). Nothing is created and no quota is used.
async fn replay(
    deps: &CreateJobDeps,
    claim: &IdempotencyClaim,
    now: time::OffsetDateTime,
) -> Result<Response<Body>, ApiError> {
    let record = deps
        .idempotency
        .find_idempotency(&claim.workspace_id, &claim.key, now)
        .await?
        // Gone between the write and this read (expired or given back): ask for a retry.
        .ok_or_else(|| ApiError::Unavailable("idempotency record vanished".into()))?;
    if record.request_hash != claim.request_hash {
        return Err(ApiError::Unprocessable(
            "This Idempotency-Key was already used with a different request".to_owned(),
        ));
    }
    let job = deps
        .jobs
        .get_job(record.job_id)
        .await?
        .ok_or_else(|| ApiError::Unavailable("idempotent job not yet readable".into()))?;
    tracing::info!(job_id = %job.job_id, "idempotent replay");
    let mut response = envelope::success(
        StatusCode::OK,
        "Agent builder job created",
        json!({ "job_id": job.job_id.to_string(), "status": job.status().as_str() }),
    );
    let headers = response.headers_mut();
    insert_header(
        headers,
        "location",
        format!("/agent-builder/{}", job.job_id),
    );
    insert_header(headers, "idempotent-replayed", "true".to_owned());
    Ok(response)
}

/// The queue refused the message: end the job `failed` (so nothing waits on it) and return the
/// quota unit. Both steps retry transient errors; what still fails is logged loudly.
async fn give_back(
    deps: &CreateJobDeps,
    job: &Job,
    day: UtcDay,
    idempotency: Option<&IdempotencyClaim>,
) {
    let backoff = ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(50))
        .with_max_times(3)
        .with_jitter();
    let now = deps.clock.now();
    let failed = (|| deps.jobs.fail_job(job.job_id, 0, NOT_QUEUED_ERROR, now))
        .retry(backoff)
        .when(StoreError::is_retryable)
        .await;
    if let Err(err) = failed {
        tracing::error!(error = %super::error::error_chain(&err), "could not mark the unqueued job failed");
    }
    let released = (|| deps.quota.release_quota(&job.workspace_id, day))
        .retry(backoff)
        .when(StoreError::is_retryable)
        .await;
    if let Err(err) = released {
        tracing::error!(error = %super::error::error_chain(&err), "could not give back the quota unit");
    }
    if let Some(claim) = idempotency {
        let forgotten = (|| {
            deps.idempotency
                .forget_idempotency(&claim.workspace_id, &claim.key)
        })
        .retry(backoff)
        .when(StoreError::is_retryable)
        .await;
        if let Err(err) = forgotten {
            tracing::error!(error = %super::error::error_chain(&err), "could not forget the idempotency key");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::domain::{ApiKey, ApiKeyRecord, WorkspaceId};
    use crate::metrics::MemoryMetrics;
    use crate::queue::memory::MemoryQueue;
    use crate::store::memory::MemoryStore;

    async fn deps(
        limit: u32,
    ) -> (
        CreateJobDeps,
        Arc<MemoryStore>,
        Arc<MemoryQueue>,
        Arc<MemoryMetrics>,
        String,
    ) {
        let store = Arc::new(MemoryStore::new());
        let key = ApiKey::generate();
        store
            .put_api_key(&ApiKeyRecord {
                key_hash: key.hash(),
                workspace_id: WorkspaceId::parse("ws").unwrap(),
                label: String::new(),
                revoked: false,
                created_at: time::OffsetDateTime::now_utc(),
            })
            .await
            .unwrap();
        let queue = Arc::new(MemoryQueue::new());
        let metrics = Arc::new(MemoryMetrics::default());
        let deps = CreateJobDeps {
            jobs: store.clone(),
            quota: store.clone(),
            api_keys: store.clone(),
            idempotency: store.clone(),
            queue: queue.clone(),
            clock: Arc::new(SystemClock),
            metrics: metrics.clone(),
            settings: CreateJobSettings {
                daily_job_limit: limit,
                job_ttl_days: 30,
                network_policy: NetworkPolicy::Public,
            },
        };
        (deps, store, queue, metrics, key.reveal().to_owned())
    }

    fn request(key: &str) -> Request {
        lambda_http::http::Request::builder()
            .method("POST")
            .uri("/agent-builder")
            .header("authorization", format!("Bearer {key}"))
            .body(Body::Text(r#"{"instructions":"Take bookings"}"#.to_owned()))
            .unwrap()
    }

    #[tokio::test]
    async fn created_and_rejected_jobs_are_counted() {
        let (deps, _, queue, metrics, key) = deps(1).await;
        assert_eq!(create_job(&deps, request(&key)).await.status(), 201);
        assert_eq!(create_job(&deps, request(&key)).await.status(), 429);
        assert_eq!(queue.sent().len(), 1);
        assert_eq!(metrics.total(Metric::JobsCreated), 1.0);
        assert_eq!(metrics.total(Metric::QuotaRejected), 1.0);
    }

    #[tokio::test]
    async fn a_refused_message_fails_the_job_and_returns_the_unit() {
        let (deps, store, queue, metrics, key) = deps(5).await;
        queue.set_failing(true);
        let response = create_job(&deps, request(&key)).await;
        assert_eq!(response.status(), 503);
        let day = UtcDay::containing(time::OffsetDateTime::now_utc());
        assert_eq!(
            store
                .quota_used(&WorkspaceId::parse("ws").unwrap(), day)
                .await
                .unwrap(),
            0
        );
        assert_eq!(store.job_count(), 1);
        assert_eq!(metrics.count(Metric::JobsCreated), 0);
    }
}
