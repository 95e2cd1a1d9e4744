//! `create-api-key --stack`, `revoke-api-key --stack` and `webhook-secret --stack` find their
//! tables in a deployed stack's outputs through the CloudFormation API. Here the stack lives in
//! moto's CloudFormation (the moto server `bash infra/test.sh` starts serves every service on
//! one port) and its outputs name tables on DynamoDB Local.

use std::process::{Command, Stdio};

use agent_builder_aws as aws;
use agent_builder_aws::dynamodb::DynamoStore;
use agent_builder_core::domain::ApiKey;
use agent_builder_core::store::ApiKeyStore;
use agent_builder_local::provision::provision;
use serde_json::json;

/// moto serves CloudFormation where it serves SQS.
fn cloudformation_endpoint() -> String {
    std::env::var("AWS_ENDPOINT_URL_SQS")
        .expect("needs the local emulators: run `bash infra/test.sh`")
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_agent-builder"))
        .args(args)
        // Only the stack may name the tables.
        .env_remove("API_KEYS_TABLE")
        .env_remove("WORKSPACES_TABLE")
        .env("AWS_ENDPOINT_URL_CLOUDFORMATION", cloudformation_endpoint())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn create_stack(
    client: &aws_sdk_cloudformation::Client,
    name: &str,
    outputs: serde_json::Value,
) {
    let template = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {"Placeholder": {"Type": "AWS::SNS::Topic"}},
        "Outputs": outputs,
    });
    client
        .create_stack()
        .stack_name(name)
        .template_body(template.to_string())
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn commands_read_the_table_names_from_the_stack_outputs() {
    let sdk = aws::load_sdk_config().await;
    let dynamodb = aws::dynamodb_client(&sdk);
    let prefix = format!("stack{}", std::process::id());
    let resources = provision(&dynamodb, &aws::sqs_client(&sdk), &prefix)
        .await
        .unwrap();
    let cfn = aws_sdk_cloudformation::Client::from_conf(
        aws_sdk_cloudformation::config::Builder::from(&sdk)
            .endpoint_url(cloudformation_endpoint())
            .build(),
    );
    let stack = format!("agent-builder-{prefix}");
    create_stack(
        &cfn,
        &stack,
        json!({
            "ApiKeysTableName": {"Value": resources.tables.api_keys},
            "WorkspacesTableName": {"Value": resources.tables.workspaces},
            "JobsTableName": {"Value": resources.tables.jobs},
        }),
    )
    .await;

    let (ok, stdout, stderr) = run(&[
        "create-api-key",
        "--stack",
        &stack,
        "--workspace",
        "acme",
        "--label",
        "first key",
    ]);
    assert!(ok, "{stderr}");
    let key = stdout.trim().to_owned();
    assert!(key.starts_with("ab_") && key.len() == 43, "{key}");
    assert!(stderr.contains(&resources.tables.api_keys), "{stderr}");
    let store = DynamoStore::new(dynamodb.clone(), resources.tables.clone());
    let record = store
        .find_api_key(&ApiKey::from_presented(&key).hash())
        .await
        .unwrap()
        .expect("stored in the table the stack names");
    assert_eq!(record.workspace_id.as_str(), "acme");
    assert_eq!(record.label, "first key");

    let (ok, _, stderr) = run(&["revoke-api-key", "--stack", &stack, "--key", &key]);
    assert!(ok, "{stderr}");
    let record = store
        .find_api_key(&ApiKey::from_presented(&key).hash())
        .await
        .unwrap()
        .unwrap();
    assert!(record.revoked);

    let (ok, stdout, stderr) = run(&["webhook-secret", "--stack", &stack, "--workspace", "acme"]);
    assert!(ok, "{stderr}");
    assert!(stdout.trim().starts_with("whsec_"), "{stdout}");
    let item = dynamodb
        .get_item()
        .table_name(&resources.tables.workspaces)
        .key(
            "workspace_id",
            aws_sdk_dynamodb::types::AttributeValue::S("acme".into()),
        )
        .send()
        .await
        .unwrap();
    assert!(item.item().is_some(), "the secret is in the stack's table");
}

#[tokio::test]
async fn a_missing_stack_or_output_is_a_clear_error() {
    let sdk = aws::load_sdk_config().await;
    let cfn = aws_sdk_cloudformation::Client::from_conf(
        aws_sdk_cloudformation::config::Builder::from(&sdk)
            .endpoint_url(cloudformation_endpoint())
            .build(),
    );
    let (ok, stdout, stderr) = run(&[
        "create-api-key",
        "--stack",
        "no-such-agent-builder-stack",
        "--workspace",
        "acme",
    ]);
    assert!(!ok);
    assert!(stdout.is_empty(), "no key printed: {stdout}");
    assert!(
        stderr.contains("no stack named no-such-agent-builder-stack"),
        "{stderr}"
    );

    let stack = format!("not-agent-builder-{}", std::process::id());
    create_stack(&cfn, &stack, json!({"Something": {"Value": "else"}})).await;
    let (ok, stdout, stderr) = run(&["create-api-key", "--stack", &stack, "--workspace", "acme"]);
    assert!(!ok);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("has no output ApiKeysTableName"),
        "{stderr}"
    );

    let (ok, _, stderr) = run(&["create-api-key", "--workspace", "acme"]);
    assert!(!ok);
    assert!(stderr.contains("give --stack"), "{stderr}");
}
