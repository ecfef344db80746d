//! What every emitter of one action's module shares: the type names, and which required
//! parameters the builder's types check.

use super::super::context::{Ctx, Owner};
use super::super::identifiers::{camel, ident};
use super::super::name_plan::{unique, Case};
use doc_model::ir::{Action, Field};
use proc_macro2::Ident;
use quote::format_ident;

/// Required parameters checked by the compiler; any more are checked by `validate()`.
pub const TYPED_REQUIRED_LIMIT: usize = 64;

/// One action's module, decided once.
pub struct OperationPlan<'a> {
    pub action: &'a Action,
    pub owner: Owner<'a>,
    pub request: Ident,
    pub response: Ident,
    pub builder: Ident,
    pub error: Ident,
    /// The action's error-code enum (`<Error>Code`).
    pub code: Ident,
    /// Required parameters the builder's types check, in page order.
    pub required: Vec<&'a Field>,
    /// Every other request parameter, in page order.
    pub others: Vec<&'a Field>,
    /// One builder type parameter per compiler-checked required parameter (`P0`, `P1`…).
    pub params: Vec<Ident>,
    /// The setter of each compiler-checked required parameter.
    pub required_setters: Vec<Ident>,
    /// The `required::…` trait of each compiler-checked required parameter.
    pub markers: Vec<Ident>,
}

impl<'a> OperationPlan<'a> {
    pub fn new(ctx: &Ctx<'_>, action: &'a Action) -> Self {
        let (request, response, builder, error) = names(action);
        let owner = Owner::Request(&action.name);
        let required = typed_required(action);
        let others = action
            .request
            .iter()
            .filter(|f| !required.iter().any(|r| std::ptr::eq(*r, *f)))
            .collect();
        let required_setters = required
            .iter()
            .map(|f| ctx.names.field(owner, &f.name))
            .collect();
        let marker_bases: Vec<String> = required
            .iter()
            .map(|f| camel(ctx.names.field_text(owner, &f.name)))
            .collect();
        let markers = unique(&marker_bases, &[], Case::Camel)
            .0
            .iter()
            .map(|m| ident(m))
            .collect();
        OperationPlan {
            action,
            owner,
            code: format_ident!("{}Code", error),
            request,
            response,
            builder,
            error,
            params: (0..required.len())
                .map(|i| format_ident!("P{}", i))
                .collect(),
            required,
            others,
            required_setters,
            markers,
        }
    }

    /// Required parameters past [`TYPED_REQUIRED_LIMIT`], which `validate()` checks.
    pub fn late_required(&self) -> Vec<&'a Field> {
        self.others
            .iter()
            .copied()
            .filter(|f| f.required == Some(true))
            .collect()
    }

    /// The setters of `fields`, quoted for docs: `` `a`, `b` ``.
    pub fn setter_list(&self, ctx: &Ctx<'_>, fields: &[&Field]) -> String {
        let quoted: Vec<String> = fields
            .iter()
            .map(|f| format!("`{}`", ctx.names.field_text(self.owner, &f.name)))
            .collect();
        quoted.join(", ")
    }
}

/// `(Request, Response, Builder, Error)` type names of an action's module.
pub fn names(action: &Action) -> (Ident, Ident, Ident, Ident) {
    let base = camel(&action.name);
    (
        format_ident!("{}Request", base),
        format_ident!("{}Response", base),
        format_ident!("{}Builder", base),
        format_ident!("{}Error", base),
    )
}

/// The request's required parameters the compiler checks (the first
/// [`TYPED_REQUIRED_LIMIT`] in page order).
pub fn typed_required(action: &Action) -> Vec<&Field> {
    action
        .request
        .iter()
        .filter(|f| f.required == Some(true))
        .take(TYPED_REQUIRED_LIMIT)
        .collect()
}
