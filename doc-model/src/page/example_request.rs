//! An example's request, read once from its code block into what the IR asks of it: its
//! form (POST with a JSON body, or the GET form's `Name=value` parameters), its header
//! lines and the host of its URL. The block is recognised by its first line
//! (`http_example.rs`); the IR types the body and parameters by the action's tables.

use super::http_example::{first_line, is_get_url_line, is_header_name, starts_example_request};

/// An example request as the page writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleRequest {
    /// `Name: value` lines before the body (`Host`, `X-TC-Action`), trimmed, in page order;
    /// lines with an empty value are left out.
    headers: Vec<(String, String)>,
    pub form: RequestForm,
}

/// The two forms an example request takes on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestForm {
    /// `POST / HTTP/1.1` (or `GET / …`), header lines, then the JSON body if there is one.
    Post { body: Option<Body> },
    /// `https://svc.tencentcloudapi.com/?Action=X` then `&Name=value` lines.
    Get {
        /// The parameters, percent-decoded, in page order.
        pairs: Vec<(String, String)>,
        /// The URL's host.
        host: Option<String>,
    },
}

/// A POST example's JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub text: String,
    /// How many lines into the code block the body starts.
    pub line: usize,
}

impl ExampleRequest {
    /// The request in a code block; `None` when its first line is neither an HTTP request
    /// line nor a GET-form URL (the block is no example request).
    pub fn read(text: &str) -> Option<ExampleRequest> {
        if !starts_example_request(text) {
            return None;
        }
        let first = first_line(text);
        let is_get = is_get_url_line(first);
        let lines: Vec<&str> = text.lines().collect();
        // The body starts at the first line that opens a JSON document.
        let body_at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(['{', '[']));
        let head = &lines[..body_at.unwrap_or(lines.len())];
        let form = if is_get {
            RequestForm::Get {
                pairs: query_pairs(text),
                host: url_host(first),
            }
        } else {
            RequestForm::Post {
                body: body_at.map(|line| Body {
                    text: lines[line..].join("\n"),
                    line,
                }),
            }
        };
        Some(ExampleRequest {
            headers: head.iter().filter_map(|l| header_line(l)).collect(),
            form,
        })
    }

    /// A header's value (`X-TC-Version`, `Host`), case-insensitively; the first line that
    /// gives it one.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The action the example calls: `?Action=X`, or the `X-TC-Action` header.
    pub fn action(&self) -> Option<&str> {
        match &self.form {
            RequestForm::Get { pairs, .. } => pairs
                .iter()
                .find(|(k, _)| k == "Action")
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty()),
            RequestForm::Post { .. } => self.header("X-TC-Action"),
        }
    }

    /// The host the example is sent to: its `Host` header, else its URL's.
    pub fn host(&self) -> Option<&str> {
        self.header("Host").or(match &self.form {
            RequestForm::Get { host, .. } => host.as_deref(),
            RequestForm::Post { .. } => None,
        })
    }
}

/// `Host: x` → (`Host`, `x`); `None` for a line that is no header or gives no value.
fn header_line(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let (name, value) = (name.trim(), value.trim());
    (is_header_name(name) && !value.is_empty()).then(|| (name.to_string(), value.to_string()))
}

/// The host of a GET-form URL line.
fn url_host(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("https://")
        .or_else(|| line.strip_prefix("http://"))?;
    let host = rest.split(['/', '?']).next()?;
    (!host.is_empty()).then(|| host.to_string())
}

/// The `Name=value` pairs of a GET-form example, in page order: the first line's query,
/// then each `&…` line's.
fn query_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (i, line) in text.lines().map(str::trim).enumerate() {
        let query = if i == 0 {
            line.split_once('?').map_or("", |(_, q)| q)
        } else if let Some(rest) = line.strip_prefix('&') {
            rest
        } else {
            continue;
        };
        for part in query.split('&') {
            let part = part.trim();
            if part.is_empty() || part.starts_with('<') {
                continue;
            }
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            pairs.push((percent_decode(name.trim()), percent_decode(value.trim())));
        }
    }
    pairs
}

/// `%7B%22a%22` → `{"a"`; text that is not a valid escape (`fill factor(%)`) stays as written,
/// and so does a decoding that is not UTF-8.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_example_is_its_headers_and_body() {
        let text = "POST / HTTP/1.1\nHost: tat.tencentcloudapi.com\nX-TC-Action: RunCommand\nX-TC-Version:\n<Common request parameters>\n\n{\n\"A\": 1\n}";
        let request = ExampleRequest::read(text).expect("an example");
        assert_eq!(request.action(), Some("RunCommand"));
        assert_eq!(request.host(), Some("tat.tencentcloudapi.com"));
        assert_eq!(request.header("x-tc-version"), None);
        let RequestForm::Post { body: Some(body) } = &request.form else {
            panic!("{request:?}")
        };
        assert_eq!((body.text.as_str(), body.line), ("{\n\"A\": 1\n}", 6));
        assert_eq!(ExampleRequest::read("{\"Response\": {}}"), None);
    }

    #[test]
    fn a_get_example_is_its_decoded_parameters() {
        let text = "https://cvm.tencentcloudapi.com/?Action=DescribeX&Version=2017-03-12\n&Ids.0=ins%2D1\n&Password=p+w\n&\n&<Common request parameters>";
        let request = ExampleRequest::read(text).expect("an example");
        assert_eq!(request.action(), Some("DescribeX"));
        assert_eq!(request.host(), Some("cvm.tencentcloudapi.com"));
        let RequestForm::Get { pairs, .. } = &request.form else {
            panic!("{request:?}")
        };
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Action", "DescribeX"),
                ("Version", "2017-03-12"),
                ("Ids.0", "ins-1"),
                ("Password", "p+w")
            ]
        );
        let unnamed = ExampleRequest::read("https://a/?Action=&Action=X").expect("an example");
        assert_eq!(unnamed.action(), None);
    }

    #[test]
    fn percent_decoding_is_forgiving() {
        assert_eq!(percent_decode("%7B%22a%22%3A1%7D"), "{\"a\":1}");
        assert_eq!(percent_decode("fill factor(%)"), "fill factor(%)");
        assert_eq!(percent_decode("%257B"), "%7B");
        assert_eq!(percent_decode("%ff%fe"), "%ff%fe");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
