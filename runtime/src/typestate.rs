//! Compile-time tracking of required parameters in fluent builders.
//!
//! A builder carries one type parameter per required parameter, `Unset` until its setter
//! is called and `Set` after. `send()` exists only when every one is `Set`; otherwise the
//! compiler names the missing parameter (see `IsSet`'s diagnostic).

/// State of a required parameter that has been given: holds its value.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set<T>(pub T);

/// Marker: the required parameter has not been given yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;

/// Satisfied only by [`Set`]. `P` names the parameter (a marker type named like its setter).
#[diagnostic::on_unimplemented(
    message = "missing required parameter `{P}`: call `.{P}(…)` on the builder before `.send()`",
    label = "required parameter `{P}` is not set",
    note = "required parameters come from the API documentation; see the builder's docs"
)]
pub trait IsSet<P> {
    type Value;
    fn into_value(self) -> Self::Value;
}

impl<T, P> IsSet<P> for Set<T> {
    type Value = T;
    fn into_value(self) -> T {
        self.0
    }
}
