//! The required-parameter traits of one action (`required::InstanceIds`…), implemented only
//! by `Set`: a builder missing one fails to compile with a diagnostic that names the action
//! and the setter to call. The request's `AllRequiredSet` impl asks for every one.

use super::super::docs::doc_attrs;
use super::plan::OperationPlan;
use proc_macro2::TokenStream;
use quote::quote;

/// `impl AllRequiredSet<(P0, …)>` for the request, each marker bounded by its trait: the
/// states in which the crate's `Builder` can send it.
pub fn all_required_set(plan: &OperationPlan<'_>) -> TokenStream {
    let (request, params) = (&plan.request, &plan.params);
    let bounds = bounds(plan);
    quote! {
        impl<#( #bounds ),*> ::tencentcloud_runtime::AllRequiredSet<(#( #params, )*)>
            for #request {}
    }
}

/// `pub mod required { … }`, or nothing for an action without compiler-checked parameters.
pub fn required_module(plan: &OperationPlan<'_>) -> TokenStream {
    if plan.required.is_empty() {
        return quote!();
    }
    let action_name = &plan.action.name;
    let items = plan
        .required
        .iter()
        .zip(&plan.markers)
        .zip(&plan.required_setters)
        .map(|((f, marker), setter)| {
            let doc = doc_attrs(&format!(
                "Implemented once the required parameter `{}` is set.",
                f.name
            ));
            let message = format!(
                "`{action_name}` is missing the required parameter `{}`: call `.{setter}(…)` \
                 before `.send()`",
                f.name
            );
            let label = format!("`{}` is not set", f.name);
            quote! {
                #doc
                #[diagnostic::on_unimplemented(
                    message = #message,
                    label = #label,
                    note = "required parameters come from the API documentation"
                )]
                pub trait #marker {}
                impl #marker for ::tencentcloud_runtime::Set {}
            }
        });
    quote! {
        /// Builder states of the required parameters; their diagnostics name what is missing.
        pub mod required {
            #( #items )*
        }
    }
}

/// `P0: required::InstanceIds, …`: the bounds under which a builder can be sent.
pub fn bounds(plan: &OperationPlan<'_>) -> Vec<TokenStream> {
    plan.params
        .iter()
        .zip(&plan.markers)
        .map(|(p, m)| quote!(#p: required::#m))
        .collect()
}
