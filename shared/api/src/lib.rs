//! HTTP handlers over the ports, shared verbatim by the Lambdas and the local dev server.
//! Each takes a `lambda_http::Request` and always returns a response: errors are mapped in
//! exactly one place ([`ApiError::into_response`]). [`wiring`] builds them over DynamoDB and SQS
//! from [`CreateJobConfig`] and [`GetJobConfig`], each holding only what its function reads.

// The layer below, under the names the handlers have always used (`crate::domain::…`).
use agent_builder_core::{clock, domain, metrics, queue, store};

pub mod auth;
pub mod config;
pub mod create_job;
pub mod envelope;
pub mod error;
pub mod get_agent;
pub mod get_job;
pub mod request;
pub mod status;
pub mod wiring;

pub use config::{CreateJobConfig, GetJobConfig};
pub use create_job::{create_job, CreateJobDeps, CreateJobSettings};
pub use error::ApiError;
pub use get_agent::get_agent;
pub use get_job::{get_job, GetJobDeps};
pub use status::status;
