//! Job events for integrations: on each terminal transition the worker publishes the public
//! job record to EventBridge (`source` `agent-builder`, `detail-type` `Agent Builder Job
//! Completed` / `… Failed`), so subscribers need not read the table or its stream.

use async_trait::async_trait;
use serde_json::Value;
use std::sync::Mutex;

use crate::domain::{Job, JobStatus};
use crate::job_view::public_job_record;

pub const SOURCE: &str = "agent-builder";
pub const COMPLETED: &str = "Agent Builder Job Completed";
pub const FAILED: &str = "Agent Builder Job Failed";

/// One event: its detail-type and detail.
#[derive(Debug, Clone, PartialEq)]
pub struct JobEvent {
    pub detail_type: &'static str,
    pub detail: Value,
}

impl JobEvent {
    /// The event for a job that has ended; `None` for one still running.
    pub fn for_job(job: &Job) -> Option<Self> {
        let detail_type = match job.status() {
            JobStatus::Completed => COMPLETED,
            JobStatus::Failed => FAILED,
            _ => return None,
        };
        let mut detail = public_job_record(job);
        // Subscribers act for the operator, across workspaces: they need to know whose job it is.
        detail["workspace_id"] = Value::String(job.workspace_id.as_str().to_owned());
        Some(Self {
            detail_type,
            detail,
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("publishing the job event failed")]
pub struct EventError(#[source] pub Box<dyn std::error::Error + Send + Sync>);

#[async_trait]
pub trait JobEvents: Send + Sync {
    async fn publish(&self, event: &JobEvent) -> Result<(), EventError>;
}

/// For deployments without a bus.
pub struct NoEvents;

#[async_trait]
impl JobEvents for NoEvents {
    async fn publish(&self, _: &JobEvent) -> Result<(), EventError> {
        Ok(())
    }
}

/// Keeps what was published (tests).
#[derive(Default)]
pub struct MemoryEvents(pub Mutex<Vec<JobEvent>>);

#[async_trait]
impl JobEvents for MemoryEvents {
    async fn publish(&self, event: &JobEvent) -> Result<(), EventError> {
        self.0.lock().expect("events poisoned").push(event.clone());
        Ok(())
    }
}
