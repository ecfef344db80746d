//! The `tencentcloud-emulator` binary: listens, takes keys and faults, refuses bad flags.

use crate::raw_client::{code, Raw};
use std::io::{BufRead, BufReader};
use std::process::{ChildStdout, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_tencentcloud-emulator");

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The emulator started with these flags: the process, the line it printed first, and the
/// rest of what it prints.
fn serve(flags: &[&str]) -> (Child, String, BufReader<ChildStdout>) {
    let child = Command::new(BIN)
        .args(flags)
        .stdout(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut child = Child(child);
    let mut stdout = BufReader::new(child.0.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    (child, first, stdout)
}

/// The API's URL in the line the emulator prints first.
fn url_in(first: &str) -> String {
    let url = first.split_whitespace().find(|w| w.starts_with("http://"));
    url.expect("the first line names the URL").to_string()
}

#[tokio::test]
async fn serves_with_given_keys_and_faults() {
    let (_child, first, mut stdout) = serve(&[
        "--listen",
        "127.0.0.1:0",
        "--key",
        "AKIDcli:cli-secret",
        "--key",
        "AKIDtmp:tmp-secret:tmp-token",
        "--no-rate-limits",
        "--fault",
        "non-json@DescribeScenes",
    ]);
    // Then what the agents' port is for, and the config.dat an agent needs to reach it.
    let (mut said, mut config) = (String::new(), String::new());
    stdout.read_line(&mut said).unwrap();
    stdout.read_line(&mut config).unwrap();
    assert!(
        said.starts_with("TAT agents: put this config.dat"),
        "{said}"
    );
    let config: serde_json::Value = serde_json::from_str(&config).expect("config.dat");
    let invoke = config["url"]["invoke_url"].as_str().unwrap();
    assert!(
        invoke.starts_with("http://127.0.0.1:") && invoke.ends_with("/agent/invoke"),
        "{config}"
    );
    let ws = config["url"]["ws_url"].as_str().unwrap();
    assert!(
        ws.starts_with("ws://127.0.0.1:") && ws.ends_with("/agent/ws"),
        "{config}"
    );
    assert!(
        first.starts_with("tat 2020-10-28 emulator listening on http://127.0.0.1:"),
        "{first}"
    );
    assert!(!first.contains("cli-secret"));
    let url = url_in(&first);
    let mut raw = Raw::new(&url, "tat", "2020-10-28");
    assert_eq!(
        code(&raw.call("DescribeCommands", "{}").await),
        Some("AuthFailure.SecretIdNotFound"),
        "the demo key is off when keys are given"
    );
    raw.secret_id = "AKIDcli".into();
    raw.secret_key = "cli-secret".into();
    assert_eq!(code(&raw.call("DescribeCommands", "{}").await), None);
    let mut temporary = Raw::new(&url, "tat", "2020-10-28");
    temporary.secret_id = "AKIDtmp".into();
    temporary.secret_key = "tmp-secret".into();
    assert_eq!(
        code(&temporary.call("DescribeCommands", "{}").await),
        Some("AuthFailure.TokenFailure"),
        "a temporary key needs its token"
    );
    assert_eq!(
        code(
            &temporary
                .call_with("DescribeCommands", "{}", &[("X-TC-Token", "tmp-token")])
                .await
        ),
        None
    );
    let http = reqwest::Client::new();
    let scenes = http
        .post(&url)
        .header("X-TC-Action", "DescribeScenes")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        scenes.headers()["content-type"],
        "text/html",
        "the injected fault answers"
    );
    // Switched on and off while running, through the control API.
    let control = |path: &str| format!("{url}_emulator/{path}");
    let on = http
        .post(control("faults"))
        .body(r#"{"fault": "status=503@DescribeCommands", "times": 1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(on.status(), 200);
    let refused = http
        .post(&url)
        .header("X-TC-Action", "DescribeCommands")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 503);
    assert_eq!(
        code(&raw.call("DescribeCommands", "{}").await),
        None,
        "the fault fired once"
    );
    let stats: serde_json::Value = serde_json::from_str(
        &http
            .get(control("stats?action=DescribeCommands"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        (stats["received"].as_u64(), stats["succeeded"].as_u64()),
        (Some(6), Some(3)),
        "{stats}"
    );
    let bad = http
        .post(control("faults"))
        .body(r#"{"fault": "explode"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert_eq!(
        http.delete(control("faults"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let scenes = http
        .post(&url)
        .header("X-TC-Action", "DescribeScenes")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        scenes.headers()["content-type"],
        "application/json",
        "faults cleared"
    );
}

#[test]
fn bad_flags_are_refused_with_a_reason() {
    let out = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--fault", "explode"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown fault `explode`"));
    let out = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--key", "no-colon-secret"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("--key wants ID:KEY"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("no-colon-secret"),
        "a mistyped key is not echoed: {stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("no-colon-secret"));
    let out = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--specs", "/nonexistent/drops"])
        .output()
        .unwrap();
    assert!(
        !out.status.success()
            && String::from_utf8_lossy(&out.stderr).contains("/nonexistent/drops")
    );
    for bad in ["0", "-1", "NaN", "inf", "1e9", "soon"] {
        let out = Command::new(BIN)
            .args(["--listen", "127.0.0.1:0", &format!("--idle-timeout={bad}")])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains("--idle-timeout") && stderr.contains(bad),
            "{bad}: {stderr}"
        );
    }
    for bad in ["0", "-1", "NaN", "inf", "fast"] {
        let out = Command::new(BIN)
            .args(["--listen", "127.0.0.1:0", &format!("--rate-scale={bad}")])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains("--rate-scale") && stderr.contains(bad),
            "{bad}: {stderr}"
        );
    }
}

#[test]
fn an_idle_connection_is_closed_after_the_idle_timeout_flag() {
    use std::io::Read;
    let flags = ["--listen", "127.0.0.1:0", "--idle-timeout", "0.3"];
    // The emulator's output is left unread from here on: it must serve regardless.
    let (mut child, first, _unread) = serve(&[&flags[..], &["--body-timeout", "0.3"]].concat());
    let url = url_in(&first);
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    // Timed from before the connection: the server's idle clock starts when it accepts, and
    // a loaded machine can take a while between the connect and the next line.
    let started = std::time::Instant::now();
    let mut idle = std::net::TcpStream::connect(address).unwrap();
    idle.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 16];
    // The server closes its end: the read ends (0 bytes or a reset), long before 10 s.
    let _ = idle.read(&mut buf);
    let waited = started.elapsed();
    assert!(
        waited >= std::time::Duration::from_millis(250)
            && waited < std::time::Duration::from_secs(5),
        "closed after {waited:?}"
    );
    assert!(
        child.0.try_wait().unwrap().is_none(),
        "still serving with nobody reading its output"
    );
}

#[tokio::test]
async fn tat_options_give_a_registration_code_and_refuse_nonsense() {
    let flags = [
        "--listen",
        "127.0.0.1:0",
        "--option",
        "register-code=local:local-secret",
    ];
    let timing = ["--option", "task-ms=1,2", "--option", "agent-grace-ms=500"];
    let (_child, first, _) = serve(&[&flags[..], &timing[..]].concat());
    let raw = Raw::new(&url_in(&first), "tat", "2020-10-28");
    let codes = raw.call("DescribeRegisterCodes", "{}").await;
    let set = &codes["RegisterCodeSet"];
    assert_eq!(set[0]["RegisterCodeId"], "local", "{codes}");
    assert_eq!(set[0]["Enabled"], true, "{codes}");
    assert!(
        !codes.to_string().contains("local-secret"),
        "the value stays secret"
    );
    for (bad, said) in [
        ("register-code=local", "expected ID:VALUE"),
        ("register-code=:v", "expected ID:VALUE"),
        ("task-ms=1", "expected PENDING_MS,RUNNING_MS"),
        ("agent-grace-ms=soon", "expected milliseconds"),
        ("warp=9", "unknown option `warp`"),
    ] {
        let out = Command::new(BIN)
            .args(["--listen", "127.0.0.1:0", "--option", bad])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains(said),
            "{bad}: {stderr}"
        );
    }
}

#[tokio::test]
async fn a_fleet_file_a_manual_clock_and_code_faults_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("emulator-cli-fleet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fleet = dir.join("fleet.toml");
    std::fs::write(
        &fleet,
        "[[instances]]\nid = \"ins-stopped1\"\nstate = \"STOPPED\"\n",
    )
    .unwrap();
    let (_child, first, _) = serve(&[
        "--listen",
        "127.0.0.1:0",
        "--no-rate-limits",
        "--instances",
        fleet.to_str().unwrap(),
        "--strict-instances",
        "--clock",
        "manual",
        "--option",
        "quota.COMMAND=0",
        "--fault",
        "code=UnauthorizedOperation.CamAuthFailed@DescribeRegions",
    ]);
    let url = url_in(&first);
    let raw = Raw::new(&url, "tat", "2020-10-28");
    let run_on = |id: &str| format!(r#"{{"Content": "ZWNobyBoaQ==", "InstanceIds": ["{id}"]}}"#);
    assert_eq!(
        code(&raw.call("RunCommand", &run_on("ins-stopped1")).await),
        Some("ResourceUnavailable.InstanceStateNotRunning")
    );
    assert_eq!(
        code(&raw.call("RunCommand", &run_on("ins-nobody01")).await),
        Some("ResourceNotFound.InstanceNotFound")
    );
    assert_eq!(
        code(
            &raw.call(
                "CreateCommand",
                r#"{"CommandName": "c", "Content": "ZWNobyBoaQ=="}"#
            )
            .await
        ),
        Some("ResourceUnavailable.UserHasNoQuotaCode")
    );
    assert_eq!(
        code(&raw.call("DescribeRegions", "{}").await),
        Some("UnauthorizedOperation.CamAuthFailed")
    );
    let http = reqwest::Client::new();
    let clock = format!("{url}_emulator/clock");
    let held: serde_json::Value =
        serde_json::from_str(&http.get(&clock).send().await.unwrap().text().await.unwrap())
            .unwrap();
    assert_eq!(held["mode"], "manual");
    let moved = http
        .post(&clock)
        .body(r#"{"advance": "90m"}"#)
        .send()
        .await
        .unwrap();
    let moved: serde_json::Value = serde_json::from_str(&moved.text().await.unwrap()).unwrap();
    let minutes = |v: &serde_json::Value| {
        let at = humantime::parse_rfc3339(v["now"].as_str().unwrap()).unwrap();
        at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 60
    };
    assert_eq!(minutes(&moved) - minutes(&held), 90);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_broken_fleet_file_is_named_with_its_line() {
    let dir = std::env::temp_dir().join(format!("emulator-cli-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fleet = dir.join("fleet.toml");
    std::fs::write(
        &fleet,
        "[[instances]]\nid = \"ins-1\"\n\n[[instances]]\nid = \"ins-2\"\nagent = \"asleep\"\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--instances",
            fleet.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("fleet.toml:6") && stderr.contains("asleep"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
