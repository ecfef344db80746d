//! Compile-time tracking of required parameters in fluent builders.
//!
//! A builder carries one type parameter per required parameter, `Unset` until its setter
//! is called and `Set` after. Generated crates define one trait per required parameter,
//! implemented for `Set<T>` only, whose diagnostic names the missing parameter.

/// State of a required parameter that has been given: holds its value.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set<T>(pub T);

/// A given required parameter's value, taken out of the builder state. Each generated
/// per-parameter trait extends it, so a missing parameter fails on that trait (and its
/// message names the parameter), never on this one.
pub trait Take<T> {
    fn take(self) -> T;
}

impl<T> Take<T> for Set<T> {
    fn take(self) -> T {
        self.0
    }
}

/// Marker: the required parameter has not been given yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;
