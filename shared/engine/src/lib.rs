//! The engine: everything that turns a website and instructions into an agent, and the worker
//! that runs it for a queued job.
//!
//! `crawl` reads a site (behind the network `guard`), `html` parses untrusted markup, `extract`
//! reads business facts from each page, `lang` holds the per-language data compiled from
//! `lang/<code>/`, `render` reads script-built pages in headless Chromium, `generate` writes the
//! agent (template, Bedrock or an OpenAI-compatible model), `pipeline` chains them, `worker`
//! processes queue messages, `reaper` ends the jobs whose worker stopped for good, `announce`
//! tells subscribers (webhooks, events) that a job ended, `secrets` reads the generator's key
//! from Secrets Manager at cold start, and `wiring` builds the worker's and the reaper's
//! dependencies from `config`; `allocator` tunes how memory goes back to the system, and
//! `page_thread` is the one thread pages are parsed and read on.
//!
//! The domain, the ports and their in-memory adapters come from `agent_builder_core`, re-exported
//! here under their usual names so `crate::domain::…` reads the same in every module; the
//! DynamoDB/SQS/EventBridge adapters come from `agent_builder_aws`.

pub use agent_builder_core::{
    clock, domain, error, events, job_view, metrics, queue, store, telemetry,
};

pub mod allocator;
pub mod announce;
pub mod config;
pub mod crawl;
pub mod extract;
pub mod function_config;
pub mod generate;
pub mod guard;
pub mod html;
pub mod lang;
pub mod page_thread;
pub mod pipeline;
pub mod reaper;
pub mod render;
pub mod secrets;
#[cfg(test)]
mod test_support;
pub mod webhooks;
pub mod wiring;
pub mod worker;
