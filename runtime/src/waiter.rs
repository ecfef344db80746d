//! Waiting for a long-running operation: one action polled until a member of its answer
//! takes a final value, with jittered exponential backoff. The polling is compiled once
//! here; a generated crate declares each waiter's rule ([`WaitRule`], from its
//! `waiters.toml`) and its fluent entry point (`client.wait_until_<name>()…wait(max)`).

use crate::answer::typed_response;
use crate::client::Client;
use crate::contract::error::SdkError;
use crate::contract::spec::Operation;
use crate::contract::wire::ErrorCode;
use rand::Rng;
use serde_json::Value;
use std::time::{Duration, Instant};

/// A waiter's rule: where its status is in the answer (wire names; `each` reads every item
/// of an array) and which documented values end the wait. Values in no list are retried.
#[derive(Debug, Clone, Copy)]
pub struct WaitRule {
    pub name: &'static str,
    pub path: &'static [(&'static str, bool)],
    pub success: &'static [&'static str],
    pub failure: &'static [&'static str],
    pub retry: &'static [&'static str],
}

/// Delays between polls: from `min_delay`, doubling up to `max_delay`, each with jitter
/// (a random delay between half and all of it, never below `min_delay`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Polling {
    pub min_delay: Duration,
    pub max_delay: Duration,
}

impl Default for Polling {
    fn default() -> Self {
        Polling {
            min_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
        }
    }
}

impl Polling {
    /// The delay before poll `attempt + 1` (the first delay is attempt 0).
    pub fn delay(&self, attempt: u32) -> Duration {
        let min = self.min_delay;
        let doubled = min.saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX));
        let cap = doubled.min(self.max_delay.max(min));
        let half = cap / 2;
        let jittered = half + (cap - half).mul_f64(rand::rng().random_range(0.0..=1.0));
        jittered.max(min)
    }
}

/// How a wait ended, when not in success.
#[derive(Debug, thiserror::Error)]
pub enum WaitError<R: std::fmt::Debug, C: ErrorCode> {
    /// The status took a failure value; the answer that said so.
    #[error("waiter `{waiter}`: `{path}` is `{value}`, a failure")]
    Failed {
        waiter: &'static str,
        path: String,
        value: String,
        response: Box<R>,
    },
    /// Not done within the time given; the last answer and the values it held.
    #[error("waiter `{waiter}`: not done after {waited:?} (last values: {})", last_values.join(", "))]
    TimedOut {
        waiter: &'static str,
        waited: Duration,
        last_values: Vec<String>,
        last: Option<Box<R>>,
    },
    /// A poll failed (after the client's own retries).
    #[error("waiter `{waiter}`: {source}")]
    Call {
        waiter: &'static str,
        #[source]
        source: SdkError<C>,
    },
}

/// What one answer says of the wait.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Success,
    Failure(String),
    Retry,
}

impl WaitRule {
    /// The path as written in `waiters.toml` (`InvocationSet[].InvocationStatus`).
    pub fn path_text(&self) -> String {
        let steps: Vec<String> = self
            .path
            .iter()
            .map(|(m, each)| format!("{m}{}", if *each { "[]" } else { "" }))
            .collect();
        steps.join(".")
    }

    /// Every string at the end of the path in a `Response` object.
    fn values_in(&self, response: &Value) -> Vec<String> {
        let mut at = vec![response];
        for (member, each) in self.path {
            at = at
                .into_iter()
                .filter_map(|v| v.get(member))
                .flat_map(|v| match (each, v.as_array()) {
                    (true, Some(items)) => items.iter().collect::<Vec<_>>(),
                    _ => vec![v],
                })
                .collect();
        }
        at.into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// A failure value anywhere fails; success needs at least one value, all successes.
    fn verdict(&self, values: &[String]) -> Verdict {
        if let Some(failed) = values.iter().find(|v| self.failure.contains(&v.as_str())) {
            return Verdict::Failure(failed.clone());
        }
        if !values.is_empty() && values.iter().all(|v| self.success.contains(&v.as_str())) {
            Verdict::Success
        } else {
            Verdict::Retry
        }
    }
}

/// Polls `request` until `rule` says it is done, for at most `max`.
pub async fn wait<O>(
    client: &Client,
    request: &O,
    rule: &WaitRule,
    polling: Polling,
    max: Duration,
) -> Result<O::Response, WaitError<O::Response, O::Code>>
where
    O: Operation + 'static,
    O::Response: std::fmt::Debug,
{
    let call = |source: SdkError<O::Code>| WaitError::Call {
        waiter: rule.name,
        source,
    };
    let body = client.body_of(&O::SPEC, request).map_err(call)?;
    let started = Instant::now();
    let mut attempt = 0;
    loop {
        let sent = client.send_polled(O::SPEC, request, body.clone()).await;
        let (status, response) = sent.map_err(|e| call(e.typed()))?;
        // A poll's answer is read as values for the rule's path, then typed once.
        let tree: Value = serde_json::from_str(response.text()).unwrap_or(Value::Null);
        let values = rule.values_in(&tree);
        match rule.verdict(&values) {
            Verdict::Success => return typed_response(status, &response).map_err(call),
            Verdict::Failure(value) => {
                let response = Box::new(typed_response(status, &response).map_err(call)?);
                let path = rule.path_text();
                return Err(WaitError::Failed {
                    waiter: rule.name,
                    path,
                    value,
                    response,
                });
            }
            Verdict::Retry => {}
        }
        let delay = polling.delay(attempt);
        if started.elapsed() + delay > max {
            let last = typed_response::<_, O::Code>(status, &response)
                .ok()
                .map(Box::new);
            let waited = started.elapsed();
            return Err(WaitError::TimedOut {
                waiter: rule.name,
                waited,
                last_values: values,
                last,
            });
        }
        tracing::debug!(
            waiter = rule.name,
            attempt,
            delay_ms = delay.as_millis() as u64,
            "not done yet"
        );
        tokio::time::sleep(delay).await;
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RULE: WaitRule = WaitRule {
        name: "done",
        path: &[("Set", true), ("Status", false)],
        success: &["SUCCESS"],
        failure: &["FAILED"],
        retry: &["RUNNING"],
    };

    #[test]
    fn every_item_must_succeed_and_any_failure_fails() {
        let verdict = |set: Value| RULE.verdict(&RULE.values_in(&json!({ "Set": set })));
        assert_eq!(
            verdict(json!([{"Status": "SUCCESS"}, {"Status": "SUCCESS"}])),
            Verdict::Success
        );
        assert_eq!(
            verdict(json!([{"Status": "SUCCESS"}, {"Status": "RUNNING"}])),
            Verdict::Retry
        );
        assert_eq!(
            verdict(json!([{"Status": "RUNNING"}, {"Status": "FAILED"}])),
            Verdict::Failure("FAILED".into())
        );
        assert_eq!(verdict(json!([])), Verdict::Retry, "nothing to wait on yet");
        assert_eq!(
            verdict(json!([{"Status": "NEW_VALUE"}])),
            Verdict::Retry,
            "unlisted values are retried"
        );
        assert_eq!(RULE.path_text(), "Set[].Status");
    }

    #[test]
    fn delays_double_with_jitter_between_the_bounds() {
        let polling = Polling {
            min_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        for attempt in 0..40 {
            let d = polling.delay(attempt);
            let cap = Duration::from_millis(100 << attempt.min(4)).min(Duration::from_millis(1000));
            assert!(
                d >= Duration::from_millis(100) && d <= cap,
                "{attempt}: {d:?}"
            );
            assert!(d >= cap / 2, "{attempt}: {d:?}");
        }
    }
}
