//! Keys from the environment: `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY`, with a
//! token from `TENCENTCLOUD_TOKEN`, `TENCENTCLOUD_SECURITY_TOKEN` or
//! `TENCENTCLOUD_SESSION_TOKEN`.

use super::keys::{Credentials, CredentialsError, ProvideCredentials, Provided};
use futures_util::future::BoxFuture;
use std::fmt;
use std::sync::Arc;

/// Reads an environment variable; injected so tests need not touch the process environment.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// An environment a provider keeps (the process's, or a test's).
pub type SharedEnv = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// A variable of the process environment, when set and not empty.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Credentials from the environment, if the variables are set.
pub fn from_env(env: EnvLookup<'_>) -> Result<Option<Credentials>, CredentialsError> {
    match (
        env("TENCENTCLOUD_SECRET_ID"),
        env("TENCENTCLOUD_SECRET_KEY"),
    ) {
        (Some(id), Some(key)) => {
            let token = env("TENCENTCLOUD_TOKEN")
                .or_else(|| env("TENCENTCLOUD_SECURITY_TOKEN"))
                .or_else(|| env("TENCENTCLOUD_SESSION_TOKEN"));
            let creds = Credentials::new(id, key);
            Ok(Some(match token {
                Some(t) => creds.with_token(t),
                None => creds,
            }))
        }
        (Some(_), None) => Err(CredentialsError::Incomplete(
            "TENCENTCLOUD_SECRET_ID",
            "TENCENTCLOUD_SECRET_KEY",
        )),
        (None, Some(_)) => Err(CredentialsError::Incomplete(
            "TENCENTCLOUD_SECRET_KEY",
            "TENCENTCLOUD_SECRET_ID",
        )),
        (None, None) => Ok(None),
    }
}

/// The environment as a source.
#[derive(Clone)]
pub struct EnvProvider {
    env: SharedEnv,
}

impl EnvProvider {
    /// The process environment.
    pub fn new() -> Self {
        EnvProvider::with(Arc::new(process_env))
    }

    pub fn with(env: SharedEnv) -> Self {
        EnvProvider { env }
    }
}

impl Default for EnvProvider {
    fn default() -> Self {
        EnvProvider::new()
    }
}

impl fmt::Debug for EnvProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvProvider")
    }
}

impl ProvideCredentials for EnvProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(
            async move { Ok(from_env(&*self.env)?.map_or(Provided::NotHere, Provided::Found)) },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    pub(crate) fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn environment_with_each_token_name() {
        for token_var in [
            "TENCENTCLOUD_TOKEN",
            "TENCENTCLOUD_SECURITY_TOKEN",
            "TENCENTCLOUD_SESSION_TOKEN",
        ] {
            let e = env(&[
                ("TENCENTCLOUD_SECRET_ID", "id"),
                ("TENCENTCLOUD_SECRET_KEY", "key"),
                (token_var, "tok"),
            ]);
            let c = from_env(&e).unwrap().unwrap();
            assert_eq!(c.token.unwrap().expose(), "tok", "{token_var}");
        }
    }

    #[test]
    fn half_set_environment_is_an_error() {
        let e = env(&[("TENCENTCLOUD_SECRET_ID", "id")]);
        assert!(matches!(
            from_env(&e),
            Err(CredentialsError::Incomplete(..))
        ));
    }
}
