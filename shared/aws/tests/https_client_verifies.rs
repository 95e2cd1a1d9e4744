//! The AWS SDKs' one HTTPS client (`clients.rs`: rustls on ring, the system's roots) verifies
//! certificates: a TLS server on 127.0.0.1 whose CA the system does not trust is refused.
//! (Its own test binary: the roots are read once per process, and `ssl_cert_file.rs` names a
//! file of its own.)

mod support;

use agent_builder_aws as aws;

#[tokio::test]
async fn a_server_whose_ca_is_not_trusted_is_refused() {
    let (_ca, endpoint) = support::tls_server().await;
    let err = support::dynamodb(&endpoint, aws::https_client())
        .list_tables()
        .send()
        .await
        .expect_err("a certificate from an unknown CA must not be accepted");
    let chain = format!(
        "{:?}",
        aws_smithy_types::error::display::DisplayErrorContext(&err)
    );
    assert!(
        chain.contains("UnknownIssuer"),
        "not refused for its certificate: {chain}"
    );
}
