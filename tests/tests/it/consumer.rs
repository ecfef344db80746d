//! The crates as a user outside this repository gets them: every publishable crate passes
//! `cargo package`, and a crate that depends on `tencentcloud-tat` and
//! `tencentcloud-emulator` by version, with the registry entries replaced (through
//! `[patch.crates-io]`, as a local registry would) by the unpacked `.crate` files, builds
//! and runs the crate's example program against the emulator. Built from the packages,
//! not the checkout, it sees only what a registry would serve.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use workspace_tests::{cargo_command, workspace_root, ScratchWorkspace, PUBLISHED};

fn toml_path(p: &Path) -> String {
    p.display().to_string().replace('\\', "/")
}

/// Packages every published crate and returns, per crate, its manifest's version.
fn package_all(root: &Path) -> Vec<(&'static str, String)> {
    let mut package = cargo_command();
    package
        .current_dir(root)
        .args(["package", "--allow-dirty", "--no-verify", "--quiet"]);
    for (name, _) in PUBLISHED {
        package.args(["-p", name]);
    }
    let output = package
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    PUBLISHED
        .iter()
        .map(|(name, dir)| {
            let manifest = std::fs::read_to_string(root.join(dir).join("Cargo.toml")).unwrap();
            for key in [
                "license",
                "repository",
                "documentation",
                "readme",
                "keywords",
                "categories",
                "rust-version",
            ] {
                assert!(
                    manifest.lines().any(|l| l.starts_with(key)),
                    "{name} has no `{key}`"
                );
            }
            let version = manifest
                .lines()
                .find_map(|l| l.strip_prefix("version = "))
                .map(|v| v.trim_matches('"').to_string())
                .expect("a version");
            (*name, version)
        })
        .collect()
}

/// Unpacks `target/package/<name>-<version>.crate` under `into`; returns the crate's directory.
fn unpack(root: &Path, name: &str, version: &str, into: &Path) -> PathBuf {
    let file = root
        .join("target/package")
        .join(format!("{name}-{version}.crate"));
    assert!(file.exists(), "{name} {version} packaged");
    let status = Command::new("tar")
        .arg("xzf")
        .arg(&file)
        .arg("-C")
        .arg(into)
        .status()
        .expect("tar runs");
    assert!(status.success(), "{} unpacks", file.display());
    let dir = into.join(format!("{name}-{version}"));
    touch_all(&dir);
    dir
}

/// `cargo package` dates every file 2006 (reproducible archives), so a build of an earlier
/// package at the same path would look fresh to cargo: the files are dated now instead.
fn touch_all(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("unpacked directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            touch_all(&path);
        } else {
            std::fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(std::time::SystemTime::now()))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

#[test]
fn the_packaged_crates_build_a_consumer_that_runs_the_example() {
    // Builds: both cores busy; nothing timed runs meanwhile.
    let _machine = workspace_tests::exclusive();
    let root = workspace_root();
    let versions = package_all(&root);
    let scratch = ScratchWorkspace::new("consumer");
    // Beside the scratch workspace, not inside it: path dependencies inside a workspace's
    // directory would become its members.
    let registry = root.join("target/consumer-registry");
    let _ = std::fs::remove_dir_all(&registry);
    std::fs::create_dir_all(&registry).unwrap();
    let unpacked: BTreeMap<&str, PathBuf> = versions
        .iter()
        .map(|(name, version)| (*name, unpack(&root, name, version, &registry)))
        .collect();
    let patches: Vec<String> = unpacked
        .iter()
        .map(|(name, dir)| format!("{name} = {{ path = \"{}\" }}", toml_path(dir)))
        .collect();
    let (tat, emulator) = (
        &unpacked["tencentcloud-tat"],
        &unpacked["tencentcloud-emulator"],
    );
    assert!(
        emulator.join("specs/tat/RunCommand.txt").is_file(),
        "the emulator's package carries the TAT pages"
    );
    assert!(
        tat.join("CHANGELOG.md").is_file() && !tat.join("release.json").exists(),
        "the client's package carries its changelog, not the generator's release record"
    );

    let app = scratch.dir.join("app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    scratch.manifest(
        &["app"],
        &format!("\n[patch.crates-io]\n{}\n", patches.join("\n")),
    );
    std::fs::write(
        app.join("Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         tencentcloud-tat = \"0.1\"\ntencentcloud-runtime = \"0.1\"\ntencentcloud-emulator = \"0.1\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\nbase64 = \"0.22\"\n",
    )
    .unwrap();
    std::fs::copy(
        tat.join("examples/run_shell_command.rs"),
        app.join("src/main.rs"),
    )
    .expect("the package carries its example");

    let build = scratch.cargo(&["build", "--quiet", "--workspace"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    // No keys anywhere: the example runs on the emulator it starts.
    let home = scratch.dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let app = root
        .join("target/debug")
        .join(format!("app{}", std::env::consts::EXE_SUFFIX));
    let output = std::process::Command::new(app)
        .arg("echo from a consumer")
        .env("HOME", &home)
        .env("TENCENTCLOUD_CREDENTIALS_FILE", home.join("none"))
        .env_remove("TENCENTCLOUD_SECRET_ID")
        .env_remove("TENCENTCLOUD_SECRET_KEY")
        .output()
        .expect("the consumer runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("running against a local TAT emulator")
            && stdout.contains("from a consumer"),
        "{stdout}"
    );
    let lock = std::fs::read_to_string(scratch.dir.join("Cargo.lock")).unwrap();
    assert!(
        lock.contains("name = \"tencentcloud-tat\"\nversion = \"0.1."),
        "resolved by version"
    );
}
