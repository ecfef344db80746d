//! Documented limits → boundary tests in `tests/documented_limits.rs` of the generated
//! crate: at the limit a request passes the rule, one past it fails with the rule's
//! doc phrase. The base request is the action's first doc example that conforms.

use super::context::{rust_type, Ctx, Owner};
use super::example_tests::{builder_calls, request_field_is_optional};
use doc_model::ir::{Action, ConstraintKind, Field, LengthUnit, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub fn emit_limit_tests(ctx: &Ctx<'_>, krate: &Ident) -> TokenStream {
    let root = quote!(#krate);
    let tests = ctx.service.actions.iter().filter_map(|a| action_test(ctx, &root, a));
    quote! {
        #![allow(clippy::all)]
        use ::tencentcloud_runtime::Validate;

        fn client() -> #krate::Client {
            #krate::Client::builder()
                .credentials(::tencentcloud_runtime::Credentials::new("AKIDEXAMPLE", "example-key"))
                .build()
                .expect("client")
        }

        /// A JSON object text with `keys` string values and keys `key_len` characters long.
        #[allow(dead_code)]
        fn json_object(keys: usize, key_len: usize) -> String {
            let map: ::serde_json::Map<String, ::serde_json::Value> = (0..keys)
                .map(|i| {
                    let suffix = i.to_string();
                    let pad = key_len.saturating_sub(suffix.len());
                    (format!("{}{}", "k".repeat(pad), suffix), ::serde_json::Value::from("v"))
                })
                .collect();
            ::serde_json::Value::Object(map).to_string()
        }

        /// How many violations of `request` cite `source`.
        fn cited(request: &impl Validate, source: &str) -> usize {
            match request.validate() {
                Ok(()) => 0,
                Err(errors) => errors.0.iter().filter(|v| v.source == source).count(),
            }
        }

        /// `base` changed by `set` passes the rule of `source`. Each check clones the base
        /// in its own frame, so a request of thousands of fields never piles up on the stack.
        fn accepted<R: Validate + Clone>(base: &R, source: &str, rule: &str, set: impl FnOnce(&mut R)) {
            let mut request = base.clone();
            set(&mut request);
            assert_eq!(cited(&request, source), 0, "at the limit: {rule}");
        }

        /// `base` changed by `set` breaks the rule of `source`, and the violation cites it.
        fn refused<R: Validate + Clone>(base: &R, source: &str, rule: &str, set: impl FnOnce(&mut R)) {
            let mut request = base.clone();
            set(&mut request);
            assert!(cited(&request, source) > 0, "one past the limit: {rule}");
        }

        #( #tests )*
    }
}

fn action_test(ctx: &Ctx<'_>, root: &TokenStream, action: &Action) -> Option<TokenStream> {
    let example = action.examples.iter().find(|e| e.problems.is_empty())?;
    let setters = builder_calls(ctx, root, action, &example.request)?;
    // The example must set every required parameter, or the builder has no into_request
    // (or the base request is not valid).
    let given: Vec<&str> = example.request.as_object()?.keys().map(String::as_str).collect();
    if action.request.iter().any(|f| f.required == Some(true) && !given.contains(&f.name.as_str())) {
        return None;
    }
    let checks: Vec<TokenStream> = action
        .request
        .iter()
        .flat_map(|f| f.constraints.iter().filter(|c| c.path.is_none()).filter_map(move |c| boundary(ctx, root, action, f, &c.kind, &c.source)))
        .collect();
    if checks.is_empty() {
        return None;
    }
    let method = ctx.names.action(&action.name);
    let test_name = format_ident!("{}_documented_limits", ctx.names.action_text(&action.name));
    Some(quote! {
        #[test]
        fn #test_name() {
            let base = ::std::boxed::Box::new(client().#method() #( #setters )* .into_request());
            let base = &*base;
            #( #checks )*
        }
    })
}

/// `(value at the limit, value one past it)` for a rule, or `None` if not testable here.
fn boundary(ctx: &Ctx<'_>, root: &TokenStream, action: &Action, f: &Field, kind: &ConstraintKind, source: &str) -> Option<TokenStream> {
    let owner = Owner::Request(&action.name);
    let enum_name = ctx.enums.enum_of(owner, &f.name);
    let element = f.ty.element();
    // Scalar strings only: item-level rules of string lists are not varied here.
    let string_like = matches!(element, TypeRef::String) && !f.ty.is_array();
    let text = |e: TokenStream| match enum_name {
        Some(_) => {
            let t = rust_type(element, enum_name, ctx, root);
            quote!(<#t>::from(#e))
        }
        None => quote!(#e),
    };
    // For enumerations, the at-the-limit check runs for every documented value.
    let mut every_value = quote!();
    let (ok, bad) = match kind {
        ConstraintKind::MaxLength { max, unit } if string_like => {
            let n = usize::try_from(*max).ok()?;
            if *unit == LengthUnit::Characters && n > 100_000 {
                return None;
            }
            (text(quote!("a".repeat(#n))), text(quote!("a".repeat(#n + 1))))
        }
        ConstraintKind::MinLength { min, .. } if string_like && *min > 0 => {
            let n = usize::try_from(*min).ok()?;
            (text(quote!("a".repeat(#n))), text(quote!("a".repeat(#n - 1))))
        }
        ConstraintKind::Minimum { min } if matches!(f.ty, TypeRef::Integer) => {
            let n = min.as_i64()?;
            (quote!(#n), quote!(#n - 1))
        }
        ConstraintKind::Maximum { max } if matches!(f.ty, TypeRef::Integer) => {
            let n = max.as_i64()?;
            (quote!(#n), quote!(#n + 1))
        }
        ConstraintKind::MaxItems { max } if f.ty.is_array() => {
            let n = usize::try_from(*max).ok()?;
            let item = list_item(ctx, root, action, f)?;
            (quote!((0..#n).map(|i| #item).collect()), quote!((0..#n + 1).map(|i| #item).collect()))
        }
        ConstraintKind::MinItems { min } if f.ty.is_array() && *min > 0 => {
            let n = usize::try_from(*min).ok()?;
            let item = list_item(ctx, root, action, f)?;
            (quote!((0..#n).map(|i| #item).collect()), quote!((0..#n - 1).map(|i| #item).collect()))
        }
        ConstraintKind::Enum { values } if string_like && !values.is_empty() => {
            // Every documented value is accepted, verbatim; one that is not is refused.
            let wires: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            every_value = quote!(for value in [#( #wires ),*]);
            (text(quote!(value)), text(quote!("NOT-A-DOCUMENTED-VALUE")))
        }
        ConstraintKind::Prefix { prefix } if string_like => (quote!(format!("{}x", #prefix)), quote!(format!("x{}", #prefix))),
        ConstraintKind::JsonMaxKeys { max } if string_like => {
            let n = usize::try_from(*max).ok()?;
            (quote!(json_object(#n, 1)), quote!(json_object(#n + 1, 1)))
        }
        ConstraintKind::JsonKeyMaxLength { max } if string_like => {
            let n = usize::try_from(*max).ok()?;
            (quote!(json_object(1, #n)), quote!(json_object(1, #n + 1)))
        }
        _ => return None,
    };
    let ident = ctx.names.field(owner, &f.name);
    let wrap = |v: TokenStream| if request_field_is_optional(action, f) { quote!(::std::option::Option::Some(#v)) } else { v };
    let (ok, bad) = (wrap(ok), wrap(bad));
    let rule = format!("{}.{}: {source}", action.name, f.name);
    Some(quote! {
        #every_value {
            accepted(base, #source, #rule, |r| r.#ident = #ok);
        }
        refused(base, #source, #rule, |r| r.#ident = #bad);
    })
}

/// The i-th element of a list for item-count tests (distinct where it can be).
fn list_item(ctx: &Ctx<'_>, root: &TokenStream, action: &Action, f: &Field) -> Option<TokenStream> {
    let TypeRef::Array { items } = &f.ty else { return None };
    let enum_name = ctx.enums.enum_of(Owner::Request(&action.name), &f.name);
    Some(match (&**items, enum_name) {
        (TypeRef::String, Some(e)) => {
            let t = rust_type(items, Some(e), ctx, root);
            let first = super::enums::enum_values(f)?.0.first()?.value.clone();
            quote!({ let _ = i; <#t>::from(#first) })
        }
        (TypeRef::String, None) => quote!(format!("x-{i}")),
        (TypeRef::Integer, _) => quote!(i as i64),
        (TypeRef::Struct { .. }, _) => quote!({ let _ = i; ::std::default::Default::default() }),
        _ => return None,
    })
}
