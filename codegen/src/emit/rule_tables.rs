//! A request's or structure's documented limits → its static rule table, and the
//! `member_at()` that shows each member's value to the rules (`tencentcloud_rules::Rules`).
//! What a rule means lives in the rules crate; this only writes the table down.

use super::context::{Ctx, Owner};
use super::rule_tokens::CheckedTokens;
use doc_model::ir::{Field, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
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

/// `impl Rules for #name`: one table entry per member with rules, holding structures, or
/// named by a rule (checked against the whole service, so no structure misses one), and
/// `member_at()` by position in that table; the rules crate finds a member by name through
/// the table. `required(field)` says which members get `Required`.
pub fn rules_impl(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    name: &Ident,
    fields: &[Field],
    required: &dyn Fn(&Field) -> bool,
) -> TokenStream {
    // The rules crate as generated code names it (`short_paths` imports it where it can).
    let rules = quote!(::tencentcloud_runtime::rules);
    let named = |f: &Field| ctx.named_by_rules.contains(&f.name);
    let entries: Vec<(&Field, TokenStream)> = fields
        .iter()
        .filter_map(|f| Some((f, table_entry(f, required(f), named(f))?)))
        .collect();
    if entries.is_empty() {
        return quote!(impl #rules::Rules for #name {});
    }
    let table = entries.iter().map(|(_, entry)| entry);
    let by_position = entries.iter().enumerate().map(|(at, (f, _))| {
        let (at, view) = (
            Literal::usize_unsuffixed(at),
            member_view(ctx, owner, f, &rules),
        );
        quote!(#at => #view,)
    });
    quote! {
        impl #rules::Rules for #name {
            const RULES: &'static [#rules::FieldRules<'static>] = &[#( #table ),*];
            fn member_at(&self, index: usize) -> #rules::View<'_> {
                match index { #( #by_position )* _ => #rules::View::Absent }
            }
        }
    }
}

/// A member's entry in the rule table, when it has rules, holds structures or is `named`
/// by a rule.
fn table_entry(f: &Field, required: bool, named: bool) -> Option<TokenStream> {
    let checked = field_rules(f, required);
    let holds_structures = matches!(f.ty.element(), TypeRef::Struct { .. });
    if checked.is_empty() && !holds_structures && !named {
        return None;
    }
    let wire = &f.name;
    let items = checked.iter().map(CheckedTokens);
    // A tuple, not a function call: the inner `&[…]` of a constant's value lives for
    // `'static` only inside a literal (its rules hold lists, so it is not promoted).
    Some(quote!((#wire, &[#( #items ),*])))
}

/// What the rules see of a member (a boxed structure through its box).
fn member_view(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field, rules: &TokenStream) -> TokenStream {
    let shape = ctx.shape(owner, f);
    let ident = &shape.ident;
    if shape.boxed {
        quote!(match &self.#ident {
            ::std::option::Option::Some(value) => #rules::View::Object(&**value),
            ::std::option::Option::None => #rules::View::Absent,
        })
    } else {
        quote!(#rules::view(&self.#ident))
    }
}
