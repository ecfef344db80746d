//! The emulator as a shared sandbox: accounts and regions that never see each other's
//! resources, seeds made through the API's own checks, state read back after a restart,
//! and the page a person looks at (drawn by Debian's headless Chromium: escaped, cut,
//! without secrets). The reset of 10,000 commands is timed in the `timed` binary.

use crate::sandbox_bed::{b64, client, two_accounts, ALPHA, BETA, REGIONS};
use base64::Engine;
use std::collections::BTreeSet;
use std::time::Duration;
use tencentcloud_emulator::Seeds;
use tencentcloud_tat::Client;

/// Every resource id in an answer (`cmd-…`, `inv-…`, `invt-…`, `ivk-…`, `rc-…`, `rins-…`).
fn ids_in(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            let kinds = ["cmd-", "inv-", "invt-", "ivk-", "rc-", "rins-"];
            if kinds.iter().any(|k| s.starts_with(k)) {
                out.insert(s.clone());
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| ids_in(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| ids_in(v, out)),
        _ => {}
    }
}

/// What one account makes in one region: a command, a run, an invoker, a code.
async fn make(c: &Client, tag: &str) -> BTreeSet<String> {
    let cmd = c
        .create_command()
        .command_name(tag)
        .content(b64("echo hi"))
        .send()
        .await
        .unwrap();
    let cmd = cmd.command_id.unwrap();
    let run = c
        .run_command()
        .content(b64("echo run"))
        .instance_ids(["ins-abc12345"])
        .send()
        .await
        .unwrap();
    let mut schedule = tencentcloud_tat::types::ScheduleSettings::default();
    schedule.policy = Some(tencentcloud_tat::enums::ScheduleSettingsPolicy::Recurrence);
    schedule.recurrence = Some("0 2 * * *".into());
    let ivk = c
        .create_invoker()
        .name(tag)
        .r#type("SCHEDULE")
        .command_id(&cmd)
        .instance_ids(["ins-abc12345"])
        .schedule_settings(schedule)
        .send()
        .await
        .unwrap();
    let code = c.create_register_code().send().await.unwrap();
    [
        cmd,
        run.command_id.unwrap(),
        run.invocation_id.unwrap(),
        ivk.invoker_id.unwrap(),
        code.register_code_id.unwrap(),
    ]
    .into_iter()
    .collect()
}

/// Every id the scope's Describe actions list.
async fn listed(c: &Client) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for action in [
        "DescribeCommands",
        "DescribeInvocations",
        "DescribeInvocationTasks",
        "DescribeInvokers",
        "DescribeInvokerRecords",
        "DescribeRegisterCodes",
        "DescribeRegisterInstances",
        "DescribeAutomationAgentStatus",
        "DescribeQuotas",
    ] {
        let body = if action == "DescribeQuotas" {
            serde_json::json!({"ResourceNames": ["COMMAND"]})
        } else {
            serde_json::json!({"Limit": 100})
        };
        let answer = c
            .call_json(action, body)
            .await
            .unwrap_or_else(|e| panic!("{action}: {e}"));
        ids_in(&answer, &mut seen);
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_and_regions_never_see_each_others_resources() {
    let emu = two_accounts().await.start().await.unwrap();
    let mut made = Vec::new();
    for key in [ALPHA, BETA] {
        for region in REGIONS {
            let c = client(&emu, key, region);
            let label = format!("{}.{region}", &key.0[4..8]);
            made.push((label.clone(), c.clone(), make(&c, &label).await));
        }
    }
    for (i, (label, c, own)) in made.iter().enumerate() {
        let seen = listed(c).await;
        let foreign: Vec<&String> = seen
            .difference(own)
            .filter(|id| !id.starts_with("invt-"))
            .collect();
        assert!(foreign.is_empty(), "{label} sees {foreign:?}");
        let missing: Vec<&String> = own.difference(&seen).collect();
        assert!(
            missing.is_empty(),
            "{label}: its own are listed: {missing:?}"
        );
        let other = &made[(i + 1) % made.len()].2;
        let cmd = other.iter().find(|id| id.starts_with("cmd-")).unwrap();
        let e = c.delete_command().command_id(cmd).send().await.unwrap_err();
        assert_eq!(
            e.as_service_error().unwrap().code(),
            "ResourceNotFound.CommandNotFound"
        );
    }
}

const SEED: &str = r#"
[[CreateCommand]]
_name = "hello"
_account = "alpha"
CommandName = "hello"
Content = "ZWNobyBoZWxsbw=="

[[CreateInvoker]]
_account = "INVOKER_ACCOUNT"
Name = "nightly"
Type = "SCHEDULE"
CommandId = { seed = "hello" }
InstanceIds = ["ins-abc12345"]
ScheduleSettings = { Policy = "RECURRENCE", Recurrence = "0 2 * * *" }

[[instances]]
id = "ins-stopped1"
state = "STOPPED"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_are_made_through_the_apis_checks_and_again_at_each_reset() {
    let seeds = Seeds::from_toml(&SEED.replace("INVOKER_ACCOUNT", "beta"), "seed.toml").unwrap();
    let refused = two_accounts().await.seeds(seeds).start().await;
    let message = refused
        .err()
        .expect("an invoker of beta cannot use alpha's command")
        .to_string();
    assert!(
        message.contains("seed.toml:8") && message.contains("CommandNotFound"),
        "{message}"
    );
    let seeds = Seeds::from_toml(&SEED.replace("INVOKER_ACCOUNT", "alpha"), "seed.toml").unwrap();
    let emu = two_accounts().await.seeds(seeds).start().await.unwrap();
    let c = client(&emu, ALPHA, REGIONS[0]);
    let invokers = c
        .describe_invokers()
        .send()
        .await
        .unwrap()
        .invoker_set
        .unwrap();
    assert_eq!(invokers[0].name.as_deref(), Some("nightly"));
    let stopped = c
        .run_command()
        .content(b64("echo"))
        .instance_ids(["ins-stopped1"])
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        stopped.as_service_error().unwrap().code(),
        "ResourceUnavailable.InstanceStateNotRunning"
    );
    c.create_command()
        .command_name("extra")
        .content(b64("echo"))
        .send()
        .await
        .unwrap();
    reqwest::Client::new()
        .post(format!("{}_emulator/reset", emu.url()))
        .send()
        .await
        .unwrap();
    let names: Vec<String> = c
        .describe_commands()
        .send()
        .await
        .unwrap()
        .command_set
        .unwrap()
        .into_iter()
        .filter_map(|c| c.command_name)
        .collect();
    assert_eq!(names, ["hello"], "the seeds, made again");
    let too_long = format!(
        "\n[[CreateCommand]]\nCommandName = \"{}\"\nContent = \"ZWNobw==\"\n",
        "n".repeat(61)
    );
    let refused = two_accounts()
        .await
        .seeds(Seeds::from_toml(&too_long, "long.toml").unwrap())
        .start()
        .await;
    let message = refused.err().unwrap().to_string();
    assert!(
        message.contains("long.toml:2") && message.contains("TooLong"),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_state_is_read_back_after_a_restart() {
    let dir = std::env::temp_dir().join(format!("sandbox-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (cmd, invocation) = {
        let emu = two_accounts()
            .await
            .state_dir(&dir, false)
            .start()
            .await
            .unwrap();
        let c = client(&emu, BETA, REGIONS[1]);
        let cmd = c
            .create_command()
            .command_name("kept")
            .content(b64("echo kept"))
            .send()
            .await
            .unwrap()
            .command_id
            .unwrap();
        let run = c
            .invoke_command()
            .command_id(&cmd)
            .instance_ids(["ins-abc12345"])
            .send()
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        c.describe_invocations().send().await.unwrap();
        (cmd, run.invocation_id.unwrap())
    };
    let emu = two_accounts()
        .await
        .state_dir(&dir, false)
        .start()
        .await
        .unwrap();
    let c = client(&emu, BETA, REGIONS[1]);
    let commands = c
        .describe_commands()
        .send()
        .await
        .unwrap()
        .command_set
        .unwrap();
    assert_eq!(commands[0].command_id.as_deref(), Some(cmd.as_str()));
    let tasks = c
        .describe_invocation_tasks()
        .hide_output(false)
        .send()
        .await
        .unwrap()
        .invocation_task_set
        .unwrap();
    assert_eq!(tasks[0].invocation_id.as_deref(), Some(invocation.as_str()));
    let output = tasks[0]
        .task_result
        .as_ref()
        .and_then(|r| r.output.clone())
        .unwrap();
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(output)
            .unwrap(),
        b"kept\n"
    );
    let next = c
        .create_command()
        .command_name("after")
        .content(b64("echo"))
        .send()
        .await
        .unwrap()
        .command_id
        .unwrap();
    assert!(next > cmd, "ids go on after a restart: {next} after {cmd}");
    assert_eq!(
        client(&emu, ALPHA, REGIONS[1])
            .describe_commands()
            .send()
            .await
            .unwrap()
            .total_count,
        Some(0)
    );
    drop(emu);
    let fresh = two_accounts()
        .await
        .state_dir(&dir, true)
        .start()
        .await
        .unwrap();
    assert_eq!(
        client(&fresh, BETA, REGIONS[1])
            .describe_commands()
            .send()
            .await
            .unwrap()
            .total_count,
        Some(0)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Debian's Chromium, or `None` outside CI when it is not installed (`.ci/run` installs it).
fn chromium() -> Option<std::path::PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() && std::env::var_os("CI").is_some() {
        panic!("CI installs Debian's chromium for the page test");
    }
    found
}

/// Chromium, headless, with a profile of its own and nothing of its own on the network.
fn headless(
    binary: &std::path::Path,
    profile: &std::path::Path,
    args: &[&str],
) -> std::process::Output {
    std::process::Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_each_account_escaped_cut_and_without_secrets() {
    let emu = two_accounts().await.start().await.unwrap();
    let alpha = client(&emu, ALPHA, REGIONS[0]);
    let script = format!(
        "echo '<script>alert(\"hi\")</script>'\necho {}",
        "x".repeat(30_000)
    );
    let run = alpha
        .run_command()
        .content(b64(&script))
        .instance_ids(["ins-abc12345"])
        .send()
        .await
        .unwrap();
    let code = alpha.create_register_code().send().await.unwrap();
    let beta = client(&emu, BETA, REGIONS[1]);
    let beta_cmd = beta
        .create_command()
        .command_name("beta-only")
        .content(b64("echo b"))
        .send()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    alpha.describe_invocations().send().await.unwrap();
    let html = reqwest::get(format!("{}_emulator/", emu.url()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for secret in [
        ALPHA.1,
        BETA.1,
        code.register_code_value.as_deref().unwrap(),
    ] {
        assert!(!html.contains(secret), "the page shows no secret");
    }
    assert!(!html.contains("<script>"), "output is escaped");
    assert!(html.contains(run.invocation_id.as_deref().unwrap()));
    assert!(
        html.contains("account alpha · region ap-guangzhou")
            && html.contains("account beta · region ap-shanghai")
    );
    assert!(
        html.len() < 200_000,
        "long output is cut: {} bytes",
        html.len()
    );
    let Some(binary) = chromium() else {
        eprintln!("skipped: no chromium on this machine");
        return;
    };
    let out_dir = workspace_tests::workspace_root().join("target/page-test");
    std::fs::create_dir_all(&out_dir).unwrap();
    let url = format!("{}_emulator/", emu.url());
    let dump = tokio::task::spawn_blocking({
        let (binary, profile, url) = (binary.clone(), out_dir.join("profile-dom"), url.clone());
        move || headless(&binary, &profile, &["--dump-dom", &url])
    })
    .await
    .unwrap();
    let dom = String::from_utf8_lossy(&dump.stdout);
    assert!(
        dom.contains(beta_cmd.command_id.as_deref().unwrap()),
        "the rendered page lists what was made"
    );
    assert!(
        !dom.contains("<script"),
        "no script element in the rendered page"
    );
    assert!(
        dom.contains("&lt;script&gt;alert"),
        "the output's text, escaped"
    );
    let shot = out_dir.join("emulator-page.png");
    let _ = std::fs::remove_file(&shot);
    let screenshot = format!("--screenshot={}", shot.display());
    tokio::task::spawn_blocking({
        let (binary, profile) = (binary.clone(), out_dir.join("profile-shot"));
        move || {
            headless(
                &binary,
                &profile,
                &[&screenshot, "--window-size=1400,1000", &url],
            )
        }
    })
    .await
    .unwrap();
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
}
