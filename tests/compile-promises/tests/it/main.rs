//! The API's compile-time promises: leaving out a required parameter does not compile, and
//! the compiler says which one; structures are `#[non_exhaustive]`, so a member added by a
//! newer page breaks no caller. The cases that must not compile are checked in one trybuild
//! batch (`ui/`); the case that must compile is compiled here, with the rest of this test.

use tencentcloud_tat::test_util::Rules;

#[test]
fn what_must_not_compile_does_not() {
    trybuild::TestCases::new().compile_fail("ui/*.rs");
}

/// Every required parameter set, in any order, with optional ones anywhere: it compiles,
/// and the request holds what was set.
#[test]
fn every_required_parameter_set_compiles() {
    // A client that sends nothing: the promise is the builder's, and this crate builds
    // without the default HTTP client.
    let client = tencentcloud_tat::test_util::client(&Rules::new());
    let request = client
        .invoke_command()
        .timeout(60)
        .instance_ids(["ins-1"])
        .command_id("cmd-1")
        .into_request();
    assert_eq!(request.command_id.as_deref(), Some("cmd-1"));
    assert_eq!(request.instance_ids, Some(vec!["ins-1".to_string()]));
    let _ = client.describe_regions().into_request();
}
