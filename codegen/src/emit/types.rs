//! Structures of the Data Types page → `src/types.rs`.

use super::context::{Ctx, Owner};
use super::docs::{doc_attrs, field_doc, page_text};
use super::rule_tables::rules_impl;
use doc_model::ir::{Field, StructType};
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_types(ctx: &Ctx<'_>) -> TokenStream {
    let items = ctx.service.types.iter().map(|t| emit_struct(ctx, t));
    quote! { #( #items )* }
}

fn emit_struct(ctx: &Ctx<'_>, t: &StructType) -> TokenStream {
    let name = ctx.names.structure(&t.name);
    let owner = Owner::Struct(&t.name);
    let used_by = if t.used_by.is_empty() {
        String::new()
    } else {
        format!("\n\nUsed by: {}.", t.used_by.join(", "))
    };
    let doc = doc_attrs(&format!(
        "{}{used_by}",
        page_text(if t.description.is_empty() {
            &t.name
        } else {
            &t.description
        })
    ));
    let lenient = ctx.directions.in_answers(&t.name);
    let optional = |f: &Field| ctx.member_optional(&t.name, f);
    let fields = t.fields.iter().map(|f| member(ctx, owner, f, optional(f)));
    // A required member declared optional (boxed, or a lenient enum): `validate()` asks for it.
    let rules = rules_impl(ctx, owner, &name, &t.fields, &|f: &Field| {
        f.required == Some(true) && !f.nullable && optional(f)
    });
    let default = if ctx.has_default(&t.name) {
        quote!(Default,)
    } else {
        quote!()
    };
    let constructor = if t.fields.iter().any(|f| !optional(f)) {
        constructor(ctx, t, &optional)
    } else {
        quote!()
    };
    // Requests serialise (with rules) and answers deserialise: `Directions` decides which.
    let sent = ctx.directions.is_sent(&t.name);
    let deserialize = if ctx.directions.is_read(&t.name) {
        deserialize_impl(ctx, owner, &name, &t.fields, &optional, lenient)
    } else {
        quote!()
    };
    let serialize = if sent {
        serialize_impl(ctx, owner, &name, &t.fields, &optional)
    } else {
        quote!()
    };
    let rules = if sent { rules } else { quote!() };
    let getters = super::encodings::getters(ctx, owner, &name, &t.fields, &optional);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
        }

        #constructor

        #getters

        #serialize

        #deserialize

        #rules
    }
}

/// `new(required members…)` for a structure with required members (its other members start
/// as `None`): `#[non_exhaustive]` structures cannot be written as literals outside the crate.
fn constructor(ctx: &Ctx<'_>, t: &StructType, optional: &dyn Fn(&Field) -> bool) -> TokenStream {
    let owner = Owner::Struct(&t.name);
    let name = ctx.names.structure(&t.name);
    let required: Vec<&Field> = t.fields.iter().filter(|f| !optional(f)).collect();
    let params = required.iter().map(|f| {
        let id = ctx.names.field(owner, &f.name);
        let ty = ctx.rust_type(owner, f);
        quote!(#id: #ty)
    });
    let inits = t.fields.iter().map(|f| {
        let id = ctx.names.field(owner, &f.name);
        if optional(f) {
            quote!(#id: ::std::option::Option::None)
        } else {
            quote!(#id)
        }
    });
    let doc = doc_attrs(&format!(
        "A `{}` from its required members; the others start unset.",
        t.name
    ));
    quote! {
        impl #name {
            #doc
            #[allow(clippy::too_many_arguments)]
            pub fn new(#( #params ),*) -> Self {
                #name { #( #inits ),* }
            }
        }
    }
}

/// `Deserialize` by taking each member by wire name (`serde_helpers::members_of`): far less
/// code for the compiler than a derived visitor. `lenient`: required members read missing
/// or `null` as their default. Errors name the structure and member; where each is
/// documented is in the maintainers' side table (`doc_locations.rs`), not in the crate.
pub fn deserialize_impl(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    name: &proc_macro2::Ident,
    fields: &[Field],
    optional: &dyn Fn(&Field) -> bool,
    lenient: bool,
) -> TokenStream {
    let members = fields.iter().map(|f| {
        let id = ctx.names.field(owner, &f.name);
        let wire = &f.name;
        if lenient && !optional(f) {
            quote!(#id: members.take_or_default(#wire)?)
        } else {
            quote!(#id: members.take(#wire)?)
        }
    });
    let binding = if fields.is_empty() {
        quote!(_)
    } else {
        quote!(mut members)
    };
    quote! {
        impl<'de> ::tencentcloud_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::tencentcloud_runtime::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let #binding =
                    ::tencentcloud_runtime::serde_helpers::members_of::<Self, D>(deserializer)?;
                ::std::result::Result::Ok(#name { #( #members, )* })
            }
        }
    }
}

/// `Serialize` by writing each member by wire name, optional
/// ones only when given (`serde_helpers::writer`): less code for the compiler than a
/// derived serializer.
pub fn serialize_impl(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    name: &proc_macro2::Ident,
    fields: &[Field],
    optional: &dyn Fn(&Field) -> bool,
) -> TokenStream {
    let writes: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let id = ctx.names.field(owner, &f.name);
            let wire = &f.name;
            if optional(f) {
                quote!(members.opt(#wire, &self.#id)?;)
            } else {
                quote!(members.put(#wire, &self.#id)?;)
            }
        })
        .collect();
    let binding = if writes.is_empty() {
        quote!(members)
    } else {
        quote!(mut members)
    };
    quote! {
        impl ::tencentcloud_runtime::serde::Serialize for #name {
            fn serialize<S: ::tencentcloud_runtime::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let #binding = ::tencentcloud_runtime::serde_helpers::writer(serializer)?;
                #( #writes )*
                members.end()
            }
        }
    }
}

/// One `pub` field and its doc. Serialisation and deserialisation go by wire name through
/// `serialize_impl` and `deserialize_impl`, so fields carry no serde attributes.
pub fn member(ctx: &Ctx<'_>, owner: Owner<'_>, field: &Field, optional: bool) -> TokenStream {
    member_with_note(ctx, owner, field, optional, None)
}

/// [`member`], with a paragraph of its own after the page's description.
pub fn member_with_note(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    field: &Field,
    optional: bool,
    note: Option<&str>,
) -> TokenStream {
    let shape = ctx.shape(owner, field, optional);
    let ident = &shape.ident;
    let ty = &shape.ty;
    let ty = if shape.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        quote!(#ty)
    };
    let doc = field_doc(field);
    let note = note.map(|n| doc_attrs(&format!("\n{n}")));
    let ty = if shape.optional {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    };
    quote! {
        #doc
        #note
        pub #ident: #ty,
    }
}
