//! The application services: the rules of submitting, reading and (in the engine) running a
//! job, over the ports, with no transport in sight. The Lambda handlers and the dev server parse
//! a request into a service's input and map its result or [`ServiceError`] to a response.

pub mod read_job;
pub mod submit_job;

use std::error::Error as StdError;

use crate::store::StoreError;

pub use read_job::{read_agent, read_job};
pub use submit_job::{submit_job, SubmitJob, SubmitPorts, SubmitSettings, Submitted};

/// Why a service refused or failed a request. Each variant knows what it means to a caller over
/// HTTP ([`ServiceError::http_status`]) and whether trying again may succeed.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The thing does not exist in the caller's workspace (another workspace's is the same);
    /// the sentence says what ("Job not found").
    #[error("{0}")]
    NotFound(&'static str),
    #[error("Rate limit exceeded: max {limit} jobs per workspace per day")]
    QuotaExceeded {
        limit: u32,
        /// Epoch seconds of the next UTC midnight.
        reset_at: i64,
        retry_after_secs: i64,
    },
    #[error("This Idempotency-Key was already used with a different request")]
    IdempotencyKeyReused,
    #[error("The service is temporarily unavailable; please retry shortly")]
    Unavailable(#[source] Box<dyn StdError + Send + Sync>),
    #[error("Internal server error")]
    Internal(#[source] Box<dyn StdError + Send + Sync>),
}

impl ServiceError {
    /// The HTTP status this outcome is answered with.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::NotFound(_) => 404,
            Self::QuotaExceeded { .. } => 429,
            Self::IdempotencyKeyReused => 422,
            Self::Unavailable(_) => 503,
            Self::Internal(_) => 500,
        }
    }

    /// Whether the same request may succeed later.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::QuotaExceeded { .. } | Self::Unavailable(_))
    }
}

impl From<StoreError> for ServiceError {
    fn from(err: StoreError) -> Self {
        if err.is_retryable() {
            Self::Unavailable(Box::new(err))
        } else {
            Self::Internal(Box::new(err))
        }
    }
}
