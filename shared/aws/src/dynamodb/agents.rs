//! The agents table.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::Value;

use super::item::{get_s, get_str_list, get_ts, n, opt_s, s, str_list, ts, Item};
use super::{backend, DynamoAgents};
use crate::domain::{Agent, AgentConfig, AgentId, JobId, WorkspaceId};
use crate::store::{AgentStore, StoreError};

/// 2 added `language`, `system_prompt`, `knowledge` and `metadata`; version-1 items read back
/// with their defaults.
pub const AGENT_SCHEMA_VERSION: u32 = 2;

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
        ("language".to_owned(), s(c.language.as_str())),
        ("system_prompt".to_owned(), s(c.system_prompt.as_str())),
        ("knowledge".to_owned(), to_attribute(&c.knowledge)),
        ("metadata".to_owned(), to_attribute(&c.metadata)),
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
            language: opt_s(item, "language")?
                .map(str::to_owned)
                .unwrap_or_else(crate::domain::agent::default_language),
            system_prompt: opt_s(item, "system_prompt")?.unwrap_or_default().to_owned(),
            knowledge: from_attribute(item, "knowledge")?,
            metadata: from_attribute(item, "metadata")?,
        },
        created_at: get_ts(item, "created_at")?,
    })
}

/// A serde value as a native DynamoDB map or list, so the console and streams show its fields.
fn to_attribute<T: serde::Serialize>(value: &T) -> AttributeValue {
    json_to_attribute(&serde_json::to_value(value).unwrap_or(Value::Null))
}

/// Absent (an older item) reads as the default.
fn from_attribute<T: serde::de::DeserializeOwned + Default>(
    item: &Item,
    name: &str,
) -> Result<T, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(T::default()),
        Some(value) => serde_json::from_value(attribute_to_json(value))
            .map_err(|e| StoreError::Corrupt(format!("attribute {name:?}: {e}"))),
    }
}

fn json_to_attribute(value: &Value) -> AttributeValue {
    match value {
        Value::Null => AttributeValue::Null(true),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::Number(n) => AttributeValue::N(n.to_string()),
        // DynamoDB refuses empty strings nowhere but in keys; kept as written.
        Value::String(s) => AttributeValue::S(s.clone()),
        Value::Array(items) => AttributeValue::L(items.iter().map(json_to_attribute).collect()),
        Value::Object(map) => AttributeValue::M(
            map.iter()
                .map(|(k, v)| (k.clone(), json_to_attribute(v)))
                .collect(),
        ),
    }
}

fn attribute_to_json(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::Null(_) => Value::Null,
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::N(n) => serde_json::from_str(n).unwrap_or(Value::Null),
        AttributeValue::S(s) => Value::String(s.clone()),
        AttributeValue::L(items) => Value::Array(items.iter().map(attribute_to_json).collect()),
        AttributeValue::M(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), attribute_to_json(v)))
                .collect(),
        ),
        // Sets and binaries are never written here.
        _ => Value::Null,
    }
}

#[async_trait]
impl AgentStore for DynamoAgents {
    async fn get_agent(&self, agent_id: AgentId) -> Result<Option<Agent>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("agent_id", s(agent_id.to_string()))
            .consistent_read(true)
            .send()
            .await
            .map_err(backend)?;
        out.item().map(agent_from_item).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FactKind, GenerationMetadata, GeneratorKind, KnowledgeFact, Tone};

    fn agent() -> Agent {
        let job_id = JobId::new();
        Agent {
            agent_id: job_id.agent_id(),
            workspace_id: WorkspaceId::parse("ws_1").unwrap(),
            job_id,
            config: AgentConfig {
                name: "Acme".into(),
                personality: "p".into(),
                goals: vec!["g".into()],
                guardrails: vec!["r".into()],
                tone: Tone::Formal,
                greeting: "Thank you for calling Acme.".into(),
                voice: "alloy".into(),
                language: "de-AT".into(),
                knowledge: vec![KnowledgeFact {
                    kind: FactKind::Hours,
                    text: "Monday: 09:00 to 17:00".into(),
                    sources: vec!["https://acme.at/".into()],
                    confidence: None,
                }],
                system_prompt: "# Acme".into(),
                metadata: GenerationMetadata {
                    generator: GeneratorKind::Bedrock,
                    model: Some("m:0".into()),
                    sources: vec!["https://acme.at/".into()],
                    warnings: vec![],
                },
            },
            created_at: time::macros::datetime!(2026-11-29 12:00 UTC),
        }
    }

    #[test]
    fn agents_round_trip_through_items() {
        let agent = agent();
        let item = agent_to_item(&agent);
        assert!(matches!(item.get("knowledge"), Some(AttributeValue::L(_))));
        assert!(matches!(item.get("metadata"), Some(AttributeValue::M(_))));
        assert_eq!(agent_from_item(&item).unwrap(), agent);
    }

    #[test]
    fn version_one_items_read_back_with_defaults() {
        let mut item = agent_to_item(&agent());
        for name in ["language", "system_prompt", "knowledge", "metadata"] {
            item.remove(name);
        }
        item.insert("schema_version".into(), n(1));
        let read = agent_from_item(&item).unwrap();
        assert_eq!(read.config.language, "en");
        assert!(read.config.knowledge.is_empty());
        assert_eq!(read.config.metadata, GenerationMetadata::default());
        assert_eq!(read.config.name, "Acme");
    }

    #[test]
    fn a_corrupt_knowledge_attribute_is_reported() {
        let mut item = agent_to_item(&agent());
        item.insert("knowledge".into(), s("not a list"));
        assert!(matches!(
            agent_from_item(&item),
            Err(StoreError::Corrupt(_))
        ));
    }
}
