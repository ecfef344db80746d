//! When a failed call may be sent again, and how long to wait first.
//!
//! Safe to retry: a request that never left (connect failure), and a rate-limit refusal
//! (`RequestLimitExceeded*`: the server did nothing). Anything else that may have reached
//! the server is retried only for read-only actions — never a blind re-send of a
//! Create/Run/Invoke that might have acted. Retries are off unless asked for, as in the
//! official SDKs.

use rand::Rng;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts, including the first (1 = no retries).
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::disabled()
    }
}

impl RetryPolicy {
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        }
    }

    /// Three attempts with exponential backoff and full jitter.
    pub fn standard() -> Self {
        RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::disabled()
        }
    }

    /// Delay before attempt `attempt + 1` (attempt counts from 1): uniform in
    /// [0, min(max, base·2^(attempt-1))].
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.base_delay.saturating_mul(
            1u32.checked_shl(attempt.saturating_sub(1))
                .unwrap_or(u32::MAX),
        );
        let cap = exp.min(self.max_delay);
        let millis = cap.as_millis() as u64;
        Duration::from_millis(if millis == 0 {
            0
        } else {
            rand::rng().random_range(0..=millis)
        })
    }
}

/// What went wrong, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The request never left the client.
    NotSent,
    /// The server refused without acting (rate limit).
    Throttled,
    /// The request may have reached the server (timeout, reset, 5xx).
    MaybeProcessed,
    /// A definite answer (service error, bad request): retrying cannot help.
    Final,
}

/// Read-only actions can be repeated without effect; the generator decides per action.
pub fn should_retry(kind: FailureKind, idempotent: bool) -> bool {
    match kind {
        FailureKind::NotSent | FailureKind::Throttled => true,
        FailureKind::MaybeProcessed => idempotent,
        FailureKind::Final => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_resend_a_mutation_that_may_have_run() {
        assert!(!should_retry(FailureKind::MaybeProcessed, false));
        assert!(should_retry(FailureKind::MaybeProcessed, true));
        assert!(should_retry(FailureKind::NotSent, false));
        assert!(should_retry(FailureKind::Throttled, false));
        assert!(!should_retry(FailureKind::Final, true));
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let p = RetryPolicy::standard();
        for attempt in 1..40 {
            assert!(p.backoff(attempt) <= p.max_delay);
        }
        assert!(p.backoff(1) <= Duration::from_millis(100));
    }
}
