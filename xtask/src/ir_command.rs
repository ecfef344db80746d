//! `cargo xtask ir [--report] [DIR]`.

use doc_model::drops::load_service;
use doc_model::ir::limit_report::limit_report;
use std::io::Write;
use std::path::PathBuf;

pub fn run(args: &[String]) -> Result<(), String> {
    let report = args.iter().any(|a| a == "--report");
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if dirs.len() > 1 || args.iter().any(|a| a.starts_with("--") && a != "--report") {
        return Err("usage: cargo xtask ir [--report] [DIR]".into());
    }
    let dir = dirs
        .first()
        .map_or_else(|| PathBuf::from("specs/tat"), PathBuf::from);
    let service = load_service(&dir)
        .map_err(|e| format!("{e}\nerror: {} has errors; nothing printed", dir.display()))?;
    for w in &service.warnings {
        eprintln!("warning: {w}");
    }
    let mut out = std::io::stdout().lock();
    if report {
        let lines = limit_report(&service);
        for line in &lines {
            writeln!(out, "{}: {}: {}", line.location, line.field, line.sentence)
                .map_err(|e| e.to_string())?;
        }
        eprintln!(
            "{} limit-like sentence(s) without a constraint",
            lines.len()
        );
    } else {
        let json = serde_json::to_string_pretty(&service).map_err(|e| e.to_string())?;
        writeln!(out, "{json}").map_err(|e| e.to_string())?;
    }
    Ok(())
}
