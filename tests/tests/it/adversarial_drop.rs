//! The project's own adversarial drop (`tests/adversarial/specs/`: actions named like the
//! client's own members, parameters named like the builder's, keywords, case twins, std
//! names, structures that contain themselves, odd enum values, control characters, broken,
//! GET-form and flattened examples, an idempotency token) plus a page of 2,000 required
//! parameters regenerates; the crate builds and every test it generates passes, among them
//! one that checks every documented enum value is accepted by `validate()`.

use std::path::Path;
use workspace_tests::{wide_page, workspace_root, ScratchWorkspace};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("directory");
    for entry in std::fs::read_dir(from).expect("readable").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copied");
    }
}

#[test]
fn the_adversarial_drop_regenerates_builds_and_passes_its_own_tests() {
    // Builds: both cores busy; nothing timed runs meanwhile.
    let _machine = workspace_tests::exclusive();
    let scratch = ScratchWorkspace::new("adversarial-drop");
    let specs = scratch.dir.join("specs");
    copy_dir(
        &workspace_root().join("tests/adversarial/specs/adversarial"),
        &specs.join("adversarial"),
    );
    std::fs::write(
        specs.join("adversarial/DescribeWide.txt"),
        wide_page("DescribeWide", 2000, 0).replace("wide.intl", "adversarial.intl"),
    )
    .expect("wide page");

    let crates = releases::tree::generate_all(&specs, "specs", &scratch.runtime_path())
        .unwrap_or_else(|e| panic!("the drop must regenerate:\n{e}"));
    let warnings = crates[0].warnings.join("\n");
    for expected in [
        // Names the generated API defines, and case twins, each renamed with a warning.
        "`Builder` in the client's actions would be named `builder` in Rust, which `Client` already defines; it is named `builder_2`",
        "`Send` in Builder's request would be named `send` in Rust, which the builder already defines; it is named `send_2`",
        "`AppID` in Builder's request would be named `app_id` in Rust, like `AppId`; it is named `app_id_2`",
        "`AppID` in structure Pair would be named `app_id` in Rust, like `AppId`; it is named `app_id_2`",
        "`FAST` in the values of enum Builder2Mode would be named `Fast` in Rust, like `fast`; it is named `Fast2`",
        "`InvalidParameter.AppId` in Builder's error codes would be named `InvalidParameterAppId` in Rust, like `InvalidParameter.AppID`",
        // Page mistakes, each at its line.
        "specs/adversarial/Builder.txt:25:72: control character U+0008",
        "specs/adversarial/Builder.txt:63:12: example request body is not valid JSON: EOF while parsing a string",
        "specs/adversarial/Builder.txt:111:1: example response is not valid JSON: expected `,` or `}`",
        "specs/adversarial/Execute.txt:60:1: example request body is not valid JSON: expected `,` or `}`; read after 1 repair(s)",
        "specs/adversarial/CreateThing.txt:10: `Settings` has type `ThingSettings`, but its description calls it `JSON-encoded string`; read as the structure",
    ] {
        assert!(warnings.contains(expected), "missing warning `{expected}` in:\n{warnings}");
    }
    let files = &crates[0].files;
    let types = &files
        .iter()
        .find(|f| f.path == "src/types.rs")
        .expect("types")
        .contents;
    assert!(
        types.contains("pub next: ::std::option::Option<::std::boxed::Box<crate::types::Node>>"),
        "a self-containing member is boxed"
    );
    assert!(
        types.contains("pub children: ::std::option::Option<::std::vec::Vec<crate::types::Node>>"),
        "a list needs no box"
    );
    let create = &files
        .iter()
        .find(|f| f.path == "src/operation/create_thing.rs")
        .expect("CreateThing")
        .contents;
    let spec: String = create
        .split("const SPEC")
        .nth(1)
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(
        spec,
        r#":ActionSpec=ActionSpec::non_idempotent("CreateThing").client_token("ClientToken")"#,
        "the token's member is in the action's spec"
    );
    assert!(
        create.contains("the call is safe to retry"),
        "and the member's doc says what the client does with it"
    );
    assert!(
        !create.contains("fn mode_raw") && create.contains(" match_options: into String;"),
        "an enumeration gets no encoding setter, a JSON-encoded string no enumeration"
    );
    let examples = &files
        .iter()
        .find(|f| f.path == "tests/it/doc_examples.rs")
        .expect("example tests")
        .contents;
    assert!(
        examples.contains("fn execute_2_example_1() {\n    let request = client()"),
        "the GET-form example is a test that runs"
    );
    assert!(
        examples.contains("fn execute_2_example_2() {\n    let request = client()"),
        "the flattened example is a test that runs"
    );

    // The manifest lists what the code uses: the runtime (serde and serde_json come through
    // it) without its default client, nothing for the example tests, which use the runtime
    // too; then the default client's feature, on by default, and the test doubles'.
    let manifest = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("manifest")
        .contents;
    let (dependencies, features) = manifest.split_once("\n[features]\n").expect("features");
    assert!(dependencies.ends_with(
        "[dependencies]\ntencentcloud-runtime = { path = \"../../../runtime\", version = \"0.1\", default-features = false }\n"
    ), "{manifest}");
    assert!(
        features.starts_with("default = [\"default-client\"]\n")
            && features.contains("\ndefault-client = [\"tencentcloud-runtime/default-client\"]\n")
            && features.ends_with("test-util = [\"tencentcloud-runtime/test-util\"]\n"),
        "{manifest}"
    );

    scratch.write(&crates);
    let output = scratch.cargo(&["test", "--quiet"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let passed: usize = stdout
        .lines()
        .filter_map(|l| {
            l.strip_prefix("test result: ok. ")?
                .split_once(" passed")?
                .0
                .parse::<usize>()
                .ok()
        })
        .sum();
    assert!(passed >= 10, "the generated tests ran: {stdout}");
}
