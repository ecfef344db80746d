//! The emulator under hostile traffic on loopback, bounded in time and count: large
//! unauthenticated and signed bodies, idle and trickling connections, made-up actions,
//! out-of-range numbers and timestamps, a parameter that multiplies, a truncated answer.
//! Each attack checks its bound and that a normal request is still answered promptly;
//! the figures it prints are the ones in `emulator/README.md`
//! (`cargo test -p tencentcloud-emulator --test timed hostile_traffic -- --nocapture`).

use crate::raw_client::{code, Raw};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tencentcloud_emulator::services::tat;
use tencentcloud_emulator::{Emulator, FaultRule, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const TIMEOUTS: Timeouts = Timeouts {
    idle: Duration::from_secs(1),
    body: Duration::from_secs(1),
};
const MB: usize = 1 << 20;

async fn start() -> (Emulator, Raw) {
    let emu = tat::emulator()
        .rate_limits(None)
        .timeouts(TIMEOUTS)
        .start()
        .await
        .unwrap();
    let raw = Raw::new(emu.url(), "tat", "2020-10-28");
    (emu, raw)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Resident and peak resident memory of this process, in bytes.
fn memory() -> (usize, usize) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<usize>().ok())
            .unwrap_or(0)
            * 1024
    };
    (kib("VmRSS:"), kib("VmHWM:"))
}

/// Forgets the peak so far, so the next peak is this attack's.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|d| d.count())
        .unwrap_or(0)
}

/// How long a normal signed request takes, answered correctly.
async fn normal_request(raw: &Raw) -> Duration {
    let started = Instant::now();
    let r = raw.call("DescribeRegions", "{}").await;
    assert_eq!(code(&r), None, "{r}");
    started.elapsed()
}

/// Request headers for `action` announcing `length` body bytes.
fn head(host: &str, action: &str, authorization: &str, timestamp: i64, length: usize) -> String {
    format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nX-TC-Action: {action}\r\nX-TC-Version: 2020-10-28\r\nX-TC-Timestamp: {timestamp}\r\nAuthorization: {authorization}\r\nContent-Length: {length}\r\n\r\n"
    )
}

/// Sends `head`, then up to `length` bytes of body, then reads what comes back until the
/// server closes or 5 s pass.
async fn send_body(addr: std::net::SocketAddr, head: String, length: usize) -> String {
    let Ok(mut socket) = TcpStream::connect(addr).await else {
        return String::new();
    };
    let _ = socket.write_all(head.as_bytes()).await;
    let chunk = vec![b'x'; 64 * 1024];
    let mut sent = 0;
    while sent < length {
        if socket
            .write_all(&chunk[..chunk.len().min(length - sent)])
            .await
            .is_err()
        {
            break;
        }
        sent += chunk.len();
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), socket.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

async fn forty_bodies(
    emu: &Emulator,
    raw: &Raw,
    authorization: String,
) -> (usize, Duration, Vec<String>) {
    let host = emu.addr().to_string();
    let (idle, _) = memory();
    reset_peak();
    let attacks: Vec<_> = (0..40)
        .map(|_| {
            tokio::spawn(send_body(
                emu.addr(),
                head(&host, "DescribeCommands", &authorization, now(), 10 * MB),
                10 * MB,
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let during = normal_request(raw).await;
    let mut answers = Vec::new();
    for attack in attacks {
        answers.push(attack.await.unwrap());
    }
    let (_, peak) = memory();
    (peak.saturating_sub(idle), during, answers)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_traffic_is_bounded() {
    let _turn = crate::ALONE.lock().await;
    let (emu, raw) = start().await;
    normal_request(&raw).await;

    // 40 × 10 MB bodies with a key the emulator does not know: refused from the headers.
    let unknown = format!("TC3-HMAC-SHA256 Credential=AKIDunknown/{}/tat/tc3_request, SignedHeaders=content-type;host, Signature=00", today());
    let (grown, during, answers) = forty_bodies(&emu, &raw, unknown).await;
    eprintln!(
        "40 x 10 MB unauthenticated bodies: peak RSS +{} MB, a normal request meanwhile {during:?}",
        grown / MB
    );
    assert!(
        answers
            .iter()
            .all(|a| a.contains("AuthFailure.SecretIdNotFound")),
        "{:?}",
        &answers[0][..answers[0].len().min(300)]
    );
    assert!(grown <= 64 * MB, "peak RSS grew {} MB", grown / MB);
    assert!(during <= Duration::from_millis(50), "{during:?}");

    // The same with the demo key's id (the signature is checked after the body): bodies
    // share one budget, the rest wait and are refused.
    let known = format!(
        "TC3-HMAC-SHA256 Credential={}/{}/tat/tc3_request, SignedHeaders=content-type;host, Signature=00",
        tencentcloud_emulator::DEMO_SECRET_ID,
        today()
    );
    let (grown, during, answers) = forty_bodies(&emu, &raw, known).await;
    eprintln!("40 x 10 MB bodies under a known SecretId: peak RSS +{} MB, a normal request meanwhile {during:?}", grown / MB);
    assert!(
        answers
            .iter()
            .all(|a| a.contains("AuthFailure.SignatureFailure")
                || a.contains("RequestLimitExceeded")),
        "{:?}",
        answers[0]
    );
    assert!(grown <= 64 * MB, "peak RSS grew {} MB", grown / MB);
    assert!(during <= Duration::from_millis(50), "{during:?}");
}

fn today() -> String {
    tencentcloud_signing::utc_date(now())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_trickling_connections_are_closed_with_one_descriptor_each() {
    let _turn = crate::ALONE.lock().await;
    let (emu, raw) = start().await;
    normal_request(&raw).await;
    let before = open_fds();
    let mut idle = Vec::new();
    for _ in 0..200 {
        idle.push(TcpStream::connect(emu.addr()).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let per_connection = (open_fds() - before) as f64 / 200.0;
    eprintln!("descriptors per idle connection, both ends: {per_connection:.2}");
    assert!(
        per_connection <= 2.1,
        "one descriptor on each side, got {per_connection}"
    );
    let during = normal_request(&raw).await;
    assert!(during <= Duration::from_millis(50), "{during:?}");

    // A body trickling at 10 bytes every 200 ms.
    let host = emu.addr().to_string();
    let authorization = format!(
        "TC3-HMAC-SHA256 Credential={}/{}/tat/tc3_request, SignedHeaders=content-type;host, Signature=00",
        tencentcloud_emulator::DEMO_SECRET_ID,
        today()
    );
    let mut trickle = TcpStream::connect(emu.addr()).await.unwrap();
    trickle
        .write_all(head(&host, "DescribeCommands", &authorization, now(), 1000).as_bytes())
        .await
        .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    loop {
        let _ = trickle.write_all(b"0123456789").await;
        let mut buf = [0u8; 4096];
        match tokio::time::timeout(Duration::from_millis(200), trickle.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the trickling body was waited on for 10 s"
        );
    }
    eprintln!(
        "trickling body refused and closed after {:?}",
        started.elapsed()
    );
    assert!(
        String::from_utf8_lossy(&answer).contains("RequestTimeout"),
        "{}",
        String::from_utf8_lossy(&answer)
    );

    // The idle connections were closed by the server within its idle timeout.
    let started = Instant::now();
    for mut socket in idle {
        let mut buf = [0u8; 1];
        let closed = tokio::time::timeout(Duration::from_secs(5), socket.read(&mut buf)).await;
        assert!(
            matches!(closed, Ok(Ok(0)) | Ok(Err(_))),
            "an idle connection stayed open"
        );
    }
    eprintln!(
        "200 idle connections closed within {:?} of the check",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_names_and_numbers_do_not_grow_or_break_anything() {
    let _turn = crate::ALONE.lock().await;
    let (emu, raw) = start().await;
    // Made-up action names are counted under one name, long or short.
    let names: Vec<String> = (0..2000)
        .map(|i| format!("Made{i}Up{}", "x".repeat(i % 3 * 10_000)))
        .collect();
    for answer in
        futures_util::future::join_all(names.iter().map(|name| raw.call(name, "{}"))).await
    {
        assert_eq!(code(&answer), Some("InvalidAction"));
    }
    let counted = emu.stats().names();
    eprintln!("2,000 made-up action names up to 20 KB: {counted} name(s) counted");
    assert!(
        counted <= emu.service_model().service.actions.len() + 1,
        "{counted} names counted"
    );

    // Integers past i64 are not integers any client can read.
    let r = raw
        .call("DescribeCommands", r#"{"Limit": 18446744073709551615}"#)
        .await;
    assert_eq!(code(&r), Some("InvalidParameter"), "{r}");
    let r = raw
        .call(
            "CreateCommand",
            r#"{"CommandName": "big", "Content": "ZWNobw==", "Timeout": 18446744073709551615}"#,
        )
        .await;
    assert!(code(&r).is_some(), "{r}");
    let listed = raw.call("DescribeCommands", "{}").await;
    assert_eq!(listed["TotalCount"], 0, "nothing was stored: {listed}");

    // Timestamps far from now, both ways, are refused without wrapping.
    for timestamp in [i64::MIN, i64::MIN + 1, i64::MAX, -1] {
        let r = raw
            .call_with(
                "DescribeCommands",
                "{}",
                &[("X-TC-Timestamp", &timestamp.to_string())],
            )
            .await;
        assert!(
            code(&r).is_some_and(|c| c.starts_with("AuthFailure")),
            "{timestamp}: {r}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parameter_used_thousands_of_times_stays_small_and_blocks_no_one() {
    use base64::Engine;
    let _turn = crate::ALONE.lock().await;
    let (emu, raw) = start().await;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let script = "{{p}}".repeat(9_000);
    let body = serde_json::json!({
        "CommandName": "amplify", "Content": b64(&script), "EnableParameter": true,
        "DefaultParameters": serde_json::json!({"p": "y".repeat(10_000)}).to_string(),
    });
    let created = raw.call("CreateCommand", &body.to_string()).await;
    let id = created["CommandId"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_string();
    let (idle, _) = memory();
    reset_peak();
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        let invoke =
            serde_json::json!({"CommandId": id, "InstanceIds": ["ins-1", "ins-2"]}).to_string();
        let run = raw.call("InvokeCommand", &invoke);
        let other = normal_request(&raw);
        let (r, waited) = tokio::join!(run, other);
        assert_eq!(code(&r), None, "{r}");
        slowest = slowest.max(waited);
        let _ = raw
            .call(
                "DescribeInvocationTasks",
                r#"{"HideOutput": false, "Limit": 100}"#,
            )
            .await;
    }
    let (_, peak) = memory();
    eprintln!("5 invocations of a 10 KB parameter used 9,000 times: peak RSS +{} MB, slowest other request {slowest:?}", peak.saturating_sub(idle) / MB);
    assert!(peak.saturating_sub(idle) <= 64 * MB);
    assert!(slowest <= Duration::from_millis(100), "{slowest:?}");
    drop(emu);
}

#[tokio::test]
async fn a_truncated_answer_sends_half_of_what_it_announces() {
    let _turn = crate::ALONE.lock().await;
    let (emu, raw) = start().await;
    emu.faults()
        .add(FaultRule::parse("truncated@DescribeRegions").unwrap())
        .expect("the plan takes the rule");
    let host = emu.addr().to_string();
    let timestamp = now();
    let signed = tencentcloud_signing::sign(&tencentcloud_signing::SigningInput {
        secret_id: &raw.secret_id,
        secret_key: &raw.secret_key,
        service: "tat",
        host: &host,
        content_type: "application/json",
        payload: b"{}",
        timestamp,
        action: "DescribeRegions",
        signed_headers: tencentcloud_signing::SignedHeaders::Official,
    });
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nX-TC-Action: DescribeRegions\r\nX-TC-Version: 2020-10-28\r\nX-TC-Region: ap-guangzhou\r\nX-TC-Timestamp: {timestamp}\r\nAuthorization: {}\r\nContent-Length: 2\r\n\r\n{{}}",
        signed.authorization
    );
    let answer = send_body(emu.addr(), head, 0).await;
    let (headers, body) = answer.split_once("\r\n\r\n").expect("headers came");
    let announced: usize = headers
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .expect("a length");
    assert!(
        announced > 0 && body.len() == announced / 2,
        "announced {announced}, sent {}",
        body.len()
    );
}
