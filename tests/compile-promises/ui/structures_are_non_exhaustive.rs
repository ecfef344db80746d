//! A newly documented member is not a breaking change: structures are `#[non_exhaustive]`
//! and cannot be written as literals outside the crate (they are built with `new`/`default`
//! and their setters).
use tencentcloud_tat::types::Filter;

fn main() {
    let _ = Filter { name: "invocation-id".to_string(), values: vec![] };
}
