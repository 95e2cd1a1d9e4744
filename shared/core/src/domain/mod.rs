//! Validated domain types: once one exists, it is valid, and nothing re-checks it.

pub mod agent;
pub mod api_key;
pub mod day;
pub mod idempotency;
pub mod ids;
pub mod instructions;
pub mod job;
pub mod network;
pub mod progress;
pub mod site_url;
pub mod webhook;

pub use agent::{
    Agent, AgentConfig, Confidence, FactKind, GenerationMetadata, GeneratorKind, KnowledgeFact,
    Tone,
};
pub use api_key::{ApiKey, ApiKeyHash, ApiKeyRecord};
pub use day::UtcDay;
pub use ids::{AgentId, JobId, WorkspaceId};
pub use instructions::Instructions;
pub use job::{Job, JobState, JobStatus, Lease, TransitionRefused};
pub use network::NetworkPolicy;
pub use site_url::SiteUrl;
