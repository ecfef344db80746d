//! Structures of the Data Types page → `src/types.rs`.

use super::context::Ctx;
use super::docs::{doc_attrs, field_doc, page_text};
use super::naming::type_ident;
use super::validators::validate_body;
use crate::ir::{Field, StructType};
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
    let name = type_ident(&t.name);
    let used_by = if t.used_by.is_empty() { String::new() } else { format!("\n\nUsed by: {}.", t.used_by.join(", ")) };
    let doc = doc_attrs(&format!("{}{used_by}", page_text(if t.description.is_empty() { &t.name } else { &t.description })));
    let lenient = ctx.response_types.contains(&t.name);
    let fields = t.fields.iter().map(|f| member(ctx, &t.name, f, is_optional_member(f), lenient));
    let body = validate_body(ctx, &t.name, &t.fields, &is_optional_member);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #( #fields )*
        }

        impl ::tencentcloud_runtime::Validate for #name {
            fn validate_into(&self, path: &str, out: &mut ::tencentcloud_runtime::Violations) {
                #body
            }
        }
    }
}

/// One `pub` field with its serde attributes. `lenient`: decode missing or null as default.
pub fn member(ctx: &Ctx<'_>, owner: &str, field: &Field, optional: bool, lenient: bool) -> TokenStream {
    let shape = ctx.shape(owner, field, optional);
    let ident = &shape.ident;
    let ty = &shape.ty;
    let wire = &field.name;
    let doc = field_doc(field);
    if optional {
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
