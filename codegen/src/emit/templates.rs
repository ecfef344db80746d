//! Non-Rust files of the generated crate, from askama templates in `codegen/templates/`.

use askama::Template;

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
    pub service_upper: &'a str,
    pub version: &'a str,
    pub runtime_path: &'a str,
    pub emulator_path: &'a str,
    pub has_examples: bool,
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
