//! A tiny HTTP/1.1 server on 127.0.0.1 for transport tests: it records every request and
//! answers with whatever the test's handler decides.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tencentcloud_tat::{Client, Credentials, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Keys the tests sign with (the official SDK's documentation example).
pub const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
pub const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
pub const TOKEN: &str = "session-token-value-0123456789";

/// Held by every test that installs its own `tracing` subscriber: two scoped subscribers
/// coming and going at once can leave a callsite's cached interest without either
/// (tokio-rs/tracing#3611), and the test would miss its own events.
pub static ONE_SUBSCRIBER: Mutex<()> = Mutex::new(());

/// Where a test's `tracing` subscriber writes, to read what was logged.
#[derive(Clone, Default)]
pub struct Capture(pub Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Recorded {
    /// The request line's method and path (`POST /`).
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
}

pub enum Reply {
    Json(u16, String),
    /// Wait, then answer.
    Delay(Duration, String),
    /// Read the request, then close the connection without answering.
    Hangup,
    /// A redirect to `location`.
    Redirect(u16, String),
    /// A 200 answer whose headers announce `announced` bytes (none when `None`, then the body
    /// is chunked) and that sends `sent` bytes of `x`, then closes.
    Huge {
        announced: Option<u64>,
        sent: u64,
    },
    /// A chunked answer that never ends.
    #[allow(dead_code)] // sent by the `timed` binary
    Endless,
}

pub struct Stub {
    pub url: String,
    pub count: Arc<AtomicUsize>,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Stub {
    pub fn hits(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

pub async fn start<F>(handler: F) -> Stub
where
    F: Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    let count = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let handler = Arc::new(handler);
    let (c, r) = (count.clone(), requests.clone());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (c, r, handler) = (c.clone(), r.clone(), handler.clone());
            tokio::spawn(async move {
                let Some(recorded) = read_request(&mut socket).await else {
                    return;
                };
                let n = c.fetch_add(1, Ordering::SeqCst);
                r.lock().unwrap().push(recorded.clone());
                let (status, body) = match handler(n, &recorded) {
                    Reply::Json(status, body) => (status, body),
                    Reply::Delay(d, body) => {
                        tokio::time::sleep(d).await;
                        (200, body)
                    }
                    Reply::Hangup => return,
                    Reply::Redirect(status, location) => {
                        let head = format!("HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        let _ = socket.write_all(head.as_bytes()).await;
                        return;
                    }
                    Reply::Huge { announced, sent } => {
                        return send_bytes(&mut socket, announced, Some(sent)).await
                    }
                    Reply::Endless => return send_bytes(&mut socket, None, None).await,
                };
                let response =
                    format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    Stub {
        url,
        count,
        requests,
    }
}

/// Streams `x` bytes: `sent` of them, or until the client hangs up.
async fn send_bytes(socket: &mut tokio::net::TcpStream, announced: Option<u64>, sent: Option<u64>) {
    let framing = match announced {
        Some(n) => format!("Content-Length: {n}"),
        None => "Transfer-Encoding: chunked".to_string(),
    };
    let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n");
    if socket.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    const CHUNK: usize = 64 * 1024;
    let block = vec![b'x'; CHUNK];
    let mut left = sent.unwrap_or(u64::MAX);
    while left > 0 {
        let n = left.min(CHUNK as u64) as usize;
        let written = match announced {
            Some(_) => socket.write_all(&block[..n]).await,
            None => {
                let mut framed = format!("{n:x}\r\n").into_bytes();
                framed.extend_from_slice(&block[..n]);
                framed.extend_from_slice(b"\r\n");
                socket.write_all(&framed).await
            }
        };
        if written.is_err() {
            return;
        }
        left -= n as u64;
    }
    let _ = socket.shutdown().await;
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut request_line = head.lines().next().unwrap_or_default().split(' ');
    let (method, path) = (
        request_line.next().unwrap_or_default().to_string(),
        request_line.next().unwrap_or_default().to_string(),
    );
    let headers: HashMap<String, String> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).to_string();
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

pub fn ok(body: &str) -> Reply {
    let sep = if body.is_empty() { "" } else { ", " };
    Reply::Json(
        200,
        format!(r#"{{"Response": {{"RequestId": "req-1"{sep}{body}}}}}"#),
    )
}

pub fn service_error(code: &str, message: &str) -> Reply {
    Reply::Json(
        200,
        format!(
            r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "{message}"}}, "RequestId": "req-err"}}}}"#
        ),
    )
}

/// A client of the stub with a session token and quick retries, as the hostile-server
/// tests use it.
pub fn client(url: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN))
        .endpoint_url(url)
        .timeout(Duration::from_secs(20))
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::standard()
        })
        .build()
        .expect("client")
}
