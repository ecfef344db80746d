//! Constraints read from descriptions: data, not code. Each keeps the phrase it came from.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "super::schema_two::ConstraintRecord")]
pub struct Constraint {
    #[serde(flatten)]
    pub kind: ConstraintKind,
    /// Where inside the value the rule applies, relative to each array element
    /// (`Values` for "that of Filter.Values is 5" on `Filters`). Absent: the field itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The exact phrase of the description this constraint was read from.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A kind of documented limit. Each kind that is checked has the name of the
/// [`tencentcloud_rules::Rule`] it means (`MaxChars` here is `Rule::MaxChars` there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConstraintKind {
    /// String length cap in characters ("length not exceeding 120 characters").
    MaxChars {
        max: u64,
    },
    /// String length cap in UTF-8 bytes ("up to 60 bytes", "64 KB").
    MaxBytes {
        max: u64,
    },
    MinChars {
        min: u64,
    },
    MinBytes {
        min: u64,
    },
    /// Array length cap ("list cap 100", "A maximum of 10 tags").
    MaxItems {
        max: u64,
    },
    MinItems {
        min: u64,
    },
    /// Numeric bounds, inclusive ("Value range: [1, 86400]", "The maximum is 100").
    Minimum {
        min: Value,
    },
    Maximum {
        max: Value,
    },
    /// The documented default ("Default value: 60 seconds"); also in the field's `default`.
    Default {
        value: Value,
    },
    /// A default described in words, decided by the server ("The Timeout of the command is used by default").
    ServerDefault,
    /// Allowed values ("Valid values: …", "- SCHEDULE: …", "currently supports SHELL, POWERSHELL, BAT").
    OneOf {
        values: Vec<EnumValue>,
    },
    /// The value must start with this text ("must start with https").
    Prefix {
        prefix: String,
    },
    /// Allowed characters, as a regex character class ("[a-zA-Z0-9-_]").
    Charset {
        class: String,
    },
    /// The string carries bytes in Base64 ("Base64-encoded command", "Base64编码后的命令内容").
    /// An encoding the client can do for its caller; the server checks it.
    Base64,
    /// The string carries a JSON document ("field type is json encoded string").
    JsonEncoded,
    /// The JSON document is an object whose values are strings ("both kv are string-type").
    JsonStringValues,
    /// At most this many keys in the JSON object ("Custom parameters can be up to 20").
    JsonMaxKeys {
        max: u64,
    },
    /// Key length cap in characters inside the JSON object ("the number of characters has a cap of 64").
    JsonKeyMaxChars {
        max: u64,
    },
    /// Allowed key characters inside the JSON object ("the optional range is [a-zA-Z0-9-_]").
    JsonKeyCharset {
        class: String,
    },
    /// These parameters cannot be given together ("X and Y cannot be specified at the same time").
    MutuallyExclusive {
        fields: Vec<String>,
    },
    /// Exactly one of these must be given ("you must provide one and can only provide one").
    ExactlyOneOf {
        fields: Vec<String>,
    },
    /// At least one of these must be given ("X or Y must be specified").
    AtLeastOneOf {
        fields: Vec<String>,
    },
    /// This field is required when a sibling has a value ("required if Policy is RECURRENCE").
    RequiredIf {
        field: String,
        equals: String,
    },
    /// A documented filter name for `Filters` (`Name`), with its allowed values when listed.
    Filter {
        name: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        values: Vec<String>,
    },
}

impl Constraint {
    pub fn new(kind: ConstraintKind, source: impl Into<String>) -> Self {
        Constraint {
            kind,
            path: None,
            source: source.into(),
        }
    }

    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }
}
