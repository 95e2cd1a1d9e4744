//! In-memory queue for unit tests; can be told to fail, to exercise the give-back path.

use async_trait::async_trait;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::{JobQueue, QueueError};
use crate::domain::JobId;

#[derive(Default)]
pub struct MemoryQueue {
    sent: Mutex<Vec<JobId>>,
    failing: AtomicBool,
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
