//! `cargo xtask <command>`: the project's automation.
//!
//! - `regen`, `check`  generate the client crates / verify they are up to date
//! - `ir [DIR]`            print the IR of a service directory as JSON (default `specs/tat`)
//! - `ir --report DIR`     list description sentences that read like limits but gave no constraint
//! - `diff OLD NEW`        what changed between two drops, classified, with the version bump
//! - `catalogue DIR`       regenerate every service of a drop directory (and with `--compile`,
//!   check that each crate compiles)
//! - `tidy`                the house rules over every hand-written Rust file
//! - `agent build|run`     Tencent's TAT agent, built and run against the emulator

mod agent_command;
mod bench;
mod catalogue;
mod diff_command;
mod import_cycles;
mod ir_command;
mod paths;
mod regen_command;
mod rust_files;
mod tidy;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  regen [--specs DIR] [--out DIR]   regenerate generated/<svc>/ from specs/<svc>/ (atomic)
  check [--specs DIR] [--out DIR]   fail, naming the files, when generated/ is stale
  diff OLD_DIR NEW_DIR              what changed between two drops of a service, each change
                                    breaking / additive / documentation, and the version bump;
                                    exits 2 when something breaks
  bench [--smoke] [--no-aws-peer]   every performance figure, each against its peer, as a table
                                    and target/bench/figures.json; --smoke: each bench once
  catalogue DIR [--out DIR] [--only SVC,…] [--compile] [--tests]
                                    regenerate every service of DIR into a scratch workspace
                                    (default target/catalogue); --compile: check that every crate
                                    compiles (one cargo check, one target directory), --tests:
                                    their test targets too; a row per service and a summary
  ir [DIR]             print the intermediate model of a service directory as JSON
                       (default: specs/tat)
  tidy                 check the house rules over every hand-written Rust file
  ir --report [DIR]    list limit-like sentences that produced no constraint, with file:line
  agent build          build Tencent's TAT agent (a test peer) under target/tat-agent/
  agent run AGENTS_ADDR CODE_ID CODE_VALUE [--name NAME]
                       register the agent with the emulator's agents' port and run it";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("diff") {
        return diff_command::run(&args[1..]).unwrap_or_else(|message| {
            eprintln!("{message}");
            ExitCode::FAILURE
        });
    }
    let result = match args.first().map(String::as_str) {
        Some("ir") => ir_command::run(&args[1..]),
        Some("regen") => regen_command::regen(&args[1..]),
        Some("check") => regen_command::check(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("catalogue") => catalogue::run(&args[1..]),
        Some("agent") => agent_command::run(&args[1..]),
        Some("tidy") => tidy::run(&paths::workspace_root()),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
