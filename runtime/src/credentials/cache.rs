//! Keys kept between calls: long-term keys once, temporary keys until shortly before they
//! expire. However many calls need fresh keys at once, one of them asks the source and
//! the others wait for its answer.

use super::keys::{Credentials, CredentialsError, ProvideCredentials, Provided};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Temporary keys are replaced this long before they expire, so a call signed with them
/// still arrives in time; keys given with less time than twice this are replaced halfway.
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

/// A source with its keys kept (see the module).
#[derive(Debug)]
pub struct CachedCredentials {
    source: Arc<dyn ProvideCredentials>,
    current: tokio::sync::Mutex<Option<Kept>>,
    fetches: AtomicUsize,
}

impl CachedCredentials {
    pub fn new(source: Arc<dyn ProvideCredentials>) -> Self {
        CachedCredentials {
            source,
            current: tokio::sync::Mutex::new(None),
            fetches: AtomicUsize::new(0),
        }
    }

    /// Keys to sign with now: the kept ones while they are fresh, else new ones.
    pub async fn get(&self) -> Result<Credentials, CredentialsError> {
        // Held while fetching: callers that arrive meanwhile wait, then find fresh keys.
        let mut current = self.current.lock().await;
        if let Some(kept) = current
            .as_ref()
            .filter(|k| k.refresh_at.is_none_or(|at| SystemTime::now() < at))
        {
            return Ok(kept.keys.clone());
        }
        let refresh = self.fetches.fetch_add(1, Ordering::Relaxed) > 0;
        tracing::info!(refresh, "asking the credentials source for keys");
        match self.source.provide().await? {
            Provided::Found(keys) => {
                tracing::info!(
                    temporary = keys.expires_at.is_some(),
                    "credentials obtained"
                );
                *current = Some(Kept {
                    refresh_at: keys.expires_at.map(|at| refresh_at(at, SystemTime::now())),
                    keys: keys.clone(),
                });
                Ok(keys)
            }
            Provided::NotHere => Err(CredentialsError::NotFound(
                "~/.tencentcloud/credentials".into(),
            )),
        }
    }

    /// How many times the source was asked (each refresh is one).
    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::Relaxed)
    }
}

/// A kept source is a source too (a role assumed with temporary keys keeps those).
impl ProvideCredentials for CachedCredentials {
    fn provide(&self) -> futures_util::future::BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move { self.get().await.map(Provided::Found) })
    }
}

/// Keys and when to replace them (`None`: never).
#[derive(Debug)]
struct Kept {
    keys: Credentials,
    refresh_at: Option<SystemTime>,
}

/// When keys fetched at `now` that expire at `expires_at` are replaced: five minutes before
/// they expire, or halfway for keys that live less than ten minutes (already expired: at once).
fn refresh_at(expires_at: SystemTime, now: SystemTime) -> SystemTime {
    let left = expires_at.duration_since(now).unwrap_or_default();
    expires_at - REFRESH_BEFORE_EXPIRY.min(left / 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::future::BoxFuture;

    /// Temporary keys that live `ttl`, numbered by fetch.
    #[derive(Debug)]
    struct Counting {
        ttl: Duration,
        made: AtomicUsize,
    }

    impl ProvideCredentials for Counting {
        fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
            Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(20)).await;
                let n = self.made.fetch_add(1, Ordering::SeqCst);
                Ok(Provided::Found(
                    Credentials::new(format!("id-{n}"), "k")
                        .expiring_at(SystemTime::now() + self.ttl),
                ))
            })
        }
    }

    #[tokio::test]
    async fn many_concurrent_calls_cause_one_fetch() {
        let cache = Arc::new(CachedCredentials::new(Arc::new(Counting {
            ttl: Duration::from_secs(3600),
            made: AtomicUsize::new(0),
        })));
        let calls: Vec<_> = (0..50)
            .map(|_| {
                tokio::spawn({
                    let c = cache.clone();
                    async move { c.get().await.unwrap().secret_id }
                })
            })
            .collect();
        for call in calls {
            assert_eq!(call.await.unwrap(), "id-0");
        }
        assert_eq!(cache.fetches(), 1);
    }

    #[test]
    fn keys_are_replaced_five_minutes_early_or_halfway() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let hour = Duration::from_secs(3600);
        assert_eq!(
            refresh_at(now + hour, now),
            now + hour - REFRESH_BEFORE_EXPIRY
        );
        assert_eq!(
            refresh_at(now + Duration::from_secs(100), now),
            now + Duration::from_secs(50)
        );
        assert_eq!(refresh_at(now - hour, now), now - hour);
    }

    #[tokio::test]
    async fn keys_close_to_expiry_are_replaced() {
        let cache = CachedCredentials::new(Arc::new(Counting {
            ttl: Duration::from_millis(100),
            made: AtomicUsize::new(0),
        }));
        assert_eq!(cache.get().await.unwrap().secret_id, "id-0");
        assert_eq!(
            cache.get().await.unwrap().secret_id,
            "id-0",
            "kept for the first half of its life"
        );
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(cache.get().await.unwrap().secret_id, "id-1");
        let long = CachedCredentials::new(Arc::new(Credentials::new("AKID", "k")));
        for _ in 0..3 {
            long.get().await.unwrap();
        }
        assert_eq!(long.fetches(), 1);
    }
}
