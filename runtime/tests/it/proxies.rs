//! Proxies, with real sockets and no generated code: the environment's proxy by scheme,
//! `NO_PROXY` as reqwest's matcher reads it (hosts, domains and subdomains, addresses,
//! entries written for other tools), the explicit proxy for both schemes.

use crate::local_servers::{endpoint, proxy};
use crate::scripted::THINGS;
use std::collections::HashMap;
use std::time::Duration;
use tencentcloud_runtime::{Client, Credentials};

fn client(endpoint: &str, env: &[(&str, &str)], explicit: Option<&str>) -> Client {
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut builder = Client::builder(THINGS)
        .credentials(Credentials::new("AKIDtest", "testkey"))
        .endpoint_url(endpoint)
        .proxy_environment(move |name| env.get(name).cloned())
        .timeout(Duration::from_secs(5));
    if let Some(url) = explicit {
        builder = builder.proxy(url);
    }
    builder.build().unwrap()
}

async fn describe(client: &Client) -> bool {
    client
        .call_json("DescribeThings", serde_json::json!({}))
        .await
        .is_ok()
}

#[tokio::test]
async fn http_proxy_carries_http_calls_unless_no_proxy_names_the_host() {
    let (origin, reached) = endpoint(Duration::ZERO).await;
    let (via, asked) = proxy().await;
    let through = client(&origin, &[("http_proxy", &via)], None);
    assert!(describe(&through).await);
    assert_eq!(
        asked.lock().unwrap().len(),
        1,
        "lower-case names are read too"
    );
    assert!(reached.lock().unwrap().is_empty(), "the proxy answered");

    for no_proxy in ["127.0.0.1", "127.0.0.0/8", "*", "localhost,127.0.0.1:8080"] {
        let direct = client(
            &origin,
            &[("HTTP_PROXY", &via), ("NO_PROXY", no_proxy)],
            None,
        );
        assert!(describe(&direct).await, "{no_proxy}");
    }
    assert_eq!(
        asked.lock().unwrap().len(),
        1,
        "every NO_PROXY form bypassed the proxy"
    );
    assert_eq!(reached.lock().unwrap().len(), 4);

    let https_only = client(&origin, &[("HTTPS_PROXY", &via)], None);
    assert!(describe(&https_only).await);
    assert_eq!(
        asked.lock().unwrap().len(),
        1,
        "HTTPS_PROXY is for https calls only"
    );
}

#[tokio::test]
async fn no_proxy_names_domains_and_their_subdomains() {
    let (via, asked) = proxy().await;
    let api = "http://api.corp.example/";
    for (no_proxy, proxied) in [
        ("corp.example", false),
        (".corp.example", false),
        ("*.corp.example", false),
        ("api.corp.example", false),
        ("other.example,pi.corp.example", true),
        ("", true),
    ] {
        let env = [("HTTP_PROXY", via.as_str()), ("NO_PROXY", no_proxy)];
        let answered = describe(&client(api, &env, None)).await;
        // Bypassed, the call goes straight to a host that does not resolve.
        assert_eq!(answered, proxied, "NO_PROXY={no_proxy:?}");
    }
    let lines = asked.lock().unwrap();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with("POST http://api.corp.example/"),
        "{lines:?}"
    );
}

#[tokio::test]
async fn the_explicit_proxy_serves_both_schemes_over_the_environment() {
    let (via, asked) = proxy().await;
    let (other, other_asked) = proxy().await;
    let env = [
        ("HTTP_PROXY", other.as_str()),
        ("HTTPS_PROXY", other.as_str()),
    ];
    assert!(describe(&client("http://api.corp.example/", &env, Some(&via))).await);
    let secure = client("https://api.corp.example/", &env, Some(&via));
    assert!(!describe(&secure).await, "the test proxy refuses tunnels");
    let lines = asked.lock().unwrap().clone();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[1].starts_with("CONNECT api.corp.example:443"),
        "{lines:?}"
    );
    assert!(other_asked.lock().unwrap().is_empty());
}
