//! The status function's router: one Lambda answers both read routes.

use lambda_http::{Body, Request, RequestExt, Response};

use super::get_agent::get_agent;
use super::get_job::{get_job, GetJobDeps};

/// `GET /agents/{agent_id}` when the route says so, else `GET /agent-builder/{job_id}`.
pub async fn status(deps: &GetJobDeps, req: Request) -> Response<Body> {
    let is_agent = req.path_parameters().first("agent_id").is_some()
        || req.uri().path().starts_with("/agents/");
    if is_agent {
        get_agent(deps, req).await
    } else {
        get_job(deps, req).await
    }
}
