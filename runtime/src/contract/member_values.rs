//! One member of a structure being read (`deserialize_members!`): its key, borrowed from
//! the answer's bytes where it can be, and its value read straight into its type through
//! [`Lenient`], once. `take` and `take_or_default` say what a missing member is; errors
//! name the member and the structure, and a numeric string read as a number is a warning
//! naming them (where each member is documented: the crate's `doc-locations.tsv`).

use super::lenient::{LenientSeed, Repairs};
use serde::de::{Deserializer, Error, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// A member's key, as the answer spells it.
pub enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }
            fn visit_str<E: Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_string()))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The value of member `key` of structure `of`, read as `T`.
fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    key: &str,
    of: &str,
) -> Result<T, A::Error> {
    let repairs = Repairs::default();
    let seed = LenientSeed {
        seed: PhantomData::<T>,
        repairs: &repairs,
    };
    let read = map
        .next_value_seed(seed)
        .map_err(|e| A::Error::custom(format_args!("`{key}` of `{of}`: {e}")))?;
    if repairs.get() {
        tracing::warn!(
            member = key,
            of,
            "a number arrived as a string, unlike the documentation; read as its number"
        );
    }
    Ok(read)
}

/// A member read as it is typed: missing reads as `null` (so `None` for an `Option`, an
/// error naming the member for anything else).
pub mod take {
    use super::*;

    pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        key: &str,
        of: &str,
    ) -> Result<T, A::Error> {
        value(map, key, of)
    }

    pub fn finish<'de, T: Deserialize<'de>, E: Error>(
        read: Option<T>,
        key: &str,
        of: &str,
    ) -> Result<T, E> {
        match read {
            Some(read) => Ok(read),
            None => T::deserialize(serde_json::Value::Null)
                .map_err(|e| E::custom(format_args!("`{key}` of `{of}`: {e}"))),
        }
    }
}

/// A member read as its type's default when missing or `null` (members documented as
/// required that a server still leaves empty).
pub mod take_or_default {
    use super::*;

    pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        key: &str,
        of: &str,
    ) -> Result<Option<T>, A::Error> {
        value(map, key, of)
    }

    pub fn finish<T: Default, E: Error>(
        read: Option<Option<T>>,
        _key: &str,
        _of: &str,
    ) -> Result<T, E> {
        Ok(read.flatten().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    struct Page {
        total: Option<i64>,
        ids: Option<Vec<u64>>,
        ratio: Option<f64>,
        items: Vec<String>,
        name: Option<String>,
        count: i64,
    }

    crate::deserialize_members!(Page {
        total: take("TotalCount"),
        ids: take("Ids"),
        ratio: take("Ratio"),
        items: take_or_default("Items"),
        name: take("Name"),
        count: take("Count"),
    });

    #[test]
    fn members_are_read_from_the_bytes_lenient_on_numbers_only() {
        let text = r#"{"TotalCount": "3", "Ids": ["1", 2], "Ratio": " 0.5 ", "Items": null,
                       "Extra": {"x": [1]}, "Name": "12", "Count": 7}"#;
        let page: Page = serde_json::from_str(text).unwrap();
        let expected = Page {
            total: Some(3),
            ids: Some(vec![1, 2]),
            ratio: Some(0.5),
            items: vec![],
            name: Some("12".into()),
            count: 7,
        };
        assert_eq!(page, expected);
        let from_tree: Page = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(from_tree, expected);
    }

    /// Structures named like the expansions' own generic parameters and items still read.
    mod names_the_macros_use {
        #[derive(Debug, PartialEq)]
        pub struct A {
            pub d: Option<i64>,
        }
        #[derive(Debug, PartialEq)]
        pub struct D {
            pub s: Option<i64>,
        }
        #[derive(Debug, PartialEq)]
        pub struct Members {
            pub of: Option<String>,
        }
        crate::deserialize_members!(A { d: take("D") });
        crate::deserialize_members!(D { s: take("S") });
        crate::deserialize_members!(Members { of: take("OF") });
        crate::serialize_members!(A { d: opt("D") });
    }

    #[test]
    fn structures_may_bear_any_name() {
        use names_the_macros_use::{Members, A, D};
        let a: A = serde_json::from_str(r#"{"D": "1"}"#).unwrap();
        assert_eq!(a, A { d: Some(1) });
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"D":1}"#);
        let d: D = serde_json::from_str(r#"{"S": 2}"#).unwrap();
        assert_eq!(d, D { s: Some(2) });
        let m: Members = serde_json::from_str(r#"{"OF": "x"}"#).unwrap();
        assert_eq!(m.of.as_deref(), Some("x"));
    }

    #[derive(Debug, PartialEq)]
    struct Ratios {
        ratios: Option<Vec<f64>>,
        tags: Vec<String>,
        id: Option<String>,
    }

    crate::deserialize_members!(Ratios {
        ratios: take("Ratios"),
        tags: take_or_default("Tags"),
        id: take("Id"),
    });

    #[test]
    fn lists_of_numbers_take_numeric_strings_and_only_numbers_are_lenient() {
        let r: Ratios =
            serde_json::from_str(r#"{"Ratios": ["0.5", 2, " 3 "], "Id": null}"#).unwrap();
        assert_eq!(r.ratios, Some(vec![0.5, 2.0, 3.0]));
        assert_eq!((r.tags.len(), r.id), (0, None));
        let e = serde_json::from_str::<Ratios>(r#"{"Tags": [1]}"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("`Tags` of `Ratios`:"), "{e}");
    }

    #[test]
    fn mistakes_name_the_member_and_the_structure() {
        let e = serde_json::from_str::<Page>(r#"{"TotalCount": "three", "Count": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("`TotalCount` of `Page`: invalid type: string \"three\""),
            "{e}"
        );
        let e = serde_json::from_str::<Page>(r#"{"Ids": [1, "x"], "Count": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("`Ids` of `Page`:"), "{e}");
        let e = serde_json::from_str::<Page>("{}").unwrap_err().to_string();
        assert!(
            e.starts_with("`Count` of `Page`: invalid type: null"),
            "{e}"
        );
        assert!(serde_json::from_str::<Page>("[1]").is_err());
    }
}
