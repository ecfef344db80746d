//! Cost of pages with many required parameters: regen time, emitted lines and `cargo check`
//! time of the crate for 50, 400 and 2,000 required parameters. The typed builder must stay
//! linear: past the compiler-checked limit, required parameters are checked by `validate()`.
//!
//! `cargo bench -p workspace-tests --bench wide_pages` (a smoke run: 1 and 50 only)

use std::time::Instant;
use workspace_tests::bench_figures::{figure, smoke};
use workspace_tests::{wide_page, ScratchWorkspace};

fn main() {
    let scratch = ScratchWorkspace::new("wide-pages");
    println!("required  regen ms  action lines  lines/param  cargo check s  s/1000 params");
    let sizes: &[usize] = if smoke() {
        &[1, 50]
    } else {
        &[1, 50, 400, 2000]
    };
    for (i, &required) in sizes.iter().enumerate() {
        let specs = scratch.dir.join(format!("specs{required}"));
        let service = specs.join(format!("wide{required}"));
        std::fs::create_dir_all(&service).expect("spec directory");
        let page = wide_page("DescribeWide", required, 0)
            .replace("wide.intl", &format!("wide{required}.intl"));
        std::fs::write(service.join("DescribeWide.txt"), page).expect("page");
        let started = Instant::now();
        let crates = releases::tree::generate_all(&specs, "specs", &scratch.runtime_path())
            .expect("regenerates");
        let regen = started.elapsed();
        scratch.write(&crates);
        // `--workspace` (the crate and the feature anchor): `-p` alone would resolve other
        // features for the dependencies and check them all again.
        let started = Instant::now();
        let output = scratch.cargo(&["check", "--quiet", "--workspace"]);
        let check = started.elapsed();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let lines = crates[0]
            .files
            .iter()
            .find(|f| f.path == "src/operation/describe_wide.rs")
            .map_or(0, |f| f.contents.lines().count());
        // The first, one-parameter crate only warms the dependencies up.
        if i == 0 {
            continue;
        }
        let name = format!("page of {required} required parameters");
        figure(
            &format!("{name}: regen"),
            regen.as_secs_f64() * 1e3,
            "ms",
            None,
        );
        figure(
            &format!("{name}: cargo check"),
            check.as_secs_f64(),
            "s",
            None,
        );
        println!(
            "{required:>8}  {:>8.1}  {lines:>12}  {:>11.1}  {:>13.2}  {:>13.2}",
            regen.as_secs_f64() * 1e3,
            lines as f64 / required as f64,
            check.as_secs_f64(),
            check.as_secs_f64() * 1000.0 / required as f64
        );
    }
}
