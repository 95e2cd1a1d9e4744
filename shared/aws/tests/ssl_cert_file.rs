//! The AWS SDKs' one HTTPS client (`clients.rs`) trusts a CA the operator names in
//! `SSL_CERT_FILE`, and a DynamoDB call then goes through end to end over TLS to a server on
//! 127.0.0.1 with a certificate from that CA. (Its own test binary: the system's roots are read
//! once per process, and this test sets `SSL_CERT_FILE` before they are.)

mod support;

use agent_builder_aws as aws;

#[tokio::test]
async fn a_ca_named_in_ssl_cert_file_is_trusted() {
    let (ca, endpoint) = support::tls_server().await;
    let dir = std::env::temp_dir().join(format!("ab-https-client-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    std::env::set_var("SSL_CERT_FILE", &ca_file);
    std::env::remove_var("SSL_CERT_DIR");

    let tables = support::dynamodb(&endpoint, aws::https_client())
        .list_tables()
        .send()
        .await
        .expect("the named CA's server is trusted");
    assert_eq!(tables.table_names(), ["over-tls"]);
    let _ = std::fs::remove_dir_all(dir);
}
