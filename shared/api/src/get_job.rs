//! `GET /agent-builder/{job_id}`: the caller's own job, or 404.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, RequestExt, Response};
use std::sync::Arc;

use super::auth::authenticate;
use super::envelope;
use super::ApiError;
use crate::domain::JobId;
use crate::store::{AgentStore, ApiKeyStore, JobStore};
pub use agent_builder_core::job_view::public_job_record;

/// What the status function needs: it answers both `GET /agent-builder/{job_id}` and
/// `GET /agents/{agent_id}`.
pub struct GetJobDeps {
    pub jobs: Arc<dyn JobStore>,
    pub agents: Arc<dyn AgentStore>,
    pub api_keys: Arc<dyn ApiKeyStore>,
}

const NOT_FOUND: ApiError = ApiError::NotFound("Job not found");

pub async fn get_job(deps: &GetJobDeps, req: Request) -> Response<Body> {
    match get(deps, &req).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn get(deps: &GetJobDeps, req: &Request) -> Result<Response<Body>, ApiError> {
    let workspace = authenticate(deps.api_keys.as_ref(), req.headers()).await?;
    let job_id = path_job_id(req).ok_or(NOT_FOUND)?;
    let job = deps.jobs.get_job(job_id).await?.ok_or(NOT_FOUND)?;
    // Another workspace's job is indistinguishable from one that does not exist.
    if job.workspace_id != workspace {
        return Err(NOT_FOUND);
    }
    Ok(envelope::success(
        StatusCode::OK,
        "Agent builder job retrieved",
        public_job_record(&job),
    ))
}

fn path_job_id(req: &Request) -> Option<JobId> {
    JobId::parse(&path_param(req, "job_id")?)
}

/// A path parameter as API Gateway passes it, else the last path segment (for invocations that
/// carry only a raw path).
pub(super) fn path_param(req: &Request, name: &str) -> Option<String> {
    let params = req.path_parameters();
    match params.first(name) {
        Some(raw) => Some(raw.to_owned()),
        None => req
            .uri()
            .path()
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .map(str::to_owned),
    }
}
