//! Which actions page (`Offset`/`Limit`, `TotalCount` and one list in the answer): their
//! requests implement `Paged`, so the shared builder's `into_pages()` yields every page.

use super::super::context::{Ctx, Owner};
use super::plan::OperationPlan;
use doc_model::ir::{Action, Field, TypeRef};

/// `paged!(Request: offset, list, total)` (text, for the end of the module), or nothing
/// for an action that does not page: what the shared builder's `into_pages()` needs.
pub fn paged(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> String {
    let action = plan.action;
    let Some(list) = paged_list(action) else {
        return String::new();
    };
    let list = ctx.names.field(Owner::Response(&action.name), &list.name);
    let offset = ctx.names.field(Owner::Request(&action.name), "Offset");
    let total = ctx.names.field(Owner::Response(&action.name), "TotalCount");
    let request = &plan.request;
    format!("::tencentcloud_runtime::paged!({request}: {offset}, {list}, {total});\n")
}

/// The answer's one list, when the action pages: integer `Offset` (optional) and `Limit`
/// in the request, integer `TotalCount` in the answer.
pub fn paged_list(action: &Action) -> Option<&Field> {
    let int_field = |fields: &[Field], name: &str| {
        fields
            .iter()
            .any(|f| f.name == name && f.ty == TypeRef::Integer)
    };
    let pages = int_field(&action.request, "Offset")
        && int_field(&action.request, "Limit")
        && int_field(&action.response, "TotalCount");
    let offset_required = action
        .request
        .iter()
        .any(|f| f.name == "Offset" && f.required == Some(true));
    if !pages || offset_required {
        return None;
    }
    let lists: Vec<&Field> = action.response.iter().filter(|f| f.ty.is_array()).collect();
    match lists.as_slice() {
        [list] => Some(list),
        _ => None,
    }
}
