//! The house rules, checked over every hand-written Rust file (as rust-analyzer's
//! `xtask/src/tidy.rs` does): each module says what it is in a `//!` comment; a `TODO`
//! names the issue it waits for (`TODO(#19)`); rustfmt keeps its default width (100), and a
//! line may pass it only where rustfmt cannot break it (it holds a string literal);
//! functions outside tests stay within [`MAX_FUNCTION_LINES`].
//!
//! `cargo xtask tidy` prints what breaks a rule; the workspace's tests fail on it.

use crate::rust_files::rust_files;
use std::path::Path;

/// rustfmt's default `max_width`.
pub const MAX_WIDTH: usize = 100;
/// The longest a function outside tests may be, counted from `fn` to its closing brace.
pub const MAX_FUNCTION_LINES: usize = 80;

/// Crates whose files import each other in one direction only (no file-level circle).
const CIRCLE_FREE: [&str; 9] = [
    "rules/src",
    "signing/src",
    "doc-model/src",
    "runtime/src",
    "codegen/src",
    "releases/src",
    "emulator/src",
    "xtask/src",
    "tests/src",
];

/// Directories never checked: build output, emitted code, VCS data, local tool installs.
const SKIPPED_DIRS: [&str; 5] = ["target", "generated", ".git", ".ci", "node_modules"];

/// `cargo xtask tidy`: every broken rule, one per line; an error when there is any.
pub fn run(root: &Path) -> Result<(), String> {
    let problems = problems(root);
    if problems.is_empty() {
        println!("tidy: every hand-written Rust file keeps the house rules");
        return Ok(());
    }
    Err(format!(
        "{} house rule(s) broken:\n{}",
        problems.len(),
        problems.join("\n")
    ))
}

/// Every broken rule under `root`, as `file:line: what`.
pub fn problems(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    if let Ok(config) = std::fs::read_to_string(root.join("rustfmt.toml")) {
        problems.extend(rustfmt_config(&config).map(|p| format!("rustfmt.toml: {p}")));
    }
    for crate_src in CIRCLE_FREE {
        for (files, imports) in crate::import_cycles::import_cycles(&root.join(crate_src)) {
            problems.push(format!(
                "{crate_src}: files import each other in a circle ({}):\n    {}",
                files.join(", "),
                imports.join("\n    ")
            ));
        }
    }
    for file in rust_files(root, &SKIPPED_DIRS) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let shown = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let in_tests = is_test_file(&shown);
        let mut found = check_file(&text, in_tests);
        if shown.replace('\\', "/") != CHILD_CARGO {
            found.extend(cargo_started_elsewhere(&text));
        }
        problems.extend(found.into_iter().map(|p| format!("{shown}:{p}")));
    }
    problems
}

/// What a `rustfmt.toml` must not change: the width rustfmt formats to.
fn rustfmt_config(config: &str) -> Option<String> {
    config
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("max_width") || l.starts_with("use_small_heuristics"))
        .map(|l| format!("`{l}`: the house keeps rustfmt's default width ({MAX_WIDTH})"))
}

/// Test code (integration tests, benches, test modules in their own file) may hold long
/// tables and scenarios: the function length rule is for the code under test.
fn is_test_file(path: &str) -> bool {
    let path = path.replace('\\', "/");
    ["tests/", "benches/", "/tests/", "/benches/", "/ui/"]
        .iter()
        .any(|d| {
            if d.starts_with('/') {
                path.contains(d)
            } else {
                path.starts_with(d)
            }
        })
        || path.ends_with("/tests.rs")
}

/// The one place that starts cargo from a program cargo started (xtask, the tests).
const CHILD_CARGO: &str = "releases/src/child_cargo.rs";

/// Cargo started another way keeps the variables cargo set for the caller, and rebuilds
/// what watches them (see [`CHILD_CARGO`]). Split so this file does not match itself.
const CARGO_STARTS: [&str; 4] = [
    concat!("Command::new(", "\"cargo\")"),
    concat!("var(", "\"CARGO\")"),
    concat!("var_os(", "\"CARGO\")"),
    concat!("env!(", "\"CARGO\")"),
];

/// Lines that start cargo, or find it, other than through `releases::child_cargo`.
fn cargo_started_elsewhere(text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| CARGO_STARTS.iter().any(|start| line.contains(start)))
        .map(|(i, _)| {
            format!(
                "{}: cargo is started through `releases::child_cargo::command()`",
                i + 1
            )
        })
        .collect()
}

/// The rules broken in one file, as `line: what`.
fn check_file(text: &str, in_tests: bool) -> Vec<String> {
    let mut problems = Vec::new();
    if !text.starts_with("//!") {
        problems.push("1: a module opens with a `//!` comment that says what it is".to_string());
    }
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(p) = todo_without_issue(line) {
            problems.push(format!("{}: {p}", i + 1));
        }
        if line.chars().count() > MAX_WIDTH && !line.contains('"') {
            problems.push(format!("{}: longer than {MAX_WIDTH} characters", i + 1));
        }
    }
    if !in_tests {
        problems.extend(long_functions(&lines));
    }
    problems
}

/// A `TODO` (or `FIXME`) must name its issue: `TODO(#19)`. A word quoted (in backticks
/// or quotes) is a mention, not a marker.
fn todo_without_issue(line: &str) -> Option<String> {
    let comment = comment_of(line)?;
    for word in ["TODO", "FIXME"] {
        let mut rest = comment;
        while let Some(at) = rest.find(word) {
            let quoted = rest[..at].ends_with(['`', '"']);
            let after = &rest[at + word.len()..];
            if !quoted && !after.starts_with("(#") {
                return Some(format!("`{word}` without an issue: write `{word}(#N)`"));
            }
            rest = after;
        }
    }
    None
}

/// The comment a line ends with (after a `//` that is not inside a string literal).
fn comment_of(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let mut in_string = false;
    for i in 0..bytes.len() {
        match bytes[i] {
            b'"' if i == 0 || bytes[i - 1] != b'\\' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return Some(&line[i + 2..]),
            _ => {}
        }
    }
    None
}

/// Functions outside `#[cfg(test)]` modules longer than [`MAX_FUNCTION_LINES`]. The code is
/// rustfmt-formatted, so a function ends at the first `}` at its own indentation.
fn long_functions(lines: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let Some((indent, name)) = function_start(line) else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let closing = format!("{indent}}}");
        let end = lines[start..].iter().position(|l| *l == closing);
        if let Some(length) = end.map(|e| e + 1).filter(|n| *n > MAX_FUNCTION_LINES) {
            problems.push(format!(
                "{}: `{name}` is {length} lines; split it (at most {MAX_FUNCTION_LINES})",
                start + 1
            ));
        }
    }
    problems
}

/// The indentation and name of a line that starts a function item.
fn function_start(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let mut rest = trimmed;
    for qualifier in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(qualifier).unwrap_or(rest);
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    // `fn #name()` inside `quote!` is emitted code, not a function of this file.
    (end > 0).then_some((indent, &name[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_keeps_the_house_rules() {
        let problems = problems(&crate::paths::workspace_root());
        assert!(
            problems.is_empty(),
            "{} house rule(s) broken:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    #[test]
    fn a_module_without_its_comment_is_named() {
        assert_eq!(
            check_file("use std::fmt;\n", false),
            ["1: a module opens with a `//!` comment that says what it is"]
        );
        assert!(check_file("//! Does one thing.\nuse std::fmt;\n", false).is_empty());
    }

    #[test]
    fn cargo_is_started_through_its_one_owner() {
        let started = format!("//! m\nfn f() {{ {}.arg(\"test\"); }}\n", CARGO_STARTS[0]);
        assert_eq!(
            cargo_started_elsewhere(&started),
            ["2: cargo is started through `releases::child_cargo::command()`"]
        );
        let compiled_in = format!("fn f() {{ Command::new({}); }}\n", CARGO_STARTS[3]);
        assert_eq!(cargo_started_elsewhere(&compiled_in).len(), 1);
        assert!(cargo_started_elsewhere("fn f() { child_cargo::command(); }").is_empty());
    }

    #[test]
    fn todos_name_their_issue() {
        assert!(todo_without_issue("// TODO: later").is_some());
        assert!(todo_without_issue("// FIXME later").is_some());
        assert!(todo_without_issue("// TODO(#19): after the split").is_none());
        assert!(todo_without_issue("// TODO(#19) and TODO: more").is_some());
        assert!(todo_without_issue("//! a `TODO` names its issue").is_none());
        assert!(todo_without_issue("let s = \"// TODO: in a string\";").is_none());
        assert!(todo_without_issue("f(\"a\"); // TODO: after code").is_some());
    }

    #[test]
    fn long_lines_pass_only_when_rustfmt_cannot_break_them() {
        let code = format!("//! m\nfn f() {{ let x = {}; }}\n", "1 + ".repeat(30) + "1");
        assert_eq!(check_file(&code, false), ["2: longer than 100 characters"]);
        let literal = format!("//! m\nconst S: &str = \"{}\";\n", "x".repeat(120));
        assert!(check_file(&literal, false).is_empty());
    }

    #[test]
    fn long_functions_are_named_outside_tests_only() {
        let body = "    let _ = 1;\n".repeat(MAX_FUNCTION_LINES);
        let code = format!("//! m\npub fn long_one() {{\n{body}}}\nfn short() {{\n}}\n");
        assert_eq!(
            check_file(&code, false),
            ["2: `long_one` is 82 lines; split it (at most 80)"]
        );
        assert!(check_file(&code, true).is_empty());
        let in_test_module =
            format!("//! m\n#[cfg(test)]\nmod tests {{\n    fn long_one() {{\n{body}    }}\n}}\n");
        assert!(check_file(&in_test_module, false).is_empty());
    }

    #[test]
    fn rustfmt_keeps_its_default_width() {
        assert!(rustfmt_config("max_width = 160\n").is_some());
        assert!(rustfmt_config("use_small_heuristics = \"Max\"\n").is_some());
        assert!(rustfmt_config("edition = \"2021\"\n").is_none());
    }

    #[test]
    fn test_files_are_told_apart() {
        assert!(is_test_file("tests/it/main.rs"));
        assert!(is_test_file("emulator/tests/it/protocol.rs"));
        assert!(is_test_file("doc-model/src/ir/constraints/tests.rs"));
        assert!(!is_test_file("emulator/src/server.rs"));
    }
}
