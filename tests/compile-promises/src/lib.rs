//! The generated TAT client's compile-time promises (see `tests/it/main.rs`). This crate
//! holds no code: it exists so trybuild checks the cases against `tencentcloud-tat` and
//! nothing else.
