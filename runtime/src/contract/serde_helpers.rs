//! Serde helpers used by generated code.
//!
//! Requests are written member by member ([`writer`]) and answers read member by member
//! straight from their bytes ([`take`], [`take_or_default`], through
//! `deserialize_members!`): one short expansion per structure instead of derived visitors
//! and serializers, which keeps generated crates quick to compile. [`members`] reads an
//! object into a map first, for hand-written structures.

pub use super::member_values::{take, take_or_default, Key};
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::marker::PhantomData;

/// The members of one JSON object, taken one by one by wire name; errors come out as the
/// deserializer's error type `E`, naming the member and the structure that reads it.
pub struct Members<E> {
    map: Map<String, Value>,
    /// The structure being read (`DescribeRegionsResponse`), or empty.
    of: &'static str,
    error: PhantomData<fn() -> E>,
}

/// Reads a JSON object whose members a structure then takes ([`Members::take`]).
pub fn members<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Members<D::Error>, D::Error> {
    Ok(Members {
        map: Map::<String, Value>::deserialize(deserializer)?,
        of: "",
        error: PhantomData,
    })
}

/// [`members`] for the structure `T`, whose name errors then give: where each member is
/// documented is in the generated crate's `doc-locations.tsv` under `T.Member`.
pub fn members_of<'de, T: ?Sized, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Members<D::Error>, D::Error> {
    let name = std::any::type_name::<T>();
    Ok(Members {
        of: name.rsplit("::").next().unwrap_or(name),
        ..members(deserializer)?
    })
}

impl<E: serde::de::Error> Members<E> {
    /// Member `key` as `T`; a missing member reads as `null` (so `None` for an `Option`).
    /// A number that arrives as a numeric string (`"TotalCount": "3"`, as some services
    /// answer) is read as its number, with a warning naming the member; anything else that
    /// is not a `T` is an error naming the member.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<T, E> {
        let value = self.map.remove(key).unwrap_or(Value::Null);
        // The repaired value is made before the member is consumed, and only where a
        // repair could apply (a numeric string, or a list holding one): taking the member by
        // value keeps answers from being copied level by level.
        let repaired = numbers_from_strings(&value);
        let error = match serde_json::from_value::<T>(value) {
            Ok(taken) => return Ok(taken),
            Err(error) => error,
        };
        if let Some(taken) = repaired.and_then(|v| serde_json::from_value::<T>(v).ok()) {
            tracing::warn!(
                member = key,
                of = self.of,
                "a number arrived as a string, unlike the documentation; read as its number"
            );
            return Ok(taken);
        }
        if self.of.is_empty() {
            Err(E::custom(format_args!("`{key}`: {error}")))
        } else {
            Err(E::custom(format_args!("`{key}` of `{}`: {error}", self.of)))
        }
    }

    /// Member `key` as `T`, its default when missing or `null` (members documented as
    /// required that a server still leaves empty).
    pub fn take_or_default<T: DeserializeOwned + Default>(&mut self, key: &str) -> Result<T, E> {
        Ok(self.take::<Option<T>>(key)?.unwrap_or_default())
    }
}

/// `value` with its numeric strings as numbers (itself, or the items of an array), when
/// there are any; members of objects are not touched, their structure takes them itself.
fn numbers_from_strings(value: &Value) -> Option<Value> {
    match value {
        Value::String(s) => number_of(s).map(Value::Number),
        Value::Array(items)
            if items
                .iter()
                .any(|i| i.as_str().and_then(number_of).is_some()) =>
        {
            Some(Value::Array(
                items
                    .iter()
                    .map(|i| numbers_from_strings(i).unwrap_or_else(|| i.clone()))
                    .collect(),
            ))
        }
        _ => None,
    }
}

fn number_of(s: &str) -> Option<serde_json::Number> {
    let s = s.trim();
    if let Ok(i) = s.parse::<i64>() {
        return Some(i.into());
    }
    if let Ok(u) = s.parse::<u64>() {
        return Some(u.into());
    }
    s.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .and_then(serde_json::Number::from_f64)
}

/// Writes a structure's members by wire name: [`MemberWriter::put`] for members always
/// sent, [`MemberWriter::opt`] for optional ones, which are left out when `None`.
pub fn writer<S: Serializer>(serializer: S) -> Result<MemberWriter<S::SerializeMap>, S::Error> {
    Ok(MemberWriter {
        map: serializer.serialize_map(None)?,
    })
}

/// A structure being written, one member at a time (see [`writer`]).
pub struct MemberWriter<M> {
    map: M,
}

impl<M: SerializeMap> MemberWriter<M> {
    /// Member `key`, always written.
    pub fn put<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.map.serialize_entry(key, value)
    }

    /// Member `key`, written only when given.
    pub fn opt<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.map.serialize_entry(key, value),
            None => Ok(()),
        }
    }

    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Answer {
        id: Option<String>,
        count: i64,
        tags: Vec<String>,
    }

    impl<'de> Deserialize<'de> for Answer {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut m = members(d)?;
            Ok(Answer {
                id: m.take("Id")?,
                count: m.take("Count")?,
                tags: m.take_or_default("Tags")?,
            })
        }
    }

    impl Serialize for Answer {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut members = writer(serializer)?;
            members.opt("Id", &self.id)?;
            members.put("Count", &self.count)?;
            members.put("Tags", &self.tags)?;
            members.end()
        }
    }

    #[test]
    fn members_are_written_by_name_and_none_is_left_out() {
        let a = Answer {
            id: None,
            count: 2,
            tags: vec!["x".into()],
        };
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"Count":2,"Tags":["x"]}"#
        );
        let a = Answer {
            id: Some("i".into()),
            ..a
        };
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"Id":"i","Count":2,"Tags":["x"]}"#
        );
    }

    #[test]
    fn numbers_as_strings_are_read_and_other_mistakes_name_the_member() {
        let a: Answer = serde_json::from_str(r#"{"Count": "2", "Tags": ["x"]}"#).unwrap();
        assert_eq!(a.count, 2);
        #[derive(Debug, PartialEq)]
        struct Floats(Option<Vec<f64>>);
        impl<'de> Deserialize<'de> for Floats {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(Floats(members(d)?.take("Ratios")?))
            }
        }
        let f: Floats = serde_json::from_str(r#"{"Ratios": ["0.5", 2, " 3 "]}"#).unwrap();
        assert_eq!(f, Floats(Some(vec![0.5, 2.0, 3.0])));
        let e = serde_json::from_str::<Answer>(r#"{"Count": "two"}"#).unwrap_err();
        assert!(e.to_string().starts_with("`Count`: invalid type"), "{e}");
        let e = serde_json::from_str::<Answer>(r#"{"Count": 1, "Tags": [1]}"#).unwrap_err();
        assert!(e.to_string().starts_with("`Tags`:"), "{e}");
        let none: Answer = serde_json::from_str(r#"{"Id": null, "Count": 1}"#).unwrap();
        assert_eq!(none.id, None);
    }

    #[test]
    fn members_are_taken_by_name() {
        let a: Answer =
            serde_json::from_str(r#"{"Count": 2, "Extra": true, "Tags": null}"#).unwrap();
        assert_eq!(
            a,
            Answer {
                id: None,
                count: 2,
                tags: vec![]
            }
        );
        let e = serde_json::from_str::<Answer>(r#"{"Count": "two"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("`Count`: invalid type: string \"two\""),
            "{e}"
        );
        assert!(serde_json::from_str::<Answer>("[1]").is_err());
    }
}
