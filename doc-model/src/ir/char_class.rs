//! A documented character class (`[a-zA-Z0-9-_]`) as inclusive ranges. One reading of
//! the class for everyone: the emitted client validators and the emulator agree.

/// Inclusive `(first, last)` ranges; a single character is `(c, c)`. `\x` is `x`
/// literally; `-` between two characters is a range, anywhere else a literal.
pub fn char_ranges(class: &str) -> Vec<(char, char)> {
    let inner = class.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap_or(class);
    let chars: Vec<char> = inner.chars().collect();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            ranges.push((chars[i + 1], chars[i + 1]));
            i += 2;
        } else if i + 2 < chars.len() && chars[i + 1] == '-' && chars[i + 2] != '\\' {
            ranges.push((c, chars[i + 2]));
            i += 3;
        } else {
            ranges.push((c, c));
            i += 1;
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use tencentcloud_rules::rule::in_ranges;

    #[test]
    fn documented_classes() {
        assert_eq!(char_ranges("[a-zA-Z0-9-_]"), [('a', 'z'), ('A', 'Z'), ('0', '9'), ('-', '-'), ('_', '_')]);
        assert_eq!(char_ranges(r"[a-z\-.]"), [('a', 'z'), ('-', '-'), ('.', '.')]);
        assert_eq!(char_ranges("[]"), []);
        let r = char_ranges("[a-zA-Z0-9-_]");
        assert!(in_ranges(&r, '-') && in_ranges(&r, 'Q') && !in_ranges(&r, '.') && !in_ranges(&r, 'é'));
    }
}
