//! Load against the local emulator (`cargo bench -p workspace-tests --bench emulator_load`).
//!
//! 1. Throughput: the generated client (build, validate, serialise, sign, send, decode
//!    into typed responses) at several concurrencies, against its peer in the same run:
//!    a bare reqwest loop re-sending one pre-signed request (no typing, no validation).
//! 2. Ten times the documented rate: what the emulator accepts and refuses, and how
//!    fast it refuses; then the same offered load through the client's own limiter.
//!
//! The emulator runs on its own one-thread runtime, the client on another: one core each.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tencentcloud_emulator::{Emulator, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_runtime::signing::{sign, SignedHeaders, SigningInput};
use tencentcloud_tat::{Client, Credentials};
use workspace_tests::bench_figures::{figure, smoke};

/// How long each row is measured: three seconds, a fifth of a second in a smoke run.
fn window() -> Duration {
    if smoke() {
        Duration::from_millis(200)
    } else {
        Duration::from_secs(3)
    }
}

fn start_emulator(
    rate_limits: Option<f64>,
) -> (String, Arc<Emulator>, std::sync::mpsc::Sender<()>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let emu = Arc::new(
                tencentcloud_emulator::services::tat::emulator()
                    .rate_limits(rate_limits)
                    .start()
                    .await
                    .unwrap(),
            );
            tx.send((emu.url().to_string(), emu.clone())).unwrap();
            // Serve until told to stop.
            loop {
                if stop_rx.try_recv().is_ok() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
    });
    let (url, emu) = rx.recv().unwrap();
    (url, emu, stop_tx)
}

fn client(url: &str, rate_limit: bool) -> Client {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint_url(url)
        .rate_limit(rate_limit)
        .build()
        .unwrap()
}

struct Run {
    ok: u64,
    errors: u64,
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Run {
    fn rps(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&mut self, p: f64) -> Duration {
        self.latencies.sort();
        self.latencies
            .get(((self.latencies.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or_default()
    }
}

/// `concurrency` workers each calling `call` back to back for [`window`].
async fn closed_loop<F, Fut>(concurrency: usize, call: F) -> Run
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let call = call.clone();
            async move {
                let (mut ok, mut errors, mut latencies) = (0u64, 0u64, Vec::new());
                while started.elapsed() < window() {
                    let t = Instant::now();
                    if call().await {
                        ok += 1
                    } else {
                        errors += 1
                    }
                    latencies.push(t.elapsed());
                }
                (ok, errors, latencies)
            }
        })
        .collect();
    let results = futures_util::future::join_all(workers).await;
    let mut run = Run {
        ok: 0,
        errors: 0,
        latencies: Vec::new(),
        elapsed: started.elapsed(),
    };
    for (ok, errors, lat) in results {
        run.ok += ok;
        run.errors += errors;
        run.latencies.extend(lat);
    }
    run
}

fn presigned(url: &str) -> reqwest::RequestBuilder {
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let body = b"{}";
    let sig = sign(&SigningInput {
        secret_id: DEMO_SECRET_ID,
        secret_key: DEMO_SECRET_KEY,
        service: "tat",
        host: &host,
        content_type: "application/json",
        payload: body,
        timestamp,
        action: "DescribeCommands",
        signed_headers: SignedHeaders::Official,
    });
    reqwest::Client::new()
        .post(url)
        .header("Authorization", sig.authorization)
        .header("Content-Type", "application/json")
        .header("X-TC-Action", "DescribeCommands")
        .header("X-TC-Timestamp", timestamp.to_string())
        .header("X-TC-Version", "2020-10-28")
        .header("X-TC-Region", "ap-guangzhou")
        .body(&body[..])
}

fn main() {
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    println!(
        "== throughput: DescribeCommands, emulator rate limits off, {:?} per row",
        window()
    );
    println!(
        "{:>11} {:>14} {:>10} {:>10} {:>16} {:>8}",
        "concurrency", "client req/s", "p50", "p99", "bare reqwest/s", "ratio"
    );
    let (url, emu, stop) = start_emulator(None);
    client_rt.block_on(async {
        let c = client(&url, false);
        c.create_command().command_name("load").content("ZWNobyBsb2Fk").send().await.unwrap();
        let concurrencies: &[usize] = if smoke() { &[1] } else { &[1, 8, 32] };
        for &concurrency in concurrencies {
            let c2 = c.clone();
            let mut ours = closed_loop(concurrency, move || {
                let c = c2.clone();
                async move { c.describe_commands().send().await.is_ok() }
            })
            .await;
            let template = Arc::new(presigned(&url));
            let bare = closed_loop(concurrency, move || {
                let req = template.try_clone().unwrap();
                async move { req.send().await.map(|r| r.status().is_success()).unwrap_or(false) }
            })
            .await;
            let (p50, p99) = (ours.percentile(0.5), ours.percentile(0.99));
            figure(
                &format!("client round trip on the emulator, {concurrency} concurrent"),
                ours.rps(),
                "req/s",
                Some(("bare reqwest", bare.rps())),
            );
            if Some(&concurrency) == concurrencies.last() {
                let name = format!("emulator requests answered, {concurrency} concurrent");
                figure(&name, bare.rps(), "req/s", None);
            }
            println!(
                "{concurrency:>11} {:>14.0} {:>10.2?} {:>10.2?} {:>16.0} {:>7.2}×   (errors: {} ours, {} bare)",
                ours.rps(),
                p50,
                p99,
                bare.rps(),
                ours.rps() / bare.rps(),
                ours.errors,
                bare.errors
            );
        }
    });
    let stats = emu.stats().action("DescribeCommands");
    println!(
        "   emulator answered {} DescribeCommands, {} errors",
        stats.succeeded,
        stats.errors.values().sum::<u64>()
    );
    let _ = stop.send(());
    drop(emu);

    println!(
        "\n== 10× the documented rate: RunCommand (documented 20/s) offered at 200/s for {:?}",
        window()
    );
    for (label, client_limiter) in [("client limiter off", false), ("client limiter on ", true)] {
        let (url, emu, stop) = start_emulator(Some(1.0));
        let run = client_rt.block_on(async {
            let c = client(&url, client_limiter);
            let started = Instant::now();
            let mut ticker = tokio::time::interval(Duration::from_millis(5));
            let mut calls = Vec::new();
            while started.elapsed() < window() {
                ticker.tick().await;
                let c = c.clone();
                calls.push(tokio::spawn(async move {
                    let t = Instant::now();
                    let r = c
                        .run_command()
                        .content("ZWNobyBoaQ==")
                        .instance_ids(["ins-1"])
                        .send()
                        .await;
                    (
                        r.err()
                            .and_then(|e| e.as_service_error().map(|s| s.code().to_string())),
                        t.elapsed(),
                    )
                }));
            }
            let offered = calls.len();
            let mut refused_latency = Vec::new();
            let mut accepted_latency = Vec::new();
            for call in calls {
                let (code, latency) = call.await.unwrap();
                match code.as_deref() {
                    Some("RequestLimitExceeded") => refused_latency.push(latency),
                    None => accepted_latency.push(latency),
                    Some(other) => panic!("unexpected {other}"),
                }
            }
            (
                offered,
                started.elapsed(),
                accepted_latency,
                refused_latency,
            )
        });
        let (offered, elapsed, mut accepted, mut refused) = run;
        accepted.sort();
        refused.sort();
        let median = |v: &Vec<Duration>| v.get(v.len() / 2).copied().unwrap_or_default();
        let stats = emu.stats().action("RunCommand");
        println!(
            "   {label}: offered {offered} in {elapsed:.1?} → server accepted {} ({:.1}/s), refused {} with RequestLimitExceeded; median latency accepted {:.2?}, refused {:.2?}",
            stats.succeeded,
            stats.succeeded as f64 / elapsed.as_secs_f64(),
            stats.errors.get("RequestLimitExceeded").copied().unwrap_or(0),
            median(&accepted),
            median(&refused)
        );
        let _ = stop.send(());
    }
}
