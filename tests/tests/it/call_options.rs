//! What every call of the generated client carries, on the emulator (which verifies each
//! signature over the headers it says it signed) and on a recording stub: the SDK's
//! `X-TC-RequestClient`, default and per-call headers, signed. A call's own timeout
//! (`.customize`) on a 2 s answer, measured, is in the `timed` binary.

use crate::stub_server::{ok, start};
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_tat::{Client, Credentials, SdkError};
use workspace_tests::tat_bed;

fn client(url: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint_url(url)
        .request_client("my-app/1.2")
        .default_header("X-Team", "Ops")
        .build()
        .unwrap()
}

#[tokio::test]
async fn calls_name_the_sdk_and_carry_their_headers_signed() {
    let (emulator, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let c = client(emulator.url());
    c.describe_regions()
        .customize(|o| o.header("X-Request-Tag", "t-1"))
        .send()
        .await
        .expect("the emulator verifies the signature over the custom headers");
    emulator.stop();

    let stub = start(|_, _| ok(r#""TotalCount": 0"#)).await;
    client(&stub.url)
        .describe_regions()
        .customize(|o| o.header("X-Request-Tag", "t-1"))
        .send()
        .await
        .unwrap();
    let seen = stub.requests.lock().unwrap()[0].headers.clone();
    let sdk = format!("SDK_RUST_{}; my-app/1.2", Client::SERVICE.sdk_version);
    assert_eq!(seen["x-tc-requestclient"], sdk);
    assert_eq!(
        (seen["x-team"].as_str(), seen["x-request-tag"].as_str()),
        ("Ops", "t-1")
    );
    assert!(
        seen["authorization"]
            .contains("SignedHeaders=content-type;host;x-request-tag;x-tc-action;x-team,"),
        "{}",
        seen["authorization"]
    );
    let refused = client(&stub.url)
        .describe_regions()
        .customize(|o| o.header("X-TC-Region", "x"))
        .send()
        .await;
    assert!(matches!(refused, Err(SdkError::InvalidOptions(_))));
    assert_eq!(stub.hits(), 1, "nothing more was sent");
}
