//! Integration and end-to-end tests. They need the DynamoDB and SQS emulators, which
//! `bash infra/test.sh` installs and starts (see the README).

mod helpers;

mod api_http;
mod crawling;
mod dynamodb_store;
mod events;
mod extraction;
mod faults;
mod fetching;
mod job_lifecycle;
mod job_record_schema;
mod languages;
mod planted_text;
mod reaper;
mod render_lambda;
mod rendering;
mod sample_events;
mod store_contract;
mod webhooks;
