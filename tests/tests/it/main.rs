//! The workspace's integration tests, one binary: the generated TAT client over real HTTP
//! (stub, hostile and credential servers, the emulator, the official Python SDK), with
//! tccli's profiles, its call options and headers, and its test doubles; the project's
//! adversarial drop, a sample of practice services compiled, diff verdicts checked by the
//! compiler, the published packages built by a consumer, and the locked dependencies' Rust
//! versions.

mod adversarial_drop;
mod agent_e2e;
mod agent_protocol;
mod answers_and_spans;
mod build_reuse;
mod call_json;
mod call_options;
mod catalogue_sample;
mod consumer;
mod credential_sources;
mod diff_verdicts;
mod documented_failures;
mod emulator_e2e;
mod encoded_members;
mod example_program;
mod fleet_and_clock;
mod hostile_server;
mod proxy_and_breaker;
mod python_sdk_compat;
mod rust_version;
mod sandbox;
mod sandbox_bed;
mod stub_server;
mod tccli_profiles;
mod test_doubles;
mod transport;
mod waiters;
