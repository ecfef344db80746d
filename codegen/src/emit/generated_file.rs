//! One file of a generated crate: its path in the crate and its contents.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate directory, with `/` separators.
    pub path: String,
    pub contents: String,
}
