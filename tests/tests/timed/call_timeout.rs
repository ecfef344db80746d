//! A call's own timeout (`.customize(|o| o.timeout(…))`) ends it on time, while the
//! client's default (60 s) outlasts the same slow answer.

use crate::stub_server::{start, Reply};
use std::time::{Duration, Instant};
use tencentcloud_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_tat::{Client, Credentials, SdkError};

fn client(url: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint_url(url)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_calls_timeout_ends_it_within_100_ms_while_the_clients_default_stays() {
    let _alone = crate::alone();
    let answer = r#"{"Response": {"TotalCount": 0, "RegionSet": [], "RequestId": "r"}}"#;
    let slow = start(move |_, _| Reply::Delay(Duration::from_secs(2), answer.into())).await;
    let c = client(&slow.url);
    let started = Instant::now();
    let (quick, patient) = tokio::join!(
        async {
            let sent = c
                .describe_regions()
                .customize(|o| o.timeout(Duration::from_millis(50)));
            (sent.send().await, started.elapsed())
        },
        c.describe_regions().send(),
    );
    let (err, took) = (quick.0.unwrap_err(), quick.1);
    eprintln!("a 50 ms call timeout on a 2 s answer: {err} after {took:?}");
    assert!(
        matches!(err, SdkError::Timeout(d) if d == Duration::from_millis(50)),
        "{err}"
    );
    assert!(
        took <= Duration::from_millis(100),
        "timed out after {took:?}"
    );
    patient.expect("the client's 60 s default outlasts a 2 s answer");
}
