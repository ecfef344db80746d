//! Client-side limiting to each action's documented requests per second.

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

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
            map.entry(action).or_insert_with(|| Arc::new(RateLimiter::direct(Quota::per_second(rate)))).clone()
        };
        limiter.until_ready().await;
    }
}
