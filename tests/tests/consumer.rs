//! The crates as a user outside this repository gets them: a crate that depends on
//! `tencentcloud-tat` and `tencentcloud-emulator` by version (the registry entries
//! replaced by this checkout through `[patch.crates-io]`, as a local registry would) builds
//! and runs the crate's example program against the emulator; and every publishable crate
//! passes `cargo package`.

use std::path::Path;
use std::process::Command;
use workspace_tests::{workspace_root, ScratchWorkspace};

/// The crates users depend on, in dependency order.
const PUBLISHED: [(&str, &str); 5] = [
    ("tencentcloud-rules", "rules"),
    ("tencentcloud-doc-model", "doc-model"),
    ("tencentcloud-runtime", "runtime"),
    ("tencentcloud-emulator", "emulator"),
    ("tencentcloud-tat", "generated/tat"),
];

fn toml_path(p: &Path) -> String {
    p.display().to_string().replace('\\', "/")
}

#[test]
fn a_crate_outside_the_workspace_depends_on_them_by_version_and_runs_the_example() {
    let scratch = ScratchWorkspace::new("consumer");
    let root = workspace_root();
    let app = scratch.dir.join("app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    let patches: Vec<String> = PUBLISHED.iter().map(|(name, dir)| format!("{name} = {{ path = \"{}\" }}", toml_path(&root.join(dir)))).collect();
    std::fs::write(
        scratch.dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [\"app\"]\n\n[patch.crates-io]\n{}\n", patches.join("\n")),
    )
    .unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         tencentcloud-tat = \"0.1\"\ntencentcloud-runtime = \"0.1\"\ntencentcloud-emulator = \"0.1\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\nbase64 = \"0.22\"\n",
    )
    .unwrap();
    std::fs::copy(root.join("generated/tat/examples/run_shell_command.rs"), app.join("src/main.rs")).unwrap();
    std::fs::copy(root.join("Cargo.lock"), scratch.dir.join("Cargo.lock")).unwrap();

    // No keys anywhere: the example runs on the emulator it starts.
    let home = scratch.dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut run = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    for (key, _) in std::env::vars() {
        if key.starts_with("TENCENTCLOUD_") || key.starts_with("CARGO_PKG_") || key.starts_with("CARGO_MANIFEST_") || key.starts_with("CARGO_CRATE_") {
            run.env_remove(key);
        }
    }
    let output = run
        .current_dir(&scratch.dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("HOME", &home)
        .args(["run", "--quiet", "-p", "app", "--", "echo from a consumer"])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("running against a local TAT emulator") && stdout.contains("from a consumer"), "{stdout}");
    let lock = std::fs::read_to_string(scratch.dir.join("Cargo.lock")).unwrap();
    assert!(lock.contains("name = \"tencentcloud-tat\"\nversion = \"0.1."), "resolved by version");
}

#[test]
fn every_published_crate_packages() {
    let root = workspace_root();
    let mut package = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    package.current_dir(&root).args(["package", "--allow-dirty", "--no-verify", "--quiet"]);
    for (name, _) in PUBLISHED {
        package.args(["-p", name]);
    }
    let output = package.env("CARGO_TARGET_DIR", root.join("target")).output().expect("cargo runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for (name, dir) in PUBLISHED {
        let manifest = std::fs::read_to_string(root.join(dir).join("Cargo.toml")).unwrap();
        for key in ["license", "repository", "documentation", "readme", "keywords", "categories", "rust-version"] {
            assert!(manifest.lines().any(|l| l.starts_with(key)), "{name} has no `{key}`");
        }
        let version = manifest.lines().find_map(|l| l.strip_prefix("version = ")).map(|v| v.trim_matches('"').to_string()).expect("a version");
        assert!(root.join("target/package").join(format!("{name}-{version}.crate")).exists(), "{name} {version} packaged");
    }
}
