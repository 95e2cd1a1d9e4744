//! The SQS worker. [`sqs`] reads a batch: which job each message names and on which delivery,
//! and what to tell the queue afterwards; the [`run_job`] service holds the rules of running one
//! job — claim it, build the agent, store it with the job's completion in one step, or end the
//! job `failed` with a sentence the caller can use. The dev server runs the same two.

mod deps;
mod run_job;
mod sqs;
#[cfg(test)]
mod tests;

pub use deps::{WorkerDeps, WorkerSettings};
pub use run_job::{run_job, JobRun, INTERNAL_FAILURE, TIMED_OUT};
pub(crate) use sqs::schedule_retry;
pub use sqs::{handle_batch, handle_message, MessageOutcome};
