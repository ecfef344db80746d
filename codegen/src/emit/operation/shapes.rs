//! The request and response of one action: their structures, wire (de)serialisation, the
//! request's rule table, and the `Operation` impl that ties them to the action.

use super::super::context::{Ctx, Owner};
use super::super::docs::doc_attrs;
use super::super::rule_tables::rules_impl;
use super::super::types::{deserialize_impl, member, member_with_note, serialize_impl};
use super::plan::OperationPlan;
use doc_model::ir::{Action, Field, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// What the member doc of an idempotency token adds.
const TOKEN_NOTE: &str = "Filled with a fresh UUID on each call that leaves it out, and kept \
                          across that call's retries: the call is safe to retry.";

/// The action's idempotency token: a string request parameter named `ClientToken`, which
/// the runtime fills per call (as the official SDKs do).
pub fn client_token(action: &Action) -> Option<&Field> {
    action
        .request
        .iter()
        .find(|f| f.name == "ClientToken" && f.ty == TypeRef::String)
}

/// The request structure, its rules and `Operation` impl (tokens), and its serialisation
/// (text, written at the end of the module).
pub fn request(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> (TokenStream, String) {
    let (action, owner, request) = (plan.action, plan.owner, &plan.request);
    // Every request member is an `Option`, as in aws-sdk-rust: the builder's types enforce
    // the required ones, and `validate()` checks them on a request changed by hand.
    let token = client_token(action);
    let fields = action.request.iter().map(|f| {
        let note = token.filter(|t| std::ptr::eq(*t, f)).map(|_| TOKEN_NOTE);
        member_with_note(ctx, owner, f, note)
    });
    let optional = |f: &Field| ctx.declared_optional(owner, f);
    let serialize = serialize_impl(ctx, owner, request, &action.request, &optional);
    let rules = rules_impl(ctx, owner, request, &action.request, &|f: &Field| {
        f.required == Some(true)
    });
    let doc = doc_attrs(&format!(
        "Parameters of `{}` (the action is described in [the module](self)).",
        action.name
    ));
    let operation = operation_impl(plan, token);
    let tokens = quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #request {
            #( #fields )*
        }

        #rules

        #operation
    };
    (tokens, serialize)
}

/// `impl Operation`: the response and code types, and the action's spec.
fn operation_impl(plan: &OperationPlan<'_>, token: Option<&Field>) -> TokenStream {
    let (request, response, code) = (&plan.request, &plan.response, &plan.code);
    let action_name = &plan.action.name;
    // Which verbs read is the rules crate's to say: the runtime asks it too.
    let kind = if tencentcloud_rules::action_name::is_read_action(action_name) {
        quote!(idempotent)
    } else {
        quote!(non_idempotent)
    };
    let rate = plan
        .action
        .rate_limit_per_second
        .map(|n| quote!(.rate_limit(#n)));
    let token = token.map(|f| {
        let name = &f.name;
        quote!(.client_token(#name))
    });
    quote! {
        impl ::tencentcloud_runtime::Operation for #request {
            type Response = #response;
            type Code = #code;
            const SPEC: ::tencentcloud_runtime::ActionSpec =
                ::tencentcloud_runtime::ActionSpec::#kind(#action_name)#rate #token;
        }
    }
}

/// The response structure (tokens) and its deserialisation (text, see [`request`]).
pub fn response(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> (TokenStream, String) {
    let action = plan.action;
    let owner = Owner::Response(&action.name);
    let response = &plan.response;
    let fields = action.response.iter().map(|f| member(ctx, owner, f));
    let optional = |f: &Field| ctx.declared_optional(owner, f);
    let deserialize = deserialize_impl(ctx, owner, response, &action.response, &optional, false);
    let doc = doc_attrs(&format!("The answer of `{}`.", action.name));
    let getters =
        super::super::encodings::getters(ctx, owner, response, &action.response, &optional);
    let tokens = quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #response {
            #( #fields )*
        }

        #getters
    };
    (tokens, deserialize)
}
