//! Credentials and where they come from: explicit keys, the environment, the profile file.
//!
//! Order (DESIGN.md): explicit keys; `TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`
//! with a token from `TENCENTCLOUD_TOKEN` (tccli) or `TENCENTCLOUD_SECURITY_TOKEN`
//! (Terraform) — `TENCENTCLOUD_SESSION_TOKEN` accepted as an alias; then the profile file
//! `~/.tencentcloud/credentials` (`[default]`, `secret_id`, `secret_key`, optional `token`),
//! path overridable by `TENCENTCLOUD_CREDENTIALS_FILE`.

use std::fmt;
use std::path::PathBuf;

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

#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub secret_id: String,
    pub secret_key: Secret,
    pub token: Option<Secret>,
}

impl Credentials {
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials { secret_id: secret_id.into(), secret_key: Secret::new(secret_key), token: None }
    }

    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret::new(token));
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
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    #[error("no credentials found: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, pass keys to the client builder, or write {0}")]
    NotFound(String),
    #[error("the profile file {path} is malformed at line {line}: {problem}")]
    MalformedProfile { path: String, line: usize, problem: String },
    #[error("{0} is set but {1} is not; set both or neither")]
    Incomplete(&'static str, &'static str),
}

/// Reads an environment variable; injected so tests need not touch the process environment.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Credentials from the environment, if the variables are set.
pub fn from_env(env: EnvLookup<'_>) -> Result<Option<Credentials>, CredentialsError> {
    match (env("TENCENTCLOUD_SECRET_ID"), env("TENCENTCLOUD_SECRET_KEY")) {
        (Some(id), Some(key)) => {
            let token = env("TENCENTCLOUD_TOKEN").or_else(|| env("TENCENTCLOUD_SECURITY_TOKEN")).or_else(|| env("TENCENTCLOUD_SESSION_TOKEN"));
            let creds = Credentials::new(id, key);
            Ok(Some(match token {
                Some(t) => creds.with_token(t),
                None => creds,
            }))
        }
        (Some(_), None) => Err(CredentialsError::Incomplete("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY")),
        (None, Some(_)) => Err(CredentialsError::Incomplete("TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECRET_ID")),
        (None, None) => Ok(None),
    }
}

/// Where the profile file is: `TENCENTCLOUD_CREDENTIALS_FILE`, else `~/.tencentcloud/credentials`.
pub fn profile_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    if let Some(p) = env("TENCENTCLOUD_CREDENTIALS_FILE") {
        return Some(PathBuf::from(p));
    }
    env("HOME").or_else(|| env("USERPROFILE")).map(|home| PathBuf::from(home).join(".tencentcloud").join("credentials"))
}

/// Parses the `[default]` section of a profile file (INI).
pub fn parse_profile(path: &str, text: &str) -> Result<Option<Credentials>, CredentialsError> {
    let mut in_default = false;
    let (mut id, mut key, mut token) = (None, None, None);
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[') {
            let Some(name) = section.strip_suffix(']') else {
                return Err(CredentialsError::MalformedProfile { path: path.into(), line: i + 1, problem: "section header without `]`".into() });
            };
            in_default = name.trim() == "default";
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            return Err(CredentialsError::MalformedProfile { path: path.into(), line: i + 1, problem: "expected `key = value`".into() });
        };
        if !in_default {
            continue;
        }
        let value = v.trim().to_string();
        match k.trim() {
            "secret_id" => id = Some(value),
            "secret_key" => key = Some(value),
            "token" | "security_token" => token = Some(value),
            _ => {}
        }
    }
    match (id, key) {
        (Some(id), Some(key)) => {
            let creds = Credentials::new(id, key);
            Ok(Some(match token {
                Some(t) => creds.with_token(t),
                None => creds,
            }))
        }
        (None, None) => Ok(None),
        _ => Err(CredentialsError::Incomplete("secret_id", "secret_key")),
    }
}

/// The default chain: environment, then the profile file.
pub fn default_chain(env: EnvLookup<'_>) -> Result<Credentials, CredentialsError> {
    if let Some(c) = from_env(env)? {
        return Ok(c);
    }
    let path = profile_path(env);
    if let Some(path) = &path {
        if let Ok(text) = std::fs::read_to_string(path) {
            if let Some(c) = parse_profile(&path.display().to_string(), &text)? {
                return Ok(c);
            }
        }
    }
    Err(CredentialsError::NotFound(path.map_or("~/.tencentcloud/credentials".into(), |p| p.display().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn environment_with_each_token_name() {
        for token_var in ["TENCENTCLOUD_TOKEN", "TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_SESSION_TOKEN"] {
            let e = env(&[("TENCENTCLOUD_SECRET_ID", "id"), ("TENCENTCLOUD_SECRET_KEY", "key"), (token_var, "tok")]);
            let c = from_env(&e).unwrap().unwrap();
            assert_eq!(c.token.unwrap().expose(), "tok", "{token_var}");
        }
    }

    #[test]
    fn half_set_environment_is_an_error() {
        let e = env(&[("TENCENTCLOUD_SECRET_ID", "id")]);
        assert!(matches!(from_env(&e), Err(CredentialsError::Incomplete(..))));
    }

    #[test]
    fn profile_file_default_section() {
        let text = "[other]\nsecret_id = x\nsecret_key = y\n\n[default]\nsecret_id = AKIDabc\nsecret_key = s3cret\n";
        let c = parse_profile("creds", text).unwrap().unwrap();
        assert_eq!(c.secret_id, "AKIDabc");
        assert_eq!(c.secret_key.expose(), "s3cret");
        let err = parse_profile("creds", "[default]\nnonsense\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn chain_prefers_environment_then_profile_file() {
        let dir = std::env::temp_dir().join(format!("tc-creds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("credentials");
        std::fs::write(&file, "[default]\nsecret_id = fromfile\nsecret_key = k\n").unwrap();
        let path = file.display().to_string();
        let only_file = env(&[("TENCENTCLOUD_CREDENTIALS_FILE", &path)]);
        assert_eq!(default_chain(&only_file).unwrap().secret_id, "fromfile");
        let both = env(&[("TENCENTCLOUD_CREDENTIALS_FILE", &path), ("TENCENTCLOUD_SECRET_ID", "fromenv"), ("TENCENTCLOUD_SECRET_KEY", "k")]);
        assert_eq!(default_chain(&both).unwrap().secret_id, "fromenv");
        let none = env(&[("TENCENTCLOUD_CREDENTIALS_FILE", "/nonexistent/creds")]);
        assert!(matches!(default_chain(&none), Err(CredentialsError::NotFound(_))));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn secrets_never_in_debug() {
        let c = Credentials::new("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE").with_token("TOKEN-VALUE-123");
        let shown = format!("{c:?} {:?}", c.secret_key);
        assert!(!shown.contains("Gu5t9x"), "{shown}");
        assert!(!shown.contains("TOKEN-VALUE"), "{shown}");
        assert!(!shown.contains("krbsJ5"), "{shown}");
    }
}
