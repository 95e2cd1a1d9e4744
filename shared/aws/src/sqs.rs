//! SQS adapter.

use async_trait::async_trait;
use std::time::Duration;

use crate::domain::JobId;
use crate::queue::{JobMessage, JobQueue, QueueError, Redelivery, MAX_REDELIVERY_DELAY};

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

#[async_trait]
impl Redelivery for SqsQueue {
    async fn redeliver_after(
        &self,
        receipt_handle: &str,
        delay: Duration,
    ) -> Result<(), QueueError> {
        let seconds = delay.min(MAX_REDELIVERY_DELAY).as_secs();
        self.client
            .change_message_visibility()
            .queue_url(&self.queue_url)
            .receipt_handle(receipt_handle)
            .visibility_timeout(i32::try_from(seconds).unwrap_or(i32::MAX))
            .send()
            .await
            .map_err(|e| QueueError {
                source: Box::new(e),
            })?;
        Ok(())
    }
}
