//! The API's compile-time promises: leaving out a required parameter does not compile,
//! and the compiler says which one; structures are `#[non_exhaustive]`, so a member added by
//! a newer page breaks no caller.

#[test]
fn required_parameters_are_enforced_by_the_compiler() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass_all_required_set.rs");
    t.compile_fail("ui/missing_instance_ids.rs");
    t.compile_fail("ui/missing_every_required.rs");
    t.compile_fail("ui/wrong_parameter_type.rs");
    t.compile_fail("ui/structures_are_non_exhaustive.rs");
}
