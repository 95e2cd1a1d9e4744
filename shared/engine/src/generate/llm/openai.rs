//! Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's compatible route,
//! vLLM, Ollama, LM Studio, …), with `response_format: json_schema` for structured output.

use async_trait::async_trait;
use futures::StreamExt;
use serde_json::{json, Value};

use super::{ChatModel, ChatRequest, HttpStatus, ModelError};
use crate::domain::GeneratorKind;
use crate::generate::draft::draft_schema;

/// Largest response body read; an agent is a few KiB.
const MAX_BODY_BYTES: usize = 1024 * 1024;

pub struct OpenAiChat {
    http: reqwest::Client,
    endpoint: String,
    api_key: Option<String>,
    model: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenAiConfigError {
    #[error("the base URL {0:?} is not an http(s) URL")]
    BaseUrl(String),
    #[error("building the HTTP client failed")]
    Client(#[from] reqwest::Error),
}

impl OpenAiChat {
    /// `base_url` as providers document it, e.g. `https://api.openai.com/v1`; requests go to
    /// `{base_url}/chat/completions`.
    pub fn new(
        base_url: &str,
        api_key: Option<String>,
        model: impl Into<String>,
    ) -> Result<Self, OpenAiConfigError> {
        let base = base_url.trim().trim_end_matches('/');
        let parsed =
            url::Url::parse(base).map_err(|_| OpenAiConfigError::BaseUrl(base.to_owned()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(OpenAiConfigError::BaseUrl(base.to_owned()));
        }
        // Per-request timeouts are the generator's; this only bounds connecting.
        let http = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(10))
            .build()?;
        Ok(Self {
            http,
            endpoint: format!("{base}/chat/completions"),
            api_key: api_key.filter(|k| !k.trim().is_empty()),
            model: model.into(),
        })
    }

    fn body(&self, request: &ChatRequest) -> Value {
        json!({
            "model": self.model,
            "temperature": 0.2,
            "messages": [
                {"role": "system", "content": request.system},
                {"role": "user", "content": request.user},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": "voice_agent",
                    "strict": true,
                    "schema": draft_schema(false),
                },
            },
        })
    }
}

#[async_trait]
impl ChatModel for OpenAiChat {
    fn kind(&self) -> GeneratorKind {
        GeneratorKind::Openai
    }

    fn model_id(&self) -> &str {
        &self.model
    }

    async fn complete(&self, request: &ChatRequest) -> Result<String, ModelError> {
        let body = serde_json::to_vec(&self.body(request))
            .map_err(|e| ModelError::Rejected(Box::new(e)))?;
        let mut call = self
            .http
            .post(&self.endpoint)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body);
        if let Some(key) = &self.api_key {
            call = call.bearer_auth(key);
        }
        let response = call
            .send()
            .await
            .map_err(|e| ModelError::Transient(Box::new(e)))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = read_capped(response).await?;
        if !(200..300).contains(&status) {
            let snippet: String = String::from_utf8_lossy(&body).chars().take(300).collect();
            return Err(HttpStatus {
                status,
                body: snippet,
                retry_after,
            }
            .into_model_error());
        }
        let reply: Value = serde_json::from_slice(&body)
            .map_err(|e| ModelError::NoAnswer(format!("the response is not JSON: {e}")))?;
        let message = &reply["choices"][0]["message"];
        if let Some(refusal) = message["refusal"].as_str().filter(|r| !r.is_empty()) {
            return Err(ModelError::NoAnswer(format!(
                "the model refused: {}",
                refusal.chars().take(200).collect::<String>()
            )));
        }
        match message["content"].as_str() {
            Some(content) if !content.trim().is_empty() => Ok(content.to_owned()),
            _ => Err(ModelError::NoAnswer(
                "the response has no message content".to_owned(),
            )),
        }
    }
}

/// `Retry-After: 2` → 2 s. The HTTP-date form is rare from APIs and is ignored.
fn parse_retry_after(value: &str) -> Option<std::time::Duration> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .map(std::time::Duration::from_secs)
}

async fn read_capped(response: reqwest::Response) -> Result<Vec<u8>, ModelError> {
    let mut body = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| ModelError::Transient(Box::new(e)))?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ModelError::NoAnswer("the response is too large".to_owned()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_are_read() {
        assert_eq!(
            parse_retry_after(" 3 "),
            Some(std::time::Duration::from_secs(3))
        );
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn base_urls_must_be_http() {
        assert!(OpenAiChat::new("ftp://x", None, "m").is_err());
        assert!(OpenAiChat::new("not a url", None, "m").is_err());
        let chat = OpenAiChat::new("https://api.example.com/v1/", None, "m").unwrap();
        assert_eq!(chat.endpoint, "https://api.example.com/v1/chat/completions");
    }
}
