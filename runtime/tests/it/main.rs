//! The runtime's integration tests, one binary: TC3 signatures against the vectors of
//! Tencent's official SDK.

mod tc3_vectors;
