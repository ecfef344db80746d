//! Reading constraints written by schema 2 of the model, whose length limits carried a unit
//! (`max_length` with `unit: bytes`) and whose value lists were `enum`: a release record
//! (`generated/<svc>/release.json`) kept from before schema 3 still reads, as the kinds
//! that mean the same. Reading `one_of` limits, whose values carry their meanings, is here
//! too.

use super::constraint::{Constraint, ConstraintKind, EnumValue};
use serde::Deserialize;
use tencentcloud_rules::Rule;

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
    Values(ValuesRecord),
    Current(ConstraintKind),
    SchemaTwo(SchemaTwoKind),
}

/// A `one_of` limit: values with their meanings.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ValuesRecord {
    OneOf { values: Vec<EnumValue> },
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
        let c = match record.kind {
            KindRecord::Values(ValuesRecord::OneOf { values }) => {
                Constraint::one_of(values, record.source)
            }
            KindRecord::Current(kind) => Constraint::new(kind, record.source),
            KindRecord::SchemaTwo(SchemaTwoKind::Enum { values }) => {
                Constraint::one_of(values, record.source)
            }
            KindRecord::SchemaTwo(old) => Constraint::new(old, record.source),
        };
        Constraint {
            path: record.path,
            ..c
        }
    }
}

impl From<SchemaTwoKind> for ConstraintKind {
    fn from(old: SchemaTwoKind) -> Self {
        ConstraintKind::Limit(match old {
            SchemaTwoKind::MaxLength {
                max,
                unit: Unit::Characters,
            } => Rule::MaxChars { max },
            SchemaTwoKind::MaxLength {
                max,
                unit: Unit::Bytes,
            } => Rule::MaxBytes { max },
            SchemaTwoKind::MinLength {
                min,
                unit: Unit::Characters,
            } => Rule::MinChars { min },
            SchemaTwoKind::MinLength {
                min,
                unit: Unit::Bytes,
            } => Rule::MinBytes { min },
            SchemaTwoKind::Enum { values } => Rule::OneOf {
                values: values
                    .into_iter()
                    .map(|v| v.value)
                    .collect::<Vec<_>>()
                    .into(),
            },
            SchemaTwoKind::JsonKeyMaxLength { max } => Rule::JsonKeyMaxChars { max },
        })
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
            (Rule::MaxBytes { max: 60 }.into(), "60 bytes")
        );
        let c = read(json!({"kind": "min_length", "min": 1, "unit": "characters", "source": "s"}));
        assert_eq!(c.kind, Rule::MinChars { min: 1 }.into());
        let c = read(
            json!({"kind": "enum", "values": [{"value": "A"}], "source": "s", "path": "Values"}),
        );
        assert_eq!(
            c.values(),
            Some(vec![EnumValue {
                value: "A".into(),
                description: None
            }])
        );
        assert_eq!(c.path.as_deref(), Some("Values"));
        let c = read(json!({"kind": "json_key_max_length", "max": 64, "source": "s"}));
        assert_eq!(c.kind, Rule::JsonKeyMaxChars { max: 64 }.into());
    }

    #[test]
    fn current_kinds_round_trip_and_unknown_ones_are_refused() {
        let c = Constraint::new(Rule::MaxChars { max: 3 }, "s").at_path("Values");
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
