//! Each action's documented requests-per-second, per SecretId, as the service enforces it.

use crate::api_error::ApiError;
use crate::service_model::ServiceModel;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;

pub struct Throttle {
    limiters: HashMap<String, (u32, DefaultKeyedRateLimiter<String>)>,
}

impl Throttle {
    /// Limits for every action whose page states a rate; `scale` multiplies them
    /// (1.0 = documented).
    pub fn new(model: &ServiceModel, scale: f64) -> Throttle {
        let limiters = model
            .service
            .actions
            .iter()
            .filter_map(|a| {
                let rps = (f64::from(a.rate_limit_per_second?) * scale)
                    .round()
                    .max(1.0) as u32;
                let quota = Quota::per_second(NonZeroU32::new(rps)?);
                Some((a.name.clone(), (rps, RateLimiter::keyed(quota))))
            })
            .collect();
        Throttle { limiters }
    }

    /// `RequestLimitExceeded` when `secret_id` is over `action`'s rate.
    pub fn check(&self, action: &str, secret_id: &str) -> Result<(), ApiError> {
        let Some((rps, limiter)) = self.limiters.get(action) else {
            return Ok(());
        };
        limiter
            .check_key(&secret_id.to_string())
            .map_err(|_| ApiError::new("RequestLimitExceeded", format!("The number of requests exceeds the frequency limit of {action} ({rps} per second).")))
    }
}
