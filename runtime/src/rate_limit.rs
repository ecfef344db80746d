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
        let Some(rate) = NonZeroU32::new(per_second) else { return };
        let limiter = {
            let mut map = self.limiters.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            map.entry(action).or_insert_with(|| Arc::new(RateLimiter::direct(quota(rate)))).clone()
        };
        limiter.until_ready().await;
    }
}

/// `rate` calls at once, then one per period a little longer than `1/rate` seconds.
fn quota(rate: NonZeroU32) -> Quota {
    let period = Duration::from_secs_f64(HEADROOM / f64::from(rate.get()));
    Quota::with_period(period).map_or_else(|| Quota::per_second(rate), |q| q.allow_burst(rate))
}
