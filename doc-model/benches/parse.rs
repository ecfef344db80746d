//! Parse of the whole TAT drop (29 actions + Data Types + common pages) into the IR.
//!
//! Peer, measured in the same run: pulldown-cmark parsing the same bytes as Markdown
//! (a tuned, widely used parser doing a comparable single pass). The goal is stated as a
//! ratio in the README; the absolute goal is < 20 ms in release.
//!
//! Run: `cargo bench -p tencentcloud-doc-model --bench parse`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use doc_model::drops::{page_files, read_page};
use doc_model::ir::build_service;
use std::path::Path;

fn load(dir: &str) -> Vec<(String, Vec<u8>)> {
    page_files(Path::new(dir))
        .expect("drop directory")
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("read")))
        .collect()
}

fn parse_all(files: &[(String, Vec<u8>)], common: &[(String, Vec<u8>)]) -> usize {
    let pages: Vec<_> = files
        .iter()
        .map(|(n, b)| read_page(n, b).expect("page"))
        .collect();
    let common: Vec<_> = common
        .iter()
        .map(|(n, b)| read_page(n, b).expect("page"))
        .collect();
    build_service(&pages, &common)
        .expect("service")
        .actions
        .len()
}

fn bench(c: &mut Criterion) {
    let files = load("../specs/tat");
    let common = load("../specs/common");
    let mut group = c.benchmark_group("parse_tat_drop");
    group.bench_function("codegen_text_to_ir", |b| {
        b.iter(|| black_box(parse_all(black_box(&files), &common)))
    });
    group.bench_function("codegen_text_to_page_model_only", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(n, b)| read_page(n, black_box(b)).expect("page").blocks.len())
                .sum::<usize>()
        })
    });
    group.bench_function("peer_pulldown_cmark_events", |b| {
        b.iter(|| {
            let mut events = 0usize;
            for (_, bytes) in files.iter().chain(&common) {
                let text = std::str::from_utf8(bytes).expect("utf-8");
                let opts = pulldown_cmark::Options::ENABLE_TABLES;
                events += pulldown_cmark::Parser::new_ext(black_box(text), opts).count();
            }
            black_box(events)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
