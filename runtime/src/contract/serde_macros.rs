//! `serialize_members!` and `deserialize_members!`: a generated structure's `Serialize` and
//! `Deserialize` from one line per member (`field: how("Wire")`), expanded into the short
//! member-by-member functions of [`serde_helpers`](crate::contract::serde_helpers).

/// `Serialize` writing each member by wire name: `how` is `opt` (left out when `None`) or
/// `put` (always written).
#[macro_export]
macro_rules! serialize_members {
    ($name:ident { $( $field:ident: $how:ident($wire:literal), )* }) => {
        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                #[allow(unused_mut)]
                let mut members = $crate::serde_helpers::writer(serializer)?;
                $( members.$how($wire, &self.$field)?; )*
                members.end()
            }
        }
    };
}

/// `Deserialize` taking each member by wire name: `how` is `take` or `take_or_default`
/// (missing or `null` read as the default). Errors name the structure and the member.
#[macro_export]
macro_rules! deserialize_members {
    ($name:ident { $( $field:ident: $how:ident($wire:literal), )* }) => {
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                #[allow(unused_mut, unused_variables)]
                let mut members = $crate::serde_helpers::members_of::<Self, D>(deserializer)?;
                ::std::result::Result::Ok($name { $( $field: members.$how($wire)?, )* })
            }
        }
    };
}
