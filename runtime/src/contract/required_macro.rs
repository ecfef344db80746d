//! `required_parameters!`: an action's `required` module from one line per required
//! parameter (its marker trait, wire name, and the diagnostic a builder missing it gets),
//! each trait implemented by `Set` only (see [`typestate`](crate::contract::typestate)).

/// See the [module](self): `mod required;`, then `Name("Name"): "message", "label";` per
/// parameter (the module's name is the caller's, so the caller's paths can reach it).
#[macro_export]
macro_rules! required_parameters {
    (mod $module:ident; $( $marker:ident($wire:literal): $message:literal, $label:literal; )*) => {
        /// Builder states of the required parameters; their diagnostics name what is missing.
        pub mod $module {
            $(
                #[doc = concat!("Implemented once the required parameter `", $wire, "` is set.")]
                #[diagnostic::on_unimplemented(
                    message = $message,
                    label = $label,
                    note = "required parameters come from the API documentation"
                )]
                pub trait $marker {}
                impl $marker for $crate::Set {}
            )*
        }
    };
}
