//! The emulator's binary answers its health check within a second of its start (503
//! before), for compose and CI healthchecks.

use crate::emulator_process::{free_port, scratch, Running, BIN};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_within_a_second_of_the_start() {
    let _alone = crate::ALONE.lock().await;
    let (port, dir) = (free_port(), scratch("health"));
    let started = Instant::now();
    let child = Command::new(BIN)
        .args(["--listen", &format!("127.0.0.1:{port}"), "--state"])
        .arg(&dir)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let _running = Running(child);
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/_emulator/health");
    let health = loop {
        if let Ok(answer) = http.get(&url).send().await {
            if answer.status() == 200 {
                break answer.text().await.unwrap();
            }
            assert_eq!(answer.status(), 503, "not ready: 503");
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no answer in 5 s"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let ready = started.elapsed();
    eprintln!("the emulator's binary answered its health check 200 after {ready:?}");
    assert!(ready < Duration::from_secs(1), "ready after {ready:?}");
    let health: serde_json::Value = serde_json::from_str(&health).unwrap();
    assert_eq!(health["services"][0]["name"], "tat");
    assert_eq!(health["services"][0]["actions"], 29);
    assert!(health["state_file"]
        .as_str()
        .unwrap()
        .ends_with("state.redb"));
    std::fs::remove_dir_all(&dir).ok();
}
