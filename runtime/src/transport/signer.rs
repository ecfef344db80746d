//! One attempt's request, signed: the client's own headers, the custom ones, and the TC3
//! `Authorization` over what is signed, with the day's signing key kept between requests.

use super::settings::{BuildError, TransportSettings};
use super::target::Target;
use crate::contract::spec::{ActionSpec, ServiceSpec};
use crate::credentials::keys::Credentials;
use crate::headers::request_client;
use crate::http_client::exchange::HttpRequest;
use crate::signing::{
    authorization_header_with, utc_date, SignedHeaders, SigningInput, SigningKey,
};
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue};
use std::sync::{Arc, Mutex};

const JSON: &str = "application/json";
const X_TC_ACTION: HeaderName = HeaderName::from_static("x-tc-action");
const X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
const X_TC_VERSION: HeaderName = HeaderName::from_static("x-tc-version");
const X_TC_REGION: HeaderName = HeaderName::from_static("x-tc-region");
const X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
const X_TC_LANGUAGE: HeaderName = HeaderName::from_static("x-tc-language");
const X_TC_REQUEST_CLIENT: HeaderName = HeaderName::from_static("x-tc-requestclient");

/// Header values fixed for the client's life, made once.
#[derive(Debug)]
struct Fixed {
    version: HeaderValue,
    region: Option<HeaderValue>,
    language: Option<HeaderValue>,
    request_client: HeaderValue,
}

/// What one request is, besides its body.
pub(crate) struct Outgoing<'a> {
    pub target: &'a Target,
    pub action: &'a ActionSpec,
    /// Signed with these, else `Authorization: SKIP`.
    pub credentials: Option<&'a Credentials>,
    /// Unix seconds.
    pub timestamp: i64,
    /// Headers sent (and signed) besides the client's own.
    pub custom: &'a HeaderMap,
    /// The region, instead of the client's.
    pub region: Option<&'a str>,
}

/// Signs the requests of one service.
#[derive(Debug)]
pub(crate) struct Signer {
    spec: ServiceSpec,
    signed_headers: SignedHeaders,
    fixed: Fixed,
    /// The day's derived signing key, for the credentials in use.
    key: Mutex<Option<(String, Arc<SigningKey>)>>,
}

/// A text the client sends as a header value.
fn value(what: &str, text: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(text).map_err(|_| format!("the {what} {text:?} is not visible ASCII"))
}

impl Signer {
    pub(crate) fn new(spec: ServiceSpec, settings: &TransportSettings) -> Result<Self, BuildError> {
        let header = |what: &str, text: &str| value(what, text).map_err(BuildError::Http);
        let optional = |what: &str, text: &Option<String>| {
            text.as_deref().map(|t| header(what, t)).transpose()
        };
        let fixed = Fixed {
            version: header("API version", spec.version)?,
            region: optional("region", &settings.region)?,
            language: optional("language", &settings.language)?,
            request_client: request_client(spec.sdk_version, settings.request_client.as_deref())?,
        };
        Ok(Signer {
            spec,
            signed_headers: settings.signed_headers,
            fixed,
            key: Mutex::new(None),
        })
    }

    /// The request with every header: signed with its credentials (over its custom
    /// headers too), or `Authorization: SKIP`.
    pub(crate) fn request(&self, out: Outgoing<'_>, body: Vec<u8>) -> Result<HttpRequest, String> {
        let Outgoing {
            target,
            action,
            credentials,
            timestamp,
            custom,
            region,
        } = out;
        let authorization = match credentials {
            Some(credentials) => {
                let input = self.input(target, action, &body, credentials, timestamp);
                let extra = signed_custom(custom);
                let signature = authorization_header_with(&input, &self.key_for(&input), &extra);
                let mut signed = value("signature", &signature)?;
                signed.set_sensitive(true);
                signed
            }
            None => HeaderValue::from_static("SKIP"),
        };
        let mut headers = HeaderMap::with_capacity(9 + custom.len());
        headers.insert(AUTHORIZATION, authorization);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
        headers.insert(X_TC_ACTION, value("action name", action.name)?);
        headers.insert(X_TC_TIMESTAMP, HeaderValue::from(timestamp));
        headers.insert(X_TC_VERSION, self.fixed.version.clone());
        let region = match region {
            Some(region) => Some(value("region", region)?),
            None => self.fixed.region.clone(),
        };
        if let Some(region) = region {
            headers.insert(X_TC_REGION, region);
        }
        if let Some(token) = credentials.and_then(|c| c.token.as_ref()) {
            let mut token = value("token", token.expose())
                .map_err(|_| "the token is not visible ASCII".to_string())?;
            token.set_sensitive(true);
            headers.insert(X_TC_TOKEN, token);
        }
        if let Some(language) = &self.fixed.language {
            headers.insert(X_TC_LANGUAGE, language.clone());
        }
        headers.insert(X_TC_REQUEST_CLIENT, self.fixed.request_client.clone());
        for (name, value) in custom {
            headers.insert(name.clone(), value.clone());
        }
        Ok(HttpRequest::new(target.base_url.clone(), headers, body))
    }

    fn input<'a>(
        &'a self,
        target: &'a Target,
        action: &'a ActionSpec,
        body: &'a [u8],
        credentials: &'a Credentials,
        timestamp: i64,
    ) -> SigningInput<'a> {
        SigningInput {
            secret_id: &credentials.secret_id,
            secret_key: credentials.secret_key.expose(),
            service: self.spec.name,
            host: &target.host,
            content_type: JSON,
            payload: body,
            timestamp,
            action: action.name,
            signed_headers: self.signed_headers,
        }
    }

    /// The kept signing key when it is for this day and secret, else a fresh one.
    fn key_for(&self, input: &SigningInput<'_>) -> Arc<SigningKey> {
        let mut kept = self
            .key
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((secret_id, key)) = kept.as_ref() {
            if secret_id == input.secret_id && key.is_for(input.timestamp, input.service) {
                return key.clone();
            }
        }
        let date = utc_date(input.timestamp);
        let key = Arc::new(SigningKey::derive(input.secret_key, &date, input.service));
        *kept = Some((input.secret_id.to_string(), key.clone()));
        key
    }
}

/// The custom headers as the signature takes them: names sorted, values as text (custom
/// values are checked visible ASCII when given).
fn signed_custom(custom: &HeaderMap) -> Vec<(&str, &str)> {
    let mut extra: Vec<(&str, &str)> = custom
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or_default()))
        .collect();
    extra.sort_by(|a, b| a.0.cmp(b.0));
    extra
}
