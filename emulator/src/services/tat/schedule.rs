//! An invoker's schedule (the Data Types page's `ScheduleSettings`): ONCE at its
//! `InvokeTime`, or RECURRENCE by a crontab expression of five fields (minute, hour, day
//! of month, month, day of week; `*`, lists, ranges, steps, month and day names, the
//! `@daily`-style nicknames), which "is parsed in UTC+8". `croner` evaluates it; the
//! fields are checked first against standard crontab syntax, which croner extends.

use chrono::{DateTime, FixedOffset};
use croner::parser::{CronParser, Seconds, Year};
use croner::Cron;
use serde_json::Value;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The offset the page reads crontab expressions in (Beijing time).
const UTC_PLUS_8: i32 = 8 * 3600;
/// Names a crontab field may use instead of numbers.
const NAMES: [&str; 19] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC", "SUN",
    "MON", "TUE", "WED", "THU", "FRI", "SAT",
];

/// When an invoker fires.
#[derive(Debug, Clone)]
pub enum Schedule {
    Once(SystemTime),
    Recurrence(Box<Cron>),
}

/// Why settings do not give a schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleProblem {
    /// `InvokeTime` is not `YYYY-MM-DDThh:mm:ssZ` (or with an offset).
    TimeFormat(String),
    /// `Recurrence` is not a crontab expression.
    Cron(String),
    /// The policy's field is missing, or the policy is unknown.
    Incomplete(String),
}

impl Schedule {
    /// The schedule `ScheduleSettings` describe.
    pub fn of(settings: &Value) -> Result<Schedule, ScheduleProblem> {
        match settings["Policy"].as_str() {
            Some("ONCE") => {
                let text = settings["InvokeTime"].as_str().ok_or_else(|| {
                    ScheduleProblem::Incomplete("a ONCE schedule needs its InvokeTime".into())
                })?;
                parse_time(text).map(Schedule::Once)
            }
            Some("RECURRENCE") => {
                let text = settings["Recurrence"].as_str().ok_or_else(|| {
                    ScheduleProblem::Incomplete("a RECURRENCE schedule needs its Recurrence".into())
                })?;
                if let Some(time) = settings["InvokeTime"].as_str() {
                    parse_time(time)?;
                }
                parse_cron(text).map(|c| Schedule::Recurrence(Box::new(c)))
            }
            other => Err(ScheduleProblem::Incomplete(format!(
                "unknown schedule policy {other:?}: ONCE or RECURRENCE"
            ))),
        }
    }

    /// The instants it fires in `(after, until]`, in order, at most `limit` of them.
    pub fn firings(&self, after: SystemTime, until: SystemTime, limit: usize) -> Vec<SystemTime> {
        match self {
            Schedule::Once(at) => [*at]
                .into_iter()
                .filter(|at| *at > after && *at <= until)
                .take(limit)
                .collect(),
            Schedule::Recurrence(cron) => {
                let mut times = cron.iter_after(beijing(after)).map(system_time);
                let mut found = Vec::new();
                while found.len() < limit {
                    match times.next() {
                        Some(Some(at)) if at <= until => found.push(at),
                        _ => break,
                    }
                }
                found
            }
        }
    }

    /// The first instant it fires after `after`, if any.
    pub fn next_after(&self, after: SystemTime) -> Option<SystemTime> {
        match self {
            Schedule::Once(at) => (*at > after).then_some(*at),
            Schedule::Recurrence(cron) => {
                cron.iter_after(beijing(after)).next().and_then(system_time)
            }
        }
    }
}

/// `2026-12-01T02:00:00+08:00` or `…Z`.
pub fn parse_time(text: &str) -> Result<SystemTime, ScheduleProblem> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .and_then(system_time)
        .ok_or_else(|| {
            ScheduleProblem::TimeFormat(format!(
                "`{text}` is not a time of the form YYYY-MM-DDThh:mm:ssZ"
            ))
        })
}

fn parse_cron(text: &str) -> Result<Cron, ScheduleProblem> {
    let invalid =
        |why: String| ScheduleProblem::Cron(format!("`{text}` is not a crontab expression: {why}"));
    let nickname = text.trim().starts_with('@');
    if !nickname {
        let fields: Vec<&str> = text.split_whitespace().collect();
        if fields.len() != 5 {
            return Err(invalid(format!(
                "it has {} fields; a crontab expression has 5 (minute hour day-of-month month day-of-week)",
                fields.len()
            )));
        }
        if let Some(field) = fields.iter().find(|f| !standard_field(f)) {
            return Err(invalid(format!("`{field}` is not standard crontab syntax")));
        }
    }
    CronParser::builder()
        .seconds(Seconds::Disallowed)
        .year(Year::Disallowed)
        .build()
        .parse(text)
        .map_err(|e| invalid(e.to_string()))
}

/// `*`, `5`, `1-5`, `*/15`, `MON-FRI`, lists of those.
fn standard_field(field: &str) -> bool {
    let value = |v: &str| {
        (!v.is_empty() && v.chars().all(|c| c.is_ascii_digit()))
            || NAMES.contains(&v.to_ascii_uppercase().as_str())
    };
    field.split(',').all(|item| {
        let (base, step) = match item.split_once('/') {
            Some((base, step)) => (base, Some(step)),
            None => (item, None),
        };
        let step_ok = step.is_none_or(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
        let base_ok = base == "*"
            || match base.split_once('-') {
                Some((from, to)) => value(from) && value(to),
                None => value(base),
            };
        step_ok && base_ok
    })
}

fn beijing(at: SystemTime) -> DateTime<FixedOffset> {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = i64::try_from(since.as_secs()).unwrap_or(i64::MAX);
    let offset = FixedOffset::east_opt(UTC_PLUS_8).expect("UTC+8 is a valid offset");
    DateTime::from_timestamp(secs, since.subsec_nanos())
        .unwrap_or_default()
        .with_timezone(&offset)
}

fn system_time(at: DateTime<FixedOffset>) -> Option<SystemTime> {
    let secs = u64::try_from(at.timestamp()).ok()?;
    Some(UNIX_EPOCH + Duration::new(secs, at.timestamp_subsec_nanos()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(text: &str) -> SystemTime {
        parse_time(text).unwrap()
    }

    fn recurrence(cron: &str) -> Schedule {
        Schedule::of(&json!({"Policy": "RECURRENCE", "Recurrence": cron})).unwrap()
    }

    #[test]
    fn every_fifteen_minutes_fires_96_times_a_day() {
        let start = at("2026-12-01T00:07:00+08:00");
        let day = start + Duration::from_secs(86_400);
        let times = recurrence("*/15 * * * *").firings(start, day, 1000);
        assert_eq!(times.len(), 96);
        assert_eq!(times[0], at("2026-12-01T00:15:00+08:00"));
        assert_eq!(times[95], at("2026-12-02T00:00:00+08:00"));
        assert!(times
            .windows(2)
            .all(|w| w[1] - Duration::from_secs(900) == w[0]));
    }

    #[test]
    fn crontab_is_read_in_beijing_time() {
        let nightly = recurrence("0 2 * * *");
        let start = at("2026-12-01T00:00:00Z");
        let times = nightly.firings(start, start + Duration::from_secs(3 * 86_400), 10);
        assert_eq!(
            times,
            [
                at("2026-12-01T18:00:00Z"),
                at("2026-12-02T18:00:00Z"),
                at("2026-12-03T18:00:00Z")
            ]
        );
        let monthly = recurrence("0 0 1 * *");
        assert_eq!(
            monthly.next_after(at("2026-12-05T00:00:00Z")),
            Some(at("2026-12-31T16:00:00Z"))
        );
        let weekdays = recurrence("30 9 * * MON-FRI");
        assert_eq!(
            weekdays.next_after(at("2026-12-05T12:00:00+08:00")), // a Saturday
            Some(at("2026-12-07T09:30:00+08:00"))
        );
    }

    #[test]
    fn only_standard_crontab_parses() {
        for bad in [
            "* * * *",
            "0 * * * * *",
            "0 0 L * *",
            "0 0 * * 5#2",
            "61 * * * *",
            "0 0 ? * *",
            "every day",
            "",
        ] {
            let problem = Schedule::of(&json!({"Policy": "RECURRENCE", "Recurrence": bad}));
            assert!(
                matches!(problem, Err(ScheduleProblem::Cron(_))),
                "{bad}: {problem:?}"
            );
        }
        for good in [
            "0 0 1 * *",
            "*/5 9-17 * JAN,JUL sun",
            "@daily",
            "0,30 0-23/2 1-31 1-12 0-7",
        ] {
            assert!(
                Schedule::of(&json!({"Policy": "RECURRENCE", "Recurrence": good})).is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn once_fires_at_its_time_once() {
        let once =
            Schedule::of(&json!({"Policy": "ONCE", "InvokeTime": "2026-12-01T02:00:00+08:00"}))
                .unwrap();
        let t = at("2026-11-30T18:00:00Z");
        assert_eq!(once.firings(t - Duration::from_secs(1), t, 5), [t]);
        assert!(once.firings(t, t + Duration::from_secs(999), 5).is_empty());
        let bad = Schedule::of(&json!({"Policy": "ONCE", "InvokeTime": "tomorrow"}));
        assert!(matches!(bad, Err(ScheduleProblem::TimeFormat(_))));
    }
}
