//! `agent-builder provision --sam-env-json` against the local emulators (`bash infra/test.sh`):
//! the file names the tables it created and the emulators' endpoints for each function, and
//! the sample events' API key works against the tables it names.

use std::process::Command;

use agent_builder_aws as aws;
use agent_builder_aws::dynamodb::DynamoApiKeys;
use agent_builder_core::domain::ApiKey;
use agent_builder_core::store::ApiKeyStore;
use agent_builder_local::sam_env::SAMPLE_EVENTS_KEY;
use serde_json::Value;

#[tokio::test]
async fn the_env_file_points_every_function_at_the_emulators_and_the_sample_key_is_registered() {
    let ddb = std::env::var("AWS_ENDPOINT_URL_DYNAMODB")
        .expect("needs the local emulators: run `bash infra/test.sh`");
    let dir = std::env::temp_dir().join(format!("ab-sam-env-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("env.json");
    let prefix = format!("samenv{}", std::process::id());

    let out = Command::new(env!("CARGO_BIN_EXE_agent-builder"))
        .args(["provision", "--prefix", &prefix, "--sam-env-json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let env: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for function in ["CreateJobFunction", "GetJobFunction", "WorkerFunction"] {
        let vars = &env[function];
        assert_eq!(
            vars["AWS_ENDPOINT_URL_DYNAMODB"],
            ddb.as_str(),
            "{function}"
        );
        assert_eq!(vars["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"], "false");
        assert_eq!(vars["JOBS_TABLE"], format!("{prefix}-jobs"));
    }
    // Each function gets the tables and queues it uses (the template names just those).
    for function in ["CreateJobFunction", "GetJobFunction"] {
        assert_eq!(
            env[function]["API_KEYS_TABLE"],
            format!("{prefix}-api-keys")
        );
    }
    for function in ["CreateJobFunction", "WorkerFunction"] {
        assert!(env[function]["JOB_QUEUE_URL"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{prefix}-jobs")));
    }
    assert!(env["GetJobFunction"].get("JOB_QUEUE_URL").is_none());
    assert_eq!(env["WorkerFunction"]["GENERATOR"], "template");

    let sdk = aws::load_sdk_config().await;
    let store = DynamoApiKeys::new(
        aws::dynamodb_client(&sdk),
        env["CreateJobFunction"]["API_KEYS_TABLE"].as_str().unwrap(),
    );
    let record = store
        .find_api_key(&ApiKey::from_presented(SAMPLE_EVENTS_KEY).hash())
        .await
        .unwrap()
        .expect("the sample events' key is registered");
    assert_eq!(record.workspace_id.as_str(), "demo");
    assert!(!record.revoked);

    // For containers that reach this machine by another name.
    let moved = dir.join("docker-desktop.json");
    let out = Command::new(env!("CARGO_BIN_EXE_agent-builder"))
        .args([
            "provision",
            "--prefix",
            &prefix,
            "--container-host",
            "host.docker.internal",
            "--sam-env-json",
        ])
        .arg(&moved)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let env: Value = serde_json::from_str(&std::fs::read_to_string(&moved).unwrap()).unwrap();
    assert!(env["GetJobFunction"]["AWS_ENDPOINT_URL_SQS"]
        .as_str()
        .unwrap()
        .starts_with("http://host.docker.internal:"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn without_emulator_endpoints_nothing_is_provisioned_or_written() {
    let file = std::env::temp_dir().join(format!("ab-sam-env-refused-{}.json", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_agent-builder"))
        .args(["provision", "--prefix", "refused", "--sam-env-json"])
        .arg(&file)
        .env_remove("AWS_ENDPOINT_URL_DYNAMODB")
        .env_remove("AWS_ENDPOINT_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("AWS_ENDPOINT_URL_DYNAMODB is not set"),
        "{stderr}"
    );
    assert!(!file.exists());
}
