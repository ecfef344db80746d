//! Serde helpers used by generated code.

use serde::{Deserialize, Deserializer};

/// Decodes `null` as the type's default, for members documented as required that a
/// server still leaves empty: decoding never fails on them.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
