//! The v1 signatures (`HmacSHA1`, `HmacSHA256`) the official SDKs still offer: every
//! parameter, the common ones included, is in the query string (GET) or a form body (POST),
//! and `Signature` is the Base64 HMAC of `METHOD host /?k=v&…` over the sorted parameters.

use crate::api_error::ApiError;
use crate::auth::{check_clock, constant_time_eq, Caller, Keyring};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};

/// Checks a v1-signed request; `pairs` are its decoded parameters, `host` its Host header.
pub fn verify_v1(
    keyring: &Keyring,
    method: &str,
    host: &str,
    pairs: &[(String, String)],
    now: i64,
) -> Result<Caller, ApiError> {
    let param = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let required = |name: &'static str| {
        param(name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| ApiError::missing_parameter(name))
    };
    let signature = required("Signature")?;
    let secret_id = required("SecretId")?;
    required("Nonce")?;
    let timestamp = required("Timestamp")?;
    let timestamp: i64 = timestamp.trim().parse().map_err(|_| {
        ApiError::invalid_parameter(format!(
            "Timestamp `{timestamp}` is not a Unix time in seconds."
        ))
    })?;
    check_clock(timestamp, now)?;
    let key = keyring.get(secret_id)?;
    let mut signed: Vec<(String, &str)> = pairs
        .iter()
        .filter(|(k, _)| k != "Signature")
        .map(|(k, v)| (k.replace('_', "."), v.as_str()))
        .collect();
    signed.sort();
    let query: Vec<String> = signed.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let string_to_sign = format!("{method}{host}/?{}", query.join("&"));
    let expected = match param("SignatureMethod").unwrap_or("HmacSHA1") {
        "HmacSHA1" => mac::<Hmac<sha1::Sha1>>(key.secret_key(), &string_to_sign),
        "HmacSHA256" => mac::<Hmac<sha2::Sha256>>(key.secret_key(), &string_to_sign),
        other => {
            return Err(ApiError::invalid_parameter(format!(
                "SignatureMethod `{other}` is not one of HmacSHA1, HmacSHA256."
            )))
        }
    };
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err(ApiError::new(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated: the signature does not match the request.",
        ));
    }
    key.check_token(param("Token"))?;
    Ok(key.caller(secret_id))
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &str, text: &str) -> String {
    let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(key.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(text.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring() -> Keyring {
        let mut k = Keyring::default();
        k.insert("AKID1", "secret", None);
        k
    }

    /// Signed as the official Python SDK signs (`_format_sign_string`).
    fn signed(method: &str, sign_method: &str, now: i64) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = [
            ("Action", "DescribeCommands"),
            ("Nonce", "12345"),
            ("SecretId", "AKID1"),
            ("SignatureMethod", sign_method),
            ("Version", "2020-10-28"),
            ("Filters.0.Name", "command-name"),
            ("Filters.0.Values.0", "a b"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        pairs.push(("Timestamp".into(), now.to_string()));
        let mut sorted = pairs.clone();
        sorted.sort();
        let text = format!(
            "{method}127.0.0.1:9000/?{}",
            sorted
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        );
        let signature = if sign_method == "HmacSHA1" {
            mac::<Hmac<sha1::Sha1>>("secret", &text)
        } else {
            mac::<Hmac<sha2::Sha256>>("secret", &text)
        };
        pairs.push(("Signature".into(), signature));
        pairs
    }

    #[test]
    fn both_methods_verify_and_a_changed_parameter_does_not() {
        let now = 1_700_000_000;
        for (method, sign_method) in [("GET", "HmacSHA1"), ("POST", "HmacSHA256")] {
            let pairs = signed(method, sign_method, now);
            assert_eq!(
                verify_v1(&keyring(), method, "127.0.0.1:9000", &pairs, now)
                    .unwrap()
                    .secret_id,
                "AKID1"
            );
            let mut changed = pairs.clone();
            changed[0].1 = "DeleteCommand".into();
            assert_eq!(
                verify_v1(&keyring(), method, "127.0.0.1:9000", &changed, now)
                    .unwrap_err()
                    .code,
                "AuthFailure.SignatureFailure"
            );
            assert_eq!(
                verify_v1(&keyring(), method, "127.0.0.1:9000", &pairs, now + 301)
                    .unwrap_err()
                    .code,
                "AuthFailure.SignatureExpire"
            );
            assert_eq!(
                verify_v1(&Keyring::default(), method, "127.0.0.1:9000", &pairs, now)
                    .unwrap_err()
                    .code,
                "AuthFailure.SecretIdNotFound"
            );
        }
        let unsigned: Vec<(String, String)> = signed("GET", "HmacSHA1", now)
            .into_iter()
            .filter(|(k, _)| k != "Nonce")
            .collect();
        assert_eq!(
            verify_v1(&keyring(), "GET", "127.0.0.1:9000", &unsigned, now)
                .unwrap_err()
                .code,
            "MissingParameter"
        );
    }
}
