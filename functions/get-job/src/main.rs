//! Lambda entry point for the status routes: `GET /agent-builder/{job_id}` and
//! `GET /agents/{agent_id}`.

use agent_builder_api::{status, GetJobConfig, GetJobDeps};
use agent_builder_aws as aws;
use agent_builder_core::telemetry;
use lambda_http::{run, service_fn, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init_json_logs();
    let config = GetJobConfig::from_env()?;
    let sdk = aws::load_sdk_config().await;
    let deps = GetJobDeps::from_config(&config, &sdk);
    run(service_fn(|req| async {
        Ok::<_, Error>(status(&deps, req).await)
    }))
    .await
}
