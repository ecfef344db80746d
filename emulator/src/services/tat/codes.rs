//! Which documented code answers a problem: the code the action's page documents for it,
//! else the family's common code, so the typed client always has a variant for what the
//! emulator answers.

use doc_model::ir::Action;

/// Whether the action's page documents `code`.
pub fn documents(action: &Action, code: &str) -> bool {
    action.errors.iter().any(|e| e.code == code)
}

/// `code` when the action's page documents it, else `fallback` (a common code).
pub fn documented(action: &Action, code: &str, fallback: &str) -> String {
    first_documented(action, &[code], fallback)
}

/// The first of `codes` the action's page documents, else `fallback`.
pub fn first_documented(action: &Action, codes: &[&str], fallback: &str) -> String {
    codes
        .iter()
        .find(|c| documents(action, c))
        .map_or_else(|| fallback.to_string(), |c| c.to_string())
}
