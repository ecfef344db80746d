//! A rule as Rust tokens, for the static rule tables of generated crates: the constant
//! expression the rule writes of itself ([`Rule::rust`], beside its definition in the rules
//! crate), naming the rules crate as generated code reaches it
//! (`::tencentcloud_runtime::rules`, which `short_paths` shortens where it can). Nothing
//! here knows one kind of rule from another.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use tencentcloud_rules::{Checked, Rule};

/// The rules crate as generated code names it.
const RULES: &str = "::tencentcloud_runtime::rules";

/// A checked rule with its doc phrase and path, as a constant expression.
pub struct CheckedTokens<'a>(pub &'a Checked<'a>);

/// A rule as a constant expression.
pub struct RuleTokens<'a>(pub &'a Rule<'a>);

impl ToTokens for CheckedTokens<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let rule = RuleTokens(&self.0.rule);
        let source = self.0.source;
        let at = self.0.path.map(|p| quote!(.at(#p)));
        tokens.extend(quote!(#rule.doc(#source) #at));
    }
}

impl ToTokens for RuleTokens<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let expression = self.0.rust(RULES);
        // The rules crate writes valid Rust; a failure here is a bug there.
        let parsed: TokenStream = expression
            .parse()
            .unwrap_or_else(|e| panic!("`{expression}` is not Rust tokens: {e}"));
        tokens.extend(parsed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tencentcloud_rules::{List, Number, Text};

    fn text(tokens: impl ToTokens) -> String {
        tokens.to_token_stream().to_string().replace(" ", "")
    }

    #[test]
    fn rules_become_constant_expressions() {
        let checked = Checked {
            rule: Rule::MaxItems { max: 5 },
            source: "that of Filter.Values is 5",
            path: Some("Values"),
        };
        assert_eq!(
            text(CheckedTokens(&checked)),
            "::tencentcloud_runtime::rules::Rule::MaxItems{max:5}.doc(\"thatofFilter.Valuesis5\").at(\"Values\")"
        );
        let one_of = Rule::OneOf {
            values: List::Owned(vec!["A".into(), "B".into()]),
        };
        assert_eq!(
            text(RuleTokens(&one_of)),
            "::tencentcloud_runtime::rules::Rule::OneOf{values:::tencentcloud_runtime::rules::List::Static(&[\"A\",\"B\"])}"
        );
        let min = Rule::Minimum {
            min: Number::Int(-3),
        };
        assert_eq!(text(RuleTokens(&min)), "::tencentcloud_runtime::rules::Rule::Minimum{min:::tencentcloud_runtime::rules::Number::Int(-3)}");
        let inf = Rule::Maximum {
            max: Number::Float(f64::INFINITY),
        };
        assert!(text(RuleTokens(&inf)).ends_with("Float(f64::INFINITY)}"));
    }

    #[test]
    fn every_rule_parses_as_an_expression() {
        let names = List::Owned(vec!["A".into(), "quote \" and \u{7f}".into()]);
        for rule in [
            Rule::Prefix {
                prefix: Text::Borrowed("https"),
            },
            Rule::RequiredIf {
                field: "Type".into(),
                equals: "X".into(),
            },
            Rule::Filter {
                name: "n".into(),
                values: names.clone(),
            },
            Rule::MutuallyExclusive { fields: names },
            Rule::Minimum {
                min: Number::Float(0.5),
            },
            Rule::JsonEncoded,
        ] {
            let tokens = RuleTokens(&rule).to_token_stream();
            syn::parse2::<syn::Expr>(tokens).unwrap_or_else(|e| panic!("{rule:?}: {e}"));
        }
    }
}
