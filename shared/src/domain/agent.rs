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

/// What a generator produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentConfig {
    pub name: String,
    pub personality: String,
    pub goals: Vec<String>,
    pub guardrails: Vec<String>,
    pub tone: Tone,
    pub greeting: String,
    pub voice: String,
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
