//! A request's or structure's documented limits → its static rule table, and the `member()`
//! that shows each member's value to the rules (`tencentcloud_rules::Rules`). What a rule
//! means lives in the rules crate; this only writes the table down.

use super::context::{Ctx, Owner};
use super::rule_tokens::CheckedTokens;
use doc_model::ir::{Field, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tencentcloud_rules::{Checked, Rule};

/// The rules of a field: its documented constraints, plus `Required` when `required` (a
/// required member the types do not enforce).
pub fn field_rules<'f>(field: &'f Field, required: bool) -> Vec<Checked<'f>> {
    let mut rules: Vec<Checked<'_>> = field
        .constraints
        .iter()
        .filter_map(|c| c.checked())
        .collect();
    if required {
        rules.insert(
            0,
            Checked {
                rule: Rule::Required,
                source: "Required: Yes",
                path: None,
            },
        );
    }
    rules
}

/// `impl Rules for #name`: one table entry per member with rules or holding structures,
/// and `member()` over every member. `required(field)` says which members get `Required`.
pub fn rules_impl(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    name: &Ident,
    fields: &[Field],
    required: &dyn Fn(&Field) -> bool,
) -> TokenStream {
    // The rules crate as generated code names it (`short_paths` imports it where it can).
    let rules = quote!(::tencentcloud_runtime::rules);
    let entries = fields.iter().filter_map(|f| {
        let checked = field_rules(f, required(f));
        let holds_structures = matches!(f.ty.element(), TypeRef::Struct { .. });
        if checked.is_empty() && !holds_structures {
            return None;
        }
        let wire = &f.name;
        let items = checked.iter().map(CheckedTokens);
        // A tuple, not a function call: the inner `&[…]` of a constant's value lives for
        // `'static` only inside a literal (its rules hold lists, so it is not promoted).
        Some(quote!((#wire, &[#( #items ),*])))
    });
    let entries: Vec<TokenStream> = entries.collect();
    // `member()` answers what the check can ask: members with an entry, and members some
    // rule names (checked against the whole service, so no structure misses one).
    let asked = |f: &&Field| {
        ctx.named_by_rules.contains(&f.name)
            || !field_rules(f, required(f)).is_empty()
            || matches!(f.ty.element(), TypeRef::Struct { .. })
    };
    let arms: Vec<TokenStream> = fields
        .iter()
        .filter(asked)
        .map(|f| {
            let shape = ctx.shape(owner, f, true);
            let ident = &shape.ident;
            let wire = &f.name;
            if shape.boxed {
                quote!(#wire => match &self.#ident {
                    ::std::option::Option::Some(value) => #rules::View::Object(&**value),
                    ::std::option::Option::None => #rules::View::Absent,
                },)
            } else {
                quote!(#wire => #rules::view(&self.#ident),)
            }
        })
        .collect();
    let table = if entries.is_empty() {
        quote!()
    } else {
        quote!(const RULES: &'static [#rules::FieldRules<'static>] = &[#( #entries ),*];)
    };
    let member = if arms.is_empty() {
        quote!()
    } else {
        quote! {
            fn member(&self, name: &str) -> #rules::View<'_> {
                match name { #( #arms )* _ => #rules::View::Absent }
            }
        }
    };
    quote! {
        impl #rules::Rules for #name {
            #table
            #member
        }
    }
}
