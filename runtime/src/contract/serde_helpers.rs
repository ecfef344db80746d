//! Serde helpers used by generated code.
//!
//! Requests are written member by member ([`writer`]) and answers read member by member
//! straight from their bytes ([`take`], [`take_or_default`], through
//! `deserialize_members!`): one short expansion per structure instead of derived visitors
//! and serializers, which keeps generated crates quick to compile.

pub use super::member_values::{take, take_or_default, Key};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

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
}
