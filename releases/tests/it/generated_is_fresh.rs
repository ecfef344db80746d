//! `generated/` must be exactly what `specs/` produces: a stale crate fails CI.

use releases::tree::{generate_all_after, stale_files};
use std::path::Path;

#[test]
fn generated_crates_match_the_specs() {
    let crates = generate_all_after(
        Path::new("../specs"),
        "specs",
        "../../runtime",
        Some(Path::new("../generated")),
    )
    .expect("specs generate");
    let stale = stale_files(&crates, Path::new("../generated"));
    assert!(stale.is_empty(), "generated/ is stale against specs/ — run `cargo xtask regen` locally and commit the updated files:\n  {}", stale.join("\n  "));
}

#[test]
fn generation_is_deterministic() {
    let a = generate_all_after(
        Path::new("../specs"),
        "specs",
        "../../runtime",
        Some(Path::new("../generated")),
    )
    .unwrap();
    let b = generate_all_after(
        Path::new("../specs"),
        "specs",
        "../../runtime",
        Some(Path::new("../generated")),
    )
    .unwrap();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.files, y.files, "{}", x.dir);
    }
}

#[test]
fn every_generated_file_says_it_is_generated_and_from_what() {
    let crates = generate_all_after(
        Path::new("../specs"),
        "specs",
        "../../runtime",
        Some(Path::new("../generated")),
    )
    .unwrap();
    for c in &crates {
        for f in &c.files {
            // JSON has no comments: its first member says it.
            let first = f
                .contents
                .lines()
                .nth(usize::from(f.path.ends_with(".json")))
                .unwrap_or_default();
            assert!(
                first.contains("@generated") && first.contains("specs/"),
                "{}: {first}",
                f.path
            );
        }
    }
}
