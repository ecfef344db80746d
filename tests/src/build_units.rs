//! What a cargo build compiles: each package of a `cargo tree` selection with its
//! features, built for the target or for the host (cargo resolves features for each apart,
//! and a package built with other features is compiled again). The feature anchor copies
//! the project's; the build-reuse test compares xtask's with the tests'.

use crate::workspace::{cargo_command, stdout_of, workspace_root};
use std::collections::BTreeMap;

/// One package as a build compiles it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unit {
    pub name: String,
    pub version: String,
    /// Built for the host (a build script's or a proc macro's dependency).
    pub host: bool,
    /// A path package (the checkout's own), not one from the registry.
    pub local: bool,
}

/// Each unit with its features, sorted.
pub type Units = BTreeMap<Unit, Vec<String>>;

/// The units of `cargo tree <selection> -e <edges>` in the workspace.
pub fn of(selection: &[&str], edges: &str) -> Units {
    let tree = stdout_of(
        cargo_command()
            .current_dir(workspace_root())
            .args(["tree", "--quiet", "-e", edges, "-f", "{p}|{f}"])
            .args(selection),
    );
    parse(&String::from_utf8_lossy(&tree))
}

/// The units of a `cargo tree` printed with the default prefix in the `{p}|{f}` format.
fn parse(tree: &str) -> Units {
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
        let unit = Unit {
            name: name.into(),
            version: version.trim_start_matches('v').into(),
            host,
            local: package.contains("(/"),
        };
        let features = features.trim_end_matches("(*)").trim();
        let mut features: Vec<String> = features
            .split(',')
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        features.sort();
        units.insert(unit, features);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREE: &str = "\
app v0.1.0 (/w/app)|
├── tokio v1.2.3|rt,macros
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
        let units = parse(TREE);
        let find = |name: &str, host: bool| {
            units
                .iter()
                .find(|(u, _)| u.name == name && u.host == host)
                .map(|(_, f)| f.clone())
        };
        assert_eq!(
            find("tokio", false),
            Some(vec!["macros".to_string(), "rt".to_string()]),
            "features sorted"
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
        let app = units.keys().find(|u| u.name == "app").expect("app");
        assert!(app.local && !app.host, "{app:?}");
        assert!(units
            .keys()
            .filter(|u| u.name != "app" && u.name != "other")
            .all(|u| !u.local));
    }
}
