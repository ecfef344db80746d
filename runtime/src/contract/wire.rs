//! Enumerations on the wire: the documented values of a parameter, and the error codes of
//! an action. Generated enums list their documented values in a table; everything else
//! (lookup both ways, serde, `Display`, rules) is written once here.
//!
//! A value the crate does not know is kept, opaquely, in an [`UnknownValue`]: decoding
//! never fails on a new server value, and the value goes back on the wire verbatim.

use std::fmt;

/// A wire value no variant documents. Read it with [`UnknownValue::as_str`]; it cannot be
/// built by hand, so matching on it never stands in for a documented value.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        UnknownValue(value.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnknownValue({:?})", self.0)
    }
}

/// An error code read by no table: the code as sent. The runtime reads answers with it
/// before an action's table does, and a call through
/// [`Client::call`](crate::client::Client::call) without generated types can use it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnyCode(UnknownValue);

impl ErrorCode for AnyCode {
    const CODES: &'static [&'static str] = &[];
    const VARIANTS: &'static [Self] = &[];

    fn undocumented(code: &str) -> Self {
        AnyCode(UnknownValue::new(code))
    }

    fn undocumented_code(&self) -> Option<&str> {
        Some(self.0.as_str())
    }
}

/// A generated enumeration of documented string values.
pub trait WireEnum: Sized + Clone + PartialEq + 'static {
    /// Every documented value and its variant.
    const VALUES: &'static [(&'static str, Self)];

    /// The variant for a value no variant documents.
    fn unknown(value: UnknownValue) -> Self;

    /// The kept value, when this is the unknown variant.
    fn as_unknown(&self) -> Option<&UnknownValue>;

    /// The variant of a wire value (documented, or kept as unknown).
    fn from_wire(value: &str) -> Self {
        match Self::VALUES.iter().find(|(wire, _)| *wire == value) {
            Some((_, variant)) => variant.clone(),
            None => Self::unknown(UnknownValue::new(value)),
        }
    }

    /// The value as sent on the wire.
    fn as_wire(&self) -> &str {
        if let Some(unknown) = self.as_unknown() {
            return unknown.as_str();
        }
        Self::VALUES
            .iter()
            .find(|(_, variant)| variant == self)
            .map_or("", |(wire, _)| wire)
    }
}

/// The error codes of an action (its page's table), or the common codes every action shares.
/// The table is two lists in the same order, the codes and their variants: each line of a
/// generated table stays short.
pub trait ErrorCode: Sized + Clone + PartialEq + fmt::Debug + Send + Sync + 'static {
    /// Every code of the table, as the service sends it.
    const CODES: &'static [&'static str];
    /// The variant of each code, in the order of `CODES`.
    const VARIANTS: &'static [Self];

    /// The variant for a code the table does not list (a common code, or unknown).
    fn undocumented(code: &str) -> Self;

    /// The code of a variant outside the table (common or unknown).
    fn undocumented_code(&self) -> Option<&str>;

    /// The variant for a code, when the table lists it.
    fn documented(code: &str) -> Option<Self> {
        Self::CODES
            .iter()
            .zip(Self::VARIANTS)
            .find(|(c, _)| **c == code)
            .map(|(_, variant)| variant.clone())
    }

    /// The variant for any code the service sends.
    fn from_code(code: &str) -> Self {
        Self::documented(code).unwrap_or_else(|| Self::undocumented(code))
    }

    /// The code as the service sends it.
    fn as_str(&self) -> &str {
        if let Some(code) = self.undocumented_code() {
            return code;
        }
        Self::CODES
            .iter()
            .zip(Self::VARIANTS)
            .find(|(_, variant)| *variant == self)
            .map_or("", |(code, _)| code)
    }
}

/// Every documented value of a [`WireEnum`], as sent on the wire (a named iterator, not
/// `impl Iterator`: each generated enum would otherwise make the compiler infer its own).
#[derive(Debug, Clone)]
pub struct Documented<E: 'static> {
    values: std::slice::Iter<'static, (&'static str, E)>,
}

impl<E: WireEnum> Documented<E> {
    pub fn all() -> Self {
        Documented {
            values: E::VALUES.iter(),
        }
    }
}

impl<E> Iterator for Documented<E> {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        self.values.next().map(|(wire, _)| *wire)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.values.size_hint()
    }
}

/// The methods of a generated [`WireEnum`] impl around its `VALUES` table: an enum whose
/// `Unknown(UnknownValue)` variant keeps the values the table lacks.
#[macro_export]
macro_rules! wire_enum_fns {
    () => {
        fn unknown(value: $crate::contract::wire::UnknownValue) -> Self {
            Self::Unknown(value)
        }

        fn as_unknown(&self) -> ::std::option::Option<&$crate::contract::wire::UnknownValue> {
            match self {
                Self::Unknown(value) => ::std::option::Option::Some(value),
                _ => ::std::option::Option::None,
            }
        }
    };
}

/// The methods of a generated [`ErrorCode`] impl around its `CODES` table. Codes the table
/// lacks are kept in the `Unknown(UnknownValue)` variant; with `common`, they are first
/// tried as the generated crate's common codes (`crate::common_errors::CommonErrorCode`),
/// kept in the `Common(…)` variant.
// `crate` (not `$crate`) on purpose: the common codes live in the generated crate.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! error_code_fns {
    () => {
        fn undocumented(code: &str) -> Self {
            Self::Unknown($crate::contract::wire::UnknownValue::new(code))
        }

        fn undocumented_code(&self) -> ::std::option::Option<&str> {
            match self {
                Self::Unknown(code) => ::std::option::Option::Some(code.as_str()),
                _ => ::std::option::Option::None,
            }
        }
    };
    (common) => {
        fn undocumented(code: &str) -> Self {
            // `crate` is the invoking crate: macro_rules paths resolve where they expand.
            use $crate::contract::wire::{ErrorCode as _, UnknownValue};
            match crate::common_errors::CommonErrorCode::documented(code) {
                ::std::option::Option::Some(common) => Self::Common(common),
                ::std::option::Option::None => Self::Unknown(UnknownValue::new(code)),
            }
        }

        fn undocumented_code(&self) -> ::std::option::Option<&str> {
            match self {
                Self::Common(code) => {
                    ::std::option::Option::Some($crate::contract::wire::ErrorCode::as_str(code))
                }
                Self::Unknown(code) => ::std::option::Option::Some(code.as_str()),
                _ => ::std::option::Option::None,
            }
        }
    };
}

/// The impls every generated value enum has, from its [`WireEnum`] table: `as_str`,
/// `documented()`, `Display`, `From<&str>`/`From<String>`, serde, and the view the rules check.
#[macro_export]
macro_rules! wire_enum_impls {
    ($name:ident) => {
        impl $name {
            /// Every documented value, as sent on the wire.
            pub fn documented() -> $crate::contract::wire::Documented<$name> {
                $crate::contract::wire::Documented::all()
            }

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                $crate::contract::wire::WireEnum::as_wire(self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                $crate::contract::wire::WireEnum::from_wire(value)
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                $crate::contract::wire::WireEnum::from_wire(&value)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::borrow::Cow<'de, str> as $crate::serde::Deserialize>::deserialize(
                        deserializer,
                    )?;
                ::std::result::Result::Ok($crate::contract::wire::WireEnum::from_wire(&value))
            }
        }

        impl $crate::rules::RuleValue for $name {
            fn view(&self) -> $crate::rules::View<'_> {
                $crate::rules::View::Str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    enum Mode {
        Fast,
        Slow,
        Unknown(UnknownValue),
    }

    impl WireEnum for Mode {
        const VALUES: &'static [(&'static str, Self)] =
            &[("fast", Mode::Fast), ("SLOW", Mode::Slow)];
        fn unknown(value: UnknownValue) -> Self {
            Mode::Unknown(value)
        }
        fn as_unknown(&self) -> Option<&UnknownValue> {
            match self {
                Mode::Unknown(v) => Some(v),
                _ => None,
            }
        }
    }

    #[test]
    fn values_round_trip_and_unknown_ones_are_kept() {
        assert_eq!(Mode::from_wire("SLOW"), Mode::Slow);
        assert_eq!(Mode::Fast.as_wire(), "fast");
        let new = Mode::from_wire("turbo");
        assert_eq!(new.as_wire(), "turbo");
        assert_eq!(format!("{new:?}"), "Unknown(UnknownValue(\"turbo\"))");
    }
}
