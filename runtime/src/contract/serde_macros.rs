//! `serialize_members!` and `deserialize_members!`: a generated structure's `Serialize` and
//! `Deserialize` from one line per member (`field: how("Wire")`), expanded into the short
//! member-by-member functions of [`serde_helpers`](crate::contract::serde_helpers).

/// `Serialize` writing each member by wire name: `how` is `opt` (left out when `None`) or
/// `put` (always written).
#[macro_export]
macro_rules! serialize_members {
    ($name:ident { $( $field:ident: $how:ident($wire:literal) ),* $(,)? }) => {
        impl $crate::serde::Serialize for $name {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                #[allow(unused_mut)]
                let mut members = $crate::serde_helpers::writer(serializer)?;
                $( members.$how($wire, &self.$field)?; )*
                members.end()
            }
        }
    };
}

/// `Deserialize` reading each member by wire name, straight from the answer's bytes (no
/// tree of values in between): `how` is `take` or `take_or_default` (missing or `null`
/// read as the default); unknown members are skipped. Numbers are read leniently (a
/// numeric string as its number, with a warning); errors name the structure and the member.
#[macro_export]
macro_rules! deserialize_members {
    ($name:ident { $( $field:ident: $how:ident($wire:literal) ),* $(,)? }) => {
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                struct __Members;
                impl<'de> $crate::serde::de::Visitor<'de> for __Members {
                    type Value = $name;
                    fn expecting(
                        &self,
                        f: &mut ::std::fmt::Formatter<'_>,
                    ) -> ::std::fmt::Result {
                        f.write_str(concat!("the JSON object of `", stringify!($name), "`"))
                    }
                    #[allow(unused_mut)]
                    fn visit_map<__A: $crate::serde::de::MapAccess<'de>>(
                        self,
                        mut map: __A,
                    ) -> ::std::result::Result<$name, __A::Error> {
                        const __OF: &str = stringify!($name);
                        $( let mut $field = ::std::option::Option::None; )*
                        while let ::std::option::Option::Some(key) =
                            map.next_key::<$crate::serde_helpers::Key<'de>>()?
                        {
                            match key.as_str() {
                                $( $wire => {
                                    $field = ::std::option::Option::Some(
                                        $crate::serde_helpers::$how::read(&mut map, $wire, __OF)?,
                                    );
                                } )*
                                _ => {
                                    map.next_value::<$crate::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::std::result::Result::Ok($name {
                            $( $field: $crate::serde_helpers::$how::finish($field, $wire, __OF)?, )*
                        })
                    }
                }
                deserializer.deserialize_map(__Members)
            }
        }
    };
}
