//! The ways the official clients send a request, each read into one shape before any
//! check: TC3 over POST JSON (the default), TC3 over GET (parameters flattened in the
//! query), TC3 with an unsigned payload, and the v1 signatures (`HmacSHA1`, `HmacSHA256`)
//! over GET or a POST form, where even the action is a parameter.

use crate::api_error::ApiError;
use crate::auth::{verify, Caller, Keyring};
use crate::auth_v1::verify_v1;
use crate::dispatch::Incoming;
use hyper::HeaderMap;

/// A request whose signature holds, in whichever style it came.
pub struct Received<'a> {
    pub action: String,
    pub version: Option<String>,
    pub region: Option<String>,
    pub caller: Caller,
    pub params: Params<'a>,
}

/// The action's own parameters, as sent.
pub enum Params<'a> {
    /// A JSON body.
    Json(&'a [u8]),
    /// Flattened `Name.0.Member=value` pairs (decoded), common parameters included.
    Flat(Vec<(String, String)>),
}

/// A request refused before its action's checks; `action` is what it named, if anything.
pub struct Refused {
    pub action: String,
    pub error: ApiError,
}

/// A header's value, when it is set and is text.
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Decoded `application/x-www-form-urlencoded` pairs (`+` is a space).
fn form_pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// Whether the body is a form (`application/x-www-form-urlencoded`), as v1 POSTs send.
pub(crate) fn is_form(headers: &HeaderMap) -> bool {
    header(headers, "content-type").is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"))
}

/// The action a request names, in any style, before it is authenticated (faults are
/// injected by action name).
pub fn action_named(request: &Incoming<'_>) -> String {
    if let Some(action) = header(request.headers, "x-tc-action") {
        return action.to_string();
    }
    let pairs = match request.method {
        "GET" => form_pairs(request.query.as_bytes()),
        "POST" if is_form(request.headers) => form_pairs(request.body),
        _ => Vec::new(),
    };
    pairs.into_iter().find(|(k, _)| k == "Action").map(|(_, v)| v).unwrap_or_default()
}

/// Reads and authenticates a request in any style.
pub fn receive<'a>(request: &Incoming<'a>, keyring: &Keyring, service: &str, now: i64) -> Result<Received<'a>, Refused> {
    let tc3 = request.headers.contains_key("authorization");
    let pairs = match (request.method, tc3) {
        ("GET", _) => Some(form_pairs(request.query.as_bytes())),
        ("POST", false) if is_form(request.headers) => Some(form_pairs(request.body)),
        ("POST", _) => None,
        (other, _) => {
            let error = ApiError::new("UnsupportedProtocol", format!("HTTP method {other} is not supported; send POST with a JSON body, or GET."));
            return Err(Refused { action: header(request.headers, "x-tc-action").unwrap_or_default().to_string(), error });
        }
    };
    match pairs {
        Some(pairs) if !tc3 && pairs.iter().any(|(k, _)| k == "Signature") => receive_v1(request, keyring, pairs, now),
        pairs => receive_tc3(request, keyring, service, pairs, now),
    }
}

fn receive_tc3<'a>(request: &Incoming<'a>, keyring: &Keyring, service: &str, pairs: Option<Vec<(String, String)>>, now: i64) -> Result<Received<'a>, Refused> {
    let headers = request.headers;
    let action = header(headers, "x-tc-action").unwrap_or_default().to_string();
    let refuse = |error: ApiError| Refused { action: action.clone(), error };
    if action.is_empty() {
        return Err(refuse(ApiError::missing_parameter("X-TC-Action")));
    }
    let caller = verify(keyring, service, request.method, request.query, headers, request.body, now).map_err(refuse)?;
    let params = match pairs {
        Some(pairs) => Params::Flat(pairs),
        None => Params::Json(request.body),
    };
    Ok(Received {
        version: header(headers, "x-tc-version").map(str::to_string),
        region: header(headers, "x-tc-region").map(str::to_string),
        caller,
        params,
        action,
    })
}

fn receive_v1<'a>(request: &Incoming<'a>, keyring: &Keyring, pairs: Vec<(String, String)>, now: i64) -> Result<Received<'a>, Refused> {
    let param = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    let action = param("Action").unwrap_or_default();
    let refuse = |error: ApiError| Refused { action: action.clone(), error };
    if action.is_empty() {
        return Err(refuse(ApiError::missing_parameter("Action")));
    }
    let host = header(request.headers, "host").unwrap_or_default();
    let caller = verify_v1(keyring, request.method, host, &pairs, now).map_err(refuse)?;
    Ok(Received { version: param("Version"), region: param("Region"), caller, params: Params::Flat(pairs), action })
}
