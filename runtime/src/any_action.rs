//! An action called by name (the official SDKs' "common client"), for actions newer than
//! a generated crate: the [`ActionSpec`] the crate declares for a known name, else one
//! read from the name's verb (a read, safe to retry, by the one list the generator uses
//! too: [`tencentcloud_rules::action_name`]; anything else a mutation, never re-sent once
//! it may have arrived).

use crate::contract::spec::ActionSpec;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use tencentcloud_rules::{action_name, Kind, ValidationErrors, Violations};

/// How many distinct unknown names a process keeps: names are kept for the process's life
/// (an [`ActionSpec`] names its action with a `&'static str`), so they are bounded.
const MAX_UNKNOWN_NAMES: usize = 4096;

/// The spec for `name`: a known action's, else one read from its verb. A name that is not
/// an action name (`[A-Z][A-Za-z0-9]*`, at most 64 characters) is refused before anything
/// is sent, since it becomes a header.
pub fn spec_for(known: &[ActionSpec], name: &str) -> Result<ActionSpec, ValidationErrors> {
    if let Some(spec) = known.iter().find(|s| s.name == name) {
        return Ok(*spec);
    }
    if !action_name::is_action_name(name) {
        return Err(refused(
            name,
            "an action name: a capital letter, then letters and digits, at most 64",
        ));
    }
    let Some(name) = intern(name) else {
        return Err(refused(
            name,
            "one of at most 4096 distinct action names called by name",
        ));
    };
    Ok(if action_name::is_read_action(name) {
        ActionSpec::idempotent(name)
    } else {
        ActionSpec::non_idempotent(name)
    })
}

/// The refusal of a body that is not a JSON object (every action's request is one).
pub fn not_an_object(body: &serde_json::Value) -> ValidationErrors {
    let mut violations = Violations::default();
    let shown: String = body.to_string().chars().take(80).collect();
    violations.push(Kind::Shape, "".into(), "a JSON object".into(), shown, "");
    violations.finish().expect_err("one violation")
}

fn refused(name: &str, rule: &str) -> ValidationErrors {
    let mut violations = Violations::default();
    let shown: String = name.chars().take(80).collect();
    violations.push(
        Kind::Shape,
        "Action".into(),
        rule.into(),
        format!("{shown:?}"),
        "",
    );
    violations.finish().expect_err("one violation")
}

/// The one `'static` copy of `name`, or `None` once [`MAX_UNKNOWN_NAMES`] are kept.
fn intern(name: &str) -> Option<&'static str> {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(kept) = names.get(name) {
        return Some(kept);
    }
    if names.len() >= MAX_UNKNOWN_NAMES {
        return None;
    }
    let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(kept);
    Some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_keep_their_spec_and_verbs_decide_the_rest() {
        let known = [ActionSpec::non_idempotent("RunCommand").rate_limit(20)];
        let run = spec_for(&known, "RunCommand").unwrap();
        assert_eq!(run.rate_limit_per_second, Some(20));
        for read in [
            "DescribeNewThings",
            "GetThing",
            "ListThings",
            "InquirePriceRunThing",
            "Describe",
        ] {
            assert!(spec_for(&known, read).unwrap().idempotent, "{read}");
        }
        for write in [
            "CreateThing",
            "Describer",
            "Listen",
            "Getaway",
            "RunCommandNew",
        ] {
            assert!(!spec_for(&known, write).unwrap().idempotent, "{write}");
        }
    }

    #[test]
    fn what_is_not_an_action_name_is_refused_before_sending() {
        for bad in [
            "",
            "describeThings",
            "Run\r\nX-Evil: 1",
            "Run Command",
            &"A".repeat(65),
        ] {
            let e = spec_for(&[], bad).unwrap_err().to_string();
            assert!(e.contains("an action name"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn one_name_is_kept_once() {
        let a = spec_for(&[], "DescribeInternedTwice").unwrap().name;
        let b = spec_for(&[], "DescribeInternedTwice").unwrap().name;
        assert!(std::ptr::eq(a, b));
    }
}
