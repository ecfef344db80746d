//! Huge and endless answer bodies are cut off at the client's limit, with the process's
//! peak memory as the proof.

use crate::stub_server::{client, start, Reply};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tencentcloud_runtime::DEFAULT_MAX_RESPONSE_BYTES;
use tencentcloud_tat::{Client, Credentials, SdkError};

/// The process's resident memory in bytes, now and at its peak.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0)
            * 1024
    };
    (kib("VmRSS:"), kib("VmHWM:"))
}

#[tokio::test]
async fn huge_and_endless_bodies_are_cut_off_at_the_limit() {
    let _alone = crate::alone();
    let (idle, _) = memory();
    let cases = [
        (
            "announced 2 GB",
            Reply::Huge {
                announced: Some(2 << 30),
                sent: 2 << 30,
            },
        ),
        (
            "200 MB, chunked",
            Reply::Huge {
                announced: None,
                sent: 200 << 20,
            },
        ),
        ("endless", Reply::Endless),
    ];
    for (name, reply) in cases {
        let reply = Arc::new(Mutex::new(Some(reply)));
        let stub = start(move |_, _| reply.lock().unwrap().take().unwrap_or(Reply::Hangup)).await;
        let started = std::time::Instant::now();
        let err = client(&stub.url)
            .run_command()
            .content("bHM=")
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                SdkError::ResponseTooLarge {
                    limit: DEFAULT_MAX_RESPONSE_BYTES
                }
            ),
            "{name}: {err}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{name}: cut off early, not at the timeout"
        );
    }
    let (_, peak) = memory();
    eprintln!(
        "2 GB announced, 200 MB chunked, endless: peak RSS {} MB over {} MB idle",
        peak.saturating_sub(idle) >> 20,
        idle >> 20
    );
    assert!(
        peak < idle + (128 << 20),
        "peak RSS {} MB over {} MB idle",
        peak >> 20,
        idle >> 20
    );

    // A smaller limit is the caller's choice.
    let stub =
        start(|_, _| crate::stub_server::ok(&format!(r#""Padding": "{}""#, "x".repeat(4096))))
            .await;
    let small = Client::builder()
        .credentials(Credentials::new("id", "key"))
        .endpoint_url(&stub.url)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = small.describe_regions().send().await.unwrap_err();
    assert!(
        matches!(err, SdkError::ResponseTooLarge { limit: 1024 }),
        "{err}"
    );
    assert!(err.to_string().contains("1024 bytes"), "{err}");
}
