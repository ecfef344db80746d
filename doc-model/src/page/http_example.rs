//! The first line of an example request, as every reader and the IR recognise it: an HTTP
//! request line (`POST / HTTP/1.1`), the GET form's URL (`https://…/?Action=X`), and the
//! names of its header lines. What the request says is read in `example_request.rs`.

/// `POST / HTTP/1.1` (or `GET`).
pub(crate) fn is_http_request_line(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("POST" | "GET"), Some(path), Some(version), None)
            if path.starts_with('/') && version.starts_with("HTTP/")
    )
}

/// `https://svc.intl.tencentcloudapi.com/?Action=X`: the GET form of an example.
pub(crate) fn is_get_url_line(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("https://")
        .or_else(|| line.strip_prefix("http://"))
    else {
        return false;
    };
    let Some((host_and_path, query)) = rest.split_once('?') else {
        return false;
    };
    !host_and_path.contains(char::is_whitespace)
        && query
            .get(..7)
            .is_some_and(|q| q.eq_ignore_ascii_case("Action="))
}

/// A code block that is an example request: its first line is a request line or a GET-form
/// URL.
pub(crate) fn starts_example_request(text: &str) -> bool {
    let first = first_line(text);
    is_http_request_line(first) || is_get_url_line(first)
}

/// The first non-blank line of a code block, trimmed.
pub(crate) fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// A header line's name (`X-TC-Action`, `Host`).
pub(crate) fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_and_urls() {
        assert!(is_http_request_line("POST / HTTP/1.1"));
        assert!(is_http_request_line("GET /?Action=X HTTP/1.0"));
        assert!(!is_http_request_line("POST / HTTP/1.1 extra"));
        assert!(is_get_url_line(
            "https://cvm.tencentcloudapi.com/?Action=RunInstances"
        ));
        assert!(!is_get_url_line(
            "https://cloud.tencent.com/document?Product=cvm"
        ));
        assert!(is_header_name("X-TC-Action") && !is_header_name("Note that"));
    }
}
