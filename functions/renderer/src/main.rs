//! Lambda entry point for the renderer: one page per invocation in headless Chromium from the
//! Chromium layer, behind the same network guard as the crawler (public addresses only).

use agent_builder_core::{domain::NetworkPolicy, telemetry};
use agent_builder_engine::render::remote::{answer, RenderReply};
use agent_builder_engine::render::{ChromiumRenderer, ChromiumSettings, RenderRequest};
use lambda_runtime::{run, service_fn, Error, LambdaEvent};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init_json_logs();
    let renderer = ChromiumRenderer::new(ChromiumSettings::from_env()?, NetworkPolicy::Public);
    run(service_fn(|event: LambdaEvent<RenderRequest>| {
        let renderer = &renderer;
        async move { Ok::<RenderReply, Error>(answer(renderer, event.payload).await) }
    }))
    .await
}
