//! Keys from the profile file: `[default]` of `~/.tencentcloud/credentials`, or of the
//! file `TENCENTCLOUD_CREDENTIALS_FILE` names (`secret_id`, `secret_key`, optional `token`).

use super::env::{EnvLookup, SharedEnv};
use super::keys::{Credentials, CredentialsError, ProvideCredentials, Provided};
use futures_util::future::BoxFuture;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the profile file is: `TENCENTCLOUD_CREDENTIALS_FILE`, else `~/.tencentcloud/credentials`.
pub fn profile_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    if let Some(p) = env("TENCENTCLOUD_CREDENTIALS_FILE") {
        return Some(PathBuf::from(p));
    }
    env("HOME").or_else(|| env("USERPROFILE")).map(|home| {
        PathBuf::from(home)
            .join(".tencentcloud")
            .join("credentials")
    })
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
                return Err(CredentialsError::MalformedProfile {
                    path: path.into(),
                    line: i + 1,
                    problem: "section header without `]`".into(),
                });
            };
            in_default = name.trim() == "default";
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            return Err(CredentialsError::MalformedProfile {
                path: path.into(),
                line: i + 1,
                problem: "expected `key = value`".into(),
            });
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

/// The profile file as a source; a missing file does not apply here.
#[derive(Clone)]
pub struct ProfileProvider {
    env: SharedEnv,
}

impl ProfileProvider {
    pub fn new() -> Self {
        ProfileProvider::with(Arc::new(super::env::process_env))
    }

    /// With the environment that names the file (`TENCENTCLOUD_CREDENTIALS_FILE`, `HOME`).
    pub fn with(env: SharedEnv) -> Self {
        ProfileProvider { env }
    }

    /// The file this provider reads, if any.
    pub fn path(&self) -> Option<PathBuf> {
        profile_path(&*self.env)
    }
}

impl Default for ProfileProvider {
    fn default() -> Self {
        ProfileProvider::new()
    }
}

impl fmt::Debug for ProfileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileProvider")
            .field("path", &self.path())
            .finish()
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move {
            let Some(path) = self.path() else {
                return Ok(Provided::NotHere);
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                return Ok(Provided::NotHere);
            };
            Ok(parse_profile(&path.display().to_string(), &text)?
                .map_or(Provided::NotHere, Provided::Found))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_file_default_section() {
        let text = "[other]\nsecret_id = x\nsecret_key = y\n\n[default]\nsecret_id = AKIDabc\nsecret_key = s3cret\n";
        let c = parse_profile("creds", text).unwrap().unwrap();
        assert_eq!(c.secret_id, "AKIDabc");
        assert_eq!(c.secret_key.expose(), "s3cret");
        let err = parse_profile("creds", "[default]\nnonsense\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
