//! The endpoint variables exactly as template.yaml gives them to every function on AWS —
//! declared (empty) only so that `sam local invoke --env-vars` may set them, with
//! `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` — leave every client on the service's own
//! regional endpoint; the values `provision --sam-env-json` writes move them to the emulators.
//! (Without the flag the SDK would take the empty endpoint, and panic on it.) One test in its
//! own binary, because it sets the process environment the SDK reads.

use std::sync::{Arc, Mutex};

use agent_builder_aws as aws;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use serde_yaml_ng::Value;

/// Records where each request would go, and sends nothing.
#[derive(Debug, Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

impl HttpConnector for Capture {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        self.0.lock().unwrap().push(request.uri().to_owned());
        HttpConnectorFuture::ready(Err(ConnectorError::other("captured".into(), None)))
    }
}

impl HttpClient for Capture {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// The hosts (with ports) DynamoDB, SQS and EventBridge requests go to under the current
/// environment.
async fn hosts() -> Vec<String> {
    let capture = Capture::default();
    let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(capture.clone())
        .retry_config(aws_config::retry::RetryConfig::disabled())
        .load()
        .await;
    let _ = aws::dynamodb_client(&sdk)
        .describe_table()
        .table_name("t")
        .send()
        .await;
    let _ = aws::sqs_client(&sdk)
        .get_queue_url()
        .queue_name("q")
        .send()
        .await;
    let _ = aws::eventbridge_client(&sdk)
        .list_event_buses()
        .send()
        .await;
    let uris = capture.0.lock().unwrap().clone();
    uris.iter()
        .map(|u| {
            let u = url::Url::parse(u).unwrap();
            match u.port() {
                Some(p) => format!("{}:{p}", u.host_str().unwrap()),
                None => u.host_str().unwrap().to_owned(),
            }
        })
        .collect()
}

#[tokio::test]
async fn the_templates_endpoint_variables_change_nothing_on_aws_and_redirect_locally() {
    let template: Value = serde_yaml_ng::from_str(include_str!("../../../template.yaml")).unwrap();
    let globals = template["Globals"]["Function"]["Environment"]["Variables"]
        .as_mapping()
        .unwrap();
    for key in std::env::vars()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("AWS_"))
    {
        std::env::remove_var(key);
    }
    std::env::set_var("AWS_REGION", "eu-west-1");
    std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDTEST");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "test");
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    let mut declared = 0;
    for (name, value) in globals {
        let name = name.as_str().unwrap();
        if name.starts_with("AWS_") {
            std::env::set_var(name, value.as_str().expect("a literal value"));
            declared += 1;
        }
    }
    assert_eq!(declared, 4, "the flag and three endpoints");

    assert_eq!(
        hosts().await,
        [
            "dynamodb.eu-west-1.amazonaws.com",
            "sqs.eu-west-1.amazonaws.com",
            "events.eu-west-1.amazonaws.com"
        ]
    );

    // What `provision --sam-env-json` writes for `sam local invoke`.
    std::env::set_var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
    std::env::set_var("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");
    std::env::set_var("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:5000");
    std::env::set_var("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:5000");
    assert_eq!(
        hosts().await,
        ["127.0.0.1:8000", "127.0.0.1:5000", "127.0.0.1:5000"]
    );
}
