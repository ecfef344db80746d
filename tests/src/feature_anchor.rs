//! The feature anchor of scratch workspaces: a crate that depends on every registry
//! package the project's own build compiles, at the same version and with the same
//! features (read from `cargo tree` of the project), as a normal dependency when the
//! project builds it for the target and as a build dependency when it builds it for the
//! host (build scripts, proc macros). A scratch workspace that has it as a member and builds
//! `--workspace` resolves its dependencies exactly as the project does, so cargo finds
//! them compiled in the shared `target/` and compiles only the scratch crates.

use crate::workspace::{cargo_command, stdout_of, workspace_root};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// The anchor's directory in a scratch workspace.
pub const DIR: &str = "feature-anchor";

/// Writes the anchor crate into `dir`.
pub fn write(dir: &Path) {
    std::fs::create_dir_all(dir).expect("anchor directory");
    std::fs::write(dir.join("Cargo.toml"), manifest()).expect("anchor manifest");
    std::fs::write(
        dir.join("lib.rs"),
        "//! Resolves dependencies as the project does.\n",
    )
    .expect("anchor source");
}

/// One package as the project's build compiles it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    name: String,
    version: String,
    /// Built for the host (a build script's or a proc macro's dependency).
    host: bool,
}

/// The anchor's manifest, read once per test run.
fn manifest() -> &'static str {
    static MANIFEST: OnceLock<String> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        let tree = stdout_of(
            cargo_command()
                .current_dir(workspace_root())
                .args(["tree", "--workspace", "-e", "normal,build,dev"])
                .args(["-f", "{p}|{f}"]),
        );
        manifest_of(&units(&String::from_utf8_lossy(&tree)))
    })
}

/// Every registry package of a `cargo tree` (default prefix, `{p}|{f}` format), with its
/// features, and whether it is built for the host.
fn units(tree: &str) -> BTreeMap<Unit, Vec<String>> {
    let mut units = BTreeMap::new();
    // (prefix width, built for the host) of the lines above, nearest last.
    let mut stack: Vec<(usize, bool)> = Vec::new();
    for line in tree.lines() {
        let text = line.trim_start_matches(['│', '├', '└', '─', ' ']);
        if text.is_empty() {
            stack.clear();
            continue;
        }
        let width = line.chars().count() - text.chars().count();
        while stack.last().is_some_and(|(w, _)| *w >= width) {
            stack.pop();
        }
        let parent_host = stack.last().is_some_and(|(_, host)| *host);
        if text.starts_with('[') {
            stack.push((
                width,
                parent_host || text.starts_with("[build-dependencies]"),
            ));
            continue;
        }
        let Some((package, features)) = text.split_once('|') else {
            continue;
        };
        let host = parent_host || package.contains("(proc-macro)");
        stack.push((width, host));
        let mut words = package.split_whitespace();
        let (Some(name), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        if package.contains("(/") {
            continue; // a path package: built from the scratch workspace's own members.
        }
        let features = features.trim_end_matches("(*)").trim();
        let features = features
            .split(',')
            .filter(|f| !f.is_empty())
            .map(str::to_string);
        let unit = Unit {
            name: name.into(),
            version: version.trim_start_matches('v').into(),
            host,
        };
        units.insert(unit, features.collect());
    }
    units
}

fn manifest_of(units: &BTreeMap<Unit, Vec<String>>) -> String {
    let line = |unit: &Unit, features: &[String]| {
        let key = format!("{}-{}", unit.name, unit.version.replace(['.', '+'], "_"));
        let features: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
        format!(
            "{key} = {{ package = {:?}, version = \"={}\", default-features = false, features = [{}] }}\n",
            unit.name,
            unit.version,
            features.join(", ")
        )
    };
    let mut target = String::new();
    let mut host = String::new();
    for (unit, features) in units {
        let section = if unit.host { &mut host } else { &mut target };
        section.push_str(&line(unit, features));
    }
    format!(
        "[package]\nname = \"feature-anchor\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [lib]\npath = \"lib.rs\"\ntest = false\ndoctest = false\n\n\
         [dependencies]\n{target}\n[build-dependencies]\n{host}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREE: &str = "\
app v0.1.0 (/w/app)|
├── tokio v1.2.3|macros,rt
│   └── tokio-macros v2.0.0 (proc-macro)|
│       └── syn v2.0.1|full (*)
└── ring v0.17.0|default
    [build-dependencies]
    └── cc v1.0.0|

other v0.1.0 (/w/other)|
└── syn v2.0.1|parsing
";

    #[test]
    fn packages_are_read_with_their_features_for_target_and_host() {
        let units = units(TREE);
        let find = |name: &str, host: bool| {
            units
                .iter()
                .find(|(u, _)| u.name == name && u.host == host)
                .map(|(_, f)| f.clone())
        };
        assert_eq!(
            find("tokio", false),
            Some(vec!["macros".to_string(), "rt".to_string()])
        );
        assert_eq!(find("tokio-macros", true), Some(vec![]));
        assert_eq!(
            find("syn", true),
            Some(vec!["full".to_string()]),
            "under a proc macro"
        );
        assert_eq!(
            find("syn", false),
            Some(vec!["parsing".to_string()]),
            "a normal dependency"
        );
        assert_eq!(find("cc", true), Some(vec![]), "a build dependency");
        assert!(
            find("app", false).is_none(),
            "path packages are the workspace's own"
        );
        let manifest = manifest_of(&units);
        let build = manifest.split("[build-dependencies]").nth(1).unwrap();
        assert!(
            build.contains("cc-1_0_0 = { package = \"cc\", version = \"=1.0.0\""),
            "{manifest}"
        );
        assert!(
            manifest.contains("features = [\"macros\", \"rt\"]"),
            "{manifest}"
        );
    }
}
