//! What the emulator's page shows (`GET /_emulator/`): tables a behaviour fills per
//! account and region ([`Section`]), and the last API calls ([`CallLog`]). The page
//! changes nothing; everything on it is escaped text, and long output is cut.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// The most API calls the page lists.
pub const LOGGED_CALLS: usize = 200;
/// The most characters of one cell the page shows.
pub const MAX_CELL_CHARS: usize = 4096;

/// One table of a behaviour's state, for one account and region.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub account: String,
    pub region: String,
    pub title: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Statuses shown as good, and words of statuses shown as bad.
const OK: [&str; 4] = ["SUCCESS", "ONLINE", "TRUE", "RUNNING"];
const BAD: [&str; 5] = ["FAIL", "TIMEOUT", "OFFLINE", "NONE", "STOPPED"];

/// One cell: text, a status (shown as a badge), or output (shown preformatted).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Status(String),
    Output(String),
}

impl Cell {
    /// Its text, cut to [`MAX_CELL_CHARS`] with a note of what was cut.
    pub fn shown(&self) -> String {
        let text = match self {
            Cell::Text(t) | Cell::Status(t) | Cell::Output(t) => t,
        };
        match text.char_indices().nth(MAX_CELL_CHARS) {
            Some((cut, _)) => format!("{}… ({} more bytes)", &text[..cut], text.len() - cut),
            None => text.clone(),
        }
    }

    /// The class the page styles it with.
    pub fn class(&self) -> &'static str {
        match self {
            Cell::Text(_) => "text",
            Cell::Status(s) if OK.iter().any(|ok| s.eq_ignore_ascii_case(ok)) => "ok",
            Cell::Status(s) if BAD.iter().any(|bad| s.to_ascii_uppercase().contains(bad)) => "bad",
            Cell::Status(_) => "status",
            Cell::Output(_) => "output",
        }
    }
}

/// One API call as the page lists it (never a key, token or body).
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedCall {
    pub at: SystemTime,
    pub secret_id: String,
    pub action: String,
    /// The error code, when the call failed.
    pub code: Option<String>,
    pub took: Duration,
    pub request_id: String,
}

/// The last [`LOGGED_CALLS`] calls, newest last.
#[derive(Debug, Default)]
pub struct CallLog {
    calls: Mutex<VecDeque<LoggedCall>>,
}

impl CallLog {
    pub fn record(&self, call: LoggedCall) {
        let mut calls = self.calls.lock().unwrap_or_else(|p| p.into_inner());
        if calls.len() == LOGGED_CALLS {
            calls.pop_front();
        }
        calls.push_back(call);
    }

    /// Newest first.
    pub fn newest_first(&self) -> Vec<LoggedCall> {
        let calls = self.calls.lock().unwrap_or_else(|p| p.into_inner());
        calls.iter().rev().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_and_the_log_keeps_the_newest() {
        let long = Cell::Output("x".repeat(MAX_CELL_CHARS + 10));
        assert!(long.shown().ends_with("… (10 more bytes)"));
        assert_eq!(Cell::Status("FAILED".into()).class(), "bad");
        let log = CallLog::default();
        for i in 0..LOGGED_CALLS + 3 {
            log.record(LoggedCall {
                at: SystemTime::UNIX_EPOCH,
                secret_id: "AKID".into(),
                action: i.to_string(),
                code: None,
                took: Duration::ZERO,
                request_id: String::new(),
            });
        }
        let calls = log.newest_first();
        assert_eq!(calls.len(), LOGGED_CALLS);
        assert_eq!(calls[0].action, (LOGGED_CALLS + 2).to_string());
    }
}
