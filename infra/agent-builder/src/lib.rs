//! The `agent-builder` command's library: local provisioning from `template.yaml`, the local
//! dev server, API key administration, and evaluations against peer test suites.

pub mod api_keys;
pub mod dev_server;
pub mod eval_article;
pub mod eval_extract;
pub mod eval_languages;
pub mod eval_robots;
pub mod eval_structured;
pub mod extract_file;
pub mod head_errors;
pub mod local_config;
pub mod provision;
pub mod sam_env;
pub mod stack_outputs;
