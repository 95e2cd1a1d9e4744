//! Agent Builder: everything that is not a Lambda entry point.
//!
//! `domain` holds validated types, `api` the HTTP handlers, `store` and `queue` the ports with
//! their DynamoDB/SQS and in-memory adapters, `crawl`/`extract`/`generate` the pipeline that
//! turns a website and instructions into an agent, `worker` processes queue messages, and
//! `reaper` ends the jobs whose worker stopped for good.

pub mod announce;
pub mod api;
pub mod aws;
pub mod clock;
pub mod config;
pub mod crawl;
pub mod domain;
pub mod events;
pub mod extract;
pub mod generate;
pub mod html;
pub mod lang;
pub mod metrics;
pub mod pipeline;
pub mod queue;
pub mod reaper;
pub mod render;
pub mod secrets;
pub mod store;
pub mod telemetry;
#[cfg(test)]
mod test_support;
pub mod webhooks;
pub mod wiring;
pub mod worker;
