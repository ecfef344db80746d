//! Actions without a modelled behaviour answer with their documented example: the one
//! whose request shares the most parameters with the call.

use doc_model::ir::Action;
use serde_json::{Map, Value};

pub fn answer_from_examples(action: &Action, params: &Map<String, Value>) -> Map<String, Value> {
    let response_of = |e: &doc_model::ir::Example| e.response.get("Response").and_then(Value::as_object).filter(|r| !r.contains_key("Error")).cloned();
    let shared = |e: &doc_model::ir::Example| e.request.as_object().map_or(0, |r| r.iter().filter(|(k, v)| params.get(*k) == Some(v)).count());
    // Reversed so that, on a tie, the first documented example wins.
    let best = action.examples.iter().filter(|e| response_of(e).is_some()).rev().max_by_key(|e| shared(e));
    let mut fields = best.and_then(response_of).unwrap_or_default();
    fields.remove("RequestId");
    fields
}
