//! Temporary keys from STS: assuming a role with other keys (`AssumeRole`), or with a web
//! identity token, as pods on TKE do (`AssumeRoleWithWebIdentity`, configured by
//! `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`).

use super::cache::CachedCredentials;
use super::env::EnvLookup;
use super::keys::{Credentials, CredentialsError, ProvideCredentials, Provided, TemporaryKeys};
use crate::answer::typed_response;
use crate::contract::error::SdkError;
use crate::contract::spec::{ActionSpec, ServiceSpec};
use crate::contract::wire::AnyCode;
use crate::transport::{Endpoint, Transport, TransportSettings};
use futures_util::future::BoxFuture;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const STS: ServiceSpec = ServiceSpec {
    name: "sts",
    version: "2018-08-13",
    default_host: "sts.tencentcloudapi.com",
    sdk_version: env!("CARGO_PKG_VERSION"),
};
/// The region the official SDKs ask STS in.
const DEFAULT_REGION: &str = "ap-guangzhou";
/// How long assumed keys live, as the official SDKs ask (STS allows up to 12 hours).
pub const DEFAULT_DURATION: Duration = Duration::from_secs(7200);
const MAX_DURATION: Duration = Duration::from_secs(43_200);
const SESSION_PREFIX: &str = "tencentcloud-rust-sdk-";

/// Where and how to reach STS.
#[derive(Debug, Clone)]
struct StsTarget {
    endpoint: Option<String>,
    region: String,
    duration: Duration,
    session_name: String,
    /// How STS is reached: the client's connection when a client's chain made this
    /// provider, else the defaults.
    connection: TransportSettings,
}

impl StsTarget {
    fn new() -> Self {
        let micros = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_micros());
        StsTarget {
            endpoint: None,
            region: DEFAULT_REGION.to_string(),
            duration: DEFAULT_DURATION,
            session_name: format!("{SESSION_PREFIX}{micros}"),
            connection: TransportSettings::default(),
        }
    }

    /// One signed (with `base`'s keys) or unsigned request to STS; the assumed keys.
    async fn assume<R: Serialize>(
        &self,
        action: &'static str,
        request: &R,
        base: Option<&dyn ProvideCredentials>,
        source: &'static str,
    ) -> Result<Credentials, CredentialsError> {
        let failed = |message: String| CredentialsError::source(source, message);
        let settings = TransportSettings {
            endpoint: self
                .endpoint
                .clone()
                .map_or(Endpoint::Default, Endpoint::Url),
            region: Some(self.region.clone()),
            ..self.connection.clone()
        };
        let transport = Transport::new(STS, settings).map_err(|e| failed(e.to_string()))?;
        let keys = match base.map(|b| b.provide()) {
            Some(provided) => match provided.await.map_err(|e| failed(e.to_string()))? {
                Provided::Found(keys) => Some(keys),
                Provided::NotHere => return Err(failed("no keys to assume the role with".into())),
            },
            None => None,
        };
        let body = serde_json::to_vec(request).map_err(|e| failed(e.to_string()))?;
        let (status, answer) = transport
            .attempt(&ActionSpec::non_idempotent(action), body, keys.as_ref())
            .await
            .map_err(|(e, _)| failed(e.to_string()))?;
        let assumed: Assumed = typed_response::<_, AnyCode>(status, &answer)
            .map_err(|e: SdkError<AnyCode>| failed(e.to_string()))?;
        Ok(assumed.into_credentials())
    }

    fn duration_seconds(&self) -> Result<u64, CredentialsError> {
        if self.duration.is_zero() || self.duration > MAX_DURATION {
            return Err(CredentialsError::source(
                "STS",
                format!(
                    "the duration must be within 1 s and {} s",
                    MAX_DURATION.as_secs()
                ),
            ));
        }
        Ok(self.duration.as_secs())
    }
}

#[derive(Serialize)]
struct AssumeRole<'a> {
    #[serde(rename = "RoleArn")]
    role_arn: &'a str,
    #[serde(rename = "RoleSessionName")]
    role_session_name: &'a str,
    #[serde(rename = "DurationSeconds")]
    duration_seconds: u64,
}

#[derive(Serialize)]
struct AssumeRoleWithWebIdentity<'a> {
    #[serde(rename = "ProviderId")]
    provider_id: &'a str,
    #[serde(rename = "WebIdentityToken")]
    web_identity_token: &'a str,
    #[serde(rename = "RoleArn")]
    role_arn: &'a str,
    #[serde(rename = "RoleSessionName")]
    role_session_name: &'a str,
    #[serde(rename = "DurationSeconds")]
    duration_seconds: u64,
}

/// What both actions answer.
#[derive(Deserialize)]
struct Assumed {
    #[serde(rename = "Credentials")]
    credentials: TemporaryKeys,
    #[serde(rename = "ExpiredTime")]
    expired_time: i64,
}

impl Assumed {
    fn into_credentials(self) -> Credentials {
        self.credentials.expiring(self.expired_time)
    }
}

/// Keys of a role, assumed with other keys (`AssumeRole`).
#[derive(Debug, Clone)]
pub struct AssumeRoleProvider {
    base: Arc<dyn ProvideCredentials>,
    role_arn: String,
    target: StsTarget,
}

impl AssumeRoleProvider {
    /// Assumes `role_arn` (`qcs::cam::uin/100000000001:roleName/Ops`) with the keys of `base`.
    pub fn new(base: impl ProvideCredentials + 'static, role_arn: impl Into<String>) -> Self {
        let base: Arc<dyn ProvideCredentials> = Arc::new(CachedCredentials::new(Arc::new(base)));
        AssumeRoleProvider {
            base,
            role_arn: role_arn.into(),
            target: StsTarget::new(),
        }
    }

    /// Another STS endpoint (`http://127.0.0.1:9000/`), for tests.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.target.endpoint = Some(url.into());
        self
    }

    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.target.region = region.into();
        self
    }

    /// How long the assumed keys live (default two hours, at most twelve).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.target.duration = duration;
        self
    }

    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.target.session_name = name.into();
        self
    }

    /// Reaches STS as a client does: its proxies, roots, timeouts and HTTP client.
    pub(crate) fn connected(mut self, connection: TransportSettings) -> Self {
        self.target.connection = connection;
        self
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move {
            let request = AssumeRole {
                role_arn: &self.role_arn,
                role_session_name: &self.target.session_name,
                duration_seconds: self.target.duration_seconds()?,
            };
            let base = Some(self.base.as_ref());
            let keys = self
                .target
                .assume("AssumeRole", &request, base, "STS AssumeRole")
                .await?;
            Ok(Provided::Found(keys))
        })
    }
}

/// Keys of a role, assumed with a web identity token (the TKE OIDC provider). The token
/// file is read again at each refresh: the cluster rotates it.
#[derive(Debug, Clone)]
pub struct WebIdentityProvider {
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    target: StsTarget,
}

impl WebIdentityProvider {
    pub fn new(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> Self {
        let mut target = StsTarget::new();
        target.region = region.into();
        WebIdentityProvider {
            provider_id: provider_id.into(),
            token_file: token_file.into(),
            role_arn: role_arn.into(),
            target,
        }
    }

    /// From `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE` and `TKE_ROLE_ARN`;
    /// an error names the first one missing.
    pub fn from_tke_env(env: EnvLookup<'_>) -> Result<Self, CredentialsError> {
        let var = |name: &'static str| {
            env(name).ok_or_else(|| {
                CredentialsError::source("the TKE OIDC provider", format!("{name} is not set"))
            })
        };
        Ok(WebIdentityProvider::new(
            var("TKE_REGION")?,
            var("TKE_PROVIDER_ID")?,
            var("TKE_WEB_IDENTITY_TOKEN_FILE")?,
            var("TKE_ROLE_ARN")?,
        ))
    }

    /// Another STS endpoint (`http://127.0.0.1:9000/`), for tests.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.target.endpoint = Some(url.into());
        self
    }

    pub fn duration(mut self, duration: Duration) -> Self {
        self.target.duration = duration;
        self
    }
}

/// A web identity token is a JWT of a few kilobytes; a larger file is not one.
const MAX_TOKEN_FILE: u64 = 64 * 1024;

impl ProvideCredentials for WebIdentityProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move {
            const SOURCE: &str = "STS AssumeRoleWithWebIdentity";
            let path = self.token_file.display();
            let size = std::fs::metadata(&self.token_file)
                .map_err(|e| {
                    CredentialsError::source(SOURCE, format!("the token file {path}: {e}"))
                })?
                .len();
            if size > MAX_TOKEN_FILE {
                return Err(CredentialsError::source(
                    SOURCE,
                    format!("the token file {path} is larger than {MAX_TOKEN_FILE} bytes"),
                ));
            }
            let token = std::fs::read_to_string(&self.token_file).map_err(|e| {
                CredentialsError::source(SOURCE, format!("the token file {path}: {e}"))
            })?;
            let request = AssumeRoleWithWebIdentity {
                provider_id: &self.provider_id,
                web_identity_token: token.trim(),
                role_arn: &self.role_arn,
                role_session_name: &self.target.session_name,
                duration_seconds: self.target.duration_seconds()?,
            };
            // Unsigned: the token is the proof, as in the official SDKs.
            let action = "AssumeRoleWithWebIdentity";
            let keys = self.target.assume(action, &request, None, SOURCE).await?;
            Ok(Provided::Found(keys))
        })
    }
}
