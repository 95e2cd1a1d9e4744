//! Lambda entry point for `POST /agent-builder`.

use agent_builder_api::{create_job, CreateJobConfig, CreateJobDeps};
use agent_builder_aws as aws;
use agent_builder_core::telemetry;
use lambda_http::{run, service_fn, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init_json_logs();
    let config = CreateJobConfig::from_env()?;
    let sdk = aws::load_sdk_config().await;
    let deps = CreateJobDeps::from_config(&config, &sdk);
    run(service_fn(|req| async {
        Ok::<_, Error>(create_job(&deps, req).await)
    }))
    .await
}
