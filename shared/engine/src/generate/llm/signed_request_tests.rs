//! Bedrock as AWS sees it: the Converse request for a cross-Region inference profile (by id and
//! by ARN) must arrive signed with SigV4 for the `bedrock` service in the caller's Region, with
//! the profile in the signed path — what IAM then authorises against the template's
//! statements. And every fallback to the template is counted for the alarm.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{BedrockChat, FallbackPolicy, LlmGenerator, LlmSettings};
use crate::domain::{GeneratorKind, Instructions};
use crate::generate::{GenerationInput, Generator, TemplateGenerator};
use crate::metrics::{MemoryMetrics, Metric};
use crate::test_support::sigv4;

const PROFILE_ID: &str = "us.amazon.nova-lite-v1:0";
const PROFILE_ARN: &str =
    "arn:aws:bedrock:us-east-2:123456789012:inference-profile/us.amazon.nova-lite-v1:0";
const SECRET_KEY: &str = "test-secret-access-key";

fn generator(server: &MockServer, model_id: &str, fallback: FallbackPolicy) -> LlmGenerator {
    use aws_sdk_bedrockruntime::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_bedrockruntime::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-2"))
        .credentials_provider(Credentials::new("AKIDTEST", SECRET_KEY, None, None, "test"))
        .endpoint_url(server.uri())
        .http_client(agent_builder_aws::https_client())
        .retry_config(aws_sdk_bedrockruntime::config::retry::RetryConfig::disabled())
        .build();
    LlmGenerator::new(
        Arc::new(BedrockChat::new(
            aws_sdk_bedrockruntime::Client::from_conf(conf),
            model_id,
        )),
        TemplateGenerator::new("alloy"),
        LlmSettings {
            request_timeout: Duration::from_secs(5),
            min_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
            fallback,
            ..LlmSettings::default()
        },
    )
}

fn input() -> GenerationInput {
    GenerationInput {
        site: None,
        instructions: Instructions::parse(
            "Front desk for Bright Smile Dental in Austin; focus on booking cleanings.",
        )
        .unwrap(),
    }
}

fn converse_reply() -> ResponseTemplate {
    let agent = json!({
        "name": "Bright Smile Dental",
        "personality": "You are the warm, capable receptionist of Bright Smile Dental, a family dental practice in Austin.",
        "goals": [
            "Greet the caller and ask how you can help.",
            "Offer to book a cleaning and collect the caller's name and preferred times.",
            "Summarise next steps and thank the caller."
        ],
        "guardrails": ["Do not discuss other patients."],
        "tone": "Friendly",
        "greeting": "Hi, thanks for calling Bright Smile Dental! How can I help you today?"
    });
    ResponseTemplate::new(200).set_body_json(json!({
        "output": {"message": {"role": "assistant", "content": [
            {"toolUse": {"toolUseId": "tooluse_1", "name": "record_voice_agent", "input": agent}}
        ]}},
        "stopReason": "tool_use",
        "usage": {"inputTokens": 100, "outputTokens": 50, "totalTokens": 150},
        "metrics": {"latencyMs": 120}
    }))
}

async fn mount(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path_regex(r"^/model/[^/]+/converse$"))
        .respond_with(response)
        .mount(server)
        .await;
}

/// The model segment of `/model/{id}/converse`, percent-decoded.
fn model_in_path(request: &Request) -> String {
    let segment = request.url.path_segments().unwrap().nth(1).unwrap();
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&segment[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

async fn only_request(server: &MockServer) -> Request {
    let mut sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1);
    sent.remove(0)
}

#[tokio::test]
async fn a_cross_region_profile_id_is_invoked_with_a_valid_signature_for_bedrock() {
    let server = MockServer::start().await;
    mount(&server, converse_reply()).await;

    let agent = generator(&server, PROFILE_ID, FallbackPolicy::Fail)
        .generate(&input())
        .await
        .unwrap();
    assert_eq!(agent.metadata.generator, GeneratorKind::Bedrock);
    assert_eq!(agent.metadata.model.as_deref(), Some(PROFILE_ID));

    let request = only_request(&server).await;
    assert_eq!(model_in_path(&request), PROFILE_ID);
    let signed = sigv4::verify(&request, SECRET_KEY).unwrap();
    assert_eq!(signed.access_key, "AKIDTEST");
    assert_eq!(signed.service, "bedrock", "Converse is signed as bedrock");
    assert_eq!(signed.region, "us-east-2", "signed for the caller's Region");
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body["toolConfig"]["toolChoice"]["tool"]["name"],
        "record_voice_agent"
    );
}

#[tokio::test]
async fn an_inference_profile_arn_travels_whole_in_the_signed_path() {
    let server = MockServer::start().await;
    mount(&server, converse_reply()).await;

    generator(&server, PROFILE_ARN, FallbackPolicy::Fail)
        .generate(&input())
        .await
        .unwrap();

    let request = only_request(&server).await;
    assert_eq!(model_in_path(&request), PROFILE_ARN);
    // The ARN's '/' and ':' are escaped inside the one path segment, not path separators.
    assert_eq!(request.url.path_segments().unwrap().count(), 3);
    let signed = sigv4::verify(&request, SECRET_KEY).unwrap();
    assert_eq!(signed.service, "bedrock");
    assert!(signed.signed_headers.contains(&"host".to_owned()));
}

#[tokio::test]
async fn a_denied_model_falls_back_with_a_warning_and_is_counted_once() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(403)
            .insert_header("x-amzn-errortype", "AccessDeniedException")
            .set_body_json(json!({"message": "not authorized to perform bedrock:InvokeModel"})),
    )
    .await;
    let metrics = Arc::new(MemoryMetrics::default());

    let agent = generator(&server, PROFILE_ID, FallbackPolicy::Template)
        .with_metrics(metrics.clone())
        .generate(&input())
        .await
        .unwrap();
    assert_eq!(agent.metadata.generator, GeneratorKind::Template);
    assert!(agent.metadata.warnings[0].contains("bedrock language model could not be used"));
    assert_eq!(metrics.total(Metric::GeneratorFallbacks), 1.0);

    // A model that answers is not a fallback.
    let server = MockServer::start().await;
    mount(&server, converse_reply()).await;
    let metrics = Arc::new(MemoryMetrics::default());
    generator(&server, PROFILE_ID, FallbackPolicy::Template)
        .with_metrics(metrics.clone())
        .generate(&input())
        .await
        .unwrap();
    assert_eq!(metrics.count(Metric::GeneratorFallbacks), 0);
}
