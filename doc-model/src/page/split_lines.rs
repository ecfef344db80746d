//! Physical lines → the logical lines the text reader walks.
//!
//! Some real pages have an example flattened onto one line
//! (`POST / HTTP/1.1Host: x.tencentcloudapi.comContent-Type: application/jsonX-TC-Action: X`,
//! sometimes with the placeholder and both JSON documents glued on). Such a line is cut
//! back into the lines it lost: the request line, each header, each `<placeholder>`, each
//! JSON document. Every piece keeps its physical line number and starting column, so
//! diagnostics still point into the page.

use super::http_example::is_get_url_line;
use super::json_brackets::BracketScanner;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based physical line.
    pub number: usize,
    /// 1-based column (in characters) where this piece starts on its physical line.
    pub column: usize,
    pub text: &'a str,
}

/// Header names whose glued-on occurrence starts a new line.
const HEADER_MARKERS: &[&str] = &["Host:", "Content-Type:", "Authorization:", "X-TC-"];

pub fn logical_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let physical = raw.strip_suffix('\r').unwrap_or(raw);
        let number = i + 1;
        match flattened_pieces(physical) {
            Some(pieces) => out.extend(pieces.into_iter().map(|(start, end)| Line {
                number,
                column: physical[..start].chars().count() + 1,
                text: &physical[start..end],
            })),
            None => out.push(Line {
                number,
                column: 1,
                text: physical,
            }),
        }
    }
    // `split` yields one empty piece after a final newline; it is not a line of the page.
    if text.ends_with('\n') {
        out.pop();
    }
    out
}

/// Byte ranges of the pieces of a flattened example line, or `None` for an ordinary line.
fn flattened_pieces(line: &str) -> Option<Vec<(usize, usize)>> {
    let lead = line.len() - line.trim_start().len();
    let t = &line[lead..];
    let head_end = if t.starts_with("POST /") || t.starts_with("GET /") {
        let version = t.find(" HTTP/")? + " HTTP/".len();
        let digits = t[version..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(t.len(), |n| version + n);
        lead + digits
    } else if is_get_url_line(t) {
        // The query runs to a placeholder or a JSON document that is not a parameter value.
        lead + get_url_end(t)?
    } else {
        return None;
    };
    if line[head_end..].trim().is_empty() {
        return None;
    }
    let mut pieces = vec![(lead, head_end)];
    let rest_start = head_end;
    let rest = &line[rest_start..];
    // Headers run until the first placeholder or JSON document.
    let headers_end = rest.find(['<', '{', '[']).unwrap_or(rest.len());
    let mut cuts: Vec<usize> = (0..headers_end)
        .filter(|&i| {
            rest.is_char_boundary(i) && HEADER_MARKERS.iter().any(|m| rest[i..].starts_with(m))
        })
        .collect();
    cuts.push(headers_end);
    let mut from = 0;
    for cut in cuts {
        push_piece(&mut pieces, line, rest_start + from, rest_start + cut);
        from = cut;
    }
    // Then placeholders and JSON documents, each a piece of its own.
    let mut i = headers_end;
    while i < rest.len() {
        let tail = &rest[i..];
        let len = if tail.starts_with('<') {
            tail.find('>').map_or(tail.len(), |n| n + 1)
        } else if tail.starts_with(['{', '[']) {
            json_document_len(tail)
        } else {
            tail.find(['<', '{', '['])
                .filter(|&n| n > 0)
                .unwrap_or(tail.len())
        };
        push_piece(&mut pieces, line, rest_start + i, rest_start + i + len);
        i += len;
    }
    Some(pieces)
}

/// Where the query of a flattened GET URL line ends: at a `<placeholder>` or at a `{`/`[`
/// that does not follow `=` (a JSON value written raw into the query stays in it).
fn get_url_end(t: &str) -> Option<usize> {
    let bytes = t.as_bytes();
    let end = (0..bytes.len()).find(|&i| {
        bytes[i] == b'<' || (matches!(bytes[i], b'{' | b'[') && i > 0 && bytes[i - 1] != b'=')
    })?;
    Some(end)
}

fn push_piece(pieces: &mut Vec<(usize, usize)>, line: &str, start: usize, end: usize) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if start + lead < end - trail {
        pieces.push((start + lead, end - trail));
    }
}

/// Length of the JSON document at the start of `s` (to where its brackets balance).
fn json_document_len(s: &str) -> usize {
    let mut scanner = BracketScanner::default();
    for (i, c) in s.char_indices() {
        scanner.feed_char(c);
        if scanner.balanced() {
            return i + c.len_utf8();
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, usize, &str)> {
        logical_lines(text)
            .into_iter()
            .map(|l| (l.number, l.column, l.text))
            .collect()
    }

    #[test]
    fn ordinary_lines_pass_through() {
        assert_eq!(
            texts("a\r\nb\n\nc"),
            [(1, 1, "a"), (2, 1, "b"), (3, 1, ""), (4, 1, "c")]
        );
        assert_eq!(
            texts("POST / HTTP/1.1\nHost: x\n"),
            [(1, 1, "POST / HTTP/1.1"), (2, 1, "Host: x")]
        );
    }

    #[test]
    fn flattened_requests_are_cut_at_headers_placeholders_and_documents() {
        let line = "POST / HTTP/1.1Host: a.comContent-Type: application/jsonX-TC-Action: Do<Common request parameters>{\"A\": {\"B\": [1]}}{\"Response\": {}}";
        assert_eq!(
            texts(line),
            [
                (1, 1, "POST / HTTP/1.1"),
                (1, 16, "Host: a.com"),
                (1, 27, "Content-Type: application/json"),
                (1, 57, "X-TC-Action: Do"),
                (1, 72, "<Common request parameters>"),
                (1, 99, "{\"A\": {\"B\": [1]}}"),
                (1, 116, "{\"Response\": {}}"),
            ]
        );
    }

    #[test]
    fn flattened_get_urls_keep_raw_json_values_in_the_query() {
        assert_eq!(
            texts(
                "https://a.com/?Action=X&P={\"k\":1}&<Common request parameters>{\"Response\": {}}"
            ),
            [
                (1, 1, "https://a.com/?Action=X&P={\"k\":1}&"),
                (1, 35, "<Common request parameters>"),
                (1, 62, "{\"Response\": {}}")
            ]
        );
        assert_eq!(
            texts("https://a.com/?Action=X"),
            [(1, 1, "https://a.com/?Action=X")]
        );
    }

    #[test]
    fn broken_pieces_never_panic() {
        for line in [
            "POST / HTTP/",
            "POST / HTTP/1.1{",
            "POST / HTTP/1.1<",
            "GET / HTTP/1.1 é{é",
            "https://a/?Action=<",
            "POST / HTTP/1.1X-TC-é",
        ] {
            let _ = logical_lines(line);
        }
    }
}
