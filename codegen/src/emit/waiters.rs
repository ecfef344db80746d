//! `src/waiters.rs`, for a drop with a `waiters.toml`: per waiter, `Client::wait_until_<name>()`
//! returning a type with the action's setters, the polling delays and `wait(max)`, and the
//! waiter's rule as data for the runtime's one polling loop (`tencentcloud_runtime::waiter`).

use super::context::Ctx;
use super::docs::doc_attrs;
use super::identifiers::{camel, ident};
use super::operation::{plain_setter, OperationPlan};
use doc_model::ir::waiters::Waiter;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

pub fn emit_waiters(ctx: &Ctx<'_>) -> TokenStream {
    let mut imports = BTreeSet::new();
    let waiters: Vec<TokenStream> = ctx
        .service
        .waiters
        .iter()
        .filter_map(|w| {
            let action = ctx.service.actions.iter().find(|a| a.name == w.action)?;
            let plan = OperationPlan::new(ctx, action);
            let module = ctx.names.action(&action.name);
            let request = &plan.request;
            imports.insert(quote!(crate::operation::#module::#request).to_string());
            Some(waiter(ctx, w, &plan, &module))
        })
        .collect();
    let imports = imports.iter().map(|path| {
        let path: TokenStream = path.parse().expect("a path quoted above");
        quote!(use #path;)
    });
    quote! {
        //! Waiters: an action polled until a member of its answer takes a final value, as
        //! declared beside the pages (`waiters.toml`) and checked against them.
        pub use ::tencentcloud_runtime::waiter::WaitError;
        #( #imports )*
        #( #waiters )*
    }
}

fn waiter(
    ctx: &Ctx<'_>,
    w: &Waiter,
    plan: &OperationPlan<'_>,
    module: &proc_macro2::Ident,
) -> TokenStream {
    let ty = ident(&camel(&w.name));
    let method = format_ident!("wait_until_{}", w.name);
    let rule = format_ident!("{}", w.name.to_uppercase());
    let request = &plan.request;
    let setters = plan
        .action
        .request
        .iter()
        .map(|f| plain_setter(ctx, plan, f));
    let rule_const = rule_const(w, &rule);
    let method_doc = method_doc(w, module);
    let type_doc = doc_attrs(&format!(
        "The waiter `{}`, from [`Client::{method}`](crate::Client::{method}).",
        w.name
    ));
    let wait = wait_method(plan, module, &rule);
    quote! {
        #rule_const

        impl crate::Client {
            #method_doc
            pub fn #method(&self) -> #ty {
                let draft = ::tencentcloud_runtime::Draft::new(self.clone());
                #ty(draft, ::std::default::Default::default())
            }
        }

        #type_doc
        #[derive(Debug, Clone)]
        #[must_use = "a waiter does nothing until `.wait(max)` is awaited"]
        pub struct #ty(
            ::tencentcloud_runtime::Draft<crate::Client, #request, ()>,
            ::tencentcloud_runtime::waiter::Polling,
        );

        impl #ty {
            #( #setters )*

            /// The shortest delay between two polls (default one second); delays double from
            /// it, with jitter.
            pub fn min_delay(mut self, delay: ::std::time::Duration) -> Self {
                self.1.min_delay = delay;
                self
            }

            /// The longest delay between two polls (default twenty seconds).
            pub fn max_delay(mut self, delay: ::std::time::Duration) -> Self {
                self.1.max_delay = delay;
                self
            }

            #wait
        }
    }
}

/// The waiter's rule as data for the runtime.
fn rule_const(w: &Waiter, rule: &proc_macro2::Ident) -> TokenStream {
    let (name, path) = (&w.name, path_tokens(w));
    let (success, failure, retry) = (&w.success, &w.failure, &w.retry);
    quote! {
        const #rule: ::tencentcloud_runtime::waiter::WaitRule =
            ::tencentcloud_runtime::waiter::WaitRule {
                name: #name,
                path: &[ #( #path ),* ],
                success: &[ #( #success ),* ],
                failure: &[ #( #failure ),* ],
                retry: &[ #( #retry ),* ],
            };
    }
}

fn method_doc(w: &Waiter, module: &proc_macro2::Ident) -> TokenStream {
    let list = |values: &[String]| match values {
        [] => "none".to_string(),
        _ => values.join(", "),
    };
    doc_attrs(&format!(
        "Waits until `{}` in the answer of `{}` is done: every value {} (a success), or \
         any value {} (a failure); {} and any other value are polled again.\n\nSet the \
         request like [`Client::{module}`](crate::Client::{module}), then `.wait(max)`.",
        path_text(w),
        w.action,
        list(&w.success),
        list(&w.failure),
        list(&w.retry),
    ))
}

/// `wait(max)`: the runtime's polling loop over the request as set.
fn wait_method(
    plan: &OperationPlan<'_>,
    module: &proc_macro2::Ident,
    rule: &proc_macro2::Ident,
) -> TokenStream {
    let (response, code) = (&plan.response, &plan.code);
    quote! {
        /// Polls until done, for at most `max`: the last answer on success, else the
        /// failure value that ended the wait, the timeout, or the call that failed.
        pub async fn wait(
            self,
            max: ::std::time::Duration,
        ) -> ::std::result::Result<
            crate::operation::#module::#response,
            ::tencentcloud_runtime::waiter::WaitError<
                crate::operation::#module::#response,
                crate::operation::#module::#code,
            >,
        > {
            let client = self.0.client.runtime().clone();
            let (request, polling) = (&*self.0.request, self.1);
            ::tencentcloud_runtime::waiter::wait(&client, request, &#rule, polling, max).await
        }
    }
}

fn path_tokens(w: &Waiter) -> Vec<TokenStream> {
    w.path
        .iter()
        .map(|step| {
            let (member, each) = (&step.member, step.each);
            quote!((#member, #each))
        })
        .collect()
}

fn path_text(w: &Waiter) -> String {
    let steps: Vec<String> = w
        .path
        .iter()
        .map(|s| format!("{}{}", s.member, if s.each { "[]" } else { "" }))
        .collect();
    steps.join(".")
}
