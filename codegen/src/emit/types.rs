//! Structures of the Data Types page → `src/types.rs`.

use super::context::{Ctx, Owner};
use super::docs::{doc_attrs, field_doc, page_text};
use super::rule_tables::rules_impl;
use doc_model::ir::{Field, StructType};
use proc_macro2::TokenStream;
use quote::quote;

/// The structures (tokens), and their serde impls (text, written after them).
pub fn emit_types(ctx: &Ctx<'_>) -> (TokenStream, String) {
    let (items, serde): (Vec<TokenStream>, Vec<String>) = ctx
        .service
        .types
        .iter()
        .map(|t| emit_struct(ctx, t))
        .unzip();
    (quote! { #( #items )* }, serde.concat())
}

fn emit_struct(ctx: &Ctx<'_>, t: &StructType) -> (TokenStream, String) {
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
    let optional = |f: &Field| ctx.declared_optional(owner, f);
    let fields = t.fields.iter().map(|f| member(ctx, owner, f));
    // A required member declared optional (boxed, or a lenient enum): `validate()` asks for it.
    let rules = rules_impl(ctx, owner, &name, &t.fields, &|f: &Field| {
        f.required == Some(true) && !f.nullable && optional(f)
    });
    let default = if ctx.has_default(&t.name) {
        quote!(Default,)
    } else {
        quote!()
    };
    let constructor = match ctx.constructor_params(t) {
        Some(params) => constructor(ctx, t, &params),
        None => quote!(),
    };
    // Requests serialise (with rules) and answers deserialise: `Directions` decides which.
    let sent = ctx.directions.is_sent(&t.name);
    let mut serde = String::new();
    if sent {
        serde.push_str(&serialize_impl(ctx, owner, &name, &t.fields, &optional));
    }
    if ctx.directions.is_read(&t.name) {
        serde.push_str(&deserialize_impl(
            ctx, owner, &name, &t.fields, &optional, lenient,
        ));
    }
    let rules = if sent { rules } else { quote!() };
    let getters = super::encodings::getters(ctx, owner, &name, &t.fields, &optional);
    let tokens = quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
        }

        #constructor

        #getters

        #rules
    };
    (tokens, serde)
}

/// `new(required members…)` for a structure with required members (its other members start
/// as `None`): `#[non_exhaustive]` structures cannot be written as literals outside the crate.
fn constructor(ctx: &Ctx<'_>, t: &StructType, required: &[&Field]) -> TokenStream {
    let owner = Owner::Struct(&t.name);
    let name = ctx.names.structure(&t.name);
    let params = required.iter().map(|f| {
        let id = ctx.names.field(owner, &f.name);
        let ty = ctx.rust_type(owner, f);
        quote!(#id: #ty)
    });
    let inits = t.fields.iter().map(|f| {
        let id = ctx.names.field(owner, &f.name);
        if !required.iter().any(|r| std::ptr::eq(*r, f)) {
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

/// `Deserialize` by reading each member by wire name (`serde_helpers::take`, through
/// `deserialize_members!`): far less code for the compiler than a derived visitor.
/// `lenient`: required members read missing or `null` as their default. Errors name the
/// structure and member; where each is documented is in the maintainers' side table
/// (`doc_locations.rs`), not in the crate.
/// Written out as a `deserialize_members!` invocation, one member per line.
pub fn deserialize_impl(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    name: &proc_macro2::Ident,
    fields: &[Field],
    optional: &dyn Fn(&Field) -> bool,
    lenient: bool,
) -> String {
    let how = |f: &Field| {
        if lenient && !optional(f) {
            "take_or_default"
        } else {
            "take"
        }
    };
    members_macro("deserialize_members", ctx, owner, name, fields, &how)
}

/// `Serialize` by writing each member by wire name, optional ones only when given
/// (`serde_helpers::writer`): less code for the compiler than a derived serializer.
/// Written out as a `serialize_members!` invocation, one member per line.
pub fn serialize_impl(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    name: &proc_macro2::Ident,
    fields: &[Field],
    optional: &dyn Fn(&Field) -> bool,
) -> String {
    let how = |f: &Field| if optional(f) { "opt" } else { "put" };
    members_macro("serialize_members", ctx, owner, name, fields, &how)
}

/// `::tencentcloud_runtime::<mac>!(Name { field: how("Wire"), … });`, one member a line.
fn members_macro(
    mac: &str,
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    name: &proc_macro2::Ident,
    fields: &[Field],
    how: &dyn Fn(&Field) -> &'static str,
) -> String {
    if fields.is_empty() {
        return format!("::tencentcloud_runtime::{mac}!({name} {{}});\n");
    }
    let mut text = format!("::tencentcloud_runtime::{mac}!({name} {{\n");
    for f in fields {
        let id = ctx.names.field(owner, &f.name);
        let wire = proc_macro2::Literal::string(&f.name);
        text.push_str(&format!("    {id}: {}({wire}),\n", how(f)));
    }
    text.push_str("});\n");
    text
}

/// One `pub` field and its doc. Serialisation and deserialisation go by wire name through
/// `serialize_impl` and `deserialize_impl`, so fields carry no serde attributes.
pub fn member(ctx: &Ctx<'_>, owner: Owner<'_>, field: &Field) -> TokenStream {
    member_with_note(ctx, owner, field, None)
}

/// [`member`], with a paragraph of its own after the page's description.
pub fn member_with_note(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    field: &Field,
    note: Option<&str>,
) -> TokenStream {
    let shape = ctx.shape(owner, field);
    let ident = &shape.ident;
    let ty = shape.boxed_ty();
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
