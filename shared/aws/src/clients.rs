//! AWS clients, built once per cold start. Endpoints come from the standard environment
//! (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SQS`), which is how the local emulators are
//! reached with no code change.
//!
//! Every SDK client made from one [`load_sdk_config`] (a function loads it once) shares one
//! HTTPS client ([`https_client`]):
//! - rustls on **ring**, the crypto library reqwest (the crawler) already links. The SDKs'
//!   default client would add aws-lc (and a legacy hyper 0.14 / rustls 0.21 stack) to every
//!   function's zip.
//! - its connector, and so its root certificate store, is built **once, on the first request**,
//!   and shared by every SDK client made from that configuration. The default client builds
//!   one per SDK client during init, and reads the system's certificate files there, which was
//!   most of a function's cold start (BENCHMARKS.md, issue 17). The roots are still the
//!   system's (`SSL_CERT_FILE`, `SSL_CERT_DIR`, or the platform's store), read once per
//!   process.

use aws_config::{BehaviorVersion, SdkConfig};
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_http_client::{Builder, ConnectorBuilder};
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::shared::IntoShared;

pub async fn load_sdk_config() -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .http_client(https_client())
        .load()
        .await
}

pub fn dynamodb_client(sdk: &SdkConfig) -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::new(sdk)
}

pub fn sqs_client(sdk: &SdkConfig) -> aws_sdk_sqs::Client {
    aws_sdk_sqs::Client::new(sdk)
}

pub fn eventbridge_client(sdk: &SdkConfig) -> aws_sdk_eventbridge::Client {
    aws_sdk_eventbridge::Client::new(sdk)
}

/// A new HTTPS client for the AWS SDKs (see the module docs). Every SDK client made from one
/// [`load_sdk_config`] shares the one it was given; a client built from its own
/// `Config::builder()` is given one with `.http_client(https_client())`.
///
/// A new one per call, not one per process: its connection pool belongs to the tokio runtime
/// its connections were made on, and tests run one runtime each. The system's roots are read
/// once per process all the same (the smithy client caches them).
pub fn https_client() -> SharedHttpClient {
    let inner = Builder::new().build_with_connector_fn(move |settings, components| {
        let mut connector =
            ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(CryptoMode::Ring));
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        // As the SDKs' own client does (HTTPS_PROXY, NO_PROXY, …).
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    });
    BuiltOnFirstUse(inner).into_shared()
}

/// The smithy client, minus its `validate_base_client_config`, which builds a connector (a TLS
/// configuration and root store) for every SDK client made from it, at init, and drops it. The
/// connector is built on the first request instead and cached by the inner client for all.
#[derive(Debug)]
struct BuiltOnFirstUse(SharedHttpClient);

impl HttpClient for BuiltOnFirstUse {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        self.0.http_connector(settings, components)
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        self.0.connector_metadata()
    }
}
