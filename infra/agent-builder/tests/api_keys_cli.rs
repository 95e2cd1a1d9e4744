//! `agent-builder create-api-key` / `revoke-api-key` against the local DynamoDB emulator
//! (started by `bash infra/test.sh`): the key is printed once and stored only as its hash.

use std::io::Write;
use std::process::{Command, Stdio};

use agent_builder_aws as aws;
use agent_builder_aws::dynamodb::DynamoStore;
use agent_builder_core::domain::ApiKey;
use agent_builder_core::store::ApiKeyStore;
use agent_builder_local::provision::provision;

fn run(args: &[&str], table: &str, stdin: Option<&str>) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_agent-builder"))
        .args(args)
        .env("API_KEYS_TABLE", table)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn keys_are_printed_once_stored_hashed_and_revocable() {
    assert!(
        std::env::var_os("AWS_ENDPOINT_URL_DYNAMODB").is_some(),
        "needs the local emulators: run `bash infra/test.sh`"
    );
    let sdk = aws::load_sdk_config().await;
    let dynamodb = aws::dynamodb_client(&sdk);
    let prefix = format!("cli{}", std::process::id());
    let resources = provision(&dynamodb, &aws::sqs_client(&sdk), &prefix)
        .await
        .unwrap();
    let table = resources.tables.api_keys.clone();

    let (ok, stdout, stderr) = run(
        &[
            "create-api-key",
            "--workspace",
            "acme",
            "--label",
            "Acme prod",
        ],
        &table,
        None,
    );
    assert!(ok, "{stderr}");
    let key = stdout.trim().to_owned();
    assert!(key.starts_with("ab_") && key.len() == 43, "{key}");
    assert!(
        !stderr.contains(&key),
        "the key is printed once, on stdout only"
    );

    let store = DynamoStore::new(dynamodb.clone(), resources.tables.clone());
    let record = store
        .find_api_key(&ApiKey::from_presented(&key).hash())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.workspace_id.as_str(), "acme");
    assert_eq!(record.label, "Acme prod");
    assert!(!record.revoked);
    let scan = dynamodb.scan().table_name(&table).send().await.unwrap();
    let dump = format!("{:?}", scan.items());
    assert!(!dump.contains(&key), "the plaintext key is not stored");

    let (ok, _, stderr) = run(&["revoke-api-key"], &table, Some(&format!("{key}\n")));
    assert!(ok, "{stderr}");
    let record = store
        .find_api_key(&ApiKey::from_presented(&key).hash())
        .await
        .unwrap()
        .unwrap();
    assert!(record.revoked);

    let (ok, _, stderr) = run(
        &["create-api-key", "--workspace", "not a workspace!"],
        &table,
        None,
    );
    assert!(!ok);
    assert!(stderr.contains("workspace id"), "{stderr}");
}
