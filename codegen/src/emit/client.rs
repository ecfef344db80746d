//! `src/client.rs`: the service's `Client` and one entry method per action.

use super::context::Ctx;
use super::docs::{doc_attrs, page_text};
use super::operation::names;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_client(ctx: &Ctx<'_>) -> TokenStream {
    let service = ctx.service;
    let name = &service.service.name;
    let version = &service.service.version;
    let domain = &service.service.domain;
    let methods = service.actions.iter().map(|a| {
        let method = ctx.names.action(&a.name);
        let module = method.clone();
        let (_, _, builder, _) = names(a);
        let limit = a
            .rate_limit_per_second
            .map(|n| format!("\n\nDocumented limit: {n} requests per second."))
            .unwrap_or_default();
        let doc = doc_attrs(&format!(
            "`{}`: {}{limit}",
            a.name,
            page_text(&a.description)
        ));
        quote! {
            #doc
            pub fn #method(&self) -> crate::operation::#module::#builder {
                crate::operation::#module::#builder::new(self.clone())
            }
        }
    });
    let any_action = any_action(ctx);
    let client_type = client_type(name, version, domain);
    quote! {
        #client_type

        impl Client {
            /// The service as the runtime sees it: signing name, API version, default domain.
            pub const SERVICE: ::tencentcloud_runtime::ServiceSpec =
                ::tencentcloud_runtime::ServiceSpec {
                name: #name,
                version: #version,
                default_host: #domain,
                sdk_version: ::std::env!("CARGO_PKG_VERSION"),
            };

            /// Configure credentials, region, endpoint, timeouts, retries and rate limiting.
            pub fn builder() -> ::tencentcloud_runtime::ClientBuilder<Client> {
                ::tencentcloud_runtime::ClientBuilder::new(Self::SERVICE)
            }

            /// The shared runtime client (signing, transport).
            pub fn runtime(&self) -> &::tencentcloud_runtime::Client {
                &self.inner
            }

            /// Sends any typed request (`…Request` structs), validating it first.
            pub fn execute<O: ::tencentcloud_runtime::Operation + 'static>(
                &self,
                request: &O,
            ) -> ::tencentcloud_runtime::ResponseFuture<O::Response, O::Code> {
                self.inner.execute(request)
            }

            #any_action

            #( #methods )*
        }
    }
}

/// The `Client` structure, and its conversions from and to the runtime's client.
fn client_type(name: &str, version: &str, domain: &str) -> TokenStream {
    let client_doc = doc_attrs(&format!(
        "Client of the `{name}` API (version {version}).\n\nCheap to clone. Build one with [`Client::builder`]; by default it calls `https://{domain}/` with credentials from the environment, the tccli profile or `~/.tencentcloud/credentials`."
    ));
    quote! {
        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ::tencentcloud_runtime::Client,
        }

        impl ::std::convert::From<::tencentcloud_runtime::Client> for Client {
            fn from(inner: ::tencentcloud_runtime::Client) -> Self {
                Client { inner }
            }
        }

        impl ::std::convert::AsRef<::tencentcloud_runtime::Client> for Client {
            fn as_ref(&self) -> &::tencentcloud_runtime::Client {
                &self.inner
            }
        }
    }
}

/// `Client::ACTIONS` and `Client::call_json`: any action by name, known ones as documented.
fn any_action(ctx: &Ctx<'_>) -> TokenStream {
    let specs = ctx.service.actions.iter().map(|a| {
        let module = ctx.names.action(&a.name);
        let (request, _, _, _) = names(a);
        quote! { <crate::operation::#module::#request as ::tencentcloud_runtime::Operation>::SPEC }
    });
    quote! {
        /// Every action of this crate as the runtime sees it (documented rate, whether a
        /// retry is safe), for [`Client::call_json`].
        pub const ACTIONS: &'static [::tencentcloud_runtime::ActionSpec] = &[ #( #specs ),* ];

        /// Calls any action by name with a JSON body, for actions newer than this crate:
        /// signed, retried by the same policy (a read when its name starts with
        /// `Describe`, `Get`, `List` or `Inquire`), rate-limited when the action is one
        /// of [`Client::ACTIONS`]; the answer's `Response` object, or the error with its
        /// code (unknown codes kept).
        pub fn call_json(
            &self,
            action: &str,
            body: ::tencentcloud_runtime::serde_json::Value,
        ) -> ::tencentcloud_runtime::ResponseFuture<
            ::tencentcloud_runtime::serde_json::Value,
            ::tencentcloud_runtime::AnyCode,
        > {
            self.inner.call_json_among(Self::ACTIONS, action, body)
        }
    }
}
