//! Pages → IR over whole practice corpora, every service of each: the English catalogue,
//! the Chinese catalogue and Tencent's published pages in both languages (from
//! `../shared/specs`, or `SPECS_CORPORA`; a corpus that is not there is skipped).
//! Pages are read and each service built as `regen` does; the median of three runs (a
//! smoke run: one run of Tencent's published English pages).
//! Goal: the Chinese catalogue within 3 s on 2 cores.
//!
//! Run: `cargo bench -p workspace-tests --bench corpora`

use doc_model::drops::{load_service, page_files};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use workspace_tests::bench_figures::{figure, smoke};
use workspace_tests::workspace_root;

const CORPORA: &[&str] = &["catalogue", "catalogue-zh", "published/en", "published/zh"];

/// Services, pages and actions read, and whether every service built.
struct Tally {
    services: usize,
    pages: usize,
    actions: usize,
    failed: usize,
}

fn read_corpus(root: &Path) -> Tally {
    let mut tally = Tally {
        services: 0,
        pages: 0,
        actions: 0,
        failed: 0,
    };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.is_dir());
    dirs.sort();
    for dir in dirs {
        tally.services += 1;
        tally.pages += page_files(&dir).map_or(0, |f| f.len());
        match load_service(&dir) {
            Ok(service) => tally.actions += service.actions.len(),
            Err(_) => tally.failed += 1,
        }
    }
    tally
}

fn main() {
    let base = std::env::var_os("SPECS_CORPORA")
        .map_or_else(|| workspace_root().join("../shared/specs"), PathBuf::from);
    let (corpora, runs) = if smoke() {
        (&CORPORA[2..3], 1)
    } else {
        (CORPORA, 3)
    };
    for corpus in corpora {
        let root = base.join(corpus);
        if !root.is_dir() {
            println!("{corpus:<14} not found at {}; skipped", root.display());
            continue;
        }
        let mut times: Vec<Duration> = Vec::new();
        let mut tally = None;
        for _ in 0..runs {
            let started = Instant::now();
            tally = Some(read_corpus(&root));
            times.push(started.elapsed());
        }
        times.sort();
        let t = tally.expect("a run");
        let median = times[times.len() / 2].as_secs_f64();
        figure(&format!("{corpus} pages → IR"), median, "s", None);
        println!(
            "{corpus:<14} pages → IR {:>6.2} s   ({} services, {} pages, {} actions, {} failed)",
            median, t.services, t.pages, t.actions, t.failed
        );
    }
}
