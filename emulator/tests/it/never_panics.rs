//! Any JSON at all, for any action, gets an answer: the IR-driven checks never panic.

use doc_model::ir::{Field, TypeRef};
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::sync::OnceLock;
use tencentcloud_emulator::validate::check_request;
use tencentcloud_emulator::ServiceModel;

fn service_model() -> &'static ServiceModel {
    static CATALOG: OnceLock<ServiceModel> = OnceLock::new();
    CATALOG.get_or_init(|| {
        ServiceModel::load(&tencentcloud_emulator::services::tat::specs_dir())
            .expect("specs/tat loads")
    })
}

fn actions() -> &'static [doc_model::ir::Action] {
    &service_model().service.actions
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,80}".prop_map(Value::from),
        // JSON-ish text, for JSON-encoded string parameters.
        prop::collection::btree_map("[a-z-]{0,8}", "\\PC{0,8}", 0..4)
            .prop_map(|m| Value::from(serde_json::to_string(&m).unwrap_or_default())),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[A-Za-z]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Values near the documented shape: the field's names with random contents.
fn near(fields: &'static [Field]) -> impl Strategy<Value = Value> {
    prop::collection::vec((0..fields.len().max(1), any_json()), 0..8).prop_map(move |pairs| {
        let mut m = Map::new();
        for (i, v) in pairs {
            if let Some(f) = fields.get(i) {
                let v = match (&f.ty, v) {
                    (TypeRef::Array { .. }, Value::Array(a)) => Value::Array(a),
                    (TypeRef::Array { .. }, other) => Value::Array(vec![other]),
                    (_, other) => other,
                };
                m.insert(f.name.clone(), v);
            }
        }
        Value::Object(m)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bodies(action in 0..29usize, body in any_json()) {
        let actions = &service_model().service.actions;
        let a = &actions[action % actions.len()];
        let _ = check_request(service_model(), a, &body);
    }

    #[test]
    fn bodies_shaped_like_the_docs(
        (action, body) in (0..actions().len())
            .prop_flat_map(|i| (Just(i), near(&actions()[i].request)))
    ) {
        let _ = check_request(service_model(), &actions()[action], &body);
    }
}
