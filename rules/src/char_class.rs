//! A documented character class (`[a-zA-Z0-9-_]`) as inclusive ranges. One reading of
//! the class for everyone: generated validators, the emulator and the docs agree.

use std::str::Chars;

/// Inclusive `(first, last)` ranges of a class; a single character is `(c, c)`. `\x` is
/// `x` literally; `-` between two characters is a range, anywhere else a literal. Read on
/// the fly, without allocating.
pub fn ranges(class: &str) -> ClassRanges<'_> {
    let inner = class
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(class);
    ClassRanges {
        rest: inner.chars(),
    }
}

/// The ranges as a list.
pub fn char_ranges(class: &str) -> Vec<(char, char)> {
    ranges(class).collect()
}

/// Whether `c` belongs to the class.
pub fn in_class(class: &str, c: char) -> bool {
    ranges(class).any(|(first, last)| first <= c && c <= last)
}

/// The ranges of a class, in order (see [`ranges`]).
#[derive(Clone)]
pub struct ClassRanges<'a> {
    rest: Chars<'a>,
}

impl Iterator for ClassRanges<'_> {
    type Item = (char, char);

    fn next(&mut self) -> Option<(char, char)> {
        let c = self.rest.next()?;
        let mut ahead = self.rest.clone();
        if c == '\\' {
            if let Some(escaped) = ahead.next() {
                self.rest = ahead;
                return Some((escaped, escaped));
            }
            return Some((c, c));
        }
        if ahead.next() == Some('-') {
            if let Some(last) = ahead.next().filter(|l| *l != '\\') {
                self.rest = ahead;
                return Some((c, last));
            }
        }
        Some((c, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_classes() {
        assert_eq!(
            char_ranges("[a-zA-Z0-9-_]"),
            [('a', 'z'), ('A', 'Z'), ('0', '9'), ('-', '-'), ('_', '_')]
        );
        assert_eq!(
            char_ranges(r"[a-z\-.]"),
            [('a', 'z'), ('-', '-'), ('.', '.')]
        );
        assert_eq!(
            char_ranges("[a-\\]"),
            [('a', 'a'), ('-', '-'), ('\\', '\\')]
        );
        assert_eq!(char_ranges("[x\\"), [('[', '['), ('x', 'x'), ('\\', '\\')]);
        assert_eq!(char_ranges("[]"), []);
        let class = "[a-zA-Z0-9-_]";
        assert!(
            in_class(class, '-')
                && in_class(class, 'Q')
                && !in_class(class, '.')
                && !in_class(class, 'é')
        );
    }
}
