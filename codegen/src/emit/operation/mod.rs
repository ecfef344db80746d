//! One action → `src/operation/<action>.rs`: request, response, fluent builder with
//! compile-time required parameters, error enum; one emitter per concern.
//!
//! The builder fills a boxed request whose members are all `Option`s, and carries one type
//! parameter per required parameter (`Unset`, then `Set`), so `send()` compiles only once
//! each is given. Each setter names every type parameter, so the builder grows with the
//! square of their number; past [`TYPED_REQUIRED_LIMIT`] required parameters (a page of
//! hundreds), the rest are checked by `validate()` instead, which `send()` runs before any
//! I/O (it checks every required member, so a request changed by hand is caught too).
//! Size and compile time stay linear in the number of parameters.

mod builder;
mod example_code;
mod module_doc;
mod pagination;
mod plan;
mod required;
mod shapes;
mod shared_builder;

pub use builder::plain_setter;
pub use pagination::paged_list;
pub use plan::{names, OperationPlan, TYPED_REQUIRED_LIMIT};
pub use shared_builder::shared_builder;

use super::context::Ctx;
use super::errors::emit_errors;
use doc_model::ir::Action;
use proc_macro2::TokenStream;
use quote::quote;

/// The module of one action, headed by its docs; its optional setters, paging, required
/// markers, serde impls and error codes come last, as macro invocations written out one
/// entry per line.
pub fn emit_operation(ctx: &Ctx<'_>, action: &Action, crate_ident: &str) -> (TokenStream, String) {
    let plan = OperationPlan::new(ctx, action);
    let doc = module_doc::module_doc(ctx, &plan, crate_ident)
        .into_iter()
        .map(|line| format!(" {line}").trim_end().to_string());
    let (request, serialize) = shapes::request(ctx, &plan);
    let (response, deserialize) = shapes::response(ctx, &plan);
    let required = required::required_module(&plan);
    let all_required = required::all_required_set(&plan);
    let builder = builder::builder(ctx, &plan);
    let setters = builder::optional_setters(ctx, &plan);
    let paged = pagination::paged(ctx, &plan);
    let (error, codes) = emit_errors(ctx.service, action, &plan.error);
    let tokens = quote! {
        #( #![doc = #doc] )*
        #request
        #response
        #all_required
        #builder
        #error
    };
    (
        tokens,
        [setters, paged, required, serialize, deserialize, codes].concat(),
    )
}
