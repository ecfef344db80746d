//! A page that stops in the middle of a table: saved before it finished loading, or cut by
//! a size limit. Its last table would publish an API without the rows it lost, so this is
//! an error of the page, whatever its format.

use crate::diagnostic::Diagnostic;

/// The error for a page whose text ends inside a table, if it does: a pipe table whose last
/// row has no closing `|` while its header has one, or an HTML `<table>` never closed.
pub fn cut_off_table(file: &str, text: &str) -> Option<Diagnostic> {
    pipe_table_cut(file, text).or_else(|| html_table_cut(file, text))
}

fn pipe_table_cut(file: &str, text: &str) -> Option<Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    let row = lines[last].trim();
    if !row.starts_with('|') || row.ends_with('|') {
        return None;
    }
    let header = lines[..last]
        .iter()
        .rev()
        .take_while(|l| l.trim().starts_with('|'))
        .last()?;
    header.trim().ends_with('|').then(|| {
        Diagnostic::at(
            file,
            last + 1,
            "the page ends inside a table (its last row has no closing `|`): the page is cut off, and its rows after this one are lost; save the whole page again",
        )
    })
}

fn html_table_cut(file: &str, text: &str) -> Option<Diagnostic> {
    let lower = text.to_ascii_lowercase();
    let opened = lower.rfind("<table")?;
    if lower[opened..].contains("</table") {
        return None;
    }
    let line = text[..opened].matches('\n').count() + 1;
    Some(Diagnostic::at(
        file,
        line,
        "the page ends inside this table (no `</table>`): the page is cut off, and its rows after the last one are lost; save the whole page again",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_row_without_its_pipe_is_a_cut() {
        let page = "| A | B |\n|---|---|\n| x | y |\n| z | w";
        let d = cut_off_table("p.md", page).expect("cut");
        assert_eq!(d.location.line, 4);
        assert!(cut_off_table("p.md", "| A | B |\n|---|---|\n| x | y |\n").is_none());
        // A table whose rows never close their pipes is a style, not a cut.
        assert!(cut_off_table("p.md", "| A | B\n|---|---\n| x | y").is_none());
        assert!(cut_off_table("p.md", "prose\n| x").is_none());
    }

    #[test]
    fn an_html_table_never_closed_is_a_cut() {
        let page = "<html><body>\n<table><tr><td>A</td></tr>\n<tr><td>x";
        assert_eq!(cut_off_table("p.html", page).expect("cut").location.line, 2);
        assert!(cut_off_table("p.html", "<table></table><p>x").is_none());
    }
}
