//! Client-side limiting to each action's documented requests per second.

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The client paces itself this much slower than documented, so network and clock
/// jitter never push a call over the server's own count.
const HEADROOM: f64 = 1.1;

#[derive(Default)]
pub struct ActionRateLimits {
    limiters: Mutex<HashMap<&'static str, Arc<DefaultDirectRateLimiter>>>,
}

impl ActionRateLimits {
    /// Waits until `action` may be called again under `per_second`.
    pub async fn until_ready(&self, action: &'static str, per_second: u32) {
        let Some(rate) = NonZeroU32::new(per_second) else {
            return;
        };
        let limiter = {
            let mut map = self
                .limiters
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            map.entry(action)
                .or_insert_with(|| Arc::new(RateLimiter::direct(quota(rate))))
                .clone()
        };
        limiter.until_ready().await;
    }
}

/// One call per period a little longer than `1/rate` seconds, without bursts: however
/// the server counts (a token bucket, or calls per calendar second) and whenever its
/// count starts, no second ever sees more than `rate` calls. A burst would be refused
/// by a server whose count started later than the client's.
fn quota(rate: NonZeroU32) -> Quota {
    let period = Duration::from_secs_f64(HEADROOM / f64::from(rate.get()));
    Quota::with_period(period).unwrap_or_else(|| Quota::per_second(rate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn no_second_sees_more_than_the_rate() {
        let limits = ActionRateLimits::default();
        let started = std::time::Instant::now();
        let mut at = Vec::new();
        for _ in 0..25 {
            limits.until_ready("A", 20).await;
            at.push(started.elapsed());
        }
        for (i, t) in at.iter().enumerate() {
            let in_window = at[i..]
                .iter()
                .filter(|u| **u < *t + Duration::from_secs(1))
                .count();
            assert!(
                in_window <= 20,
                "{in_window} calls within a second of call {i}"
            );
        }
        assert!(
            at[24] >= Duration::from_millis(24 * 54),
            "paced 10% under 20/s: {:?}",
            at[24]
        );
    }
}
