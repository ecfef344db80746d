//! The required-parameter traits of one action (`required::InstanceIds`…), implemented only
//! by `Set`: a builder missing one fails to compile with a diagnostic that names the action
//! and the setter to call. The request's `AllRequiredSet` impl asks for every one.

use super::plan::OperationPlan;
use proc_macro2::{Literal, TokenStream};
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

/// `pub mod required { … }` as a `required_parameters!` invocation written out one
/// parameter per line (text, for the end of the module), or nothing for an action without
/// compiler-checked parameters.
pub fn required_module(plan: &OperationPlan<'_>) -> String {
    if plan.required.is_empty() {
        return String::new();
    }
    let action_name = &plan.action.name;
    let mut text =
        String::from("::tencentcloud_runtime::required_parameters! {\n    mod required;\n");
    let items = plan.required.iter().zip(&plan.markers);
    for ((f, marker), setter) in items.zip(&plan.required_setters) {
        let message = Literal::string(&format!(
            "`{action_name}` is missing the required parameter `{}`: call `.{setter}(…)` \
             before `.send()`",
            f.name
        ));
        let label = Literal::string(&format!("`{}` is not set", f.name));
        let wire = Literal::string(&f.name);
        text.push_str(&format!("    {marker}({wire}): {message}, {label};\n"));
    }
    text.push_str("}\n");
    text
}

/// `P0: required::InstanceIds, …`: the bounds under which a builder can be sent.
pub fn bounds(plan: &OperationPlan<'_>) -> Vec<TokenStream> {
    plan.params
        .iter()
        .zip(&plan.markers)
        .map(|(p, m)| quote!(#p: required::#m))
        .collect()
}
