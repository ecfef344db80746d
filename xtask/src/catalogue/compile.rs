//! Whether each crate of a scratch workspace compiles: one `cargo check --workspace
//! --keep-going` (one target directory, every crate in one build graph), its JSON messages
//! sorted by crate.

use std::collections::BTreeMap;
use std::path::Path;

/// What one check said, by crate directory (`waf`).
pub struct Outcome {
    /// The first error of each crate that has one, as cargo's short form.
    first_error: BTreeMap<String, String>,
    /// Crates whose targets were all checked.
    checked: BTreeMap<String, usize>,
}

impl Outcome {
    /// `Ok(())` when the crate compiled, else its first error (or why it was not checked).
    pub fn of(&self, crate_dir: &str) -> Result<(), String> {
        if let Some(e) = self.first_error.get(crate_dir) {
            return Err(e.clone());
        }
        if self.checked.contains_key(crate_dir) {
            Ok(())
        } else {
            Err("not checked: a crate it depends on failed".to_string())
        }
    }
}

/// Checks every member of the workspace at `workspace` (and with `tests`, its test targets),
/// in `target` (relative to the project's root).
pub fn check_workspace(workspace: &Path, target: &Path, tests: bool) -> Result<Outcome, String> {
    let target = crate::paths::workspace_root().join(target);
    let mut args = vec![
        "check",
        "--workspace",
        "--keep-going",
        "--message-format",
        "json-diagnostic-short",
    ];
    if tests {
        args.push("--tests");
    }
    let mut cargo = releases::child_cargo::command();
    // Every crate is written anew each run: an incremental cache costs more than it saves
    // (catalogue-zh: 98 s with one, 59 s without), unless the caller asks for one.
    if std::env::var_os("CARGO_INCREMENTAL").is_none() {
        cargo.env("CARGO_INCREMENTAL", "0");
    }
    let output = cargo
        .args(&args)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let outcome = read_messages(&String::from_utf8_lossy(&output.stdout));
    if !output.status.success() && outcome.first_error.is_empty() {
        // Cargo failed before compiling anything of ours (a manifest, the lock file).
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "cargo check failed in {}:\n{stderr}",
            workspace.display()
        ));
    }
    Ok(outcome)
}

/// Sorts cargo's JSON messages by the crate directory of their manifest.
fn read_messages(stdout: &str) -> Outcome {
    let mut outcome = Outcome {
        first_error: BTreeMap::new(),
        checked: BTreeMap::new(),
    };
    for message in stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
    {
        let Some(dir) = crate_dir(&message) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") => *outcome.checked.entry(dir).or_default() += 1,
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let rendered = message["message"]["rendered"]
                    .as_str()
                    .or(message["message"]["message"].as_str())
                    .unwrap_or("error");
                let first = rendered.lines().next().unwrap_or(rendered).to_string();
                outcome.first_error.entry(dir).or_insert(first);
            }
            _ => {}
        }
    }
    outcome
}

/// `…/target/catalogue/waf/Cargo.toml` → `waf`.
fn crate_dir(message: &serde_json::Value) -> Option<String> {
    let manifest = Path::new(message["manifest_path"].as_str()?);
    Some(manifest.parent()?.file_name()?.to_str()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_sorted_by_crate() {
        let stdout = [
            r#"{"reason":"compiler-artifact","manifest_path":"/s/tat/Cargo.toml","target":{}}"#,
            r#"{"reason":"compiler-message","manifest_path":"/s/waf/Cargo.toml","message":{"level":"warning","rendered":"w"}}"#,
            r#"{"reason":"compiler-message","manifest_path":"/s/waf/Cargo.toml","message":{"level":"error","rendered":"waf/src/a.rs:1:1: error[E0308]: mismatched types\nmore"}}"#,
            r#"{"reason":"compiler-message","manifest_path":"/s/waf/Cargo.toml","message":{"level":"error","rendered":"second"}}"#,
            "not json",
        ]
        .join("\n");
        let outcome = read_messages(&stdout);
        assert_eq!(outcome.of("tat"), Ok(()));
        assert_eq!(
            outcome.of("waf"),
            Err("waf/src/a.rs:1:1: error[E0308]: mismatched types".to_string())
        );
        assert!(outcome.of("cvm").unwrap_err().starts_with("not checked"));
    }
}
