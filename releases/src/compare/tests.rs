//! Each verdict over hand-built surfaces: a small service, one change at a time.

use super::diff;
use crate::change::Report;
use crate::class::Class;
use crate::version::Version;
use codegen::surface::{ActionSurface, ApiSurface, EnumSurface, Member, StructSurface, Variants};
use std::collections::BTreeMap;

fn member(rust: &str, ty: &str, optional: bool) -> Member {
    Member {
        rust: rust.into(),
        ty: ty.into(),
        optional,
        methods: Vec::new(),
        limits: String::new(),
        docs: "d0".into(),
    }
}

fn map<T>(items: Vec<(&str, T)>) -> BTreeMap<String, T> {
    items.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn variants(items: &[(&str, &str)]) -> Variants {
    items
        .iter()
        .map(|(w, v)| (w.to_string(), v.to_string()))
        .collect()
}

/// `CreateWidget` (required `Name`, optional `Size` and `Speed`), an answer-only structure
/// `Quota` (required `Used`, optional `Note`), a request structure `Tag`, an enum `Speed`.
fn base() -> ApiSurface {
    let create = ActionSurface {
        method: "create_widget".into(),
        idempotent: false,
        rate: Some(20),
        required: vec!["name".into()],
        validated: Vec::new(),
        request: map(vec![
            ("Name", member("name", "String", true)),
            ("Size", member("size", "i64", true)),
            ("Speed", member("speed", "enums::Speed", true)),
        ]),
        response: map(vec![
            ("WidgetId", member("widget_id", "String", true)),
            ("Quota", member("quota", "types::Quota", true)),
        ]),
        pages: false,
        errors: variants(&[("ResourceNotFound.Widget", "ResourceNotFoundWidget")]),
        docs: "a0".into(),
    };
    let quota = StructSurface {
        rust: "Quota".into(),
        members: map(vec![
            ("Used", member("used", "i64", false)),
            ("Note", member("note", "String", true)),
        ]),
        new: Some(vec!["used".into()]),
        traits: vec!["Deserialize".into()],
        docs: "s0".into(),
    };
    let tag = StructSurface {
        rust: "Tag".into(),
        members: map(vec![("Key", member("key", "String", true))]),
        new: None,
        traits: vec!["Default".into(), "Serialize".into()],
        docs: "t0".into(),
    };
    let speed = EnumSurface {
        values: variants(&[("FAST", "Fast"), ("SLOW", "Slow")]),
        docs: "e0".into(),
    };
    ApiSurface {
        crate_name: "tencentcloud-demo".into(),
        api_version: "2024-01-01".into(),
        actions: map(vec![("CreateWidget", create)]),
        structs: map(vec![("Quota", quota), ("Tag", tag)]),
        enums: map(vec![("Speed", speed)]),
        common_errors: variants(&[("InternalError", "InternalError")]),
        common_docs: "c0".into(),
        waiters: BTreeMap::new(),
        features: BTreeMap::from([("client".into(), true), ("test-util".into(), false)]),
    }
}

fn changed(change: impl FnOnce(&mut ApiSurface)) -> Report {
    let mut new = base();
    change(&mut new);
    diff(&base(), &new)
}

fn create(s: &mut ApiSurface) -> &mut ActionSurface {
    s.actions.get_mut("CreateWidget").unwrap()
}

fn speed(s: &mut ApiSurface) -> &mut Variants {
    &mut s.enums.get_mut("Speed").unwrap().values
}

fn quota(s: &mut ApiSurface) -> &mut StructSurface {
    s.structs.get_mut("Quota").unwrap()
}

/// The report's class, and that some change says `what`.
fn says(report: &Report, class: Class, what: &str) {
    assert_eq!(report.class(), Some(class), "{:#?}", report.changes);
    assert!(
        report.changes.iter().any(|c| c.what.contains(what)),
        "no change says {what:?}: {:#?}",
        report.changes
    );
}

#[test]
fn nothing_changed_is_no_change() {
    assert_eq!(diff(&base(), &base()).class(), None);
}

#[test]
fn a_required_parameter_becoming_optional_is_additive_and_back_breaking() {
    let optional = changed(|s| create(s).required.clear());
    says(&optional, Class::Additive, "`Name` becomes optional");
    let mut required = base();
    create(&mut required).required.clear();
    let back = diff(&required, &base());
    says(&back, Class::Breaking, "`Name` becomes required");
    let size = changed(|s| create(s).required.push("size".into()));
    says(&size, Class::Breaking, "`send()` needs `.size(…)`");
    let late = changed(|s| create(s).validated.push("size".into()));
    says(&late, Class::Breaking, "`Size` becomes required");
}

#[test]
fn a_required_parameter_added_breaks_and_an_optional_one_adds() {
    let required = changed(|s| {
        create(s)
            .request
            .insert("Color".into(), member("color", "String", true));
        create(s).required.push("color".into());
    });
    says(
        &required,
        Class::Breaking,
        "required request parameter `Color` added",
    );
    let optional = changed(|s| {
        create(s)
            .request
            .insert("Color".into(), member("color", "String", true));
    });
    says(
        &optional,
        Class::Additive,
        "request parameter `Color` added",
    );
}

#[test]
fn an_answer_member_that_stops_or_starts_being_an_option_breaks_readers() {
    let plain = changed(|s| {
        quota(s).members.get_mut("Note").unwrap().optional = false;
        quota(s).new = Some(vec!["used".into(), "note".into()]);
    });
    says(&plain, Class::Breaking, "is no longer an `Option`");
    let option = changed(|s| {
        quota(s).members.get_mut("Used").unwrap().optional = true;
        quota(s).new = None;
    });
    says(&option, Class::Breaking, "becomes `Option<i64>`");
    says(&option, Class::Breaking, "`new(used)` is gone");
}

#[test]
fn a_member_whose_type_changes_breaks() {
    let report = changed(|s| create(s).request.get_mut("Size").unwrap().ty = "String".into());
    says(&report, Class::Breaking, "type `i64` becomes `String`");
    let renamed = changed(|s| create(s).response.get_mut("WidgetId").unwrap().rust = "id".into());
    says(
        &renamed,
        Class::Breaking,
        "named `id` in Rust, was `widget_id`",
    );
}

#[test]
fn enum_values_added_are_additive_and_removed_break() {
    let added = changed(|s| {
        speed(s).insert("MEDIUM".into(), "Medium".into());
    });
    says(&added, Class::Additive, "value `MEDIUM` added");
    let removed = changed(|s| {
        speed(s).remove("SLOW");
    });
    says(&removed, Class::Breaking, "value `SLOW` removed");
    let renamed = changed(|s| {
        speed(s).insert("SLOW".into(), "Slow2".into());
    });
    says(&renamed, Class::Breaking, "is variant `Slow2`, was `Slow`");
    let gone = changed(|s| {
        s.enums.clear();
    });
    says(&gone, Class::Breaking, "enum removed");
}

#[test]
fn a_structure_gaining_a_member_adds_unless_new_then_takes_it() {
    let optional = changed(|s| {
        quota(s)
            .members
            .insert("Limit".into(), member("limit", "i64", true));
    });
    says(&optional, Class::Additive, "member `Limit` added");
    let required = changed(|s| {
        quota(s)
            .members
            .insert("Limit".into(), member("limit", "i64", false));
        quota(s).new = Some(vec!["used".into(), "limit".into()]);
    });
    says(&required, Class::Breaking, "required member `Limit` added");
    says(
        &required,
        Class::Breaking,
        "`new(used)` becomes `new(used, limit)`",
    );
}

#[test]
fn a_structure_losing_a_trait_breaks() {
    let report = changed(|s| {
        s.structs.get_mut("Tag").unwrap().traits.remove(0);
    });
    says(&report, Class::Breaking, "no longer implements `Default`");
    let added = changed(|s| quota(s).traits.push("Serialize".into()));
    says(&added, Class::Additive, "now implements `Serialize`");
}

#[test]
fn features_removed_or_taken_out_of_the_defaults_break_and_added_ones_add() {
    let removed = changed(|s| {
        s.features.remove("test-util");
    });
    says(&removed, Class::Breaking, "feature removed");
    let no_longer_default = changed(|s| {
        s.features.insert("client".into(), false);
    });
    says(
        &no_longer_default,
        Class::Breaking,
        "no longer on by default",
    );
    let added = changed(|s| {
        s.features.insert("tracing".into(), false);
    });
    says(&added, Class::Additive, "feature added");
    let added_on = changed(|s| {
        s.features.insert("tracing".into(), true);
    });
    says(&added_on, Class::Additive, "feature added (on by default)");
    let now_default = changed(|s| {
        s.features.insert("test-util".into(), true);
    });
    says(&now_default, Class::Additive, "now on by default");
}

#[test]
fn actions_removed_break_and_added_add() {
    let removed = changed(|s| s.actions.clear());
    says(&removed, Class::Breaking, "action removed");
    let mut without = base();
    without.actions.clear();
    says(&diff(&without, &base()), Class::Additive, "action added");
    let renamed = changed(|s| create(s).method = "make_widget".into());
    says(&renamed, Class::Breaking, "is renamed `make_widget`");
}

#[test]
fn error_codes_added_are_additive_and_removed_break() {
    let added = changed(|s| {
        create(s)
            .errors
            .insert("LimitExceeded".into(), "LimitExceeded".into());
    });
    says(&added, Class::Additive, "error code `LimitExceeded` added");
    let removed = changed(|s| create(s).errors.clear());
    says(
        &removed,
        Class::Breaking,
        "error code `ResourceNotFound.Widget` removed",
    );
    let common = changed(|s| {
        s.common_errors
            .insert("AuthFailure".into(), "AuthFailure".into());
    });
    says(&common, Class::Additive, "error code `AuthFailure` added");
}

#[test]
fn a_common_error_page_lost_is_one_breaking_change() {
    let report = changed(|s| s.common_errors.clear());
    assert_eq!(report.changes.len(), 1, "{:#?}", report.changes);
    says(&report, Class::Breaking, "all 1 common error codes removed");
}

#[test]
fn docs_only_are_documentation_and_run_time_checks_additive() {
    let docs = changed(|s| {
        create(s).docs = "a1".into();
        create(s).request.get_mut("Size").unwrap().docs = "d1".into();
        quota(s).docs = "s1".into();
    });
    says(&docs, Class::Documentation, "description changed");
    assert_eq!(docs.count(Class::Documentation), 3);
    let limits = changed(|s| create(s).request.get_mut("Size").unwrap().limits = "l1".into());
    says(&limits, Class::Additive, "documented limits change");
    let retries = changed(|s| create(s).idempotent = true);
    says(&retries, Class::Additive, "now retried after a failure");
    let rate = changed(|s| create(s).rate = Some(10));
    says(&rate, Class::Additive, "documented rate 20/s becomes 10/s");
}

#[test]
fn an_encoding_method_gone_breaks_and_one_added_adds() {
    let with = |s: &mut ApiSurface| {
        let name = create(s).request.get_mut("Name").unwrap();
        name.methods.push("name_raw".into());
    };
    let added = changed(with);
    says(&added, Class::Additive, "method `name_raw` added");
    let mut before = base();
    with(&mut before);
    says(
        &diff(&before, &base()),
        Class::Breaking,
        "method `name_raw` is gone",
    );
}

#[test]
fn the_api_version_changing_breaks_and_verdicts_pick_the_bump() {
    let report = changed(|s| s.api_version = "2025-01-01".into());
    says(
        &report,
        Class::Breaking,
        "API version 2024-01-01 becomes 2025-01-01",
    );
    assert!(report
        .summary(Version(0, 1, 1))
        .ends_with("breaking (0.1.1 → 0.2.0)"));
    let docs = changed(|s| create(s).docs = "a1".into());
    assert!(docs
        .summary(Version(0, 1, 1))
        .ends_with("documentation (0.1.1 → 0.1.2)"));
}

#[test]
fn breaking_changes_come_first() {
    let report = changed(|s| {
        create(s).docs = "a1".into();
        create(s).errors.clear();
        create(s).rate = None;
    });
    let classes: Vec<Class> = report.changes.iter().map(|c| c.class).collect();
    let mut sorted = classes.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(classes, sorted);
}
