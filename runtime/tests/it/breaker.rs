//! The region breaker, through a scripted HTTP client (no socket, no generated code): a
//! primary that stops answering sends calls to the backup, a probe after the cool-down
//! brings them back, and answers of the API (service errors, 4xx) never move them.

use crate::scripted::{failed, ok, service_error, Scripted};
use std::time::Duration;
use tencentcloud_runtime::{BreakerSettings, HttpErrorKind, HttpResponse};

const PRIMARY: &str = "things.tencentcloudapi.com";
const BACKUP: &str = "things.ap-shanghai.tencentcloudapi.com";

fn settings() -> BreakerSettings {
    BreakerSettings {
        max_failures: 2,
        max_failure_percent: 50,
        window: Duration::from_secs(60),
        cool_down: Duration::from_millis(100),
        successes_to_close: 1,
    }
}

/// A client of the domestic endpoint with a backup in Shanghai, sending through `script`.
fn with_backup(script: &Scripted) -> tencentcloud_runtime::Client {
    script
        .client()
        .endpoint(tencentcloud_runtime::Endpoint::Domestic)
        .backup_endpoint("ap-shanghai.tencentcloudapi.com")
        .region_breaker(settings())
        .build()
        .unwrap()
}

async fn describe(client: &tencentcloud_runtime::Client) -> bool {
    client
        .call_json("DescribeThings", serde_json::json!({}))
        .await
        .is_ok()
}

#[tokio::test]
async fn failures_move_calls_to_the_backup_and_a_probe_brings_them_back() {
    let healthy = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let up = healthy.clone();
    let script = Scripted::new(move |_, request| {
        let primary = request.url.contains(&format!("//{PRIMARY}/"));
        match primary && !up.load(std::sync::atomic::Ordering::SeqCst) {
            true => failed(HttpErrorKind::NotSent),
            false => ok(""),
        }
    });
    let client = with_backup(&script);
    assert!(!describe(&client).await && !describe(&client).await);
    assert!(describe(&client).await, "open: the backup answers");
    assert_eq!(script.hosts(), [PRIMARY, PRIMARY, BACKUP]);

    healthy.store(true, std::sync::atomic::Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(
        describe(&client).await,
        "the probe reaches the healthy primary"
    );
    assert!(describe(&client).await);
    assert_eq!(script.hosts()[3..], [PRIMARY, PRIMARY], "closed again");
}

#[tokio::test]
async fn answers_of_the_api_never_open_the_breaker() {
    let script = Scripted::new(|n, _| {
        match n % 3 {
        0 => service_error("InternalError"),
        1 => Ok(HttpResponse::json(400, br#"{"Response": {"Error": {"Code": "InvalidParameter", "Message": "m"}, "RequestId": "r"}}"#.to_vec())),
        _ => service_error("ResourceNotFound"),
    }
    });
    let client = with_backup(&script);
    for _ in 0..6 {
        assert!(!describe(&client).await);
    }
    assert!(
        script.hosts().iter().all(|h| h == PRIMARY),
        "{:?}",
        script.hosts()
    );
}

#[tokio::test]
async fn a_gateways_5xx_counts_as_the_primary_down() {
    let script = Scripted::new(|_, request| match request.url.contains(PRIMARY) {
        true => Ok(HttpResponse::json(
            502,
            b"<html>bad gateway</html>".to_vec(),
        )),
        false => ok(""),
    });
    let client = with_backup(&script);
    for _ in 0..2 {
        assert!(!describe(&client).await);
    }
    assert!(describe(&client).await);
    assert_eq!(script.hosts().last().map(String::as_str), Some(BACKUP));
}
