//! The shape of TAT's resource ids (`cmd-`, `inv-`, `invt-`, `ivk-`, `rc-`, `sc-`… then
//! lowercase letters and digits), and the documented code for an id of the wrong kind,
//! a malformed one, or a list holding either.

use super::codes::{documented, documents};
use crate::api_error::ApiError;
use crate::behaviour::Call;

/// The longest id tail accepted as well formed.
const MAX_TAIL: usize = 32;

/// What is wrong with an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// Not this resource's prefix.
    WrongKind,
    /// The prefix, then something that is not lowercase letters and digits.
    Malformed,
}

/// What is wrong with `id` as an id of `prefix`, if anything.
pub fn id_problem(id: &str, prefix: &str) -> Option<IdProblem> {
    let tail = id.strip_prefix(prefix).and_then(|t| t.strip_prefix('-'));
    let Some(tail) = tail else {
        return Some(IdProblem::WrongKind);
    };
    let well_formed = !tail.is_empty()
        && tail.len() <= MAX_TAIL
        && tail
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (!well_formed).then_some(IdProblem::Malformed)
}

/// The error for a single id of `resource` (`Invoker`) that is not well formed: the
/// resource's `Invalid…Id` for another kind of id, `InvalidParameterValue.ID` for a
/// malformed one where the page documents it.
pub fn id_error(call: &Call<'_>, id: &str, prefix: &str, resource: &str) -> Option<ApiError> {
    let problem = id_problem(id, prefix)?;
    let invalid = format!("InvalidParameterValue.Invalid{resource}Id");
    let code = match problem {
        IdProblem::Malformed if documents(call.action, "InvalidParameterValue.ID") => {
            "InvalidParameterValue.ID".to_string()
        }
        _ => documented(call.action, &invalid, "InvalidParameterValue"),
    };
    let message = match problem {
        IdProblem::WrongKind => format!("`{}` is not a valid {resource} id.", shown(id)),
        IdProblem::Malformed => format!(
            "`{}` is not a well-formed {resource} id ({prefix}- then lowercase letters and digits).",
            shown(id)
        ),
    };
    Some(ApiError::new(code, message))
}

/// The ids a list parameter gives must all be well-formed ids of `resource`; one that is
/// not answers `InvalidParameterValue.InconsistentID` where the page documents it, else the
/// resource's `Invalid…Id`.
pub fn checked_ids(
    call: &Call<'_>,
    param: &str,
    prefix: &str,
    resource: &str,
) -> Result<(), ApiError> {
    let ids = call.strings(param);
    let Some(bad) = ids.iter().find(|id| id_problem(id, prefix).is_some()) else {
        return Ok(());
    };
    if documents(call.action, "InvalidParameterValue.InconsistentID") {
        let message = format!(
            "{param} holds `{}`, which is not a well-formed {resource} id like the others must be.",
            shown(bad)
        );
        return Err(ApiError::new(
            "InvalidParameterValue.InconsistentID",
            message,
        ));
    }
    let code = documented(
        call.action,
        &format!("InvalidParameterValue.Invalid{resource}Id"),
        "InvalidParameterValue",
    );
    let message = format!(
        "{param} holds `{}`, which is not a valid {resource} id.",
        shown(bad)
    );
    Err(ApiError::new(code, message))
}

fn shown(id: &str) -> String {
    id.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_a_prefix_then_lowercase_letters_and_digits() {
        assert_eq!(id_problem("ivk-b7s1kq8m", "ivk"), None);
        assert_eq!(id_problem("cmd-0000002a", "cmd"), None);
        assert_eq!(
            id_problem("cmd-0000002a", "ivk"),
            Some(IdProblem::WrongKind)
        );
        assert_eq!(id_problem("ivkb7s1kq8m", "ivk"), Some(IdProblem::WrongKind));
        assert_eq!(id_problem("ivk-", "ivk"), Some(IdProblem::Malformed));
        assert_eq!(id_problem("ivk-B7S1", "ivk"), Some(IdProblem::Malformed));
        assert_eq!(id_problem("invt-1", "inv"), Some(IdProblem::WrongKind));
    }
}
