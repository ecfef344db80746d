//! The runtime's integration tests, one binary, with no generated code: TC3 signatures
//! against the vectors of Tencent's official SDK; retries and the region breaker through a
//! scripted HTTP client; proxies, trusted roots and per-call timeouts over real local
//! sockets; headers, interceptors and call options as sent; profiles in tccli's files.

mod breaker;
mod call_shape;
mod contract_imports;
mod local_servers;
mod profiles;
mod proxies;
mod retries;
mod scripted;
mod tc3_vectors;
mod tls_roots;
