//! AWS Bedrock through the Converse API. Structured output is a forced tool call: the tool's
//! input schema is the agent draft's JSON Schema, so the answer arrives as the tool's input.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_bedrockruntime::config::http::HttpResponse;
use aws_sdk_bedrockruntime::error::SdkError;
use aws_sdk_bedrockruntime::operation::converse::ConverseError;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, ConverseOutput, InferenceConfiguration, Message,
    SpecificToolChoice, SystemContentBlock, Tool, ToolChoice, ToolConfiguration, ToolInputSchema,
    ToolSpecification,
};
use aws_smithy_types::{Document, Number};
use serde_json::Value;

use super::{ChatModel, ChatRequest, ModelError};
use crate::domain::GeneratorKind;
use crate::generate::draft::draft_schema;

const TOOL_NAME: &str = "record_voice_agent";

pub struct BedrockChat {
    client: aws_sdk_bedrockruntime::Client,
    model_id: String,
}

impl BedrockChat {
    /// The client should have the SDK's own retries off: the generator retries every provider
    /// the same way.
    pub fn new(client: aws_sdk_bedrockruntime::Client, model_id: impl Into<String>) -> Self {
        Self {
            client,
            model_id: model_id.into(),
        }
    }

    fn tool_config() -> Result<ToolConfiguration, ModelError> {
        let rejected =
            |e: aws_smithy_types::error::operation::BuildError| ModelError::Rejected(Box::new(e));
        let spec = ToolSpecification::builder()
            .name(TOOL_NAME)
            .description("Record the phone agent's configuration.")
            .input_schema(ToolInputSchema::Json(to_document(&draft_schema(false))))
            .build()
            .map_err(rejected)?;
        ToolConfiguration::builder()
            .tools(Tool::ToolSpec(spec))
            .tool_choice(ToolChoice::Tool(
                SpecificToolChoice::builder()
                    .name(TOOL_NAME)
                    .build()
                    .map_err(rejected)?,
            ))
            .build()
            .map_err(rejected)
    }
}

#[async_trait]
impl ChatModel for BedrockChat {
    fn kind(&self) -> GeneratorKind {
        GeneratorKind::Bedrock
    }

    fn model_id(&self) -> &str {
        &self.model_id
    }

    async fn complete(&self, request: &ChatRequest) -> Result<String, ModelError> {
        let message = Message::builder()
            .role(ConversationRole::User)
            .content(ContentBlock::Text(request.user.clone()))
            .build()
            .map_err(|e| ModelError::Rejected(Box::new(e)))?;
        let output = self
            .client
            .converse()
            .model_id(&self.model_id)
            .system(SystemContentBlock::Text(request.system.clone()))
            .messages(message)
            .tool_config(Self::tool_config()?)
            .inference_config(
                InferenceConfiguration::builder()
                    .temperature(0.2)
                    .max_tokens(4_096)
                    .build(),
            )
            .send()
            .await
            .map_err(classify)?;
        let Some(ConverseOutput::Message(message)) = output.output() else {
            return Err(ModelError::NoAnswer(
                "the response has no message".to_owned(),
            ));
        };
        let mut text = None;
        for block in message.content() {
            match block {
                ContentBlock::ToolUse(tool) => return Ok(to_json(tool.input()).to_string()),
                // A model that answers in text instead of calling the tool may still have
                // written the JSON; parsing decides.
                ContentBlock::Text(t) if text.is_none() => text = Some(t.clone()),
                _ => {}
            }
        }
        text.ok_or_else(|| ModelError::NoAnswer("the response called no tool".to_owned()))
    }
}

/// Throttling, server errors, timeouts and connection failures are transient; the rest
/// (access denied, unknown model, validation) need a configuration change.
fn classify(err: SdkError<ConverseError, HttpResponse>) -> ModelError {
    let status = err.raw_response().map(|r| r.status().as_u16());
    let transient = match &err {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            true
        }
        SdkError::ServiceError(service) => {
            let e = service.err();
            e.is_throttling_exception()
                || e.is_internal_server_exception()
                || e.is_service_unavailable_exception()
                || e.is_model_not_ready_exception()
                || e.is_model_timeout_exception()
                || e.is_model_error_exception()
                || status.is_some_and(|s| s == 429 || s >= 500)
        }
        _ => false,
    };
    if transient {
        ModelError::Transient(Box::new(err))
    } else {
        ModelError::Rejected(Box::new(err))
    }
}

pub fn to_document(value: &Value) -> Document {
    match value {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
            Number::PosInt(u)
        } else if let Some(i) = n.as_i64() {
            Number::NegInt(i)
        } else {
            Number::Float(n.as_f64().unwrap_or_default())
        }),
        Value::String(s) => Document::String(s.clone()),
        Value::Array(items) => Document::Array(items.iter().map(to_document).collect()),
        Value::Object(map) => Document::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), to_document(v)))
                .collect::<HashMap<_, _>>(),
        ),
    }
}

pub fn to_json(doc: &Document) -> Value {
    match doc {
        Document::Null => Value::Null,
        Document::Bool(b) => Value::Bool(*b),
        Document::Number(Number::PosInt(u)) => Value::from(*u),
        Document::Number(Number::NegInt(i)) => Value::from(*i),
        Document::Number(Number::Float(f)) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        Document::String(s) => Value::String(s.clone()),
        Document::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Document::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}
