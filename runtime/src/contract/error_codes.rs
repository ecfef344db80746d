//! `error_codes!`: a generated crate's error-code enum from one line per code (variant,
//! code as sent, the page's description), expanded into the enum, each variant's doc and
//! its [`ErrorCode`](crate::contract::wire::ErrorCode) table. With `+ Common`, codes the
//! table lacks are first tried as the crate's common codes (`Common(…)`).

/// See the [module](self): `pub enum XErrorCode + Common { Variant = "Code": "doc", … }`.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! error_codes {
    (
        $(#[$attr:meta])*
        pub enum $name:ident + Common { $( $variant:ident = $code:literal: $doc:literal, )* }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( #[doc = concat!("`", $code, "`: ", $doc)] $variant, )*
            /// A common error code (see [`crate::common_errors::CommonErrorCode`]).
            // `crate` is the invoking crate: macro_rules paths resolve where they expand.
            Common(crate::common_errors::CommonErrorCode),
            /// A code not documented when this crate was generated, kept verbatim.
            Unknown($crate::contract::wire::UnknownValue),
        }

        impl $crate::contract::wire::ErrorCode for $name {
            const CODES: &'static [&'static str] = &[$( $code ),*];
            const VARIANTS: &'static [Self] = &[$( Self::$variant ),*];
            $crate::error_code_fns!(common);
        }
    };
    (
        $(#[$attr:meta])*
        pub enum $name:ident { $( $variant:ident = $code:literal: $doc:literal, )* }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( #[doc = concat!("`", $code, "`: ", $doc)] $variant, )*
            /// A code not documented when this crate was generated, kept verbatim.
            Unknown($crate::contract::wire::UnknownValue),
        }

        impl $crate::contract::wire::ErrorCode for $name {
            const CODES: &'static [&'static str] = &[$( $code ),*];
            const VARIANTS: &'static [Self] = &[$( Self::$variant ),*];
            $crate::error_code_fns!();
        }
    };
}
