//! The criterion benchmarks, read from their saved estimates: the TAT drop → IR against
//! pulldown-cmark over the same bytes, and one InvokeCommand built, validated, serialised
//! and signed against the crypto floor of signing and Tencent's Python and Node.js SDKs.

use super::figure::Figure;
use super::peers;
use super::run::run;
use std::path::Path;

/// Mean time in nanoseconds from criterion's saved estimates.
fn criterion_mean_ns(path: &str) -> Option<f64> {
    let text = std::fs::read_to_string(
        Path::new("target/criterion")
            .join(path)
            .join("new/estimates.json"),
    )
    .ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

fn cargo_bench(package: &str, bench: &str) -> Result<String, String> {
    run(releases::child_cargo::command().args(["bench", "-q", "-p", package, "--bench", bench]))
}

pub fn figures() -> Result<Vec<Figure>, String> {
    cargo_bench("tencentcloud-doc-model", "parse")?;
    cargo_bench("workspace-tests", "invoke_command")?;
    let ms = |path: &str| criterion_mean_ns(path).map(|ns| ns / 1e6);
    let us = |path: &str| criterion_mean_ns(path).map(|ns| ns / 1e3);
    let mut figures = Vec::new();
    if let Some(parse) = ms("parse_tat_drop/codegen_text_to_ir") {
        figures.push(Figure::new("TAT drop → IR", parse, "ms").against(
            "pulldown-cmark, same bytes",
            ms("parse_tat_drop/peer_pulldown_cmark_events"),
        ));
    }
    if let Some(sign) = us("invoke_command_parts/sign") {
        let floor = us("invoke_command_sign_floor");
        let cached = us("invoke_command_sign_floor_cached_key");
        figures.push(
            Figure::new("TC3 signing", sign, "µs")
                .against("crypto floor (2 SHA-256, 4 HMAC)", floor),
        );
        figures.push(
            Figure::new("TC3 signing", sign, "µs")
                .against("crypto floor, key derived (2 SHA-256, 1 HMAC)", cached),
        );
    }
    if let Some(call) = us("invoke_command_build_validate_serialize_sign") {
        let name = "InvokeCommand build+validate+serialise+sign";
        figures.push(
            Figure::new(name, call, "µs")
                .against("Python SDK, serialise+sign", peers::python_sdk_us()),
        );
        figures.push(
            Figure::new(name, call, "µs").against("Node.js SDK, build+sign", peers::node_sdk_us()),
        );
    }
    Ok(figures)
}
