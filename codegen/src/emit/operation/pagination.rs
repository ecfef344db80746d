//! `into_pages()` for actions with `Offset`/`Limit`, `TotalCount` and one list in the
//! answer: a method of the builder that yields every page.

use super::super::context::{Ctx, Owner};
use super::plan::OperationPlan;
use doc_model::ir::{Action, Field, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The method, or nothing for an action that does not page.
pub fn into_pages(ctx: &Ctx<'_>, plan: &OperationPlan<'_>, bounds: &[TokenStream]) -> TokenStream {
    let action = plan.action;
    let Some(list) = paged_list(action) else {
        return quote!();
    };
    let list_ident = ctx.names.field(Owner::Response(&action.name), &list.name);
    let offset = ctx.names.field(Owner::Request(&action.name), "Offset");
    let total = ctx.names.field(Owner::Response(&action.name), "TotalCount");
    let (response, code) = (&plan.response, &plan.code);
    quote! {
        /// Every page, from `Offset` (default 0) until `TotalCount` is reached, each sent
        /// with this call's options.
        pub fn into_pages(self) -> impl ::tencentcloud_runtime::futures_util::Stream<
            Item = ::std::result::Result<#response, ::tencentcloud_runtime::SdkError<#code>>,
        >
        where
            #( #bounds, )*
        {
            let start = self.0.request.#offset.unwrap_or(0);
            ::tencentcloud_runtime::pagination::pages(
                start,
                self.0.page_sender(|request, offset| {
                    request.#offset = ::std::option::Option::Some(offset);
                }),
                |page: &#response| page.#list_ident.as_ref().map_or(0, ::std::vec::Vec::len),
                |page: &#response| page.#total,
            )
        }
    }
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
