//! The IR of the whole TAT drop: completeness, known page mistakes, snapshots.

use doc_model::drops::load_service;
use doc_model::ir::limit_report::limit_report;
use doc_model::ir::{Service, TypeRef};
use std::path::Path;

fn tat() -> Service {
    // Relative path: locations in the IR (and so in snapshots) stay machine-independent.
    load_service(Path::new("../specs/tat")).expect("the TAT drop parses")
}

#[test]
fn all_29_actions_and_every_structure_parse() {
    let service = tat();
    assert_eq!(service.service.name, "tat");
    assert_eq!(service.service.version, "2020-10-28");
    assert_eq!(service.service.domain, "tat.intl.tencentcloudapi.com");
    assert_eq!(service.actions.len(), 29);
    assert_eq!(service.types.len(), 18);
    for action in &service.actions {
        assert_eq!(action.rate_limit_per_second, Some(20), "{}", action.name);
        assert!(!action.description.is_empty(), "{}", action.name);
        assert!(!action.examples.is_empty(), "{}", action.name);
        assert!(!action.errors.is_empty(), "{}", action.name);
        assert!(
            action.response.iter().any(|f| f.request_id),
            "{} has RequestId",
            action.name
        );
        assert!(
            action.request.iter().all(|f| f.required.is_some()),
            "{}",
            action.name
        );
        let common: Vec<&str> = action
            .common_parameters
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(common, ["Action", "Version", "Region"], "{}", action.name);
        assert!(
            action.request.iter().all(|f| !f.name.ends_with(".N")),
            "{}",
            action.name
        );
    }
    assert!(service
        .common_errors
        .iter()
        .any(|e| e.code == "RequestLimitExceeded"));
    assert!(service
        .common_parameters
        .iter()
        .any(|p| p.name == "X-TC-Timestamp"));
}

#[test]
fn every_referenced_structure_is_defined() {
    let service = tat();
    let defined: Vec<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    let fields = service
        .actions
        .iter()
        .flat_map(|a| a.request.iter().chain(&a.response))
        .chain(service.types.iter().flat_map(|t| &t.fields));
    let mut references = 0;
    for f in fields {
        if let TypeRef::Struct { name } = f.ty.element() {
            references += 1;
            assert!(
                defined.contains(&name.as_str()),
                "{} references undefined {name}",
                f.name
            );
        }
    }
    assert!(references > 20);
}

#[test]
fn known_page_mistakes_are_reported_with_file_and_line() {
    let service = tat();
    let warnings: Vec<String> = service.warnings.iter().map(|w| w.to_string()).collect();
    assert!(service
        .actions
        .iter()
        .flat_map(|a| &a.examples)
        .all(|e| !e.request.is_null() && !e.response.is_null()));
    assert_eq!(
        warnings,
        vec![
            // Lost commas: repaired, so both examples still arrive as request/response pairs.
            "../specs/tat/DescribeRegions.txt:34:1: example response is not valid JSON: expected `,` or `}`; read after 7 repair(s): inserted a missing `,` at the end of the line (line 33); inserted a missing `,` at the end of the line (line 38); inserted a missing `,` at the end of the line (line 43); and 4 more",
            "../specs/tat/DescribeScenes.txt:39:1: example response is not valid JSON: expected `,` or `}`; read after 1 repair(s): inserted a missing `,` at the end of the line (line 38)",
        ]
    );
}

#[test]
fn limit_report_lists_only_what_is_not_a_checkable_limit() {
    let lines: Vec<String> = limit_report(&tat())
        .iter()
        .map(|l| format!("{}: {}: {}", l.location, l.field, l.sentence))
        .collect();
    assert_eq!(
        lines,
        vec![
            // Value meanings, not limits: any value is accepted.
            "../specs/tat/CreateRegisterCode.txt:13: CreateRegisterCode.EffectiveTime: -If the input value is less than or equal to 99999, the time is deemed valid in hours.",
            "../specs/tat/CreateRegisterCode.txt:13: CreateRegisterCode.EffectiveTime: -If the input value is more than 99999, it is set to permanently valid.",
            // A real page mistake: DescribeRegisterCodes has no Filters parameter.
            "../specs/tat/DescribeRegisterCodes.txt:10: DescribeRegisterCodes.RegisterCodeIds: Parameters must not be specified simultaneously RegisterCodeIds and Filters.",
        ]
    );
}

#[test]
fn snapshots_of_every_action_and_the_types() {
    let service = tat();
    for action in &service.actions {
        insta::assert_json_snapshot!(format!("action_{}", action.name), action);
    }
    insta::assert_json_snapshot!("types", service.types);
    insta::assert_json_snapshot!("service_info", service.service);
}

#[test]
fn the_model_reads_back_what_it_writes() {
    let service = tat();
    let json = serde_json::to_string(&service).unwrap();
    assert!(
        json.starts_with(&format!(
            "{{\"schema_version\":{}",
            doc_model::ir::SCHEMA_VERSION
        )),
        "{}",
        &json[..40]
    );
    let back: doc_model::ir::Service = serde_json::from_str(&json).expect("the model deserialises");
    // Everything but what the extraction read (`Field::covered`, the limit report's), which
    // the JSON form leaves out.
    let mut read = service;
    let fields = read
        .actions
        .iter_mut()
        .flat_map(|a| a.request.iter_mut().chain(a.response.iter_mut()))
        .chain(read.types.iter_mut().flat_map(|t| t.fields.iter_mut()));
    for field in fields {
        field.covered.clear();
    }
    assert_eq!(back, read);
}
