//! An endpoint as the transport uses it: the base URL requests go to and the host the
//! signature covers; the primary endpoint from the settings, the backup as the Go SDK
//! builds it.

use super::settings::{BuildError, Endpoint};
use crate::contract::spec::ServiceSpec;
use std::sync::Arc;

/// One endpoint: its base URL and the host the signature covers.
#[derive(Debug, Clone)]
pub struct Target {
    pub(crate) base_url: Arc<str>,
    pub(crate) host: String,
}

impl Target {
    pub(crate) fn new(base_url: String) -> Result<Target, BuildError> {
        let host = host_of(&base_url).ok_or_else(|| BuildError::BadEndpoint(base_url.clone()))?;
        Ok(Target {
            base_url: base_url.into(),
            host,
        })
    }

    /// The endpoint of `endpoint` for `spec` in `region`.
    pub(crate) fn of(
        spec: &ServiceSpec,
        endpoint: &Endpoint,
        region: Option<&str>,
    ) -> Result<Target, BuildError> {
        let base_url = match endpoint {
            Endpoint::Default => format!("https://{}/", spec.default_host),
            Endpoint::Domestic => format!("https://{}.tencentcloudapi.com/", spec.name),
            Endpoint::Regional => {
                let region = region.ok_or(BuildError::RegionRequired)?;
                format!("https://{}.{region}.tencentcloudapi.com/", spec.name)
            }
            Endpoint::Url(url) => url.clone(),
        };
        Target::new(base_url)
    }

    /// The backup endpoint as the Go SDK builds it: a URL as it is, a host that starts
    /// with the service's name as it is, any other host prefixed with it.
    pub(crate) fn backup(spec: &ServiceSpec, endpoint: &str) -> Result<Target, BuildError> {
        let endpoint = endpoint.trim().trim_end_matches('/');
        let url = if endpoint.starts_with("http://") || endpoint.starts_with("https://") {
            format!("{endpoint}/")
        } else if endpoint.starts_with(&format!("{}.", spec.name)) {
            format!("https://{endpoint}/")
        } else {
            format!("https://{}.{endpoint}/", spec.name)
        };
        Target::new(url)
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    (!host.is_empty()).then(|| host.to_string())
}
