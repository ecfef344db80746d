//! Compile-time tracking of required parameters in fluent builders.
//!
//! A builder carries one type parameter per required parameter, `Unset` until its setter
//! is called and `Set` after. Generated crates define one trait per required parameter,
//! implemented for `Set` only, whose diagnostic names the missing parameter. The values
//! themselves live in the request the builder fills, beside the call's own options.

use crate::call_options::CallOptions;
use crate::client::Client;
use crate::contract::spec::Operation;
use crate::response_future::ResponseFuture;
use std::fmt;

/// Marker: the required parameter has been given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set;

/// Marker: the required parameter has not been given yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;

/// Implemented by a request for the builder states `S` in which every required parameter
/// is set; generated crates implement it once per action, bounding each marker of `S` by
/// its `required::…` trait, so a missing parameter is reported by that trait's diagnostic.
pub trait AllRequiredSet<S> {}

/// What every generated builder holds: the client, the request filled so far (boxed, so a
/// long chain of setters moves a pointer), the call's own options (none unless
/// customised), and the state `S` of its required parameters.
pub struct Draft<C, R, S> {
    pub client: C,
    pub request: Box<R>,
    options: Option<Box<CallOptions>>,
    state: std::marker::PhantomData<S>,
}

impl<C, R: Default, S> Draft<C, R, S> {
    /// An empty request for `client`.
    pub fn new(client: C) -> Self {
        Draft {
            client,
            request: Box::default(),
            options: None,
            state: std::marker::PhantomData,
        }
    }
}

impl<C, R, S> Draft<C, R, S> {
    /// The same draft in another state of its required parameters.
    pub fn retyped<T>(self) -> Draft<C, R, T> {
        Draft {
            client: self.client,
            request: self.request,
            options: self.options,
            state: std::marker::PhantomData,
        }
    }

    /// Changes the call's own options.
    pub fn customize(&mut self, change: impl FnOnce(CallOptions) -> CallOptions) {
        let options = self.options.take().map(|o| *o).unwrap_or_default();
        self.options = Some(Box::new(change(options)));
    }

    /// The call's own options, if any were set.
    pub fn options(&self) -> Option<&CallOptions> {
        self.options.as_deref()
    }
}

impl<C: AsRef<Client>, R: Operation + 'static, S> Draft<C, R, S> {
    /// Validates the request, then sends it with the call's options when awaited.
    pub fn send(self) -> ResponseFuture<R::Response, R::Code> {
        self.client
            .as_ref()
            .execute_with(&*self.request, self.options)
    }

    /// A function sending the request with the same options at each offset, for pages.
    pub fn page_sender(
        self,
        set_offset: fn(&mut R, i64),
    ) -> impl FnMut(i64) -> ResponseFuture<R::Response, R::Code>
    where
        C: Clone,
        R: Clone,
    {
        let (client, request, options) = (self.client, self.request, self.options);
        move |offset| {
            let mut request = (*request).clone();
            set_offset(&mut request, offset);
            client.as_ref().execute_with(&request, options.clone())
        }
    }
}

// By hand: the state is a tuple of markers that may be longer than `Debug` supports.
impl<C: fmt::Debug, R: fmt::Debug, S> fmt::Debug for Draft<C, R, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Draft")
            .field("client", &self.client)
            .field("request", &self.request)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<C: Clone, R: Clone, S> Clone for Draft<C, R, S> {
    fn clone(&self) -> Self {
        Draft {
            client: self.client.clone(),
            request: self.request.clone(),
            options: self.options.clone(),
            state: std::marker::PhantomData,
        }
    }
}
