//! A drop's generated crates as releases. [`compare`] tells what changed between two
//! public surfaces (`codegen::surface`) and what it does to callers; [`version`] the bump
//! that follows; [`release`] the record kept beside each crate and its changelog; [`tree`]
//! generates every service of a specs directory as the release after the one on disk;
//! [`child_cargo`] is cargo as xtask and the tests start it. Only `xtask` writes files.

pub mod change;
pub mod child_cargo;
pub mod class;
pub mod compare;
pub mod release;
pub mod tree;
pub mod version;

pub use change::{Change, Report};
pub use class::Class;
pub use compare::{diff, diff_services};
pub use version::Version;
