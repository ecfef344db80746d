//! The agent's proof of identity on every call after it registered, and on its WebSocket
//! handshake: headers `MachineId`, `InstanceId`, `RandomKey`, `Timestamp` and `Signature`,
//! the Base64 RSA PKCS#1 v1.5 signature (SHA-1) of the four values concatenated, made with
//! the private key whose public half the agent gave when it registered. A signature is
//! accepted once, within five minutes of the emulator's clock.

use hyper::HeaderMap;
use ring::signature::{UnparsedPublicKey, RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// How far a signature's `Timestamp` may be from the emulator's clock, in seconds.
pub const MAX_SKEW_SECONDS: u64 = 300;
/// Signatures remembered to refuse a replay (more than a window's worth of calls).
const REMEMBERED: usize = 100_000;

/// The signed headers of a call, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    pub machine_id: String,
    pub instance_id: String,
    random_key: String,
    timestamp: String,
    signature: String,
}

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the call is not signed: the {0} header is missing (register the agent first)")]
    Missing(&'static str),
    #[error("the Timestamp header is not Unix seconds within five minutes of the server's clock")]
    Stale,
    #[error("the signature was already used")]
    Replayed,
    #[error("the signature does not verify with the instance's registered public key")]
    Invalid,
    #[error("the registered public key is not a PKCS#1 RSA public key in PEM")]
    BadKey,
}

impl SignedHeaders {
    /// The signed headers, if the call carries them all.
    pub fn read(headers: &HeaderMap) -> Result<Self, Refused> {
        let get = |name: &'static str| {
            let value = headers.get(name).and_then(|v| v.to_str().ok());
            value
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .ok_or(Refused::Missing(name))
        };
        Ok(SignedHeaders {
            machine_id: get("MachineId")?,
            instance_id: get("InstanceId")?,
            random_key: get("RandomKey")?,
            timestamp: get("Timestamp")?,
            signature: get("Signature")?,
        })
    }

    /// Whether the headers carry an instance's identity at all (an unregistered agent sends
    /// only its `MachineId`).
    pub fn present(headers: &HeaderMap) -> bool {
        headers.contains_key("InstanceId")
    }

    /// Checks the signature with `public_key_pem` (PKCS#1) at `now` (Unix seconds).
    pub fn verify(&self, public_key_pem: &str, now: u64) -> Result<(), Refused> {
        let timestamp: u64 = self.timestamp.trim().parse().map_err(|_| Refused::Stale)?;
        if now.abs_diff(timestamp) > MAX_SKEW_SECONDS {
            return Err(Refused::Stale);
        }
        let key = public_key_der(public_key_pem).ok_or(Refused::BadKey)?;
        let signature = base64_decode(&self.signature).ok_or(Refused::Invalid)?;
        let signed = format!(
            "{}{}{}{}",
            self.machine_id, self.instance_id, self.random_key, self.timestamp
        );
        UnparsedPublicKey::new(&RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY, key)
            .verify(signed.as_bytes(), &signature)
            .map_err(|_| Refused::Invalid)
    }
}

/// The DER (PKCS#1 `RSAPublicKey`) inside a `-----BEGIN RSA PUBLIC KEY-----` PEM.
pub fn public_key_der(pem: &str) -> Option<Vec<u8>> {
    let body = pem.trim().strip_prefix("-----BEGIN RSA PUBLIC KEY-----")?;
    let body = body
        .trim_end()
        .strip_suffix("-----END RSA PUBLIC KEY-----")?;
    let der = base64_decode(&body.split_whitespace().collect::<String>())?;
    // An RSAPublicKey is a DER SEQUENCE; anything else is not one.
    (der.first() == Some(&0x30)).then_some(der)
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
}

/// Signatures seen recently, so a captured call cannot be sent again.
#[derive(Default)]
pub struct ReplayGuard {
    seen: Mutex<(HashMap<String, u64>, VecDeque<String>)>,
}

impl ReplayGuard {
    /// Accepts a signature the first time within the window.
    pub fn first_use(&self, headers: &SignedHeaders, now: u64) -> Result<(), Refused> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (by_signature, order) = &mut *seen;
        while let Some(oldest) = order.front() {
            let expired = by_signature
                .get(oldest)
                .is_none_or(|at| now > at + 2 * MAX_SKEW_SECONDS);
            if !expired && order.len() < REMEMBERED {
                break;
            }
            let oldest = order.pop_front().unwrap_or_default();
            by_signature.remove(&oldest);
        }
        if by_signature
            .insert(headers.signature.clone(), now)
            .is_some()
        {
            return Err(Refused::Replayed);
        }
        order.push_back(headers.signature.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    /// The five headers, signed at 1000 s.
    fn all_five() -> HeaderMap {
        headers(&[
            ("MachineId", "m"),
            ("InstanceId", "rins-1"),
            ("RandomKey", "r"),
            ("Timestamp", "1000"),
            ("Signature", "c2ln"),
        ])
    }

    #[test]
    fn unsigned_and_malformed_calls_are_refused_before_any_key() {
        assert_eq!(
            SignedHeaders::read(&headers(&[("MachineId", "m")])),
            Err(Refused::Missing("InstanceId"))
        );
        let signed = SignedHeaders::read(&all_five()).unwrap();
        assert_eq!(
            signed.verify("not a key", 1000 + MAX_SKEW_SECONDS + 1),
            Err(Refused::Stale)
        );
        assert_eq!(signed.verify("not a key", 1000), Err(Refused::BadKey));
        assert!(public_key_der(
            "-----BEGIN RSA PUBLIC KEY-----\nMAAA\n-----END RSA PUBLIC KEY-----\n"
        )
        .is_some());
        assert!(
            public_key_der("-----BEGIN PUBLIC KEY-----\nMAAA\n-----END PUBLIC KEY-----").is_none()
        );
    }

    #[test]
    fn a_signature_is_accepted_once() {
        let signed = SignedHeaders::read(&all_five()).unwrap();
        let guard = ReplayGuard::default();
        assert_eq!(guard.first_use(&signed, 1000), Ok(()));
        assert_eq!(guard.first_use(&signed, 1001), Err(Refused::Replayed));
        assert_eq!(
            guard.first_use(&signed, 1000 + 3 * MAX_SKEW_SECONDS),
            Ok(()),
            "forgotten after the window"
        );
    }
}
