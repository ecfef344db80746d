//! The generated client against a server that misbehaves on purpose: redirects, malformed
//! envelopes, replayed signatures; and no secret in any output. Huge and endless bodies,
//! whose check is the process's peak memory, are in the `timed` test binary.

use crate::stub_server::{
    client, start, Capture, Recorded, Reply, ONE_SUBSCRIBER, SECRET_ID, SECRET_KEY, TOKEN,
};
use std::sync::{Arc, Mutex};
use tencentcloud_runtime::signing::{sign, SignedHeaders, SigningInput};
use tencentcloud_tat::{Client, Credentials, SdkError};

#[tokio::test]
async fn redirects_are_errors_and_nothing_goes_to_the_other_host() {
    let elsewhere = start(|_, _| crate::stub_server::ok(r#""InvocationId": "inv-stolen""#)).await;
    for status in [301, 302, 303, 307, 308] {
        let target = format!("{}steal", elsewhere.url);
        let stub = start(move |_, _| Reply::Redirect(status, target.clone())).await;
        let err = client(&stub.url)
            .run_command()
            .content("bHM=")
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap_err();
        let SdkError::Redirected {
            status: seen,
            location,
        } = &err
        else {
            panic!("{status}: {err}")
        };
        assert_eq!(*seen, status);
        assert_eq!(
            location.as_deref(),
            Some(format!("{}steal", elsewhere.url).as_str())
        );
        assert!(err.to_string().contains("it was not followed"), "{err}");
        // A read-only action is not retried on a redirect either: the answer is definite.
        let _ = client(&stub.url)
            .describe_regions()
            .send()
            .await
            .unwrap_err();
        assert_eq!(stub.hits(), 2, "{status}");
    }
    assert_eq!(
        elsewhere.hits(),
        0,
        "nothing (body, token) reached the other host"
    );
}

#[tokio::test]
async fn malformed_envelopes_are_decode_errors() {
    for body in [
        r#"{"Response": {"Error": "boom", "RequestId": "r"}}"#,
        r#"{"Response": {"Error": {"Code": 5, "Message": "m"}, "RequestId": "r"}}"#,
        r#"{"Response": {"Error": {"Message": "m"}, "RequestId": "r"}}"#,
        r#"{"Response": {}}"#,
        r#"{"Response": {"TotalCount": 1}}"#,
        r#"{"Response": []}"#,
        r#"{"Response": {"RequestId": 7}}"#,
        r#"[]"#,
        "",
        "not json",
        r#"{"Response": {"RequestId": "r", "TotalCount": "twelve"}}"#,
        r#"{"Resp"#,
        r#"{"NoResponse": 1}"#,
    ] {
        let b = body.to_string();
        let stub = start(move |_, _| Reply::Json(200, b.clone())).await;
        let err = client(&stub.url)
            .describe_regions()
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(err, SdkError::Decode { status: 200, .. }),
            "{body}: {err}"
        );
    }
}

#[tokio::test]
async fn the_signature_covers_the_action_so_it_cannot_be_replayed_as_another() {
    let stub = start(|_, _| crate::stub_server::ok(r#""TotalCount": 0, "CommandSet": []"#)).await;
    client(&stub.url).describe_commands().send().await.unwrap();
    let seen = stub.requests.lock().unwrap()[0].clone();
    let authorization = &seen.headers["authorization"];
    assert!(
        authorization.contains("SignedHeaders=content-type;host;x-tc-action,"),
        "{authorization}"
    );
    let replayed_as = |action: &str| {
        sign(&SigningInput {
            secret_id: SECRET_ID,
            secret_key: SECRET_KEY,
            service: "tat",
            host: &seen.headers["host"],
            content_type: "application/json",
            payload: seen.body.as_bytes(),
            timestamp: seen.headers["x-tc-timestamp"].parse().unwrap(),
            action,
            signed_headers: SignedHeaders::WithAction,
        })
        .authorization
    };
    assert_eq!(
        &replayed_as("DescribeCommands"),
        authorization,
        "the server can verify what was sent"
    );
    assert_ne!(
        &replayed_as("DeleteCommand"),
        authorization,
        "the same request as DeleteCommand does not verify"
    );
}

#[test]
fn no_secret_or_token_in_debug_display_or_trace_output() {
    let _alone = ONE_SUBSCRIBER.lock().unwrap_or_else(|e| e.into_inner());
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let mut shown = String::new();
    tracing::subscriber::with_default(subscriber, || {
        // Another test's thread may have met the runtime's callsites first, with no
        // subscriber, and cached "never" for them (tokio-rs/tracing#3611): ask again.
        tracing::callsite::rebuild_interest_cache();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let replies = Arc::new(Mutex::new(vec![
                Reply::Redirect(307, "http://127.0.0.1:9/".into()),
                Reply::Json(200, format!(r#"{{"Response": {{"Error": {{"Code": "AuthFailure", "Message": "{TOKEN}?"}}, "RequestId": "r"}}}}"#)),
                Reply::Json(503, "down".into()),
                Reply::Hangup,
            ]));
            let next = move |_: usize, _: &Recorded| {
                replies.lock().unwrap().pop().unwrap_or(Reply::Hangup)
            };
            let stub = start(next).await;
            let c = client(&stub.url);
            for _ in 0..4 {
                if let Err(e) = c.describe_regions().send().await {
                    shown.push_str(&format!("{e} {e:?}\n"));
                }
            }
            // A tccli profile that does not parse, holding the keys: its error names it only.
            let home = std::env::temp_dir().join(format!("tc-secrets-{}", std::process::id()));
            std::fs::create_dir_all(home.join(".tccli")).unwrap();
            let broken = format!("{{\n  \"secretId\": \"{SECRET_ID}\",\n  \"secretKey\": \"{SECRET_KEY}\"\n  \"token\": \"{TOKEN}\"\n}}");
            std::fs::write(home.join(".tccli/dev.credential"), broken).unwrap();
            let shown_home = home.display().to_string();
            let from_profile = Client::builder()
                .environment(move |name| match name {
                    "HOME" => Some(shown_home.clone()),
                    "TCCLI_PROFILE" => Some("dev".into()),
                    _ => None,
                })
                .endpoint_url(&stub.url)
                .build()
                .unwrap();
            let err = from_profile.describe_regions().send().await.unwrap_err();
            shown.push_str(&format!("{err} {err:?}\n"));
            std::fs::remove_dir_all(&home).unwrap();
            let credentials = Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN);
            let signed =
                c.runtime().sign_request(&tencentcloud_runtime::ActionSpec::idempotent("DescribeRegions"), b"{}".to_vec(), &credentials, 1_700_000_000);
            shown.push_str(&format!("{signed:?} {c:?} {credentials:?}"));
            tracing::info!(client = ?c, "client");
        });
    });
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("tencentcloud.call") && logs.contains("retrying"),
        "spans and retries are logged: {logs}"
    );
    // The service echoing the token back is the service's doing; everything else is ours.
    let ours = shown.replace(&format!("{TOKEN}?"), "");
    for output in [&ours, &logs] {
        assert!(
            !output.contains(SECRET_KEY)
                && !output.contains(TOKEN)
                && !output.contains("krbsJ5yKBZ")
                && !output.contains("Signature="),
            "{output}"
        );
    }
}
