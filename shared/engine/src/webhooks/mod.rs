//! Webhooks: when a job with a `callback_url` ends, its record is POSTed there, signed per
//! Standard Webhooks with the workspace's secret, retried with backoff, and the delivery is
//! recorded on the job.

pub mod sender;
pub use agent_builder_core::signature;

pub use sender::{HttpWebhookSender, WebhookSender};
