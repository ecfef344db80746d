//! Actions without a modelled behaviour answer with their documented example: the one
//! whose request shares the most parameters with the call.

use doc_model::ir::{Action, Example};
use serde_json::{Map, Value};

/// The `Response` of an example that documents a success.
fn response_of(e: &Example) -> Option<Map<String, Value>> {
    e.response
        .get("Response")
        .and_then(Value::as_object)
        .filter(|r| !r.contains_key("Error"))
        .cloned()
}

/// Whether any example of the action documents a successful answer.
pub fn has_example_answer(action: &Action) -> bool {
    action.examples.iter().any(|e| response_of(e).is_some())
}

/// The best-matching documented answer, or `None` when the page documents none.
pub fn answer_from_examples(
    action: &Action,
    params: &Map<String, Value>,
) -> Option<Map<String, Value>> {
    let shared = |e: &doc_model::ir::Example| {
        e.request.as_object().map_or(0, |r| {
            r.iter().filter(|(k, v)| params.get(*k) == Some(v)).count()
        })
    };
    // Reversed so that, on a tie, the first documented example wins.
    let best = action
        .examples
        .iter()
        .filter(|e| response_of(e).is_some())
        .rev()
        .max_by_key(|e| shared(e));
    let mut fields = best.and_then(response_of)?;
    fields.remove("RequestId");
    Some(fields)
}
