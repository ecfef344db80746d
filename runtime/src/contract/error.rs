//! Errors of a call: each failure mode is its own variant, so callers can act on it, and
//! each keeps its source.

use crate::contract::wire::{AnyCode, ErrorCode};
use crate::credentials::keys::CredentialsError;
use std::fmt;
use tencentcloud_rules::ValidationErrors;

/// A boxed source error.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The `Response.Error` of a failed call, typed by the action's error codes `C`.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError<C> {
    /// The typed code (`InvokeCommandErrorCode::ResourceNotFoundCommandNotFound`).
    pub code: C,
    action: &'static str,
    message: String,
    request_id: Option<String>,
}

/// `Display` shows at most this many characters of a message; [`ServiceError::message`]
/// has all of it.
const SHOWN_MESSAGE: usize = 1024;

impl<C: ErrorCode> ServiceError<C> {
    pub(crate) fn new(
        action: &'static str,
        code: &str,
        message: String,
        request_id: Option<String>,
    ) -> Self {
        ServiceError {
            code: C::from_code(code),
            action,
            message,
            request_id,
        }
    }

    /// The code as the service sent it.
    pub fn code(&self) -> &str {
        self.code.as_str()
    }

    /// The whole message.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The action that failed.
    pub fn action(&self) -> &'static str {
        self.action
    }

    /// True for codes that mean "nothing was done, try later" (rate limiting).
    pub fn is_retryable(&self) -> bool {
        self.code().starts_with("RequestLimitExceeded")
    }
}

impl<C: ErrorCode> fmt::Display for ServiceError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with {}: ", self.action, self.code())?;
        match self.message.char_indices().nth(SHOWN_MESSAGE) {
            Some((cut, _)) => write!(
                f,
                "{}… ({} bytes in all)",
                &self.message[..cut],
                self.message.len()
            )?,
            None => f.write_str(&self.message)?,
        }
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId {id})")?;
        }
        Ok(())
    }
}

impl<C: ErrorCode> std::error::Error for ServiceError<C> {}

/// Everything a call can fail with. `C` is the action's error codes.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SdkError<C: ErrorCode> {
    /// The request broke documented limits; nothing was sent.
    #[error("the request was not sent because it breaks documented limits:\n{0}")]
    Validation(ValidationErrors),
    /// The service answered with `Response.Error`.
    #[error("the service returned an error: {0}")]
    Service(ServiceError<C>),
    #[error("no usable credentials: {0}")]
    Credentials(#[from] CredentialsError),
    /// The request could not be serialised; nothing was sent.
    #[error("the request could not be serialised: {0}")]
    Serialize(#[source] serde_json::Error),
    /// Connecting or transferring failed. `sent` says whether the request may have reached
    /// the server.
    #[error("the request failed in transport ({}): {}", if *sent { "it may have reached the server" } else { "it was not sent" }, chain(source.as_ref()))]
    Transport {
        #[source]
        source: BoxError,
        sent: bool,
    },
    /// No complete answer within the configured timeout.
    #[error("the request timed out after {0:?}")]
    Timeout(std::time::Duration),
    /// The server answered with a redirect. The API never redirects, so it was not
    /// followed: nothing was sent to another host.
    #[error("the server answered HTTP {status} (a redirect{}); it was not followed", location.as_deref().map(|l| format!(" to {l}")).unwrap_or_default())]
    Redirected {
        status: u16,
        location: Option<String>,
    },
    /// The answer was larger than the client's limit (`max_response_bytes`); reading stopped there.
    #[error(
        "the answer is larger than {limit} bytes, the client's limit; it was not read further"
    )]
    ResponseTooLarge { limit: usize },
    /// The server answered with something that is not the documented response.
    #[error("the response could not be decoded (HTTP {status}): {message}")]
    Decode {
        status: u16,
        message: String,
        #[source]
        source: Option<BoxError>,
    },
    /// An interceptor's hook failed; the call ended there.
    #[error("interceptor `{name}` failed: {}", chain(source.as_ref()))]
    Interceptor {
        /// The interceptor's [`name`](crate::interceptor::Interceptor::name).
        name: String,
        #[source]
        source: BoxError,
    },
    /// The call's options (`.customize(…)`) cannot be used; nothing was sent.
    #[error("the call's options cannot be used, so nothing was sent: {0}")]
    InvalidOptions(String),
}

impl SdkError<AnyCode> {
    /// The same failure with the code read by an action's table.
    pub(crate) fn typed<C: ErrorCode>(self) -> SdkError<C> {
        match self {
            SdkError::Validation(v) => SdkError::Validation(v),
            SdkError::Service(e) => SdkError::Service(ServiceError {
                code: C::from_code(e.code.as_str()),
                action: e.action,
                message: e.message,
                request_id: e.request_id,
            }),
            SdkError::Credentials(e) => SdkError::Credentials(e),
            SdkError::Serialize(e) => SdkError::Serialize(e),
            SdkError::Transport { source, sent } => SdkError::Transport { source, sent },
            SdkError::Timeout(d) => SdkError::Timeout(d),
            SdkError::Decode {
                status,
                message,
                source,
            } => SdkError::Decode {
                status,
                message,
                source,
            },
            SdkError::Redirected { status, location } => SdkError::Redirected { status, location },
            SdkError::ResponseTooLarge { limit } => SdkError::ResponseTooLarge { limit },
            SdkError::Interceptor { name, source } => SdkError::Interceptor { name, source },
            SdkError::InvalidOptions(problem) => SdkError::InvalidOptions(problem),
        }
    }
}

impl<C: ErrorCode> SdkError<C> {
    /// The service error, when the service answered with one.
    pub fn as_service_error(&self) -> Option<&ServiceError<C>> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }
}

/// An error and its sources, `: `-separated.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::wire::UnknownValue;

    #[derive(Debug, Clone, PartialEq)]
    enum Code {
        Known,
        Unknown(UnknownValue),
    }

    impl ErrorCode for Code {
        const CODES: &'static [&'static str] = &["Known.Code"];
        const VARIANTS: &'static [Self] = &[Code::Known];
        fn undocumented(code: &str) -> Self {
            Code::Unknown(UnknownValue::new(code))
        }
        fn undocumented_code(&self) -> Option<&str> {
            match self {
                Code::Unknown(v) => Some(v.as_str()),
                Code::Known => None,
            }
        }
    }

    #[test]
    fn display_shortens_a_huge_message_and_keeps_it_whole_underneath() {
        let huge = "x".repeat(64 << 20);
        let e = ServiceError::<Code>::new("DoThing", "Brand.New", huge.clone(), Some("r-1".into()));
        let shown = e.to_string();
        assert!(
            shown.starts_with("DoThing failed with Brand.New: xxx"),
            "{}",
            &shown[..40]
        );
        assert!(shown.ends_with(&format!("… ({} bytes in all) (RequestId r-1)", huge.len())));
        assert!(shown.len() < 2048);
        assert_eq!(e.message().len(), huge.len());
        assert_eq!(
            ServiceError::<Code>::new("A", "Known.Code", String::new(), None).code,
            Code::Known
        );
    }
}
