//! `cargo xtask …` resolves features for xtask alone; when a package it builds has fewer
//! features there than in the tests' build (`cargo test --workspace`), cargo compiles it
//! twice. xtask's manifest asks for the tests' features; this test names any package that
//! drifts, with the features to add.

use std::collections::BTreeSet;
use workspace_tests::{cargo_command, stdout_of, workspace_root};

/// `name version [features]` of every package a `cargo tree` selection builds, paths left
/// out (they are the checkout's either way).
fn packages(selection: &[&str], edges: &str) -> BTreeSet<String> {
    let tree = stdout_of(
        cargo_command()
            .current_dir(workspace_root())
            .args(["tree", "--quiet", "--prefix", "none", "-e", edges])
            .args(["-f", "{p} [{f}]"])
            .args(selection),
    );
    String::from_utf8_lossy(&tree)
        .lines()
        .map(|line| {
            let line = line.trim_end_matches(" (*)");
            match (line.find(" ("), line.rfind(") [")) {
                (Some(start), Some(end)) => format!("{}{}", &line[..start], &line[end + 1..]),
                _ => line.to_string(),
            }
        })
        .collect()
}

#[test]
fn xtask_builds_its_packages_with_the_features_the_tests_build_them_with() {
    let tests = packages(&["--workspace"], "normal,build,dev");
    let xtask = packages(&["-p", "xtask"], "normal,build");
    let drifted: Vec<&String> = xtask.difference(&tests).collect();
    assert!(
        drifted.is_empty(),
        "xtask builds these with other features than the tests do (add the tests' features \
         to xtask/Cargo.toml):\n{drifted:#?}\nthe tests' build:\n{tests:#?}"
    );
}
