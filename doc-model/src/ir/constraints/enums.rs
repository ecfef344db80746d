//! Enumerations: dash lists ("- ONCE: one-time execution. - RECURRENCE: …"), inline lists
//! after an introducing phrase ("currently supports SHELL, POWERSHELL, BAT",
//! "valid values: Online: Online, Offline: Offline"), and true/false value meanings; the
//! Chinese phrases beside the English ones ("取值范围：CVM、LIGHTHOUSE", "- ONCE：单次执行",
//! "枚举值： TAT： 公共命令 USER： 个人创建的命令").

use super::extractor::Extractor;
use crate::ir::constraint::EnumValue;
use crate::ir::model::TypeRef;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static DASH_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s.:(：（。；，])(?P<dash>-)\s?`?(?P<v>[A-Z][A-Z0-9_]*)`?\s*[:：]")
        .expect("static regex")
});

static DASH_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:valid values|selectable values[^:.]*|values? is|value range|enumeration values?|取值范围|取值为|取值|可选取值[^：:]*|可选值|枚举值)\s*[:：]\s*\.?\s*$").expect("static regex")
});

/// What introduces an inline list; `weak` ones ("value is", "取值为") only a list of two or more.
static INLINE_INTROS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\b(?:valid values(?: are)?|values (?:are as follows|include|including)|value is one of|currently (?:only )?supports?|enumeration values?|(?P<weak>values? is)|selectable values[^:.]*?)(?:\s*:\s*\.?)?\s+",
        r"(?:(?:目前|当前)仅?支持的?(?:取值)?|支持的?取值|支持值|取值范围|取值有|取值包括|取值如下|可选取值|可取值|可选值|枚举值|可枚举的值|有以下(?:取)?值|以下取值|可以选择|(?P<weak>取值为|取值|值为))(?:为|是|有|包括|如下)?\s*(?:[:：]\s*)?",
    ]
    .iter()
    .map(|p| Regex::new(&format!("(?i){p}")).expect("static regex"))
    .collect()
});

/// One value of an inline list: letters, digits and `_`, joined by `-`, or by `.` before a
/// digit (`1st`, `3-way`, `_x`, `TLSv1.2`); `offline.Note` is a value and a new sentence.
static TOKEN: &str = r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+|\.[0-9]+)*";

static TOKEN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{TOKEN}")).expect("static regex"));

/// Between two values of an inline list: `, `, `, and `, ` or `, ` / `, `、`, `，`, ` | `, `或`.
static LIST_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+or\s+|\s+and\s+|\s*[/、|，]\s*|\s*(?:或者|或|和)\s*)",
    )
    .expect("static regex")
});

/// What may follow the last value of a Chinese list ("取值为 A、B 之一", "目前仅支持 A 一种").
const LIST_TAILS: &[&str] = &[
    "之一",
    "其中之一",
    "一种",
    "中的一个",
    "中的一种",
    "其中一个",
];

/// `value: meaning`, after punctuation (`min: 1 minute; 5min: …`, `Online：在线，Offline：离线`),
/// after Chinese text (`Linux：Linux实例Windows：Windows实例`) or, for a capitalised value,
/// after a space (`TAT: public command USER: personal command`).
static LABELLED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|(?P<sep>[,.;])?\s+|(?P<zh_sep>[，。；、])\s*|(?P<han>\p{Han}))(?P<v>[A-Za-z0-9_][A-Za-z0-9_-]*)(?::\s|：\s*)")
        .expect("static regex")
});

/// Labels that start prose after a list, not another value ("Default value: ASC").
const PROSE_LABELS: &[&str] = &[
    "note",
    "notes",
    "default",
    "value",
    "values",
    "example",
    "examples",
    "description",
    "remark",
    "remarks",
    "unit",
    "units",
    "tip",
    "tips",
    "type",
    "level",
    "category",
    "operation",
    "format",
];

/// `5-120` is a range, not a value.
static NUMERIC_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+-[0-9]+$").expect("static regex"));

static BOOLEAN_MEANINGS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\b(?:valid values|value range)\s*:\s*\.?\s*-?\s*true\s*:\s*(?P<t>[^.]*?)\s*\.\s*-?\s*false\s*:\s*(?P<f>[^.]*?)\s*\.",
        r"(?:取值范围|取值为|取值|可选值)\s*[:：]\s*-?\s*true\s*[:：]\s*(?P<t>[^\s。；，]*)\s*[。；，]?\s*-?\s*false\s*[:：]\s*(?P<f>[^\s。；，]*)",
    ]
    .iter()
    .map(|p| Regex::new(&format!("(?i){p}")).expect("static regex"))
    .collect()
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    match ex.ctx.ty.element() {
        TypeRef::Boolean => boolean_meanings(ex),
        TypeRef::String if !ex.json_encoded => {
            dash_list(ex);
            inline_lists(ex);
            meaning_lists(ex);
        }
        _ => {}
    }
}

/// One item of a list that gives each value its meaning in Chinese, with or without an
/// introducing phrase: `slow-慢SQL事件`, `"mysql" - 云数据库 MySQL`, `ON： 安全审计开启`,
/// `WEB：Web应用漏洞` (a meaning may start with a Latin word run into Chinese).
static MEANING_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|[，,；;：:、。（(\s]|\p{Han})\s*(?:["“'](?P<quoted>[A-Za-z0-9_.-]+)["”']|(?P<v>[A-Za-z0-9_]+))\s*(?:-|–|：|:)\s*(?:[A-Za-z]+\s?)?\p{Han}"#)
        .expect("static regex")
});

/// Runs of two or more [`MEANING_ITEM`]s, each meaning up to the next item (the last one's
/// to the next `，`/`；`/`。`): each run is the field's values.
fn meaning_lists(ex: &mut Extractor<'_>) {
    let text = ex.text;
    // (item start, value, where its meaning starts)
    let items: Vec<(usize, String, usize)> = MEANING_ITEM
        .captures_iter(text)
        .filter_map(|c| {
            let v = c.name("quoted").or(c.name("v")).expect("one value group");
            // `Sending data-…`: a value is one word, not the tail of a phrase.
            let before = text[..v.start()].trim_end();
            let tail_of_phrase = c.name("quoted").is_none()
                && before.len() < v.start()
                && before.ends_with(|ch: char| ch.is_ascii_alphanumeric());
            // `注1：…`: a number run into Chinese text labels a note, not a value.
            let note_number = c.name("quoted").is_none()
                && v.as_str().bytes().all(|b| b.is_ascii_digit())
                && before.len() == v.start()
                && !before.ends_with(|ch: char| ch.is_ascii_punctuation() || !ch.is_alphanumeric())
                && !before.is_empty();
            let whole = c.get(0).expect("match");
            let sep = whole.as_str()[v.end() - whole.start()..]
                .find(['-', '–', '：', ':'])
                .map_or(v.end(), |i| v.end() + i);
            let meaning = sep + text[sep..].chars().next().map_or(0, char::len_utf8);
            (!tail_of_phrase && !note_number).then(|| (v.start(), v.as_str().to_string(), meaning))
        })
        .collect();
    let mut run: Vec<&(usize, String, usize)> = Vec::new();
    for item in items
        .iter()
        .chain(std::iter::once(&(usize::MAX, String::new(), 0)))
    {
        let joins = run.last().is_some_and(|last| {
            item.0 != usize::MAX && !text[last.2..item.0].contains(['。', '.'])
        });
        if !joins {
            claim_run(ex, &run);
            run.clear();
        }
        if item.0 != usize::MAX {
            run.push(item);
        }
    }
}

/// The longest meaning of a value in a list of values and meanings, in characters.
const MEANING_CHARS: usize = 40;

/// Where the last value's meaning ends: at the next `，`/`；`/`。`, or where a space
/// separates it from the next Chinese phrase (`MINIMUM：最小值 默认取值：AVERAGE`) or from a
/// default or a note (`mariadb-数据库mariadb 默认为"mysql"`).
fn last_meaning_end(text: &str, from: usize) -> usize {
    let mut prev = None;
    let mut chars = text[from..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '，' | '；' | '。' | ',' | ';') {
            return from + i;
        }
        let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
        let next_phrase = || {
            let rest = text[from + i..].trim_start();
            rest.starts_with("默认") || rest.starts_with('注')
        };
        if c == ' '
            && (prev.is_some_and(han) && chars.peek().is_some_and(|(_, n)| han(*n))
                || next_phrase())
        {
            return from + i;
        }
        prev = Some(c);
    }
    text.len()
}

fn claim_run(ex: &mut Extractor<'_>, run: &[&(usize, String, usize)]) {
    let [first, .., last] = run else {
        return;
    };
    let text = ex.text;
    let end = last_meaning_end(text, last.2);
    let mut values: Vec<EnumValue> = Vec::new();
    for (i, (_, value, meaning)) in run.iter().enumerate() {
        let until = run.get(i + 1).map_or(end, |next| next.0);
        let description = text[*meaning..until]
            .trim()
            .trim_end_matches(['"', '“', '\''])
            .trim_end_matches([',', ';', '，', '；', '、', '。'])
            .trim();
        // A value's meaning is a few words; a paragraph after `x：` is prose about x.
        if description.chars().count() > MEANING_CHARS {
            return;
        }
        if !values.iter().any(|v| &v.value == value) {
            values.push(EnumValue {
                value: value.clone(),
                description: non_empty(description),
            });
        }
    }
    if values.len() >= 2 {
        ex.claim_values(first.0..end, values);
    }
}

fn boolean_meanings(ex: &mut Extractor<'_>) {
    let Some(caps) = BOOLEAN_MEANINGS.iter().find_map(|re| re.captures(ex.text)) else {
        return;
    };
    let values = vec![
        EnumValue {
            value: "true".into(),
            description: non_empty(&caps["t"]),
        },
        EnumValue {
            value: "false".into(),
            description: non_empty(&caps["f"]),
        },
    ];
    ex.claim_values(caps.get(0).expect("match").range(), values);
}

fn dash_list(ex: &mut Extractor<'_>) {
    let text = ex.text;
    let items: Vec<(usize, usize, String)> = DASH_ITEM
        .captures_iter(text)
        .map(|c| {
            (
                c.name("dash").expect("group").start(),
                c.get(0).expect("match").end(),
                c["v"].to_string(),
            )
        })
        .collect();
    if items.is_empty() {
        return;
    }
    let (values, end) = described_items(text, &items);
    let mut start = items[0].0;
    if let Some(intro) = DASH_INTRO.find(&text[..start]) {
        start = intro.start();
    }
    ex.claim_values(start..end, values);
}

fn inline_lists(ex: &mut Extractor<'_>) {
    let text = ex.text;
    // "The value is X" states one value; only a list after it ("value is X or Y") is an enum.
    let intros: Vec<(Range<usize>, bool)> = INLINE_INTROS
        .iter()
        .flat_map(|re| re.captures_iter(text))
        .map(|c| (c.get(0).expect("match").range(), c.name("weak").is_some()))
        .collect();
    for (intro, weak) in intros {
        let rest = &text[intro.end..];
        // "when the Clone value is 5 or 6" ("当 Clone 取值为 5 或 6 时") is about another parameter.
        let conditional = weak
            && text[..intro.start]
                .to_ascii_lowercase()
                .rsplit(['.', ';', '。', '；', '，'])
                .next()
                .is_some_and(|clause| CONDITIONS.iter().any(|w| clause.contains(w)));
        let found = labelled_items(rest)
            .or_else(|| simple_list(rest))
            .filter(|(values, _)| !weak || (values.len() >= 2 && !conditional));
        if let Some((values, len)) = found {
            ex.claim_values(intro.start..intro.end + len, values);
        }
    }
}

/// Words that make a clause a condition.
const CONDITIONS: &[&str] = &["when ", "if ", "当", "若", "如果"];

/// "Online: Online, Offline: Offline" / "TAT: public command USER: personal creation command".
fn labelled_items(rest: &str) -> Option<(Vec<EnumValue>, usize)> {
    let items: Vec<(usize, usize, String)> = LABELLED_ITEM
        .captures_iter(rest)
        .filter(|c| {
            c.get(0).expect("match").start() == 0
                || c.name("sep").is_some()
                || c.name("zh_sep").is_some()
                || c.name("han").is_some()
                || c["v"].starts_with(|ch: char| ch.is_ascii_uppercase())
        })
        .map(|c| {
            // After Chinese text the item starts at its value, the text before is a description.
            let start = c
                .name("han")
                .map_or(c.get(0).expect("match").start(), |h| h.end());
            (start, c.get(0).expect("match").end(), c["v"].to_string())
        })
        .collect();
    if items.first().is_none_or(|(start, _, _)| *start != 0)
        || items.len() < 2
        || items.iter().any(|(_, _, v)| NUMERIC_RANGE.is_match(v))
    {
        return None;
    }
    let (values, end) = described_items(rest, &items);
    (values.len() >= 2).then_some((values, end))
}

/// Items `(start, description start, value)`: each description runs to the next item,
/// the last one to the end of its sentence. A `Note:` label ends the list.
fn described_items(text: &str, items: &[(usize, usize, String)]) -> (Vec<EnumValue>, usize) {
    let mut values = Vec::new();
    let mut end = 0;
    for (i, (_, desc_start, value)) in items.iter().enumerate() {
        // `Default value: X` ends the list; `DEFAULT: …` in capitals is a value.
        let is_capitals = value.chars().all(|c| !c.is_ascii_lowercase());
        if i > 0 && !is_capitals && PROSE_LABELS.iter().any(|p| value.eq_ignore_ascii_case(p)) {
            break;
        }
        let desc_end = match items.get(i + 1) {
            Some((next, _, _)) => *next,
            None => sentence_end(text, *desc_start),
        };
        let description = text[*desc_start..desc_end]
            .trim()
            .trim_end_matches(['.', ',', '。', '，', '；'])
            .trim();
        // A value listed twice is one value.
        if !values.iter().any(|v: &EnumValue| &v.value == value) {
            values.push(EnumValue {
                value: value.clone(),
                description: non_empty(description),
            });
        }
        end = desc_end;
    }
    (values, end)
}

/// "SHELL, POWERSHELL, BAT" / "TAT or USER" / "Linux / Windows" / "RO (read-only), RW (read &
/// write)", ending the sentence. Not a list: a numeric range (`5-120`), or a lone number
/// opening a numbered list (`1. HK…`).
fn simple_list(rest: &str) -> Option<(Vec<EnumValue>, usize)> {
    let mut values: Vec<EnumValue> = Vec::new();
    let mut pos = 0;
    // A `，` separates values or ends the list ("取值为 A 或 B，A 代表…"): where it was
    // crossed, and how many values there were, to fall back to if only known values
    // followed it (a list cut short is worse than none).
    let mut before_comma: Option<(usize, usize)> = None;
    loop {
        let token = TOKEN_RE.find(&rest[pos..])?;
        let value = token.as_str();
        pos += token.end();
        let (description, len) = parenthesised(&rest[pos..])?;
        pos += len;
        if NUMERIC_RANGE.is_match(value) {
            return None;
        }
        // A value listed twice is one value.
        if !values.iter().any(|v| v.value == value) {
            values.push(EnumValue {
                value: value.to_string(),
                description,
            });
        }
        match LIST_SEPARATOR.find(&rest[pos..]) {
            Some(sep)
                if TOKEN_RE.is_match(&rest[pos + sep.end()..])
                    && !is_clause_word(&rest[pos + sep.end()..]) =>
            {
                if sep.as_str().contains('，') {
                    before_comma = Some((pos, values.len()));
                }
                pos += sep.end()
            }
            _ => break,
        }
    }
    let mut after = rest[pos..].trim_start();
    let ends = after.is_empty()
        || after.starts_with(['.', ';', ',', '。', '；', '，'])
        || LIST_TAILS.iter().any(|t| after.starts_with(t));
    if !ends {
        let (at, _) = before_comma.filter(|(_, count)| *count == values.len())?;
        pos = at;
        after = &rest[pos..];
    }
    let lone_number = values.len() == 1 && values[0].value.chars().all(|c| c.is_ascii_digit());
    if lone_number && after.starts_with(". ") {
        return None;
    }
    Some((values, pos))
}

/// `(what it means)` or `（…）` after a value: its description and length, `(None, 0)` if
/// there is none; `None` if it does not close.
fn parenthesised(text: &str) -> Option<(Option<String>, usize)> {
    let spaced = text.len() - text.trim_start().len();
    let after_value = &text[spaced..];
    let Some(open) = ['(', '（']
        .into_iter()
        .find(|&c| after_value.starts_with(c))
    else {
        return Some((None, 0));
    };
    let close = after_value.find([')', '）'])?;
    let description = non_empty(&after_value[open.len_utf8()..close]);
    let close_len = after_value[close..].chars().next()?.len_utf8();
    Some((description, spaced + close + close_len))
}

/// Words that start the rest of a sentence after a list (`…, and the default is X`).
fn is_clause_word(text: &str) -> bool {
    const CLAUSE_WORDS: &[&str] = &[
        "the",
        "which",
        "where",
        "default",
        "defaults",
        "if",
        "when",
        "otherwise",
        "respectively",
    ];
    let word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    CLAUSE_WORDS.contains(&word.to_ascii_lowercase().as_str())
        && text[word.len()..].starts_with(' ')
}

/// End of the sentence that contains `from`: the next `.` followed by space or the end,
/// or the next `。`/`；`.
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    text[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .find(|&(i, c)| {
            matches!(c, '。' | '；')
                || (c == '.' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()))
        })
        .map_or(text.len(), |(i, c)| i + c.len_utf8())
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}
