//! A scratch workspace under `target/`: generated crates (and callers of them) built as
//! their own workspace against the project's runtime, with the project's lock file, build
//! profile (`.cargo/config.toml` is read there too) and `target/`. A feature anchor among
//! its members makes cargo resolve every dependency as the project's own build does, so
//! the compiled dependencies are reused, not compiled again.

use crate::feature_anchor;
use crate::workspace::{cargo_command, workspace_root};
use std::path::PathBuf;
use std::process::{Command, Output};

pub struct ScratchWorkspace {
    pub dir: PathBuf,
}

impl ScratchWorkspace {
    /// An empty scratch workspace under `target/<name>/` (the old one is removed).
    pub fn new(name: &str) -> Self {
        let dir = workspace_root().join("target").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        ScratchWorkspace { dir }
    }

    /// The runtime crate's path as seen from a crate directly under this workspace.
    pub fn runtime_path(&self) -> String {
        "../../../runtime".to_string()
    }

    /// Writes generated crates and a manifest naming them.
    pub fn write(&self, crates: &[releases::tree::GeneratedCrate]) {
        for c in crates {
            for f in &c.files {
                let path = self.dir.join(&c.dir).join(&f.path);
                std::fs::create_dir_all(path.parent().expect("file in a crate"))
                    .expect("crate directory");
                std::fs::write(&path, &f.contents).expect("generated file");
            }
        }
        let members: Vec<&str> = crates.iter().map(|c| c.dir.as_str()).collect();
        self.manifest(&members, "");
    }

    /// The workspace manifest: `members` and the feature anchor, then `extra` (a
    /// `[patch]` section); and the project's lock file, so the same versions resolve.
    pub fn manifest(&self, members: &[&str], extra: &str) {
        feature_anchor::write(&self.dir.join(feature_anchor::DIR));
        let mut all: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
        all.push(format!("{:?}", feature_anchor::DIR));
        let manifest = format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n{extra}",
            all.join(", ")
        );
        std::fs::write(self.dir.join("Cargo.toml"), manifest).expect("manifest");
        std::fs::copy(
            workspace_root().join("Cargo.lock"),
            self.dir.join("Cargo.lock"),
        )
        .expect("lock file");
    }

    /// Cargo in this workspace with the project's `target/`, ready to run. Build commands
    /// should name `--workspace`, so the anchor's features count.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cargo = cargo_command();
        cargo
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", workspace_root().join("target"));
        cargo.args(args);
        cargo
    }

    /// Runs cargo in this workspace with the project's `target/`.
    pub fn cargo(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("cargo runs")
    }
}
