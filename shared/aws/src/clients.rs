//! AWS clients, built once per cold start. Endpoints come from the standard environment
//! (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SQS`), which is how the local emulators are
//! reached with no code change.
//!
//! Every SDK client of a process shares one HTTPS client ([`https_client`]):
//! - rustls on **ring**, the crypto library reqwest (the crawler) already links. The SDKs'
//!   default client would add aws-lc (and a legacy hyper 0.14 / rustls 0.21 stack) to every
//!   function's zip.
//! - trusting **Mozilla's root certificates, compiled in** (`webpki-root-certs`, the roots the
//!   crawler trusts too). The default client reads the system's certificate files at init,
//!   which was most of a function's cold start (BENCHMARKS.md, issue 17). An operator who
//!   names a certificate file or directory (`SSL_CERT_FILE`, `SSL_CERT_DIR`: a private CA in
//!   front of an endpoint) gets those trusted as well.
//! - its connector, and so its root store, is built on the first request and then shared by
//!   every SDK client: the default one builds a root store for each client at init.

use std::sync::OnceLock;

use aws_config::{BehaviorVersion, SdkConfig};
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use aws_smithy_http_client::{Builder, ConnectorBuilder};
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::shared::IntoShared;
use base64::Engine as _;

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

/// The process's one HTTPS client for the AWS SDKs (see the module docs). Clients built from
/// [`load_sdk_config`] already have it; a client built from its own `Config::builder()` is
/// given it with `.http_client(https_client())`.
pub fn https_client() -> SharedHttpClient {
    static CLIENT: OnceLock<SharedHttpClient> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            let named = |var| std::env::var_os(var).is_some_and(|v| !v.is_empty());
            build_https_client(named("SSL_CERT_FILE") || named("SSL_CERT_DIR"))
        })
        .clone()
}

/// A new HTTPS client as [`https_client`] describes, trusting Mozilla's roots and, when
/// `with_system_roots`, the system's (`SSL_CERT_FILE`, `SSL_CERT_DIR`, the platform's store).
/// Functions use [`https_client`]; this is for tests that need their own.
pub fn build_https_client(with_system_roots: bool) -> SharedHttpClient {
    let tls = TlsContext::builder()
        .with_trust_store(trust_store(with_system_roots))
        .build()
        .expect("a TLS context of a trust store always builds");
    let inner = Builder::new().build_with_connector_fn(move |settings, components| {
        let mut connector = ConnectorBuilder::default()
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .tls_context(tls.clone());
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

/// Mozilla's roots as one PEM bundle, plus the system's when `with_system_roots`.
fn trust_store(with_system_roots: bool) -> TrustStore {
    TrustStore::empty()
        .with_native_roots(with_system_roots)
        .with_pem_certificate(mozilla_roots_pem())
}

fn mozilla_roots_pem() -> Vec<u8> {
    let mut pem = String::with_capacity(webpki_root_certs::TLS_SERVER_ROOT_CERTS.len() * 2_000);
    for cert in webpki_root_certs::TLS_SERVER_ROOT_CERTS {
        let body = base64::engine::general_purpose::STANDARD.encode(cert.as_ref());
        pem.push_str("-----BEGIN CERTIFICATE-----\n");
        for line in body.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
    }
    pem.into_bytes()
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

#[cfg(test)]
mod tests {
    use super::*;
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;

    #[test]
    fn the_pem_bundle_holds_every_mozilla_root_unchanged() {
        let pem = mozilla_roots_pem();
        let parsed: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(parsed.len() > 100, "{} roots", parsed.len());
        assert_eq!(parsed.len(), webpki_root_certs::TLS_SERVER_ROOT_CERTS.len());
        for (ours, theirs) in parsed.iter().zip(webpki_root_certs::TLS_SERVER_ROOT_CERTS) {
            assert_eq!(ours.as_ref(), theirs.as_ref());
        }
    }
}
