//! The generated voice agent.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use time::OffsetDateTime;

use super::{AgentId, JobId, WorkspaceId};

/// Communication style; exactly one of four, as the public API documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    Professional,
    Friendly,
    Casual,
    Formal,
}

impl Tone {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Professional => "Professional",
            Self::Friendly => "Friendly",
            Self::Casual => "Casual",
            Self::Formal => "Formal",
        }
    }
}

impl fmt::Display for Tone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tone {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "professional" => Ok(Self::Professional),
            "friendly" => Ok(Self::Friendly),
            "casual" => Ok(Self::Casual),
            "formal" => Ok(Self::Formal),
            other => Err(format!("unknown tone {other:?}")),
        }
    }
}

/// What a generator produces. Fields after `voice` came later: stored agents without them read
/// back with their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentConfig {
    pub name: String,
    pub personality: String,
    pub goals: Vec<String>,
    pub guardrails: Vec<String>,
    pub tone: Tone,
    pub greeting: String,
    pub voice: String,
    /// BCP 47 tag the agent speaks (`en`, `en-GB`, `es`).
    #[serde(default = "default_language")]
    pub language: String,
    /// The business facts the agent may state, each with the pages it came from.
    #[serde(default)]
    pub knowledge: Vec<KnowledgeFact>,
    /// The complete prompt a voice runtime uses, composed from every field above.
    #[serde(default)]
    pub system_prompt: String,
    #[serde(default)]
    pub metadata: GenerationMetadata,
}

impl Default for AgentConfig {
    fn default() -> Self {
        Self {
            name: String::new(),
            personality: String::new(),
            goals: Vec::new(),
            guardrails: Vec::new(),
            tone: Tone::Professional,
            greeting: String::new(),
            voice: String::new(),
            language: default_language(),
            knowledge: Vec::new(),
            system_prompt: String::new(),
            metadata: GenerationMetadata::default(),
        }
    }
}

pub fn default_language() -> String {
    "en".to_owned()
}

/// What kind of fact a knowledge entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Name,
    Description,
    Category,
    Phone,
    Email,
    Address,
    Hours,
    Service,
    Faq,
    BookingLink,
    Social,
}

/// One fact the site states, as the agent may say it, and the pages that state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeFact {
    pub kind: FactKind,
    pub text: String,
    pub sources: Vec<String>,
    /// How far a caller can rely on it (absent on agents made before confidence existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// How far a caller can rely on a fact, from where it was found and how many pages agree
/// (the rule: the engine's `extract::facts::confidence_of`, and the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Body text on one page only: kept in `knowledge`, never stated by the agent.
    Low,
    /// Text in the business's own header, footer, address or contact block, or a `tel:` /
    /// `mailto:` link elsewhere on one page.
    Medium,
    /// Structured data; a `tel:`/`mailto:` link or meta tag in the business's own block; or a
    /// fact found on two pages or more.
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// Which generator wrote the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeneratorKind {
    #[default]
    Template,
    Bedrock,
    Openai,
}

impl GeneratorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Template => "template",
            Self::Bedrock => "bedrock",
            Self::Openai => "openai",
        }
    }
}

impl FromStr for GeneratorKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "template" => Ok(Self::Template),
            "bedrock" => Ok(Self::Bedrock),
            "openai" => Ok(Self::Openai),
            other => Err(format!(
                "unknown generator {other:?} (expected template, bedrock or openai)"
            )),
        }
    }
}

/// How the agent was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerationMetadata {
    pub generator: GeneratorKind,
    /// The language model's id; `None` for the template generator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The pages the agent's facts came from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// What was corrected or left out while generating (ungrounded details removed, a fallback).
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// A stored agent: the generated configuration in a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    pub agent_id: AgentId,
    pub workspace_id: WorkspaceId,
    pub job_id: JobId,
    pub config: AgentConfig,
    pub created_at: OffsetDateTime,
}
