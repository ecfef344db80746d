//! Serde helpers used by generated code.
//!
//! Answers are read as JSON objects and each member taken by name ([`structure`]): one
//! small closure per structure instead of a derived visitor, which keeps generated crates
//! quick to compile. Answers are JSON already decoded once (`decode_response`), so taking
//! members from it costs little.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Decodes `null` as the type's default, for members documented as required that a
/// server still leaves empty: decoding never fails on them.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The members of one JSON object, taken one by one by wire name.
pub struct Members {
    map: Map<String, Value>,
}

impl Members {
    /// Member `key` as `T`; a missing member reads as `null` (so `None` for an `Option`).
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<T, serde_json::Error> {
        let value = self.map.remove(key).unwrap_or(Value::Null);
        serde_json::from_value(value).map_err(|e| serde_json::Error::custom(format_args!("`{key}`: {e}")))
    }

    /// Member `key` as `T`, its default when missing or `null` (members documented as
    /// required that a server still leaves empty).
    pub fn take_or_default<T: DeserializeOwned + Default>(&mut self, key: &str) -> Result<T, serde_json::Error> {
        Ok(self.take::<Option<T>>(key)?.unwrap_or_default())
    }
}

/// Deserialises a structure: reads a JSON object, then `build` takes its members.
pub fn structure<'de, D, T>(deserializer: D, build: impl FnOnce(&mut Members) -> Result<T, serde_json::Error>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let map = Map::<String, Value>::deserialize(deserializer)?;
    build(&mut Members { map }).map_err(D::Error::custom)
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
            structure(d, |m| Ok(Answer { id: m.take("Id")?, count: m.take("Count")?, tags: m.take_or_default("Tags")? }))
        }
    }

    #[test]
    fn members_are_taken_by_name() {
        let a: Answer = serde_json::from_str(r#"{"Count": 2, "Extra": true, "Tags": null}"#).unwrap();
        assert_eq!(a, Answer { id: None, count: 2, tags: vec![] });
        let e = serde_json::from_str::<Answer>(r#"{"Count": "two"}"#).unwrap_err().to_string();
        assert!(e.starts_with("`Count`: invalid type: string \"two\""), "{e}");
        assert!(serde_json::from_str::<Answer>("[1]").is_err());
    }
}
