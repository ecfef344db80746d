//! The `rust-version` the published crates declare holds for what they are built with:
//! no dependency they pull in (normal or build, as locked) asks for a newer Rust.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use workspace_tests::{cargo_command, stdout_of, workspace_root, PUBLISHED};

/// "1.89" or "1.88.0" as comparable numbers.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| {
        p.parse::<u64>()
            .unwrap_or_else(|_| panic!("rust-version `{text}`"))
    });
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_the_crates_declare() {
    let metadata = stdout_of(cargo_command().current_dir(workspace_root()).args([
        "metadata",
        "--format-version",
        "1",
        "--locked",
        "--quiet",
    ]));
    let metadata: Value = serde_json::from_slice(&metadata).expect("cargo metadata is JSON");
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();

    let mut reached = BTreeSet::new();
    let mut pending: Vec<&str> = packages
        .iter()
        .filter(|(_, p)| PUBLISHED.iter().any(|(name, _)| p["name"] == *name))
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(pending.len(), PUBLISHED.len());
    let declared: Vec<(String, String)> = pending
        .iter()
        .map(|id| {
            (
                packages[id]["name"].to_string(),
                packages[id]["rust_version"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    let floor = &declared[0].1;
    assert!(
        declared.iter().all(|(_, v)| v == floor && !v.is_empty()),
        "the published crates declare one rust-version: {declared:?}"
    );
    while let Some(id) = pending.pop() {
        if !reached.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let used_when_built = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if used_when_built {
                pending.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    let too_new: Vec<String> = reached
        .iter()
        .filter_map(|id| {
            let p = packages[id];
            let needs = p["rust_version"].as_str()?;
            (version(needs) > version(floor)).then(|| {
                format!(
                    "{} {} needs {needs}",
                    p["name"].as_str().unwrap(),
                    p["version"].as_str().unwrap()
                )
            })
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "the crates declare rust-version {floor}, but:\n{}",
        too_new.join("\n")
    );
    assert!(
        reached.len() > 50,
        "the walk reached the dependency tree ({} packages)",
        reached.len()
    );
}
