//! How TAT answers, whatever the action: the documented code for a problem, `Describe*`
//! listings with each listing's documented filters, existing ids, and the kind of the
//! instances a call names.

use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::listing::{list, FilterField, FilterMap};
use crate::store::table::Table;
use doc_model::ir::Action;
use serde_json::Value;

/// What each documented filter of TAT's listings reads. `command-created-by` has no member
/// in the Invocation structure, so it matches nothing.
pub const COMMAND_FILTERS: FilterMap = &[
    ("command-id", FilterField::Member("CommandId")),
    ("command-name", FilterField::Member("CommandName")),
    ("command-type", FilterField::Member("CommandType")),
    ("scene-id", FilterField::Member("Scenes")),
    ("created-by", FilterField::Member("CreatedBy")),
    ("tag-key", FilterField::TagKey),
    ("tag-value", FilterField::TagValue),
    ("tag", FilterField::Tag),
];
pub const INVOCATION_FILTERS: FilterMap = &[
    ("invocation-id", FilterField::Member("InvocationId")),
    ("command-id", FilterField::Member("CommandId")),
    ("instance-kind", FilterField::Member("InstanceKind")),
];
pub const TASK_FILTERS: FilterMap = &[
    (
        "invocation-task-id",
        FilterField::Member("InvocationTaskId"),
    ),
    ("invocation-id", FilterField::Member("InvocationId")),
    ("instance-id", FilterField::Member("InstanceId")),
    ("command-id", FilterField::Member("CommandId")),
];
pub const INVOKER_FILTERS: FilterMap = &[
    ("invoker-id", FilterField::Member("InvokerId")),
    ("command-id", FilterField::Member("CommandId")),
    ("invoker-type", FilterField::Member("Type")),
];

/// `code` when the action's page documents it, else `fallback` (a common code), so
/// the typed client error always has a variant for what the emulator answers.
pub fn documented(action: &Action, code: &str, fallback: &str) -> String {
    if action.errors.iter().any(|e| e.code == code) {
        code.to_string()
    } else {
        fallback.to_string()
    }
}

pub fn fields(value: Value) -> Answer {
    Ok(value.as_object().cloned().unwrap_or_default())
}

/// A `Describe*` answer: `TotalCount` and one page of `set` from `table`.
pub fn describe_table(
    table: &Table,
    call: &Call<'_>,
    ids_param: &str,
    id_field: &str,
    set: &str,
    filters: FilterMap,
) -> Answer {
    let listing = list(table.newest_first(), call, ids_param, id_field, filters);
    let mut answer = serde_json::Map::new();
    answer.insert("TotalCount".into(), listing.total.into());
    answer.insert(set.into(), Value::Array(listing.page));
    Ok(answer)
}

/// An id of the expected shape (`cmd-…`) that exists, or the documented errors.
pub fn existing<'t>(
    table: &'t mut Table,
    call: &Call<'_>,
    id: &str,
    prefix: &str,
    resource: &str,
) -> Result<&'t mut Value, ApiError> {
    if !id.starts_with(&format!("{prefix}-")) {
        let code = documented(
            call.action,
            &format!("InvalidParameterValue.Invalid{resource}Id"),
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            format!("`{id}` is not a valid {resource} id."),
        ));
    }
    let code = documented(
        call.action,
        &format!("ResourceNotFound.{resource}NotFound"),
        "ResourceNotFound",
    );
    table
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found(&code, &resource.to_lowercase(), id))
}

/// What kind of instance an id names: a CVM (`ins-`), a Lighthouse (`lhins-`) or a managed
/// instance whose agent registered (`rins-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceKind {
    Cvm,
    Lighthouse,
    Managed,
}

impl InstanceKind {
    pub fn of(id: &str) -> Option<Self> {
        [
            ("ins-", Self::Cvm),
            ("lhins-", Self::Lighthouse),
            ("rins-", Self::Managed),
        ]
        .into_iter()
        .find_map(|(prefix, kind)| id.starts_with(prefix).then_some(kind))
    }

    /// The invocation's `InstanceKind`. The pages document CVM and LIGHTHOUSE only; a
    /// managed instance's invocation says CVM.
    pub fn documented(self) -> &'static str {
        match self {
            Self::Cvm | Self::Managed => "CVM",
            Self::Lighthouse => "LIGHTHOUSE",
        }
    }
}

/// Instance ids must be of a kind TAT runs commands on, and all of one kind.
pub fn instance_kind(call: &Call<'_>, instance_ids: &[String]) -> Result<InstanceKind, ApiError> {
    let mut kind = None;
    for id in instance_ids {
        let Some(k) = InstanceKind::of(id) else {
            let code = documented(
                call.action,
                "InvalidParameterValue.InvalidInstanceId",
                "InvalidParameterValue",
            );
            return Err(ApiError::new(
                code,
                format!("`{id}` is not a valid instance id."),
            ));
        };
        if kind.is_some_and(|known| known != k) {
            let code = documented(
                call.action,
                "InvalidParameterValue.InconsistentInstance",
                "InvalidParameterValue",
            );
            let message =
                "All instances of one call must be of one kind (CVM, Lighthouse or managed).";
            return Err(ApiError::new(code, message));
        }
        kind = Some(k);
    }
    Ok(kind.unwrap_or(InstanceKind::Cvm))
}
