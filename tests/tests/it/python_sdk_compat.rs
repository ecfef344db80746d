//! The emulator driven by Tencent's official Python SDK (pinned in
//! `workspace_tests::PYTHON_SDK`, installed into `.ci/python`, which `.ci/run` also does)
//! in every signing mode it offers: each mode
//! must give, call for call, the answer the default mode (TC3 over POST JSON) gives: every
//! action with its page's example, validation errors, a temporary key's token, a fault.
//!
//! Alone: `cargo test -p workspace-tests --test python_sdk_compat`.

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use tencentcloud_emulator::services::tat::{self, Fleet, Settings, TaskTiming, Tat};
use tencentcloud_emulator::{ClockMode, Emulator, FaultRule};
use workspace_tests::{python_sdk as sdk, workspace_root};

const MODES: [&str; 7] = [
    "tc3-post",
    "tc3-get",
    "tc3-unsigned",
    "v1-sha1-get",
    "v1-sha256-get",
    "v1-sha1-post",
    "v1-sha256-post",
];
const SECRET_ID: &str = "AKIDpython0000000000000000000000";
const SECRET_KEY: &str = "python-sdk-secret-key";
const TOKEN: &str = "python-sdk-token";

/// Every action with its page's first usable example, then requests that break
/// documented limits.
fn calls(emulator: &Emulator) -> serde_json::Value {
    // The fault the test sets up answers the first DescribeRegions with HTTP 503.
    let mut calls = vec![serde_json::json!({"action": "DescribeRegions", "params": {}})];
    calls.extend(
        emulator
            .service_model()
            .service
            .actions
            .iter()
            .filter_map(|a| {
                let params = a
                    .examples
                    .iter()
                    .map(|e| &e.request)
                    .find(|r| r.is_object())?;
                Some(serde_json::json!({"action": a.name, "params": params}))
            }),
    );
    calls.extend([
        serde_json::json!({"action": "DescribeCommands", "params": {"Limit": 101}}),
        serde_json::json!({"action": "InvokeCommand", "params": {"CommandId": "cmd-1", "InstanceIds": (0..201).map(|i| format!("ins-{i}")).collect::<Vec<_>>()}}),
        serde_json::json!({"action": "DescribeCommands", "params": {"Filters": [{"Name": "command-name", "Values": ["a b+c&d=e/é"]}], "Offset": 0}}),
        serde_json::json!({"action": "NoSuchAction", "params": {}}),
    ]);
    serde_json::Value::Array(calls)
}

fn run(sdk: &Path, url: &str, mode: &str, calls: &Path) -> Vec<serde_json::Value> {
    let output = Command::new("python3")
        .arg(workspace_root().join("tests/python/sdk_compat.py"))
        .args([url, SECRET_ID, SECRET_KEY, mode])
        .arg(calls)
        .arg(TOKEN)
        .env("PYTHONPATH", sdk)
        .env("NO_PROXY", "*")
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{mode}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON line per call"))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_signing_mode_of_the_python_sdk_gets_the_same_answers() {
    let Some(sdk) = sdk() else { return };
    let calls_file =
        std::env::temp_dir().join(format!("sdk-compat-calls-{}.json", std::process::id()));
    let mut results = Vec::new();
    for mode in MODES {
        // A fresh emulator per mode, so each mode meets the same state.
        let emulator = tat::emulator()
            .temporary_credentials(SECRET_ID, SECRET_KEY, TOKEN)
            .start()
            .await
            .expect("emulator starts");
        std::fs::write(&calls_file, calls(&emulator).to_string()).unwrap();
        emulator
            .faults()
            .add(
                FaultRule::parse("status=503@DescribeRegions")
                    .unwrap()
                    .times(1),
            )
            .expect("the plan takes the rule");
        let url = emulator.url().to_string();
        let (sdk, file) = (sdk.clone(), calls_file.clone());
        let answers = tokio::task::spawn_blocking(move || run(&sdk, &url, mode, &file))
            .await
            .unwrap();
        results.push((mode, answers));
    }
    std::fs::remove_file(&calls_file).ok();

    let (_, baseline) = &results[0];
    let code = |answer: &serde_json::Value| answer["code"].as_str().map(str::to_string);
    let succeeded = baseline.iter().filter(|a| a["ok"] == true).count();
    // Examples that name resources of their own (cmd-…, inv-…) meet a fresh emulator that has none.
    assert!(succeeded >= 12, "page examples get through: {baseline:#?}");
    for answer in baseline {
        let c = code(answer).unwrap_or_default();
        assert!(
            !c.starts_with("AuthFailure") && c != "UnsupportedProtocol" && c != "MissingParameter",
            "{answer}"
        );
    }
    assert_eq!(
        code(&baseline[0]).as_deref(),
        Some("ServerNetworkError"),
        "the injected 503 reaches the SDK as its error"
    );
    let tail: Vec<Option<String>> = baseline[baseline.len() - 4..].iter().map(code).collect();
    assert!(
        tail[0].is_some() && tail[1].is_some(),
        "limits are enforced: {tail:?}"
    );
    assert_eq!(
        tail[2], None,
        "a filter value with reserved characters round-trips"
    );
    assert_eq!(tail[3].as_deref(), Some("InvalidAction"));
    for (mode, answers) in &results[1..] {
        assert_eq!(answers.len(), baseline.len(), "{mode}");
        for (answer, expected) in answers.iter().zip(baseline) {
            assert_eq!(
                (answer["action"].clone(), code(answer)),
                (expected["action"].clone(), code(expected)),
                "{mode}: {answer} vs {expected}"
            );
        }
    }
}

/// The calls of one run, written where the script reads them, and their answers.
async fn run_calls(
    url: &str,
    mode: &'static str,
    calls: serde_json::Value,
) -> Vec<serde_json::Value> {
    let sdk = sdk().expect("the SDK is installed");
    let file =
        std::env::temp_dir().join(format!("sdk-failures-{}-{mode}.json", std::process::id()));
    std::fs::write(&file, calls.to_string()).unwrap();
    let url = url.to_string();
    let answers = tokio::task::spawn_blocking({
        let file = file.clone();
        move || run(&sdk, &url, mode, &file)
    })
    .await
    .unwrap();
    std::fs::remove_file(&file).ok();
    answers
}

#[tokio::test(flavor = "multi_thread")]
async fn documented_failures_and_schedules_reach_the_python_sdk() {
    if sdk().is_none() {
        return;
    }
    let fleet = Fleet::from_toml(
        "[[instances]]\nid = \"ins-stopped1\"\nstate = \"STOPPED\"\n\
         [[instances]]\nid = \"ins-noagent1\"\nagent = \"none\"\n\
         [[instances]]\nid = \"ins-windows1\"\nos = \"windows\"\n\
         [[instances]]\nid = \"lhins-light001\"\n",
        "fleet.toml",
    )
    .unwrap();
    let mut settings = Settings {
        strict_instances: true,
        ..Settings::default()
    };
    settings.quotas.insert("COMMAND".into(), 1);
    settings
        .lighthouse_unsupported_regions
        .insert("ap-guangzhou".into());
    let emulator = tat::emulator()
        .behaviour(Tat::configured(TaskTiming::DEFAULT, settings, fleet))
        .temporary_credentials(SECRET_ID, SECRET_KEY, TOKEN)
        .clock(ClockMode::Manual)
        .start()
        .await
        .expect("emulator starts");
    emulator
        .faults()
        .add(
            FaultRule::code("UnauthorizedOperation.CamAuthFailed")
                .for_action("DescribeRegions")
                .times(1),
        )
        .expect("a documented code");
    let run_on = |id: &str| serde_json::json!({"action": "RunCommand", "params": {"Content": "ZWNobyBoaQ==", "InstanceIds": [id]}});
    let cron = serde_json::json!({"action": "CreateInvoker", "params": {"Name": "q", "Type": "SCHEDULE",
        "CommandId": "cmd-00000001", "InstanceIds": ["ins-windows1"],
        "ScheduleSettings": {"Policy": "RECURRENCE", "Recurrence": "*/15 * * * *"}}});
    let calls = serde_json::json!([
        {"action": "DescribeRegions", "params": {}},
        run_on("ins-stopped1"), run_on("ins-noagent1"), run_on("ins-windows1"),
        run_on("lhins-light001"), run_on("ins-nobody01"),
        {"action": "CreateCommand", "params": {"CommandName": "ps", "Content": "ZWNobyBoaQ==", "CommandType": "POWERSHELL"}},
        {"action": "CreateCommand", "params": {"CommandName": "two", "Content": "ZWNobyBoaQ=="}},
        cron,
    ]);
    let mut codes = Vec::new();
    for mode in ["tc3-post", "v1-sha256-post"] {
        let answers = run_calls(emulator.url(), mode, calls.clone()).await;
        let code = |a: &serde_json::Value| a["code"].as_str().unwrap_or("ok").to_string();
        codes.push(answers.iter().map(code).collect::<Vec<_>>());
        if mode == "tc3-post" {
            // The second run meets what the first made: no new command, the invoker twice.
            emulator
                .faults()
                .add(
                    FaultRule::code("UnauthorizedOperation.CamAuthFailed")
                        .for_action("DescribeRegions")
                        .times(1),
                )
                .unwrap();
        }
    }
    let expected = [
        "UnauthorizedOperation.CamAuthFailed",
        "ResourceUnavailable.InstanceStateNotRunning",
        "ResourceUnavailable.AgentNotInstalled",
        "InvalidParameterValue.AgentUnsupportedCommandType",
        "ResourceUnavailable.LighthouseUnsupportedRegion",
        "ResourceNotFound.InstanceNotFound",
    ];
    for (mode, got) in ["tc3-post", "v1-sha256-post"].iter().zip(&codes) {
        assert_eq!(&got[..6], expected, "{mode}");
    }
    assert_eq!(
        codes[0][6..],
        ["ok", "ResourceUnavailable.UserHasNoQuotaCode", "ok"]
    );
    assert_eq!(
        codes[1][6..],
        [
            "InvalidParameterValue.CommandNameDuplicated",
            "ResourceUnavailable.UserHasNoQuotaCode",
            "ok"
        ]
    );
    emulator
        .advance_clock(Duration::from_secs(24 * 3600))
        .unwrap();
    let records = serde_json::json!([{"action": "DescribeInvokerRecords", "params": {"Limit": 1}}]);
    let answers = run_calls(emulator.url(), "tc3-post", records).await;
    assert_eq!(
        answers[0]["total"],
        2 * 96,
        "two invokers, every quarter hour of a day"
    );
}
