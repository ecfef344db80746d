//! What a user sees of a call besides its answer: one `tencentcloud.call` span per call
//! with its service, action, region, attempts, request id, outcome and duration; and
//! answers that differ from the documentation read leniently where the meaning is clear (a
//! number sent as a string, with a warning naming the member) and refused, naming the
//! member, where it is not.

use crate::stub_server::{start, Capture, Recorded, Reply, ONE_SUBSCRIBER, SECRET_ID, SECRET_KEY};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tencentcloud_tat::{Client, Credentials, RetryPolicy, SdkError};
use tracing_subscriber::fmt::format::FmtSpan;

fn client(url: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint_url(url)
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::standard()
        })
        .build()
        .expect("client")
}

/// Runs `calls` against a stub giving `replies` in order, under a subscriber that logs
/// every event and every span as it closes; the log.
fn logged<F>(replies: Vec<Reply>, calls: impl FnOnce(Client) -> F) -> String
where
    F: std::future::Future<Output = ()>,
{
    let _alone = ONE_SUBSCRIBER.lock().unwrap_or_else(|e| e.into_inner());
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        // Callsites met first on another test's thread may have cached "never"
        // (tokio-rs/tracing#3611): ask again.
        tracing::callsite::rebuild_interest_cache();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let replies = Arc::new(Mutex::new(replies.into_iter()));
            let next = move |_: usize, _: &Recorded| {
                replies.lock().unwrap().next().unwrap_or(Reply::Hangup)
            };
            let stub = start(next).await;
            calls(client(&stub.url)).await;
        });
    });
    let bytes = capture.0.lock().unwrap().clone();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn each_call_is_one_span_with_what_became_of_it() {
    let ok = r#"{"Response": {"TotalCount": 0, "RegionSet": [], "RequestId": "req-ok"}}"#;
    let denied = r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "no"}, "RequestId": "req-denied"}}"#;
    let log = logged(
        vec![
            Reply::Json(503, "busy".into()),
            Reply::Json(200, ok.into()),
            Reply::Json(200, denied.into()),
        ],
        |c| async move {
            c.describe_regions()
                .send()
                .await
                .expect("the retry succeeds");
            c.describe_regions().send().await.expect_err("denied");
        },
    );
    let closes: Vec<&str> = log.lines().filter(|l| l.contains("close")).collect();
    assert_eq!(closes.len(), 2, "{log}");
    for field in [
        "service=\"tat\"",
        "action=\"DescribeRegions\"",
        "region=\"ap-guangzhou\"",
        "attempt=2",
        "request_id=\"req-ok\"",
        "outcome=\"ok\"",
        "duration_ms=",
    ] {
        assert!(closes[0].contains(field), "{field} in {}", closes[0]);
    }
    for field in [
        "attempt=1",
        "request_id=\"req-denied\"",
        "outcome=\"service_error\"",
        "code=\"AuthFailure.SignatureFailure\"",
    ] {
        assert!(closes[1].contains(field), "{field} in {}", closes[1]);
    }
    assert!(log.contains("retrying"), "the retry is an event: {log}");
    assert!(
        !log.contains(SECRET_KEY) && !log.contains("Signature="),
        "{log}"
    );
}

#[test]
fn a_number_sent_as_a_string_is_read_with_a_warning_naming_it() {
    let answer = r#"{"Response": {"TotalCount": "2", "RegionSet": [{"Region": "ap-guangzhou", "RegionName": "Guangzhou", "RegionState": "AVAILABLE"}, {"Region": "ap-beijing", "RegionName": null, "RegionState": "AVAILABLE"}], "RequestId": "r"}}"#;
    let wrong = r#"{"Response": {"TotalCount": "two", "RegionSet": [], "RequestId": "r2"}}"#;
    let log = logged(
        vec![
            Reply::Json(200, answer.into()),
            Reply::Json(200, wrong.into()),
        ],
        |c| async move {
            let regions = c.describe_regions().send().await.expect("read leniently");
            assert_eq!(regions.total_count, Some(2));
            let set = regions.region_set.expect("regions");
            assert_eq!(set[1].region_name, None, "null read as None");
            let err = c.describe_regions().send().await.expect_err("not a number");
            assert!(
                matches!(&err, SdkError::Decode { message, .. }
                    if message.contains("`TotalCount` of `DescribeRegionsResponse`")),
                "{err}"
            );
            // Where it is documented is in the maintainers' side table, not the crate.
            let table = std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../generated/tat/doc-locations.tsv"
            ))
            .expect("the side table");
            assert!(
                table
                    .contains("DescribeRegionsResponse.TotalCount\tspecs/tat/DescribeRegions.txt:"),
                "{table}"
            );
        },
    );
    let warning = log
        .lines()
        .find(|l| l.contains("WARN"))
        .unwrap_or_else(|| panic!("a warning: {log}"));
    assert!(warning.contains("member=\"TotalCount\""), "{warning}");
}
