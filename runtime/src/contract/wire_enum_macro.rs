//! `wire_enum!`: a generated value enum from one line per documented value (variant, value
//! as sent, the page's description if any), expanded into the enum, each variant's doc,
//! its [`WireEnum`](crate::contract::wire::WireEnum) table and the impls every value enum
//! has (`wire_enum_impls!`).

/// See the [module](self): `pub enum Mode { Fast = "FAST": "doc", Slow = "SLOW", … }`.
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident { $( $variant:ident = $wire:literal $(: $doc:literal)?, )* }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( #[doc = concat!("`", $wire, "`" $(, ": ", $doc)?)] $variant, )*
            /// A value not documented when this crate was generated, kept verbatim.
            Unknown($crate::contract::wire::UnknownValue),
        }

        impl $crate::contract::wire::WireEnum for $name {
            const VALUES: &'static [(&'static str, Self)] = &[$( ($wire, Self::$variant) ),*];
            $crate::wire_enum_fns!();
        }

        $crate::wire_enum_impls!($name);
    };
}
