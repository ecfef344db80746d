//! Rule tables laid out as tables: prettyplease breaks each `(member, &[rules])` entry of a
//! `const RULES` over five or more lines; this rewrites its output with one line per entry,
//! or, for an entry too wide, one line per rule. Only line breaks and the trailing commas
//! they bring change, so the tokens are the same.

/// The widest line an entry is kept on (prettyplease's own margin).
const WIDTH: usize = 100;

/// `text` (prettyplease's output) with every `const RULES` table laid out.
pub fn rule_tables(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        out.push_str(line);
        out.push('\n');
        at += 1;
        let opens = line.trim_start().starts_with("const RULES:") && line.ends_with("= &[");
        if !opens {
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let close = format!("{indent}];");
        let Some(len) = lines[at..].iter().position(|l| *l == close) else {
            continue;
        };
        let pad = format!("{indent}    ");
        for entry in split_top(&join(&lines[at..at + len])) {
            lay_out(&entry, &pad, &mut out);
        }
        at += len;
    }
    out
}

/// One entry: on one line when it fits, else its rules one a line.
fn lay_out(entry: &str, pad: &str, out: &mut String) {
    let parts = entry
        .strip_prefix('(')
        .and_then(|e| e.strip_suffix(')'))
        .map(split_top);
    let rules = match parts.as_deref() {
        Some([name, list]) if pad.len() + entry.len() + 1 > WIDTH => list
            .strip_prefix("&[")
            .and_then(|l| l.strip_suffix(']'))
            .map(|l| (name, split_top(l))),
        _ => None,
    };
    match rules {
        Some((name, rules)) => {
            out.push_str(&format!("{pad}({name}, &[\n"));
            for rule in rules {
                out.push_str(&format!("{pad}    {rule},\n"));
            }
            out.push_str(&format!("{pad}]),\n"));
        }
        None => out.push_str(&format!("{pad}{entry},\n")),
    }
}

/// Lines broken by prettyplease, joined back: no space inside brackets or before a method
/// call, and the trailing comma a broken list or struct literal gains dropped.
fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines.iter().map(|l| l.trim()) {
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        if line.starts_with([')', ']', '}']) && out.ends_with(',') {
            out.pop();
        }
        if !(out.ends_with(['(', '[']) || line.starts_with(['.', ')', ']'])) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// `text` split at its top-level commas (outside brackets and string literals), each part
/// trimmed, an empty last part left out.
fn split_top(text: &str) -> Vec<String> {
    let (mut parts, mut current) = (Vec::new(), String::new());
    let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
    for c in text.chars() {
        match c {
            _ if in_string => {
                (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
            }
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    const BROKEN: &str = r#"impl Rules for X {
    const RULES: &'static [FieldRules<'static>] = &[
        (
            "Content",
            &[
                Rule::Required.doc("Required: Yes"),
                Rule::OneOf {
                    values: List::Static(&["A, \"B\"", "C"]),
                }
                    .doc(
                        "a phrase long enough that the rule no longer fits on one line, (really)",
                    ),
            ],
        ),
        ("Tags", &[Rule::MaxItems { max: 10 }.doc("A maximum of 10")]),
    ];
}
"#;

    #[test]
    fn entries_take_a_line_or_a_line_per_rule() {
        let expected = r#"impl Rules for X {
    const RULES: &'static [FieldRules<'static>] = &[
        ("Content", &[
            Rule::Required.doc("Required: Yes"),
            Rule::OneOf { values: List::Static(&["A, \"B\"", "C"]) }.doc("a phrase long enough that the rule no longer fits on one line, (really)"),
        ]),
        ("Tags", &[Rule::MaxItems { max: 10 }.doc("A maximum of 10")]),
    ];
}
"#;
        assert_eq!(rule_tables(BROKEN), expected);
    }

    #[test]
    fn the_tokens_do_not_change_but_trailing_commas() {
        let tokens = |t: &str| {
            let file: syn::File = syn::parse_str(t).expect("parses");
            let text = quote::ToTokens::to_token_stream(&file).to_string();
            text.replace(" ,)", ")")
                .replace(" ,]", "]")
                .replace(" , }", " }")
        };
        assert_eq!(tokens(&rule_tables(BROKEN)), tokens(BROKEN));
    }
}
