//! Errors of a call: each failure mode is its own variant, so callers can act on it.

use crate::credentials::CredentialsError;
use crate::rules::ValidationErrors;

/// The `Response.Error` of a failed call, before it is typed by the action's error enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceErrorParts {
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
}

/// Implemented by each generated per-action error type.
pub trait ServiceError: std::error::Error + From<ServiceErrorParts> + Send + Sync + 'static {
    fn code(&self) -> &str;
    fn message(&self) -> &str;
    fn request_id(&self) -> Option<&str>;
    /// True for codes that mean "nothing was done, try later" (rate limiting).
    fn is_retryable(&self) -> bool {
        self.code().starts_with("RequestLimitExceeded")
    }
}

/// Everything a call can fail with. `E` is the action's typed service error.
#[derive(Debug, thiserror::Error)]
pub enum SdkError<E: ServiceError> {
    /// The request broke documented limits; nothing was sent.
    #[error("the request was not sent because it breaks documented limits:\n{0}")]
    Validation(ValidationErrors),
    /// The service answered with `Response.Error`.
    #[error("the service returned an error: {0}")]
    Service(E),
    #[error("no usable credentials: {0}")]
    Credentials(#[from] CredentialsError),
    /// Connecting or transferring failed. `sent` says whether the request may have reached the server.
    #[error("the request failed in transport ({}): {message}", if *sent { "it may have reached the server" } else { "it was not sent" })]
    Transport { message: String, sent: bool },
    /// No complete answer within the configured timeout.
    #[error("the request timed out after {0:?}")]
    Timeout(std::time::Duration),
    /// The server answered with something that is not the documented response.
    #[error("the response could not be decoded (HTTP {status}): {message}")]
    Decode { status: u16, message: String },
}

impl<E: ServiceError> SdkError<E> {
    /// The service error, when the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }
}
