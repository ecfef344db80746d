//! One action → `src/operation/<action>.rs`: request, response, fluent builder with
//! compile-time required parameters, error enum.
//!
//! The builder fills a boxed request whose members are all `Option`s, and carries one type
//! parameter per required parameter (`Unset`, then `Set`), so `send()` compiles only once
//! each is given. Each setter names every type parameter, so the builder grows with the
//! square of their number; past [`TYPED_REQUIRED_LIMIT`] required parameters (a page of
//! hundreds), the rest are checked by `validate()` instead, which `send()` runs before any
//! I/O (it checks every required member, so a request changed by hand is caught too).
//! Size and compile time stay linear in the number of parameters.

use super::context::{Ctx, Owner};
use super::docs::{doc_attrs, setter_doc};
use super::errors::emit_errors;
use super::names::{unique, Case};
use super::naming::{camel, ident};
use super::rule_tables::rules_impl;
use super::types::{deserialize_impl, member, member_with_note, serialize_impl};
use doc_model::ir::{Action, Field, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Required parameters checked by the compiler; any more are checked by `validate()`.
pub const TYPED_REQUIRED_LIMIT: usize = 64;

/// Read-only actions, by Tencent Cloud's naming: safe to re-send after a failure.
const READ_ONLY_VERBS: &[&str] = &["Describe", "Get", "List", "Query", "Inquire", "Preview", "Check", "Search"];

pub fn is_read_only(action: &str) -> bool {
    READ_ONLY_VERBS.iter().any(|v| action.strip_prefix(v).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())))
}

/// `(Request, Response, Builder, Error)` type names of an action's module.
pub fn names(action: &Action) -> (Ident, Ident, Ident, Ident) {
    let base = camel(&action.name);
    (format_ident!("{}Request", base), format_ident!("{}Response", base), format_ident!("{}Builder", base), format_ident!("{}Error", base))
}

/// The action's idempotency token: a string request parameter named `ClientToken`, which
/// the runtime fills per call (as the official SDKs do).
pub fn client_token(action: &Action) -> Option<&Field> {
    action.request.iter().find(|f| f.name == "ClientToken" && f.ty == TypeRef::String)
}

/// The request's required parameters the compiler checks (the first
/// [`TYPED_REQUIRED_LIMIT`] in page order).
pub fn typed_required(action: &Action) -> Vec<&Field> {
    action.request.iter().filter(|f| f.required == Some(true)).take(TYPED_REQUIRED_LIMIT).collect()
}

pub fn emit_operation(ctx: &Ctx<'_>, action: &Action) -> TokenStream {
    let (request, response, builder, error) = names(action);
    let code = format_ident!("{}Code", error);
    let action_name = &action.name;
    let owner = Owner::Request(&action.name);
    let required = typed_required(action);
    let others: Vec<&Field> = action.request.iter().filter(|f| !required.iter().any(|r| std::ptr::eq(*r, *f))).collect();
    let late_required: Vec<&Field> = others.iter().copied().filter(|f| f.required == Some(true)).collect();

    // Every request member is an `Option`, as in aws-sdk-rust: the builder's types enforce
    // the required ones, and `validate()` checks them on a request changed by hand.
    let client_token = client_token(action);
    let token_note = "Filled with a fresh UUID on each call that leaves it out, and kept across that call's retries: the call is safe to retry.";
    let req_fields = action.request.iter().map(|f| member_with_note(ctx, owner, f, true, client_token.filter(|t| std::ptr::eq(*t, f)).map(|_| token_note)));
    let resp_fields = action.response.iter().map(|f| member(ctx, Owner::Response(&action.name), f, true));
    let request_serialize = serialize_impl(ctx, owner, &request, &action.request, &|_| true);
    let response_deserialize = deserialize_impl(ctx, Owner::Response(&action.name), &response, &action.response, &|_| true, false);
    let rules = rules_impl(ctx, owner, &request, &action.request, &|f: &Field| f.required == Some(true));
    let kind = if is_read_only(&action.name) { quote!(idempotent) } else { quote!(non_idempotent) };
    let rate = action.rate_limit_per_second.map(|n| quote!(.rate_limit(#n)));
    let token = client_token.map(|f| {
        let name = &f.name;
        quote!(.client_token(#name))
    });
    let method = ctx.names.action_text(action_name);
    let setter_list = |fields: &[&Field]| fields.iter().map(|f| format!("`{}`", ctx.names.field_text(owner, &f.name))).collect::<Vec<_>>().join(", ");
    let request_doc = doc_attrs(&format!("Parameters of `{action_name}` (the action is described in [the module](self))."));
    let response_doc = doc_attrs(&format!("The answer of `{action_name}`."));
    let late_doc = if late_required.is_empty() {
        String::new()
    } else {
        format!(
            "\n\nAlso required, and checked by `validate()` (which `send()` runs) rather than the compiler, past {TYPED_REQUIRED_LIMIT} required parameters: {}.",
            setter_list(&late_required)
        )
    };
    let builder_doc = doc_attrs(&format!(
        "Fluent builder for `{action_name}`, from [`Client::{method}`](crate::Client::{method}).\n\nRequired parameters: {}. `send()` compiles only once each is set.{late_doc}",
        if required.is_empty() { "none".to_string() } else { setter_list(&required) }
    ));

    // Type parameters: one per compiler-checked required field, `Unset` until its setter runs.
    let params: Vec<Ident> = (0..required.len()).map(|i| format_ident!("P{}", i)).collect();
    // One trait per required parameter, implemented only by `Set`: its diagnostic names the
    // action and the setter to call.
    let req_idents: Vec<Ident> = required.iter().map(|f| ctx.names.field(owner, &f.name)).collect();
    let marker_bases: Vec<String> = required.iter().map(|f| camel(ctx.names.field_text(owner, &f.name))).collect();
    let markers: Vec<Ident> = unique(&marker_bases, &[], Case::Camel).0.iter().map(|m| ident(m)).collect();

    let required_setters = required.iter().enumerate().map(|(i, f)| {
        let name = &req_idents[i];
        let (arg, conv) = setter_input(ctx, owner, f);
        let doc = setter_doc(&request, name, &f.name);
        let out_params = params.iter().enumerate().map(|(j, p)| if j == i { quote!(::tencentcloud_runtime::Set) } else { quote!(#p) });
        quote! {
            #doc
            pub fn #name(mut self, value: #arg) -> #builder<#(#out_params),*> {
                self.0.request.#name = ::std::option::Option::Some(#conv);
                #builder(self.0.retyped())
            }
        }
    });
    let other_setters = others.iter().map(|f| {
        let name = ctx.names.field(owner, &f.name);
        let (arg, conv) = setter_input(ctx, owner, f);
        let doc = setter_doc(&request, &name, &f.name);
        quote! {
            #doc
            pub fn #name(mut self, value: #arg) -> Self {
                self.0.request.#name = ::std::option::Option::Some(#conv);
                self
            }
        }
    });
    let bounds = params.iter().zip(&markers).map(|(p, m)| quote!(#p: required::#m));
    let bounds_send = bounds.clone();
    let bounds2 = bounds.clone();
    let marker_items = required.iter().zip(&markers).zip(&req_idents).map(|((f, m), setter)| {
        let doc = doc_attrs(&format!("Implemented once the required parameter `{}` is set.", f.name));
        let message = format!("`{action_name}` is missing the required parameter `{}`: call `.{setter}(…)` before `.send()`", f.name);
        let label = format!("`{}` is not set", f.name);
        quote! {
            #doc
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = "required parameters come from the API documentation")]
            pub trait #m {}
            impl #m for ::tencentcloud_runtime::Set {}
        }
    });
    let unset = params.iter().map(|_| quote!(::tencentcloud_runtime::Unset));
    let defaults = params.iter().map(|p| quote!(#p = ::tencentcloud_runtime::Unset));
    let pagination = pagination(ctx, action, bounds2.clone().collect());
    let errors = emit_errors(ctx.service, action, &error);
    let marker_items: Vec<TokenStream> = marker_items.collect();
    let required_mod = if marker_items.is_empty() {
        quote!()
    } else {
        quote! {
            /// Builder states of the required parameters; their diagnostics name what is missing.
            pub mod required {
                #( #marker_items )*
            }
        }
    };
    let setters: Vec<TokenStream> = required_setters.chain(other_setters).collect();
    let client_ty = quote!(crate::Client);

    quote! {
        #request_doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #request {
            #( #req_fields )*
        }

        #request_serialize

        #rules

        impl ::tencentcloud_runtime::Operation for #request {
            type Response = #response;
            type Code = #code;
            const SPEC: ::tencentcloud_runtime::ActionSpec = ::tencentcloud_runtime::ActionSpec::#kind(#action_name)#rate #token;
        }

        #response_doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #response {
            #( #resp_fields )*
        }

        #response_deserialize

        #required_mod

        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "a builder does nothing until `.send()` is awaited"]
        pub struct #builder<#( #defaults ),*>(::tencentcloud_runtime::Draft<#client_ty, #request, (#( #params, )*)>);

        impl #builder<#( #unset ),*> {
            pub(crate) fn new(client: #client_ty) -> Self {
                Self(::tencentcloud_runtime::Draft::new(client))
            }
        }

        // The bounds sit on the methods, not the impl, so a missing parameter is reported
        // through its `required::…` trait's diagnostic ("missing the required parameter `…`").
        impl<#( #params ),*> #builder<#( #params ),*> {
            #( #setters )*

            /// The request as given so far.
            pub fn as_request(&self) -> &#request {
                &self.0.request
            }

            /// The typed request, without sending it.
            pub fn into_request(self) -> #request
            where
                #( #bounds, )*
            {
                *self.0.request
            }

            /// Validates the request against the documented limits, then signs and sends it
            /// when the returned future is awaited.
            pub fn send(self) -> ::tencentcloud_runtime::ResponseFuture<#response, #code>
            where
                #( #bounds_send, )*
            {
                let client = self.0.client.clone();
                client.execute(&self.into_request())
            }

            #pagination
        }


        #errors
    }
}

/// The setter argument type and the expression converting `value` into the field type.
fn setter_input(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field) -> (TokenStream, TokenStream) {
    let enum_name = ctx.enums.enum_of(owner, &f.name);
    let element = super::context::rust_type(f.ty.element(), enum_name, ctx, &quote!(crate));
    let is_stringish = enum_name.is_some() || matches!(f.ty.element(), TypeRef::String | TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary);
    match (&f.ty, is_stringish) {
        (TypeRef::Array { items }, true) if !items.is_array() => (
            quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#element>>),
            quote!(value.into_iter().map(::std::convert::Into::into).collect()),
        ),
        (TypeRef::Array { items }, false) if !items.is_array() => {
            (quote!(impl ::std::iter::IntoIterator<Item = #element>), quote!(value.into_iter().collect()))
        }
        (_, true) if !f.ty.is_array() => (quote!(impl ::std::convert::Into<#element>), quote!(value.into())),
        _ => {
            let t = ctx.rust_type(owner, f);
            (quote!(#t), quote!(value))
        }
    }
}

/// `into_pages()` for actions with Offset/Limit, `TotalCount` and one list in the answer: a
/// method of the builder.
fn pagination(ctx: &Ctx<'_>, action: &Action, bounds: Vec<TokenStream>) -> TokenStream {
    let int_field = |fields: &[Field], name: &str| fields.iter().any(|f| f.name == name && f.ty == TypeRef::Integer);
    if !(int_field(&action.request, "Offset") && int_field(&action.request, "Limit") && int_field(&action.response, "TotalCount")) {
        return quote!();
    }
    if action.request.iter().any(|f| f.name == "Offset" && f.required == Some(true)) {
        return quote!();
    }
    let lists: Vec<&Field> = action.response.iter().filter(|f| f.ty.is_array()).collect();
    let [list] = lists.as_slice() else { return quote!() };
    let list_ident = ctx.names.field(Owner::Response(&action.name), &list.name);
    let offset = ctx.names.field(Owner::Request(&action.name), "Offset");
    let total = ctx.names.field(Owner::Response(&action.name), "TotalCount");
    let (_, response, _, error) = names(action);
    let code = format_ident!("{}Code", error);
    quote! {
        /// Every page, from `Offset` (default 0) until `TotalCount` is reached.
        pub fn into_pages(self) -> impl ::tencentcloud_runtime::futures_util::Stream<Item = ::std::result::Result<#response, ::tencentcloud_runtime::SdkError<#code>>>
        where
            #( #bounds, )*
        {
            let client = self.0.client.clone();
            let request = self.into_request();
            let start = request.#offset.unwrap_or(0);
            ::tencentcloud_runtime::pagination::pages(
                start,
                move |offset| {
                    let mut request = request.clone();
                    request.#offset = ::std::option::Option::Some(offset);
                    client.execute(&request)
                },
                |page: &#response| page.#list_ident.as_ref().map_or(0, ::std::vec::Vec::len),
                |page: &#response| page.#total,
            )
        }
    }
}
