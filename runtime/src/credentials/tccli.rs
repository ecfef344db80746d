//! tccli's profiles, read as tccli writes them (`tccli configure set … --profile NAME`):
//! `<dir>/<NAME>.credential`, a JSON object with `secretId`, `secretKey` and `token`, or a
//! role to assume (`role-arn`, `role-session-name`) with those keys, or `"type": "cvm-role"`,
//! or temporary keys with `expiresAt` (`"type": "oauth"` / `"sso"`, refreshed by tccli);
//! and `<dir>/<NAME>.configure`, whose `_sys_param.region` is the profile's region and
//! `<service>.endpoint` each service's endpoint (`sts.endpoint` the one roles are assumed
//! at). `<dir>` is `TENCENTCLOUD_SHARED_CREDENTIALS_DIR` (as Tencent's Terraform provider
//! reads it), else `~/.tccli`. A file that does not parse, or a key of the wrong type, is an
//! error naming the file, the line or key, and the profile; never a secret.

use super::cvm_role::CvmRoleProvider;
use super::env::{EnvLookup, SharedEnv};
use super::keys::{Credentials, CredentialsError, ProvideCredentials, Provided};
use super::profile_name::ProfileName;
use super::sts::AssumeRoleProvider;
use crate::transport::TransportSettings;
use futures_util::future::BoxFuture;
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A profile file is a few kilobytes (a `.configure` lists every service: about 25 KB).
const MAX_FILE: u64 = 1 << 20;

/// One tccli profile: its name and directory.
#[derive(Debug, Clone)]
pub struct TccliProfile {
    profile: ProfileName,
    dir: PathBuf,
}

/// What a `.configure` says for one service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TccliConfiguration {
    pub region: Option<String>,
    /// The service's endpoint as a base URL (`https://tat.tencentcloudapi.com/`).
    pub endpoint: Option<String>,
    /// Where roles are assumed (`sts.endpoint`), as a base URL.
    pub sts_endpoint: Option<String>,
}

/// What a `.credential` holds.
enum Stored {
    Keys(Credentials),
    Role {
        keys: Credentials,
        role_arn: String,
        session_name: Option<String>,
    },
    CvmRole,
}

impl TccliProfile {
    /// The profile the environment (or the builder) names, in its directory; `None` when
    /// there is no directory to look in (no `HOME`).
    pub fn chosen(env: EnvLookup<'_>, explicit: Option<&str>) -> Option<Self> {
        let dir = match env("TENCENTCLOUD_SHARED_CREDENTIALS_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => PathBuf::from(env("HOME").or_else(|| env("USERPROFILE"))?).join(".tccli"),
        };
        Some(TccliProfile {
            profile: ProfileName::chosen(env, explicit),
            dir,
        })
    }

    pub fn name(&self) -> &ProfileName {
        &self.profile
    }

    pub fn credential_path(&self) -> PathBuf {
        self.dir.join(format!("{}.credential", self.profile.name))
    }

    pub fn configure_path(&self) -> PathBuf {
        self.dir.join(format!("{}.configure", self.profile.name))
    }

    /// The region and endpoints of `service`; `None` without a `.configure`.
    pub fn configuration(
        &self,
        service: &str,
    ) -> Result<Option<TccliConfiguration>, CredentialsError> {
        let path = self.configure_path();
        let Some(object) = self.read_object(&path)? else {
            return Ok(None);
        };
        let text = |section: &str, key: &str| -> Result<Option<String>, CredentialsError> {
            match object.get(section) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Object(members)) => {
                    self.string(&path, members, key, &format!("{section}.{key}"))
                }
                Some(_) => Err(self.error(&path, format!("`{section}` is not a JSON object"))),
            }
        };
        Ok(Some(TccliConfiguration {
            region: text("_sys_param", "region")?,
            endpoint: text(service, "endpoint")?.map(|e| base_url(&e)),
            sts_endpoint: text("sts", "endpoint")?.map(|e| base_url(&e)),
        }))
    }

    /// What the `.credential` holds; `None` without one.
    fn stored(&self) -> Result<Option<Stored>, CredentialsError> {
        let path = self.credential_path();
        let Some(object) = self.read_object(&path)? else {
            return Ok(None);
        };
        let text = |key: &str| self.string(&path, &object, key, key);
        if text("type")?.as_deref() == Some("cvm-role") {
            return Ok(Some(Stored::CvmRole));
        }
        let keys = match (text("secretId")?, text("secretKey")?) {
            (Some(id), Some(key)) => Credentials::new(id, key),
            (id, _) => {
                let missing = if id.is_none() {
                    "secretId"
                } else {
                    "secretKey"
                };
                return Err(self.error(&path, format!("`{missing}` is missing or empty")));
            }
        };
        let keys = match text("token")? {
            Some(token) => keys.with_token(token),
            None => keys,
        };
        let keys = self.expiring(&path, &object, keys)?;
        Ok(Some(match text("role-arn")? {
            Some(role_arn) => Stored::Role {
                keys,
                role_arn,
                session_name: text("role-session-name")?,
            },
            None => Stored::Keys(keys),
        }))
    }

    /// Temporary keys tccli keeps fresh (`expiresAt`, Unix seconds): an error once expired.
    fn expiring(
        &self,
        path: &std::path::Path,
        object: &Map<String, Value>,
        keys: Credentials,
    ) -> Result<Credentials, CredentialsError> {
        let Some(at) = object.get("expiresAt").filter(|v| !v.is_null()) else {
            return Ok(keys);
        };
        let Some(seconds) = at.as_u64() else {
            return Err(self.error(path, "`expiresAt` is not a number of seconds".into()));
        };
        let expires_at = UNIX_EPOCH + Duration::from_secs(seconds);
        if expires_at <= SystemTime::now() {
            let refresh = format!(
                "run a tccli command with `--profile {}` to refresh them",
                self.profile.name
            );
            return Err(self.error(
                path,
                format!("its temporary keys expired (expiresAt {seconds}); {refresh}"),
            ));
        }
        Ok(keys.expiring_at(expires_at))
    }

    /// The JSON object of a profile file; `None` when the file does not exist.
    fn read_object(
        &self,
        path: &std::path::Path,
    ) -> Result<Option<Map<String, Value>>, CredentialsError> {
        if !self.profile.is_file_name() {
            return Err(self.error(path, "the profile's name is not a file name".into()));
        }
        let Ok(metadata) = std::fs::metadata(path) else {
            return Ok(None);
        };
        if metadata.len() > MAX_FILE {
            return Err(self.error(path, format!("the file is larger than {MAX_FILE} bytes")));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| self.error(path, format!("it cannot be read: {}", e.kind())))?;
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(object)) => Ok(Some(object)),
            Ok(_) => Err(self.error(path, "it is not a JSON object".into())),
            // The message names the place only: serde's would quote the text around it.
            Err(e) => Err(self.error(
                path,
                format!("line {}, column {}: not JSON", e.line(), e.column()),
            )),
        }
    }

    /// A string member (`None` when absent, null or empty); any other type is an error.
    fn string(
        &self,
        path: &std::path::Path,
        object: &Map<String, Value>,
        key: &str,
        shown: &str,
    ) -> Result<Option<String>, CredentialsError> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(_) => Err(self.error(path, format!("`{shown}` is not a string"))),
        }
    }

    fn error(&self, path: &std::path::Path, problem: String) -> CredentialsError {
        CredentialsError::Profile {
            profile: self.profile.name.clone(),
            path: path.display().to_string(),
            problem,
        }
    }
}

/// An endpoint as tccli keeps it (a host, or a URL) as a base URL.
fn base_url(endpoint: &str) -> String {
    let endpoint = endpoint.trim_end_matches('/');
    if endpoint.starts_with("http://") || endpoint.starts_with("https://") {
        format!("{endpoint}/")
    } else {
        format!("https://{endpoint}/")
    }
}

/// The tccli profile as a source: its keys, its role assumed with them, or the instance
/// role it names; no `.credential`, no keys from here.
#[derive(Debug, Clone)]
pub struct TccliProvider {
    profile: Option<TccliProfile>,
    cvm_role: CvmRoleProvider,
    /// How a role's keys are fetched from STS.
    connection: TransportSettings,
}

impl TccliProvider {
    /// The profile `explicit` names, else the environment's (see [`ProfileName`]).
    pub fn new(env: &SharedEnv, explicit: Option<&str>, cvm_role: CvmRoleProvider) -> Self {
        TccliProvider {
            profile: TccliProfile::chosen(&**env, explicit),
            cvm_role,
            connection: TransportSettings::default(),
        }
    }

    /// A role's keys fetched from STS as the client connects.
    pub(crate) fn connected(mut self, connection: TransportSettings) -> Self {
        self.connection = connection;
        self
    }

    /// The credential file read, for messages.
    pub(crate) fn credential_path(&self) -> Option<PathBuf> {
        self.profile.as_ref().map(TccliProfile::credential_path)
    }
}

impl ProvideCredentials for TccliProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move {
            let Some(profile) = &self.profile else {
                return Ok(Provided::NotHere);
            };
            match profile.stored()? {
                None => Ok(Provided::NotHere),
                Some(Stored::Keys(keys)) => Ok(Provided::Found(keys)),
                Some(Stored::CvmRole) => match self.cvm_role.provide().await? {
                    Provided::NotHere => Err(profile.error(
                        &profile.credential_path(),
                        "its type is `cvm-role`, but no instance role answers here".into(),
                    )),
                    found => Ok(found),
                },
                Some(Stored::Role {
                    keys,
                    role_arn,
                    session_name,
                }) => {
                    let sts = profile.configuration("sts")?.and_then(|c| c.sts_endpoint);
                    let mut role =
                        AssumeRoleProvider::new(keys, role_arn).connected(self.connection.clone());
                    if let Some(name) = session_name {
                        role = role.session_name(name);
                    }
                    if let Some(url) = sts {
                        role = role.endpoint_url(url);
                    }
                    role.provide().await
                }
            }
        })
    }
}
