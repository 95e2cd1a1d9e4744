//! Lambda entry point for the renderer: one page per invocation in headless Chromium from the
//! Chromium layer, behind the same network guard as the crawler (public addresses only, unless
//! the stack's `ALLOW_ORIGINS`/`ALLOW_PRIVATE_NETWORK` say otherwise, as for the worker).

use agent_builder_core::config::network_policy;
use agent_builder_core::telemetry;
use agent_builder_engine::render::remote::{answer, RenderReply};
use agent_builder_engine::render::{ChromiumRenderer, ChromiumSettings, RenderRequest};
use lambda_runtime::{run, service_fn, Error, LambdaEvent};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init_json_logs();
    let policy = network_policy(&|k: &str| std::env::var(k).ok())?;
    let renderer = ChromiumRenderer::new(ChromiumSettings::from_env()?, policy);
    run(service_fn(|event: LambdaEvent<RenderRequest>| {
        let renderer = &renderer;
        async move { Ok::<RenderReply, Error>(answer(renderer, event.payload).await) }
    }))
    .await
}
