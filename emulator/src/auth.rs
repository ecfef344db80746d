//! TC3-HMAC-SHA256 verification: the server side of `tencentcloud_signing`.
//! Any signed header set is accepted (content-type and host must be among them), as
//! the service does; the signature is recomputed from the request as received.

use crate::api_error::ApiError;
use crate::incoming::header;
use hyper::HeaderMap;
use std::collections::HashMap;
use tencentcloud_signing::{payload_hash, signature_of_canonical_request, utc_date, SigningKey};

/// The `X-TC-Content-SHA256` of a request whose body is not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// How far a request's `X-TC-Timestamp` may be from the emulator's clock (the API's five minutes).
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 300;

/// The account every key belongs to unless told otherwise.
pub const DEFAULT_ACCOUNT: &str = "default";

/// The keys the emulator knows, by SecretId, and the account each belongs to.
#[derive(Debug, Clone, Default)]
pub struct Keyring {
    keys: HashMap<String, KeyEntry>,
}

#[derive(Clone)]
pub(crate) struct KeyEntry {
    secret_key: String,
    token: Option<String>,
    account: String,
}

impl std::fmt::Debug for KeyEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyEntry { secret_key: \"***\", .. }")
    }
}

impl Keyring {
    pub fn insert(
        &mut self,
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
        token: Option<String>,
    ) {
        self.insert_for(secret_id, secret_key, token, DEFAULT_ACCOUNT);
    }

    /// A key of `account`: what its calls create belongs to that account.
    pub fn insert_for(
        &mut self,
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
        token: Option<String>,
        account: impl Into<String>,
    ) {
        let entry = KeyEntry {
            secret_key: secret_key.into(),
            token,
            account: account.into(),
        };
        self.keys.insert(secret_id.into(), entry);
    }

    /// The accounts the keys belong to, each once.
    pub fn accounts(&self) -> std::collections::BTreeSet<&str> {
        self.keys.values().map(|k| k.account.as_str()).collect()
    }

    /// The key of a SecretId, or the API's error for an unknown one.
    pub(crate) fn get(&self, secret_id: &str) -> Result<&KeyEntry, ApiError> {
        self.keys
            .get(secret_id)
            .ok_or_else(|| ApiError::new("AuthFailure.SecretIdNotFound", "The SecretId is not found; check that the key exists and is entered without spaces."))
    }
}

impl KeyEntry {
    pub(crate) fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// Who calls with this key.
    pub(crate) fn caller(&self, secret_id: &str) -> Caller {
        Caller {
            secret_id: secret_id.to_string(),
            account: self.account.clone(),
        }
    }

    /// A temporary key's requests must carry its token.
    pub(crate) fn check_token(&self, sent: Option<&str>) -> Result<(), ApiError> {
        match &self.token {
            Some(token) if sent != Some(token.as_str()) => Err(ApiError::new(
                "AuthFailure.TokenFailure",
                "The token of this temporary key is missing or wrong.",
            )),
            _ => Ok(()),
        }
    }
}

/// The API's five minutes between a request's timestamp and the server's clock.
pub(crate) fn check_clock(timestamp: i64, now: i64) -> Result<(), ApiError> {
    // `abs_diff`: a timestamp near i64::MIN must not wrap into the window.
    if now.abs_diff(timestamp) > MAX_CLOCK_SKEW_SECONDS.unsigned_abs() {
        return Err(ApiError::new(
            "AuthFailure.SignatureExpire",
            format!("Signature expired: the request timestamp {timestamp} and server time {now} differ by more than five minutes."),
        ));
    }
    Ok(())
}

/// Who signed the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub secret_id: String,
    /// The account the key belongs to (`--key ID:KEY@ACCOUNT`).
    pub account: String,
}

struct Authorization<'a> {
    secret_id: &'a str,
    date: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix("TC3-HMAC-SHA256 ")?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k {
            "Credential" => credential = Some(v),
            "SignedHeaders" => signed_headers = Some(v),
            "Signature" => signature = Some(v),
            _ => return None,
        }
    }
    let mut scope = credential?.split('/');
    let (secret_id, date, service, terminator) =
        (scope.next()?, scope.next()?, scope.next()?, scope.next()?);
    if terminator != "tc3_request" || scope.next().is_some() {
        return None;
    }
    Some(Authorization {
        secret_id,
        date,
        service,
        signed_headers: signed_headers?,
        signature: signature?,
    })
}

fn signature_failure(detail: &str) -> ApiError {
    ApiError::new(
        "AuthFailure.SignatureFailure",
        format!("The provided credentials could not be validated: {detail}."),
    )
}

/// What the headers alone can show about a TC3 request (the Authorization format, the
/// timestamp, a known SecretId): checked before the body is read, so a request that will
/// be refused costs no body.
pub fn check_headers(keyring: &Keyring, headers: &HeaderMap, now: i64) -> Result<(), ApiError> {
    tc3_headers(keyring, headers, now).map(|_| ())
}

/// The parsed Authorization, its timestamp and key.
fn tc3_headers<'a>(
    keyring: &'a Keyring,
    headers: &'a HeaderMap,
    now: i64,
) -> Result<(Authorization<'a>, i64, &'a KeyEntry), ApiError> {
    let Some(raw) = header(headers, "authorization") else {
        return Err(ApiError::new(
            "AuthFailure.InvalidAuthorization",
            "The request has no Authorization header.",
        ));
    };
    let auth = parse_authorization(raw).ok_or_else(|| {
        ApiError::new(
            "AuthFailure.InvalidAuthorization",
            "Authorization must be `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=…`.",
        )
    })?;
    let timestamp: i64 = match header(headers, "x-tc-timestamp") {
        None => return Err(ApiError::missing_parameter("X-TC-Timestamp")),
        Some(t) => t.trim().parse().map_err(|_| {
            ApiError::invalid_parameter(format!(
                "X-TC-Timestamp `{t}` is not a Unix time in seconds."
            ))
        })?,
    };
    check_clock(timestamp, now)?;
    let key = keyring.get(auth.secret_id)?;
    Ok((auth, timestamp, key))
}

/// Checks the request's signature, timestamp and key; `now` is Unix seconds.
pub fn verify(
    keyring: &Keyring,
    service: &str,
    method: &str,
    query: &str,
    headers: &HeaderMap,
    body: &[u8],
    now: i64,
) -> Result<Caller, ApiError> {
    let (auth, timestamp, key) = tc3_headers(keyring, headers, now)?;
    if auth.service != service {
        return Err(signature_failure(&format!(
            "the credential scope names service `{}`, this endpoint is `{service}`",
            auth.service
        )));
    }
    if auth.date != utc_date(timestamp) {
        return Err(signature_failure(&format!(
            "the credential date {} is not the UTC date of X-TC-Timestamp",
            auth.date
        )));
    }
    let signed: Vec<&str> = auth.signed_headers.split(';').collect();
    if !signed.contains(&"content-type") || !signed.contains(&"host") {
        return Err(signature_failure(
            "SignedHeaders must include content-type and host",
        ));
    }
    let mut canonical = format!("{method}\n/\n{query}\n");
    for name in &signed {
        let value = header(headers, name).unwrap_or_default();
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(&value.trim().to_ascii_lowercase());
        canonical.push('\n');
    }
    canonical.push('\n');
    canonical.push_str(auth.signed_headers);
    canonical.push('\n');
    // The SDKs' `unsignedPayload`: the body is not hashed, the marker is.
    let unsigned = header(headers, "x-tc-content-sha256") == Some(UNSIGNED_PAYLOAD);
    canonical.push_str(&payload_hash(if unsigned {
        UNSIGNED_PAYLOAD.as_bytes()
    } else {
        body
    }));
    let signing_key = SigningKey::derive(&key.secret_key, auth.date, service);
    let expected =
        signature_of_canonical_request(&signing_key, timestamp, service, canonical.as_bytes());
    if !constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        return Err(signature_failure(
            "the signature does not match the request",
        ));
    }
    key.check_token(header(headers, "x-tc-token"))?;
    Ok(key.caller(auth.secret_id))
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use tencentcloud_signing::{sign, SignedHeaders, SigningInput};

    fn signed_headers(secret: &str, ts: i64, body: &[u8]) -> HeaderMap {
        let sig = sign(&SigningInput {
            secret_id: "AKID1",
            secret_key: secret,
            service: "tat",
            host: "127.0.0.1:9000",
            content_type: "application/json",
            payload: body,
            timestamp: ts,
            action: "DescribeCommands",
            signed_headers: SignedHeaders::Official,
        });
        let mut h = HeaderMap::new();
        h.insert("authorization", sig.authorization.parse().unwrap());
        h.insert("content-type", "application/json".parse().unwrap());
        h.insert("host", "127.0.0.1:9000".parse().unwrap());
        h.insert("x-tc-timestamp", ts.to_string().parse().unwrap());
        h
    }

    /// The header set newer official SDKs sign: content-type, host and the lower-cased action.
    #[test]
    fn accepts_a_wider_signed_header_set() {
        let body = b"{}";
        let ts = 1_700_000_000;
        let canonical = format!(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:tat.tencentcloudapi.com\nx-tc-action:describecommands\n\ncontent-type;host;x-tc-action\n{}",
            payload_hash(body)
        );
        let key = SigningKey::derive("secret", &utc_date(ts), "tat");
        let signature = signature_of_canonical_request(&key, ts, "tat", canonical.as_bytes());
        let mut h = HeaderMap::new();
        let auth =
            format!("TC3-HMAC-SHA256 Credential=AKID1/{}/tat/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature={signature}", utc_date(ts));
        h.insert("authorization", auth.parse().unwrap());
        h.insert(
            "content-type",
            "application/json; charset=utf-8".parse().unwrap(),
        );
        h.insert("host", "tat.tencentcloudapi.com".parse().unwrap());
        h.insert("x-tc-action", "DescribeCommands".parse().unwrap());
        h.insert("x-tc-timestamp", ts.to_string().parse().unwrap());
        assert!(verify(&keyring(), "tat", "POST", "", &h, body, ts).is_ok());
        h.insert("x-tc-action", "DeleteCommand".parse().unwrap());
        assert_eq!(
            verify(&keyring(), "tat", "POST", "", &h, body, ts)
                .unwrap_err()
                .code,
            "AuthFailure.SignatureFailure",
            "the signed action cannot be swapped"
        );
    }

    #[test]
    fn timestamps_far_from_now_never_wrap_into_the_window() {
        let now = 1_700_000_000;
        for far in [i64::MIN, i64::MIN + 1, i64::MAX, -now] {
            assert_eq!(
                check_clock(far, now).unwrap_err().code,
                "AuthFailure.SignatureExpire",
                "{far}"
            );
        }
        assert!(check_clock(now - 300, now).is_ok());
    }

    fn keyring() -> Keyring {
        let mut k = Keyring::default();
        k.insert("AKID1", "secret", None);
        k
    }

    #[test]
    fn accepts_what_the_client_signs_and_names_each_failure() {
        let body = br#"{"CommandId":"cmd-1"}"#;
        let now = 1_700_000_000;
        let h = signed_headers("secret", now, body);
        assert_eq!(
            verify(&keyring(), "tat", "POST", "", &h, body, now + 10)
                .unwrap()
                .secret_id,
            "AKID1"
        );
        let code = |r: Result<Caller, ApiError>| r.unwrap_err().code;
        assert_eq!(
            code(verify(&keyring(), "tat", "POST", "", &h, b"{}", now)),
            "AuthFailure.SignatureFailure"
        );
        assert_eq!(
            code(verify(&keyring(), "tat", "POST", "", &h, body, now + 301)),
            "AuthFailure.SignatureExpire"
        );
        assert_eq!(
            code(verify(&keyring(), "cvm", "POST", "", &h, body, now)),
            "AuthFailure.SignatureFailure"
        );
        let wrong_secret = signed_headers("other", now, body);
        assert_eq!(
            code(verify(
                &keyring(),
                "tat",
                "POST",
                "",
                &wrong_secret,
                body,
                now
            )),
            "AuthFailure.SignatureFailure"
        );
        assert_eq!(
            code(verify(
                &Keyring::default(),
                "tat",
                "POST",
                "",
                &h,
                body,
                now
            )),
            "AuthFailure.SecretIdNotFound"
        );
        let mut no_auth = h.clone();
        no_auth.remove("authorization");
        assert_eq!(
            code(verify(&keyring(), "tat", "POST", "", &no_auth, body, now)),
            "AuthFailure.InvalidAuthorization"
        );
        let mut tokened = Keyring::default();
        tokened.insert("AKID1", "secret", Some("tok".into()));
        assert_eq!(
            code(verify(&tokened, "tat", "POST", "", &h, body, now)),
            "AuthFailure.TokenFailure"
        );
    }
}
