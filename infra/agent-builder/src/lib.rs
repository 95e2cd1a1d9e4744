//! The `agent-builder` command's library: local provisioning from `template.yaml`, the local
//! dev server, and API key administration.

pub mod api_keys;
pub mod dev_server;
pub mod provision;
