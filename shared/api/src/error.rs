//! The API layer's one error type: each variant knows its status and its caller-facing sentence.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use std::error::Error as StdError;

use super::envelope;
use crate::store::StoreError;
use agent_builder_core::service::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Invalid or missing API key")]
    Unauthorized,
    #[error("{0}")]
    BadRequest(String),
    #[error("Content-Type must be application/json")]
    UnsupportedMediaType,
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    Unprocessable(String),
    #[error("Rate limit exceeded: max {limit} jobs per workspace per day")]
    RateLimited {
        limit: u32,
        /// Epoch seconds of the next UTC midnight.
        reset_at: i64,
        retry_after_secs: i64,
    },
    #[error("The service is temporarily unavailable; please retry shortly")]
    Unavailable(#[source] Box<dyn StdError + Send + Sync>),
    #[error("Internal server error")]
    Internal(#[source] Box<dyn StdError + Send + Sync>),
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::BadRequest(message.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The error response. Server errors are logged with their cause chain here; their body
    /// carries only the fixed sentence.
    pub fn into_response(self) -> Response<Body> {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %error_chain(&self), status = status.as_u16(), "request failed");
        } else {
            tracing::info!(status = status.as_u16(), reason = %self, "request rejected");
        }
        let mut response = envelope::error(status, &self.to_string());
        let headers = response.headers_mut();
        match &self {
            Self::RateLimited {
                limit,
                reset_at,
                retry_after_secs,
            } => {
                envelope::insert_header(headers, "retry-after", retry_after_secs.to_string());
                envelope::insert_header(headers, "x-ratelimit-limit", limit.to_string());
                envelope::insert_header(headers, "x-ratelimit-remaining", "0".to_owned());
                envelope::insert_header(headers, "x-ratelimit-reset", reset_at.to_string());
            }
            Self::Unauthorized => {
                envelope::insert_header(headers, "www-authenticate", "Bearer".to_owned());
            }
            Self::Unavailable(_) => {
                envelope::insert_header(headers, "retry-after", "5".to_owned());
            }
            _ => {}
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        if err.is_retryable() {
            Self::Unavailable(Box::new(err))
        } else {
            Self::Internal(Box::new(err))
        }
    }
}

pub use agent_builder_core::error::error_chain;

/// A service's outcome as the caller sees it over HTTP.
impl From<ServiceError> for ApiError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::NotFound(sentence) => Self::NotFound(sentence),
            ServiceError::QuotaExceeded {
                limit,
                reset_at,
                retry_after_secs,
            } => Self::RateLimited {
                limit,
                reset_at,
                retry_after_secs,
            },
            ServiceError::IdempotencyKeyReused => Self::Unprocessable(err.to_string()),
            ServiceError::Unavailable(source) => Self::Unavailable(source),
            ServiceError::Internal(source) => Self::Internal(source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The status a service error promises is the one the API answers with.
    #[test]
    fn service_errors_keep_their_status() {
        let errors = [
            ServiceError::NotFound("Job not found"),
            ServiceError::QuotaExceeded {
                limit: 5,
                reset_at: 1,
                retry_after_secs: 2,
            },
            ServiceError::IdempotencyKeyReused,
            ServiceError::Unavailable("queue down".into()),
            ServiceError::Internal("bug".into()),
        ];
        for err in errors {
            let status = err.http_status();
            let sentence = err.to_string();
            let api = ApiError::from(err);
            assert_eq!(api.status().as_u16(), status);
            assert_eq!(api.to_string(), sentence);
        }
    }
}
