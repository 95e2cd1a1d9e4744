//! Lambda entry point for the job reaper: batches from the dead-letter queue, and a scheduled
//! sweep over lapsed leases.

use agent_builder_aws as aws;
use agent_builder_core::telemetry;
use agent_builder_engine::function_config::ReaperConfig;
use agent_builder_engine::reaper::{handle_event, ReaperDeps};
use lambda_runtime::{run, service_fn, Error, LambdaEvent};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init_json_logs();
    let config = ReaperConfig::from_env()?;
    let sdk = aws::load_sdk_config().await;
    let deps = ReaperDeps::from_config(&config, &sdk)?;
    run(service_fn(|event: LambdaEvent<serde_json::Value>| {
        let deps = &deps;
        async move {
            let deadline = deps.deadline(event.context.deadline);
            Ok::<serde_json::Value, Error>(handle_event(deps, event.payload, deadline).await?)
        }
    }))
    .await
}
