//! What a request carries, as sent: `X-TC-RequestClient`, the client's default headers and
//! a call's own, signed (checked as a verifier would) and never the client's own; the
//! interceptors' hooks in order, and their failures; a call's own timeout, region and
//! endpoint.

use crate::local_servers::endpoint;
use crate::scripted::{ok, Named, Scripted, THINGS};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tencentcloud_runtime::signing::{payload_hash, signature_of_canonical_request, SigningKey};
use tencentcloud_runtime::{
    ActionSpec, AnyCode, BoxError, BuildError, CallOptions, Client, Credentials, Endpoint,
    HttpRequest, Interceptor, SdkError,
};
use tencentcloud_runtime::{AfterAnswer, AfterSigning, BeforeSigning};

const READ: ActionSpec = ActionSpec::idempotent("DescribeThings");

/// Whether `request`'s signature verifies with `secret_key`, over the headers it says it
/// signed (as the emulator and the service verify it).
fn verifies(request: &HttpRequest, secret_key: &str) -> bool {
    let authorization = request.header("authorization").unwrap();
    let part = |key: &str| {
        authorization
            .split([' ', ','])
            .find_map(|p| p.strip_prefix(key))
            .unwrap()
    };
    let (signed, signature) = (part("SignedHeaders="), part("Signature="));
    let scope: Vec<&str> = part("Credential=").split('/').collect();
    let host = request
        .url
        .trim_start_matches("https://")
        .trim_end_matches('/');
    let mut canonical = String::from("POST\n/\n\n");
    for name in signed.split(';') {
        let value = match name {
            "host" => host.to_string(),
            "content-type" => request.header(name).unwrap().to_string(),
            _ => request.header(name).unwrap().trim().to_ascii_lowercase(),
        };
        canonical.push_str(&format!("{name}:{value}\n"));
    }
    canonical.push_str(&format!("\n{signed}\n{}", payload_hash(&request.body)));
    let key = SigningKey::derive(secret_key, scope[1], scope[2]);
    let timestamp: i64 = request.header("x-tc-timestamp").unwrap().parse().unwrap();
    signature_of_canonical_request(&key, timestamp, scope[2], canonical.as_bytes()) == signature
}

fn named() -> Named {
    Named { name: "n".into() }
}

#[tokio::test]
async fn requests_name_the_sdk_and_carry_the_default_and_call_headers_signed() {
    let script = Scripted::new(|_, _| ok(""));
    let client = script
        .client()
        .request_client("my-app/1.2")
        .default_header("X-Trace", "Trace-1")
        .build()
        .unwrap();
    let options = CallOptions::new()
        .header("X-Call", "c-1")
        .header("X-Trace", "trace-2");
    client
        .call_with::<_, serde_json::Value, AnyCode>(READ, &named(), Some(Box::new(options)))
        .await
        .unwrap();
    client
        .call_json("DescribeThings", serde_json::json!({}))
        .await
        .unwrap();
    let sent = script.sent.lock().unwrap();
    assert_eq!(
        sent[0].header("x-tc-requestclient"),
        Some("SDK_RUST_9.9.9; my-app/1.2")
    );
    assert_eq!(
        (sent[0].header("x-call"), sent[0].header("x-trace")),
        (Some("c-1"), Some("trace-2"))
    );
    assert!(sent[0]
        .header("authorization")
        .unwrap()
        .contains("SignedHeaders=content-type;host;x-call;x-tc-action;x-trace,"));
    assert_eq!(
        sent[1].header("x-trace"),
        Some("Trace-1"),
        "the default, in another call"
    );
    assert_eq!(sent[1].header("x-call"), None);
    for request in sent.iter() {
        assert!(verifies(request, "testkey"), "{request:?}");
        assert!(!verifies(request, "otherkey"));
    }
}

#[tokio::test]
async fn the_clients_own_headers_cannot_be_given() {
    let script = Scripted::new(|_, _| ok(""));
    for owned in ["X-TC-Action", "authorization", "Host", "X-TC-Timestamp"] {
        let err = script
            .client()
            .default_header(owned, "x")
            .build()
            .unwrap_err();
        assert!(
            matches!(err, BuildError::Header(_)) && err.to_string().contains(owned),
            "{err}"
        );
    }
    assert!(matches!(
        script.client().request_client("my app").build(),
        Err(BuildError::Header(_))
    ));
    let client = script.client().build().unwrap();
    let options = CallOptions::new().header("X-TC-Token", "forged");
    let err = client
        .call_with::<_, serde_json::Value, AnyCode>(READ, &named(), Some(Box::new(options)))
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::InvalidOptions(_)) && err.to_string().contains("X-TC-Token"),
        "{err}"
    );
    assert_eq!(script.count(), 0, "nothing was sent");
}

/// An interceptor that writes what it sees into `log`, and adds a header before signing.
struct Logging {
    name: &'static str,
    log: Arc<Mutex<Vec<String>>>,
    fail_after_answer: bool,
}

impl Interceptor for Logging {
    fn name(&self) -> &str {
        self.name
    }

    fn before_signing(&self, request: &mut BeforeSigning<'_>) -> Result<(), BoxError> {
        let seen = request
            .headers()
            .keys()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(",");
        self.log.lock().unwrap().push(format!(
            "{} before {} [{seen}]",
            self.name,
            request.attempt()
        ));
        let name = format!("x-{}", self.name);
        request
            .headers_mut()
            .insert(http_name(&name), "on".parse().unwrap());
        request
            .body_mut()
            .splice(1..1, br#""Hooked": true, "#.iter().copied());
        Ok(())
    }

    fn after_signing(&self, request: &AfterSigning<'_>) -> Result<(), BoxError> {
        let signed = request
            .request()
            .header("authorization")
            .unwrap_or_default();
        let covered = signed.contains(&format!(";x-{};", self.name))
            || signed.contains(&format!(";x-{},", self.name));
        self.log
            .lock()
            .unwrap()
            .push(format!("{} signed {covered}", self.name));
        Ok(())
    }

    fn after_answer(&self, answer: &AfterAnswer<'_>) -> Result<(), BoxError> {
        let status = answer.response().map(|r| r.status);
        self.log.lock().unwrap().push(format!(
            "{} answer {status:?} {}",
            self.name,
            answer.outcome().is_ok()
        ));
        match self.fail_after_answer {
            true => Err("the answer is not to this hook's liking".into()),
            false => Ok(()),
        }
    }
}

fn http_name(name: &str) -> tencentcloud_runtime::http::HeaderName {
    name.parse().unwrap()
}

#[tokio::test]
async fn interceptors_run_in_order_around_each_attempt_and_their_changes_are_signed() {
    let script = Scripted::new(|_, _| ok(""));
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let hook = |name, fail_after_answer| Logging {
        name,
        log: log.clone(),
        fail_after_answer,
    };
    let client = script
        .client()
        .interceptor(hook("one", false))
        .interceptor(hook("two", false))
        .build()
        .unwrap();
    client
        .call_json("DescribeThings", serde_json::json!({"Name": "n"}))
        .await
        .unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        [
            "one before 1 []",
            "two before 1 [x-one]",
            "one signed true",
            "two signed true",
            "one answer Some(200) true",
            "two answer Some(200) true",
        ]
    );
    let sent = script.sent.lock().unwrap()[0].clone();
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"Hooked": true, "Hooked": true, "Name": "n"})
    );
    assert!(
        verifies(&sent, "testkey"),
        "the changed body and headers are what is signed"
    );

    let failing = script
        .client()
        .interceptor(hook("three", true))
        .build()
        .unwrap();
    let err = failing
        .call_json("DescribeThings", serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SdkError::Interceptor { name, .. } if name == "three"),
        "{err}"
    );
    assert!(
        err.to_string().contains("not to this hook's liking"),
        "{err}"
    );
}

/// Adds one of the client's own headers.
struct Forger;

impl Interceptor for Forger {
    fn before_signing(&self, request: &mut BeforeSigning<'_>) -> Result<(), BoxError> {
        request
            .headers_mut()
            .insert(http_name("x-tc-action"), "DeleteThings".parse().unwrap());
        Ok(())
    }
}

#[tokio::test]
async fn a_hook_may_not_set_the_clients_own_headers() {
    let script = Scripted::new(|_, _| ok(""));
    let client = script.client().interceptor(Forger).build().unwrap();
    let err = client
        .call_json("DescribeThings", serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SdkError::Interceptor { name, .. } if name.ends_with("Forger")),
        "{err}"
    );
    assert_eq!(script.count(), 0);
}

#[tokio::test]
async fn a_calls_timeout_ends_it_early_while_the_clients_stays() {
    let (url, _) = endpoint(Duration::from_secs(1)).await;
    let client = Client::builder(THINGS)
        .credentials(Credentials::new("AKIDtest", "testkey"))
        .endpoint_url(url)
        .build()
        .unwrap();
    let quick = CallOptions::new().timeout(Duration::from_millis(50));
    let started = Instant::now();
    let (short, long) = tokio::join!(
        async {
            let sent = client.call_with::<_, serde_json::Value, AnyCode>(
                READ,
                &named(),
                Some(Box::new(quick)),
            );
            (sent.await, started.elapsed())
        },
        client.call_with::<_, serde_json::Value, AnyCode>(READ, &named(), None),
    );
    let (err, took) = (short.0.unwrap_err(), short.1);
    assert!(
        matches!(err, SdkError::Timeout(d) if d == Duration::from_millis(50)),
        "{err}"
    );
    assert!(
        took < Duration::from_millis(500),
        "timed out after {took:?}"
    );
    long.expect("the client's own timeout (60 s) outlasts the 1 s answer");
}

#[tokio::test]
async fn a_calls_region_and_endpoint_replace_the_clients() {
    let script = Scripted::new(|_, _| ok(""));
    let regional = script
        .client()
        .endpoint(Endpoint::Regional)
        .build()
        .unwrap();
    let send = |options: CallOptions| {
        regional.call_with::<_, serde_json::Value, AnyCode>(READ, &named(), Some(Box::new(options)))
    };
    send(CallOptions::new()).await.unwrap();
    send(CallOptions::new().region("ap-shanghai"))
        .await
        .unwrap();
    send(CallOptions::new().endpoint("https://things.internal.example/"))
        .await
        .unwrap();
    let sent = script.sent.lock().unwrap();
    let shown: Vec<(String, Option<&str>)> = sent
        .iter()
        .map(|r| (r.url.to_string(), r.header("x-tc-region")))
        .collect();
    assert_eq!(
        shown,
        [
            (
                "https://things.ap-guangzhou.tencentcloudapi.com/".to_string(),
                Some("ap-guangzhou")
            ),
            (
                "https://things.ap-shanghai.tencentcloudapi.com/".to_string(),
                Some("ap-shanghai")
            ),
            (
                "https://things.internal.example/".to_string(),
                Some("ap-guangzhou")
            ),
        ]
    );
    assert!(verifies(&sent[2], "testkey"), "signed for the call's host");
}
