//! The network around a call, with local stand-ins: an HTTP proxy that counts what goes
//! through it (with and without credentials, bypassed by `NO_PROXY`), and a primary
//! endpoint that resets connections until it is healthy again, with a second emulator as
//! the backup endpoint the region breaker moves calls to, and back from.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_runtime::BreakerSettings;
use tencentcloud_tat::{Client, Credentials};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use workspace_tests::tat_bed;

/// A proxy on 127.0.0.1: forwards each connection to the host its first request names
/// (absolute-form `POST http://host/`, or `CONNECT host`), after checking
/// `Proxy-Authorization` when `credentials` are set; counts the connections it forwarded.
async fn proxy(credentials: Option<&'static str>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let forwarded = Arc::new(AtomicUsize::new(0));
    let count = forwarded.clone();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let count = count.clone();
            tokio::spawn(async move {
                let mut head = vec![0u8; 16 * 1024];
                let n = client.read(&mut head).await.unwrap_or(0);
                let text = String::from_utf8_lossy(&head[..n]).to_string();
                let expected = credentials.map(|c| {
                    use base64::Engine;
                    let encoded = base64::engine::general_purpose::STANDARD.encode(c);
                    format!("proxy-authorization: basic {}", encoded.to_lowercase())
                });
                if expected.is_some_and(|e| !text.to_lowercase().contains(&e)) {
                    let refusal = "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    let _ = client.write_all(refusal.as_bytes()).await;
                    return;
                }
                let target = text.split_whitespace().nth(1).unwrap_or_default();
                let host = target
                    .trim_start_matches("http://")
                    .split('/')
                    .next()
                    .unwrap_or_default();
                let Ok(mut upstream) = TcpStream::connect(host).await else {
                    return;
                };
                count.fetch_add(1, Ordering::SeqCst);
                if text.starts_with("CONNECT") {
                    let _ = client
                        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                        .await;
                } else {
                    let _ = upstream.write_all(&head[..n]).await;
                }
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    (url, forwarded)
}

fn client_of(url: &str) -> tencentcloud_runtime::ClientBuilder<Client> {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint_url(url)
}

#[tokio::test]
async fn calls_go_through_the_proxy_asked_for_and_its_password_is_never_shown() {
    let (emulator, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let (open, through_open) = proxy(None).await;
    let client = client_of(emulator.url()).proxy(&open).build().unwrap();
    client
        .describe_regions()
        .send()
        .await
        .expect("through the proxy");
    assert!(through_open.load(Ordering::SeqCst) >= 1);

    let (guarded, through_guarded) = proxy(Some("alice:s3cret-pass")).await;
    let with_password = guarded.replace("http://", "http://alice:s3cret-pass@");
    let client = client_of(emulator.url())
        .proxy(&with_password)
        .build()
        .unwrap();
    client
        .describe_regions()
        .send()
        .await
        .expect("credentials accepted");
    assert!(through_guarded.load(Ordering::SeqCst) >= 1);
    assert!(!format!("{client:?}").contains("s3cret"));

    let wrong = guarded.replace("http://", "http://alice:wr0ng-pass@");
    let client = client_of(emulator.url()).proxy(&wrong).build().unwrap();
    let err = client
        .describe_regions()
        .send()
        .await
        .expect_err("refused by the proxy");
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("wr0ng-pass") && !shown.contains("s3cret"),
        "{shown}"
    );
    let bad = client_of(emulator.url())
        .proxy("http://alice:s3cret@[::bad")
        .build();
    let shown = format!("{:?}", bad.expect_err("not a URL"));
    assert!(!shown.contains("s3cret"), "{shown}");
    emulator.stop();
}

#[tokio::test]
async fn the_environment_names_the_proxy_and_no_proxy_bypasses_it() {
    let (emulator, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let (proxy_url, through) = proxy(None).await;
    let env_proxy = proxy_url.clone();
    let client = client_of(emulator.url())
        .proxy_environment(move |name| (name == "http_proxy").then(|| env_proxy.clone()))
        .build()
        .unwrap();
    client
        .describe_regions()
        .send()
        .await
        .expect("through HTTP_PROXY");
    let after_env = through.load(Ordering::SeqCst);
    assert!(after_env >= 1);
    let env_proxy = proxy_url.clone();
    let bypassing = client_of(emulator.url())
        .proxy_environment(move |name| match name {
            "HTTP_PROXY" => Some(env_proxy.clone()),
            "NO_PROXY" => Some("localhost,127.0.0.1".into()),
            _ => None,
        })
        .build()
        .unwrap();
    bypassing.describe_regions().send().await.expect("direct");
    let explicit = client_of(emulator.url())
        .proxy(&proxy_url)
        .proxy_environment(|name| (name == "no_proxy").then(|| "127.0.0.1".to_string()))
        .build()
        .unwrap();
    explicit
        .describe_regions()
        .send()
        .await
        .expect("direct too");
    assert_eq!(
        through.load(Ordering::SeqCst),
        after_env,
        "NO_PROXY bypasses the proxy"
    );
    emulator.stop();
}

/// A primary endpoint on 127.0.0.1: while `healthy` it forwards connections to `to`, else
/// it closes them unanswered; counts the connections it forwarded.
async fn primary(to: String, healthy: Arc<AtomicBool>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let forwarded = Arc::new(AtomicUsize::new(0));
    let count = forwarded.clone();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            if !healthy.load(Ordering::SeqCst) {
                drop(client);
                continue;
            }
            count.fetch_add(1, Ordering::SeqCst);
            let to = to.clone();
            tokio::spawn(async move {
                if let Ok(mut upstream) = TcpStream::connect(to).await {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                }
            });
        }
    });
    (url, forwarded)
}

fn breaker() -> BreakerSettings {
    BreakerSettings {
        max_failures: 3,
        cool_down: Duration::from_millis(300),
        successes_to_close: 1,
        ..BreakerSettings::default()
    }
}

#[tokio::test]
async fn the_breaker_moves_calls_to_the_backup_and_back_after_the_cool_down() {
    let (behind_primary, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let (backup, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let healthy = Arc::new(AtomicBool::new(false));
    let to = behind_primary
        .url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let (primary_url, through_primary) = primary(to, healthy.clone()).await;
    let client = client_of(&primary_url)
        .backup_endpoint(backup.url())
        .region_breaker(breaker())
        .build()
        .unwrap();
    let backup_calls = || backup.stats().action("DescribeRegions").received;
    for _ in 0..3 {
        client
            .describe_regions()
            .send()
            .await
            .expect_err("the primary resets");
    }
    assert_eq!(backup_calls(), 0);
    for _ in 0..3 {
        client
            .describe_regions()
            .send()
            .await
            .expect("answered by the backup");
    }
    assert_eq!(backup_calls(), 3);
    healthy.store(true, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(350)).await;
    for _ in 0..3 {
        client
            .describe_regions()
            .send()
            .await
            .expect("back on the primary");
    }
    assert_eq!(backup_calls(), 3, "nothing more went to the backup");
    assert!(through_primary.load(Ordering::SeqCst) >= 1);
    assert_eq!(behind_primary.stats().action("DescribeRegions").received, 3);
    behind_primary.stop();
    backup.stop();
}

#[tokio::test]
async fn service_errors_and_4xx_never_move_calls() {
    let (primary, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let (backup, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let client = client_of(primary.url())
        .backup_endpoint(backup.url())
        .region_breaker(breaker())
        .build()
        .unwrap();
    let wrong_keys = Client::builder()
        .credentials(Credentials::new("AKIDnobody", "wrong"))
        .endpoint_url(primary.url())
        .backup_endpoint(backup.url())
        .region_breaker(breaker())
        .build()
        .unwrap();
    for _ in 0..5 {
        let over = serde_json::json!({"Limit": 100_000});
        let err = client
            .call_json("DescribeCommands", over)
            .await
            .unwrap_err();
        assert!(err.as_service_error().is_some(), "{err}");
        let err = wrong_keys.describe_regions().send().await.unwrap_err();
        assert!(err.as_service_error().is_some(), "{err}");
    }
    client
        .describe_regions()
        .send()
        .await
        .expect("still the primary");
    let at_backup = backup.stats().action("DescribeRegions").received
        + backup.stats().action("DescribeCommands").received;
    assert_eq!(at_backup, 0, "a service error never moves calls");
    primary.stop();
    backup.stop();
}
