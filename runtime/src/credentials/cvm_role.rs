//! The CVM instance role: the metadata service names the role bound to this instance,
//! then gives its temporary keys (`TmpSecretId`, `TmpSecretKey`, `Token`, `ExpiredTime`).
//! Off a CVM, or with no role bound, this source does not apply. The metadata service is
//! asked with the default HTTP client's stack (feature `default-client`): without it, the
//! source applies only where a role is named, to say it cannot be fetched.

use super::keys::{CredentialsError, ProvideCredentials, Provided, TemporaryKeys};
use futures_util::future::BoxFuture;
use serde::Deserialize;
use std::time::SystemTime;

/// The metadata service of every CVM.
pub const METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";
const ROLES_PATH: &str = "/latest/meta-data/cam/security-credentials/";
const SOURCE: &str = "the CVM instance role";

#[derive(Debug, Clone)]
pub struct CvmRoleProvider {
    endpoint: String,
    role: Option<String>,
    #[cfg(feature = "default-client")]
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct RoleKeys {
    #[serde(flatten)]
    keys: TemporaryKeys,
    #[serde(rename = "ExpiredTime")]
    expired_time: i64,
    #[serde(rename = "Code")]
    code: String,
}

impl CvmRoleProvider {
    /// This instance's metadata service, and whatever role is bound.
    pub fn new() -> Self {
        CvmRoleProvider::with_endpoint(METADATA_ENDPOINT)
    }

    /// Another metadata service (`http://127.0.0.1:8080`), for tests and proxies.
    pub fn with_endpoint(endpoint: impl Into<String>) -> Self {
        CvmRoleProvider {
            endpoint: endpoint.into().trim_end_matches('/').to_string(),
            role: None,
            #[cfg(feature = "default-client")]
            http: metadata::client(),
        }
    }

    /// A role by name, instead of the one the metadata service lists.
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// The body of a GET, `None` when the service is not there (off a CVM) or has no such
    /// path (no role bound).
    #[cfg(feature = "default-client")]
    async fn get(&self, path: &str) -> Result<Option<Vec<u8>>, CredentialsError> {
        metadata::get(&self.http, &format!("{}{path}", self.endpoint)).await
    }

    /// Without an HTTP stack the service cannot be asked: as off a CVM, unless a role is
    /// named, whose keys cannot be had.
    #[cfg(not(feature = "default-client"))]
    async fn get(&self, _path: &str) -> Result<Option<Vec<u8>>, CredentialsError> {
        match &self.role {
            None => Ok(None),
            Some(role) => Err(CredentialsError::source(
                SOURCE,
                format!(
                    "the keys of role `{role}` are fetched from {} with the \
                     `default-client` feature",
                    self.endpoint
                ),
            )),
        }
    }
}

impl Default for CvmRoleProvider {
    fn default() -> Self {
        CvmRoleProvider::new()
    }
}

/// A role name as the metadata service lists it: one path segment.
fn role_name(listing: &[u8]) -> Result<String, CredentialsError> {
    let text = String::from_utf8_lossy(listing);
    let name = text.lines().next().unwrap_or_default().trim();
    if name.is_empty()
        || name.contains('/')
        || name.contains("..")
        || name.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(CredentialsError::source(
            SOURCE,
            "the metadata service lists no usable role name",
        ));
    }
    Ok(name.to_string())
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move {
            let role = match &self.role {
                Some(role) => role.clone(),
                None => match self.get(ROLES_PATH).await? {
                    Some(listing) => role_name(&listing)?,
                    None => return Ok(Provided::NotHere),
                },
            };
            let Some(body) = self.get(&format!("{ROLES_PATH}{role}")).await? else {
                return Err(CredentialsError::source(
                    SOURCE,
                    format!("no keys for role `{role}`"),
                ));
            };
            let keys: RoleKeys = serde_json::from_slice(&body).map_err(|e| {
                CredentialsError::source(
                    SOURCE,
                    format!("the keys of role `{role}` do not parse: {e}"),
                )
            })?;
            if keys.code != "Success" {
                return Err(CredentialsError::source(
                    SOURCE,
                    format!(
                        "the metadata service answered code `{}` for role `{role}`",
                        keys.code
                    ),
                ));
            }
            let credentials = keys.keys.expiring(keys.expired_time);
            if credentials
                .expires_at
                .is_some_and(|at| at <= SystemTime::now())
            {
                return Err(CredentialsError::source(
                    SOURCE,
                    format!("the keys of role `{role}` have already expired"),
                ));
            }
            Ok(Provided::Found(credentials))
        })
    }
}

/// The metadata service over the default client's stack.
#[cfg(feature = "default-client")]
mod metadata {
    use crate::capped_body::{read_capped, Unread};
    use crate::credentials::cvm_role::SOURCE;
    use crate::credentials::keys::CredentialsError;
    use std::time::Duration;

    /// The metadata service answers in milliseconds; off a CVM, give up quickly.
    const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
    const TIMEOUT: Duration = Duration::from_secs(3);
    /// A role name or a key document is small; a larger answer is not the metadata service.
    const MAX_ANSWER: usize = 64 * 1024;

    /// Never through a proxy, never redirected: the keys come from this host only. It is
    /// plain HTTP: no store of roots is read.
    pub(super) fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .tls_built_in_root_certs(false)
            .build()
            .unwrap_or_default()
    }

    /// The body at `url`, `None` when nothing answers or the answer is not a success.
    pub(super) async fn get(
        http: &reqwest::Client,
        url: &str,
    ) -> Result<Option<Vec<u8>>, CredentialsError> {
        let Ok(response) = http.get(url).send().await else {
            return Ok(None);
        };
        if !response.status().is_success() {
            return Ok(None);
        }
        match read_capped(response, MAX_ANSWER).await {
            Ok(body) => Ok(Some(body)),
            Err(Unread::TooLarge) => Err(CredentialsError::source(
                SOURCE,
                format!("the metadata answer is larger than {MAX_ANSWER} bytes"),
            )),
            Err(Unread::Transport(e)) => Err(CredentialsError::source(
                SOURCE,
                format!("reading the metadata answer: {e}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_one_path_segment() {
        assert_eq!(role_name(b"CVM_QcsRole\n").unwrap(), "CVM_QcsRole");
        for bad in [&b""[..], b"../../x", b"a/b", b"a b"] {
            assert!(role_name(bad).is_err(), "{bad:?}");
        }
    }

    #[tokio::test]
    async fn off_a_cvm_the_role_does_not_apply() {
        // Port 9 on loopback: nothing listens, the connection is refused at once.
        let provider = CvmRoleProvider::with_endpoint("http://127.0.0.1:9");
        assert!(matches!(provider.provide().await, Ok(Provided::NotHere)));
    }
}
