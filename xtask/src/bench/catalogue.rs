//! Scale: the Chinese practice catalogue (`../shared/specs/catalogue-zh`) as a maintainer
//! regenerates it — every drop → its crate with the release xtask (`regen`, services in
//! parallel) — and `cargo check` of all its crates at once, each per action. By hand only
//! (`cargo xtask bench`), never in CI: it holds both cores for minutes.

use super::figure::Figure;
use super::run::run;
use crate::paths::workspace_root;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const CORPUS: &str = "../shared/specs/catalogue-zh";

/// The figures, or none (with a note) when the corpus is not beside the project.
pub fn figures() -> Result<Vec<Figure>, String> {
    let root = workspace_root();
    let corpus = root.join(CORPUS);
    if !corpus.is_dir() {
        eprintln!(
            "catalogue-zh figures skipped: {} is missing",
            corpus.display()
        );
        return Ok(Vec::new());
    }
    let xtask = root.join("target/release/xtask");
    let out = root.join("target/bench-catalogue-zh");
    let _ = std::fs::remove_dir_all(&out);
    let t = Instant::now();
    run(Command::new(&xtask)
        .current_dir(&root)
        .args(["regen", "--specs", CORPUS, "--out"])
        .arg(&out))?;
    let regen = t.elapsed().as_secs_f64();
    let actions = generated_actions(&out);
    // Once to build the dependencies; then, the crates rewritten, their check alone, from
    // scratch (an incremental cache would remember the first check).
    let compile = || {
        run(Command::new(&xtask)
            .current_dir(&root)
            .env("CARGO_INCREMENTAL", "0")
            .args([
                "catalogue",
                CORPUS,
                "--compile",
                "--out",
                "target/bench-catalogue-zh-check",
            ]))
    };
    compile()?;
    let check =
        check_seconds(&compile()?).ok_or("no `cargo check:` line in the catalogue's output")?;
    let per = |secs: f64| secs * 1e3 / actions.max(1) as f64;
    Ok(vec![
        Figure::new(
            "catalogue-zh drop → crates (release xtask regen)",
            regen,
            "s",
        ),
        Figure::new("catalogue-zh drop → crates, per action", per(regen), "ms"),
        Figure::new("catalogue-zh crates: cargo check, all at once", check, "s"),
        Figure::new(
            "catalogue-zh crates: cargo check, per action",
            per(check),
            "ms",
        ),
    ])
}

/// Actions of every crate under `out` (one module per action in `src/operation/`).
fn generated_actions(out: &Path) -> usize {
    let Ok(crates) = std::fs::read_dir(out) else {
        return 0;
    };
    crates
        .flatten()
        .filter_map(|c| std::fs::read_dir(c.path().join("src/operation")).ok())
        .map(|ops| ops.flatten().filter(|f| f.file_name() != "mod.rs").count())
        .sum()
}

/// `cargo check: 89 of 89 crate(s) compile, 98.0 s in all, …` → 98.0.
fn check_seconds(output: &str) -> Option<f64> {
    let line = output.lines().find(|l| l.starts_with("cargo check:"))?;
    let (_, after) = line.split_once("compile, ")?;
    after.split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_check_time_is_read_from_the_summary() {
        let out = "regen: 9.39 s in all\ncargo check: 89 of 89 crate(s) compile, 98.0 s in all, 18.3 ms per action\n";
        assert_eq!(super::check_seconds(out), Some(98.0));
        assert_eq!(super::check_seconds("nothing"), None);
    }
}
