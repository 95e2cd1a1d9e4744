//! Rendering in another process: the renderer Lambda function (Chromium in a layer, x86_64)
//! answers [`RenderRequest`]s, and the worker calls it only for the pages that need a browser.
//! Failures travel as data, so the worker's warning says what went wrong.

use async_trait::async_trait;
use aws_sdk_lambda::primitives::Blob;

use super::{RenderError, RenderRequest, RenderedPage, Renderer};

/// The renderer function's reply.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RenderReply {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<RenderedPage>,
    /// Why the page could not be rendered, as the end of a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What the renderer function does with one request.
pub async fn answer(renderer: &dyn Renderer, request: RenderRequest) -> RenderReply {
    match renderer.render(request).await {
        Ok(page) => RenderReply {
            page: Some(page),
            error: None,
        },
        Err(e) => RenderReply {
            page: None,
            error: Some(e.to_string()),
        },
    }
}

/// Renders by invoking the renderer Lambda function synchronously.
pub struct LambdaRenderer {
    client: aws_sdk_lambda::Client,
    function: String,
}

impl LambdaRenderer {
    pub fn new(client: aws_sdk_lambda::Client, function: String) -> Self {
        Self { client, function }
    }
}

#[async_trait]
impl Renderer for LambdaRenderer {
    async fn render(&self, request: RenderRequest) -> Result<RenderedPage, RenderError> {
        let budget = request.budget;
        let payload =
            serde_json::to_vec(&request).map_err(|e| RenderError::Remote(e.to_string()))?;
        let call = self
            .client
            .invoke()
            .function_name(&self.function)
            .payload(Blob::new(payload))
            .send();
        let output = tokio::time::timeout(budget, call)
            .await
            .map_err(|_| RenderError::Timeout(budget))?
            .map_err(|e| {
                tracing::warn!(error = %aws_sdk_lambda::error::DisplayErrorContext(&e), "renderer invocation failed");
                RenderError::Remote("the renderer function could not be called".into())
            })?;
        if output.function_error().is_some() {
            return Err(RenderError::Remote("the renderer function failed".into()));
        }
        let body = output.payload().map(|b| b.as_ref()).unwrap_or_default();
        let reply: RenderReply = serde_json::from_slice(body).map_err(|_| {
            RenderError::Remote("the renderer function's reply was unreadable".into())
        })?;
        match (reply.page, reply.error) {
            (Some(page), _) => Ok(page),
            (None, Some(error)) => Err(RenderError::Remote(error)),
            (None, None) => Err(RenderError::Remote(
                "the renderer function returned nothing".into(),
            )),
        }
    }
}
