//! Pipe-table rows as every reader splits them: cells (`\\|` is a literal pipe), the
//! separator row, and a row fitted to its header's width.

/// A `|---|---|` line.
pub(crate) fn is_separator_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.trim_matches('|').split('|').all(is_separator_cell)
}

/// The cells of a pipe row, and whether it ended with a closing `|`.
pub(crate) fn split_row(line: &str) -> (Vec<String>, bool) {
    let t = line.trim();
    let inner = t.strip_prefix('|').unwrap_or(t);
    match strip_closing_pipe(inner) {
        Some(inner) => (split_cells(inner), true),
        None => (split_cells(inner.trim_end()), false),
    }
}

/// Joins extra cells into the last column, or pads missing ones, to `width` cells.
pub(crate) fn fit_cells(cells: &mut Vec<String>, width: usize) {
    if width == 0 {
        return;
    }
    if cells.len() > width {
        let extra = cells.split_off(width);
        if let Some(last) = cells.last_mut() {
            for e in extra {
                last.push_str(" | ");
                last.push_str(&e);
            }
        }
    }
    cells.resize(width, String::new());
}

fn strip_closing_pipe(s: &str) -> Option<&str> {
    let s = s.trim_end();
    let stripped = s.strip_suffix('|')?;
    // `\|` at the end is an escaped pipe inside the last cell, not a closing one.
    if stripped.ends_with('\\') {
        return None;
    }
    Some(stripped)
}

/// Splits the inside of a pipe row into cells (`\\|` is a literal pipe).
pub(crate) fn split_cells(inner: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        let cell = cells
            .last_mut()
            .expect("cells starts non-empty and only grows");
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cell.push('|');
            }
            '|' => cells.push(String::new()),
            _ => cell.push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

fn is_separator_cell(cell: &str) -> bool {
    let core = cell.trim().trim_start_matches(':').trim_end_matches(':');
    !core.is_empty() && core.chars().all(|c| c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_into_cells_and_fit_their_header() {
        assert_eq!(
            split_row("| a | b \\| c |"),
            (vec!["a".into(), "b | c".into()], true)
        );
        assert_eq!(split_row("| a | b"), (vec!["a".into(), "b".into()], false));
        let mut cells = vec!["1".to_string(), "2".into(), "3".into()];
        fit_cells(&mut cells, 2);
        assert_eq!(cells, ["1", "2 | 3"]);
        fit_cells(&mut cells, 3);
        assert_eq!(cells, ["1", "2 | 3", ""]);
        assert!(is_separator_line("|---|:--:|") && !is_separator_line("| a | - |"));
    }
}
