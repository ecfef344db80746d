//! The signer matches Tencent's official SDK byte for byte (vectors from tencentcloud-sdk-python).

use serde_json::Value;
use tencentcloud_runtime::signing::{sign, SignedHeaders, SigningInput};
use tencentcloud_runtime::Credentials;
use tencentcloud_runtime::{ActionSpec, Client, ServiceSpec};

fn vectors() -> Vec<Value> {
    let text = include_str!("../data/tc3_vectors.json");
    let doc: Value = serde_json::from_str(text).expect("vectors parse");
    doc["vectors"].as_array().expect("vectors array").clone()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is a string"))
}

#[test]
fn every_vector_matches_each_step() {
    let vectors = vectors();
    assert!(vectors.len() >= 6);
    for v in &vectors {
        let got = sign(&SigningInput {
            secret_id: s(v, "secret_id"),
            secret_key: s(v, "secret_key"),
            service: s(v, "service"),
            host: s(v, "host"),
            content_type: s(v, "content_type"),
            payload: s(v, "payload").as_bytes(),
            timestamp: v["timestamp"].as_i64().expect("timestamp"),
            action: s(v, "action"),
            signed_headers: SignedHeaders::Official,
        });
        let name = s(v, "name");
        assert_eq!(got.canonical_request, s(v, "canonical_request"), "{name}");
        assert_eq!(got.string_to_sign, s(v, "string_to_sign"), "{name}");
        assert_eq!(got.signature, s(v, "signature"), "{name}");
        assert_eq!(got.authorization, s(v, "authorization"), "{name}");
    }
}

#[test]
fn client_headers_match_the_sdk_headers() {
    for v in &vectors() {
        let host: &'static str = Box::leak(s(v, "host").to_string().into_boxed_str());
        let service: &'static str = Box::leak(s(v, "service").to_string().into_boxed_str());
        let version: &'static str = Box::leak(s(v, "version").to_string().into_boxed_str());
        let action: &'static str = Box::leak(s(v, "action").to_string().into_boxed_str());
        let mut creds = Credentials::new(s(v, "secret_id"), s(v, "secret_key"));
        if let Some(t) = v["session_token"].as_str() {
            creds = creds.with_token(t);
        }
        let mut builder = Client::builder(ServiceSpec {
            name: service,
            version,
            default_host: host,
            sdk_version: "0.1.0",
        })
        .credentials(creds.clone())
        .region(s(v, "region"))
        .signed_headers(SignedHeaders::Official);
        if let Some(lang) = v["headers"]["X-TC-Language"].as_str() {
            builder = builder.language(lang);
        }
        let client = builder.build().expect("client");
        let spec = ActionSpec::non_idempotent(action);
        let signed = client.sign_request(
            &spec,
            s(v, "payload").as_bytes().to_vec(),
            &creds,
            v["timestamp"].as_i64().unwrap(),
        );
        let name = s(v, "name");
        let theirs = v["headers"].as_object().unwrap();
        let their = |header: &str| {
            theirs
                .iter()
                .find(|(h, _)| h.eq_ignore_ascii_case(header))
                .and_then(|(_, value)| value.as_str())
        };
        for (header, value) in &signed.headers {
            let value = value.to_str().unwrap();
            match header.as_str() {
                "authorization" => assert_eq!(value, s(v, "authorization"), "{name}"),
                // Ours names this SDK, theirs the Python SDK.
                "x-tc-requestclient" => assert!(value.starts_with("SDK_RUST_"), "{name}"),
                _ => assert_eq!(
                    Some(value),
                    their(header.as_str()),
                    "{name}: header {header}"
                ),
            }
        }
        // Every header the SDK sends is sent by us too (`Host` is the URL's).
        for (header, _) in theirs {
            if header != "Host" {
                assert!(
                    signed.headers.contains_key(header.as_str()),
                    "{name}: missing {header}"
                );
            }
        }
    }
}
