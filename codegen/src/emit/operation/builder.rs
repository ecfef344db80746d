//! The fluent builder of one action: the crate's `Builder` over its request, one type
//! parameter per compiler-checked required parameter (`Unset`, then `Set`), and a setter
//! per parameter; `into_request`/`send` are the shared builder's (`shared_builder.rs`).

use super::super::context::{rust_type, Ctx, Owner};
use super::super::docs::{doc_attrs, setter_doc, setter_text};
use super::super::encodings::encoded_setter;
use super::plan::{OperationPlan, TYPED_REQUIRED_LIMIT};
use doc_model::ir::{Field, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The builder's type (the crate's one `Builder` over this request and its required
/// parameters' states) and its setters.
pub fn builder(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> TokenStream {
    let (request, builder, params) = (&plan.request, &plan.builder, &plan.params);
    let doc = builder_doc(ctx, plan);
    let defaults = params
        .iter()
        .map(|p| quote!(#p = ::tencentcloud_runtime::Unset));
    let methods = methods(ctx, plan);
    quote! {
        #doc
        pub type #builder<#( #defaults ),*> =
            super::Builder<#request, (#( #params, )*)>;

        #methods
    }
}

/// The builder's doc: where it comes from and which parameters it requires.
fn builder_doc(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> TokenStream {
    let action_name = &plan.action.name;
    let method = ctx.names.action_text(action_name);
    let late_required = plan.late_required();
    let late = if late_required.is_empty() {
        String::new()
    } else {
        format!(
            "\n\nAlso required, and checked by `validate()` (which `send()` runs) rather than \
             the compiler, past {TYPED_REQUIRED_LIMIT} required parameters: {}.",
            plan.setter_list(ctx, &late_required)
        )
    };
    let required = if plan.required.is_empty() {
        "none".to_string()
    } else {
        plan.setter_list(ctx, &plan.required)
    };
    doc_attrs(&format!(
        "Fluent builder for `{action_name}`, from [`Client::{method}`](crate::Client::{method}).\
         \n\nRequired parameters: {required}. `send()` compiles only once each is set.{late}"
    ))
}

/// The required parameters' setters and the encoded twins; the methods every builder has
/// are the crate's `Builder`'s, the plain optional setters `optional_setters`'.
fn methods(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> TokenStream {
    let (builder, params) = (&plan.builder, &plan.params);
    let setters = setters(ctx, plan);
    if setters.is_empty() {
        return quote!();
    }
    quote! {
        impl<#( #params ),*> #builder<#( #params ),*> {
            #( #setters )*
        }
    }
}

/// One setter per parameter: a required one's moves its type parameter to `Set`.
fn setters(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> Vec<TokenStream> {
    let (builder, params) = (&plan.builder, &plan.params);
    let required = plan.required.iter().enumerate().map(|(i, f)| {
        let out_params = params.iter().enumerate().map(|(j, p)| {
            if j == i {
                quote!(::tencentcloud_runtime::Set)
            } else {
                quote!(#p)
            }
        });
        let returns = quote!(#builder<#(#out_params),*>);
        let finish = quote!(super::Builder(self.0.retyped()));
        setter_pair(ctx, plan, f, &plan.required_setters[i], &returns, &finish)
    });
    // The optional ones' plain setters are `optional_setters`' text; their encoded twins
    // stay here.
    let others = plan.others.iter().filter_map(|f| {
        let e = encoded_setter(ctx, plan.owner, f, &plan.action.request)?;
        let name = ctx.names.field(plan.owner, &f.name);
        let (doc, method, arg, conv) = (&e.doc, &e.name, &e.arg, &e.conv);
        Some(quote! {
            #doc
            pub fn #method(mut self, value: #arg) -> Self {
                self.0.request.#name = ::std::option::Option::Some(#conv);
                self
            }
        })
    });
    required.chain(others).collect()
}

/// A setter that leaves the type as it is (`-> Self`), for a type whose `.0` is the
/// action's `Draft`: the builder's optional parameters, and every parameter of a waiter.
pub fn plain_setter(ctx: &Ctx<'_>, plan: &OperationPlan<'_>, f: &Field) -> TokenStream {
    let name = ctx.names.field(plan.owner, &f.name);
    setter_pair(ctx, plan, f, &name, &quote!(Self), &quote!(self))
}

/// A parameter's setter, and its encoded twin (`…_raw`, `…_map`) when the page describes
/// an encoding; each returns `returns`, ending with `finish`.
fn setter_pair(
    ctx: &Ctx<'_>,
    plan: &OperationPlan<'_>,
    f: &Field,
    name: &Ident,
    returns: &TokenStream,
    finish: &TokenStream,
) -> TokenStream {
    let method = |doc: &TokenStream, method: &Ident, arg: &TokenStream, conv: &TokenStream| {
        quote! {
            #doc
            pub fn #method(mut self, value: #arg) -> #returns {
                self.0.request.#name = ::std::option::Option::Some(#conv);
                #finish
            }
        }
    };
    let (arg, conv) = setter_input(ctx, plan.owner, f);
    let main = method(&setter_doc(f), name, &arg, &conv);
    let encoded = encoded_setter(ctx, plan.owner, f, &plan.action.request)
        .map(|e| method(&e.doc, &e.name, &e.arg, &e.conv));
    quote!(#main #encoded)
}

/// How a setter takes its value (the `setters!` kinds): `impl Into<T>`, `T`, items
/// `impl Into<T>`, or items `T`.
#[derive(Clone, Copy)]
enum Kind {
    Into,
    Value,
    ItemsInto,
    Items,
}

/// A setter's kind and the type it names (the element type for items).
fn setter_kind(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field) -> (Kind, TokenStream) {
    let enum_name = ctx.enums.enum_of(owner, &f.name);
    let element = rust_type(f.ty.element(), enum_name, ctx, &quote!(crate));
    let is_stringish = enum_name.is_some()
        || matches!(
            f.ty.element(),
            TypeRef::String | TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary
        );
    match (&f.ty, is_stringish) {
        (TypeRef::Array { items }, true) if !items.is_array() => (Kind::ItemsInto, element),
        (TypeRef::Array { items }, false) if !items.is_array() => (Kind::Items, element),
        (_, true) if !f.ty.is_array() => (Kind::Into, element),
        _ => (Kind::Value, ctx.rust_type(owner, f)),
    }
}

/// The setter argument type and the expression converting `value` into the field type.
fn setter_input(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field) -> (TokenStream, TokenStream) {
    let (kind, ty) = setter_kind(ctx, owner, f);
    match kind {
        Kind::ItemsInto => (
            quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#ty>>),
            quote!(value.into_iter().map(::std::convert::Into::into).collect()),
        ),
        Kind::Items => (
            quote!(impl ::std::iter::IntoIterator<Item = #ty>),
            quote!(value.into_iter().collect()),
        ),
        Kind::Into => (quote!(impl ::std::convert::Into<#ty>), quote!(value.into())),
        Kind::Value => (quote!(#ty), quote!(value)),
    }
}

/// The optional parameters' setters as a `setters!` invocation in an `impl` of their own,
/// written out one setter per line after its doc (text, for the end of the module).
pub fn optional_setters(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> String {
    if plan.others.is_empty() {
        return String::new();
    }
    let params = plan
        .params
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>();
    let params = params.join(", ");
    let (generics, builder) = if params.is_empty() {
        (String::new(), plan.builder.to_string())
    } else {
        (format!("<{params}>"), format!("{}<{params}>", plan.builder))
    };
    let mut text =
        format!("impl{generics} {builder} {{\n    ::tencentcloud_runtime::setters! {{\n");
    for f in &plan.others {
        for line in setter_text(f).lines() {
            text.push_str(format!("        /// {line}").trim_end());
            text.push('\n');
        }
        let name = ctx.names.field(plan.owner, &f.name);
        let (kind, ty) = setter_kind(ctx, plan.owner, f);
        let kind = match kind {
            Kind::Into => "into",
            Kind::Value => "value",
            Kind::ItemsInto => "items_into",
            Kind::Items => "items",
        };
        text.push_str(&format!("        {name}: {kind} {};\n", type_text(&ty)));
    }
    text.push_str("    }\n}\n");
    text
}

/// A type as prettyplease writes it, on one line, prelude types by their short names.
fn type_text(ty: &TokenStream) -> String {
    let file: syn::File = syn::parse_quote!(type T = #ty;);
    let text = prettyplease::unparse(&file);
    let text = text
        .trim()
        .trim_start_matches("type T = ")
        .trim_end_matches(';');
    let one_line: Vec<&str> = text.lines().map(str::trim).collect();
    one_line
        .concat()
        .replace("::std::string::String", "String")
        .replace("::std::vec::Vec", "Vec")
}
