//! `GET /agents/{agent_id}`: an agent in the caller's workspace (the `read_agent` service), so it
//! can be reviewed after its job completed; another workspace's agent is 404.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde_json::{json, Value};

use super::auth::authenticate;
use super::envelope;
use super::get_job::{path_param, GetJobDeps};
use super::ApiError;
use crate::domain::{Agent, AgentId};
use agent_builder_core::service::read_job::{read_agent, AGENT_NOT_FOUND};

const NOT_FOUND: ApiError = ApiError::NotFound(AGENT_NOT_FOUND);

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
    let agent = read_agent(deps.agents.as_ref(), &workspace, agent_id).await?;
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
        "language": c.language,
        "system_prompt": c.system_prompt,
        "knowledge": c.knowledge,
        "metadata": c.metadata,
        "created_at": crate::clock::timestamp(agent.created_at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgentConfig, Instructions, JobId, WorkspaceId};
    use agent_builder_engine::generate::{GenerationInput, TemplateGenerator};

    /// The Agent schema of the project's openapi.yaml, with its references resolvable.
    fn agent_validator() -> jsonschema::Validator {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        let mut doc: Value = serde_yaml_ng::from_str(&text).unwrap();
        doc["$ref"] = json!("#/components/schemas/Agent");
        jsonschema::draft202012::new(&doc).unwrap()
    }

    fn agent(config: AgentConfig) -> Agent {
        let job_id = JobId::new();
        Agent {
            agent_id: job_id.agent_id(),
            workspace_id: WorkspaceId::parse("ws_1").unwrap(),
            job_id,
            config,
            created_at: time::macros::datetime!(2026-11-29 12:00 UTC),
        }
    }

    #[test]
    fn the_public_agent_matches_the_documented_schema() {
        let validator = agent_validator();
        let generated = TemplateGenerator::new("alloy").build(&GenerationInput {
            site: None,
            instructions: Instructions::parse("Answer calls for Bright Smile Dental.").unwrap(),
        });
        for config in [generated, AgentConfig::default()] {
            let body = public_agent(&agent(config));
            let errors: Vec<String> = validator
                .iter_errors(&body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{errors:?}\n{body:#}");
        }
        let mut wrong = public_agent(&agent(AgentConfig::default()));
        wrong["metadata"]["generator"] = json!("gpt");
        assert!(!validator.is_valid(&wrong));
    }
}
