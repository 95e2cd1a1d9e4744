//! The agents table.

use async_trait::async_trait;

use super::item::{get_s, get_str_list, get_ts, n, s, str_list, ts, Item};
use super::{backend, DynamoStore};
use crate::domain::{Agent, AgentConfig, AgentId, JobId, WorkspaceId};
use crate::store::{AgentStore, StoreError};

pub const AGENT_SCHEMA_VERSION: u32 = 1;

pub(super) fn agent_to_item(agent: &Agent) -> Item {
    let c = &agent.config;
    Item::from([
        ("agent_id".to_owned(), s(agent.agent_id.to_string())),
        ("workspace_id".to_owned(), s(agent.workspace_id.as_str())),
        ("job_id".to_owned(), s(agent.job_id.to_string())),
        ("name".to_owned(), s(c.name.as_str())),
        ("personality".to_owned(), s(c.personality.as_str())),
        ("goals".to_owned(), str_list(&c.goals)),
        ("guardrails".to_owned(), str_list(&c.guardrails)),
        ("tone".to_owned(), s(c.tone.as_str())),
        ("greeting".to_owned(), s(c.greeting.as_str())),
        ("voice".to_owned(), s(c.voice.as_str())),
        ("created_at".to_owned(), ts(agent.created_at)),
        ("schema_version".to_owned(), n(AGENT_SCHEMA_VERSION)),
    ])
}

pub(super) fn agent_from_item(item: &Item) -> Result<Agent, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt(what.to_owned());
    Ok(Agent {
        agent_id: AgentId::parse(get_s(item, "agent_id")?)
            .ok_or_else(|| corrupt("agent_id is not a UUID"))?,
        workspace_id: WorkspaceId::parse(get_s(item, "workspace_id")?)
            .map_err(|_| corrupt("workspace_id is invalid"))?,
        job_id: JobId::parse(get_s(item, "job_id")?)
            .ok_or_else(|| corrupt("job_id is not a UUID"))?,
        config: AgentConfig {
            name: get_s(item, "name")?.to_owned(),
            personality: get_s(item, "personality")?.to_owned(),
            goals: get_str_list(item, "goals")?,
            guardrails: get_str_list(item, "guardrails")?,
            tone: get_s(item, "tone")?
                .parse()
                .map_err(|e: String| corrupt(&e))?,
            greeting: get_s(item, "greeting")?.to_owned(),
            voice: get_s(item, "voice")?.to_owned(),
        },
        created_at: get_ts(item, "created_at")?,
    })
}

#[async_trait]
impl AgentStore for DynamoStore {
    async fn get_agent(&self, agent_id: AgentId) -> Result<Option<Agent>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.agents)
            .key("agent_id", s(agent_id.to_string()))
            .consistent_read(true)
            .send()
            .await
            .map_err(backend)?;
        out.item().map(agent_from_item).transpose()
    }
}
