//! Doc examples → `tests/it/doc_examples.rs` in the generated crate.
//!
//! Each example request is rebuilt through the fluent builder from its JSON and must
//! serialise back to the page's body; each example response must decode. Examples that
//! contradict the page's own tables are kept as ignored tests that say why.

use super::context::Ctx;
use super::operation::names;
use super::typed_values::builder_calls;
use doc_model::ir::{Action, Example};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit_example_tests(ctx: &Ctx<'_>, crate_ident: &proc_macro2::Ident) -> TokenStream {
    let mut tests = Vec::new();
    for action in &ctx.service.actions {
        for (i, example) in action.examples.iter().enumerate() {
            tests.push(example_test(ctx, crate_ident, action, i + 1, example));
        }
    }
    quote! {
        #![allow(clippy::all)]

        fn client() -> #crate_ident::Client {
            #crate_ident::Client::builder()
                .credentials(::tencentcloud_runtime::Credentials::new("AKIDEXAMPLE", "example-key"))
                .region("ap-guangzhou")
                .build()
                .expect("client")
        }

        #( #tests )*
    }
}

fn example_test(
    ctx: &Ctx<'_>,
    krate: &proc_macro2::Ident,
    action: &Action,
    n: usize,
    example: &Example,
) -> TokenStream {
    let test_name = format_ident!("{}_example_{}", ctx.names.action_text(&action.name), n);
    let (_, response_ty, _, _) = names(action);
    let title = example
        .title
        .clone()
        .unwrap_or_else(|| format!("{} example {n}", action.name));
    let doc = format!(" {title} (doc example {n} of `{}`)", action.name);
    if !example.problems.is_empty() {
        let reason = format!(
            "the doc page's example contradicts the page: {}",
            example.problems.join("; ")
        );
        return quote! {
            #[doc = #doc]
            #[test]
            #[ignore = #reason]
            fn #test_name() {}
        };
    }
    let method = ctx.names.action(&action.name);
    let Some(setters) = builder_calls(ctx, &quote!(#krate), action, &example.request) else {
        let reason = "the example request cannot be expressed with the typed builder";
        return quote! { #[doc = #doc] #[test] #[ignore = #reason] fn #test_name() {} };
    };
    let request_json = serde_json::to_string_pretty(&example.request).unwrap_or_default();
    let response_json = serde_json::to_string_pretty(&example.response).unwrap_or_default();
    let json = quote!(::tencentcloud_runtime::serde_json);
    quote! {
        #[doc = #doc]
        #[test]
        fn #test_name() {
            let request = client().#method() #( #setters )* .into_request();
            let expected: #json::Value = #json::from_str(#request_json).unwrap();
            assert_eq!(
                #json::to_value(&request).unwrap(),
                expected,
                "typed request JSON differs from the doc example"
            );
            let answer: #json::Value = #json::from_str(#response_json).unwrap();
            let body = answer["Response"].clone();
            let typed: #krate::operation::#method::#response_ty = #json::from_value(body.clone())
                .expect("the doc example response decodes into the typed response");
            assert_eq!(typed.request_id.as_deref(), body["RequestId"].as_str());
        }
    }
}
