//! `regen` reports every failing service in one run, not just the first.

/// A good action page and its Data Types page, shared with doc-model's malformed-page tests.
const GOOD: &str = include_str!("../../../doc-model/tests/data/do_thing/DoThing.txt");
const TYPES: &str = include_str!("../../../doc-model/tests/data/do_thing/DataTypes.txt");

/// `regen` reports every failing service in one run, and still knows the good ones.
#[test]
fn every_failing_service_is_reported_at_once() {
    let root = std::env::temp_dir().join(format!("every-failure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |service: &str, page: &str| {
        std::fs::create_dir_all(root.join(service)).unwrap();
        std::fs::write(root.join(service).join("DoThing.txt"), page).unwrap();
        std::fs::write(root.join(service).join("DataTypes.txt"), TYPES).unwrap();
    };
    // Two kinds of structural damage: a page cut off inside its request table, and an
    // action page without its response table.
    let cut = &GOOD[..GOOD.find("| Items.N").expect("row") + 20];
    let no_response = GOOD.replace(
        "| Parameter Name | Type | Description |",
        "| Field | Kind |",
    );
    write("alpha", cut);
    write("beta", GOOD);
    write("gamma", &no_response);
    let err = releases::tree::generate_all(&root, "specs", "../../runtime")
        .map(|_| ())
        .expect_err("two services fail")
        .to_string();
    std::fs::remove_dir_all(&root).ok();
    assert!(
        err.contains("specs/alpha/DoThing.txt:10") && err.contains("the page is cut off"),
        "{err}"
    );
    assert!(
        err.contains("specs/gamma/DoThing.txt:4") && err.contains("no response parameter table"),
        "{err}"
    );
    assert!(err.ends_with("2 service(s) failed: alpha, gamma"), "{err}");
}
