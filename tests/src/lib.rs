//! Workspace-level tests live in `tests/it/`. This library holds what several of them
//! share: a doc page of any width, a scratch workspace that builds generated crates with
//! the project's own runtime and compiled dependencies, and a lock for tests that must not
//! run beside a build.

pub mod bench_figures;
pub mod build_units;
mod feature_anchor;
pub mod real_agent;
mod scratch;
pub mod simulated_agent;
pub mod tat_bed;
mod workspace;

pub use scratch::ScratchWorkspace;
pub use workspace::{cargo_command, stdout_of, workspace_root};

use std::path::PathBuf;
use std::process::Command;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The crates users depend on (package name, directory), in dependency order.
pub const PUBLISHED: [(&str, &str); 6] = [
    ("tencentcloud-rules", "rules"),
    ("tencentcloud-signing", "signing"),
    ("tencentcloud-doc-model", "doc-model"),
    ("tencentcloud-runtime", "runtime"),
    ("tencentcloud-emulator", "emulator"),
    ("tencentcloud-tat", "generated/tat"),
];

/// An action page with `required` required parameters and `optional` optional ones
/// (strings and integers, each with a documented length or range), and an example that
/// sets every required one.
pub fn wide_page(action: &str, required: usize, optional: usize) -> String {
    let mut rows = String::new();
    let mut body = Vec::new();
    for i in 0..required + optional {
        let name = format!("Param{i:04}");
        let is_required = i < required;
        let (ty, limit, value) = if i % 3 == 0 {
            ("Integer", "Value range: [0, 1000000].", i.to_string())
        } else {
            (
                "String",
                "Up to 64 characters are allowed.",
                "\"v\"".to_string(),
            )
        };
        rows.push_str(&format!(
            "| {name} | {} | {ty} | Parameter {i}. {limit} |\n",
            if is_required { "Yes" } else { "No" }
        ));
        if is_required {
            body.push(format!("\"{name}\": {value}"));
        }
    }
    format!(
        "Domain name for API request: wide.intl.tencentcloudapi.com.\n\
         This API takes {required} required parameters.\n\
         | Parameter Name | Required | Type | Description |\n|---|---|---|---|\n\
         | Action | Yes | String | Common Params. The value used for this API: {action}. |\n\
         | Version | Yes | String | Common Params. The value used for this API: 2024-01-01. |\n\
         {rows}\
         | Parameter Name | Type | Description |\n|---|---|---|\n\
         | RequestId | String | The unique request ID. |\n\
         POST / HTTP/1.1\nHost: wide.intl.tencentcloudapi.com\n\
         Content-Type: application/json\nX-TC-Action: {action}\n<Common request parameters>\n\
         {{\n{}\n}}\n{{\n\"Response\": {{\n\"RequestId\": \"r\"\n}}\n}}\n",
        body.join(",\n")
    )
}

/// Tencent's official Python SDK of TAT, pinned; `.ci/run` installs it into `.ci/python`.
pub const PYTHON_SDK: &str = "tencentcloud-sdk-python-tat==3.1.106";

/// The Python SDK's directory, installed on first use; `None` without Python (outside CI
/// only: under `CI` a failed install fails the test).
pub fn python_sdk() -> Option<PathBuf> {
    let dir = workspace_root().join(".ci/python");
    if dir.join("tencentcloud/tat").is_dir() {
        return Some(dir);
    }
    let installed = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
        ])
        .arg(&dir)
        .arg(PYTHON_SDK)
        .status();
    match installed {
        Ok(status) if status.success() => Some(dir),
        other if std::env::var_os("CI").is_some() => {
            panic!("installing {PYTHON_SDK} failed: {other:?}")
        }
        other => {
            eprintln!(
                "skipped: {PYTHON_SDK} could not be installed ({other:?}); .ci/run installs it"
            );
            None
        }
    }
}

/// The machine: a build takes all of it, tests that measure time share it.
static MACHINE: RwLock<()> = RwLock::new(());

/// Held by tests that keep both cores busy (builds in scratch workspaces, the agent's build
/// when it is missing, fifty agents at once) and by tests that measure memory, so nothing
/// runs beside them that [`timed`] keeps out; other tests run in parallel with either.
/// Tencent's agents themselves are idle between tasks: their tests run beside builds.
pub fn exclusive() -> Exclusive {
    // A test that failed while holding it leaves nothing to clean up.
    Exclusive(
        MACHINE
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    )
}

/// The machine to oneself, until dropped (held for a whole test, across its awaits: each
/// test runs on its own thread and runtime, and none takes it twice).
pub struct Exclusive(#[allow(dead_code)] RwLockWriteGuard<'static, ()>);

/// Held by tests whose checks are times (a timeout fires, a rate is kept, keys are
/// refreshed in time): never beside a build, but beside each other, as they mostly wait.
pub fn timed() -> Timed {
    Timed(
        MACHINE
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    )
}

/// No build runs until dropped.
pub struct Timed(#[allow(dead_code)] RwLockReadGuard<'static, ()>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_page_reads_into_the_ir_it_describes() {
        let page = doc_model::drops::read_page("Wide.txt", wide_page("DoWide", 5, 3).as_bytes())
            .expect("page");
        let service = doc_model::ir::build_service(&[page], &[]).expect("service");
        let action = &service.actions[0];
        assert_eq!(action.request.len(), 8);
        assert_eq!(
            action
                .request
                .iter()
                .filter(|f| f.required == Some(true))
                .count(),
            5
        );
        assert_eq!(
            action.examples[0].request.as_object().map(|o| o.len()),
            Some(5)
        );
        assert!(service.warnings.is_empty(), "{:?}", service.warnings);
    }
}
