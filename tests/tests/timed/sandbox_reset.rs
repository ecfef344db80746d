//! A reset of one account holding 10,000 commands is quick, and leaves the other account's.

use crate::sandbox_bed::{b64, client, two_accounts, ALPHA, BETA, REGIONS};
use futures_util::StreamExt;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_with_ten_thousand_commands_takes_under_100_ms() {
    let _alone = crate::alone();
    let emu = two_accounts().await.start().await.unwrap();
    let c = client(&emu, ALPHA, REGIONS[0]);
    let creating = (0..10_000).map(|i| {
        let c = c.clone();
        async move {
            c.create_command()
                .command_name(format!("c{i}"))
                .content(b64("echo"))
                .send()
                .await
                .unwrap()
        }
    });
    futures_util::stream::iter(creating)
        .buffer_unordered(8)
        .for_each(|_| async {})
        .await;
    let beta = client(&emu, BETA, REGIONS[0]);
    beta.create_command()
        .command_name("kept")
        .content(b64("echo"))
        .send()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let started = Instant::now();
    let answer = http
        .post(format!("{}_emulator/reset?account=alpha", emu.url()))
        .send()
        .await
        .unwrap();
    let took = started.elapsed();
    eprintln!("a reset of one account's 10,000 commands: {took:?}");
    assert_eq!(answer.status(), 200);
    assert!(took < Duration::from_millis(100), "reset took {took:?}");
    assert_eq!(
        c.describe_commands().send().await.unwrap().total_count,
        Some(0)
    );
    assert_eq!(
        beta.describe_commands().send().await.unwrap().total_count,
        Some(1),
        "beta is another account"
    );
    http.post(format!("{}_emulator/reset", emu.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        beta.describe_commands().send().await.unwrap().total_count,
        Some(0)
    );
}
