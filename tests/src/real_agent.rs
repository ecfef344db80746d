//! Tencent's own TAT agent (`tat_agent`, from `../shared/third_party/tat-agent` or
//! `TAT_AGENT_SRC`), built once under this checkout's `target/tat-agent/` (debug, against
//! the system's OpenSSL), and run as a test peer: each agent gets a directory of its own
//! (the agent changes to its executable's directory and reads `config.dat` there), is
//! registered with `tat_agent register`, and runs in the foreground until dropped.

use crate::workspace_root;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// Where the agent's source is: `TAT_AGENT_SRC`, else `../shared/third_party/tat-agent`
/// beside this checkout.
pub fn agent_source() -> PathBuf {
    match std::env::var_os("TAT_AGENT_SRC") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("../shared/third_party/tat-agent"),
    }
}

/// The agent's target directory under this checkout.
pub fn agent_target() -> PathBuf {
    workspace_root().join("target/tat-agent")
}

/// The built agent: `target/tat-agent/debug/tat_agent`, built now if it is not there yet by
/// the one recipe, `cargo xtask agent build` (which `.ci/run` runs beforehand, timed apart).
pub fn agent_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let binary = agent_target().join("debug/tat_agent");
        if binary.is_file() {
            return binary;
        }
        // A build keeps both cores busy: nothing timed runs meanwhile.
        let _machine = crate::exclusive();
        let source = agent_source();
        assert!(
            source.join("Cargo.toml").is_file(),
            "Tencent's TAT agent is needed for this test: its source was looked for in {} \
             (set TAT_AGENT_SRC)",
            source.display()
        );
        let status = crate::cargo_command()
            .args([
                "run",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "agent",
                "build",
            ])
            .current_dir(workspace_root())
            .status()
            .expect("cargo runs");
        assert!(
            status.success(),
            "the TAT agent builds (cargo xtask agent build)"
        );
        binary
    })
}

/// One running agent, stopped (killed) when dropped.
pub struct RealAgent {
    pub dir: PathBuf,
    child: Option<Child>,
}

impl RealAgent {
    /// A directory `target/tat-agents/<name>/` with the agent and a `config.dat` pointing at
    /// the emulator's agents' port.
    pub fn prepare(name: &str, agents_port: std::net::SocketAddr) -> RealAgent {
        let dir = workspace_root().join("target/tat-agents").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("agent directory");
        // A link, not a copy: a copy is a file open for writing, and a process that another
        // test forks meanwhile holds it open until it execs, so starting the copy could fail
        // with "text file busy". The agent finds its directory by the path it was run by.
        let agent = dir.join("tat_agent");
        if std::fs::hard_link(agent_binary(), &agent).is_err() {
            std::fs::copy(agent_binary(), &agent).expect("the agent is copied");
        }
        let config = tencentcloud_emulator::services::tat::agents::config_dat(agents_port);
        std::fs::write(dir.join("config.dat"), config).expect("config.dat");
        RealAgent { dir, child: None }
    }

    /// `tat_agent register REGION CODE_ID CODE_VALUE`: its exit status and what it printed.
    pub fn register(&self, code_id: &str, value: &str) -> (bool, String) {
        let output = Command::new(self.dir.join("tat_agent"))
            .args(["register", "ap-guangzhou", code_id, value])
            .current_dir(&self.dir)
            .output()
            .expect("the agent runs");
        let printed = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.success(), printed)
    }

    /// The instance id the agent saved when it registered.
    pub fn instance_id(&self) -> Option<String> {
        let config = std::fs::read_to_string(self.dir.join("config.dat")).ok()?;
        let config: serde_json::Value = serde_json::from_str(&config).ok()?;
        config["register"]["instance_id"]
            .as_str()
            .map(str::to_string)
    }

    /// Starts the agent in the foreground (`--no-daemon --console-log`), its log in
    /// `agent.log` beside it.
    pub fn start(&mut self) {
        let log = std::fs::File::create(self.dir.join("agent.log")).expect("log file");
        let child = Command::new(self.dir.join("tat_agent"))
            .args(["--no-daemon", "--console-log"])
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .expect("the agent starts");
        self.child = Some(child);
    }

    /// Kills the agent at once (as a machine that goes away would leave it).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The agent's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("agent.log")).unwrap_or_default()
    }

    /// Waits until `pred` holds for the agent's log, or `within` passes.
    pub fn wait_for_log(&self, within: Duration, pred: impl Fn(&str) -> bool) -> bool {
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            if pred(&self.log()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for RealAgent {
    fn drop(&mut self) {
        self.kill();
    }
}
