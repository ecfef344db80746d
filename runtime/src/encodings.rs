//! The encodings the pages describe in prose, done for the caller: bytes as Base64
//! (`Content`, `Output`) and a JSON object of string values as a string (`Parameters`).
//! Generated `…_raw`, `…_map` setters and `…_decoded`, `…_map` getters call these; the
//! documented limits still apply to the encoded value.

use std::collections::BTreeMap;

use base64::Engine;

/// A member that does not hold what its documentation says it encodes.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("`{member}` is absent from the answer")]
    Absent { member: &'static str },
    #[error("`{member}` is not Base64: {source}")]
    Base64 {
        member: &'static str,
        #[source]
        source: base64::DecodeError,
    },
    #[error("`{member}` is not a JSON object of string values: {reason}")]
    NotStringMap {
        member: &'static str,
        reason: String,
    },
}

/// `bytes` in standard Base64 with padding, as the API expects.
pub fn base64_encode(bytes: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The bytes a Base64 member holds.
pub fn base64_decode(member: &'static str, value: Option<&str>) -> Result<Vec<u8>, DecodeError> {
    let text = value.ok_or(DecodeError::Absent { member })?;
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|source| DecodeError::Base64 { member, source })
}

/// A JSON object of string values, keys in order (the same pairs always give the same text).
pub fn string_map_encode<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> String
where
    K: Into<String>,
    V: Into<String>,
{
    let map: BTreeMap<String, String> = pairs
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    serde_json::to_string(&map).expect("a map of strings serialises")
}

/// The pairs a member holding a JSON object of string values holds (an empty string is an
/// empty map, as the pages' examples answer `"Parameters": ""`).
pub fn string_map_decode(
    member: &'static str,
    value: Option<&str>,
) -> Result<BTreeMap<String, String>, DecodeError> {
    let text = value.ok_or(DecodeError::Absent { member })?;
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let not = |reason: String| DecodeError::NotStringMap { member, reason };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| not(e.to_string()))?;
    let object = value
        .as_object()
        .ok_or_else(|| not("not an object".into()))?;
    object
        .iter()
        .map(|(k, v)| match v.as_str() {
            Some(s) => Ok((k.clone(), s.to_string())),
            None => Err(not(format!("`{k}` is {v}, not a string"))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_bad_text_names_the_member() {
        let encoded = base64_encode("echo 你好\n");
        assert_eq!(
            base64_decode("Output", Some(&encoded)).unwrap(),
            "echo 你好\n".as_bytes()
        );
        let e = base64_decode("Output", Some("not base64!")).unwrap_err();
        assert!(e.to_string().starts_with("`Output` is not Base64"), "{e}");
        assert!(matches!(
            base64_decode("Output", None),
            Err(DecodeError::Absent { .. })
        ));
    }

    #[test]
    fn string_maps_round_trip_in_key_order() {
        let text = string_map_encode([("b", "2"), ("a", "1")]);
        assert_eq!(text, r#"{"a":"1","b":"2"}"#);
        let map = string_map_decode("Parameters", Some(&text)).unwrap();
        assert_eq!(map["a"], "1");
        assert!(string_map_decode("Parameters", Some(""))
            .unwrap()
            .is_empty());
        let e = string_map_decode("Parameters", Some(r#"{"a": 1}"#)).unwrap_err();
        assert!(e.to_string().contains("`a` is 1, not a string"), "{e}");
    }
}
