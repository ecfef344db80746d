//! One attempt's request, signed: the client's own headers, the custom ones, and the TC3
//! `Authorization` over what is signed, with the day's signing key kept between requests.

use super::settings::{BuildError, TransportSettings};
use super::target::Target;
use crate::contract::spec::{ActionSpec, ServiceSpec};
use crate::credentials::keys::Credentials;
use crate::headers::{
    request_client, X_TC_ACTION, X_TC_LANGUAGE, X_TC_REGION, X_TC_REQUEST_CLIENT, X_TC_TIMESTAMP,
    X_TC_TOKEN, X_TC_VERSION,
};
use crate::http_client::exchange::HttpRequest;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue};
use std::sync::{Arc, Mutex};
use tencentcloud_signing::{
    authorization_header_from, timestamp_text, utc_date, CanonicalHead, SignedHeaders,
    SigningInput, SigningKey,
};

const JSON: &str = "application/json";

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
    /// The headers every request carries as they are (content type, version, region,
    /// language, request client), each request's map starting as a copy.
    fixed: HeaderMap,
    /// What signing the next request can start from.
    kept: Mutex<Kept>,
}

/// What a signer keeps between requests, both found again for most requests.
#[derive(Debug, Default)]
struct Kept {
    /// The day's derived signing key, for the credentials (the secret id) in use.
    key: Option<(String, Arc<SigningKey>)>,
    /// The canonical heads of the actions signed without custom headers, each with its
    /// host: a client that alternates actions (RunCommand, then polling
    /// DescribeInvocationTasks) finds each of them.
    heads: Vec<KeptHead>,
}

/// Canonical heads kept at most: more than a service's actions (TAT has 29), and a bound
/// on a client that calls actions by name.
const HEADS_KEPT: usize = 64;

/// One action's canonical head to one host.
#[derive(Debug)]
struct KeptHead {
    action: String,
    host: String,
    head: CanonicalHead,
}

/// A text the client sends as a header value.
fn value(what: &str, text: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(text).map_err(|_| format!("the {what} {text:?} is not visible ASCII"))
}

/// [`value`] of a text that lives as long as the program, without copying it.
fn static_value(what: &str, text: &'static str) -> Result<HeaderValue, String> {
    match text
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        true => Ok(HeaderValue::from_static(text)),
        false => value(what, text),
    }
}

impl Signer {
    pub(crate) fn new(spec: ServiceSpec, settings: &TransportSettings) -> Result<Self, BuildError> {
        let header = |what: &str, text: &str| value(what, text).map_err(BuildError::Http);
        let optional = |what: &str, text: &Option<String>| {
            text.as_deref().map(|t| header(what, t)).transpose()
        };
        let mut fixed = HeaderMap::with_capacity(12);
        // Places for the values each request sets, so a copy is replaced into, not grown.
        for per_request in [AUTHORIZATION, X_TC_ACTION, X_TC_TIMESTAMP] {
            fixed.insert(per_request, HeaderValue::from_static(""));
        }
        fixed.insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
        let version = static_value("API version", spec.version).map_err(BuildError::Http)?;
        fixed.insert(X_TC_VERSION, version);
        if let Some(region) = optional("region", &settings.region)? {
            fixed.insert(X_TC_REGION, region);
        }
        if let Some(language) = optional("language", &settings.language)? {
            fixed.insert(X_TC_LANGUAGE, language);
        }
        let client = request_client(spec.sdk_version, settings.request_client.as_deref())?;
        fixed.insert(X_TC_REQUEST_CLIENT, client);
        Ok(Signer {
            spec,
            signed_headers: settings.signed_headers,
            fixed,
            kept: Mutex::new(Kept::default()),
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
                let (key, head) = self.kept_for(&input, &extra);
                let signature = authorization_header_from(&input, &key, head);
                let mut signed = HeaderValue::try_from(signature)
                    .map_err(|_| "the signature is not visible ASCII".to_string())?;
                signed.set_sensitive(true);
                signed
            }
            None => HeaderValue::from_static("SKIP"),
        };
        let mut headers = self.fixed.clone();
        headers.insert(AUTHORIZATION, authorization);
        headers.insert(X_TC_ACTION, static_value("action name", action.name)?);
        let (digits, len) = timestamp_text(timestamp);
        let stamp = HeaderValue::from_bytes(&digits[..len]).map_err(|e| e.to_string())?;
        headers.insert(X_TC_TIMESTAMP, stamp);
        if let Some(region) = region {
            headers.insert(X_TC_REGION, value("region", region)?);
        }
        if let Some(token) = credentials.and_then(|c| c.token.as_ref()) {
            let mut token = value("token", token.expose())
                .map_err(|_| "the token is not visible ASCII".to_string())?;
            token.set_sensitive(true);
            headers.insert(X_TC_TOKEN, token);
        }
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

    /// The kept signing key when it is for this day and secret, else a fresh one (kept);
    /// the kept canonical head of this action to this host when no custom header is
    /// signed, else a fresh one (kept when no custom header is signed).
    fn kept_for(
        &self,
        input: &SigningInput<'_>,
        extra: &[(&str, &str)],
    ) -> (Arc<SigningKey>, CanonicalHead) {
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let key = match &kept.key {
            Some((secret_id, key))
                if secret_id == input.secret_id && key.is_for(input.timestamp, input.service) =>
            {
                key.clone()
            }
            _ => {
                let date = utc_date(input.timestamp);
                let key = Arc::new(SigningKey::derive(input.secret_key, &date, input.service));
                kept.key = Some((input.secret_id.to_string(), key.clone()));
                key
            }
        };
        if !extra.is_empty() {
            // Custom headers' values change from call to call: hashed afresh, and not
            // while other calls wait for what is kept.
            drop(kept);
            return (key, CanonicalHead::new(input, extra));
        }
        let found = kept
            .heads
            .iter()
            .find(|kept| kept.action == input.action && kept.host == input.host);
        let head = match found {
            Some(kept) => kept.head.clone(),
            None => {
                let head = CanonicalHead::new(input, &[]);
                if kept.heads.len() == HEADS_KEPT {
                    kept.heads.remove(0);
                }
                kept.heads.push(KeptHead {
                    action: input.action.to_string(),
                    host: input.host.to_string(),
                    head: head.clone(),
                });
                head
            }
        };
        (key, head)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::spec::TEST_SPEC;
    use tencentcloud_signing::authorization_header_with;

    fn authorization(request: &HttpRequest) -> &str {
        request.header("authorization").unwrap_or_default()
    }

    /// A signer of TAT's, its endpoint, keys, and no custom header.
    fn bed() -> (Signer, Target, Credentials, HeaderMap) {
        (
            Signer::new(TEST_SPEC, &TransportSettings::default()).unwrap(),
            Target::new("https://tat.tencentcloudapi.com/".into()).unwrap(),
            Credentials::new("AKIDEXAMPLE", "secret"),
            HeaderMap::new(),
        )
    }

    #[test]
    fn alternating_actions_each_sign_from_their_own_kept_head() {
        let (signer, target, credentials, custom) = bed();
        let actions = [
            ActionSpec::idempotent("RunCommand"),
            ActionSpec::idempotent("DescribeInvocationTasks"),
        ];
        for (call, action) in actions.iter().cycle().take(6).enumerate() {
            let body = format!("{{\"Call\":{call}}}").into_bytes();
            let timestamp = 1_551_113_065 + call as i64;
            let out = Outgoing {
                target: &target,
                action,
                credentials: Some(&credentials),
                timestamp,
                custom: &custom,
                region: None,
            };
            let request = signer.request(out, body.clone()).unwrap();
            let input = signer.input(&target, action, &body, &credentials, timestamp);
            let key = SigningKey::derive("secret", "2019-02-25", "tat");
            assert_eq!(
                authorization(&request),
                authorization_header_with(&input, &key, &[]),
                "call {call}, {}",
                action.name
            );
        }
        let kept = signer.kept.lock().unwrap();
        let heads: Vec<&str> = kept.heads.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(heads, ["RunCommand", "DescribeInvocationTasks"]);
    }

    #[test]
    fn kept_heads_are_bounded() {
        let (signer, target, credentials, custom) = bed();
        let names: Vec<&'static str> = (0..HEADS_KEPT + 3)
            .map(|i| &*Box::leak(format!("Action{i}").into_boxed_str()))
            .collect();
        for name in &names {
            let out = Outgoing {
                target: &target,
                action: &ActionSpec::idempotent(name),
                credentials: Some(&credentials),
                timestamp: 1_551_113_065,
                custom: &custom,
                region: None,
            };
            signer.request(out, b"{}".to_vec()).unwrap();
        }
        let kept = signer.kept.lock().unwrap();
        assert_eq!(kept.heads.len(), HEADS_KEPT);
        assert_eq!(kept.heads[0].action, "Action3", "the oldest went first");
    }
}
