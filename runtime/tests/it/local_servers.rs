//! Local peers on 127.0.0.1 for the tests that need a real socket: an API endpoint
//! answering every request with one body (after an optional delay), and a proxy that
//! answers absolute-form requests itself (it is the origin of any host it is asked for)
//! and records what it was asked.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const ANSWER: &str = r#"{"Response": {"RequestId": "r-local"}}"#;

/// An HTTP/1.1 answer with a JSON body.
pub fn http_answer(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// Reads a request's head (and what of its body came with it).
async fn read_head(stream: &mut TcpStream) -> String {
    let mut head = vec![0u8; 16 * 1024];
    let n = stream.read(&mut head).await.unwrap_or(0);
    String::from_utf8_lossy(&head[..n]).into_owned()
}

/// An endpoint answering [`ANSWER`] after `delay`; its base URL and the heads it read.
pub async fn endpoint(delay: Duration) -> (String, Arc<Mutex<Vec<String>>>) {
    endpoint_answering(ANSWER.to_string(), delay).await
}

/// An endpoint answering `body` after `delay`; its base URL and the heads it read.
pub async fn endpoint_answering(
    body: String,
    delay: Duration,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let heads: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = heads.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (seen, body) = (seen.clone(), body.clone());
            tokio::spawn(async move {
                let head = read_head(&mut stream).await;
                seen.lock().unwrap().push(head);
                tokio::time::sleep(delay).await;
                let _ = stream.write_all(http_answer(&body).as_bytes()).await;
            });
        }
    });
    (url, heads)
}

/// A proxy: each request line it is sent (`POST http://host/ HTTP/1.1`, `CONNECT host:443
/// HTTP/1.1`), answered by [`ANSWER`] (a `CONNECT` is refused).
pub async fn proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = lines.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let head = read_head(&mut stream).await;
                let line = head.lines().next().unwrap_or_default().to_string();
                let connect = line.starts_with("CONNECT");
                seen.lock().unwrap().push(line);
                let answer = match connect {
                    true => "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".to_string(),
                    false => http_answer(ANSWER),
                };
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    (url, lines)
}
