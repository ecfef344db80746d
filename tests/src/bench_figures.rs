//! What the benches share with `cargo xtask bench`: whether this is a smoke run, and the
//! figures they report.
//!
//! A smoke run is a bench binary started without `--bench` (`cargo test`, which runs
//! every bench since each is `test = true`, and `cargo xtask bench --smoke`): every
//! benchmark once, with a short measurement and no peers to build, so a broken bench
//! fails the tests. Each figure is printed as one line
//! `FIGURE {json}` that `cargo xtask bench` collects into `target/bench/figures.json`.

use serde_json::json;

/// True unless cargo ran this bench as a benchmark (`cargo bench` passes `--bench`).
pub fn smoke() -> bool {
    !std::env::args().any(|a| a == "--bench")
}

/// One measured figure, optionally against a peer measured in the same run; `ratio` is
/// ours divided by the peer's (below 1 for a time means faster, above 1 for a rate).
pub fn figure(name: &str, value: f64, unit: &str, peer: Option<(&str, f64)>) {
    let (peer_name, peer_value) = peer.unzip();
    let ratio = peer_value.filter(|p| *p > 0.0).map(|p| value / p);
    let record = json!({
        "name": name,
        "value": value,
        "unit": unit,
        "peer": peer_name,
        "peer_value": peer_value,
        "ratio": ratio,
    });
    println!("FIGURE {record}");
}

#[cfg(test)]
mod tests {
    #[test]
    fn test_binaries_are_smoke_runs() {
        assert!(super::smoke());
    }
}
