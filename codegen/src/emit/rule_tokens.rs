//! A rule as Rust tokens, for the static rule tables of generated crates: a constant
//! expression naming the rules crate as generated code reaches it
//! (`::tencentcloud_runtime::rules`, which `short_paths` shortens where it can).

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};
use tencentcloud_rules::{Checked, Number, Rule};

/// A checked rule with its doc phrase and path, as a constant expression.
pub struct CheckedTokens<'a>(pub &'a Checked<'a>);

/// A rule as a constant expression.
pub struct RuleTokens<'a>(pub &'a Rule<'a>);

/// A documented bound as a constant expression.
struct NumberTokens<'a>(&'a Number);

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
        let rule = quote!(::tencentcloud_runtime::rules::Rule);
        let list = |items: &[&str]| quote!(&[#( #items ),*]);
        let int = |n: u64| Literal::u64_unsuffixed(n);
        tokens.extend(match self.0 {
            Rule::MaxChars(n) => {
                let n = int(*n);
                quote!(#rule::MaxChars(#n))
            }
            Rule::MinChars(n) => {
                let n = int(*n);
                quote!(#rule::MinChars(#n))
            }
            Rule::MaxBytes(n) => {
                let n = int(*n);
                quote!(#rule::MaxBytes(#n))
            }
            Rule::MinBytes(n) => {
                let n = int(*n);
                quote!(#rule::MinBytes(#n))
            }
            Rule::MaxItems(n) => {
                let n = int(*n);
                quote!(#rule::MaxItems(#n))
            }
            Rule::MinItems(n) => {
                let n = int(*n);
                quote!(#rule::MinItems(#n))
            }
            Rule::Minimum(n) => {
                let n = NumberTokens(n);
                quote!(#rule::Minimum(#n))
            }
            Rule::Maximum(n) => {
                let n = NumberTokens(n);
                quote!(#rule::Maximum(#n))
            }
            Rule::OneOf(values) => {
                let v = list(values);
                quote!(#rule::one_of(#v))
            }
            Rule::Prefix(p) => quote!(#rule::Prefix(#p)),
            Rule::Charset(class) => quote!(#rule::Charset(#class)),
            Rule::JsonEncoded => quote!(#rule::JsonEncoded),
            Rule::JsonStringValues => quote!(#rule::JsonStringValues),
            Rule::JsonMaxKeys(n) => {
                let n = int(*n);
                quote!(#rule::JsonMaxKeys(#n))
            }
            Rule::JsonKeyMaxChars(n) => {
                let n = int(*n);
                quote!(#rule::JsonKeyMaxChars(#n))
            }
            Rule::JsonKeyCharset(class) => quote!(#rule::JsonKeyCharset(#class)),
            Rule::MutuallyExclusive(names) => {
                let n = list(names);
                quote!(#rule::mutually_exclusive(#n))
            }
            Rule::ExactlyOneOf(names) => {
                let n = list(names);
                quote!(#rule::exactly_one_of(#n))
            }
            Rule::AtLeastOneOf(names) => {
                let n = list(names);
                quote!(#rule::at_least_one_of(#n))
            }
            Rule::RequiredIf { field, equals } => {
                quote!(#rule::RequiredIf { field: #field, equals: #equals })
            }
            Rule::Required => quote!(#rule::Required),
            Rule::Filter { name, values } => {
                let v = list(values);
                quote!(#rule::filter(#name, #v))
            }
        });
    }
}

impl ToTokens for NumberTokens<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let number = quote!(::tencentcloud_runtime::rules::Number);
        tokens.extend(match self.0 {
            Number::Int(i) => {
                let i = Literal::i128_unsuffixed(*i);
                quote!(#number::Int(#i))
            }
            Number::Float(x) if x.is_finite() => {
                // `{:?}` writes a float literal Rust reads back exactly (`0.5`, `1e100`).
                let x: Literal = format!("{x:?}")
                    .parse()
                    .unwrap_or_else(|_| Literal::f64_unsuffixed(*x));
                quote!(#number::Float(#x))
            }
            Number::Float(x) if x.is_nan() => quote!(#number::Float(f64::NAN)),
            Number::Float(x) if *x > 0.0 => quote!(#number::Float(f64::INFINITY)),
            Number::Float(_) => quote!(#number::Float(f64::NEG_INFINITY)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tencentcloud_rules::List;

    fn text(tokens: impl ToTokens) -> String {
        tokens.to_token_stream().to_string().replace(" ", "")
    }

    #[test]
    fn rules_become_constant_expressions() {
        let checked = Checked {
            rule: Rule::MaxItems(5),
            source: "that of Filter.Values is 5",
            path: Some("Values"),
        };
        assert_eq!(
            text(CheckedTokens(&checked)),
            "::tencentcloud_runtime::rules::Rule::MaxItems(5).doc(\"thatofFilter.Valuesis5\").at(\"Values\")"
                .replace(" ", "")
        );
        let one_of = Rule::OneOf(List::Owned(vec!["A", "B"]));
        assert_eq!(
            text(RuleTokens(&one_of)),
            "::tencentcloud_runtime::rules::Rule::one_of(&[\"A\",\"B\"])"
        );
        let min = Rule::Minimum(Number::Int(-3));
        assert_eq!(text(RuleTokens(&min)), "::tencentcloud_runtime::rules::Rule::Minimum(::tencentcloud_runtime::rules::Number::Int(-3))");
        let inf = Rule::Maximum(Number::Float(f64::INFINITY));
        assert!(text(RuleTokens(&inf)).ends_with("Float(f64::INFINITY))"));
    }

    #[test]
    fn every_rule_parses_as_an_expression() {
        let names = List::Owned(vec!["A"]);
        for rule in [
            Rule::Prefix("https"),
            Rule::RequiredIf {
                field: "Type",
                equals: "X",
            },
            Rule::Filter {
                name: "n",
                values: names.clone(),
            },
            Rule::MutuallyExclusive(names),
            Rule::Minimum(Number::Float(0.5)),
        ] {
            let tokens = RuleTokens(&rule).to_token_stream();
            syn::parse2::<syn::Expr>(tokens).unwrap_or_else(|e| panic!("{rule:?}: {e}"));
        }
    }
}
