//! The intermediate model (IR): plain, serialisable data. Schema: `docs/ir-schema.md`.

use super::constraint::Constraint;
use crate::diagnostic::{Diagnostic, Location};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::ops::Range;

/// The version of this model's JSON form (`cargo xtask ir`); it changes whenever a key is
/// added, removed or changes meaning, so readers of saved models can tell.
pub const SCHEMA_VERSION: u32 = 4;

/// One service: every action page, the data types page and the common pages of a directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// [`SCHEMA_VERSION`] of the model that wrote this.
    pub schema_version: u32,
    pub service: ServiceInfo,
    pub actions: Vec<Action>,
    pub types: Vec<StructType>,
    /// Error codes every action can return (from the common error codes page).
    pub common_errors: Vec<ErrorCode>,
    /// Common request parameters sent as headers (from the common parameters page).
    pub common_parameters: Vec<CommonParameter>,
    /// Waiters declared beside the pages (`waiters.toml`), checked against them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiters: Vec<Waiter>,
    /// Problems found in the pages that do not stop generation (non-conforming examples…).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceInfo {
    /// Short service name, the first label of the domain (`tat`).
    pub name: String,
    /// API version shared by all actions (`2020-10-28`).
    pub version: String,
    /// Request domain (`tat.intl.tencentcloudapi.com`).
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub name: String,
    pub version: String,
    pub domain: String,
    pub description: String,
    pub rate_limit_per_second: Option<u32>,
    /// Common parameters the page lists in its request table (Action, Version, Region…).
    pub common_parameters: Vec<CommonParameter>,
    pub request: Vec<Field>,
    pub response: Vec<Field>,
    pub errors: Vec<ErrorCode>,
    pub examples: Vec<Example>,
    /// Page text the model has no slot for, kept so nothing is dropped silently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommonParameter {
    pub name: String,
    pub required: Option<bool>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Wire name, without the `.N` suffix of array parameters.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// `None` where the page has no Required column (response fields, output structures).
    pub required: Option<bool>,
    /// The description says "This field may return null".
    pub nullable: bool,
    pub description: String,
    pub constraints: Vec<Constraint>,
    /// Byte ranges of `description` the extraction read (what gave constraints, and the
    /// nullable note): what the limit report checks against. Not in the JSON form, so a
    /// model read back from JSON has none.
    #[serde(skip)]
    pub covered: Vec<Range<usize>>,
    /// True for the `RequestId` every response carries.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub request_id: bool,
    pub location: Location,
}

impl Field {
    /// The documented default value, typed like the field (its `default` constraint).
    pub fn default_value(&self) -> Option<&Value> {
        self.constraints.iter().find_map(|c| match &c.kind {
            super::constraint::ConstraintKind::Fact(super::constraint::Fact::Default { value }) => {
                Some(value)
            }
            _ => None,
        })
    }
}

/// A parameter's type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TypeRef {
    String,
    Integer,
    Boolean,
    Float,
    Timestamp {
        /// `iso8601` for "Timestamp ISO8601"; absent for a plain "Timestamp".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    Date,
    Binary,
    /// Any JSON value: the page says `Object`, `Json` or `Map`, or a type nobody could read
    /// (reported as a warning).
    Json,
    Array {
        items: Box<TypeRef>,
    },
    Struct {
        name: String,
    },
}

impl TypeRef {
    pub fn is_array(&self) -> bool {
        matches!(self, TypeRef::Array { .. })
    }

    /// The structure this type names, itself or as the items of (nested) lists.
    pub fn struct_name(&self) -> Option<&str> {
        match self.element() {
            TypeRef::Struct { name } => Some(name),
            _ => None,
        }
    }

    /// The element type of an array, or the type itself.
    pub fn element(&self) -> &TypeRef {
        match self {
            TypeRef::Array { items } => items.element(),
            other => other,
        }
    }

    /// Whether `v` is this scalar type on the wire (timestamps, dates and binary travel
    /// as strings). Arrays and structures are never scalars: check their members.
    pub fn fits_scalar(&self, v: &Value) -> bool {
        match self {
            TypeRef::String | TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary => {
                v.is_string()
            }
            // Integers are i64 in every generated client: a larger one cannot be read.
            TypeRef::Integer => v.is_i64(),
            TypeRef::Float => v.is_number(),
            TypeRef::Boolean => v.is_boolean(),
            TypeRef::Json => true,
            TypeRef::Array { .. } | TypeRef::Struct { .. } => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorCode {
    pub code: String,
    pub description: String,
    /// The table row that documents the code (absent in models recorded before rows
    /// carried their line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The line before the request, when the page gives one.
    pub title: Option<String>,
    /// The request body as JSON; `null` when the page's JSON does not parse (see warnings).
    pub request: Value,
    /// The `{"Response": …}` document; `null` when it does not parse (see warnings).
    pub response: Value,
    pub request_location: Location,
    pub response_location: Option<Location>,
    /// Where this example contradicts the page (invalid JSON, undocumented keys…),
    /// worded without locations so every page format gives the same text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// What had to be repaired to read the example's JSON (a lost `,`…), worded like problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructType {
    pub name: String,
    pub description: String,
    pub used_by: Vec<String>,
    pub fields: Vec<Field>,
    pub location: Location,
}

/// A waiter declared beside the pages (`specs/<svc>/waiters.toml`, read by
/// [`super::waiters`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waiter {
    /// Snake-case name: the client method is `wait_until_<name>`.
    pub name: String,
    pub action: String,
    /// Wire names from the answer's `Response` down to the status member.
    pub path: Vec<PathStep>,
    pub success: Vec<String>,
    pub failure: Vec<String>,
    pub retry: Vec<String>,
    pub location: Location,
}

/// One member of a waiter's path; `each` for an array, every item of which is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathStep {
    pub member: String,
    pub each: bool,
}
