//! One action → `src/operation/<action>.rs`: request, response, fluent builder with
//! compile-time required parameters, error enum.

use super::context::Ctx;
use super::docs::{doc_attrs, field_doc, page_text};
use super::errors::emit_errors;
use super::naming::{field_ident, snake, type_ident};
use super::types::member;
use super::validators::validate_body;
use crate::ir::{Action, Field, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Read-only actions, by Tencent Cloud's naming: safe to re-send after a failure.
const READ_ONLY_VERBS: &[&str] = &["Describe", "Get", "List", "Query", "Inquire", "Preview", "Check", "Search"];

pub fn is_read_only(action: &str) -> bool {
    READ_ONLY_VERBS.iter().any(|v| action.strip_prefix(v).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())))
}

pub fn names(action: &Action) -> (proc_macro2::Ident, proc_macro2::Ident, proc_macro2::Ident, proc_macro2::Ident) {
    (
        format_ident!("{}Request", type_ident(&action.name)),
        format_ident!("{}Response", type_ident(&action.name)),
        format_ident!("{}Builder", type_ident(&action.name)),
        format_ident!("{}Error", type_ident(&action.name)),
    )
}

pub fn emit_operation(ctx: &Ctx<'_>, action: &Action) -> TokenStream {
    let (request, response, builder, error) = names(action);
    let action_name = &action.name;
    let required: Vec<&Field> = action.request.iter().filter(|f| f.required == Some(true)).collect();
    let optional: Vec<&Field> = action.request.iter().filter(|f| f.required != Some(true)).collect();
    let is_opt = |f: &Field| f.required != Some(true);

    let req_fields = action.request.iter().map(|f| member(ctx, &action.name, f, is_opt(f), false));
    let resp_fields = action.response.iter().map(|f| member(ctx, &action.name, f, true, false));
    let validate = validate_body(ctx, &action.name, &action.request, &is_opt);
    let idempotent = is_read_only(&action.name);
    let rate = match action.rate_limit_per_second {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    };
    let request_doc = doc_attrs(&format!("Parameters of `{action_name}`: {}", page_text(&action.description)));
    let response_doc = doc_attrs(&format!("The answer of `{action_name}`."));
    let builder_doc = doc_attrs(&format!(
        "Fluent builder for `{action_name}`, from [`Client::{}`](crate::Client::{}).\n\nRequired parameters: {}. `send()` compiles only once each is set.",
        snake(action_name),
        snake(action_name),
        if required.is_empty() { "none".to_string() } else { required.iter().map(|f| format!("`{}`", snake(&f.name))).collect::<Vec<_>>().join(", ") }
    ));

    // Type parameters: one per required field, `Unset` until its setter runs.
    let params: Vec<proc_macro2::Ident> = (0..required.len()).map(|i| format_ident!("P{}", i)).collect();
    // One trait per required parameter, implemented only by `Set<T>`: its diagnostic
    // names the action and the setter to call.
    let markers: Vec<proc_macro2::Ident> = required.iter().map(|f| format_ident!("{}", super::naming::camel(&f.name))).collect();
    let req_idents: Vec<proc_macro2::Ident> = required.iter().map(|f| field_ident(&f.name)).collect();
    let req_types: Vec<TokenStream> = required.iter().map(|f| ctx.rust_type(&action.name, f)).collect();
    let opt_idents: Vec<proc_macro2::Ident> = optional.iter().map(|f| field_ident(&f.name)).collect();
    let opt_types: Vec<TokenStream> = optional.iter().map(|f| ctx.rust_type(&action.name, f)).collect();

    let required_setters = required.iter().enumerate().map(|(i, f)| {
        let name = &req_idents[i];
        let (arg, conv) = setter_input(ctx, &action.name, f);
        let doc = field_doc(f);
        let out_params = params.iter().enumerate().map(|(j, p)| {
            if j == i {
                let t = &req_types[i];
                quote!(::tencentcloud_runtime::Set<#t>)
            } else {
                quote!(#p)
            }
        });
        let moves = req_idents.iter().enumerate().map(|(j, id)| if j == i { quote!(#id: ::tencentcloud_runtime::Set(#conv)) } else { quote!(#id: self.#id) });
        quote! {
            #doc
            pub fn #name(self, value: #arg) -> #builder<#(#out_params),*> {
                #builder { client: self.client, #( #moves, )* options: self.options }
            }
        }
    });
    let optional_setters = optional.iter().enumerate().map(|(i, f)| {
        let name = &opt_idents[i];
        let (arg, conv) = setter_input(ctx, &action.name, f);
        let doc = field_doc(f);
        quote! {
            #doc
            pub fn #name(mut self, value: #arg) -> Self {
                self.options.#name = ::std::option::Option::Some(#conv);
                self
            }
        }
    });
    let bounds = params.iter().zip(&markers).zip(&req_types).map(|((p, m), t)| quote!(#p: required::#m<Value = #t>));
    let bounds_send = bounds.clone();
    let bounds2 = bounds.clone();
    let marker_items = required.iter().zip(&markers).map(|(f, m)| {
        let doc = doc_attrs(&format!("Implemented once the required parameter `{}` is set.", f.name));
        let setter = field_ident(&f.name).to_string();
        let message = format!("`{action_name}` is missing the required parameter `{}`: call `.{setter}(…)` before `.send()`", f.name);
        let label = format!("`{}` is not set", f.name);
        quote! {
            #doc
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = "required parameters come from the API documentation")]
            pub trait #m {
                /// The parameter's value.
                type Value;
                /// Takes the value out of the builder state.
                fn into_value(self) -> Self::Value;
            }

            impl<T> #m for ::tencentcloud_runtime::Set<T> {
                type Value = T;
                fn into_value(self) -> T {
                    self.0
                }
            }
        }
    });
    let unset = params.iter().map(|_| quote!(::tencentcloud_runtime::Unset));
    let unset_init = req_idents.iter().map(|id| quote!(#id: ::tencentcloud_runtime::Unset));
    let defaults = params.iter().map(|p| quote!(#p = ::tencentcloud_runtime::Unset));
    let pagination = pagination(action, &builder, &params, bounds2.clone().collect());
    let errors = emit_errors(action, &error);
    let client_ty = quote!(crate::Client);

    quote! {
        #request_doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        pub struct #request {
            #( #req_fields )*
        }

        impl ::tencentcloud_runtime::Validate for #request {
            fn validate_into(&self, path: &str, out: &mut ::tencentcloud_runtime::Violations) {
                #validate
            }
        }

        impl ::tencentcloud_runtime::Operation for #request {
            type Response = #response;
            type Error = #error;
            const SPEC: ::tencentcloud_runtime::ActionSpec = ::tencentcloud_runtime::ActionSpec {
                name: #action_name,
                idempotent: #idempotent,
                rate_limit_per_second: #rate,
            };
        }

        #response_doc
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Deserialize)]
        pub struct #response {
            #( #resp_fields )*
        }

        /// Builder states of the required parameters; their diagnostics name what is missing.
        pub mod required {
            #( #marker_items )*
        }

        #[derive(Debug, Clone, Default)]
        struct Options {
            #( #opt_idents: ::std::option::Option<#opt_types>, )*
        }

        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "a builder does nothing until `.send()` is awaited"]
        pub struct #builder<#( #defaults ),*> {
            client: #client_ty,
            #( #req_idents: #params, )*
            options: Options,
        }

        impl #builder<#( #unset ),*> {
            pub(crate) fn new(client: #client_ty) -> Self {
                #builder { client, #( #unset_init, )* options: Options::default() }
            }
        }

        impl<#( #params ),*> #builder<#( #params ),*> {
            #( #required_setters )*
            #( #optional_setters )*
        }

        // The bounds sit on the methods, not the impl, so a missing parameter is reported
        // through `IsSet`'s diagnostic ("missing required parameter `…`").
        impl<#( #params ),*> #builder<#( #params ),*> {
            /// The typed request, without sending it.
            pub fn into_request(self) -> #request
            where
                #( #bounds, )*
            {
                let options = self.options;
                let _ = &options;
                #request {
                    #( #req_idents: required::#markers::into_value(self.#req_idents), )*
                    #( #opt_idents: options.#opt_idents, )*
                }
            }

            /// Validates the request against the documented limits, then signs and sends it.
            pub async fn send(self) -> ::std::result::Result<#response, ::tencentcloud_runtime::SdkError<#error>>
            where
                #( #bounds_send, )*
            {
                let client = self.client.clone();
                client.execute(&self.into_request()).await
            }
        }

        #pagination

        #errors
    }
}

/// The setter argument type and the expression converting `value` into the field type.
fn setter_input(ctx: &Ctx<'_>, owner: &str, f: &Field) -> (TokenStream, TokenStream) {
    let enum_name = ctx.enums.enum_of(owner, &f.name);
    let element = super::context::rust_type(f.ty.element(), enum_name, &quote!(crate));
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

/// `into_pages()` for actions with Offset/Limit, `TotalCount` and one list in the answer.
fn pagination(action: &Action, builder: &proc_macro2::Ident, params: &[proc_macro2::Ident], bounds: Vec<TokenStream>) -> TokenStream {
    let int_field = |fields: &[Field], name: &str| fields.iter().any(|f| f.name == name && f.ty == TypeRef::Integer);
    if !(int_field(&action.request, "Offset") && int_field(&action.request, "Limit") && int_field(&action.response, "TotalCount")) {
        return quote!();
    }
    if action.request.iter().any(|f| f.name == "Offset" && f.required == Some(true)) {
        return quote!();
    }
    let lists: Vec<&Field> = action.response.iter().filter(|f| f.ty.is_array()).collect();
    let [list] = lists.as_slice() else { return quote!() };
    let list_ident = field_ident(&list.name);
    let (_, response, _, error) = names(action);
    quote! {
        impl<#( #params ),*> #builder<#( #params ),*> {
            /// Every page, from `Offset` (default 0) until `TotalCount` is reached.
            pub fn into_pages(self) -> impl ::tencentcloud_runtime::futures_util::Stream<Item = ::std::result::Result<#response, ::tencentcloud_runtime::SdkError<#error>>>
            where
                #( #bounds, )*
            {
                let client = self.client.clone();
                let request = self.into_request();
                let start = request.offset.unwrap_or(0);
                ::tencentcloud_runtime::pagination::pages(
                    start,
                    move |offset| {
                        let client = client.clone();
                        let mut request = request.clone();
                        request.offset = ::std::option::Option::Some(offset);
                        async move { client.execute(&request).await }
                    },
                    |page: &#response| page.#list_ident.as_ref().map_or(0, ::std::vec::Vec::len),
                    |page: &#response| page.total_count,
                )
            }
        }
    }
}
