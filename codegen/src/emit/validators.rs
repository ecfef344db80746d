//! Every IR constraint becomes a check in a generated `validate_into`.
//! Documentation-only kinds (defaults, boolean value meanings) generate nothing.

use super::context::{Ctx, Owner};
use super::naming::ident;
use doc_model::ir::{ConstraintKind, Field, LengthUnit, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

const RT: &str = "::tencentcloud_runtime::validation";

fn rt() -> TokenStream {
    RT.parse().expect("path")
}

/// The body of `validate_into(&self, path, out)` for a struct whose fields are `fields`.
/// `optional(field)` says whether the field is declared `Option<T>`.
pub fn validate_body(ctx: &Ctx<'_>, owner: Owner<'_>, fields: &[Field], optional: &dyn Fn(&Field) -> bool) -> TokenStream {
    let rt = rt();
    let mut checks = Vec::new();
    for field in fields {
        let shape = ctx.shape(owner, field, optional(field));
        let inner = field_checks(ctx, owner, field);
        if inner.is_empty() {
            continue;
        }
        let ident = &shape.ident;
        let wire = &field.name;
        // A boxed member is checked through its box.
        let unbox = if shape.boxed { quote!(let value = &**value;) } else { quote!() };
        let access = if shape.optional {
            quote! { if let ::std::option::Option::Some(value) = &self.#ident }
        } else {
            quote! { let value = &self.#ident; }
        };
        let body = quote! {
            #unbox
            let fp = #rt::join(path, #wire);
            #( #inner )*
        };
        checks.push(if shape.optional {
            quote! { #access { #body } }
        } else {
            quote! { { #access #body } }
        });
    }
    checks.extend(relation_checks(ctx, owner, fields, optional));
    if checks.is_empty() {
        return quote! { let _ = (path, out); };
    }
    quote! { #( #checks )* }
}

/// Checks on one field, reading `value: &T` and the field path `fp`.
fn field_checks(ctx: &Ctx<'_>, owner: Owner<'_>, field: &Field) -> Vec<TokenStream> {
    let rt = rt();
    let is_enum = ctx.enums.enum_of(owner, &field.name).is_some();
    let mut array_level = Vec::new();
    let mut item_level = Vec::new();
    let mut json = JsonRules::default();
    for c in &field.constraints {
        let src = c.source.as_str();
        if let Some(member) = &c.path {
            if let Some(t) = element_member_check(ctx, field, member, &c.kind, src) {
                array_level.push(t);
            }
            continue;
        }
        match &c.kind {
            ConstraintKind::MaxItems { max } if field.ty.is_array() => array_level.push(quote! { out.max_items(&fp, value.len(), #max, #src); }),
            ConstraintKind::MinItems { min } if field.ty.is_array() => array_level.push(quote! { out.min_items(&fp, value.len(), #min, #src); }),
            ConstraintKind::MaxLength { max, unit } => {
                let m = match unit {
                    LengthUnit::Characters => quote!(max_chars),
                    LengthUnit::Bytes => quote!(max_bytes),
                };
                item_level.push(quote! { out.#m(&p, item.as_str(), #max, #src); });
            }
            ConstraintKind::MinLength { min, unit } => {
                let m = match unit {
                    LengthUnit::Characters => quote!(min_chars),
                    LengthUnit::Bytes => quote!(min_bytes),
                };
                item_level.push(quote! { out.#m(&p, item.as_str(), #min, #src); });
            }
            ConstraintKind::Minimum { min } | ConstraintKind::Maximum { max: min } => {
                let method = if matches!(c.kind, ConstraintKind::Minimum { .. }) { quote!(minimum) } else { quote!(maximum) };
                let bound = match field.ty.element() {
                    TypeRef::Integer => match min.as_i64() {
                        Some(n) => quote!(#n),
                        None => continue,
                    },
                    TypeRef::Float => match min.as_f64() {
                        Some(n) => quote!(#n),
                        None => continue,
                    },
                    _ => continue,
                };
                item_level.push(quote! { out.#method(&p, *item, #bound, #src); });
            }
            ConstraintKind::Enum { values } if matches!(field.ty.element(), TypeRef::String) => {
                if is_enum {
                    let e = ident(ctx.enums.enum_of(owner, &field.name).unwrap_or_default());
                    item_level.push(quote! { out.one_of(&p, item.as_str(), crate::enums::#e::DOCUMENTED, #src); });
                } else {
                    let vals: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                    item_level.push(quote! { out.one_of(&p, item.as_str(), &[#(#vals),*], #src); });
                }
            }
            ConstraintKind::Prefix { prefix } => item_level.push(quote! { out.prefix(&p, item.as_str(), #prefix, #src); }),
            ConstraintKind::Charset { class } => {
                let matcher = char_matcher(class);
                item_level.push(quote! { out.charset(&p, item.as_str(), #matcher, #class, #src); });
            }
            ConstraintKind::JsonEncoded => json.encoded = Some(src.to_string()),
            ConstraintKind::JsonStringValues => json.string_values = Some(src.to_string()),
            ConstraintKind::JsonMaxKeys { max } => json.max_keys = Some((*max, src.to_string())),
            ConstraintKind::JsonKeyMaxLength { max } => json.key_max = Some((*max, src.to_string())),
            ConstraintKind::JsonKeyCharset { class } => json.key_charset = Some((class.clone(), src.to_string())),
            _ => {}
        }
    }
    if let Some(t) = json.emit() {
        item_level.push(t);
    }
    if matches!(field.ty.element(), TypeRef::Struct { .. }) {
        item_level.push(quote! { #rt::Validate::validate_into(item, &p, out); });
    }
    if let Some(t) = filter_check(ctx, field) {
        array_level.push(t);
    }
    let mut out = array_level;
    if !item_level.is_empty() {
        out.push(if field.ty.is_array() {
            quote! {
                for (i, item) in value.iter().enumerate() {
                    let p = #rt::index(&fp, i);
                    #( #item_level )*
                }
            }
        } else {
            quote! { { let item = value; let p = fp.clone(); #( #item_level )* } }
        });
    }
    out
}

#[derive(Default)]
struct JsonRules {
    encoded: Option<String>,
    string_values: Option<String>,
    max_keys: Option<(u64, String)>,
    key_max: Option<(u64, String)>,
    key_charset: Option<(String, String)>,
}

impl JsonRules {
    fn emit(&self) -> Option<TokenStream> {
        let src = self.encoded.clone().or_else(|| self.string_values.clone())?;
        let rt = rt();
        let string_values = self.string_values.is_some();
        let sv_src = self.string_values.clone().unwrap_or_default();
        let opt_u64 = |v: &Option<(u64, String)>| match v {
            Some((n, _)) => quote!(::std::option::Option::Some(#n)),
            None => quote!(::std::option::Option::None),
        };
        let max_keys = opt_u64(&self.max_keys);
        let key_max = opt_u64(&self.key_max);
        let mk_src = self.max_keys.as_ref().map(|m| m.1.clone()).unwrap_or_default();
        let km_src = self.key_max.as_ref().map(|m| m.1.clone()).unwrap_or_default();
        let (charset, kc_src) = match &self.key_charset {
            Some((class, s)) => {
                let m = char_matcher(class);
                (quote!(::std::option::Option::Some((&#m, #class))), s.clone())
            }
            None => (quote!(::std::option::Option::None), String::new()),
        };
        Some(quote! {
            out.json_object(&p, item.as_str(), &#rt::JsonObjectRules {
                string_values: #string_values,
                max_keys: #max_keys,
                key_max_chars: #key_max,
                key_charset: #charset,
                sources: #rt::JsonRuleSources { string_values: #sv_src, max_keys: #mk_src, key_max_chars: #km_src, key_charset: #kc_src },
            }, #src);
        })
    }
}

/// A `|c: char| matches!(c, 'a'..='z' | '_')` closure from a regex character class.
pub fn char_matcher(class: &str) -> TokenStream {
    let pats: Vec<TokenStream> = doc_model::ir::char_class::char_ranges(class)
        .into_iter()
        .map(|(a, b)| if a == b { quote!(#a) } else { quote!(#a..=#b) })
        .collect();
    if pats.is_empty() {
        return quote!(|_c: char| false);
    }
    quote!(|c: char| matches!(c, #(#pats)|*))
}

/// A bound on a member of each element (`Filters[i].Values`).
fn element_member_check(ctx: &Ctx<'_>, field: &Field, member: &str, kind: &ConstraintKind, src: &str) -> Option<TokenStream> {
    let rt = rt();
    let TypeRef::Array { items } = &field.ty else { return None };
    let TypeRef::Struct { name } = &**items else { return None };
    let def = ctx.types.get(name.as_str())?;
    let m = def.fields.iter().find(|f| f.name == member)?;
    if !m.ty.is_array() {
        return None;
    }
    let ident = ctx.names.field(Owner::Struct(&def.name), &m.name);
    let check = match kind {
        ConstraintKind::MaxItems { max } => quote! { out.max_items(&mp, v.len(), #max, #src); },
        ConstraintKind::MinItems { min } => quote! { out.min_items(&mp, v.len(), #min, #src); },
        _ => return None,
    };
    let access = if member_is_optional(m) {
        quote! { if let ::std::option::Option::Some(v) = &item.#ident { #check } }
    } else {
        quote! { { let v = &item.#ident; #check } }
    };
    Some(quote! {
        for (i, item) in value.iter().enumerate() {
            let mp = #rt::join(&#rt::index(&fp, i), #member);
            #access
        }
    })
}

/// Documented filter names (and their values) for a `Filters` array of `{Name, Values}`.
fn filter_check(ctx: &Ctx<'_>, field: &Field) -> Option<TokenStream> {
    let filters: Vec<(&String, &Vec<String>, &str)> = field
        .constraints
        .iter()
        .filter_map(|c| match &c.kind {
            ConstraintKind::Filter { name, values } => Some((name, values, c.source.as_str())),
            _ => None,
        })
        .collect();
    if filters.is_empty() {
        return None;
    }
    let TypeRef::Array { items } = &field.ty else { return None };
    let TypeRef::Struct { name: sname } = &**items else { return None };
    let def = ctx.types.get(sname.as_str())?;
    let name_f = def.fields.iter().find(|f| f.name == "Name" && matches!(f.ty, TypeRef::String))?;
    let values_f = def.fields.iter().find(|f| f.name == "Values" && matches!(&f.ty, TypeRef::Array { items } if **items == TypeRef::String))?;
    let owner = Owner::Struct(&def.name);
    if ctx.enums.enum_of(owner, "Name").is_some() || ctx.enums.enum_of(owner, "Values").is_some() {
        return None;
    }
    let (name_id, values_id) = (ctx.names.field(owner, &name_f.name), ctx.names.field(owner, &values_f.name));
    let rt = rt();
    // `tag:tag-key` documents a family: any name starting with `tag:`.
    let exact: Vec<&str> = filters.iter().filter(|f| !f.0.contains(':')).map(|f| f.0.as_str()).collect();
    let prefixes: Vec<String> = filters.iter().filter_map(|f| f.0.split_once(':').map(|(p, _)| format!("{p}:"))).collect();
    let names_src = format!("documented filters: {}", filters.iter().map(|f| f.0.as_str()).collect::<Vec<_>>().join(", "));
    let name_access = if member_is_optional(name_f) {
        quote!(item.#name_id.as_deref().unwrap_or_default())
    } else {
        quote!(item.#name_id.as_str())
    };
    let values_access = if member_is_optional(values_f) {
        quote!(item.#values_id.as_deref().unwrap_or_default())
    } else {
        quote!(item.#values_id.as_slice())
    };
    let arms: Vec<TokenStream> = filters
        .iter()
        .filter(|f| !f.1.is_empty() && !f.0.contains(':'))
        .map(|(n, vals, src)| {
            let n = n.as_str();
            quote! {
                if name == #n {
                    for (j, v) in values.iter().enumerate() {
                        out.one_of(&#rt::index(&#rt::join(&ip, "Values"), j), v.as_str(), &[#(#vals),*], #src);
                    }
                }
            }
        })
        .collect();
    let value_checks = if arms.is_empty() {
        quote!()
    } else {
        quote! {
            let values: &[::std::string::String] = #values_access;
            #( #arms )*
        }
    };
    Some(quote! {
        for (i, item) in value.iter().enumerate() {
            let ip = #rt::index(&fp, i);
            let name: &str = #name_access;
            let known = [#(#exact),*].contains(&name) || [#(#prefixes),*].iter().any(|p: &&str| name.starts_with(*p));
            if !known {
                out.one_of(&#rt::join(&ip, "Name"), name, &[#(#exact),*], #names_src);
            }
            #value_checks
        }
    })
}

/// Whether a structure's member is declared `Option<T>` (the rule of `types.rs`; members
/// checked here are arrays and strings, never boxed).
fn member_is_optional(field: &Field) -> bool {
    super::types::is_optional_member(field)
}

/// Presence and the value-as-text of sibling fields, for relation checks.
fn relation_checks(ctx: &Ctx<'_>, owner: Owner<'_>, fields: &[Field], optional: &dyn Fn(&Field) -> bool) -> Vec<TokenStream> {
    let rt = rt();
    let find = |name: &str| fields.iter().find(|f| f.name == name);
    let present = |f: &Field| -> TokenStream {
        let ident = ctx.names.field(owner, &f.name);
        if optional(f) { quote!(self.#ident.is_some()) } else { quote!(true) }
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for field in fields {
        for c in &field.constraints {
            let src = c.source.as_str();
            match &c.kind {
                ConstraintKind::MutuallyExclusive { fields: names }
                | ConstraintKind::ExactlyOneOf { fields: names }
                | ConstraintKind::AtLeastOneOf { fields: names } => {
                    let mut key: Vec<String> = names.clone();
                    key.sort();
                    let tag = match c.kind {
                        ConstraintKind::MutuallyExclusive { .. } => "x",
                        ConstraintKind::ExactlyOneOf { .. } => "1",
                        _ => "+",
                    };
                    if !seen.insert((tag, key)) {
                        continue;
                    }
                    let Some(members) = names.iter().map(|n| find(n)).collect::<Option<Vec<_>>>() else { continue };
                    let presences: Vec<TokenStream> = members.iter().map(|f| present(f)).collect();
                    let list = names.join(", ");
                    let (cond, rule) = match c.kind {
                        ConstraintKind::MutuallyExclusive { .. } => (quote!(given > 1), format!("at most one of {list}")),
                        ConstraintKind::ExactlyOneOf { .. } => (quote!(given != 1), format!("exactly one of {list}")),
                        _ => (quote!(given == 0), format!("at least one of {list}")),
                    };
                    out.push(quote! {
                        {
                            let given = [#(#presences),*].iter().filter(|p| **p).count();
                            if #cond {
                                out.push(#rt::join(path, #list), #rule.to_string(), format!("{given} given"), #src);
                            }
                        }
                    });
                }
                ConstraintKind::RequiredIf { field: other, equals } => {
                    let Some(other_f) = find(other) else { continue };
                    if !matches!(other_f.ty, TypeRef::String) {
                        continue;
                    }
                    let oi = ctx.names.field(owner, &other_f.name);
                    let condition = if optional(other_f) {
                        quote!(self.#oi.as_ref().map(|v| v.as_str()) == ::std::option::Option::Some(#equals))
                    } else {
                        quote!(self.#oi.as_str() == #equals)
                    };
                    if !optional(field) {
                        continue; // always given: the rule holds by construction
                    }
                    let mi = ctx.names.field(owner, &field.name);
                    let wire = &field.name;
                    let rule = format!("given when {other} is {equals}");
                    out.push(quote! {
                        if #condition && self.#mi.is_none() {
                            out.push(#rt::join(path, #wire), #rule.to_string(), "missing".to_string(), #src);
                        }
                    });
                }
                _ => {}
            }
        }
    }
    out
}
