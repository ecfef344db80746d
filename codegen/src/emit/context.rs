//! What every emitter needs to know about the service: types, enums, names, field shapes.

use super::directions::Directions;
use super::enums::{plan, EnumPlan};
use super::name_plan::NamePlan;
pub use super::name_plan::Owner;
use super::recursion::boxed_members;
use doc_model::ir::{Field, Service, StructType, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

pub struct Ctx<'a> {
    pub service: &'a Service,
    pub enums: EnumPlan,
    pub names: NamePlan,
    pub types: BTreeMap<&'a str, &'a StructType>,
    /// Which way each structure travels (`Serialize` and rules, `Deserialize`, leniency).
    pub directions: Directions,
    /// `(structure, member)` pairs that close a cycle of structures: declared `Option<Box<T>>`.
    pub boxed: BTreeSet<(String, String)>,
    /// Structures with a member that has no `Default` (a required enum, or such a
    /// structure): they get `new(…)` instead of `Default`.
    pub without_default: BTreeSet<String>,
    /// Wire names some rule of the service asks a structure or request for besides its
    /// own entries: members of relations, element members (`path`), filter `Name`/`Values`.
    pub named_by_rules: BTreeSet<String>,
}

/// How a field is declared in Rust.
pub struct Shape {
    pub ident: Ident,
    /// Declared as `Option<T>`.
    pub optional: bool,
    /// Declared as `Box<T>` inside the option (the member closes a cycle of structures).
    pub boxed: bool,
    /// The value type, without `Option` or `Box`.
    pub ty: TokenStream,
}

impl Shape {
    /// The declared type inside the `Option`: the value, boxed when it closes a cycle.
    pub fn boxed_ty(&self) -> TokenStream {
        let ty = &self.ty;
        if self.boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            quote!(#ty)
        }
    }
}

impl<'a> Ctx<'a> {
    pub fn new(service: &'a Service) -> Self {
        let types: BTreeMap<&str, &StructType> =
            service.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let directions = Directions::of(service, &types);
        let mut names = NamePlan::new(service);
        let enums = plan(service, &names);
        check_variant_names(service, &enums, &mut names);
        let named_by_rules = named_by_rules(service);
        let mut ctx = Ctx {
            service,
            enums,
            names,
            types,
            directions,
            boxed: boxed_members(&service.types),
            without_default: BTreeSet::new(),
            named_by_rules,
        };
        ctx.without_default = ctx.structures_without_default();
        ctx
    }

    /// Whether a member is declared `Option<T>`, decided here alone (the emitters and the
    /// public surface ask): every request member (the builder's types and `validate()`
    /// enforce the required ones) and every response member (answers are read as they
    /// come); a structure member by [`Ctx::member_optional`].
    pub fn declared_optional(&self, owner: Owner<'_>, field: &Field) -> bool {
        match owner {
            Owner::Request(_) | Owner::Response(_) => true,
            Owner::Struct(s) => self.member_optional(s, field),
        }
    }

    /// Whether a structure member is declared `Option<T>`: not marked required, documented
    /// as nullable, closing a cycle (boxed), or an enum in a structure that answers carry
    /// (decoded leniently, and enums have no default to decode a missing value into).
    fn member_optional(&self, structure: &str, field: &Field) -> bool {
        field.required != Some(true)
            || field.nullable
            || self
                .boxed
                .contains(&(structure.to_string(), field.name.clone()))
            || (self.directions.in_answers(structure)
                && self
                    .enums
                    .enum_of(Owner::Struct(structure), &field.name)
                    .is_some())
    }

    /// The members `new(…)` takes, in page order (those not declared `Option`); `None`
    /// when every member is optional, and the structure has no `new`.
    pub fn constructor_params<'f>(&self, t: &'f StructType) -> Option<Vec<&'f Field>> {
        let owner = Owner::Struct(&t.name);
        let params: Vec<&Field> = t
            .fields
            .iter()
            .filter(|f| !self.declared_optional(owner, f))
            .collect();
        (!params.is_empty()).then_some(params)
    }

    /// A required member without `Default` makes its structure lack one, and so on up.
    fn structures_without_default(&self) -> BTreeSet<String> {
        let mut without = BTreeSet::new();
        loop {
            let before = without.len();
            for t in &self.service.types {
                let lacks = t
                    .fields
                    .iter()
                    .filter(|f| !self.member_optional(&t.name, f) && !f.ty.is_array())
                    .any(|f| {
                        self.enums
                            .enum_of(Owner::Struct(&t.name), &f.name)
                            .is_some()
                            || f.ty.struct_name().is_some_and(|s| without.contains(s))
                    });
                if lacks {
                    without.insert(t.name.clone());
                }
            }
            if without.len() == before {
                return without;
            }
        }
    }

    /// The Rust type of a field of `owner` (enum-aware), without `Option` or `Box`.
    pub fn rust_type(&self, owner: Owner<'_>, field: &Field) -> TokenStream {
        let enum_name = self.enums.enum_of(owner, &field.name);
        rust_type(&field.ty, enum_name, self, &quote!(crate))
    }

    pub fn has_default(&self, structure: &str) -> bool {
        !self.without_default.contains(structure)
    }

    pub fn is_boxed(&self, owner: Owner<'_>, field: &Field) -> bool {
        let key = |s: &str| (s.to_string(), field.name.clone());
        matches!(owner, Owner::Struct(s) if self.boxed.contains(&key(s)))
    }

    /// A field's declaration. Boxed members are always optional: a required cycle has no
    /// finite value (and `Default` would never end).
    pub fn shape(&self, owner: Owner<'_>, field: &Field) -> Shape {
        let boxed = self.is_boxed(owner, field);
        Shape {
            ident: self.names.field(owner, &field.name),
            optional: self.declared_optional(owner, field) || boxed,
            boxed,
            ty: self.rust_type(owner, field),
        }
    }
}

/// Every member name a rule of the service reads besides the member it is on.
fn named_by_rules(service: &Service) -> BTreeSet<String> {
    use tencentcloud_rules::Rule;
    let fields = service
        .actions
        .iter()
        .flat_map(|a| &a.request)
        .chain(service.types.iter().flat_map(|t| &t.fields));
    let mut names = BTreeSet::new();
    for checked in fields
        .flat_map(|f| &f.constraints)
        .filter_map(|c| c.checked())
    {
        names.extend(checked.path.map(str::to_string));
        match &checked.rule {
            Rule::MutuallyExclusive { fields }
            | Rule::ExactlyOneOf { fields }
            | Rule::AtLeastOneOf { fields } => names.extend(fields.iter().map(str::to_string)),
            Rule::RequiredIf { field, .. } => {
                names.insert(field.to_string());
            }
            Rule::Filter { .. } => names.extend(["Name".to_string(), "Values".to_string()]),
            _ => {}
        }
    }
    names
}

/// Adds a warning for each enum value or error code whose variant had to be renamed.
fn check_variant_names(service: &Service, enums: &EnumPlan, names: &mut NamePlan) {
    use super::identifiers::{camel, error_variant};
    use super::name_plan::{ENUM_MEMBERS, ERROR_CODE_MEMBERS};
    for def in &enums.defs {
        let wires: Vec<&str> = def.values.iter().map(|v| v.value.as_str()).collect();
        names.check_variants(
            &wires,
            camel,
            ENUM_MEMBERS,
            &format!("the values of enum {}", def.name),
            &def.location,
        );
    }
    for action in &service.actions {
        let codes = super::errors::action_codes(service, action);
        let wires: Vec<&str> = codes.iter().map(|e| e.code.as_str()).collect();
        names.check_variants(
            &wires,
            error_variant,
            ERROR_CODE_MEMBERS,
            &format!("{}'s error codes", action.name),
            &action.location,
        );
    }
    let codes = super::errors::sorted_codes(service.common_errors.iter());
    let wires: Vec<&str> = codes.iter().map(|e| e.code.as_str()).collect();
    if let Some(first) = service.actions.first() {
        names.check_variants(
            &wires,
            error_variant,
            ERROR_CODE_MEMBERS,
            "the common error codes",
            &first.location,
        );
    }
}

/// The Rust type for a wire type; `root` is `crate` inside the crate, its name outside.
pub fn rust_type(
    ty: &TypeRef,
    enum_name: Option<&str>,
    ctx: &Ctx<'_>,
    root: &TokenStream,
) -> TokenStream {
    match ty {
        TypeRef::String => match enum_name {
            Some(e) => {
                let e = super::identifiers::ident(e);
                quote!(#root::enums::#e)
            }
            None => quote!(::std::string::String),
        },
        TypeRef::Integer => quote!(i64),
        TypeRef::Float => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary => {
            quote!(::std::string::String)
        }
        TypeRef::Json => quote!(::tencentcloud_runtime::serde_json::Value),
        TypeRef::Array { items } => {
            let inner = rust_type(items, enum_name, ctx, root);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Struct { name } => {
            let n = ctx.names.structure(name);
            quote!(#root::types::#n)
        }
    }
}
