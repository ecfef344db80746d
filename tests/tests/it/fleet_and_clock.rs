//! The emulator's machines and clock, as users drive them: a fleet file of hundreds of
//! instances in mixed states, the fleet over HTTP, DescribeAutomationAgentStatus telling
//! what the fleet says, crontab schedules firing on a clock the test moves, and hostile
//! input to the control endpoints.

use std::time::{Duration, Instant};
use tencentcloud_emulator::services::tat::{self, Fleet, Settings, TaskTiming, Tat};
use tencentcloud_emulator::{ClockMode, Emulator, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_tat::enums::ScheduleSettingsPolicy;
use tencentcloud_tat::operation::run_command::RunCommandErrorCode;
use tencentcloud_tat::types::ScheduleSettings;
use tencentcloud_tat::{Client, Credentials};

const REGION: &str = "ap-guangzhou";

/// 500 instances: every fifth one in a failing state, by turns stopped, agentless,
/// offline, Windows.
fn fleet_file() -> String {
    let mut text = String::new();
    for i in 0..500 {
        let extra = match (i % 5, i / 5 % 4) {
            (4, 0) => "state = \"STOPPED\"",
            (4, 1) => "agent = \"none\"",
            (4, 2) => "agent = \"offline\"",
            (4, _) => "os = \"windows\"\nversion = \"1.0.9\"",
            _ => "",
        };
        text.push_str(&format!(
            "[[instances]]\nid = \"ins-{i:08}\"\nregion = \"{REGION}\"\n{extra}\n"
        ));
    }
    text
}

async fn start(fleet: Fleet, clock: ClockMode) -> (Emulator, Client) {
    let timing = TaskTiming {
        pending: Duration::from_millis(5),
        running: Duration::from_millis(5),
        ..TaskTiming::DEFAULT
    };
    let emu = tat::emulator()
        .behaviour(Tat::configured(timing, Settings::default(), fleet))
        .clock(clock)
        .rate_limits(None)
        .start()
        .await
        .expect("emulator");
    let client = Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region(REGION)
        .endpoint_url(emu.url())
        .build()
        .expect("client");
    (emu, client)
}

#[tokio::test]
async fn five_hundred_instances_load_and_run_command_answers_the_first_failing_state() {
    let text = fleet_file();
    let started = Instant::now();
    let fleet = Fleet::from_toml(&text, "fleet.toml").expect("the fleet reads");
    let loading = started.elapsed();
    assert_eq!(fleet.len(), 500);
    assert!(
        loading < Duration::from_secs(1),
        "500 instances in {loading:?}"
    );
    let (_emu, c) = start(fleet, ClockMode::Real).await;
    let ids =
        |range: std::ops::Range<usize>| range.map(|i| format!("ins-{i:08}")).collect::<Vec<_>>();
    let healthy: Vec<String> = ids(0..250)
        .into_iter()
        .filter(|id| !id.ends_with('4') && !id.ends_with('9'))
        .take(200)
        .collect();
    let run = c
        .run_command()
        .content("ZWNobyBoaQ==")
        .instance_ids(healthy.clone())
        .send()
        .await
        .expect("runs on all");
    let tasks = c
        .describe_invocation_tasks()
        .filters([tencentcloud_tat::types::Filter::new(
            "invocation-id".into(),
            vec![run.invocation_id.unwrap()],
        )])
        .limit(100)
        .send()
        .await
        .unwrap();
    assert_eq!(tasks.total_count, Some(200));
    // Mixed: the first failing instance, in the call's order, answers.
    let cases = [
        (
            ids(0..200),
            RunCommandErrorCode::ResourceUnavailableInstanceStateNotRunning,
        ), // ins-…04
        (
            ids(5..205),
            RunCommandErrorCode::ResourceUnavailableAgentNotInstalled,
        ), // ins-…09
        (
            ids(10..210),
            RunCommandErrorCode::ResourceUnavailableAgentStatusNotOnline,
        ), // ins-…14
        (
            ids(15..215),
            RunCommandErrorCode::InvalidParameterValueAgentUnsupportedCommandType,
        ), // ins-…19
        (
            ids(20..220),
            RunCommandErrorCode::ResourceUnavailableInstanceStateNotRunning,
        ), // ins-…24
    ];
    for (ids, want) in cases {
        let first = ids[0].clone();
        let error = c
            .run_command()
            .content("ZWNobyBoaQ==")
            .instance_ids(ids)
            .send()
            .await
            .expect_err("a failing state");
        assert_eq!(error.as_service_error().unwrap().code, want, "from {first}");
    }
}

#[tokio::test]
async fn agent_status_reports_what_the_fleet_says() {
    let fleet = Fleet::from_toml(&fleet_file(), "fleet.toml").unwrap();
    let (emu, c) = start(fleet, ClockMode::Real).await;
    let asked = [
        "ins-00000000",
        "ins-00000004",
        "ins-00000009",
        "ins-00000014",
        "ins-00000019",
    ];
    let agents = c
        .describe_automation_agent_status()
        .instance_ids(asked)
        .send()
        .await
        .unwrap();
    let set = agents.automation_agent_set.unwrap();
    let seen: Vec<(String, String, String, String)> = set
        .iter()
        .map(|a| {
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            let status = a
                .agent_status
                .as_ref()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default();
            let environment = a
                .environment
                .as_ref()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default();
            (text(&a.instance_id), status, environment, text(&a.version))
        })
        .collect();
    let row = |id: &str, s: &str, e: &str, v: &str| {
        (id.to_string(), s.to_string(), e.to_string(), v.to_string())
    };
    assert_eq!(
        seen,
        [
            row("ins-00000000", "Online", "Linux", "1.1.0"),
            row("ins-00000004", "Online", "Linux", "1.1.0"), // stopped, its agent installed and online
            // ins-00000009 has no agent: nothing to report
            row("ins-00000014", "Offline", "Linux", "1.1.0"),
            row("ins-00000019", "Online", "Windows", "1.0.9"),
        ]
    );
    // Another region sees none of the fleet.
    let elsewhere = Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region("ap-tokyo")
        .endpoint_url(emu.url())
        .build()
        .unwrap();
    let there = elsewhere
        .describe_automation_agent_status()
        .send()
        .await
        .unwrap();
    assert_eq!(there.total_count, Some(0));
}

fn recurrence(cron: &str) -> ScheduleSettings {
    let mut settings = ScheduleSettings::default();
    settings.policy = Some(ScheduleSettingsPolicy::Recurrence);
    settings.recurrence = Some(cron.into());
    settings
}

/// The records of an invoker, oldest first.
async fn records(c: &Client, invoker: &str) -> Vec<String> {
    let mut times = Vec::new();
    let mut offset = 0;
    loop {
        let page = c
            .describe_invoker_records()
            .invoker_ids([invoker])
            .offset(offset)
            .limit(100)
            .send()
            .await
            .unwrap();
        let set = page.invoker_record_set.unwrap_or_default();
        offset += set.len() as i64;
        times.extend(set.into_iter().map(|r| r.invoke_time.unwrap_or_default()));
        if offset >= page.total_count.unwrap_or_default() {
            break;
        }
    }
    times.reverse();
    times
}

#[tokio::test]
async fn crontab_schedules_fire_at_their_beijing_times_as_the_clock_moves() {
    let (emu, c) = start(Fleet::default(), ClockMode::Manual).await;
    let start_at = humantime::parse_rfc3339("2027-03-01T00:07:00Z").unwrap();
    emu.set_clock(start_at).expect("the clock moves forward");
    let cmd = c
        .create_command()
        .command_name("tick")
        .content("ZWNobyB0aWNr")
        .send()
        .await
        .unwrap()
        .command_id
        .unwrap();
    let create = |cron: &'static str| {
        c.create_invoker()
            .name(cron)
            .r#type("SCHEDULE")
            .command_id(&cmd)
            .instance_ids(["ins-abc12345"])
            .schedule_settings(recurrence(cron))
            .send()
    };
    let quarterly = create("*/15 * * * *").await.unwrap().invoker_id.unwrap();
    let nightly = create("0 2 * * *").await.unwrap().invoker_id.unwrap();
    let http = reqwest::Client::new();
    let moved = http
        .post(format!("{}_emulator/clock", emu.url()))
        .body(r#"{"advance": "24h"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let times = records(&c, &quarterly).await;
    assert_eq!(times.len(), 96);
    let expected: Vec<String> = (1..=96)
        .map(|k| {
            humantime::format_rfc3339_seconds(
                start_at + Duration::from_secs(8 * 60 + (k - 1) * 900),
            )
            .to_string()
        })
        .collect();
    assert_eq!(times, expected, "every quarter hour, in order");
    assert_eq!(
        records(&c, &nightly).await,
        ["2027-03-01T18:00:00Z"],
        "02:00 in UTC+8"
    );
    emu.advance_clock(Duration::from_secs(2 * 86_400)).unwrap();
    assert_eq!(
        records(&c, &nightly).await,
        [
            "2027-03-01T18:00:00Z",
            "2027-03-02T18:00:00Z",
            "2027-03-03T18:00:00Z"
        ],
        "once per simulated day"
    );
    assert_eq!(records(&c, &quarterly).await.len(), 96 * 3);
}

#[tokio::test]
async fn hostile_control_input_is_refused_and_the_emulator_keeps_serving() {
    let (emu, c) = start(Fleet::default(), ClockMode::Manual).await;
    let http = reqwest::Client::new();
    let post = |path: &str, method: reqwest::Method, body: Vec<u8>| {
        http.request(method, format!("{}_emulator/{path}", emu.url()))
            .body(body)
            .send()
    };
    let cases: Vec<(&str, reqwest::Method, Vec<u8>)> = vec![
        ("instances", reqwest::Method::PUT, b"{not json".to_vec()),
        (
            "instances",
            reqwest::Method::PUT,
            br#"{"instances": [{"id": "vm-1"}]}"#.to_vec(),
        ),
        (
            "instances/ins-1",
            reqwest::Method::PUT,
            br#"{"state": "ON_FIRE"}"#.to_vec(),
        ),
        (
            "clock",
            reqwest::Method::POST,
            br#"{"set": "9999-12-31T00:00:00Z"}"#.to_vec(),
        ),
        (
            "clock",
            reqwest::Method::POST,
            br#"{"set": "1969-01-01T00:00:00Z"}"#.to_vec(),
        ),
        (
            "clock",
            reqwest::Method::POST,
            br#"{"advance": "-5m"}"#.to_vec(),
        ),
        (
            "faults",
            reqwest::Method::POST,
            format!(r#"{{"code": "{}"}}"#, "X".repeat(100 * 1024)).into_bytes(),
        ),
    ];
    for (path, method, body) in cases {
        let answer = post(path, method.clone(), body).await.unwrap();
        let status = answer.status();
        let text = answer.text().await.unwrap();
        assert_eq!(status, 400, "{method} {path}: {text}");
        assert!(text.contains("error") && text.len() < 2048, "{text}");
    }
    // A million instances: more than any body the emulator reads.
    let million: String = format!(
        "{{\"instances\": [{}]}}",
        (0..1_000_000)
            .map(|i| format!("{{\"id\": \"ins-{i}\"}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let answer = post("instances", reqwest::Method::PUT, million.into_bytes()).await;
    if let Ok(answer) = answer {
        assert_eq!(
            answer.status(),
            413,
            "larger than any body the emulator reads"
        );
    }
    let listed = http
        .get(format!("{}_emulator/instances", emu.url()))
        .send()
        .await
        .unwrap();
    let listed: serde_json::Value = serde_json::from_str(&listed.text().await.unwrap()).unwrap();
    assert_eq!(listed["instances"], serde_json::json!([]));
    c.describe_commands().send().await.expect("still serving");
}
