//! Options of one call, set with `.customize(|o| …)` on an operation's builder: its own
//! timeout, retry policy, headers, region or endpoint. Whatever is not set is the client's;
//! an option that cannot be used is reported when the call is sent, and nothing is sent.

use crate::headers::custom_header;
use crate::retry::RetryPolicy;
use crate::transport::target::Target;
use http::HeaderMap;
use std::time::Duration;

/// One call's options (the client's own apply to everything left unset).
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) headers: HeaderMap,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<Target>,
    /// The first option that cannot be used.
    pub(crate) problem: Option<String>,
}

impl CallOptions {
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// The whole call's attempts each end within `timeout` (the client's default: 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retries of this call (still only where a retry is safe).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// A header sent, and signed, with this call (after the client's default headers,
    /// replacing one of the same name). The client's own headers (`Authorization`, `Host`,
    /// `X-TC-Action`, …) cannot be given.
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        match custom_header(name.as_ref(), value.as_ref()) {
            Ok((name, value)) => {
                self.headers.insert(name, value);
            }
            Err(e) => self.refuse(e.to_string()),
        }
        self
    }

    /// The region of this call (`X-TC-Region`; with a regional endpoint, its host too).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Where this call goes (`https://tat.ap-shanghai.tencentcloudapi.com/`); the region
    /// breaker does not move it.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        match Target::new(url.into()) {
            Ok(target) => self.endpoint = Some(target),
            Err(e) => self.refuse(e.to_string()),
        }
        self
    }

    fn refuse(&mut self, problem: String) {
        self.problem.get_or_insert(problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_options_are_kept_as_the_first_problem() {
        let options = CallOptions::new()
            .header("X-TC-Action", "DeleteCommand")
            .endpoint("ftp://nowhere")
            .header("X-Trace", "t");
        let problem = options.problem.as_deref().unwrap();
        assert!(problem.contains("X-TC-Action"), "{problem}");
        assert_eq!(options.headers.len(), 1);
        let fine = CallOptions::new()
            .timeout(Duration::from_millis(50))
            .endpoint("http://127.0.0.1:9000/");
        assert!(fine.problem.is_none() && fine.endpoint.is_some());
    }
}
