//! `cargo xtask …` resolves features for xtask alone; when a package it builds has fewer
//! features there than in the tests' build (`cargo test --workspace`), for the target or
//! for the host, cargo compiles it twice, and every package that depends on it. xtask's
//! manifest asks for the tests' features; this test names any package that drifts, with
//! the features to add.

use workspace_tests::build_units;

#[test]
fn xtask_builds_its_packages_with_the_features_the_tests_build_them_with() {
    let tests = build_units::of(&["--workspace"], "normal,build,dev");
    let xtask = build_units::of(&["-p", "xtask"], "normal,build");
    let drifted: Vec<String> = xtask
        .iter()
        .filter_map(|(unit, features)| {
            let wanted = tests.get(unit)?;
            (wanted != features).then(|| {
                let side = if unit.host { "host" } else { "target" };
                format!(
                    "{} {} ({side}): xtask {features:?}, the tests {wanted:?}",
                    unit.name, unit.version
                )
            })
        })
        .collect();
    assert!(
        drifted.is_empty(),
        "xtask builds these with other features than the tests do (add the tests' features \
         to xtask/Cargo.toml, as a build dependency for the host):\n{}",
        drifted.join("\n")
    );
}
