//! Example JSON as pages write it: parsed strictly, else repaired where the intent is plain.
//!
//! Real pages lose characters when they are rendered: a `,` at the end of a line, a comma
//! left before a closing bracket, a translated caption or a stray `&Name=value` line inside
//! the document, a bare word standing for a string (`[ string ]`). Each of these is
//! repaired (a `,` inserted, a comma removed, a line dropped, a word quoted) and reported;
//! anything else leaves the document unread, with the error at the line where it breaks.

use serde_json::Value;

/// Repairs tried on one document before giving up.
const MAX_REPAIRS: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedJson {
    /// The document, or `None` when it could not be read even after repairs.
    pub value: Option<Value>,
    /// The first error as the page has it: 1-based line and column inside the document,
    /// and the reason without position. `None` when the text was valid JSON.
    pub error: Option<(usize, usize, String)>,
    /// What was repaired, in order: the 1-based line inside the document, and what was done.
    pub repairs: Vec<(usize, String)>,
}

pub fn parse_lenient(text: &str) -> ParsedJson {
    let first = match serde_json::from_str::<Value>(text) {
        Ok(value) => {
            return ParsedJson {
                value: Some(value),
                error: None,
                repairs: Vec::new(),
            }
        }
        Err(e) => e,
    };
    let error = Some((first.line(), first.column(), reason(&first)));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut repairs = Vec::new();
    let mut last_position = (0, 0);
    let mut repairs_here = 0;
    let mut current = first;
    while repairs.len() < MAX_REPAIRS {
        let position = (current.line(), current.column());
        // A repair that does not move the error forward is not working (two repairs may
        // meet at one place: a lost comma, then the bare word after it).
        repairs_here = if position == last_position {
            repairs_here + 1
        } else {
            1
        };
        if position < last_position || repairs_here > 2 {
            break;
        }
        last_position = position;
        let Some(repair) = repair(&mut lines, &current) else {
            break;
        };
        repairs.push(repair);
        match serde_json::from_str::<Value>(&lines.join("\n")) {
            Ok(value) => {
                return ParsedJson {
                    value: Some(value),
                    error,
                    repairs,
                }
            }
            Err(e) => current = e,
        }
    }
    ParsedJson {
        value: None,
        error,
        repairs: Vec::new(),
    }
}

/// The error's message without serde's "at line L column C" (positions differ by format).
pub fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    text.rsplit_once(" at line ")
        .map_or(text.clone(), |(r, _)| r.to_string())
}

/// Applies one repair for `e`, returning the line it touched and what it did, or `None`
/// when no repair applies.
fn repair(lines: &mut Vec<String>, e: &serde_json::Error) -> Option<(usize, String)> {
    let index = e.line().checked_sub(1)?;
    let line = lines.get(index)?;
    // serde counts columns in bytes, 1-based; 0 means "at the end of the previous line".
    let at = e.column().saturating_sub(1).min(line.len());
    let message = e.to_string();
    let at_line_start = line
        .get(..at)
        .is_some_and(|before| before.trim().is_empty());
    let lost_comma =
        message.starts_with("expected `,` or `}`") || message.starts_with("expected `,` or `]`");
    if is_bare_text(line) && !(lost_comma && at_line_start) {
        if message.starts_with("key must be a string") {
            lines.remove(index);
            return Some((index + 1, "dropped the line (text that is not JSON)".into()));
        }
        let bare = line.trim();
        let word = bare.strip_suffix(',').unwrap_or(bare);
        let trailing = if bare.ends_with(',') { "," } else { "" };
        lines[index] = format!("{}{trailing}", Value::from(word));
        return Some((index + 1, "quoted the bare text as a string".into()));
    }
    if lost_comma {
        // A member or element starts where a comma was lost.
        let token = line.get(at..).unwrap_or("").chars().next();
        if !token
            .is_some_and(|c| matches!(c, '"' | '{' | '[' | '-' | '0'..='9') || c.is_alphabetic())
        {
            return None;
        }
        if at_line_start {
            let previous = (0..index).rev().find(|&i| !lines[i].trim().is_empty())?;
            let trimmed_len = lines[previous].trim_end().len();
            lines[previous].truncate(trimmed_len);
            lines[previous].push(',');
            return Some((
                previous + 1,
                "inserted a missing `,` at the end of the line".into(),
            ));
        }
        if !line.is_char_boundary(at) {
            return None;
        }
        lines[index].insert(at, ',');
        return Some((index + 1, "inserted a missing `,`".into()));
    }
    if message.starts_with("trailing comma") {
        // The comma is the last one before the error position.
        for i in (0..=index).rev() {
            let end = if i == index { at } else { lines[i].len() };
            let before = lines[i].get(..end)?;
            if let Some(pos) = before.rfind(',') {
                if before[pos + 1..].trim().is_empty() {
                    lines[i].remove(pos);
                    return Some((i + 1, "removed a trailing `,`".into()));
                }
                return None;
            }
            if !before.trim().is_empty() {
                return None;
            }
        }
    }
    None
}

/// A line that is no piece of JSON: prose, a caption, `&Name=value`, `1.4.1 Identity`.
fn is_bare_text(line: &str) -> bool {
    let t = line.trim();
    let t = t.strip_suffix(',').unwrap_or(t).trim_end();
    let Some(first) = t.chars().next() else {
        return false;
    };
    if matches!(first, '"' | '{' | '}' | '[' | ']' | ',' | ':') {
        return false;
    }
    // A number or literal alone on its line is JSON; `1.4.1 Identity` is not.
    serde_json::from_str::<Value>(t).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn valid_json_is_read_as_is() {
        let p = parse_lenient("{\"a\": [1, 2]}");
        assert_eq!(
            p,
            ParsedJson {
                value: Some(json!({"a": [1, 2]})),
                error: None,
                repairs: vec![]
            }
        );
    }

    #[test]
    fn lost_commas_are_inserted() {
        let p = parse_lenient(
            "{\n\"Desc\": \"x\"\n\"Level\": 2,\n\"List\": [\n{\"A\": 1}\n{\"A\": 2}\n]\n}",
        );
        assert_eq!(
            p.value,
            Some(json!({"Desc": "x", "Level": 2, "List": [{"A": 1}, {"A": 2}]}))
        );
        assert_eq!(p.error, Some((3, 1, "expected `,` or `}`".to_string())));
        assert_eq!(
            p.repairs,
            [
                (
                    2,
                    "inserted a missing `,` at the end of the line".to_string()
                ),
                (
                    5,
                    "inserted a missing `,` at the end of the line".to_string()
                )
            ]
        );
    }

    #[test]
    fn trailing_commas_stray_lines_and_bare_words_are_repaired() {
        let p = parse_lenient("{\n\"A\": 1,\n}");
        assert_eq!(p.value, Some(json!({"A": 1})));
        let p = parse_lenient("{\n&GroupName=x\n\"GroupId\": \"2020\"\n}");
        assert_eq!(p.value, Some(json!({"GroupId": "2020"})));
        assert_eq!(
            p.repairs,
            [(2, "dropped the line (text that is not JSON)".to_string())]
        );
        let p = parse_lenient("{\n\"Arr\": [\nstring\n],\n\"Caption\": 1\n}");
        assert_eq!(p.value, Some(json!({"Arr": ["string"], "Caption": 1})));
        let p = parse_lenient("{\n\"Labels\": [\nuser\nUser group\n]\n}");
        assert_eq!(p.value, Some(json!({"Labels": ["user", "User group"]})));
        let p = parse_lenient(
            "{\n\"Terms\": [\n1.4.1 Identity authentication\n],\n\"N\": [\n1.5\n]\n}",
        );
        assert_eq!(
            p.value,
            Some(json!({"Terms": ["1.4.1 Identity authentication"], "N": [1.5]}))
        );
    }

    #[test]
    fn what_cannot_be_repaired_is_left_unread_at_the_breaking_line() {
        for (text, line) in [
            ("{\n\"Response\": {\n\"List\": [\n{\n\"A\": 1\n]\n}\n}", 6),
            ("{\n\"InstanceId\": \"", 2),
            ("[\"Name\": \"x\", \"b\"}", 1),
        ] {
            let p = parse_lenient(text);
            assert_eq!(p.value, None, "{text}");
            assert_eq!(
                p.error.as_ref().map(|e| e.0),
                Some(line),
                "{text}: {:?}",
                p.error
            );
            assert!(p.repairs.is_empty());
        }
    }

    #[test]
    fn repairs_are_bounded() {
        let repairable = format!("[{}1]", "1\n".repeat(MAX_REPAIRS));
        assert_eq!(
            parse_lenient(&repairable)
                .value
                .map(|v| v.as_array().map(Vec::len)),
            Some(Some(MAX_REPAIRS + 1))
        );
        let too_many = format!("[{}1]", "1\n".repeat(MAX_REPAIRS + 1));
        assert_eq!(parse_lenient(&too_many).value, None);
    }
}
