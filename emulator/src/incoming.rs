//! The request head, read once: how a request is signed and where its parameters are (its
//! [`Style`]), and the action it names. The fault layer, the checks made before the body is
//! read and the dispatcher all use this one reading; nothing else reads `X-TC-Action`.
//!
//! The official clients send a request in one of these ways: TC3 over POST JSON (the
//! default), TC3 over GET (parameters flattened in the query), TC3 with an unsigned
//! payload, and the v1 signatures (`HmacSHA1`, `HmacSHA256`) over GET or a POST form,
//! where even the action is a parameter (for a form, known only once the body is read).

use hyper::HeaderMap;

/// How a request is signed, and where its parameters are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// TC3-HMAC-SHA256 in `Authorization` (or no signature at all, refused as such); the
    /// parameters are a JSON body (POST) or flattened in the query (GET).
    Tc3 { flattened: bool },
    /// A v1 signature among the parameters, which are the query (GET) or a form body (POST).
    V1 { in_body: bool },
    /// A method the API does not take.
    Unsupported,
}

/// What a request looks like before anything is checked: its head, and the action once
/// known.
#[derive(Debug, Clone)]
pub struct Head<'a> {
    pub method: &'a str,
    pub query: &'a str,
    pub headers: &'a HeaderMap,
    pub style: Style,
    /// The action the request names: `X-TC-Action` for TC3, the `Action` parameter for v1
    /// (for a form, set by [`Head::read_body`]). `None` when it names none (yet).
    pub action: Option<String>,
}

impl<'a> Head<'a> {
    /// Reads the method, query and headers of a request.
    pub fn read(method: &'a str, query: &'a str, headers: &'a HeaderMap) -> Head<'a> {
        let signed_tc3 = headers.contains_key(hyper::header::AUTHORIZATION);
        let style = match method {
            "GET" if !signed_tc3 && has_pair(query.as_bytes(), "Signature") => {
                Style::V1 { in_body: false }
            }
            "GET" => Style::Tc3 { flattened: true },
            "POST" if !signed_tc3 && is_form(headers) => Style::V1 { in_body: true },
            "POST" => Style::Tc3 { flattened: false },
            _ => Style::Unsupported,
        };
        let action = match style {
            Style::Tc3 { .. } | Style::Unsupported => {
                header(headers, "x-tc-action").map(str::to_string)
            }
            Style::V1 { in_body: false } => pair(query.as_bytes(), "Action"),
            Style::V1 { in_body: true } => None,
        };
        Head {
            method,
            query,
            headers,
            style,
            action,
        }
    }

    /// Whether the body must be read before the action is known (a v1 form).
    pub fn action_in_body(&self) -> bool {
        self.style == (Style::V1 { in_body: true })
    }

    /// Completes the head with what the body says (a v1 form's `Action`).
    pub fn read_body(&mut self, body: &[u8]) {
        if self.action_in_body() {
            self.action = pair(body, "Action");
        }
    }

    /// The request's flattened parameters (v1, TC3 over GET), decoded; `None` for a JSON body.
    pub fn pairs(&self, body: &[u8]) -> Option<Vec<(String, String)>> {
        match self.style {
            Style::Tc3 { flattened: true } | Style::V1 { in_body: false } => {
                Some(form_pairs(self.query.as_bytes()))
            }
            Style::V1 { in_body: true } => Some(form_pairs(body)),
            Style::Tc3 { flattened: false } | Style::Unsupported => None,
        }
    }

    /// A header's value, when it is set and is text.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        header(self.headers, name)
    }
}

/// A header's value, when it is set and is text.
pub fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Whether the body is a form (`application/x-www-form-urlencoded`), as v1 POSTs send.
fn is_form(headers: &HeaderMap) -> bool {
    header(headers, "content-type").is_some_and(|t| {
        t.trim_start()
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    })
}

/// Decoded `application/x-www-form-urlencoded` pairs (`+` is a space).
fn form_pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The first value of `name` among form pairs, when not empty.
fn pair(text: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(text)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

fn has_pair(text: &[u8], name: &str) -> bool {
    form_urlencoded::parse(text).any(|(k, _)| k == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn each_style_is_told_from_the_head() {
        let tc3 = headers(&[
            ("authorization", "TC3-HMAC-SHA256 x"),
            ("x-tc-action", "RunCommand"),
        ]);
        let head = Head::read("POST", "", &tc3);
        assert_eq!(
            (head.style, head.action.as_deref()),
            (Style::Tc3 { flattened: false }, Some("RunCommand"))
        );
        assert_eq!(
            Head::read("GET", "Limit=1", &tc3).style,
            Style::Tc3 { flattened: true }
        );
        let none = headers(&[]);
        let v1 = Head::read("GET", "Action=DescribeCommands&Signature=s", &none);
        assert_eq!(
            (v1.style, v1.action.as_deref()),
            (Style::V1 { in_body: false }, Some("DescribeCommands"))
        );
        assert_eq!(Head::read("DELETE", "", &none).style, Style::Unsupported);
    }

    #[test]
    fn a_form_names_its_action_in_the_body() {
        let form = headers(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("x-tc-action", "Ignored"),
        ]);
        let mut head = Head::read("POST", "", &form);
        assert!(head.action_in_body() && head.action.is_none());
        head.read_body(b"Action=RunCommand&Signature=x");
        assert_eq!(head.action.as_deref(), Some("RunCommand"));
        assert_eq!(
            head.pairs(b"A=1+2").unwrap(),
            [("A".to_string(), "1 2".to_string())]
        );
    }
}
