//! Keys from the profile file of the official SDKs: a section of `~/.tencentcloud/credentials`
//! (or of the file `TENCENTCLOUD_CREDENTIALS_FILE` names), `[default]` unless a profile is
//! named: `secret_id`, `secret_key`, an optional `token`, and optionally a role to assume
//! with them (`role_arn`, `role_session_name`, as the Go SDK reads them).

use super::env::{EnvLookup, SharedEnv};
use super::keys::{Credentials, CredentialsError, ProvideCredentials, Provided};
use super::profile_name::ProfileName;
use super::sts::AssumeRoleProvider;
use crate::transport::TransportSettings;
use futures_util::future::BoxFuture;
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

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

/// A profile section's keys, and the role to assume with them when it names one.
#[derive(Debug, Clone)]
pub struct ProfileSection {
    pub keys: Credentials,
    pub role_arn: Option<String>,
    pub role_session_name: Option<String>,
}

/// Section `[profile]` of a profile file (INI); `None` without the section.
pub fn parse_profile(
    path: &str,
    profile: &str,
    text: &str,
) -> Result<Option<ProfileSection>, CredentialsError> {
    let failed = |problem: String| CredentialsError::Profile {
        profile: profile.to_string(),
        path: path.to_string(),
        problem,
    };
    let Some(section) = section(text, profile).map_err(failed)? else {
        return Ok(None);
    };
    let value = |key: &str| section.get(key).cloned().filter(|v| !v.is_empty());
    let keys = match (value("secret_id"), value("secret_key")) {
        (Some(id), Some(key)) => Credentials::new(id, key),
        (id, _) => {
            let missing = if id.is_none() {
                "secret_id"
            } else {
                "secret_key"
            };
            return Err(failed(format!("`{missing}` is missing or empty")));
        }
    };
    let keys = match value("token").or_else(|| value("security_token")) {
        Some(token) => keys.with_token(token),
        None => keys,
    };
    Ok(Some(ProfileSection {
        keys,
        role_arn: value("role_arn"),
        role_session_name: value("role_session_name"),
    }))
}

/// The `key = value` pairs of section `[name]`; `None` when there is no such section.
fn section(text: &str, name: &str) -> Result<Option<HashMap<String, String>>, String> {
    let mut found: Option<HashMap<String, String>> = None;
    let mut inside = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let title = header
                .strip_suffix(']')
                .ok_or_else(|| format!("line {}: a section header without `]`", i + 1))?;
            inside = title.trim() == name;
            if inside {
                found.get_or_insert_with(HashMap::new);
            }
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| format!("line {}: expected `key = value`", i + 1))?;
        if let (true, Some(members)) = (inside, found.as_mut()) {
            members.insert(key.trim().to_string(), value.trim().to_string());
        }
    }
    Ok(found)
}

/// The profile file as a source; a missing file or section does not apply here.
#[derive(Clone)]
pub struct ProfileProvider {
    env: SharedEnv,
    profile: ProfileName,
    /// How a role's keys are fetched from STS.
    connection: TransportSettings,
}

impl ProfileProvider {
    pub fn new() -> Self {
        ProfileProvider::with(std::sync::Arc::new(super::env::process_env))
    }

    /// With the environment that names the file (`TENCENTCLOUD_CREDENTIALS_FILE`, `HOME`)
    /// and the profile (`TCCLI_PROFILE`, `TENCENTCLOUD_PROFILE`).
    pub fn with(env: SharedEnv) -> Self {
        ProfileProvider::named(env, None)
    }

    /// Section `[profile]`, or the one the environment names.
    pub fn named(env: SharedEnv, profile: Option<&str>) -> Self {
        let profile = ProfileName::chosen(&*env, profile);
        ProfileProvider {
            env,
            profile,
            connection: TransportSettings::default(),
        }
    }

    /// A role's keys fetched from STS as the client connects.
    pub(crate) fn connected(mut self, connection: TransportSettings) -> Self {
        self.connection = connection;
        self
    }

    /// The file this provider reads, if any.
    pub fn path(&self) -> Option<PathBuf> {
        profile_path(&*self.env)
    }

    async fn provided(&self) -> Result<Provided, CredentialsError> {
        let Some(path) = self.path() else {
            return Ok(Provided::NotHere);
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(Provided::NotHere);
        };
        let shown = path.display().to_string();
        let Some(section) = parse_profile(&shown, &self.profile.name, &text)? else {
            return Ok(Provided::NotHere);
        };
        let Some(role_arn) = section.role_arn else {
            return Ok(Provided::Found(section.keys));
        };
        let mut role =
            AssumeRoleProvider::new(section.keys, role_arn).connected(self.connection.clone());
        if let Some(name) = section.role_session_name {
            role = role.session_name(name);
        }
        role.provide().await
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
            .field("profile", &self.profile.name)
            .finish()
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(self.provided())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "[other]\nsecret_id = AKIDother\nsecret_key = otherkey\nrole_arn = qcs::cam::uin/1:roleName/x\n\n[default]\nsecret_id = AKIDabc\nsecret_key = s3cret\n";

    #[test]
    fn any_section_is_a_profile() {
        let default = parse_profile("creds", "default", FILE).unwrap().unwrap();
        let keys = &default.keys;
        assert_eq!(
            (keys.secret_id.as_str(), keys.secret_key.expose()),
            ("AKIDabc", "s3cret")
        );
        assert!(default.role_arn.is_none());
        let other = parse_profile("creds", "other", FILE).unwrap().unwrap();
        assert_eq!(other.keys.secret_id, "AKIDother");
        assert_eq!(
            other.role_arn.as_deref(),
            Some("qcs::cam::uin/1:roleName/x")
        );
        assert!(parse_profile("creds", "absent", FILE).unwrap().is_none());
    }

    #[test]
    fn a_broken_file_names_itself_the_line_and_the_profile_never_the_secret() {
        let err = parse_profile("creds", "default", "[default]\nnonsense\n").unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains("line 2") && shown.contains("`default`") && shown.contains("creds"),
            "{shown}"
        );
        let err = parse_profile("creds", "dev", "[dev]\nsecret_key = s3cret\n").unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains("`secret_id`") && !shown.contains("s3cret"),
            "{shown}"
        );
    }
}
