//! `GET /_emulator/`: the page a person looks at — per account and region, what the
//! behaviour shows ([`crate::overview::Section`]), then the last API calls. Rendered on the
//! server with askama (every value escaped), refreshed by the browser every few seconds,
//! served on the API's port; it changes nothing and shows no key, token or secret value.

use crate::behaviour::Behaviour;
use crate::clock::{iso, Clock, ClockMode};
use crate::overview::{CallLog, Section};
use askama::Template;
use std::collections::BTreeMap;
use std::time::Duration;

const REFRESH_SECONDS: u32 = 5;

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    service: &'a str,
    version: &'a str,
    now: String,
    clock_mode: &'static str,
    uptime: String,
    refresh_seconds: u32,
    groups: Vec<Group>,
    calls: Vec<CallRow>,
}

/// The sections of one account and region.
struct Group {
    account: String,
    region: String,
    sections: Vec<Section>,
}

struct CallRow {
    at: String,
    secret_id: String,
    action: String,
    code: String,
    class: &'static str,
    ms: String,
    request_id: String,
}

/// What the page is made of.
pub struct PageSource<'a> {
    pub service: &'a str,
    pub version: &'a str,
    pub clock: &'a Clock,
    pub uptime: Duration,
    pub behaviour: Option<&'a dyn Behaviour>,
    pub calls: &'a CallLog,
}

/// The page as HTML.
pub fn render(source: &PageSource<'_>) -> String {
    let mut groups: BTreeMap<(String, String), Vec<Section>> = BTreeMap::new();
    for section in source.behaviour.map(|b| b.overview()).unwrap_or_default() {
        let key = (section.account.clone(), section.region.clone());
        groups.entry(key).or_default().push(section);
    }
    let page = Page {
        service: source.service,
        version: source.version,
        now: iso(source.clock.now()),
        clock_mode: match source.clock.mode() {
            ClockMode::Real => "real",
            ClockMode::Manual => "manual",
        },
        uptime: humantime::format_duration(Duration::from_secs(source.uptime.as_secs()))
            .to_string(),
        refresh_seconds: REFRESH_SECONDS,
        groups: groups
            .into_iter()
            .map(|((account, region), sections)| Group {
                account,
                region,
                sections,
            })
            .collect(),
        calls: source
            .calls
            .newest_first()
            .into_iter()
            .map(call_row)
            .collect(),
    };
    page.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>the page cannot be drawn: {e}</p>"))
}

fn call_row(call: crate::overview::LoggedCall) -> CallRow {
    CallRow {
        at: iso(call.at),
        secret_id: call.secret_id,
        action: call.action,
        class: if call.code.is_some() { "bad" } else { "ok" },
        code: call.code.unwrap_or_else(|| "ok".into()),
        ms: format!("{:.1}", call.took.as_secs_f64() * 1000.0),
        request_id: call.request_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overview::{Cell, LoggedCall};
    use std::time::SystemTime;

    struct Shows;
    impl Behaviour for Shows {
        fn handle(&self, _: &crate::behaviour::Call<'_>) -> Option<crate::behaviour::Answer> {
            None
        }
        fn overview(&self) -> Vec<Section> {
            vec![Section {
                account: "alpha".into(),
                region: "ap-guangzhou".into(),
                title: "Tasks".into(),
                columns: vec!["Task", "Output"],
                rows: vec![vec![
                    Cell::Text("invt-1".into()),
                    Cell::Output(format!("<script>alert(1)</script>{}", "y".repeat(1 << 20))),
                ]],
            }]
        }
    }

    #[test]
    fn everything_is_escaped_and_long_output_cut() {
        let calls = CallLog::default();
        calls.record(LoggedCall {
            at: SystemTime::now(),
            secret_id: "AKID<b>".into(),
            action: "RunCommand".into(),
            code: Some("InternalError".into()),
            took: Duration::from_millis(3),
            request_id: "r-1".into(),
        });
        let clock = Clock::default();
        let html = render(&PageSource {
            service: "tat",
            version: "2020-10-28",
            clock: &clock,
            uptime: Duration::from_secs(61),
            behaviour: Some(&Shows),
            calls: &calls,
        });
        assert!(!html.contains("<script>"), "no script element");
        assert!(
            html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
            "the text is shown, escaped"
        );
        assert!(!html.contains("AKID<b>"));
        assert!(
            html.len() < 64 * 1024,
            "1 MB of output is cut: {} bytes",
            html.len()
        );
        assert!(
            html.contains("account alpha · region ap-guangzhou") && html.contains("InternalError")
        );
    }
}
