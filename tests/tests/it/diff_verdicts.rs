//! `cargo xtask diff`'s verdicts checked by the compiler: for each kind of change, a small
//! caller written against the crate of the old drop must stop building against the crate
//! of the new drop exactly when the diff calls the change breaking. Callers chain builders
//! and never name their typestate parameters, as the generated README's promise asks.

use releases::{diff_services as diff, Class};
use std::path::Path;
use workspace_tests::ScratchWorkspace;

const CREATE: &str = "Domain name for API request: demo.intl.tencentcloudapi.com.
This API is used to create a widget.
| Parameter Name | Required | Type | Description |
|---|---|---|---|
| Action | Yes | String | Common Params. The value used for this API: CreateWidget. |
| Version | Yes | String | Common Params. The value used for this API: 2024-01-01. |
| Name | Yes | String | Name of the widget. Up to 60 characters are allowed. |
| Size | No | Integer | Size of the widget. |
| Speed | No | String | How fast it spins. Valid values: FAST, SLOW. |
| Parameter Name | Type | Description |
|---|---|---|
| WidgetId | String | ID of the widget. |
| Extra | String | Something extra. |
| Quota | Quota | The caller's widget quota. |
| RequestId | String | The unique request ID. |
| Error Code | Description |
|---|---|
| ResourceNotFound.Widget | The widget does not exist. |
";

const DESCRIBE: &str = "Domain name for API request: demo.intl.tencentcloudapi.com.
This API is used to count widgets.
| Parameter Name | Required | Type | Description |
|---|---|---|---|
| Action | Yes | String | Common Params. The value used for this API: DescribeWidgets. |
| Version | Yes | String | Common Params. The value used for this API: 2024-01-01. |
| Parameter Name | Type | Description |
|---|---|---|
| TotalCount | Integer | Number of widgets. |
| RequestId | String | The unique request ID. |
";

/// A structure only answers carry: its members' types are what callers read.
const TYPES: &str = "Quota
Widget quota.
Used by actions: CreateWidget.
| Name | Type | Required | Description |
|---|---|---|---|
| Used | Integer | No | Widgets made. |
| Total | Integer | Yes | Widgets allowed. |
";

const SEND: &str = "let _ = client.create_widget().name(\"a\").send().await;";

/// One kind of change: how the new drop differs, the caller, and the class expected.
struct Case {
    name: &'static str,
    change: fn(&mut Drop),
    caller: &'static str,
    expected: Class,
}

struct Drop {
    create: String,
    describe: Option<String>,
    types: String,
}

fn cases() -> Vec<Case> {
    vec![
        Case { name: "action removed", change: |d| d.describe = None, caller: "let _ = client.describe_widgets().send().await;", expected: Class::Breaking },
        Case {
            name: "parameter becomes required",
            change: |d| d.create = d.create.replace("| Size | No |", "| Size | Yes |"),
            caller: SEND,
            expected: Class::Breaking,
        },
        Case {
            name: "required parameter becomes optional",
            change: |d| d.create = d.create.replace("| Name | Yes |", "| Name | No |"),
            caller: SEND,
            expected: Class::Additive,
        },
        Case {
            name: "optional parameter added",
            change: |d| d.create = d.create.replace("| Size | No |", "| Color | No | String | Its colour. |\n| Size | No |"),
            caller: SEND,
            expected: Class::Additive,
        },
        Case {
            name: "required parameter added",
            change: |d| d.create = d.create.replace("| Size | No |", "| Color | Yes | String | Its colour. |\n| Size | No |"),
            caller: SEND,
            expected: Class::Breaking,
        },
        Case {
            name: "response member removed",
            change: |d| d.create = d.create.replace("| Extra | String | Something extra. |\n", ""),
            caller: "if let Ok(r) = client.create_widget().name(\"a\").send().await { let _ = r.extra; }",
            expected: Class::Breaking,
        },
        Case {
            name: "answer member becomes required",
            change: |d| d.types = d.types.replace("| Used | Integer | No |", "| Used | Integer | Yes |"),
            caller: "if let Ok(r) = client.create_widget().name(\"a\").send().await { if let Some(q) = r.quota { let _: Option<i64> = q.used; } }",
            expected: Class::Breaking,
        },
        Case {
            name: "answer member becomes optional",
            change: |d| d.types = d.types.replace("| Total | Integer | Yes |", "| Total | Integer | No |"),
            caller: "if let Ok(r) = client.create_widget().name(\"a\").send().await { if let Some(q) = r.quota { let _: i64 = q.total; } }",
            expected: Class::Breaking,
        },
        Case {
            name: "answer structure gains a member",
            change: |d| d.types = d.types.replace("| Total |", "| Spare | Integer | No | Widgets left. |\n| Total |"),
            caller: "if let Ok(r) = client.create_widget().name(\"a\").send().await { if let Some(q) = r.quota { let _: i64 = q.total; } }",
            expected: Class::Additive,
        },
        Case {
            name: "parameter type changed",
            change: |d| d.create = d.create.replace("| Size | No | Integer |", "| Size | No | String |"),
            caller: "let _ = client.create_widget().name(\"a\").size(3).send().await;",
            expected: Class::Breaking,
        },
        Case {
            name: "enum value removed",
            change: |d| d.create = d.create.replace("Valid values: FAST, SLOW.", "Valid values: FAST."),
            caller: "let _ = client.create_widget().name(\"a\").speed(tencentcloud_demo::enums::Speed::Slow).send().await;",
            expected: Class::Breaking,
        },
        Case {
            name: "enum value added",
            change: |d| d.create = d.create.replace("Valid values: FAST, SLOW.", "Valid values: FAST, SLOW, MEDIUM."),
            caller: "let _ = client.create_widget().name(\"a\").speed(tencentcloud_demo::enums::Speed::Slow).send().await;",
            expected: Class::Additive,
        },
        Case {
            name: "error code added",
            change: |d| {
                d.create = d.create.replace("| ResourceNotFound.Widget |", "| LimitExceeded.Widgets | Too many widgets. |\n| ResourceNotFound.Widget |")
            },
            caller: "if let Err(e) = client.create_widget().name(\"a\").send().await {
                if let Some(s) = e.as_service_error() {
                    use tencentcloud_demo::operation::create_widget::CreateWidgetErrorCode as Code;
                    match s.code { Code::ResourceNotFoundWidget => {}, _ => {} }
                }
            }",
            expected: Class::Additive,
        },
        Case {
            name: "error code removed",
            change: |d| {
                d.create = d.create.replace("| ResourceNotFound.Widget | The widget does not exist. |\n", "| LimitExceeded.Widgets | Too many widgets. |\n")
            },
            caller: "if let Err(e) = client.create_widget().name(\"a\").send().await {
                if let Some(s) = e.as_service_error() {
                    use tencentcloud_demo::operation::create_widget::CreateWidgetErrorCode as Code;
                    match s.code { Code::ResourceNotFoundWidget => {}, _ => {} }
                }
            }",
            expected: Class::Breaking,
        },
        Case {
            name: "limit changed",
            change: |d| d.create = d.create.replace("Up to 60 characters", "Up to 30 characters"),
            caller: SEND,
            expected: Class::Additive,
        },
        Case {
            name: "description changed",
            change: |d| d.create = d.create.replace("How fast it spins.", "How fast the widget spins."),
            caller: SEND,
            expected: Class::Documentation,
        },
    ]
}

fn write_drop(root: &Path, drop: &Drop) {
    let dir = root.join("demo");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("CreateWidget.txt"), &drop.create).unwrap();
    std::fs::write(dir.join("DataTypes.txt"), &drop.types).unwrap();
    if let Some(describe) = &drop.describe {
        std::fs::write(dir.join("DescribeWidgets.txt"), describe).unwrap();
    }
}

#[test]
fn breaking_verdicts_match_what_the_compiler_says() {
    // Builds: both cores busy; nothing timed runs meanwhile.
    let _machine = workspace_tests::exclusive();
    let scratch = ScratchWorkspace::new("diff-verdicts");
    let (old_specs, new_specs) = (scratch.dir.join("old-specs"), scratch.dir.join("new-specs"));
    let base = || Drop {
        create: CREATE.to_string(),
        describe: Some(DESCRIBE.to_string()),
        types: TYPES.to_string(),
    };
    write_drop(&old_specs, &base());
    let old_crates = releases::tree::generate_all(&old_specs, "specs", &scratch.runtime_path())
        .expect("the old drop generates");
    let old_model = doc_model::drops::load_service(&old_specs.join("demo")).unwrap();
    // Without doc examples the crate has no example tests, and its manifest says so.
    let files = &old_crates[0].files;
    let manifest = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents;
    assert!(!manifest.contains("[dev-dependencies]"), "{manifest}");
    assert!(
        !files.iter().any(|f| f.path == "tests/it/doc_examples.rs"),
        "no example tests"
    );

    // Every caller builds against the old crate, checked at once; then each new crate is
    // checked with its case's caller alone (one check of the crate per case, not two).
    let cases = cases();
    let bins = write_callers(&scratch.dir.join("caller"), &cases);
    scratch.write(&old_crates);
    add_caller_to_workspace(&scratch);
    let before = scratch.cargo(&["check", "--quiet", "--workspace"]);
    assert!(
        before.status.success(),
        "every caller must build against the old crate (case_NN is the NNth case):\n{}",
        String::from_utf8_lossy(&before.stderr)
    );
    let mut mismatches = Vec::new();
    for (case, bin) in cases.iter().zip(&bins) {
        let mut drop = base();
        (case.change)(&mut drop);
        write_drop(&new_specs, &drop);
        let new_model = doc_model::drops::load_service(&new_specs.join("demo")).unwrap();
        let report = diff(&old_model, &new_model);
        let class = report.class();
        assert_eq!(
            class,
            Some(case.expected),
            "{}: the diff says {class:?}:\n{:#?}",
            case.name,
            report.changes
        );

        let new_crates = releases::tree::generate_all(&new_specs, "specs", &scratch.runtime_path())
            .expect("the new drop generates");
        scratch.write(&new_crates);
        add_caller_to_workspace(&scratch);
        // `--workspace`, so the feature anchor's features count; only this case's caller.
        let after = scratch.cargo(&["check", "--quiet", "--workspace", "--bin", bin]);
        let broke = !after.status.success();
        if broke != (class == Some(Class::Breaking)) {
            mismatches.push(format!(
                "{}: diff says {class:?}, the caller {}:\n{}",
                case.name,
                if broke { "broke" } else { "still builds" },
                String::from_utf8_lossy(&after.stderr)
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

#[test]
fn error_code_changes_point_at_their_table_rows() {
    let scratch = ScratchWorkspace::new("diff-locations");
    let (old_specs, new_specs) = (scratch.dir.join("old-specs"), scratch.dir.join("new-specs"));
    let old = Drop {
        create: CREATE.to_string(),
        describe: Some(DESCRIBE.to_string()),
        types: TYPES.to_string(),
    };
    let new = Drop {
        create: CREATE.replace(
            "| ResourceNotFound.Widget | The widget does not exist. |",
            "| LimitExceeded.Widgets | Too many widgets. |",
        ),
        describe: old.describe.clone(),
        types: TYPES.to_string(),
    };
    write_drop(&old_specs, &old);
    write_drop(&new_specs, &new);
    let load = |dir: &Path| doc_model::drops::load_service(&dir.join("demo")).unwrap();
    let report = diff(&load(&old_specs), &load(&new_specs));
    let line_of = |page: &str, text: &str| {
        page.lines()
            .position(|l| l.contains(text))
            .expect("row on the page")
            + 1
    };
    let location = |what: &str| {
        report
            .changes
            .iter()
            .find(|c| c.what.contains(what))
            .map(|c| c.location.clone())
            .expect(what)
    };
    let added = location("`LimitExceeded.Widgets` added");
    assert!(
        added.ends_with(&format!(
            "CreateWidget.txt:{}",
            line_of(&new.create, "LimitExceeded.Widgets")
        )),
        "{added}"
    );
    let removed = location("`ResourceNotFound.Widget` removed");
    assert!(
        removed.starts_with("was ")
            && removed.ends_with(&format!(
                "CreateWidget.txt:{}",
                line_of(&old.create, "ResourceNotFound.Widget")
            )),
        "{removed}"
    );
}

#[test]
fn a_drop_without_its_common_page_is_one_change_not_one_per_code() {
    let scratch = ScratchWorkspace::new("diff-common");
    let (old_specs, new_specs) = (scratch.dir.join("old-specs"), scratch.dir.join("new-specs"));
    let drop = Drop {
        create: CREATE.to_string(),
        describe: Some(DESCRIBE.to_string()),
        types: TYPES.to_string(),
    };
    write_drop(&old_specs, &drop);
    write_drop(&new_specs, &drop);
    std::fs::create_dir_all(old_specs.join("common")).unwrap();
    let common = "Common Error Codes\n| Error Code | Description |\n|---|---|\n| InternalError | Internal error. |\n| LimitExceeded | Too many. |\n";
    std::fs::write(old_specs.join("common/CommonErrorCodes.txt"), common).unwrap();
    let load = |dir: &Path| doc_model::drops::load_service(&dir.join("demo")).unwrap();
    let (with_page, without_page) = (load(&old_specs), load(&new_specs));
    assert_eq!(with_page.common_errors.len(), 2);

    let lost = diff(&with_page, &without_page);
    assert_eq!(lost.changes.len(), 1, "{:#?}", lost.changes);
    assert_eq!(lost.class(), Some(Class::Breaking));
    assert!(
        lost.changes[0]
            .what
            .contains("all 2 common error codes removed"),
        "{}",
        lost.changes[0]
    );
    assert!(
        lost.changes[0].location.starts_with("was ")
            && lost.changes[0].location.ends_with("CommonErrorCodes.txt:4"),
        "{}",
        lost.changes[0]
    );
    let gained = diff(&without_page, &with_page);
    assert_eq!(
        (gained.changes.len(), gained.class()),
        (1, Some(Class::Additive)),
        "{:#?}",
        gained.changes
    );
}

/// A caller package with one binary per case (`case_NN`, the case's caller as the body of
/// an async function given the client); the binaries' names, in the cases' order.
fn write_callers(dir: &Path, cases: &[Case]) -> Vec<String> {
    std::fs::create_dir_all(dir.join("src/bin")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"caller\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ntencentcloud-demo = { path = \"../demo\" }\n",
    )
    .unwrap();
    let mut bins = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let bin = format!("case_{n:02}");
        let source = format!("#![allow(unused, clippy::all)]\n// {}\nasync fn caller(client: tencentcloud_demo::Client) {{\n{}\n}}\nfn main() {{}}\n", case.name, case.caller);
        std::fs::write(dir.join("src/bin").join(format!("{bin}.rs")), source).unwrap();
        bins.push(bin);
    }
    bins
}

/// The scratch manifest names the generated crate; the caller joins it.
fn add_caller_to_workspace(scratch: &ScratchWorkspace) {
    scratch.manifest(&["demo", "caller"], "");
}
