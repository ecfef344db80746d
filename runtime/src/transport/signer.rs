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
use http::{HeaderMap, HeaderName, HeaderValue};
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
    /// True when the [`Place`]s lead `fixed`, in their order.
    places_lead: bool,
    /// What signing the next request can start from.
    kept: Mutex<Kept>,
}

/// What a signer keeps between requests, all found again for most requests.
#[derive(Debug, Default)]
struct Kept {
    /// The day's derived signing key, for the credentials (the secret id) in use.
    key: Option<(String, Arc<SigningKey>)>,
    /// The canonical heads of the actions signed without custom headers, each with its
    /// host: a client that alternates actions (RunCommand, then polling
    /// DescribeInvocationTasks) finds each of them.
    heads: Vec<KeptHead>,
    /// The last second signed and its `X-TC-Timestamp`: the calls of one second share it.
    stamp: Option<(i64, HeaderValue)>,
}

/// Canonical heads kept at most: more than a service's actions (TAT has 29), and a bound
/// on a client that calls actions by name.
const HEADS_KEPT: usize = 64;

/// One action's canonical head to one host, and its `X-TC-Action`.
#[derive(Debug)]
struct KeptHead {
    action: String,
    host: String,
    head: CanonicalHead,
    action_value: HeaderValue,
}

/// The places a request's copy of the fixed map holds for the values of that request;
/// each one's discriminant is its position at the head of the map.
#[derive(Debug, Clone, Copy)]
enum Place {
    Authorization,
    Action,
    Timestamp,
}

impl Place {
    const ALL: [Place; 3] = [Place::Authorization, Place::Action, Place::Timestamp];

    fn name(self) -> HeaderName {
        match self {
            Place::Authorization => AUTHORIZATION,
            Place::Action => X_TC_ACTION,
            Place::Timestamp => X_TC_TIMESTAMP,
        }
    }
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
        // Places for the values each request sets, first, so that a copy is filled in
        // place (`Signer::put`), not grown.
        for place in Place::ALL {
            fixed.insert(place.name(), HeaderValue::from_static(""));
        }
        let places_lead = fixed.keys().take(3).eq(Place::ALL.map(Place::name).iter());
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
            places_lead,
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
        let mut headers = self.fixed.clone();
        let authorization = match credentials {
            Some(credentials) => {
                let input = self.input(target, action, &body, credentials, timestamp);
                self.signature(&input, action.name, custom, &mut headers)?
            }
            None => {
                self.put(&mut headers, Place::Action, action_value(action.name)?);
                self.put(&mut headers, Place::Timestamp, timestamp_value(timestamp)?);
                HeaderValue::from_static("SKIP")
            }
        };
        self.put(&mut headers, Place::Authorization, authorization);
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

    /// `value` into its place in a copy of the fixed map: by position when the places lead
    /// the map (checked by [`Signer::new`]), else inserted. An insert hashes and probes,
    /// which was a sixth of the signer's own time.
    fn put(&self, headers: &mut HeaderMap, place: Place, value: HeaderValue) {
        if self.places_lead {
            if let Some(slot) = headers.values_mut().nth(place as usize) {
                *slot = value;
                return;
            }
        }
        headers.insert(place.name(), value);
    }

    /// The `Authorization` of a request with credentials; its action and timestamp put in
    /// their places, from what is kept when they can be.
    fn signature(
        &self,
        input: &SigningInput<'_>,
        action: &'static str,
        custom: &HeaderMap,
        headers: &mut HeaderMap,
    ) -> Result<HeaderValue, String> {
        let extra = signed_custom(custom);
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let key = kept.key_for(input);
        self.put(headers, Place::Timestamp, kept.stamp_for(input.timestamp)?);
        // Hashing starts once the lock is released: other calls need not wait for it.
        let head = if extra.is_empty() {
            let found = kept.head_for(input, action)?;
            self.put(headers, Place::Action, found.action_value.clone());
            let head = found.head.clone();
            drop(kept);
            head
        } else {
            // Custom headers' values change from call to call: hashed afresh, not kept.
            drop(kept);
            self.put(headers, Place::Action, action_value(action)?);
            CanonicalHead::new(input, &extra)
        };
        let mut authorization = HeaderValue::try_from(authorization_header_from(input, &key, head))
            .map_err(|_| "the signature is not visible ASCII".to_string())?;
        authorization.set_sensitive(true);
        Ok(authorization)
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
}

impl Kept {
    /// The kept key when it is for this day, service and secret, else a fresh one, kept.
    fn key_for(&mut self, input: &SigningInput<'_>) -> Arc<SigningKey> {
        if let Some((secret_id, key)) = &self.key {
            if secret_id == input.secret_id && key.is_for(input.timestamp, input.service) {
                return key.clone();
            }
        }
        let date = utc_date(input.timestamp);
        let key = Arc::new(SigningKey::derive(input.secret_key, &date, input.service));
        self.key = Some((input.secret_id.to_string(), key.clone()));
        key
    }

    /// The `X-TC-Timestamp` of this second: the kept one, or a fresh one, kept.
    fn stamp_for(&mut self, timestamp: i64) -> Result<HeaderValue, String> {
        if let Some((second, value)) = &self.stamp {
            if *second == timestamp {
                return Ok(value.clone());
            }
        }
        let value = timestamp_value(timestamp)?;
        self.stamp = Some((timestamp, value.clone()));
        Ok(value)
    }

    /// The kept canonical head and `X-TC-Action` of this action to this host, else fresh
    /// ones, kept (the oldest dropped beyond [`HEADS_KEPT`]). `action` is `input`'s.
    fn head_for(
        &mut self,
        input: &SigningInput<'_>,
        action: &'static str,
    ) -> Result<&KeptHead, String> {
        let found = self
            .heads
            .iter()
            .position(|kept| kept.action == input.action && kept.host == input.host);
        if let Some(at) = found {
            return Ok(&self.heads[at]);
        }
        let fresh = KeptHead {
            action: input.action.to_string(),
            host: input.host.to_string(),
            head: CanonicalHead::new(input, &[]),
            action_value: action_value(action)?,
        };
        if self.heads.len() == HEADS_KEPT {
            self.heads.remove(0);
        }
        self.heads.push(fresh);
        Ok(&self.heads[self.heads.len() - 1])
    }
}

/// `X-TC-Action`: the action's name, not copied.
fn action_value(name: &'static str) -> Result<HeaderValue, String> {
    static_value("action name", name)
}

/// `X-TC-Timestamp`: the decimal seconds.
fn timestamp_value(timestamp: i64) -> Result<HeaderValue, String> {
    let (digits, len) = timestamp_text(timestamp);
    HeaderValue::from_bytes(&digits[..len]).map_err(|e| e.to_string())
}

/// The custom headers as the signature takes them: names sorted, values as text (custom
/// values are checked visible ASCII when given).
fn signed_custom(custom: &HeaderMap) -> Vec<(&str, &str)> {
    if custom.is_empty() {
        return Vec::new();
    }
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
    fn each_request_carries_its_own_action_and_second() {
        let (signer, target, credentials, custom) = bed();
        let calls = [
            ("RunCommand", 1_551_113_065),
            ("DescribeInvocationTasks", 1_551_113_065),
            ("RunCommand", 1_551_113_066),
            ("RunCommand", 1_551_113_066),
        ];
        for (name, timestamp) in calls {
            let out = Outgoing {
                target: &target,
                action: &ActionSpec::idempotent(name),
                credentials: Some(&credentials),
                timestamp,
                custom: &custom,
                region: None,
            };
            let request = signer.request(out, b"{}".to_vec()).unwrap();
            assert_eq!(request.action(), Some(name));
            let stamp = timestamp.to_string();
            assert_eq!(request.header("x-tc-timestamp"), Some(stamp.as_str()));
            assert_eq!(
                request.headers.len(),
                signer.fixed.len(),
                "nothing added twice"
            );
        }
    }

    #[test]
    fn places_lead_the_fixed_map_and_a_map_without_them_gets_them_inserted() {
        let (mut signer, ..) = bed();
        assert!(signer.places_lead);
        let mut filled = signer.fixed.clone();
        let mut inserted = HeaderMap::new();
        inserted.insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
        for (map, lead) in [(&mut filled, true), (&mut inserted, false)] {
            signer.places_lead = lead;
            for (place, text) in Place::ALL
                .into_iter()
                .zip(["TC3 signed", "Run", "1551113065"])
            {
                signer.put(map, place, HeaderValue::from_static(text));
            }
        }
        for map in [&filled, &inserted] {
            assert_eq!(map["authorization"], "TC3 signed");
            assert_eq!(map["x-tc-action"], "Run");
            assert_eq!(map["x-tc-timestamp"], "1551113065");
            assert_eq!(map["content-type"], JSON);
        }
        assert_eq!(
            filled.len(),
            signer.fixed.len(),
            "filled in place, not grown"
        );
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
