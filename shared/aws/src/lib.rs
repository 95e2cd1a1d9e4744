//! The AWS adapters behind the core's ports: DynamoDB stores, the SQS job queue and EventBridge
//! job events, and the SDK clients they are built from.

// The layer below, under the names the adapters have always used (`crate::store::…`).
use agent_builder_core::{clock, config, domain, events, queue, signature, store};

pub mod clients;
pub mod dynamodb;
pub mod eventbridge;
pub mod sqs;

pub use clients::{dynamodb_client, eventbridge_client, https_client, load_sdk_config, sqs_client};
