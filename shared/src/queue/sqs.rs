//! SQS adapter.

use async_trait::async_trait;

use super::{JobMessage, JobQueue, QueueError};
use crate::domain::JobId;

#[derive(Clone, Debug)]
pub struct SqsQueue {
    client: aws_sdk_sqs::Client,
    queue_url: String,
}

impl SqsQueue {
    pub fn new(client: aws_sdk_sqs::Client, queue_url: impl Into<String>) -> Self {
        Self {
            client,
            queue_url: queue_url.into(),
        }
    }
}

#[async_trait]
impl JobQueue for SqsQueue {
    async fn enqueue(&self, job_id: JobId) -> Result<(), QueueError> {
        self.client
            .send_message()
            .queue_url(&self.queue_url)
            .message_body(JobMessage::for_job(job_id).to_body())
            .send()
            .await
            .map_err(|e| QueueError {
                source: Box::new(e),
            })?;
        Ok(())
    }
}
