//! Documented limits → boundary tests in `tests/it/documented_limits.rs` of the generated
//! crate: at the limit a request passes the rule, one past it fails with the rule's
//! doc phrase. The base request is the action's first doc example that conforms.

use super::context::{rust_type, Ctx, Owner};
use super::typed_values::builder_calls;
use doc_model::ir::boundary::{boundary as boundary_of, Sample};
use doc_model::ir::{Action, Field, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use tencentcloud_rules::Checked;

pub fn emit_limit_tests(ctx: &Ctx<'_>, krate: &Ident) -> TokenStream {
    let root = quote!(#krate);
    let tests = ctx
        .service
        .actions
        .iter()
        .filter_map(|a| action_test(ctx, &root, a));
    quote! {
        #![allow(clippy::all)]
        use ::tencentcloud_runtime::rules::{check_field, Rules, Violations};

        fn client() -> #krate::Client {
            #krate::Client::builder()
                .credentials(::tencentcloud_runtime::Credentials::new("AKIDEXAMPLE", "example-key"))
                .build()
                .expect("client")
        }

        /// How many violations of the member `member` cite `source` with `value` in it: the
        /// member's own rules, checked as `validate()` checks them, without reading the
        /// others; the member is put back after (a request of thousands of fields is never
        /// copied).
        fn cited<R: Rules, F>(
            base: &mut R, member: &str, source: &str,
            field: fn(&mut R) -> &mut ::std::option::Option<F>, value: F,
        ) -> usize {
            let at = R::RULES
                .iter()
                .position(|(name, _)| *name == member)
                .expect("the member has rules");
            let saved = ::std::mem::replace(field(base), ::std::option::Option::Some(value));
            let mut out = Violations::default();
            check_field("", member, R::RULES[at].1, base.member_at(at), &mut out);
            *field(base) = saved;
            match out.finish() {
                Ok(()) => 0,
                Err(errors) => errors.0.iter().filter(|v| v.source == source).count(),
            }
        }

        /// `base` with `value` in the member passes the rule of `source`.
        fn accepted<R: Rules, F>(
            base: &mut R, member: &str, source: &str, rule: &str,
            field: fn(&mut R) -> &mut ::std::option::Option<F>, value: F,
        ) {
            assert_eq!(cited(base, member, source, field, value), 0, "at the limit: {rule}");
        }

        /// `base` with `value` in the member breaks the rule of `source`, and the
        /// violation cites it.
        fn refused<R: Rules, F>(
            base: &mut R, member: &str, source: &str, rule: &str,
            field: fn(&mut R) -> &mut ::std::option::Option<F>, value: F,
        ) {
            assert!(cited(base, member, source, field, value) > 0, "one past the limit: {rule}");
        }

        #( #tests )*
    }
}

fn action_test(ctx: &Ctx<'_>, root: &TokenStream, action: &Action) -> Option<TokenStream> {
    let example = action.examples.iter().find(|e| e.problems.is_empty())?;
    let setters = builder_calls(ctx, root, action, &example.request)?;
    // The example must set every required parameter, or the builder has no into_request
    // (or the base request is not valid).
    let given: Vec<&str> = example
        .request
        .as_object()?
        .keys()
        .map(String::as_str)
        .collect();
    if action
        .request
        .iter()
        .any(|f| f.required == Some(true) && !given.contains(&f.name.as_str()))
    {
        return None;
    }
    let checks: Vec<TokenStream> = action
        .request
        .iter()
        .flat_map(|f| {
            f.constraints
                .iter()
                .filter(|c| c.path.is_none())
                .filter_map(move |c| boundary(ctx, root, action, f, &c.checked()?))
        })
        .collect();
    if checks.is_empty() {
        return None;
    }
    let method = ctx.names.action(&action.name);
    let test_name = format_ident!("{}_documented_limits", ctx.names.action_text(&action.name));
    Some(quote! {
        #[test]
        fn #test_name() {
            let mut base =
                ::std::boxed::Box::new(client().#method() #( #setters )* .into_request());
            let base = &mut *base;
            #( #checks )*
        }
    })
}

/// The rule's boundary values ([`doc_model::ir::boundary`]) set on the field in turn: every
/// accepted one passes the rule, the refused one breaks it. `None` when the rule has no
/// boundary or the field cannot hold its samples.
fn boundary(
    ctx: &Ctx<'_>,
    root: &TokenStream,
    action: &Action,
    f: &Field,
    c: &Checked<'_>,
) -> Option<TokenStream> {
    let owner = Owner::Request(&action.name);
    let boundary = boundary_of(&c.rule)?;
    let accepted: Vec<TokenStream> = boundary
        .accepted
        .iter()
        .map(|s| sample_expr(ctx, root, action, f, s))
        .collect::<Option<_>>()?;
    let refused = sample_expr(ctx, root, action, f, &boundary.refused)?;
    let ident = ctx.names.field(owner, &f.name);
    let (member, source) = (&f.name, c.source);
    let rule = format!("{}.{member}: {source}", action.name);
    Some(quote! {
        #( accepted(base, #member, #source, #rule, |r| &mut r.#ident, #accepted); )*
        refused(base, #member, #source, #rule, |r| &mut r.#ident, #refused);
    })
}

/// A Rust expression of the field's type for a sample, when the field can hold it: text
/// samples on scalar strings (and their enums), numbers on scalar integers, item counts on lists.
fn sample_expr(
    ctx: &Ctx<'_>,
    root: &TokenStream,
    action: &Action,
    f: &Field,
    sample: &Sample,
) -> Option<TokenStream> {
    let enum_name = ctx.enums.enum_of(Owner::Request(&action.name), &f.name);
    let string_like = matches!(f.ty, TypeRef::String);
    let text = |e: TokenStream| match enum_name {
        Some(_) => {
            let t = rust_type(&f.ty, enum_name, ctx, root);
            quote!(<#t>::from(#e))
        }
        None => quote!(::std::string::String::from(#e)),
    };
    Some(match sample {
        Sample::Chars(n) if string_like => text(quote!("a".repeat(#n).as_str())),
        Sample::Text(t) if string_like => text(quote!(#t)),
        Sample::JsonObject { .. } if string_like => {
            let json = sample.json_object_text()?;
            text(quote!(#json))
        }
        Sample::Int(n) if matches!(f.ty, TypeRef::Integer) => {
            let n = i64::try_from(*n).ok()?;
            quote!(#n)
        }
        Sample::Items(n) if f.ty.is_array() => {
            let item = list_item(ctx, root, action, f)?;
            quote!((0..#n).map(|i| #item).collect())
        }
        Sample::Chars(_)
        | Sample::Text(_)
        | Sample::JsonObject { .. }
        | Sample::Int(_)
        | Sample::Items(_) => return None,
    })
}

/// The i-th element of a list for item-count tests (distinct where it can be).
fn list_item(ctx: &Ctx<'_>, root: &TokenStream, action: &Action, f: &Field) -> Option<TokenStream> {
    let TypeRef::Array { items } = &f.ty else {
        return None;
    };
    let enum_name = ctx.enums.enum_of(Owner::Request(&action.name), &f.name);
    Some(match (&**items, enum_name) {
        (TypeRef::String, Some(e)) => {
            let t = rust_type(items, Some(e), ctx, root);
            let first = super::enums::enum_values(f)?.0.first()?.value.clone();
            quote!({ let _ = i; <#t>::from(#first) })
        }
        (TypeRef::String, None) => quote!(format!("x-{i}")),
        (TypeRef::Integer, _) => quote!(i as i64),
        (TypeRef::Struct { name }, _) if ctx.has_default(name) => quote!({
            let _ = i;
            ::std::default::Default::default()
        }),
        _ => return None,
    })
}
