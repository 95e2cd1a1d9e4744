//! Secrets the functions need, read once per cold start from AWS Secrets Manager and then held
//! in memory for the life of the execution environment: never put in the environment (where
//! the function's configuration would show them) and never logged.

use async_trait::async_trait;

use crate::config::{GeneratorSettings, Secret};

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The read failed (no permission, no such secret, network); the source says which.
    #[error("reading the secret {id} from Secrets Manager failed")]
    Read {
        id: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("the secret {0} holds no string value (or an empty one)")]
    Empty(String),
}

/// Where secrets come from: Secrets Manager when deployed, a map in tests.
#[async_trait]
pub trait SecretSource: Send + Sync {
    /// The secret's current string value, by name or ARN.
    async fn secret_string(&self, id: &str) -> Result<Secret, SecretError>;
}

/// Secrets Manager through the SDK (`GetSecretValue` of the current version).
pub struct SecretsManager {
    client: aws_sdk_secretsmanager::Client,
}

impl SecretsManager {
    pub fn new(client: aws_sdk_secretsmanager::Client) -> Self {
        Self { client }
    }
}

#[async_trait]
impl SecretSource for SecretsManager {
    async fn secret_string(&self, id: &str) -> Result<Secret, SecretError> {
        let out = self
            .client
            .get_secret_value()
            .secret_id(id)
            .send()
            .await
            .map_err(|e| SecretError::Read {
                id: id.to_owned(),
                source: aws_sdk_secretsmanager::error::DisplayErrorContext(&e)
                    .to_string()
                    .into(),
            })?;
        out.secret_string()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Secret(s.to_owned()))
            .ok_or_else(|| SecretError::Empty(id.to_owned()))
    }
}

/// The API key in a secret's string: the string itself, or — for secrets made as key/value
/// pairs in the console — the value of `api_key` (or `OPENAI_API_KEY`) in its JSON object.
pub fn api_key_in(secret: &Secret) -> Option<Secret> {
    let text = secret.0.trim();
    if text.starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        return ["api_key", "OPENAI_API_KEY"]
            .iter()
            .find_map(|k| value.get(k)?.as_str())
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(|k| Secret(k.to_owned()));
    }
    Some(Secret(text.to_owned()))
}

/// Reads the secrets the generator settings name (today: the OpenAI-compatible API key behind
/// `OPENAI_API_KEY_SECRET_ARN`) and puts their values in place. Called once, at cold start;
/// does nothing when no secret is named.
pub async fn load_generator_secrets(
    settings: &mut GeneratorSettings,
    source: &dyn SecretSource,
) -> Result<(), SecretError> {
    let GeneratorSettings::Openai { openai, .. } = settings else {
        return Ok(());
    };
    let Some(id) = openai.api_key_secret_arn.clone() else {
        return Ok(());
    };
    let secret = source.secret_string(&id).await?;
    openai.api_key = Some(api_key_in(&secret).ok_or(SecretError::Empty(id))?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sigv4;
    use serde_json::json;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const SECRET_ARN: &str =
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-builder/openai-AbCdEf";
    const SECRET_KEY: &str = "test-secret-access-key";

    fn client(server: &MockServer) -> aws_sdk_secretsmanager::Client {
        use aws_sdk_secretsmanager::config::{BehaviorVersion, Credentials, Region};
        let conf = aws_sdk_secretsmanager::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-west-1"))
            .credentials_provider(Credentials::new("AKIDTEST", SECRET_KEY, None, None, "test"))
            .endpoint_url(server.uri())
            .http_client(agent_builder_aws::https_client())
            .build();
        aws_sdk_secretsmanager::Client::from_conf(conf)
    }

    fn reply(secret_string: &str) -> ResponseTemplate {
        ResponseTemplate::new(200)
            .insert_header("content-type", "application/x-amz-json-1.1")
            .set_body_json(json!({
                "ARN": SECRET_ARN,
                "Name": "agent-builder/openai",
                "VersionId": "v1",
                "SecretString": secret_string,
                "VersionStages": ["AWSCURRENT"],
                "CreatedDate": 1_796_000_000.0
            }))
    }

    /// The OpenAI-compatible key the settings hold.
    fn api_key(settings: &GeneratorSettings) -> Option<&Secret> {
        match settings {
            GeneratorSettings::Openai { openai, .. } => openai.api_key.as_ref(),
            other => panic!("not an OpenAI-compatible generator: {other:?}"),
        }
    }

    fn openai_settings() -> GeneratorSettings {
        GeneratorSettings::from_lookup(&|name: &str| match name {
            "GENERATOR" => Some("openai".into()),
            "OPENAI_BASE_URL" => Some("https://api.openai.com/v1".into()),
            "OPENAI_MODEL" => Some("gpt-4o-mini".into()),
            "OPENAI_API_KEY_SECRET_ARN" => Some(SECRET_ARN.into()),
            _ => None,
        })
        .unwrap()
    }

    #[tokio::test]
    async fn the_key_is_read_once_with_a_signed_get_secret_value_for_the_configured_arn() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/"))
            .and(header("x-amz-target", "secretsmanager.GetSecretValue"))
            .respond_with(reply("sk-live-0123456789"))
            .expect(1)
            .mount(&server)
            .await;

        let mut settings = openai_settings();
        assert!(api_key(&settings).is_none());
        load_generator_secrets(&mut settings, &SecretsManager::new(client(&server)))
            .await
            .unwrap();
        assert_eq!(
            api_key(&settings),
            Some(&Secret("sk-live-0123456789".into()))
        );
        assert!(
            !format!("{settings:?}").contains("sk-live"),
            "never in Debug"
        );

        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1);
        let signed = sigv4::verify(&requests[0], SECRET_KEY).unwrap();
        assert_eq!(signed.access_key, "AKIDTEST");
        assert_eq!(signed.service, "secretsmanager");
        assert_eq!(signed.region, "eu-west-1");
        let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
        assert_eq!(body["SecretId"], SECRET_ARN);
    }

    #[tokio::test]
    async fn a_key_value_secret_gives_its_api_key_and_a_missing_one_is_a_clear_error() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(reply(r#"{"api_key": " sk-from-json "}"#))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(reply(r#"{"username": "nobody"}"#))
            .up_to_n_times(1)
            .with_priority(2)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(400)
                    .insert_header("x-amzn-errortype", "ResourceNotFoundException")
                    .set_body_json(json!({
                        "__type": "ResourceNotFoundException",
                        "message": "Secrets Manager can't find the specified secret."
                    })),
            )
            .with_priority(3)
            .mount(&server)
            .await;
        let source = SecretsManager::new(client(&server));

        let mut settings = openai_settings();
        load_generator_secrets(&mut settings, &source)
            .await
            .unwrap();
        assert_eq!(api_key(&settings), Some(&Secret("sk-from-json".into())));

        let err = load_generator_secrets(&mut openai_settings(), &source)
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("the secret {SECRET_ARN} holds no string value (or an empty one)")
        );

        let err = load_generator_secrets(&mut openai_settings(), &source)
            .await
            .unwrap_err();
        assert!(matches!(err, SecretError::Read { .. }), "{err:?}");
        let chain = crate::error::error_chain(&err);
        assert!(chain.contains(SECRET_ARN), "{chain}");
        assert!(chain.contains("ResourceNotFoundException"), "{chain}");
    }

    #[tokio::test]
    async fn nothing_is_read_when_no_secret_is_named() {
        struct Unreachable;
        #[async_trait]
        impl SecretSource for Unreachable {
            async fn secret_string(&self, id: &str) -> Result<Secret, SecretError> {
                panic!("read {id}")
            }
        }
        let mut settings = GeneratorSettings::default();
        load_generator_secrets(&mut settings, &Unreachable)
            .await
            .unwrap();
        let mut settings = GeneratorSettings::from_lookup(&|name: &str| match name {
            "GENERATOR" => Some("openai".into()),
            "OPENAI_BASE_URL" => Some("http://127.0.0.1:8080/v1".into()),
            "OPENAI_MODEL" => Some("local".into()),
            _ => None,
        })
        .unwrap();
        load_generator_secrets(&mut settings, &Unreachable)
            .await
            .unwrap();
        assert!(api_key(&settings).is_none());
    }
}
