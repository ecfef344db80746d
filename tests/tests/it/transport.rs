//! The generated client over real HTTP against a local stub: signing, typed errors,
//! safe retries, timeouts, pagination, validation before I/O (secrets kept out of logs:
//! `hostile_server.rs`).

use crate::stub_server::{ok, service_error, start, Reply, SECRET_ID, SECRET_KEY, TOKEN};
use futures_util::StreamExt;
use std::time::Duration;
use tencentcloud_runtime::signing::{sign, SignedHeaders, SigningInput};
use tencentcloud_tat::operation::invoke_command::InvokeCommandErrorCode;
use tencentcloud_tat::{Client, Credentials, RetryPolicy, SdkError};

fn client(url: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN))
        .region("ap-guangzhou")
        .endpoint_url(url)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

fn retrying_client(url: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new("id", "key"))
        .endpoint_url(url)
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::standard()
        })
        .build()
        .expect("client")
}

#[tokio::test]
async fn requests_are_signed_and_answers_decoded() {
    let stub = start(|_, _| ok(r#""InvocationId": "inv-123""#)).await;
    let answer = client(&stub.url)
        .invoke_command()
        .command_id("cmd-1")
        .instance_ids(["ins-1"])
        .send()
        .await
        .expect("call succeeds");
    assert_eq!(answer.invocation_id.as_deref(), Some("inv-123"));
    assert_eq!(answer.request_id.as_deref(), Some("req-1"));

    let seen = stub.requests.lock().unwrap()[0].clone();
    assert_eq!(seen.headers["x-tc-action"], "InvokeCommand");
    assert_eq!(seen.headers["x-tc-version"], "2020-10-28");
    assert_eq!(seen.headers["x-tc-region"], "ap-guangzhou");
    assert_eq!(seen.headers["x-tc-token"], TOKEN);
    assert_eq!(
        seen.body,
        r#"{"CommandId":"cmd-1","InstanceIds":["ins-1"]}"#
    );
    // The server side recomputes the signature from what it received.
    let host = seen.headers["host"].clone();
    let timestamp: i64 = seen.headers["x-tc-timestamp"].parse().unwrap();
    let expected = sign(&SigningInput {
        secret_id: SECRET_ID,
        secret_key: SECRET_KEY,
        service: "tat",
        host: &host,
        content_type: "application/json",
        payload: seen.body.as_bytes(),
        timestamp,
        action: "InvokeCommand",
        signed_headers: SignedHeaders::WithAction,
    });
    assert_eq!(seen.headers["authorization"], expected.authorization);
}

#[tokio::test]
async fn service_errors_are_typed_with_code_message_and_request_id() {
    let stub =
        start(|_, _| service_error("InvalidParameterValue.InvalidCommandId", "bad id")).await;
    let err = client(&stub.url)
        .invoke_command()
        .command_id("cmd-x")
        .instance_ids(["ins-1"])
        .send()
        .await
        .unwrap_err();
    let SdkError::Service(e) = &err else {
        panic!("expected a service error, got {err}")
    };
    assert_eq!(
        e.code,
        InvokeCommandErrorCode::InvalidParameterValueInvalidCommandId
    );
    assert_eq!(e.message(), "bad id");
    assert_eq!(e.request_id(), Some("req-err"));
    assert!(!e.is_retryable());
    assert_eq!(err.to_string(), "the service returned an error: InvokeCommand failed with InvalidParameterValue.InvalidCommandId: bad id (RequestId req-err)");

    let stub = start(|_, _| service_error("Brand.NewCode", "new")).await;
    let err = client(&stub.url)
        .describe_regions()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service_error().unwrap().code(),
        "Brand.NewCode",
        "unknown codes are kept verbatim"
    );
}

#[tokio::test]
async fn invalid_requests_never_reach_the_network() {
    let stub = start(|_, _| ok("")).await;
    let ids: Vec<String> = (0..201).map(|i| format!("ins-{i}")).collect();
    let err = client(&stub.url)
        .invoke_command()
        .command_id("cmd-1")
        .instance_ids(ids)
        .timeout(0)
        .send()
        .await
        .unwrap_err();
    let SdkError::Validation(v) = &err else {
        panic!("{err}")
    };
    let paths: Vec<&str> = v.0.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(paths, ["InstanceIds[200]", "Timeout"]);
    assert_eq!(v.0[0].source, "with a cap of 200");
    assert_eq!(stub.hits(), 0);
}

#[tokio::test]
async fn rate_limit_refusals_are_retried_even_for_mutations() {
    let stub = start(|n, _| {
        if n == 0 {
            service_error("RequestLimitExceeded", "slow down")
        } else {
            ok(r#""InvocationId": "inv-2""#)
        }
    })
    .await;
    let answer = retrying_client(&stub.url)
        .invoke_command()
        .command_id("cmd-1")
        .instance_ids(["ins-1"])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.invocation_id.as_deref(), Some("inv-2"));
    assert_eq!(stub.hits(), 2);
}

#[tokio::test]
async fn a_mutation_that_may_have_run_is_never_resent() {
    for hang_up in [true, false] {
        let stub = start(move |_, _| {
            if hang_up {
                Reply::Hangup
            } else {
                Reply::Json(503, "oops".into())
            }
        })
        .await;
        let c = retrying_client(&stub.url);
        let err = c
            .run_command()
            .content("bHM=")
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                SdkError::Transport { sent: true, .. } | SdkError::Decode { status: 503, .. }
            ),
            "{err}"
        );
        assert_eq!(stub.hits(), 1, "RunCommand must not be re-sent");
        // A read-only action is retried on the same failure.
        let _ = c.describe_regions().send().await;
        assert_eq!(
            stub.hits(),
            1 + 3,
            "DescribeRegions is retried up to 3 attempts"
        );
    }
}

#[tokio::test]
async fn a_request_that_never_left_is_retried() {
    // Nothing listens on this port: the connection is refused, so nothing was sent.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    drop(listener);
    let err = retrying_client(&url)
        .run_command()
        .content("bHM=")
        .instance_ids(["ins-1"])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::Transport { sent: false, .. }),
        "{err}"
    );
}

#[tokio::test]
async fn a_slow_server_gives_a_timeout_not_a_hang() {
    // Timed: nothing that keeps both cores busy runs meanwhile.
    let _machine = workspace_tests::timed();
    let stub = start(|_, _| Reply::Delay(Duration::from_secs(3), "{}".into())).await;
    let c = Client::builder()
        .credentials(Credentials::new("id", "key"))
        .endpoint_url(&stub.url)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = c.describe_regions().send().await.unwrap_err();
    assert!(matches!(err, SdkError::Timeout(_)), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn pagination_streams_every_page() {
    let stub = start(|_, req| {
        let v: serde_json::Value = serde_json::from_str(&req.body).unwrap();
        let offset = v["Offset"].as_i64().unwrap_or(0);
        let items: Vec<String> = (offset..(offset + 2).min(5))
            .map(|i| format!(r#"{{"CommandId": "cmd-{i}"}}"#))
            .collect();
        ok(&format!(
            r#""TotalCount": 5, "CommandSet": [{}]"#,
            items.join(",")
        ))
    })
    .await;
    let pages: Vec<_> = client(&stub.url)
        .describe_commands()
        .limit(2)
        .into_pages()
        .collect()
        .await;
    let ids: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.unwrap().command_set.unwrap_or_default())
        .map(|c| c.command_id.unwrap_or_default())
        .collect();
    assert_eq!(ids, ["cmd-0", "cmd-1", "cmd-2", "cmd-3", "cmd-4"]);
    assert_eq!(stub.hits(), 3);
}

#[tokio::test]
async fn client_side_rate_limit_keeps_to_the_documented_rate() {
    // Timed: nothing that keeps both cores busy runs meanwhile.
    let _machine = workspace_tests::timed();
    // DescribeRegions is documented at 20 requests per second: 30 calls need ≥ 0.5 s.
    let stub = start(|_, _| ok(r#""TotalCount": 0"#)).await;
    let c = Client::builder()
        .credentials(Credentials::new("id", "key"))
        .endpoint_url(&stub.url)
        .rate_limit(true)
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    for _ in 0..30 {
        c.describe_regions().send().await.unwrap();
    }
    let elapsed = started.elapsed();
    assert_eq!(stub.hits(), 30);
    assert!(
        elapsed >= Duration::from_millis(450),
        "30 calls at 20/s took only {elapsed:?}"
    );
    // Without the limiter the same calls are not slowed down.
    let fast = client(&stub.url);
    let started = std::time::Instant::now();
    for _ in 0..30 {
        fast.describe_regions().send().await.unwrap();
    }
    assert!(started.elapsed() < elapsed);
}

/// A request of a mutating action that documents a `ClientToken`.
struct CreateThing(serde_json::Value);

impl serde::Serialize for CreateThing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl tencentcloud_runtime::rules::Rules for CreateThing {}

#[tokio::test]
async fn a_mutation_with_a_client_token_is_retried_with_the_same_token() {
    use tencentcloud_runtime::AnyCode;
    use tencentcloud_runtime::{ActionSpec, ServiceSpec};
    const SPEC: ActionSpec = ActionSpec::non_idempotent("CreateThing").client_token("ClientToken");
    let stub = start(|n, _| {
        if n % 2 == 0 {
            Reply::Hangup
        } else {
            ok(r#""ThingId": "t-1""#)
        }
    })
    .await;
    let service = ServiceSpec {
        name: "things",
        version: "2024-01-01",
        default_host: "things.tencentcloudapi.com",
        sdk_version: "0.0.1",
    };
    let c = tencentcloud_runtime::Client::builder(service)
        .credentials(Credentials::new("id", "key"))
        .endpoint_url(&stub.url)
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::standard()
        })
        .build()
        .unwrap();
    let tokens = |stub: &crate::stub_server::Stub| -> Vec<String> {
        let requests = stub.requests.lock().unwrap();
        requests
            .iter()
            .map(|r| {
                serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["ClientToken"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    for _ in 0..2 {
        let answer: serde_json::Value = c
            .call::<_, _, AnyCode>(SPEC, &CreateThing(serde_json::json!({"Name": "a"})))
            .await
            .unwrap();
        assert_eq!(answer["ThingId"], "t-1");
    }
    let sent = tokens(&stub);
    assert_eq!(
        sent.len(),
        4,
        "each call hung up once and was re-sent: {sent:?}"
    );
    assert_eq!(sent[0], sent[1], "a retry carries its call's token");
    assert_eq!(sent[2], sent[3]);
    assert_ne!(sent[0], sent[2], "each logical call has its own token");
    assert_eq!(sent[0].len(), 36, "a UUID: {}", sent[0]);

    let _: serde_json::Value = c
        .call::<_, _, AnyCode>(
            SPEC,
            &CreateThing(serde_json::json!({"ClientToken": "mine"})),
        )
        .await
        .unwrap();
    assert_eq!(
        tokens(&stub)[4..],
        ["mine", "mine"],
        "the caller's token is kept"
    );
    // Without a token the same failure is final: the mutation may have run.
    let plain = ActionSpec::non_idempotent("CreateThing");
    let err = c
        .call::<_, serde_json::Value, AnyCode>(plain, &CreateThing(serde_json::json!({})))
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::Transport { sent: true, .. }),
        "{err}"
    );
    assert_eq!(stub.hits(), 7);
}
