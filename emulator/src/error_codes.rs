//! Which documented error code a broken limit answers with. The pages name codes after
//! what went wrong (`InvalidParameterValue.TooLong`, `…ParameterKeyLenExceeded`,
//! `InvalidParameterValue.Invalid<Field>`); a violation's kind picks the first code the
//! action documents that carries one of its words, else the common code.

use doc_model::ir::Action;
use tencentcloud_rules::Kind;

/// The families a request problem may answer with, most specific first.
const FAMILIES: [&str; 3] = [
    "InvalidParameterValue.",
    "InvalidParameter.",
    "LimitExceeded.",
];

/// What was broken, as far as choosing a code goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Broken {
    /// A limit, by the kind its violation carries.
    Kind(Kind),
    /// A filter of a `Filters` list (its name, or its values) that the page does not document.
    FilterName,
    /// A bound on the values of one filter (`Filters[i].Values`).
    FilterValues,
}

/// The code for breaking `broken` on field `field` of `action`.
pub fn code_for(action: &Action, field: &str, broken: Broken) -> String {
    let invalid_field = format!("Invalid{field}");
    let words: Vec<&str> = match broken {
        Broken::FilterName => vec!["InvalidFilter"],
        Broken::FilterValues => vec!["FilterValueExceeded", "InvalidFilter"],
        Broken::Kind(kind) => match kind {
            Kind::TooLong => vec!["TooLong", "LengthLimitExceeded", &invalid_field],
            Kind::TooShort => vec!["TooShort", &invalid_field],
            Kind::TooMany | Kind::TooFew => vec!["LimitExceeded", &invalid_field],
            Kind::TooSmall => vec!["TooSmall", "Range", &invalid_field],
            Kind::TooLarge => vec!["TooLarge", "Range", &invalid_field],
            Kind::NotOneOf | Kind::WrongPrefix | Kind::WrongCharacters | Kind::Shape => {
                vec![&invalid_field]
            }
            Kind::NotJson => vec!["InvalidJsonFormat", "JsonFormat", &invalid_field],
            Kind::JsonValueNotString => vec!["ValueNotString", &invalid_field],
            Kind::TooManyJsonKeys => vec!["NumberExceeded", &invalid_field],
            Kind::JsonKeyTooLong => vec!["KeyLenExceeded", "KeyLength", &invalid_field],
            Kind::JsonKeyCharacters => {
                vec!["KeyContainsInvalidChar", "InvalidChar", &invalid_field]
            }
            Kind::Conflict => vec!["ConflictParameter", "Conflict"],
            Kind::Missing => return "MissingParameter".into(),
            Kind::UnknownFilter => vec!["InvalidFilter"],
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
    if broken == Broken::Kind(Kind::Conflict) {
        "InvalidParameter".into()
    } else {
        "InvalidParameterValue".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use doc_model::ir::ErrorCode;
    use tencentcloud_rules::{List, Rule};

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
            code_for(
                &a,
                "CommandName",
                Broken::Kind(Kind::of(&Rule::MaxChars { max: 1 }))
            ),
            "InvalidParameterValue.TooLong"
        );
        let prefix = Rule::Prefix {
            prefix: "https".into(),
        };
        assert_eq!(
            code_for(&a, "OutputCOSBucketUrl", Broken::Kind(Kind::of(&prefix))),
            "InvalidParameterValue.InvalidOutputCOSBucketUrl"
        );
        assert_eq!(
            code_for(&a, "Other", Broken::Kind(Kind::of(&prefix))),
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
            code_for(
                &a,
                "P",
                Broken::Kind(Kind::of(&Rule::JsonKeyMaxChars { max: 3 }))
            ),
            "InvalidParameterValue.ParameterKeyLenExceeded"
        );
        let exclusive = Rule::MutuallyExclusive {
            fields: List::Static(&[]),
        };
        assert_eq!(
            code_for(&a, "X", Broken::Kind(Kind::of(&exclusive))),
            "InvalidParameter.ConflictParameter"
        );
        assert_eq!(
            code_for(&action(&[]), "X", Broken::Kind(Kind::of(&exclusive))),
            "InvalidParameter"
        );
        assert_eq!(
            code_for(&a, "X", Broken::Kind(Kind::Missing)),
            "MissingParameter"
        );
    }
}
