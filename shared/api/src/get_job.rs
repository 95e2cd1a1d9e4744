//! `GET /agent-builder/{job_id}`: the caller's own job (the `read_job` service), or 404.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, RequestExt, Response};
use std::sync::Arc;

use super::auth::authenticate;
use super::envelope;
use super::ApiError;
use crate::domain::JobId;
use crate::store::{AgentStore, ApiKeyStore, JobStore};
pub use agent_builder_core::job_view::public_job_record;
use agent_builder_core::service::read_job::{read_job, JOB_NOT_FOUND};

/// What the status function needs: it answers both `GET /agent-builder/{job_id}` and
/// `GET /agents/{agent_id}`.
pub struct GetJobDeps {
    pub jobs: Arc<dyn JobStore>,
    pub agents: Arc<dyn AgentStore>,
    pub api_keys: Arc<dyn ApiKeyStore>,
}

const NOT_FOUND: ApiError = ApiError::NotFound(JOB_NOT_FOUND);

pub async fn get_job(deps: &GetJobDeps, req: Request) -> Response<Body> {
    match get(deps, &req).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn get(deps: &GetJobDeps, req: &Request) -> Result<Response<Body>, ApiError> {
    let workspace = authenticate(deps.api_keys.as_ref(), req.headers()).await?;
    let job_id = path_job_id(req).ok_or(NOT_FOUND)?;
    let view = read_job(deps.jobs.as_ref(), &workspace, job_id).await?;
    Ok(envelope::success(
        StatusCode::OK,
        "Agent builder job retrieved",
        view,
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
