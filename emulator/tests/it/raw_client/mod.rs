//! Signed requests with any body, for what a typed client would never send.

use serde_json::Value;
use std::time::{SystemTime, UNIX_EPOCH};
use tencentcloud_signing::{sign, SignedHeaders, SigningInput};

pub struct Raw {
    pub url: String,
    pub service: String,
    pub version: String,
    pub secret_id: String,
    pub secret_key: String,
    http: reqwest::Client,
}

impl Raw {
    pub fn new(url: &str, service: &str, version: &str) -> Raw {
        Raw {
            url: url.to_string(),
            service: service.into(),
            version: version.into(),
            secret_id: tencentcloud_emulator::DEMO_SECRET_ID.into(),
            secret_key: tencentcloud_emulator::DEMO_SECRET_KEY.into(),
            http: reqwest::Client::new(),
        }
    }

    /// POSTs `body` as `action`, signed; returns the `Response` object.
    pub async fn call(&self, action: &str, body: &str) -> Value {
        self.call_with(action, body, &[]).await
    }

    pub async fn call_with(&self, action: &str, body: &str, headers: &[(&str, &str)]) -> Value {
        self.try_call_with(action, body, headers)
            .await
            .expect("sent, and answered with a JSON envelope")
    }

    /// `call`, or `None` when no answer came (the connection broke).
    pub async fn try_call(&self, action: &str, body: &str) -> Option<Value> {
        self.try_call_with(action, body, &[]).await
    }

    async fn try_call_with(
        &self,
        action: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Option<Value> {
        let host = self
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let sig = sign(&SigningInput {
            secret_id: &self.secret_id,
            secret_key: &self.secret_key,
            service: &self.service,
            host: &host,
            content_type: "application/json",
            payload: body.as_bytes(),
            timestamp,
            action,
            signed_headers: SignedHeaders::WithAction,
        });
        let mut headers_out: Vec<(String, String)> = vec![
            ("Authorization".into(), sig.authorization),
            ("Content-Type".into(), "application/json".into()),
            ("X-TC-Action".into(), action.into()),
            ("X-TC-Timestamp".into(), timestamp.to_string()),
            ("X-TC-Version".into(), self.version.clone()),
            ("X-TC-Region".into(), "ap-guangzhou".into()),
        ];
        for (k, v) in headers {
            headers_out.retain(|(name, _)| !name.eq_ignore_ascii_case(k));
            headers_out.push((k.to_string(), v.to_string()));
        }
        let mut request = self.http.post(&self.url);
        for (k, v) in headers_out {
            request = request.header(k, v);
        }
        let answer = request.body(body.to_string()).send().await.ok()?;
        let text = answer.text().await.ok()?;
        let doc: Value = serde_json::from_str(&text).ok()?;
        Some(doc["Response"].clone())
    }
}

/// The error code of a `Response`, or `None` for a success.
pub fn code(response: &Value) -> Option<&str> {
    response.get("Error").and_then(|e| e["Code"].as_str())
}
