//! What an action's name says, by Tencent Cloud's naming: whether it is a name at all, and
//! whether its verb makes it a read. The one owner of the read verbs: the generator marks
//! typed actions with it and the runtime marks actions called by name, so one action is a
//! read (safe to re-send after a failure) whichever way it is called.

/// Verbs of read-only actions (`DescribeInstances`, `InquirePriceRunInstances`, …).
pub const READ_VERBS: &[&str] = &[
    "Describe", "Get", "List", "Query", "Inquire", "Preview", "Check", "Search",
];

/// The longest action name accepted: it becomes the `X-TC-Action` header.
pub const MAX_ACTION_NAME: usize = 64;

/// Whether `name` is an action name: a capital letter, then letters and digits, at most
/// [`MAX_ACTION_NAME`] characters.
pub fn is_action_name(name: &str) -> bool {
    name.len() <= MAX_ACTION_NAME
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether the action `name` reads: its verb is one of [`READ_VERBS`], as a whole word
/// (`Describe`, `DescribeThings`; not `Describer` or `Listen`).
pub fn is_read_action(name: &str) -> bool {
    READ_VERBS.iter().any(|verb| {
        name.strip_prefix(verb).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_verb_counts_only_as_a_whole_word() {
        for read in [
            "DescribeThings",
            "GetThing",
            "ListThings",
            "QueryThing",
            "InquirePriceRunThing",
            "PreviewReplacedCommandContent",
            "CheckThing",
            "SearchThings",
            "Describe",
        ] {
            assert!(is_read_action(read), "{read}");
        }
        for write in [
            "CreateThing",
            "Describer",
            "Listen",
            "Getaway",
            "Checkout",
            "RunCommand",
            "describeThings",
        ] {
            assert!(!is_read_action(write), "{write}");
        }
    }

    #[test]
    fn action_names_are_capitalised_alphanumeric_and_short() {
        assert!(is_action_name("RunCommand"));
        assert!(is_action_name(&"A".repeat(MAX_ACTION_NAME)));
        for bad in [
            "",
            "runCommand",
            "Run Command",
            "Run\r\nX: 1",
            "Run-Command",
        ] {
            assert!(!is_action_name(bad), "{bad:?}");
        }
        assert!(!is_action_name(&"A".repeat(MAX_ACTION_NAME + 1)));
    }
}
