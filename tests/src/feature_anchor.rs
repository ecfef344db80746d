//! The feature anchor of scratch workspaces: a crate that depends on every registry
//! package the project's own build compiles, at the same version and with the same
//! features (read from `cargo tree` of the project), as a normal dependency when the
//! project builds it for the target and as a build dependency when it builds it for the
//! host (build scripts, proc macros). A scratch workspace that has it as a member and builds
//! `--workspace` resolves its dependencies exactly as the project does, so cargo finds
//! them compiled in the shared `target/` and compiles only the scratch crates.

use crate::build_units::{self, Unit, Units};
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

/// The anchor's manifest, read once per test run.
fn manifest() -> &'static str {
    static MANIFEST: OnceLock<String> = OnceLock::new();
    MANIFEST.get_or_init(|| manifest_of(&build_units::of(&["--workspace"], "normal,build,dev")))
}

/// The anchor's manifest: every registry unit of `units` (path packages are built from
/// the scratch workspace's own members).
fn manifest_of(units: &Units) -> String {
    let line = |unit: &Unit, features: &[String]| {
        let key = format!("{}-{}", unit.name, unit.version.replace(['.', '+'], "_"));
        let features: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
        format!(
            "{key} = {{ package = {:?}, version = \"={}\", default-features = false, features = [{}] }}\n",
            unit.name,
            // Build metadata (`+spec-1.1.0`) is not part of a requirement.
            unit.version.split('+').next().unwrap_or_default(),
            features.join(", ")
        )
    };
    let mut target = String::new();
    let mut host = String::new();
    for (unit, features) in units.iter().filter(|(unit, _)| !unit.local) {
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

    fn unit(name: &str, host: bool, local: bool) -> Unit {
        Unit {
            name: name.into(),
            version: "1.0.0".into(),
            host,
            local,
        }
    }

    #[test]
    fn registry_units_are_anchored_for_target_and_host() {
        let units: Units = [
            (
                unit("tokio", false, false),
                vec!["macros".into(), "rt".into()],
            ),
            (unit("cc", true, false), vec![]),
            (unit("app", false, true), vec![]),
        ]
        .into_iter()
        .collect();
        let manifest = manifest_of(&units);
        let (target, build) = manifest.split_once("[build-dependencies]").unwrap();
        assert!(
            build.contains("cc-1_0_0 = { package = \"cc\", version = \"=1.0.0\""),
            "{manifest}"
        );
        assert!(
            target.contains("tokio-1_0_0 = { package = \"tokio\", version = \"=1.0.0\", default-features = false, features = [\"macros\", \"rt\"] }"),
            "{manifest}"
        );
        assert!(
            !manifest.contains("app-"),
            "path packages are the workspace's own"
        );
    }
}
