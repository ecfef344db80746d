//! Non-Rust files of the generated crate, from askama templates in `codegen/templates/`.

use askama::Template;

/// The runtime (and emulator) versions generated crates accept; it follows
/// `runtime/Cargo.toml` (a test keeps them together).
pub const RUNTIME_REQUIREMENT: &str = "0.1";
/// The oldest Rust the generated crates build with; it follows the workspace's
/// `rust-version` (a test keeps them together, another checks the locked dependencies).
pub const RUST_VERSION: &str = "1.89";
/// Where the project lives, for the generated crates' metadata.
pub const REPOSITORY: &str = "https://github.com/tencentcloud-from-docs/tencentcloud-from-docs";

pub struct ActionRow {
    pub name: String,
    pub method: String,
    pub limit: String,
}

#[derive(Template)]
#[template(path = "Cargo.toml.txt", escape = "none")]
pub struct CargoToml<'a> {
    pub spec_dir: &'a str,
    pub crate_name: &'a str,
    pub crate_version: &'a str,
    /// Lower-case service name (`tat`).
    pub service: &'a str,
    pub service_upper: &'a str,
    pub version: &'a str,
    /// `[dependencies]` lines, derived from what `src/` uses.
    pub dependencies: Vec<String>,
    /// `[dev-dependencies]` lines, derived from what tests and examples use besides.
    pub dev_dependencies: Vec<String>,
    pub rust_version: &'a str,
    pub repository: &'a str,
    /// The maintainers' side table the package leaves out (`doc-locations.tsv`).
    pub side_table: &'a str,
    /// `"default-client"`: the quoted names of the features on by default.
    pub default_features: String,
    pub features: &'a [super::features::Feature],
}

#[derive(Template)]
#[template(path = "README.md.txt", escape = "none")]
pub struct Readme<'a> {
    pub spec_dir: &'a str,
    pub crate_name: &'a str,
    pub crate_ident: &'a str,
    pub service_upper: &'a str,
    pub version: &'a str,
    pub domain: &'a str,
    pub example_call: &'a str,
    pub actions: Vec<ActionRow>,
    /// Example program names (`run_shell_command`).
    pub examples: Vec<String>,
}

#[cfg(test)]
mod tests {
    /// The value of `key = "…"` in the manifest at `path` (relative to the workspace root).
    fn manifest_value(path: &str, key: &str) -> String {
        let manifest =
            std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let prefix = format!("{key} = ");
        manifest
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("{path} sets {key}"))
            .trim_matches('"')
            .to_string()
    }

    #[test]
    fn the_runtime_requirement_matches_the_runtime() {
        let version = manifest_value("runtime/Cargo.toml", "version");
        assert!(
            version.starts_with(&format!("{}.", super::RUNTIME_REQUIREMENT)),
            "runtime {version} vs generated requirement {}",
            super::RUNTIME_REQUIREMENT
        );
    }

    #[test]
    fn the_rust_version_matches_the_workspace() {
        assert_eq!(
            manifest_value("Cargo.toml", "rust-version"),
            super::RUST_VERSION
        );
    }
}
