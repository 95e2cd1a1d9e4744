//! A build job and its lifecycle: queued → processing → completed | failed.

use std::fmt;
use std::str::FromStr;
use time::OffsetDateTime;

use super::progress::CrawlProgress;
use super::webhook::WebhookDelivery;
use super::{AgentId, JobId, WorkspaceId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Queued,
    Processing,
    Completed,
    Failed,
}

impl JobStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Processing => "processing",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }

    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Completed | Self::Failed)
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "queued" => Self::Queued,
            "processing" => Self::Processing,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            _ => return Err(UnknownStatus(s.to_owned())),
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown job status {0:?}")]
pub struct UnknownStatus(pub String);

/// Version of the stored job record's shape; bumped when attribute meanings change.
pub const JOB_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub job_id: JobId,
    pub workspace_id: WorkspaceId,
    pub status: JobStatus,
    /// As submitted (after trimming and scheme defaulting).
    pub website_url: Option<String>,
    pub instructions: Option<String>,
    pub agent_id: Option<AgentId>,
    /// A sentence for the caller when `status` is `failed`.
    pub error: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// How many times a worker has claimed the job.
    pub attempts: u32,
    /// While `processing`: when the current worker's claim lapses (Unix milliseconds).
    pub lease_expires_at: Option<i64>,
    /// Whether the latest claim came on the message's last delivery (`maxReceiveCount`): when
    /// its lease runs out, no delivery is left to finish the job.
    pub last_delivery: bool,
    /// When DynamoDB's TTL may delete the record (Unix seconds).
    pub expires_at: i64,
    /// Crawl counters, updated while the job runs.
    pub progress: Option<CrawlProgress>,
    /// Things the caller should know about a completed job (e.g. the site could not be read
    /// and the agent was built from the instructions alone).
    pub warnings: Vec<String>,
    /// Where the finished job's record is POSTed (validated like `website_url`).
    pub callback_url: Option<String>,
    /// How that delivery went, once attempted.
    pub webhook: Option<WebhookDelivery>,
}

impl Job {
    pub fn new_queued(
        job_id: JobId,
        workspace_id: WorkspaceId,
        website_url: Option<String>,
        instructions: Option<String>,
        now: OffsetDateTime,
        ttl_days: u32,
    ) -> Self {
        Self {
            job_id,
            workspace_id,
            status: JobStatus::Queued,
            website_url,
            instructions,
            agent_id: None,
            error: None,
            created_at: now,
            updated_at: now,
            attempts: 0,
            lease_expires_at: None,
            last_delivery: false,
            expires_at: (now + time::Duration::days(i64::from(ttl_days))).unix_timestamp(),
            progress: None,
            warnings: Vec::new(),
            callback_url: None,
            webhook: None,
        }
    }
}
