//! `cargo xtask bench [--smoke] [--no-aws-peer]`: every performance figure of the project,
//! each against a peer measured in the same run where there is one, printed as one table
//! and written to `target/bench/figures.json` (name, value, unit, peer, ratio) and, as the
//! README's Markdown table, `target/bench/figures.md`.
//!
//! - the TAT drop → IR vs pulldown-cmark; the English and Chinese practice corpora and
//!   Tencent's published pages → IR (`micro.rs`, `tests/benches/corpora.rs`);
//! - TC3 signing vs its crypto floor, one InvokeCommand vs Tencent's Python and Node.js SDKs
//!   (`micro.rs`, `peers.rs`);
//! - regen + check, the generated crate's clean debug build and lines per action vs
//!   aws-sdk-ssm (`build.rs`; skip the peer with `--no-aws-peer`);
//! - the Chinese practice catalogue → crates (release xtask) and `cargo check` of all of
//!   them, each per action (`catalogue.rs`);
//! - pages of many required parameters, the client on the emulator at 1/8/32 concurrent
//!   calls vs bare reqwest, the emulator's own rate, the agents' port (`tests/benches/`).
//!
//! `--smoke` runs every bench once with a short measurement and no peers (`cargo test
//! --bench '*'`: each bench binary without `--bench`), its figures as a table; `cargo test`
//! runs the benches the same way, so a broken bench fails the test command.

mod build;
mod catalogue;
mod figure;
mod micro;
mod peers;
mod run;

use figure::{figures_in, markdown, prose_of, table, write_json, Figure};
use run::run;
use std::path::Path;

const USAGE: &str = "usage: cargo xtask bench [--smoke] [--no-aws-peer]";

/// The workspace-tests benches that print `FIGURE` lines, in the order they run.
const WORKLOADS: &[&str] = &["corpora", "wide_pages", "emulator_load", "agent_load"];

pub fn bench(args: &[String]) -> Result<(), String> {
    let (mut smoke, mut aws_peer) = (false, true);
    for arg in args {
        match arg.as_str() {
            "--smoke" => smoke = true,
            "--no-aws-peer" => aws_peer = false,
            _ => return Err(USAGE.into()),
        }
    }
    if smoke {
        return smoke_run();
    }
    let mut figures: Vec<Figure> = micro::figures()?;
    figures.extend(build::figures(aws_peer)?);
    figures.extend(catalogue::figures()?);
    for bench in WORKLOADS {
        let output = run(releases::child_cargo::command().args([
            "bench",
            "-q",
            "-p",
            "workspace-tests",
            "--bench",
            bench,
        ]))?;
        print!("{}", prose_of(&output));
        figures.extend(figures_in(&output));
    }
    println!("\n{}", table(&figures));
    let (date, path) = (
        releases::release::today(),
        Path::new("target/bench/figures.json"),
    );
    write_json(path, &date, &figures)?;
    let table_path = path.with_extension("md");
    std::fs::write(&table_path, markdown(&date, &figures)).map_err(|e| e.to_string())?;
    println!("written to {} and {}", path.display(), table_path.display());
    Ok(())
}

/// Every bench binary once, built like the tests (debug) and run as a test would run it.
fn smoke_run() -> Result<(), String> {
    let output =
        run(releases::child_cargo::command().args(["test", "-q", "--workspace", "--bench", "*"]))?;
    let figures = figures_in(&output);
    println!("{}", table(&figures));
    println!(
        "smoke run: every bench ran once ({} figures)",
        figures.len()
    );
    Ok(())
}
