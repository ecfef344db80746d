//! A doc example's request as the builder call a reader would write: literals where a
//! setter takes text (`impl Into<…>`), arrays for lists, structures built member by member
//! with `Some("…".into())`, then `.send().await?`.

use super::super::context::{Ctx, Owner};
use super::super::identifiers::ident;
use super::super::typed_values::typed_expr;
use super::plan::OperationPlan;
use doc_model::ir::{Field, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// `let answer = client.action().setter(…)….send().await?;`, formatted; `None` when a
/// member is not a parameter, a value does not fit its type, or a required parameter is
/// missing (the call would not compile).
pub fn example_code(
    ctx: &Ctx<'_>,
    plan: &OperationPlan<'_>,
    body: &Value,
    crate_ident: &str,
) -> Option<Vec<String>> {
    let members = body.as_object()?;
    if plan.required.iter().any(|f| !members.contains_key(&f.name)) {
        return None;
    }
    let owner = Owner::Request(&plan.action.name);
    let root = ident(crate_ident);
    let doc = Doc {
        ctx,
        root: quote!(#root),
    };
    let mut calls = Vec::new();
    for (key, value) in members {
        let field = plan.action.request.iter().find(|f| &f.name == key)?;
        let setter = ctx.names.field(owner, &field.name);
        let argument = doc.argument(owner, field, value)?;
        calls.push(quote!(.#setter(#argument)));
    }
    let method = ctx.names.action(&plan.action.name);
    let tokens = quote! {
        async fn example() {
            let answer = client.#method() #( #calls )* .send().await?;
        }
    };
    let file: syn::File = syn::parse2(tokens).ok()?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines.get(1..lines.len().saturating_sub(1))?;
    Some(
        inner
            .iter()
            .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string())
            .collect(),
    )
}

/// Values written for readers, in the crate `root`.
struct Doc<'c, 'a> {
    ctx: &'c Ctx<'a>,
    root: TokenStream,
}

impl Doc<'_, '_> {
    /// Text on the wire: a string, or a value of the member's enumeration (which names the
    /// member's elements when it is a list).
    fn text_like(&self, owner: Owner<'_>, field: &str, ty: &TypeRef) -> bool {
        !ty.is_array() && self.ctx.enums.enum_of(owner, field).is_some()
            || matches!(
                ty,
                TypeRef::String | TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary
            )
    }

    /// A setter's argument: setters take text as `impl Into<…>` and lists as iterators.
    fn argument(&self, owner: Owner<'_>, field: &Field, value: &Value) -> Option<TokenStream> {
        let name = field.name.as_str();
        match &field.ty {
            ty if self.text_like(owner, name, ty) => value.as_str().map(|s| quote!(#s)),
            TypeRef::Array { items } if self.text_like(owner, name, items) => {
                let texts = value.as_array()?.iter().map(Value::as_str);
                let texts = texts.collect::<Option<Vec<_>>>()?;
                Some(quote!([ #( #texts ),* ]))
            }
            TypeRef::Array { items } if !items.is_array() => {
                let items = value
                    .as_array()?
                    .iter()
                    .map(|v| self.value(owner, name, items, v));
                let items = items.collect::<Option<Vec<_>>>()?;
                Some(quote!([ #( #items ),* ]))
            }
            ty => self.value(owner, name, ty, value),
        }
    }

    /// A value of exactly the member's type.
    fn value(
        &self,
        owner: Owner<'_>,
        field: &str,
        ty: &TypeRef,
        value: &Value,
    ) -> Option<TokenStream> {
        match ty {
            ty if self.text_like(owner, field, ty) => value.as_str().map(|s| quote!(#s.into())),
            TypeRef::Array { items } => {
                let items = value
                    .as_array()?
                    .iter()
                    .map(|v| self.value(owner, field, items, v));
                let items = items.collect::<Option<Vec<_>>>()?;
                Some(quote!(vec![ #( #items ),* ]))
            }
            TypeRef::Struct { name } if self.ctx.has_default(name) => {
                self.structure(name, value.as_object()?)
            }
            ty => typed_expr(self.ctx, &self.root, owner, field, ty, value),
        }
    }

    /// `{ let mut value = T::default(); value.member = Some(…); value }`; `None` when a key
    /// is not a member.
    fn structure(
        &self,
        name: &str,
        members: &serde_json::Map<String, Value>,
    ) -> Option<TokenStream> {
        let def = self.ctx.types.get(name)?;
        let owner = Owner::Struct(&def.name);
        let ty = self.ctx.names.structure(name);
        let root = &self.root;
        let mut sets = Vec::new();
        for (key, value) in members {
            let field = def.fields.iter().find(|f| &f.name == key)?;
            let shape = self.ctx.shape(owner, field);
            let mut expr = self.value(owner, &field.name, &field.ty, value)?;
            if shape.boxed {
                expr = quote!(Box::new(#expr));
            }
            if shape.optional {
                expr = quote!(Some(#expr));
            }
            let member = &shape.ident;
            sets.push(quote!(value.#member = #expr;));
        }
        Some(quote!({
            let mut value = #root::types::#ty::default();
            #( #sets )*
            value
        }))
    }
}
