//! The generated crate's example runs on a fresh machine: with no credentials it starts
//! the emulator, runs the command on two instances and prints their output.

use std::process::Command;

#[test]
fn run_shell_command_example_works_without_credentials() {
    // Builds: both cores busy; nothing timed runs meanwhile.
    let _machine = workspace_tests::exclusive();
    let workspace = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    // `cargo test --workspace` has built every example with these same features, so
    // this is a no-op there; run alone, it builds what is missing.
    let build = workspace_tests::cargo_command()
        .current_dir(workspace)
        .args(["build", "--quiet", "--workspace", "--examples"])
        .status()
        .expect("cargo runs");
    assert!(build.success());
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let example = profile_dir
        .join("examples")
        .join(format!("run_shell_command{}", std::env::consts::EXE_SUFFIX));
    let output = Command::new(&example)
        .arg("echo it works; hostname")
        .env_remove("TENCENTCLOUD_SECRET_ID")
        .env_remove("TENCENTCLOUD_SECRET_KEY")
        .env("TENCENTCLOUD_CREDENTIALS_FILE", "/nonexistent/credentials")
        .output()
        .expect("example runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("running against a local TAT emulator"),
        "{stdout}"
    );
    for instance in ["ins-emulated1", "ins-emulated2"] {
        assert!(
            stdout.contains(&format!(
                "== {instance} · SUCCESS · exit code 0\nit works\n{instance}\n"
            )),
            "{stdout}"
        );
    }
}
