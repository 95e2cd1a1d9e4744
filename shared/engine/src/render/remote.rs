//! Rendering in another process: the renderer Lambda function (Chromium in a layer, x86_64)
//! answers [`RenderRequest`]s, and the worker calls it only for the pages that need a browser.
//! Failures travel as data, so the worker's warning says what went wrong.
//!
//! Both sides keep to Lambda's synchronous payload limit ([`MAX_PAYLOAD_BYTES`]): the renderer
//! shortens a DOM whose reply would not fit, and the worker refuses a reply over it (an
//! emulator or proxy may not enforce it) without reading it into a page.

use async_trait::async_trait;
use aws_sdk_lambda::primitives::Blob;
use std::time::Duration;

use super::{RenderError, RenderRequest, RenderedPage, Renderer};
use crate::html::truncate_at_char;

/// Lambda's limit on a synchronous invocation's request and response: 6 MB.
pub const MAX_PAYLOAD_BYTES: usize = 6 * 1024 * 1024;

/// What the worker waits beyond the renderer's own page limit: the function's cold start
/// (unpacking Chromium from the layer) and the round trip.
pub const REMOTE_SLACK: Duration = Duration::from_secs(15);

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
        Ok(page) => fit(page, MAX_PAYLOAD_BYTES),
        Err(e) => RenderReply {
            page: None,
            error: Some(e.to_string()),
        },
    }
}

/// The reply for `page`, its DOM shortened until the serialized reply is at most `max` bytes.
/// JSON escaping can make a DOM several times larger than its bytes (control characters become
/// six), so the size is measured, not estimated.
fn fit(mut page: RenderedPage, max: usize) -> RenderReply {
    for _ in 0..8 {
        let size = serialized_len(&page);
        if size <= max {
            return RenderReply {
                page: Some(page),
                error: None,
            };
        }
        // Cut in proportion to the excess, with a margin; the page's start (head, main
        // content, contact block in most layouts) is what is kept.
        let keep = (page.html.len() as f64 * (max as f64 / size as f64) * 0.95) as usize;
        let cut = truncate_at_char(&page.html, keep).len();
        page.html.truncate(cut);
        tracing::info!(url = %page.url, bytes = cut, "rendered page shortened to fit the reply");
    }
    RenderReply {
        page: None,
        error: Some("the rendered page was too large to return".into()),
    }
}

fn serialized_len(page: &RenderedPage) -> usize {
    let reply = RenderReply {
        page: Some(page.clone()),
        error: None,
    };
    serde_json::to_vec(&reply)
        .map(|v| v.len())
        .unwrap_or(usize::MAX)
}

/// Renders by invoking the renderer Lambda function synchronously.
pub struct LambdaRenderer {
    client: aws_sdk_lambda::Client,
    function: String,
    /// Longest wait for one page, whatever the crawl's remaining budget.
    page_limit: Duration,
}

impl LambdaRenderer {
    /// `page_limit`: the renderer's own per-page limit plus [`REMOTE_SLACK`].
    pub fn new(client: aws_sdk_lambda::Client, function: String, page_limit: Duration) -> Self {
        Self {
            client,
            function,
            page_limit,
        }
    }
}

#[async_trait]
impl Renderer for LambdaRenderer {
    async fn render(&self, request: RenderRequest) -> Result<RenderedPage, RenderError> {
        let wait = request.budget.min(self.page_limit);
        let payload =
            serde_json::to_vec(&request).map_err(|e| RenderError::Remote(e.to_string()))?;
        if payload.len() > MAX_PAYLOAD_BYTES {
            // Only a huge robots.txt could do this; Lambda would refuse it anyway.
            return Err(RenderError::Remote(
                "the request was larger than the renderer function accepts".into(),
            ));
        }
        let call = self
            .client
            .invoke()
            .function_name(&self.function)
            .payload(Blob::new(payload))
            .send();
        let output = tokio::time::timeout(wait, call)
            .await
            .map_err(|_| RenderError::Timeout(wait))?
            .map_err(|e| {
                tracing::warn!(function = %self.function, error = %aws_sdk_lambda::error::DisplayErrorContext(&e), "renderer invocation failed");
                let missing = e
                    .as_service_error()
                    .is_some_and(|s| s.is_resource_not_found_exception());
                RenderError::Remote(if missing {
                    format!("the renderer function {} does not exist", self.function)
                } else {
                    "the renderer function could not be called".into()
                })
            })?;
        let body = output.payload().map(|b| b.as_ref()).unwrap_or_default();
        if let Some(kind) = output.function_error() {
            return Err(RenderError::Remote(function_error(kind, body)));
        }
        if body.len() > MAX_PAYLOAD_BYTES {
            return Err(RenderError::Remote(format!(
                "the renderer function's reply was larger than Lambda allows ({} MB)",
                body.len() / (1024 * 1024)
            )));
        }
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

/// The reason for a function error, from Lambda's `{"errorType": …}` body when it has one
/// (a timed-out or oversized invocation says so there), never the raw message.
fn function_error(kind: &str, body: &[u8]) -> String {
    let error_type = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("errorType")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    let lower = error_type.to_ascii_lowercase();
    if lower.contains("sizetoolarge") || lower.contains("toolarge") {
        "the renderer function's reply was larger than Lambda allows".into()
    } else if lower.contains("timeout") || lower.contains("timedout") {
        "the renderer function timed out".into()
    } else {
        tracing::warn!(kind, error_type, "renderer function error");
        "the renderer function failed".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn page(html: String) -> RenderedPage {
        RenderedPage {
            url: Url::parse("https://example.com/").unwrap(),
            html,
            wall: Duration::from_millis(1200),
            browser_start: Duration::from_millis(300),
            peak_rss_bytes: 200 << 20,
            requests_blocked: 0,
        }
    }

    #[test]
    fn a_small_page_is_returned_whole() {
        let html = "<html><body><p>Call 555-0142</p></body></html>".to_owned();
        let reply = fit(page(html.clone()), MAX_PAYLOAD_BYTES);
        assert_eq!(reply.page.unwrap().html, html);
    }

    #[test]
    fn a_page_whose_escaped_reply_is_over_the_limit_is_shortened_to_fit() {
        // 2 MB of control characters is 12 MB once escaped: the DOM's own size is well under
        // the limit, its reply is not.
        let html = format!("<p>Blue Fern Yoga</p>{}", "\u{1}".repeat(2 << 20));
        let reply = fit(page(html), MAX_PAYLOAD_BYTES);
        let kept = reply.page.expect("shortened, not refused");
        assert!(kept.html.starts_with("<p>Blue Fern Yoga</p>"));
        let reply = RenderReply {
            page: Some(kept),
            error: None,
        };
        assert!(serde_json::to_vec(&reply).unwrap().len() <= MAX_PAYLOAD_BYTES);
    }

    #[test]
    fn multibyte_text_is_cut_on_a_character_boundary() {
        let html = "Zahnärztin München ".repeat(20_000);
        let reply = fit(page(html), 100_000);
        let kept = reply.page.unwrap().html;
        assert!(kept.len() < 100_000 && kept.starts_with("Zahnärztin"));
    }

    #[test]
    fn function_errors_say_what_lambda_reported() {
        let too_large = br#"{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}"#;
        assert!(function_error("Unhandled", too_large).contains("larger than Lambda allows"));
        let timed_out = br#"{"errorMessage":"Task timed out after 30.00 seconds","errorType":"Sandbox.Timedout"}"#;
        assert!(function_error("Unhandled", timed_out).contains("timed out"));
        let panic = br#"{"errorType":"&str","errorMessage":"secret detail"}"#;
        assert_eq!(
            function_error("Unhandled", panic),
            "the renderer function failed"
        );
    }
}
