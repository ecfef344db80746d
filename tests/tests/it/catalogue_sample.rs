//! A fixed sample of twelve practice services, chosen for the faults whole catalogues found,
//! regenerates and compiles with its tests (`cargo check --tests`, in the project's
//! `target/` through the scratch workspace's feature anchor): `waf` (an encoding beside an
//! enumeration, a JSON-serialised string), `clb` of Tencent's Chinese pages (three of them
//! Japanese), JSON-encoded strings and structures called Base64 (`tbaas`, `vclm`,
//! `facefusion`), lists of values with Chinese meanings and numeric values (`aiart`,
//! `cloudaudit`), lengths of each item of a list (`alb`), and the published layouts of
//! 2019–2021 (`cbs`, `organization`, `kms`, `region`). The whole catalogues are
//! `cargo xtask catalogue DIR --compile`'s job (README).
//!
//! The corpora are `../shared/specs` beside the project (or `PRACTICE_SPECS`).

use std::path::PathBuf;
use workspace_tests::{workspace_root, ScratchWorkspace};

/// `(corpus, service)`: service names are unique across the sample (one crate each).
const SAMPLE: [(&str, &str); 12] = [
    ("catalogue-zh", "waf"),
    ("published/zh", "clb"),
    ("catalogue-zh", "tbaas"),
    ("catalogue-zh", "vclm"),
    ("catalogue-zh", "facefusion"),
    ("catalogue-zh", "aiart"),
    ("catalogue-zh", "cloudaudit"),
    ("catalogue-zh", "alb"),
    ("published/en", "cbs"),
    ("published/en", "organization"),
    ("published/zh", "kms"),
    ("catalogue", "region"),
];

fn practice_specs() -> PathBuf {
    std::env::var_os("PRACTICE_SPECS")
        .map_or_else(|| workspace_root().join("../shared/specs"), PathBuf::from)
}

#[test]
fn a_sample_of_practice_services_compiles_with_its_tests() {
    let specs = practice_specs();
    assert!(
        specs.join("catalogue-zh").is_dir(),
        "the practice corpora are missing at {} (set PRACTICE_SPECS)",
        specs.display()
    );
    let scratch = ScratchWorkspace::new("catalogue-sample");
    let crates: Vec<releases::tree::GeneratedCrate> = SAMPLE
        .iter()
        .map(|(corpus, service)| {
            releases::tree::generate_service(
                &specs.join(corpus),
                service,
                &format!("practice/{corpus}"),
                &scratch.runtime_path(),
            )
            .unwrap_or_else(|e| panic!("{corpus}/{service} must regenerate:\n{e}"))
        })
        .collect();
    // Nothing with an action's marks is lost: all of clb's pages are actions, Japanese too.
    let clb = &crates[1];
    assert_eq!(
        clb.actions, 24,
        "clb's 21 Chinese and 3 Japanese action pages"
    );
    assert!(
        clb.files
            .iter()
            .any(|f| f.path == "src/operation/describe_classical_lb_health_status.rs"),
        "the Japanese DescribeClassicalLBHealthStatus is an action"
    );
    let waf = &crates[0].files;
    let upsert = waf
        .iter()
        .find(|f| f.path == "src/operation/upsert_cc_rule.rs")
        .expect("UpsertCCRule");
    assert!(
        upsert.contents.contains(" options_arr: into String;")
            && !upsert.contents.contains("fn options_arr_raw("),
        "a JSON-serialised string is set as a string, not Base64-encoded"
    );

    // Builds: both cores busy; nothing timed runs meanwhile.
    let _machine = workspace_tests::exclusive();
    scratch.write(&crates);
    let output = scratch.cargo(&["check", "--quiet", "--workspace", "--tests"]);
    assert!(
        output.status.success(),
        "the sample must compile with its tests:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
