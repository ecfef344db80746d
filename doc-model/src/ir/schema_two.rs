//! Reading constraints written by schema 2 of the model, whose length limits carried a unit
//! (`max_length` with `unit: bytes`) and whose value lists were `enum`: a release record
//! (`generated/<svc>/release.json`) kept from before schema 3 still reads, as the kinds
//! that mean the same.

use super::constraint::{Constraint, ConstraintKind, EnumValue};
use serde::Deserialize;

/// A constraint as any schema wrote it.
#[derive(Deserialize)]
pub(super) struct ConstraintRecord {
    #[serde(flatten)]
    kind: KindRecord,
    #[serde(default)]
    path: Option<String>,
    source: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KindRecord {
    Current(ConstraintKind),
    SchemaTwo(SchemaTwoKind),
}

/// The kinds schema 2 named differently.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum SchemaTwoKind {
    MaxLength { max: u64, unit: Unit },
    MinLength { min: u64, unit: Unit },
    Enum { values: Vec<EnumValue> },
    JsonKeyMaxLength { max: u64 },
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Unit {
    Characters,
    Bytes,
}

impl From<ConstraintRecord> for Constraint {
    fn from(record: ConstraintRecord) -> Self {
        let kind = match record.kind {
            KindRecord::Current(kind) => kind,
            KindRecord::SchemaTwo(old) => old.into(),
        };
        Constraint {
            kind,
            path: record.path,
            source: record.source,
        }
    }
}

impl From<SchemaTwoKind> for ConstraintKind {
    fn from(old: SchemaTwoKind) -> Self {
        match old {
            SchemaTwoKind::MaxLength {
                max,
                unit: Unit::Characters,
            } => ConstraintKind::MaxChars { max },
            SchemaTwoKind::MaxLength {
                max,
                unit: Unit::Bytes,
            } => ConstraintKind::MaxBytes { max },
            SchemaTwoKind::MinLength {
                min,
                unit: Unit::Characters,
            } => ConstraintKind::MinChars { min },
            SchemaTwoKind::MinLength {
                min,
                unit: Unit::Bytes,
            } => ConstraintKind::MinBytes { min },
            SchemaTwoKind::Enum { values } => ConstraintKind::OneOf { values },
            SchemaTwoKind::JsonKeyMaxLength { max } => ConstraintKind::JsonKeyMaxChars { max },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: serde_json::Value) -> Constraint {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn schema_two_kinds_read_as_the_kinds_that_mean_the_same() {
        let c =
            read(json!({"kind": "max_length", "max": 60, "unit": "bytes", "source": "60 bytes"}));
        assert_eq!(
            (c.kind, c.source.as_str()),
            (ConstraintKind::MaxBytes { max: 60 }, "60 bytes")
        );
        let c = read(json!({"kind": "min_length", "min": 1, "unit": "characters", "source": "s"}));
        assert_eq!(c.kind, ConstraintKind::MinChars { min: 1 });
        let c = read(
            json!({"kind": "enum", "values": [{"value": "A"}], "source": "s", "path": "Values"}),
        );
        assert_eq!(
            c.kind,
            ConstraintKind::OneOf {
                values: vec![EnumValue {
                    value: "A".into(),
                    description: None
                }]
            }
        );
        assert_eq!(c.path.as_deref(), Some("Values"));
        let c = read(json!({"kind": "json_key_max_length", "max": 64, "source": "s"}));
        assert_eq!(c.kind, ConstraintKind::JsonKeyMaxChars { max: 64 });
    }

    #[test]
    fn current_kinds_round_trip_and_unknown_ones_are_refused() {
        let c = Constraint::new(ConstraintKind::MaxChars { max: 3 }, "s").at_path("Values");
        let text = serde_json::to_value(&c).unwrap();
        assert_eq!(
            text,
            json!({"kind": "max_chars", "max": 3, "path": "Values", "source": "s"})
        );
        assert_eq!(read(text), c);
        assert!(serde_json::from_value::<Constraint>(
            json!({"kind": "max_wombats", "source": "s"})
        )
        .is_err());
    }
}
