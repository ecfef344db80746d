//! Compile-time tracking of required parameters in fluent builders.
//!
//! A builder carries one type parameter per required parameter, `Unset` until its setter
//! is called and `Set` after. Generated crates define one trait per required parameter,
//! implemented for `Set` only, whose diagnostic names the missing parameter. The values
//! themselves live in the request the builder fills.

use std::fmt;

/// Marker: the required parameter has been given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set;

/// Marker: the required parameter has not been given yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;

/// What every generated builder holds: the client, the request filled so far (boxed, so a
/// long chain of setters moves a pointer), and the state `S` of its required parameters.
pub struct Draft<C, R, S> {
    pub client: C,
    pub request: Box<R>,
    state: std::marker::PhantomData<S>,
}

impl<C, R: Default, S> Draft<C, R, S> {
    /// An empty request for `client`.
    pub fn new(client: C) -> Self {
        Draft {
            client,
            request: Box::default(),
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
            state: std::marker::PhantomData,
        }
    }
}

// By hand: the state is a tuple of markers that may be longer than `Debug` supports.
impl<C: fmt::Debug, R: fmt::Debug, S> fmt::Debug for Draft<C, R, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Draft")
            .field("client", &self.client)
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

impl<C: Clone, R: Clone, S> Clone for Draft<C, R, S> {
    fn clone(&self) -> Self {
        Draft {
            client: self.client.clone(),
            request: self.request.clone(),
            state: std::marker::PhantomData,
        }
    }
}
