//! The emulator's clock: the one time every behaviour reads (task progress, schedules,
//! timestamps in answers, expiries). It follows the real clock, or holds still
//! (`--clock manual`) until a test moves it; either way it only moves forward, within
//! years an answer can carry. Signatures keep the real clock (a client signs with its
//! own), so moving this clock never makes a request expire.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The earliest instant the clock may show (2000-01-01T00:00:00Z).
const EARLIEST: Duration = Duration::from_secs(946_684_800);
/// The instant the clock may not reach (2100-01-01T00:00:00Z): answers carry four-digit
/// years, and schedules run this far at most.
const LATEST: Duration = Duration::from_secs(4_102_444_800);

/// Whether the clock runs with real time or holds still between moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClockMode {
    /// Real time, plus whatever the clock was moved forward.
    #[default]
    Real,
    /// The instant the emulator started, plus whatever the clock was moved forward.
    Manual,
}

impl ClockMode {
    /// The command line's words: `real` or `manual`.
    pub fn parse(text: &str) -> Result<ClockMode, String> {
        match text {
            "real" => Ok(ClockMode::Real),
            "manual" => Ok(ClockMode::Manual),
            other => Err(format!("unknown clock `{other}`: use real or manual")),
        }
    }
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("the clock only moves forward: {target} is before its time {now}")]
    Backwards { target: String, now: String },
    #[error("{target} is outside the years the clock can show (2000-01-01 to 2099-12-31)")]
    OutOfRange { target: String },
}

#[derive(Debug)]
struct Hands {
    mode: ClockMode,
    /// Manual: the instant the clock holds (before `ahead`).
    held: SystemTime,
    /// How far the clock was moved forward.
    ahead: Duration,
}

/// A shared handle: every clone reads and moves the same clock.
#[derive(Debug, Clone)]
pub struct Clock {
    hands: Arc<Mutex<Hands>>,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new(ClockMode::Real)
    }
}

impl Clock {
    /// A clock in `mode`; a manual one holds the current instant.
    pub fn new(mode: ClockMode) -> Self {
        let hands = Hands {
            mode,
            held: SystemTime::now(),
            ahead: Duration::ZERO,
        };
        Clock {
            hands: Arc::new(Mutex::new(hands)),
        }
    }

    fn hands(&self) -> std::sync::MutexGuard<'_, Hands> {
        self.hands.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn mode(&self) -> ClockMode {
        self.hands().mode
    }

    /// The emulator's current time.
    pub fn now(&self) -> SystemTime {
        let hands = self.hands();
        let base = match hands.mode {
            ClockMode::Real => SystemTime::now(),
            ClockMode::Manual => hands.held,
        };
        base + hands.ahead
    }

    /// Where moving forward by `by` would put the clock, if it may go there.
    pub fn after(&self, by: Duration) -> Result<SystemTime, ClockError> {
        let now = self.now();
        let target = now.checked_add(by);
        let target = target.ok_or_else(|| ClockError::OutOfRange {
            target: format!("{} from now", humantime::format_duration(by)),
        })?;
        self.check_target(now, target)?;
        Ok(target)
    }

    /// Refuses a target in the past or outside the clock's years.
    pub fn check_target(&self, now: SystemTime, target: SystemTime) -> Result<(), ClockError> {
        let since_epoch = target.duration_since(UNIX_EPOCH).unwrap_or_default();
        let out_of_range = target < UNIX_EPOCH + EARLIEST || since_epoch >= LATEST;
        if out_of_range {
            return Err(ClockError::OutOfRange {
                target: iso(target),
            });
        }
        if target < now {
            return Err(ClockError::Backwards {
                target: iso(target),
                now: iso(now),
            });
        }
        Ok(())
    }

    /// Moves the clock to `target` (checked as [`Clock::check_target`]).
    pub fn move_to(&self, target: SystemTime) -> Result<(), ClockError> {
        let mut hands = self.hands();
        let base = match hands.mode {
            ClockMode::Real => SystemTime::now(),
            ClockMode::Manual => hands.held,
        };
        let now = base + hands.ahead;
        self.check_target(now, target)?;
        hands.ahead = target.duration_since(base).unwrap_or(hands.ahead);
        Ok(())
    }
}

pub use crate::store::table::iso;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_holds_until_moved_and_only_moves_forward() {
        let clock = Clock::new(ClockMode::Manual);
        let start = clock.now();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(clock.now(), start, "a manual clock holds still");
        let later = clock.after(Duration::from_secs(5400)).unwrap();
        clock.move_to(later).unwrap();
        assert_eq!(clock.now(), start + Duration::from_secs(5400));
        let back = clock.move_to(start);
        assert!(
            matches!(back, Err(ClockError::Backwards { .. })),
            "{back:?}"
        );
        assert_eq!(clock.now(), later, "a refused move changes nothing");
    }

    #[test]
    fn a_real_clock_keeps_running_after_a_move() {
        let clock = Clock::new(ClockMode::Real);
        let target = clock.after(Duration::from_secs(86_400)).unwrap();
        clock.move_to(target).unwrap();
        let seen = clock.now();
        assert!(seen >= target && seen < target + Duration::from_secs(60));
    }

    #[test]
    fn targets_outside_the_clocks_years_are_refused() {
        let clock = Clock::new(ClockMode::Manual);
        for target in [
            UNIX_EPOCH,
            UNIX_EPOCH + Duration::from_secs(253_402_300_799), // 9999-12-31T23:59:59Z
            UNIX_EPOCH + LATEST,
        ] {
            let refused = clock.move_to(target);
            assert!(
                matches!(refused, Err(ClockError::OutOfRange { .. })),
                "{refused:?}"
            );
        }
        assert!(clock.after(Duration::MAX).is_err());
        let message = clock.move_to(UNIX_EPOCH).unwrap_err().to_string();
        assert!(message.contains("1970-01-01T00:00:00Z"), "{message}");
    }
}
