//! Exchanges recorded and played back. A [`Recorder`] wraps the client's HTTP client and
//! appends each exchange to a file, one JSON object a line: the action, the region, the
//! request body with secret-looking members (`*Password*`, `*Secret*`, `*Token*` but
//! `ClientToken`) replaced, the status and the answer's body. No header is kept, so no
//! signature, key or token is ever written. A [`Replay`] answers the calls in the order
//! recorded, each from the exchange of the same action, and opens no connection.

use crate::http_client::{HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse};
use futures_util::future::BoxFuture;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One exchange as recorded.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Exchange {
    action: String,
    #[serde(default)]
    region: Option<String>,
    request: Value,
    status: u16,
    response: Value,
}

/// A body as JSON when it is JSON, else as text.
fn readable(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

/// The value with secret-looking members replaced, at any depth.
fn redacted(value: Value) -> Value {
    let secret = |name: &str| {
        let name = name.to_ascii_lowercase();
        name != "clienttoken"
            && ["password", "secret", "token"]
                .iter()
                .any(|s| name.contains(s))
    };
    match value {
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(k, v)| match secret(&k) {
                    true => (k, Value::String("<redacted>".into())),
                    false => (k, redacted(v)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redacted).collect()),
        other => other,
    }
}

/// An HTTP client that records every exchange of the client it wraps.
#[derive(Debug)]
pub struct Recorder {
    inner: Arc<dyn HttpClient>,
    path: PathBuf,
    file: Mutex<std::fs::File>,
}

impl Recorder {
    /// Records `inner`'s exchanges to `path` (created, or emptied).
    pub fn new(inner: Arc<dyn HttpClient>, path: impl Into<PathBuf>) -> std::io::Result<Self> {
        let path = path.into();
        let file = std::fs::File::create(&path)?;
        Ok(Recorder {
            inner,
            path,
            file: Mutex::new(file),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn save(&self, request: &Exchange) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(request)?;
        line.push(b'\n');
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        file.write_all(&line)?;
        file.flush()
    }
}

impl HttpClient for Recorder {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, HttpError>> {
        Box::pin(async move {
            let action = request.action().unwrap_or_default().to_string();
            let region = request.header("x-tc-region").map(str::to_string);
            let sent = redacted(readable(&request.body));
            let response = self.inner.send(request).await?;
            let exchange = Exchange {
                action,
                region,
                request: sent,
                status: response.status,
                response: readable(&response.body),
            };
            self.save(&exchange).map_err(|e| {
                let why = format!(
                    "the recording {} cannot be written: {e}",
                    self.path.display()
                );
                HttpError::new(HttpErrorKind::MaybeSent, why)
            })?;
            Ok(response)
        })
    }
}

/// Recorded exchanges played back in order. Cheap to clone; clones share the position.
#[derive(Debug, Clone)]
pub struct Replay {
    exchanges: Arc<Vec<Exchange>>,
    played: Arc<Mutex<usize>>,
    path: Arc<str>,
}

impl Replay {
    /// The exchanges a [`Recorder`] wrote to `path`.
    pub fn from_file(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)?;
        let exchanges = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                serde_json::from_str(line).map_err(|e| {
                    let why = format!(
                        "{} line {}: not a recorded exchange: {e}",
                        path.display(),
                        i + 1
                    );
                    std::io::Error::new(std::io::ErrorKind::InvalidData, why)
                })
            })
            .collect::<Result<Vec<Exchange>, _>>()?;
        Ok(Replay {
            exchanges: Arc::new(exchanges),
            played: Arc::default(),
            path: path.display().to_string().into(),
        })
    }

    /// How many exchanges the recording holds.
    pub fn len(&self) -> usize {
        self.exchanges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exchanges.is_empty()
    }

    /// `Ok` once every recorded exchange was played.
    pub fn verify(&self) -> Result<(), String> {
        let played = *self.played.lock().unwrap_or_else(|p| p.into_inner());
        match played == self.exchanges.len() {
            true => Ok(()),
            false => Err(format!(
                "{} of the {} exchanges of {} were played",
                played,
                self.exchanges.len(),
                self.path
            )),
        }
    }

    /// The next exchange, when it is of `action`.
    fn next(&self, action: &str) -> Result<Exchange, String> {
        let mut played = self.played.lock().unwrap_or_else(|p| p.into_inner());
        let Some(exchange) = self.exchanges.get(*played) else {
            return Err(format!(
                "{} holds {} exchanges; call {} ({action}) has none",
                self.path,
                self.exchanges.len(),
                *played + 1
            ));
        };
        if exchange.action != action {
            return Err(format!(
                "call {} is {action}, but the recording's is {}",
                *played + 1,
                exchange.action
            ));
        }
        *played += 1;
        Ok(exchange.clone())
    }
}

impl HttpClient for Replay {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, HttpError>> {
        let answer = self.next(request.action().unwrap_or_default());
        Box::pin(async move {
            let exchange = answer.map_err(|why| HttpError::new(HttpErrorKind::NotSent, why))?;
            let body = match exchange.response {
                Value::String(text) => text.into_bytes(),
                json => json.to_string().into_bytes(),
            };
            Ok(HttpResponse::json(exchange.status, body))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_looking_members_are_replaced_at_any_depth() {
        let body = serde_json::json!({
            "ClientToken": "keep-me",
            "LoginSettings": {"Password": "hunter2", "KeyIds": ["k"]},
            "Items": [{"SecretKey": "s"}, {"SessionToken": "t"}],
        });
        let shown = redacted(body).to_string();
        assert!(
            shown.contains("keep-me") && shown.contains("\"k\""),
            "{shown}"
        );
        for secret in ["hunter2", "\"s\"", "\"t\""] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
