//! The public surface of a generated crate: the Rust name and type of every public item,
//! as the emitters decide them (`build.rs` asks the same owners: the name plan, the type
//! mapping, `Ctx::declared_optional`, the builder's plan). `xtask diff` and the release
//! record compare surfaces, never the doc model, as cargo-semver-checks compares what
//! callers compile against.
//!
//! Serialised deterministically (maps keyed by wire name) and compactly: docs and documented
//! limits are fingerprints, enough to say that they changed.

mod anchor;
mod build;
mod compact;
mod fingerprint;
mod locate;
mod type_text;

pub use anchor::{Anchor, Locations, Scope};
pub use build::surface;
pub use locate::locations;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Wire value → Rust variant (error codes, enum values).
pub type Variants = BTreeMap<String, String>;

/// Six hex digits standing for some text (docs, limits): equal text, equal fingerprint.
pub type Fingerprint = String;

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

/// One `pub` field of a request, response or structure; one line in JSON (`compact.rs`).
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

/// `#[serde(with = "variants")]`: a map of variants in its compact form.
mod variants {
    pub use super::compact::{
        deserialize_variants as deserialize, serialize_variants as serialize,
    };
}

impl ApiSurface {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tat() -> doc_model::ir::Service {
        doc_model::drops::load_service(std::path::Path::new("../specs/tat")).unwrap()
    }

    #[test]
    fn the_surface_is_compact_and_reads_back_as_written() {
        let surface = surface(&tat());
        let json = surface.to_json();
        assert!(json.len() < 50_000, "{} bytes", json.len());
        let back: ApiSurface = serde_json::from_str(&json).unwrap();
        assert_eq!(back, surface);
    }

    #[test]
    fn answer_structures_say_which_members_are_options() {
        let surface = surface(&tat());
        let quota = &surface.structs["GeneralResourceQuotaSet"];
        let used = &quota.members["ResourceQuotaUsed"];
        assert_eq!(
            (used.rust.as_str(), used.ty.as_str()),
            ("resource_quota_used", "i64")
        );
        let run = &surface.actions["RunCommand"];
        assert_eq!(run.required, ["content", "instance_ids"]);
        assert!(run.request["Content"].optional);
        assert_eq!(run.request["Content"].methods, ["content_raw"]);
        assert!(surface.actions["DescribeCommands"].idempotent);
        assert!(!run.idempotent);
    }
}
