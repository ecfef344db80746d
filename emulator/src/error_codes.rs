//! Which documented error code a broken rule answers with. The pages name codes after
//! what went wrong (`InvalidParameterValue.TooLong`, `…ParameterKeyLenExceeded`,
//! `InvalidParameterValue.Invalid<Field>`); a rule picks the first code the action
//! documents that carries one of its words, else the common code.

use doc_model::ir::Action;
use tencentcloud_rules::Rule;

/// The families a request problem may answer with, most specific first.
const FAMILIES: [&str; 3] = [
    "InvalidParameterValue.",
    "InvalidParameter.",
    "LimitExceeded.",
];

/// What kind of rule was broken, as far as choosing a code goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Broken<'a> {
    Rule(&'a Rule<'a>),
    /// A `Filters[i].Name` that is not documented.
    FilterName,
    /// A bound on the values of one filter (`Filters[i].Values`).
    FilterValues,
    /// A relation rule left every member out (exactly one / at least one / required if).
    NothingGiven,
}

/// The code for breaking `broken` on field `field` of `action`.
pub fn code_for(action: &Action, field: &str, broken: Broken<'_>) -> String {
    let invalid_field = format!("Invalid{field}");
    let words: Vec<&str> = match broken {
        Broken::FilterName => vec!["InvalidFilter"],
        Broken::FilterValues => vec!["FilterValueExceeded", "InvalidFilter"],
        Broken::NothingGiven => return "MissingParameter".into(),
        Broken::Rule(rule) => match rule {
            Rule::MaxChars(_) | Rule::MaxBytes(_) => {
                vec!["TooLong", "LengthLimitExceeded", &invalid_field]
            }
            Rule::MinChars(_) | Rule::MinBytes(_) => vec!["TooShort", &invalid_field],
            Rule::MaxItems(_) | Rule::MinItems(_) => vec!["LimitExceeded", &invalid_field],
            Rule::Minimum(_) => vec!["TooSmall", "Range", &invalid_field],
            Rule::Maximum(_) => vec!["TooLarge", "Range", &invalid_field],
            Rule::OneOf(_) | Rule::Prefix(_) | Rule::Charset { .. } => vec![&invalid_field],
            Rule::JsonEncoded => vec!["InvalidJsonFormat", "JsonFormat", &invalid_field],
            Rule::JsonStringValues => vec!["ValueNotString", &invalid_field],
            Rule::JsonMaxKeys(_) => vec!["NumberExceeded", &invalid_field],
            Rule::JsonKeyMaxChars(_) => vec!["KeyLenExceeded", "KeyLength", &invalid_field],
            Rule::JsonKeyCharset { .. } => {
                vec!["KeyContainsInvalidChar", "InvalidChar", &invalid_field]
            }
            Rule::MutuallyExclusive(_) | Rule::ExactlyOneOf(_) => {
                vec!["ConflictParameter", "Conflict"]
            }
            Rule::AtLeastOneOf(_) | Rule::RequiredIf { .. } | Rule::Required => {
                return "MissingParameter".into()
            }
            Rule::Filter { .. } => vec!["InvalidFilter"],
        },
    };
    for word in &words {
        let word = word.to_ascii_lowercase();
        let documented = action.errors.iter().map(|e| e.code.as_str()).find(|code| {
            FAMILIES.iter().any(|family| {
                code.strip_prefix(family)
                    .is_some_and(|rest| rest.to_ascii_lowercase().contains(&word))
            })
        });
        if let Some(code) = documented {
            return code.to_string();
        }
    }
    let relation = matches!(
        broken,
        Broken::Rule(Rule::MutuallyExclusive(_) | Rule::ExactlyOneOf(_))
    );
    if relation {
        "InvalidParameter".into()
    } else {
        "InvalidParameterValue".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use doc_model::ir::ErrorCode;
    use tencentcloud_rules::List;

    fn action(codes: &[&str]) -> Action {
        let mut a = empty_action();
        a.errors = codes
            .iter()
            .map(|c| ErrorCode {
                code: c.to_string(),
                description: String::new(),
                location: None,
            })
            .collect();
        a
    }

    fn empty_action() -> Action {
        Action {
            name: "A".into(),
            version: String::new(),
            domain: String::new(),
            description: String::new(),
            rate_limit_per_second: None,
            common_parameters: vec![],
            request: vec![],
            response: vec![],
            errors: vec![],
            examples: vec![],
            notes: vec![],
            location: doc_model::diagnostic::Location::new("a", 1),
        }
    }

    #[test]
    fn picks_the_documented_code_that_names_the_problem() {
        let a = action(&[
            "InvalidParameterValue.InvalidOutputCOSBucketUrl",
            "InvalidParameterValue.TooLong",
            "InvalidParameter.ConflictParameter",
            "LimitExceeded.FilterValueExceeded",
            "InvalidParameterValue.ParameterKeyLenExceeded",
        ]);
        assert_eq!(
            code_for(&a, "CommandName", Broken::Rule(&Rule::MaxChars(1))),
            "InvalidParameterValue.TooLong"
        );
        let prefix = Rule::Prefix("https");
        assert_eq!(
            code_for(&a, "OutputCOSBucketUrl", Broken::Rule(&prefix)),
            "InvalidParameterValue.InvalidOutputCOSBucketUrl"
        );
        assert_eq!(
            code_for(&a, "Other", Broken::Rule(&prefix)),
            "InvalidParameterValue"
        );
        assert_eq!(
            code_for(&a, "Filters", Broken::FilterValues),
            "LimitExceeded.FilterValueExceeded"
        );
        assert_eq!(
            code_for(&a, "Filters", Broken::FilterName),
            "InvalidParameterValue"
        );
        assert_eq!(
            code_for(&a, "P", Broken::Rule(&Rule::JsonKeyMaxChars(3))),
            "InvalidParameterValue.ParameterKeyLenExceeded"
        );
        let exclusive = Rule::MutuallyExclusive(List::Static(&[]));
        assert_eq!(
            code_for(&a, "X", Broken::Rule(&exclusive)),
            "InvalidParameter.ConflictParameter"
        );
        assert_eq!(
            code_for(&action(&[]), "X", Broken::Rule(&exclusive)),
            "InvalidParameter"
        );
        assert_eq!(code_for(&a, "X", Broken::NothingGiven), "MissingParameter");
    }
}
