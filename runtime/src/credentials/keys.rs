//! What a credentials source hands out and how it fails: keys ([`Credentials`], with
//! [`Secret`]s that never print), [`CredentialsError`], and the [`ProvideCredentials`]
//! contract every source implements.

use futures_util::future::BoxFuture;
use std::fmt;
use std::time::SystemTime;

/// A secret string that never shows in `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself; call only where it is used (signing, the token header).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A key pair, with the token and expiry of temporary keys.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub secret_id: String,
    pub secret_key: Secret,
    pub token: Option<Secret>,
    /// When temporary keys stop working; `None` for long-term keys.
    pub expires_at: Option<SystemTime>,
}

impl Credentials {
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            secret_id: secret_id.into(),
            secret_key: Secret::new(secret_key),
            token: None,
            expires_at: None,
        }
    }

    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret::new(token));
        self
    }

    pub fn expiring_at(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The SecretId is an identifier, but even it is shortened: logs get copied around.
        let id: String = self.secret_id.chars().take(4).collect();
        f.debug_struct("Credentials")
            .field("secret_id", &format!("{id}…"))
            .field("secret_key", &self.secret_key)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    #[error(
        "no credentials found: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, pass keys to the client builder, run `tccli configure`, write {0}, or run on a CVM with a role"
    )]
    NotFound(String),
    /// A profile that applies cannot be used: a file that does not parse (with its line),
    /// a key missing or of the wrong type, keys expired, a named profile found nowhere.
    /// Never a secret in the message.
    #[error("profile `{profile}` in {path}: {problem}")]
    Profile {
        profile: String,
        path: String,
        problem: String,
    },
    #[error("{0} is set but {1} is not; set both or neither")]
    Incomplete(&'static str, &'static str),
    /// A source that applies could not give keys (the metadata service, STS, a token file).
    #[error("credentials from {source_name} failed: {message}")]
    Source {
        source_name: &'static str,
        message: String,
    },
}

/// Temporary keys as both the metadata service and STS spell them.
#[derive(serde::Deserialize)]
pub(crate) struct TemporaryKeys {
    #[serde(rename = "TmpSecretId")]
    secret_id: String,
    #[serde(rename = "TmpSecretKey")]
    secret_key: String,
    #[serde(rename = "Token")]
    token: String,
}

impl TemporaryKeys {
    /// The keys, expiring at `expired_time` (Unix seconds).
    pub(crate) fn expiring(self, expired_time: i64) -> Credentials {
        let expires_at = std::time::UNIX_EPOCH
            + std::time::Duration::from_secs(u64::try_from(expired_time).unwrap_or(0));
        Credentials::new(self.secret_id, self.secret_key)
            .with_token(self.token)
            .expiring_at(expires_at)
    }
}

impl CredentialsError {
    pub(crate) fn source(source_name: &'static str, message: impl Into<String>) -> Self {
        CredentialsError::Source {
            source_name,
            message: message.into(),
        }
    }
}

/// What a provider says when it does not apply here (no variables, no file, not on a
/// CVM): the chain then asks the next one.
#[derive(Debug)]
pub enum Provided {
    Found(Credentials),
    NotHere,
}

/// A source of credentials.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Keys from this source, `NotHere` when it does not apply, or why it failed.
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>>;
}

/// Explicit keys are a source that always applies.
impl ProvideCredentials for Credentials {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move { Ok(Provided::Found(self.clone())) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_in_debug() {
        let c = Credentials::new(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        )
        .with_token("TOKEN-VALUE-123");
        let shown = format!("{c:?} {:?}", c.secret_key);
        assert!(!shown.contains("Gu5t9x"), "{shown}");
        assert!(!shown.contains("TOKEN-VALUE"), "{shown}");
        assert!(!shown.contains("krbsJ5"), "{shown}");
    }
}
