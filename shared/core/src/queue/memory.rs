//! In-memory queue for unit tests; can be told to fail, to exercise the give-back path; records
//! the redelivery delays asked for.

use async_trait::async_trait;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use super::{JobQueue, QueueError, Redelivery};
use crate::domain::JobId;

#[derive(Default)]
pub struct MemoryQueue {
    sent: Mutex<Vec<JobId>>,
    failing: AtomicBool,
    delays: Mutex<Vec<(String, Duration)>>,
}

impl MemoryQueue {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set_failing(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }

    pub fn sent(&self) -> Vec<JobId> {
        self.sent.lock().expect("queue poisoned").clone()
    }

    /// Every redelivery asked for: (receipt handle, delay).
    pub fn delays(&self) -> Vec<(String, Duration)> {
        self.delays.lock().expect("queue poisoned").clone()
    }
}

#[async_trait]
impl JobQueue for MemoryQueue {
    async fn enqueue(&self, job_id: JobId) -> Result<(), QueueError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(QueueError {
                source: "queue unavailable (injected)".into(),
            });
        }
        self.sent.lock().expect("queue poisoned").push(job_id);
        Ok(())
    }
}

#[async_trait]
impl Redelivery for MemoryQueue {
    async fn redeliver_after(
        &self,
        receipt_handle: &str,
        delay: Duration,
    ) -> Result<(), QueueError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(QueueError {
                source: "queue unavailable (injected)".into(),
            });
        }
        self.delays
            .lock()
            .expect("queue poisoned")
            .push((receipt_handle.to_owned(), delay));
        Ok(())
    }
}
