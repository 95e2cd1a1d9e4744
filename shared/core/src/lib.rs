//! Agent Builder's core: what every function shares and nothing that reads a website.
//!
//! `domain` holds the validated types (a job, an agent, a site URL, the network policy), `store`,
//! `queue` and `events` the ports with their in-memory adapters, `service` the application
//! services (`submit_job`, `read_job`) that hold the rules over those ports, `job_view` the job
//! as callers see it, `config` how settings are read, `clock`, `metrics` and `telemetry` the
//! process's time, counters and logs, `time` the instants stores and Lambda write (Unix
//! milliseconds, an invocation's deadline), `error` the error chain for logs, and `signature` the
//! Standard Webhooks signing scheme. Adapters (`agent_builder_aws`), the HTTP API
//! (`agent_builder_api`) and the engine (`agent_builder_engine`) depend on this crate; it depends
//! on none of them.

pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod events;
pub mod job_view;
pub mod metrics;
pub mod queue;
pub mod service;
pub mod signature;
pub mod store;
pub mod telemetry;
#[cfg(any(test, feature = "test-support"))]
pub mod test_env;
pub mod time;
