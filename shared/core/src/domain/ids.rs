//! Identifiers. Job and agent ids are UUIDs; a job's agent id is derived from its job id so a
//! retried job can never mint a second agent.

use std::fmt;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId(Uuid);

impl JobId {
    pub fn new() -> Self {
        Self(Uuid::new_v4())
    }

    /// Parses a job id as it appears in a path or a queue message. Only the canonical hyphenated
    /// form is accepted, so one job has exactly one spelling.
    pub fn parse(raw: &str) -> Option<Self> {
        if raw.len() != 36 {
            return None;
        }
        Uuid::try_parse(raw).ok().map(Self)
    }

    /// The id of the agent this job creates: fixed for the job's lifetime.
    pub fn agent_id(&self) -> AgentId {
        AgentId(Uuid::new_v5(&AGENT_NAMESPACE, self.0.as_bytes()))
    }
}

impl Default for JobId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for JobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// Namespace for deriving agent ids from job ids (a fixed random UUID).
const AGENT_NAMESPACE: Uuid = Uuid::from_u128(0x6f1d_2c4e_8a3b_4d7f_9e21_5b0c_7a4d_1e38);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgentId(Uuid);

impl AgentId {
    pub fn parse(raw: &str) -> Option<Self> {
        if raw.len() != 36 {
            return None;
        }
        Uuid::try_parse(raw).ok().map(Self)
    }
}

impl fmt::Display for AgentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// A workspace (tenant). Comes from an API key record, never from the request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkspaceId(String);

impl WorkspaceId {
    pub const MAX_LEN: usize = 64;

    /// 1–64 characters of `[A-Za-z0-9_-]`: safe in keys, logs and file names.
    pub fn parse(raw: &str) -> Result<Self, InvalidWorkspaceId> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(InvalidWorkspaceId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WorkspaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("a workspace id is 1-64 characters of letters, digits, '-' and '_'")]
pub struct InvalidWorkspaceId;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_id_round_trips_and_rejects_other_spellings() {
        let id = JobId::new();
        assert_eq!(JobId::parse(&id.to_string()), Some(id));
        let simple = id.to_string().replace('-', "");
        assert_eq!(JobId::parse(&simple), None);
        assert_eq!(JobId::parse("not-a-uuid"), None);
        assert_eq!(JobId::parse(""), None);
    }

    #[test]
    fn agent_id_is_fixed_per_job_and_distinct_across_jobs() {
        let a = JobId::new();
        let b = JobId::new();
        assert_eq!(a.agent_id(), a.agent_id());
        assert_ne!(a.agent_id(), b.agent_id());
    }

    #[test]
    fn workspace_ids_are_restricted() {
        assert!(WorkspaceId::parse("ws_demo-1").is_ok());
        assert!(WorkspaceId::parse("").is_err());
        assert!(WorkspaceId::parse("a b").is_err());
        assert!(WorkspaceId::parse("a#b").is_err());
        assert!(WorkspaceId::parse(&"x".repeat(65)).is_err());
    }
}
