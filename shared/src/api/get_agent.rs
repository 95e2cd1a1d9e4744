//! `GET /agents/{agent_id}`: an agent in the caller's workspace, so it can be reviewed after its
//! job completed; another workspace's agent is 404.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde_json::{json, Value};

use super::auth::authenticate;
use super::envelope;
use super::get_job::{path_param, GetJobDeps};
use super::ApiError;
use crate::domain::{Agent, AgentId};

const NOT_FOUND: ApiError = ApiError::NotFound("Agent not found");

pub async fn get_agent(deps: &GetJobDeps, req: Request) -> Response<Body> {
    match get(deps, &req).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn get(deps: &GetJobDeps, req: &Request) -> Result<Response<Body>, ApiError> {
    let workspace = authenticate(deps.api_keys.as_ref(), req.headers()).await?;
    let agent_id = path_param(req, "agent_id")
        .and_then(|raw| AgentId::parse(&raw))
        .ok_or(NOT_FOUND)?;
    let agent = deps.agents.get_agent(agent_id).await?.ok_or(NOT_FOUND)?;
    if agent.workspace_id != workspace {
        return Err(NOT_FOUND);
    }
    Ok(envelope::success(
        StatusCode::OK,
        "Agent retrieved",
        public_agent(&agent),
    ))
}

/// The agent as callers see it (the workspace is implied by the key).
pub fn public_agent(agent: &Agent) -> Value {
    let c = &agent.config;
    json!({
        "agent_id": agent.agent_id.to_string(),
        "job_id": agent.job_id.to_string(),
        "name": c.name,
        "personality": c.personality,
        "goals": c.goals,
        "guardrails": c.guardrails,
        "tone": c.tone.as_str(),
        "greeting": c.greeting,
        "voice": c.voice,
        "created_at": crate::clock::timestamp(agent.created_at),
    })
}
