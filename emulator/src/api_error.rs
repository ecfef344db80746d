//! A service error as the API answers it: `{"Error": {"Code", "Message"}}`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
        }
    }

    pub fn missing_parameter(path: &str) -> Self {
        ApiError::new(
            "MissingParameter",
            format!("The request is missing a required parameter `{path}`."),
        )
    }

    pub fn unknown_parameter(path: &str) -> Self {
        ApiError::new(
            "UnknownParameter",
            format!("The parameter `{path}` is not recognized."),
        )
    }

    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        ApiError::new("InvalidParameter", message)
    }

    pub fn not_found(code: &str, what: &str, id: &str) -> Self {
        ApiError::new(code, format!("The {what} `{id}` does not exist."))
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}
