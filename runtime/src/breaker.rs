//! The region breaker, with the semantics of Tencent's official Go SDK
//! (`tencentcloud/common/circuit_breaker.go`): closed, calls go to the primary endpoint and
//! its failures are counted in a window; after `max_failures` consecutive failures, or
//! `max_failures` failures that are `max_failure_percent` of the window's calls, it opens
//! and calls go to the backup endpoint; after `cool_down` it is half-open: a probe returns
//! to the primary (one at a time here; others still go to the backup), a failed probe
//! opens it again, `successes_to_close` good probes close it.
//!
//! A failure is the primary not answering: a network failure, a timeout, an HTTP 5xx that
//! is not the API's answer. An answer — a success, a 4xx, a service error, whatever its
//! code — shows the region is up and never moves calls.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The breaker's thresholds; defaults as the Go SDK's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerSettings {
    pub max_failures: u32,
    pub max_failure_percent: u32,
    /// How long failures are counted together while closed.
    pub window: Duration,
    /// How long calls go to the backup before a probe returns to the primary.
    pub cool_down: Duration,
    /// Good probes that close the breaker again.
    pub successes_to_close: u32,
}

impl Default for BreakerSettings {
    fn default() -> Self {
        BreakerSettings {
            max_failures: 5,
            max_failure_percent: 75,
            window: Duration::from_secs(60),
            cool_down: Duration::from_secs(60),
            successes_to_close: 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Closed,
    Open,
    HalfOpen,
}

/// Where one attempt goes, and what its outcome counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// To the primary; `generation` ties the outcome to the state it was sent in.
    Primary {
        generation: u64,
        probe: bool,
    },
    Backup,
}

#[derive(Debug, Default)]
struct Counts {
    all: u32,
    failures: u32,
    consecutive_failures: u32,
    successes: u32,
}

#[derive(Debug)]
struct Inner {
    state: State,
    /// End of the window (closed) or of the cool-down (open).
    until: Instant,
    generation: u64,
    counts: Counts,
    probing: bool,
}

#[derive(Debug)]
pub struct Breaker {
    settings: BreakerSettings,
    inner: Mutex<Inner>,
}

impl Breaker {
    pub fn new(settings: BreakerSettings) -> Breaker {
        let inner = Inner {
            state: State::Closed,
            until: Instant::now() + settings.window,
            generation: 0,
            counts: Counts::default(),
            probing: false,
        };
        Breaker {
            settings,
            inner: Mutex::new(inner),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    #[cfg(test)]
    pub fn state(&self) -> State {
        let mut inner = self.lock();
        self.advance(&mut inner, Instant::now());
        inner.state
    }

    /// Where the next attempt goes.
    pub fn route(&self, now: Instant) -> Route {
        let mut inner = self.lock();
        self.advance(&mut inner, now);
        let generation = inner.generation;
        match inner.state {
            State::Closed => Route::Primary {
                generation,
                probe: false,
            },
            State::Open => Route::Backup,
            State::HalfOpen if inner.probing => Route::Backup,
            State::HalfOpen => {
                inner.probing = true;
                Route::Primary {
                    generation,
                    probe: true,
                }
            }
        }
    }

    /// What became of an attempt sent by `route`: `answered` when the primary answered.
    pub fn record(&self, route: Route, answered: bool, now: Instant) {
        let Route::Primary { generation, probe } = route else {
            return;
        };
        let mut inner = self.lock();
        if probe {
            inner.probing = false;
        }
        self.advance(&mut inner, now);
        if inner.generation != generation {
            return;
        }
        let counts = &mut inner.counts;
        counts.all += 1;
        if answered {
            counts.successes += 1;
            counts.consecutive_failures = 0;
        } else {
            counts.failures += 1;
            counts.consecutive_failures += 1;
        }
        let next = match (inner.state, answered) {
            (State::Closed, false) if self.ready_to_open(&inner.counts) => Some(State::Open),
            (State::HalfOpen, false) => Some(State::Open),
            (State::HalfOpen, true)
                if inner.counts.successes >= self.settings.successes_to_close =>
            {
                Some(State::Closed)
            }
            _ => None,
        };
        if let Some(next) = next {
            self.enter(&mut inner, next, now);
        }
    }

    fn ready_to_open(&self, c: &Counts) -> bool {
        let s = &self.settings;
        (c.failures >= s.max_failures && c.failures * 100 >= s.max_failure_percent * c.all)
            || c.consecutive_failures >= s.max_failures
    }

    /// A closed window that ended starts a new one; an open breaker whose cool-down ended
    /// is half-open.
    fn advance(&self, inner: &mut Inner, now: Instant) {
        match inner.state {
            State::Closed if now >= inner.until => self.enter(inner, State::Closed, now),
            State::Open if now >= inner.until => self.enter(inner, State::HalfOpen, now),
            _ => {}
        }
    }

    fn enter(&self, inner: &mut Inner, state: State, now: Instant) {
        if state != inner.state {
            let (from, to) = (inner.state, state);
            match to {
                State::Open => tracing::warn!(
                    ?from,
                    ?to,
                    "region breaker: calls go to the backup endpoint"
                ),
                _ => tracing::info!(?from, ?to, "region breaker moves"),
            }
        }
        inner.state = state;
        inner.generation += 1;
        inner.counts = Counts::default();
        inner.until = match state {
            State::Closed => now + self.settings.window,
            State::Open => now + self.settings.cool_down,
            State::HalfOpen => now,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> BreakerSettings {
        BreakerSettings {
            max_failures: 3,
            cool_down: Duration::from_secs(10),
            successes_to_close: 2,
            ..BreakerSettings::default()
        }
    }

    #[test]
    fn consecutive_failures_open_and_answers_never_do() {
        let b = Breaker::new(quick());
        let t = Instant::now();
        for _ in 0..10 {
            let r = b.route(t);
            b.record(r, true, t);
        }
        assert_eq!(b.state(), State::Closed);
        for _ in 0..3 {
            let r = b.route(t);
            assert!(matches!(r, Route::Primary { .. }));
            b.record(r, false, t);
        }
        assert_eq!(b.route(t), Route::Backup);
    }

    #[test]
    fn after_the_cool_down_one_probe_at_a_time_decides() {
        let b = Breaker::new(quick());
        let t = Instant::now();
        for _ in 0..3 {
            let r = b.route(t);
            b.record(r, false, t);
        }
        let later = t + Duration::from_secs(11);
        let probe = b.route(later);
        assert!(matches!(probe, Route::Primary { probe: true, .. }));
        assert_eq!(b.route(later), Route::Backup, "one probe at a time");
        b.record(probe, false, later);
        assert_eq!(
            b.route(later),
            Route::Backup,
            "a failed probe opens it again"
        );
        let again = later + Duration::from_secs(11);
        for _ in 0..2 {
            let probe = b.route(again);
            assert!(matches!(probe, Route::Primary { probe: true, .. }));
            b.record(probe, true, again);
        }
        assert!(
            matches!(b.route(again), Route::Primary { probe: false, .. }),
            "closed"
        );
    }

    #[test]
    fn a_high_failure_share_in_the_window_opens_and_the_window_forgets() {
        let b = Breaker::new(BreakerSettings {
            max_failures: 3,
            ..BreakerSettings::default()
        });
        let t = Instant::now();
        for answered in [false, true, false, false] {
            let r = b.route(t);
            b.record(r, answered, t);
        }
        assert_eq!(b.route(t), Route::Backup, "3 of 4 failed: 75%");
        let b = Breaker::new(BreakerSettings {
            max_failures: 3,
            ..BreakerSettings::default()
        });
        for answered in [false, false] {
            let r = b.route(t);
            b.record(r, answered, t);
        }
        let next_window = t + Duration::from_secs(61);
        let r = b.route(next_window);
        b.record(r, false, next_window);
        assert!(matches!(b.route(next_window), Route::Primary { .. }));
    }
}
