//! Compile-time tracking of required parameters in fluent builders.
//!
//! A builder carries one type parameter per required parameter, `Unset` until its setter
//! is called and `Set` after. Generated crates define one trait per required parameter,
//! implemented for `Set<T>` only, whose diagnostic names the missing parameter.

/// State of a required parameter that has been given: holds its value.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set<T>(pub T);

/// Marker: the required parameter has not been given yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;
