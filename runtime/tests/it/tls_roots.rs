//! Trusted roots, with a CA made here and a local HTTPS server whose certificate (for
//! `localhost`) it signed: refused by default, accepted once the CA is added, refused
//! again for a host name the certificate does not name.

use crate::local_servers::{http_answer, ANSWER};
use crate::scripted::THINGS;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use std::sync::Arc;
use tencentcloud_runtime::{BuildError, Client, Credentials, SdkError, TlsRoots};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto::ring, ServerConfig};

/// A CA's certificate (PEM) and a server configuration whose certificate it signed.
fn private_ca() -> (String, Arc<ServerConfig>) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone()], key)
        .unwrap();
    (ca.pem(), Arc::new(config))
}

/// An HTTPS endpoint on 127.0.0.1 answering [`ANSWER`]; its port.
async fn https_endpoint(config: Arc<ServerConfig>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = vec![0u8; 16 * 1024];
                let _ = tls.read(&mut head).await;
                let _ = tls.write_all(http_answer(ANSWER).as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    port
}

fn client(url: String, roots: Option<TlsRoots>, ca: Option<&str>) -> Result<Client, BuildError> {
    let mut builder = Client::builder(THINGS)
        .credentials(Credentials::new("AKIDtest", "testkey"))
        .endpoint_url(url)
        .proxy_environment(|_| None);
    if let Some(roots) = roots {
        builder = builder.tls_roots(roots);
    }
    if let Some(ca) = ca {
        builder = builder.add_root_certificate_pem(ca.as_bytes());
    }
    builder.build()
}

async fn describe(
    client: &Client,
) -> Result<serde_json::Value, SdkError<tencentcloud_runtime::AnyCode>> {
    client
        .call_json("DescribeThings", serde_json::json!({}))
        .await
}

#[tokio::test]
async fn a_private_ca_is_refused_until_added_and_the_host_name_still_counts() {
    let (ca, config) = private_ca();
    let port = https_endpoint(config).await;
    let named = format!("https://localhost:{port}/");

    let err = describe(&client(named.clone(), None, None).unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::Transport { sent: false, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("certificate"), "{err}");

    for roots in [None, Some(TlsRoots::WebPki), Some(TlsRoots::System)] {
        let trusted = client(named.clone(), roots, Some(&ca)).unwrap();
        describe(&trusted)
            .await
            .unwrap_or_else(|e| panic!("{roots:?}: {e}"));
    }

    let by_address = client(format!("https://127.0.0.1:{port}/"), None, Some(&ca)).unwrap();
    let err = describe(&by_address).await.unwrap_err();
    assert!(err.to_string().contains("certificate"), "{err}");
}

#[test]
fn a_root_that_is_not_pem_is_a_build_error() {
    let err = client("https://localhost/".into(), None, Some("not a certificate")).unwrap_err();
    assert!(matches!(err, BuildError::Tls(_)), "{err}");
}
