//! Client-side checks of documented limits. Generated `validate()` methods call these
//! helpers; every violation names the field path, the rule, the value and the doc phrase.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// `InstanceIds[200]`, `ScheduleSettings.Policy`.
    pub path: String,
    /// The rule, in words: "at most 200 items".
    pub rule: String,
    /// The offending value, shortened.
    pub value: String,
    /// The documentation phrase the rule comes from.
    pub source: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: must be {} (got {}; docs: \"{}\")", self.path, self.rule, self.value, self.source)
    }
}

/// All violations of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Violation>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  - {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Implemented by every generated request and structure.
pub trait Validate {
    /// Appends this value's violations, with paths under `path` (empty at the top).
    fn validate_into(&self, path: &str, out: &mut Violations);

    /// Every violation of the documented limits, or `Ok`.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut out = Violations::default();
        self.validate_into("", &mut out);
        out.finish()
    }
}

/// Collects violations; the helpers are named after the constraint kinds of the IR.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

/// `parent.child`, or `child` at the top.
pub fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() { child.to_string() } else { format!("{parent}.{child}") }
}

pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

fn shorten(s: &str) -> String {
    const MAX: usize = 64;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}… ({} characters)", s.chars().count())
    }
}

impl Violations {
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(ValidationErrors(self.0)) }
    }

    pub fn push(&mut self, path: String, rule: String, value: String, source: &str) {
        self.0.push(Violation { path, rule, value, source: source.to_string() });
    }

    pub fn max_chars(&mut self, path: &str, value: &str, max: u64, source: &str) {
        let n = value.chars().count() as u64;
        if n > max {
            self.push(path.into(), format!("at most {max} characters"), format!("{n} characters"), source);
        }
    }

    pub fn min_chars(&mut self, path: &str, value: &str, min: u64, source: &str) {
        let n = value.chars().count() as u64;
        if n < min {
            self.push(path.into(), format!("at least {min} characters"), format!("{n} characters"), source);
        }
    }

    pub fn max_bytes(&mut self, path: &str, value: &str, max: u64, source: &str) {
        let n = value.len() as u64;
        if n > max {
            self.push(path.into(), format!("at most {max} bytes"), format!("{n} bytes"), source);
        }
    }

    pub fn min_bytes(&mut self, path: &str, value: &str, min: u64, source: &str) {
        let n = value.len() as u64;
        if n < min {
            self.push(path.into(), format!("at least {min} bytes"), format!("{n} bytes"), source);
        }
    }

    /// Reports the first element past the cap (`InstanceIds[200]`).
    pub fn max_items(&mut self, path: &str, len: usize, max: u64, source: &str) {
        if len as u64 > max {
            self.push(index(path, max as usize), format!("at most {max} items"), format!("{len} items"), source);
        }
    }

    pub fn min_items(&mut self, path: &str, len: usize, min: u64, source: &str) {
        if (len as u64) < min {
            self.push(path.into(), format!("at least {min} items"), format!("{len} items"), source);
        }
    }

    pub fn minimum<T: PartialOrd + fmt::Display>(&mut self, path: &str, value: T, min: T, source: &str) {
        if value < min {
            self.push(path.into(), format!("at least {min}"), value.to_string(), source);
        }
    }

    pub fn maximum<T: PartialOrd + fmt::Display>(&mut self, path: &str, value: T, max: T, source: &str) {
        if value > max {
            self.push(path.into(), format!("at most {max}"), value.to_string(), source);
        }
    }

    pub fn prefix(&mut self, path: &str, value: &str, prefix: &str, source: &str) {
        if !value.starts_with(prefix) {
            self.push(path.into(), format!("starting with {prefix:?}"), shorten(value), source);
        }
    }

    pub fn charset(&mut self, path: &str, value: &str, allowed: impl Fn(char) -> bool, class: &str, source: &str) {
        if let Some(bad) = value.chars().find(|c| !allowed(*c)) {
            self.push(path.into(), format!("made of {class}"), format!("{} (contains {bad:?})", shorten(value)), source);
        }
    }

    /// A documented value list, for enums the client does not know (`Unknown(..)`).
    pub fn one_of(&mut self, path: &str, value: &str, allowed: &[&str], source: &str) {
        if !allowed.contains(&value) {
            self.push(path.into(), format!("one of {}", allowed.join(", ")), shorten(value), source);
        }
    }

    /// JSON-encoded string rules; `None` means the rule does not apply.
    pub fn json_object(&mut self, path: &str, value: &str, rules: &JsonObjectRules<'_>, source: &str) {
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(value);
        let Ok(json) = parsed else {
            self.push(path.into(), "a JSON-encoded string".into(), shorten(value), source);
            return;
        };
        let Some(map) = json.as_object() else {
            if rules.string_values || rules.max_keys.is_some() {
                self.push(path.into(), "a JSON object".into(), shorten(value), source);
            }
            return;
        };
        if rules.string_values {
            if let Some((k, _)) = map.iter().find(|(_, v)| !v.is_string()) {
                self.push(format!("{path}.{k}"), "a string value".into(), shorten(value), rules.sources.string_values);
            }
        }
        if let Some(max) = rules.max_keys {
            if map.len() as u64 > max {
                self.push(path.into(), format!("at most {max} keys"), format!("{} keys", map.len()), rules.sources.max_keys);
            }
        }
        for key in map.keys() {
            if let Some(max) = rules.key_max_chars {
                let n = key.chars().count() as u64;
                if n > max {
                    self.push(format!("{path}.{key}"), format!("a key of at most {max} characters"), format!("{n} characters"), rules.sources.key_max_chars);
                }
            }
            if let Some((allowed, class)) = rules.key_charset {
                if let Some(bad) = key.chars().find(|c| !allowed(*c)) {
                    self.push(format!("{path}.{key}"), format!("a key made of {class}"), format!("{key:?} (contains {bad:?})"), rules.sources.key_charset);
                }
            }
        }
    }
}

/// Says whether a character is allowed (from a documented character class).
pub type CharPredicate<'a> = &'a dyn Fn(char) -> bool;

/// The rules of a JSON-encoded string parameter, each with its doc phrase.
pub struct JsonObjectRules<'a> {
    pub string_values: bool,
    pub max_keys: Option<u64>,
    pub key_max_chars: Option<u64>,
    pub key_charset: Option<(CharPredicate<'a>, &'a str)>,
    pub sources: JsonRuleSources<'a>,
}

pub struct JsonRuleSources<'a> {
    pub string_values: &'a str,
    pub max_keys: &'a str,
    pub key_max_chars: &'a str,
    pub key_charset: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn max_chars_is_exact_at_the_boundary(s in "\\PC{0,80}", max in 0u64..80) {
            let mut v = Violations::default();
            v.max_chars("F", &s, max, "src");
            prop_assert_eq!(v.finish().is_ok(), s.chars().count() as u64 <= max);
        }

        #[test]
        fn max_items_reports_the_first_index_past_the_cap(len in 0usize..300, max in 0u64..250) {
            let mut v = Violations::default();
            v.max_items("InstanceIds", len, max, "with a cap of 200");
            match v.finish() {
                Ok(()) => prop_assert!(len as u64 <= max),
                Err(e) => {
                    prop_assert!(len as u64 > max);
                    prop_assert_eq!(&e.0[0].path, &format!("InstanceIds[{max}]"));
                }
            }
        }

        #[test]
        fn numeric_ranges(x in -10i64..100_000) {
            let mut v = Violations::default();
            v.minimum("Timeout", x, 1, "Value range: [1, 86400]");
            v.maximum("Timeout", x, 86400, "Value range: [1, 86400]");
            prop_assert_eq!(v.finish().is_ok(), (1..=86400).contains(&x));
        }

        #[test]
        fn json_key_count(n in 0usize..40) {
            let obj: serde_json::Map<String, serde_json::Value> = (0..n).map(|i| (format!("k{i}"), serde_json::Value::from("v"))).collect();
            let text = serde_json::Value::Object(obj).to_string();
            let rules = JsonObjectRules {
                string_values: true, max_keys: Some(20), key_max_chars: Some(64), key_charset: None,
                sources: JsonRuleSources { string_values: "", max_keys: "up to 20", key_max_chars: "", key_charset: "" },
            };
            let mut v = Violations::default();
            v.json_object("Parameters", &text, &rules, "json");
            prop_assert_eq!(v.finish().is_ok(), n <= 20);
        }
    }

    #[test]
    fn violations_say_path_rule_value_and_phrase() {
        let mut v = Violations::default();
        v.max_items("InstanceIds", 201, 200, "with a cap of 200");
        let text = v.finish().unwrap_err().to_string();
        assert_eq!(text, "  - InstanceIds[200]: must be at most 200 items (got 201 items; docs: \"with a cap of 200\")");
    }

    #[test]
    fn json_rules_report_each_key() {
        let rules = JsonObjectRules {
            string_values: true,
            max_keys: Some(1),
            key_max_chars: Some(3),
            key_charset: Some((&|c: char| c.is_ascii_alphanumeric(), "[a-zA-Z0-9]")),
            sources: JsonRuleSources { string_values: "kv", max_keys: "keys", key_max_chars: "len", key_charset: "cs" },
        };
        let mut v = Violations::default();
        v.json_object("P", r#"{"abcd": 1, "a-b": "x"}"#, &rules, "json");
        let e = v.finish().unwrap_err();
        let paths: Vec<&str> = e.0.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(paths, ["P.abcd", "P", "P.abcd", "P.a-b"]);
        let mut v = Violations::default();
        v.json_object("P", "not json", &rules, "json");
        assert_eq!(v.finish().unwrap_err().0[0].rule, "a JSON-encoded string");
    }
}
