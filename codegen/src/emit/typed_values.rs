//! A page's JSON value as a Rust expression of its member's exact type (strings into
//! their wire enums, structures from `default()` or `new(…)`, lists with their item type):
//! the builder calls of an example, for the example tests, the limit tests and the module
//! docs' example alike.

use super::context::{rust_type, Ctx, Owner};
use doc_model::ir::{Action, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// `.command_id("…").instance_ids(vec![…])` for each key of the example body.
pub fn builder_calls(
    ctx: &Ctx<'_>,
    root: &TokenStream,
    action: &Action,
    body: &Value,
) -> Option<Vec<TokenStream>> {
    let map = body.as_object()?;
    let owner = Owner::Request(&action.name);
    let mut calls = Vec::new();
    for (key, value) in map {
        let field = action.request.iter().find(|f| &f.name == key)?;
        let setter = ctx.names.field(owner, &field.name);
        let expr = typed_expr(ctx, root, owner, &field.name, &field.ty, value)?;
        calls.push(quote!(.#setter(#expr)));
    }
    Some(calls)
}

/// A Rust expression of exactly the field's type for a JSON value.
pub fn typed_expr(
    ctx: &Ctx<'_>,
    root: &TokenStream,
    owner: Owner<'_>,
    field: &str,
    ty: &TypeRef,
    value: &Value,
) -> Option<TokenStream> {
    let enum_name = ctx.enums.enum_of(owner, field);
    Some(match ty {
        TypeRef::String | TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary => {
            let s = value.as_str()?;
            let t = rust_type(ty, enum_name, ctx, root);
            quote!(<#t>::from(#s))
        }
        TypeRef::Integer => {
            let n = value.as_i64()?;
            quote!(#n)
        }
        TypeRef::Float => {
            let n = value.as_f64()?;
            quote!(#n)
        }
        TypeRef::Boolean => {
            let b = value.as_bool()?;
            quote!(#b)
        }
        TypeRef::Json => {
            let text = value.to_string();
            let json = quote!(::tencentcloud_runtime::serde_json);
            quote!(#json::from_str::<#json::Value>(#text).unwrap())
        }
        TypeRef::Array { items } => {
            let elems = value
                .as_array()?
                .iter()
                .map(|v| typed_expr(ctx, root, owner, field, items, v))
                .collect::<Option<Vec<_>>>()?;
            if elems.is_empty() {
                // `vec![]` leaves a setter's `impl Into<…>` item type unknown.
                let item = rust_type(items, enum_name, ctx, root);
                quote!(::std::vec::Vec::<#item>::new())
            } else {
                quote!(::std::vec![#( #elems ),*])
            }
        }
        TypeRef::Struct { name } => struct_expr(ctx, root, name, value.as_object()?)?,
    })
}

/// A structure built from a JSON object: `#[non_exhaustive]` structures are built from
/// `default()` or `new(required…)`, then their other members are set. `None` when a
/// required member is missing or a key is not a member.
fn struct_expr(
    ctx: &Ctx<'_>,
    root: &TokenStream,
    name: &str,
    map: &serde_json::Map<String, Value>,
) -> Option<TokenStream> {
    let def = ctx.types.get(name)?;
    // Every key must be a member: an undocumented one cannot be expressed.
    if map.keys().any(|k| !def.fields.iter().any(|f| &f.name == k)) {
        return None;
    }
    let ident = ctx.names.structure(name);
    let member_owner = Owner::Struct(&def.name);
    let has_default = ctx.has_default(&def.name);
    let (mut required, mut sets) = (Vec::new(), Vec::new());
    for f in &def.fields {
        let shape = ctx.shape(member_owner, f);
        let id = &shape.ident;
        let Some(v) = map.get(&f.name) else {
            if !shape.optional && !has_default {
                return None;
            }
            continue;
        };
        let e = typed_expr(ctx, root, member_owner, &f.name, &f.ty, v)?;
        let e = if shape.boxed {
            quote!(::std::boxed::Box::new(#e))
        } else {
            e
        };
        match (shape.optional, has_default) {
            (true, _) => sets.push(quote!(value.#id = ::std::option::Option::Some(#e);)),
            (false, true) => sets.push(quote!(value.#id = #e;)),
            (false, false) => required.push(e),
        }
    }
    let start = if has_default {
        quote!(<#root::types::#ident as ::std::default::Default>::default())
    } else {
        quote!(#root::types::#ident::new(#( #required ),*))
    };
    Some(quote!({ #[allow(unused_mut)] let mut value = #start; #( #sets )* value }))
}
