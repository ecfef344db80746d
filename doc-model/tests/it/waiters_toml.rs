//! `waiters.toml` beside the pages: TAT's two waiters read, and every mistake in one an
//! error at its line (values the page does not document, paths that go nowhere, TOML that
//! does not parse).

use doc_model::drops::load_service;
use doc_model::ir::waiters::{read_waiters, PathStep};
use std::path::Path;

const GOOD: &str = r#"[done]
action = "DescribeInvocations"
path = "InvocationSet[].InvocationStatus"
success = ["SUCCESS"]
failure = ["FAILED"]
retry = ["RUNNING"]
"#;

#[test]
fn tat_declares_its_two_waiters() {
    let service = load_service(Path::new("../specs/tat")).expect("TAT parses");
    let names: Vec<&str> = service.waiters.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["invocation_done", "invocation_tasks_done"]);
    assert_eq!(
        service.waiters[0].path,
        [
            PathStep {
                member: "InvocationSet".into(),
                each: true
            },
            PathStep {
                member: "InvocationStatus".into(),
                each: false
            },
        ]
    );
}

#[test]
fn every_mistake_is_an_error_at_its_line() {
    let service = load_service(Path::new("../specs/tat")).expect("TAT parses");
    assert!(read_waiters("w.toml", GOOD, &service).is_ok());
    let cases = [
        (
            GOOD.replace("[\"FAILED\"]", "[\"FAILED\", \"BROKEN\"]"),
            "w.toml:5",
            "`BROKEN` is not a documented value",
        ),
        (
            GOOD.replace("[\"RUNNING\"]", "[\"SUCCESS\"]"),
            "w.toml:6",
            "`SUCCESS` is listed twice",
        ),
        (
            GOOD.replace("DescribeInvocations\"", "DescribeNothing\""),
            "w.toml:2",
            "no action `DescribeNothing`",
        ),
        (
            GOOD.replace("InvocationSet[]", "InvocationSet"),
            "w.toml:3",
            "write `InvocationSet[]`",
        ),
        (
            GOOD.replace(".InvocationStatus", ".CommandId"),
            "w.toml:3",
            "no documented enumeration",
        ),
        (
            GOOD.replace(".InvocationStatus", ".Nope"),
            "w.toml:3",
            "no member `Nope`",
        ),
        (GOOD.replace("[done]", "[Done]"), "w.toml:1", "snake_case"),
        (
            GOOD.replace("retry =", "retries ="),
            "w.toml:",
            "unknown field `retries`",
        ),
        (
            GOOD.replace("success = [\"SUCCESS\"]", "success = [\"SUCCESS\""),
            "w.toml:",
            "",
        ),
    ];
    for (text, at, says) in cases {
        let errors = read_waiters("w.toml", &text, &service).expect_err(says);
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            shown.iter().any(|e| e.starts_with(at) && e.contains(says)),
            "{at} {says}: {shown:?}"
        );
    }
}
