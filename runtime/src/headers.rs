//! A request's headers, decided here: which the client owns (it sets them, signs what it
//! signs, and nobody else may set them), the headers users add (checked once, when given),
//! the `X-TC-RequestClient` that names this SDK as the official SDKs name theirs, and which
//! values are never shown.

use http::{HeaderMap, HeaderName, HeaderValue};
use std::fmt;

pub const X_TC_ACTION: HeaderName = HeaderName::from_static("x-tc-action");
pub const X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
pub const X_TC_VERSION: HeaderName = HeaderName::from_static("x-tc-version");
pub const X_TC_REGION: HeaderName = HeaderName::from_static("x-tc-region");
pub const X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
pub const X_TC_LANGUAGE: HeaderName = HeaderName::from_static("x-tc-language");
pub const X_TC_REQUEST_CLIENT: HeaderName = HeaderName::from_static("x-tc-requestclient");
pub const X_TC_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-tc-content-sha256");

/// Headers the client sets on every request (or on none, when they do not apply). A user's
/// header of one of these names is refused, never sent instead of the client's.
pub const OWNED: [HeaderName; 12] = [
    http::header::AUTHORIZATION,
    http::header::HOST,
    http::header::CONTENT_TYPE,
    http::header::CONTENT_LENGTH,
    X_TC_ACTION,
    X_TC_TIMESTAMP,
    X_TC_VERSION,
    X_TC_REGION,
    X_TC_TOKEN,
    X_TC_LANGUAGE,
    X_TC_REQUEST_CLIENT,
    X_TC_CONTENT_SHA256,
];

/// Headers whose values are secrets or replayable proofs.
const SECRET: [HeaderName; 2] = [http::header::AUTHORIZATION, X_TC_TOKEN];

/// The longest addition to `X-TC-RequestClient`, as the official SDKs allow.
const MAX_REQUEST_CLIENT: usize = 128;

/// A header a user gave that cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("`{0}` is not a header name")]
    Name(String),
    #[error("the value of header `{0}` is not visible ASCII")]
    Value(String),
    #[error("header `{0}` is the client's own (it is set, and signed, by the client); it cannot be given")]
    Owned(String),
    #[error("the request client `{0}` is not 1 to 128 characters of letters, digits and `-_,;./`")]
    RequestClient(String),
}

/// A user's header, checked: a valid name the client does not own, a visible-ASCII value.
pub fn custom_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), HeaderError> {
    let shown_name = || name.chars().take(64).collect::<String>();
    let parsed =
        HeaderName::from_bytes(name.as_bytes()).map_err(|_| HeaderError::Name(shown_name()))?;
    if OWNED.contains(&parsed) {
        return Err(HeaderError::Owned(shown_name()));
    }
    let value = HeaderValue::from_str(value).map_err(|_| HeaderError::Value(shown_name()))?;
    Ok((parsed, value))
}

/// A map of headers that only holds checked custom headers.
pub fn check_custom(headers: &HeaderMap) -> Result<(), HeaderError> {
    match headers.keys().find(|name| OWNED.contains(name)) {
        Some(owned) => Err(HeaderError::Owned(owned.to_string())),
        None => Ok(()),
    }
}

/// `SDK_RUST_<version>`, then `; <addition>` when the user names their program, as the
/// official SDKs write theirs (`SDK_PYTHON_3.1.106; my-app`).
pub fn request_client(version: &str, addition: Option<&str>) -> Result<HeaderValue, HeaderError> {
    let sdk = format!("SDK_RUST_{version}");
    let text = match addition {
        None => sdk,
        Some(addition) => {
            let allowed = |c: char| c.is_ascii_alphanumeric() || "-_,;./".contains(c);
            if addition.is_empty()
                || addition.len() > MAX_REQUEST_CLIENT
                || !addition.chars().all(allowed)
            {
                let shown: String = addition.chars().take(MAX_REQUEST_CLIENT).collect();
                return Err(HeaderError::RequestClient(shown));
            }
            format!("{sdk}; {addition}")
        }
    };
    HeaderValue::from_str(&text).map_err(|_| HeaderError::RequestClient(text))
}

/// Headers for `Debug`: secret values replaced.
pub(crate) struct Shown<'a>(pub &'a HeaderMap);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (name, value) in self.0 {
            let value = if SECRET.contains(name) {
                "<redacted>"
            } else {
                value.to_str().unwrap_or("<not ASCII>")
            };
            list.entry(&(name.as_str(), value));
        }
        list.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clients_own_headers_are_refused_in_any_case() {
        for owned in [
            "Authorization",
            "HOST",
            "X-TC-Action",
            "x-tc-token",
            "X-TC-RequestClient",
        ] {
            assert!(
                matches!(custom_header(owned, "x"), Err(HeaderError::Owned(_))),
                "{owned}"
            );
        }
        let (name, value) = custom_header("X-Trace-Id", "abc-1").unwrap();
        assert_eq!(
            (name.as_str(), value.to_str().unwrap()),
            ("x-trace-id", "abc-1")
        );
        assert!(
            custom_header("X-TC-TraceId", "t").is_ok(),
            "other X-TC-* headers are the user's"
        );
        assert!(matches!(
            custom_header("bad name", "x"),
            Err(HeaderError::Name(_))
        ));
        assert!(matches!(
            custom_header("X-Ok", "a\r\nX-Evil: 1"),
            Err(HeaderError::Value(_))
        ));
    }

    #[test]
    fn the_request_client_names_the_sdk_then_the_program() {
        assert_eq!(request_client("0.1.1", None).unwrap(), "SDK_RUST_0.1.1");
        assert_eq!(
            request_client("0.1.1", Some("my-app/1.2")).unwrap(),
            "SDK_RUST_0.1.1; my-app/1.2"
        );
        for bad in ["", "a b", "x\r\ny", &"a".repeat(129)] {
            assert!(request_client("0.1.1", Some(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn secret_values_are_never_shown() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            HeaderValue::from_static("TC3 Signature=abc"),
        );
        headers.insert("x-tc-token", HeaderValue::from_static("tok-123"));
        headers.insert("x-tc-action", HeaderValue::from_static("RunCommand"));
        let shown = format!("{:?}", Shown(&headers));
        assert!(
            !shown.contains("abc") && !shown.contains("tok-123"),
            "{shown}"
        );
        assert!(shown.contains("RunCommand"), "{shown}");
    }
}
