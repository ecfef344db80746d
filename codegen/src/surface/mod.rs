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
mod fingerprint;
mod locate;
mod member_line;
mod model;
mod type_text;
mod variants;

pub use anchor::{Anchor, Locations, Scope};
pub use build::surface;
pub use fingerprint::Fingerprint;
pub use locate::locations;
pub use model::{ActionSurface, ApiSurface, EnumSurface, Member, StructSurface, WaiterSurface};
pub use type_text::short_text;
pub use variants::Variants;

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
