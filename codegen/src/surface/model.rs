//! The surface's items: what each public item of the generated crate is called and typed.

use super::fingerprint::Fingerprint;
use super::variants::{self, Variants};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiSurface {
    /// `tencentcloud-tat`.
    pub crate_name: String,
    /// The API version the client sends (`2020-10-28`).
    pub api_version: String,
    /// By action name.
    pub actions: BTreeMap<String, ActionSurface>,
    /// By structure (wire) name.
    pub structs: BTreeMap<String, StructSurface>,
    /// By Rust name.
    pub enums: BTreeMap<String, EnumSurface>,
    /// `CommonErrorCode`'s variants.
    #[serde(with = "variants")]
    pub common_errors: Variants,
    pub common_docs: Fingerprint,
    /// By waiter name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waiters: BTreeMap<String, WaiterSurface>,
    /// The crate's Cargo features, each with whether it is on by default.
    #[serde(default)]
    pub features: BTreeMap<String, bool>,
}

/// One action: its client method (whose module's types are named after the action:
/// `<Action>Request`, `…Response`, `…Builder`, `…ErrorCode`), builder and error codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSurface {
    /// The `Client` method, also the `operation` module's name.
    pub method: String,
    /// Whether the runtime may re-send it after a failure (`ActionSpec::idempotent`).
    pub idempotent: bool,
    /// Documented requests per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<u32>,
    /// The setters the builder's type parameters track (`send()` needs each), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Required setters past the typed limit, which `validate()` checks instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub validated: Vec<String>,
    /// Request members (also the builder's setters), by wire name.
    pub request: BTreeMap<String, Member>,
    pub response: BTreeMap<String, Member>,
    /// Whether the builder has `into_pages()`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pages: bool,
    /// The action's own error codes (the common ones are `Common(…)`).
    #[serde(with = "variants")]
    pub errors: Variants,
    /// Its description, examples and error descriptions.
    pub docs: Fingerprint,
}

/// One `pub` field of a request, response or structure; one line in JSON (`member_line.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Member {
    /// The field (and for requests, setter) name.
    pub rust: String,
    /// Its type without `Option` (`Vec<String>`, `Box<types::Foo>`, `enums::Speed`).
    pub ty: String,
    /// Declared `Option<ty>`.
    pub optional: bool,
    /// Methods its documented encoding adds (`content_raw`, `output_decoded`).
    pub methods: Vec<String>,
    /// The limits `validate()` checks, as a fingerprint; empty when none.
    pub limits: Fingerprint,
    pub docs: Fingerprint,
}

/// One structure of `types`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructSurface {
    pub rust: String,
    pub members: BTreeMap<String, Member>,
    /// The parameters of `new(…)` (its required members), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Vec<String>>,
    /// Traits callers can use beyond `Debug`, `Clone`, `PartialEq`: `Default`,
    /// `Serialize`, `Deserialize`.
    pub traits: Vec<String>,
    pub docs: Fingerprint,
}

/// One enum of `enums` (`#[non_exhaustive]`, with `Unknown`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumSurface {
    #[serde(with = "variants")]
    pub values: Variants,
    pub docs: Fingerprint,
}

/// `Client::wait_until_<name>()` and its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaiterSurface {
    pub method: String,
    pub ty: String,
    /// The action, path and values it ends on.
    pub rule: Fingerprint,
}

impl ApiSurface {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
