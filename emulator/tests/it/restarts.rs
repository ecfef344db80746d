//! The emulator as a long-lived sandbox, from its binary (how soon it is ready is timed in
//! the `timed` binary): a state directory that loses nothing answered when the process
//! is killed (`kill -9`) at a random moment.

use crate::emulator_process::{free_port, scratch, Running, BIN};
use crate::raw_client::Raw;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn start(port: u16, dir: &std::path::Path) -> Running {
    let child = Command::new(BIN)
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--no-rate-limits",
            "--option",
            "quota.COMMAND=100000",
        ])
        .arg("--state")
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut running = Running(child);
    let mut first = String::new();
    BufReader::new(running.0.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("listening"), "{first}");
    running
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_at_any_moment_loses_nothing_that_was_answered() {
    let (port, dir) = (free_port(), scratch("kill"));
    let url = format!("http://127.0.0.1:{port}/");
    let mut answered: Vec<String> = Vec::new();
    for round in 0..3u64 {
        let mut running = start(port, &dir);
        let raw = Raw::new(&url, "tat", "2020-10-28");
        // Kill at a moment no one chose: after a number of calls that varies by round and
        // run, while more are in flight.
        let calls = 150 + (round * 97 + u64::from(std::process::id())) % 200;
        let creating = tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..calls + 1000 {
                let body =
                    format!(r#"{{"CommandName": "c{round}-{i}", "Content": "ZWNobyBoaQ=="}}"#);
                let answer = raw.try_call("CreateCommand", &body).await;
                match answer.as_ref().and_then(|a| a["CommandId"].as_str()) {
                    Some(id) => ids.push(id.to_string()),
                    None => break,
                }
            }
            ids
        });
        let waited =
            Duration::from_millis(200 + (round * 313 + u64::from(std::process::id())) % 700);
        tokio::time::sleep(waited).await;
        running.0.kill().unwrap(); // SIGKILL
        running.0.wait().unwrap();
        answered.extend(creating.await.unwrap());
    }
    assert!(answered.len() >= 100, "{} creates answered", answered.len());
    let _running = start(port, &dir);
    let raw = Raw::new(&url, "tat", "2020-10-28");
    let mut kept = std::collections::BTreeSet::new();
    let mut offset = 0;
    loop {
        let page = raw
            .call(
                "DescribeCommands",
                &format!(r#"{{"Offset": {offset}, "Limit": 100}}"#),
            )
            .await;
        let set = page["CommandSet"].as_array().cloned().unwrap_or_default();
        kept.extend(
            set.iter()
                .filter_map(|c| c["CommandId"].as_str().map(str::to_string)),
        );
        offset += set.len();
        if set.is_empty() {
            break;
        }
    }
    let lost: Vec<&String> = answered.iter().filter(|id| !kept.contains(*id)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} answered creates lost: {lost:?}",
        lost.len(),
        answered.len()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_damaged_state_file_stops_the_start_naming_it() {
    let dir = scratch("damaged");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("state.redb"),
        b"this is not a database, it is a note",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--state"])
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("state.redb"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let fresh = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--state-reset", "--state"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut fresh = Running(fresh);
    let mut first = String::new();
    BufReader::new(fresh.0.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(
        first.contains("listening"),
        "--state-reset starts afresh: {first}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
