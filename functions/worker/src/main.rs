//! Lambda entry point for the SQS-triggered worker.

use agent_builder_aws as aws;
use agent_builder_core::telemetry;
use agent_builder_engine::worker::{handle_batch, WorkerDeps};
use agent_builder_engine::{function_config::WorkerConfig, wiring};
use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{run, service_fn, Error, LambdaEvent};

#[tokio::main]
async fn main() -> Result<(), Error> {
    agent_builder_engine::allocator::keep_large_blocks_mapped();
    telemetry::init_json_logs();
    let mut config = WorkerConfig::from_env()?;
    let sdk = aws::load_sdk_config().await;
    wiring::load_secrets(&mut config.engine, &sdk).await?;
    let deps = WorkerDeps::from_config(&config, &sdk)?;
    run(service_fn(|event: LambdaEvent<SqsEvent>| {
        let deps = &deps;
        async move {
            let deadline = deps.deadline(event.context.deadline);
            Ok::<SqsBatchResponse, Error>(handle_batch(deps, event.payload, deadline).await)
        }
    }))
    .await
}
