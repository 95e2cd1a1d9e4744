//! The job queue port: the create handler posts `{"job_id": …}`, the worker consumes it.

pub mod memory;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::error::Error as StdError;
use std::time::Duration;

use crate::domain::JobId;

/// The message body on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobMessage {
    pub job_id: String,
}

impl JobMessage {
    pub fn for_job(job_id: JobId) -> Self {
        Self {
            job_id: job_id.to_string(),
        }
    }

    pub fn to_body(&self) -> String {
        serde_json::to_string(self).expect("a struct of strings serialises")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("sending the job message failed")]
pub struct QueueError {
    #[source]
    pub source: Box<dyn StdError + Send + Sync>,
}

#[async_trait]
pub trait JobQueue: Send + Sync {
    async fn enqueue(&self, job_id: JobId) -> Result<(), QueueError>;
}

/// Brings a received message back after a delay of our choosing, instead of the queue's whole
/// visibility timeout (SQS `ChangeMessageVisibility` on its receipt handle).
#[async_trait]
pub trait Redelivery: Send + Sync {
    async fn redeliver_after(
        &self,
        receipt_handle: &str,
        delay: Duration,
    ) -> Result<(), QueueError>;
}

/// The longest visibility timeout SQS accepts (12 hours).
pub const MAX_REDELIVERY_DELAY: Duration = Duration::from_secs(12 * 60 * 60);
