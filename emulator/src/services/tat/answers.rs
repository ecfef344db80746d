//! How TAT answers, whatever the action: the documented code for a problem, `Describe*`
//! listings with each listing's documented filters, and existing ids.

use super::codes::documented;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::listing::{list, FilterField, FilterMap};
use crate::store::table::Table;
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

/// A well-formed id of the resource (`cmd-…`) that exists, or the documented errors.
pub fn existing<'t>(
    table: &'t mut Table,
    call: &Call<'_>,
    id: &str,
    prefix: &str,
    resource: &str,
) -> Result<&'t mut Value, ApiError> {
    if let Some(error) = super::ids::id_error(call, id, prefix, resource) {
        return Err(error);
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
