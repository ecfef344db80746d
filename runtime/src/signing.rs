//! TC3-HMAC-SHA256 request signing (Tencent Cloud API signature v3).
//!
//! Only `content-type` and `host` are signed, as the official SDKs do for POST JSON.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const ALGORITHM: &str = "TC3-HMAC-SHA256";
const SIGNED_HEADERS: &str = "content-type;host";

/// Everything the signature covers.
pub struct SigningInput<'a> {
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    pub service: &'a str,
    pub host: &'a str,
    pub content_type: &'a str,
    pub payload: &'a [u8],
    /// Unix seconds; also sent as `X-TC-Timestamp`.
    pub timestamp: i64,
}

/// Every intermediate value, so tests can compare each step with the official SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
}

pub fn sign(input: &SigningInput<'_>) -> Signature {
    let date = utc_date(input.timestamp);
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\n{SIGNED_HEADERS}\n{}",
        input.content_type,
        input.host,
        sha256_hex(input.payload)
    );
    let scope = format!("{date}/{}/tc3_request", input.service);
    let string_to_sign = format!("{ALGORITHM}\n{}\n{scope}\n{}", input.timestamp, sha256_hex(canonical_request.as_bytes()));
    let k_date = hmac(format!("TC3{}", input.secret_key).as_bytes(), date.as_bytes());
    let k_service = hmac(&k_date, input.service.as_bytes());
    let k_signing = hmac(&k_service, b"tc3_request");
    let signature = hex::encode(hmac(&k_signing, string_to_sign.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={SIGNED_HEADERS}, Signature={signature}",
        input.secret_id
    );
    Signature { canonical_request, string_to_sign, signature, authorization }
}

/// `YYYY-MM-DD` of a Unix timestamp, in UTC.
pub fn utc_date(timestamp: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(timestamp)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .date();
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    };
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1551113065), "2019-02-25");
        assert_eq!(utc_date(1709251199), "2024-02-29");
    }
}
