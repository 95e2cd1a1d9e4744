//! `POST /agent-builder`: authenticate, parse the request into a [`SubmitJob`], hand it to the
//! `submit_job` service (which holds the rules: quota, idempotency, enqueue and the give-back),
//! and answer with its outcome.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde_json::json;
use std::sync::Arc;

use super::auth::authenticate;
use super::envelope::{self, insert_header};
use super::request::parse_create_job;
use super::ApiError;
use crate::clock::Clock;
use crate::domain::idempotency::{IdempotencyKey, InvalidIdempotencyKey};
use crate::domain::NetworkPolicy;
use crate::metrics::Metrics;
use crate::queue::JobQueue;
use crate::store::{ApiKeyStore, IdempotencyStore, JobStore, QuotaStore};
use agent_builder_core::service::{submit_job, SubmitJob, SubmitPorts, SubmitSettings, Submitted};
use lambda_http::http::HeaderMap;

pub use agent_builder_core::service::submit_job::NOT_QUEUED_ERROR;

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

impl CreateJobDeps {
    fn ports(&self) -> SubmitPorts<'_> {
        SubmitPorts {
            jobs: self.jobs.as_ref(),
            quota: self.quota.as_ref(),
            idempotency: self.idempotency.as_ref(),
            queue: self.queue.as_ref(),
            clock: self.clock.as_ref(),
            metrics: self.metrics.as_ref(),
        }
    }
}

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
    let request = SubmitJob {
        workspace,
        website_url: command.website_url,
        instructions: command.instructions,
        callback_url: command.callback_url,
        idempotency_key: idempotency_key(req.headers())?,
    };
    let settings = SubmitSettings {
        daily_job_limit: deps.settings.daily_job_limit,
        job_ttl_days: deps.settings.job_ttl_days,
    };
    Ok(match submit_job(deps.ports(), &settings, request).await? {
        Submitted::Created { job_id, usage, day } => {
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
            response
        }
        Submitted::Replayed { job_id, status } => {
            let mut response = envelope::success(
                StatusCode::OK,
                "Agent builder job created",
                json!({ "job_id": job_id.to_string(), "status": status.as_str() }),
            );
            let headers = response.headers_mut();
            insert_header(headers, "location", format!("/agent-builder/{job_id}"));
            insert_header(headers, "idempotent-replayed", "true".to_owned());
            response
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::domain::{ApiKey, ApiKeyRecord, UtcDay, WorkspaceId};
    use crate::metrics::{MemoryMetrics, Metric};
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
