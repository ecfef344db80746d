//! What every emitter needs to know about the service: types, enums, field shapes.

use super::enums::{plan, EnumPlan};
use super::naming::{field_ident, type_ident};
use crate::ir::{Field, Service, StructType, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

pub struct Ctx<'a> {
    pub service: &'a Service,
    pub enums: EnumPlan,
    pub types: BTreeMap<&'a str, &'a StructType>,
    /// Structures reachable from some response: their required fields decode leniently.
    pub response_types: BTreeSet<String>,
}

/// How a field is declared in Rust.
pub struct Shape {
    pub ident: Ident,
    /// Declared as `Option<T>`.
    pub optional: bool,
    pub ty: TokenStream,
}

impl<'a> Ctx<'a> {
    pub fn new(service: &'a Service) -> Self {
        let types: BTreeMap<&str, &StructType> = service.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut response_types = BTreeSet::new();
        let mut stack: Vec<&str> = service
            .actions
            .iter()
            .flat_map(|a| &a.response)
            .filter_map(|f| struct_name(&f.ty))
            .collect();
        while let Some(name) = stack.pop() {
            if response_types.insert(name.to_string()) {
                if let Some(t) = types.get(name) {
                    stack.extend(t.fields.iter().filter_map(|f| struct_name(&f.ty)));
                }
            }
        }
        Ctx { service, enums: plan(service), types, response_types }
    }

    /// The Rust type of a field of `owner` (enum-aware).
    pub fn rust_type(&self, owner: &str, field: &Field) -> TokenStream {
        let enum_name = self.enums.enum_of(owner, &field.name);
        rust_type(&field.ty, enum_name, &quote!(crate))
    }

    pub fn shape(&self, owner: &str, field: &Field, optional: bool) -> Shape {
        Shape { ident: field_ident(&field.name), optional, ty: self.rust_type(owner, field) }
    }
}

pub fn struct_name(ty: &TypeRef) -> Option<&str> {
    match ty.element() {
        TypeRef::Struct { name } => Some(name),
        _ => None,
    }
}

/// The Rust type for a wire type; `root` is `crate` inside the crate, its name outside.
pub fn rust_type(ty: &TypeRef, enum_name: Option<&str>, root: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => match enum_name {
            Some(e) => {
                let e = type_ident(e);
                quote!(#root::enums::#e)
            }
            None => quote!(::std::string::String),
        },
        TypeRef::Integer => quote!(i64),
        TypeRef::Float => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary => quote!(::std::string::String),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Array { items } => {
            let inner = rust_type(items, enum_name, root);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Struct { name } => {
            let n = type_ident(name);
            quote!(#root::types::#n)
        }
    }
}
