//! Structures of the Data Types page → `src/types.rs`.

use super::context::{Ctx, Owner};
use super::docs::{doc_attrs, field_doc, page_text};
use super::rule_tables::rules_impl;
use doc_model::ir::{Field, StructType};
use proc_macro2::TokenStream;
use quote::quote;

/// Optional members are `Option<T>`: not marked required, or documented as nullable.
pub fn is_optional_member(field: &Field) -> bool {
    field.required != Some(true) || field.nullable
}

pub fn emit_types(ctx: &Ctx<'_>) -> TokenStream {
    let items = ctx.service.types.iter().map(|t| emit_struct(ctx, t));
    quote! { #( #items )* }
}

fn emit_struct(ctx: &Ctx<'_>, t: &StructType) -> TokenStream {
    let name = ctx.names.structure(&t.name);
    let owner = Owner::Struct(&t.name);
    let used_by = if t.used_by.is_empty() { String::new() } else { format!("\n\nUsed by: {}.", t.used_by.join(", ")) };
    let doc = doc_attrs(&format!("{}{used_by}", page_text(if t.description.is_empty() { &t.name } else { &t.description })));
    let lenient = ctx.response_types.contains(&t.name);
    let fields = t.fields.iter().map(|f| member(ctx, owner, f, is_optional_member(f), lenient));
    // A required member that closes a cycle is declared optional (boxed); `validate()` asks for it.
    let rules = rules_impl(ctx, owner, &name, &t.fields, &|f: &Field| !is_optional_member(f) && ctx.is_boxed(owner, f));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #( #fields )*
        }

        #rules
    }
}

/// One `pub` field with its serde attributes. `lenient`: decode missing or null as default.
pub fn member(ctx: &Ctx<'_>, owner: Owner<'_>, field: &Field, optional: bool, lenient: bool) -> TokenStream {
    let shape = ctx.shape(owner, field, optional);
    let ident = &shape.ident;
    let ty = &shape.ty;
    let ty = if shape.boxed { quote!(::std::boxed::Box<#ty>) } else { quote!(#ty) };
    let wire = &field.name;
    let doc = field_doc(field);
    if shape.optional {
        quote! {
            #doc
            #[serde(rename = #wire, default, skip_serializing_if = "::std::option::Option::is_none")]
            pub #ident: ::std::option::Option<#ty>,
        }
    } else if lenient {
        quote! {
            #doc
            #[serde(rename = #wire, default, deserialize_with = "::tencentcloud_runtime::serde_helpers::null_as_default")]
            pub #ident: #ty,
        }
    } else {
        quote! {
            #doc
            #[serde(rename = #wire)]
            pub #ident: #ty,
        }
    }
}
