//! The one builder type every action's builder names (`RunCommandBuilder<P0, P1>` is
//! `Builder<RunCommandRequest, (P0, P1)>`), emitted once per crate into
//! `src/operation/mod.rs`: what no action changes (`new`, `as_request`, `into_request`,
//! `customize`, `send`, `into_pages`) is written once, generic over the request, and the
//! per-action modules add only their setters. `into_request` and `send` ask for
//! `AllRequiredSet<S>`, which each action implements with one bound per required
//! parameter, so a missing one is still reported by its own `required::…` trait;
//! `into_pages` also asks for `Paged`, which paged actions implement (`paged!`).

use proc_macro2::TokenStream;
use quote::quote;

/// The generic builder, its shared methods, and its `Debug` and `Clone` (by hand: its
/// state is a tuple of markers that may be longer than derived impls support).
pub fn shared_builder() -> TokenStream {
    let pages = into_pages();
    quote! {
        /// The fluent builder of every action, under its action's name
        /// (`Client::run_command()` gives a `RunCommandBuilder`): the request `R` filled
        /// so far, the call's own options, and in `S` which required parameters are set.
        #[must_use = "a builder does nothing until `.send()` is awaited"]
        pub struct Builder<R, S>(
            pub(crate) ::tencentcloud_runtime::Draft<crate::Client, R, S>,
        );

        impl<R: ::std::default::Default, S> Builder<R, S> {
            pub(crate) fn new(client: crate::Client) -> Self {
                Builder(::tencentcloud_runtime::Draft::new(client))
            }
        }

        impl<R: ::tencentcloud_runtime::Operation + 'static, S> Builder<R, S> {
            /// The request as given so far.
            pub fn as_request(&self) -> &R {
                &self.0.request
            }

            /// The typed request, without sending it.
            pub fn into_request(self) -> R
            where
                R: ::tencentcloud_runtime::AllRequiredSet<S>,
            {
                *self.0.request
            }

            /// This call's own options (timeout, retries, headers, region, endpoint); the
            /// client's apply to the rest.
            pub fn customize(
                mut self,
                change: impl ::std::ops::FnOnce(::tencentcloud_runtime::CallOptions)
                    -> ::tencentcloud_runtime::CallOptions,
            ) -> Self {
                self.0.customize(change);
                self
            }

            /// Validates the request against the documented limits, then signs and sends it
            /// when the returned future is awaited.
            pub fn send(self) -> ::tencentcloud_runtime::ResponseFuture<R::Response, R::Code>
            where
                R: ::tencentcloud_runtime::AllRequiredSet<S>,
            {
                self.0.send()
            }

            #pages
        }

        impl<R: ::std::fmt::Debug, S> ::std::fmt::Debug for Builder<R, S> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple("Builder").field(&self.0).finish()
            }
        }

        impl<R: ::std::clone::Clone, S> ::std::clone::Clone for Builder<R, S> {
            fn clone(&self) -> Self {
                Builder(self.0.clone())
            }
        }
    }
}

/// `into_pages()`, for requests that implement `Paged`.
fn into_pages() -> TokenStream {
    quote! {
        /// Every page, from `Offset` (default 0) until `TotalCount` is reached, each sent
        /// with this call's options (for actions whose answers come in pages).
        pub fn into_pages(self) -> impl ::tencentcloud_runtime::futures_util::Stream<
            Item = ::std::result::Result<
                R::Response,
                ::tencentcloud_runtime::SdkError<R::Code>,
            >,
        >
        where
            R: ::tencentcloud_runtime::AllRequiredSet<S>
                + ::tencentcloud_runtime::Paged,
        {
            let start = self.0.request.offset().unwrap_or(0);
            ::tencentcloud_runtime::pagination::pages(
                start,
                self.0.page_sender(R::set_offset),
                R::page_len,
                R::total,
            )
        }
    }
}
