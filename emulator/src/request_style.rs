//! A request in any style ([`Style`]), authenticated and read into one shape before any
//! check of its action: TC3 (POST JSON, GET, unsigned payload) and v1 (GET, POST form).

use crate::api_error::ApiError;
use crate::auth::{verify, Caller, Keyring};
use crate::auth_v1::verify_v1;
use crate::incoming::{Head, Style};

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

/// Reads and authenticates a request in any style.
pub fn receive<'a>(
    head: &Head<'_>,
    body: &'a [u8],
    keyring: &Keyring,
    service: &str,
    now: i64,
) -> Result<Received<'a>, Refused> {
    let action = head.action.clone().unwrap_or_default();
    let refuse = |error: ApiError| Refused {
        action: action.clone(),
        error,
    };
    match head.style {
        Style::Unsupported => Err(refuse(ApiError::new(
            "UnsupportedProtocol",
            format!(
                "HTTP method {} is not supported; send POST with a JSON body, or GET.",
                head.method
            ),
        ))),
        Style::Tc3 { .. } if action.is_empty() => {
            Err(refuse(ApiError::missing_parameter("X-TC-Action")))
        }
        Style::Tc3 { .. } => {
            let caller = verify(
                keyring,
                service,
                head.method,
                head.query,
                head.headers,
                body,
                now,
            )
            .map_err(refuse)?;
            let params = match head.pairs(body) {
                Some(pairs) => Params::Flat(pairs),
                None => Params::Json(body),
            };
            Ok(Received {
                version: head.header("x-tc-version").map(str::to_string),
                region: head.header("x-tc-region").map(str::to_string),
                caller,
                params,
                action,
            })
        }
        Style::V1 { .. } => {
            receive_v1(head, head.pairs(body).unwrap_or_default(), keyring, now).map_err(refuse)
        }
    }
}

fn receive_v1<'a>(
    head: &Head<'_>,
    pairs: Vec<(String, String)>,
    keyring: &Keyring,
    now: i64,
) -> Result<Received<'a>, ApiError> {
    let param = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let Some(action) = head.action.clone() else {
        return Err(ApiError::missing_parameter("Action"));
    };
    let host = head.header("host").unwrap_or_default();
    let caller = verify_v1(keyring, head.method, host, &pairs, now)?;
    Ok(Received {
        version: param("Version"),
        region: param("Region"),
        caller,
        params: Params::Flat(pairs),
        action,
    })
}
