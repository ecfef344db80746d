//! Nothing in the generator is about TAT: another service's pages give another crate.

use codegen::drops::read_page;
use codegen::emit::{crate_name, emit_crate, EmitOptions, ExampleProgram};
use codegen::ir::build_service;

const PAGE: &str = "Domain name for API request: demo.intl.tencentcloudapi.com.
This API is used to list widgets.
A maximum of 5 requests can be initiated per second for this API.
| Parameter Name | Required | Type | Description |
|---|---|---|---|
| Action | Yes | String | Common Params. The value used for this API: ListWidgets. |
| Version | Yes | String | Common Params. The value used for this API: 2023-03-03. |
| Region | No | String | Common Params. For more information, please see the list of regions supported by the product. |
| Kind | Yes | String | Widget kind. Valid values: ROUND, SQUARE. |
| Tags.N | No | Array of Tag | Tags. A maximum of 3 tags are allowed. |
| Limit | No | Integer | Number of results. Default value: 20. Maximum value: 50. |
| Offset | No | Integer | Offset. Default value: 0. |
| Parameter Name | Type | Description |
|---|---|---|
| TotalCount | Integer | Total. |
| WidgetSet | Array of Tag | Widgets. |
| RequestId | String | The unique request ID. |
POST / HTTP/1.1
Host: demo.intl.tencentcloudapi.com
<Common request parameters>
{
\"Kind\": \"ROUND\"
}
{
\"Response\": {
\"RequestId\": \"r\",
\"TotalCount\": 0,
\"WidgetSet\": []
}
}
| Error Code | Description |
|---|---|
| ResourceNotFound.Widget | No such widget. |
";

const TYPES: &str = "Tag
A tag.
Used by actions: ListWidgets.
| Name | Type | Required | Description |
|---|---|---|---|
| Key | String | Yes | Key. Up to 8 characters are allowed. |
| Value | String | No | Value. |
";

#[test]
fn another_service_gets_its_own_crate() {
    let pages = vec![read_page("specs/demo/ListWidgets.txt", PAGE.as_bytes()).unwrap(), read_page("specs/demo/DataTypes.txt", TYPES.as_bytes()).unwrap()];
    let service = build_service(&pages, &[]).unwrap();
    assert_eq!(crate_name(&service), "tencentcloud-demo");
    let files = emit_crate(&service, &EmitOptions { spec_dir: "specs/demo".into(), runtime_path: "../../runtime".into(), ..Default::default() }).unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"src/operation/list_widgets.rs"), "{paths:?}");
    let op = &files.iter().find(|f| f.path == "src/operation/list_widgets.rs").unwrap().contents;
    assert!(op.contains("pub fn into_pages"), "Offset/Limit/TotalCount give a paginator");
    assert!(op.contains("rate_limit_per_second: ::std::option::Option::Some(5u32)"));
    let cargo = &files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents;
    assert!(cargo.contains("name = \"tencentcloud-demo\""));
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(!all.contains("tat.intl") && !all.contains("\"tat\""), "no TAT leaks into another service");
}

#[test]
fn generator_code_names_no_tat_action_or_service() {
    let actions: Vec<String> = std::fs::read_dir("../specs/tat")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.path().file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|s| s != "DataTypes")
        .collect();
    let mut stack = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.file_name().is_some_and(|n| n == "tests.rs") {
                continue; // unit-test tables quote real TAT phrases on purpose
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let code_only: Vec<&str> = text
                .lines()
                .take_while(|l| !l.starts_with("#[cfg(test)]"))
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            for line in code_only {
                for a in &actions {
                    assert!(!line.contains(a.as_str()), "{}: names the TAT action {a}: {line}", p.display());
                }
                assert!(!line.contains("\"tat\"") && !line.contains("tat."), "{}: names the TAT service: {line}", p.display());
            }
        }
    }
}

#[test]
fn example_programs_are_copied_with_the_emulator_as_dev_dependency() {
    let pages = vec![read_page("specs/demo/ListWidgets.txt", PAGE.as_bytes()).unwrap(), read_page("specs/demo/DataTypes.txt", TYPES.as_bytes()).unwrap()];
    let service = build_service(&pages, &[]).unwrap();
    let base = EmitOptions { spec_dir: "specs/demo".into(), runtime_path: "../../runtime".into(), emulator_path: "../../emulator".into(), examples: vec![] };
    let plain = emit_crate(&service, &base).unwrap();
    let cargo = |files: &[codegen::emit::GeneratedFile]| files.iter().find(|f| f.path == "Cargo.toml").unwrap().contents.clone();
    assert!(!cargo(&plain).contains("tencentcloud-emulator"), "no examples, no emulator dependency");

    let source = "//! Lists widgets.\nfn main() {\n    // keep comments\n}\n";
    let with = EmitOptions { examples: vec![ExampleProgram { file_name: "list.rs".into(), source: source.into() }], ..base.clone() };
    let files = emit_crate(&service, &with).unwrap();
    let example = files.iter().find(|f| f.path == "examples/list.rs").expect("copied");
    assert_eq!(example.contents, format!("// @generated by `cargo xtask regen`: copied from specs/demo/examples/list.rs. Edit it there.\n{source}"));
    assert!(cargo(&files).contains("tencentcloud-emulator = { path = \"../../emulator\" }"));
    let readme = &files.iter().find(|f| f.path == "README.md").unwrap().contents;
    assert!(readme.contains("cargo run -p tencentcloud-demo --example list"), "{readme}");

    let broken = EmitOptions { examples: vec![ExampleProgram { file_name: "broken.rs".into(), source: "fn main( {".into() }], ..base };
    let err = emit_crate(&service, &broken).unwrap_err().to_string();
    assert!(err.starts_with("specs/demo/examples/broken.rs does not parse as Rust"), "{err}");
}
