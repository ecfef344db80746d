//! Page bytes → text every reader can trust, and a located warning for each repair.
//!
//! Real pages carry stray bytes: invalid UTF-8, control characters (`\x08`, `\x0b`, `\x05`)
//! inside a description or a table cell, invisible zero-width characters, old Mac line
//! endings. None of them is a fact about the API, so none stops the page: invalid bytes
//! become U+FFFD, control characters a space, invisible characters nothing, lone `\r` a
//! line break; each repaired line is reported with its column.

use crate::diagnostic::{Diagnostic, Location};
use std::borrow::Cow;

/// At most this many repaired lines are reported one by one; the rest are counted.
const REPORTED_REPAIRS: usize = 10;

pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub warnings: Vec<Diagnostic>,
}

pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Decoded<'a>, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(not_text) = not_text(file, bytes) {
        return Err(not_text);
    }
    let mut warnings = Vec::new();
    let text = utf8(file, bytes, &mut warnings);
    if !text.chars().any(needs_repair) && !has_lone_carriage_return(&text) {
        return Ok(Decoded { text, warnings });
    }
    let mut repair = Repair {
        file,
        out: String::with_capacity(text.len()),
        line: 1,
        column: 1,
        line_reported: false,
        repaired_lines: 0,
        warnings,
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => repair.new_line(),
            // `\r\n` stays as it is (readers trim it); a lone `\r` ends a line.
            '\r' if chars.peek() != Some(&'\n') => repair.new_line(),
            c if is_invisible(c) || (c.is_control() && !matches!(c, '\t' | '\r')) => {
                repair.replace(c)
            }
            c => repair.keep(c),
        }
    }
    Ok(repair.finish())
}

/// Bytes no one saved as a doc page: more than sixteen, and more than one character in
/// fifty, that are NUL or not valid UTF-8 (real pages carry a few stray bytes, not that).
fn not_text(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let lossy = String::from_utf8_lossy(bytes);
    let (mut chars, mut bad) = (0usize, 0usize);
    for c in lossy.chars() {
        chars += 1;
        if matches!(c, '\u{FFFD}' | '\0') {
            bad += 1;
        }
    }
    (bad > 16 && bad * 50 > chars).then(|| {
        Diagnostic::at(
            file,
            1,
            format!("the file is not text ({bad} of its {chars} characters are NUL or not valid UTF-8); expected a doc page saved as UTF-8 text"),
        )
    })
}

/// The text of `bytes`, with invalid UTF-8 replaced (and reported at its first place).
fn utf8<'a>(file: &str, bytes: &'a [u8], warnings: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Cow::Borrowed(t),
        Err(e) => {
            let (line, column) = line_and_column(bytes, e.valid_up_to());
            let lossy = String::from_utf8_lossy(bytes);
            let count = lossy.matches('\u{FFFD}').count();
            warnings.push(Diagnostic::new(
                Location::new(file, line).with_column(column),
                format!("{count} byte sequence(s) are not valid UTF-8 (the first here); replaced by U+FFFD, expected UTF-8 text"),
            ));
            Cow::Owned(lossy.into_owned())
        }
    }
}

/// Text being repaired character by character, with where it is and what was reported.
struct Repair<'f> {
    file: &'f str,
    out: String,
    line: usize,
    column: usize,
    /// Whether this line's first repair was reported (one warning per line).
    line_reported: bool,
    repaired_lines: usize,
    warnings: Vec<Diagnostic>,
}

impl Repair<'_> {
    fn new_line(&mut self) {
        self.out.push('\n');
        (self.line, self.column, self.line_reported) = (self.line + 1, 1, false);
    }

    fn keep(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    /// An invisible character is removed, a control character becomes a space; the first
    /// of each line is reported, up to [`REPORTED_REPAIRS`] lines.
    fn replace(&mut self, c: char) {
        let invisible = is_invisible(c);
        if !self.line_reported {
            self.line_reported = true;
            self.repaired_lines += 1;
            if self.repaired_lines <= REPORTED_REPAIRS {
                let what = if invisible {
                    "invisible character"
                } else {
                    "control character"
                };
                let into = if invisible {
                    "removed"
                } else {
                    "replaced by a space"
                };
                self.warnings.push(Diagnostic::new(
                    Location::new(self.file, self.line).with_column(self.column),
                    format!(
                        "{what} U+{:04X} in the text, {into}; expected printable text",
                        c as u32
                    ),
                ));
            }
        }
        if !invisible {
            self.out.push(' ');
        }
        self.column += 1;
    }

    fn finish(mut self) -> Decoded<'static> {
        if self.repaired_lines > REPORTED_REPAIRS {
            self.warnings.push(Diagnostic::at(
                self.file,
                self.line,
                format!(
                    "{} more line(s) had control or invisible characters repaired",
                    self.repaired_lines - REPORTED_REPAIRS
                ),
            ));
        }
        Decoded {
            text: Cow::Owned(self.out),
            warnings: self.warnings,
        }
    }
}

fn needs_repair(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || is_invisible(c)
}

fn has_lone_carriage_return(text: &str) -> bool {
    text.match_indices('\r')
        .any(|(i, _)| text.as_bytes().get(i + 1) != Some(&b'\n'))
}

/// Zero-width characters that change no rendering but break names and numbers.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded<'a>(file: &str, bytes: &'a [u8]) -> Decoded<'a> {
        decode(file, bytes).expect("text")
    }

    #[test]
    fn random_bytes_are_not_text() {
        // A deterministic xorshift stream: 4 KB of noise, as a damaged download would be.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8 | 0x80
            })
            .collect();
        let e = decode("InvokeCommand.txt", &noise).err().expect("not text");
        assert!(e.message.contains("not text"), "{}", e.message);
        assert!(decode("p.txt", &[0u8; 64]).is_err());
        assert!(decode("p.txt", b"a\0b").is_ok());
    }

    #[test]
    fn clean_text_is_borrowed_and_silent() {
        let d = decoded("p.txt", "\u{feff}Intro.\r\n| A |\n".as_bytes());
        assert!(matches!(d.text, Cow::Borrowed("Intro.\r\n| A |\n")));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn control_characters_are_replaced_and_located() {
        let d = decoded("p.txt", b"ok\n| A | de\x08sc\x0b |\nfine\x05\n");
        assert_eq!(d.text, "ok\n| A | de sc  |\nfine \n");
        let at: Vec<String> = d.warnings.iter().map(|w| w.location.to_string()).collect();
        assert_eq!(at, ["p.txt:2:9", "p.txt:3:5"]);
        assert!(
            d.warnings[0].message.contains("U+0008"),
            "{}",
            d.warnings[0]
        );
    }

    #[test]
    fn invalid_utf8_and_invisible_characters_are_repaired() {
        let d = decoded("p.txt", b"a\nb\xff\xfec\nN\xe2\x80\x8bame\n");
        assert_eq!(d.text, "a\nb\u{FFFD}\u{FFFD}c\nName\n");
        assert_eq!(d.warnings[0].location.to_string(), "p.txt:2:2");
        assert!(
            d.warnings[1]
                .message
                .contains("U+200B in the text, removed"),
            "{}",
            d.warnings[1]
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let d = decoded("p.txt", b"one\rtwo\r\nthree");
        assert_eq!(d.text, "one\ntwo\r\nthree");
    }

    #[test]
    fn many_repaired_lines_are_summarised() {
        let page = "x\x07\n".repeat(50);
        let d = decoded("p.txt", page.as_bytes());
        assert_eq!(d.warnings.len(), REPORTED_REPAIRS + 1);
        assert!(d
            .warnings
            .last()
            .unwrap()
            .message
            .starts_with("40 more line(s)"));
    }
}
