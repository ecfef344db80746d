//! Variants (error codes, enum values) in JSON, losslessly: their wire values, with the
//! Rust spelling only where it is not the wire value's letters and digits (`FAST=Fast`,
//! but `ResourceNotFound.Widget`). `#[serde(with = "variants")]`.

use serde::{Deserialize, Deserializer, Serializer};
use std::collections::BTreeMap;

/// Wire value → Rust variant.
pub type Variants = BTreeMap<String, String>;

/// The letters and digits of a wire value: the spelling a variant is not written out for.
fn plain(wire: &str) -> String {
    wire.chars().filter(char::is_ascii_alphanumeric).collect()
}

pub fn serialize<S: Serializer>(v: &Variants, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|(wire, variant)| {
        if *variant == plain(wire) && !wire.contains('=') {
            wire.clone()
        } else {
            format!("{wire}={variant}")
        }
    }))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Variants, D::Error> {
    let items = Vec::<String>::deserialize(d)?;
    Ok(items
        .into_iter()
        .map(|item| match item.rsplit_once('=') {
            Some((wire, variant)) => (wire.to_string(), variant.to_string()),
            None => (item.clone(), plain(&item)),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_read_back_whether_written_out_or_not() {
        let v: Variants = [("A.B", "AB"), ("FAST", "Fast"), ("x=y", "XY")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .into_iter()
            .collect();
        let json = serialize(&v, serde_json::value::Serializer).unwrap();
        assert_eq!(json, serde_json::json!(["A.B", "FAST=Fast", "x=y=XY"]));
        assert_eq!(deserialize(json).unwrap(), v);
    }
}
