//! TC3-HMAC-SHA256 request signing (Tencent Cloud API signature v3).
//!
//! By default `content-type`, `host` and `x-tc-action` are signed, so a captured request
//! cannot be replayed as another action; [`SignedHeaders::Official`] signs only the first
//! two, as the official SDKs do (their vectors verify under it). The service accepts any
//! header set that contains `content-type` and `host`.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// Which headers the signature covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SignedHeaders {
    /// `content-type;host;x-tc-action`: the action is part of what is signed.
    #[default]
    WithAction,
    /// `content-type;host`, as the official SDKs sign.
    Official,
}

impl SignedHeaders {
    /// The `SignedHeaders` list of the `Authorization` header.
    pub fn names(self) -> &'static str {
        match self {
            SignedHeaders::WithAction => "content-type;host;x-tc-action",
            SignedHeaders::Official => "content-type;host",
        }
    }
}

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
    /// The `X-TC-Action` value (signed with [`SignedHeaders::WithAction`]).
    pub action: &'a str,
    pub signed_headers: SignedHeaders,
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
    let key = SigningKey::derive(input.secret_key, &date, input.service);
    sign_with_key(input, &key)
}

/// The day's signing key: `HMAC(HMAC(HMAC("TC3"+secret, date), service), "tc3_request")`.
/// It depends only on the secret, the UTC date and the service, so clients cache it.
#[derive(Clone)]
pub struct SigningKey {
    pub date: String,
    /// Days since the Unix epoch of `date`, for cheap cache checks.
    pub day: i64,
    service: String,
    /// Keyed HMAC state, cloned per request so the key is not re-absorbed each time.
    mac: Hmac<Sha256>,
}

impl SigningKey {
    pub fn derive(secret_key: &str, date: &str, service: &str) -> Self {
        let k_date = hmac(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
        let k_service = hmac(&k_date, service.as_bytes());
        let k_signing = hmac(&k_service, b"tc3_request");
        let day = days_from_date(date).unwrap_or(i64::MIN);
        SigningKey {
            date: date.to_string(),
            day,
            service: service.to_string(),
            mac: keyed(&k_signing),
        }
    }

    /// True when this key signs requests of `service` at `timestamp`.
    pub fn is_for(&self, timestamp: i64, service: &str) -> bool {
        self.day == timestamp.div_euclid(86_400) && self.service == service
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("date", &self.date)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

/// Signs with an already derived key (its date must be the timestamp's UTC date),
/// keeping every intermediate string (for tests and debugging).
pub fn sign_with_key(input: &SigningInput<'_>, key: &SigningKey) -> Signature {
    let payload_hash = hex32(&Sha256::digest(input.payload).into());
    let mut canonical_request = Vec::new();
    let names = canonical_request_parts(input, &[], &payload_hash, &mut |part| {
        canonical_request.extend_from_slice(part)
    });
    let canonical_hash = hex32(&Sha256::digest(&canonical_request).into());
    let string_to_sign = string_to_sign(input.timestamp, input.service, &key.date, &canonical_hash);
    let signature = signature_hex(key, &string_to_sign);
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    Signature {
        canonical_request: text(canonical_request),
        string_to_sign: text(string_to_sign),
        signature: text(signature.to_vec()),
        authorization: authorization(input, key, &signature, &names),
    }
}

/// The `Authorization` header only, streaming every intermediate value through the
/// hashes instead of building strings: the client's hot path (one allocation).
pub fn authorization_header(input: &SigningInput<'_>, key: &SigningKey) -> String {
    authorization_header_with(input, key, &[])
}

/// [`authorization_header`] with more headers signed (with [`SignedHeaders::WithAction`]):
/// `extra` holds lower-case names, sorted, none of them `content-type`, `host` or
/// `x-tc-action`, with their values as sent.
pub fn authorization_header_with(
    input: &SigningInput<'_>,
    key: &SigningKey,
    extra: &[(&str, &str)],
) -> String {
    authorization_header_from(input, key, CanonicalHead::new(input, extra))
}

/// [`authorization_header_with`] from the canonical request's head hashed ahead: `head`
/// must be of this input's host, action, content type and signed headers.
pub fn authorization_header_from(
    input: &SigningInput<'_>,
    key: &SigningKey,
    head: CanonicalHead,
) -> String {
    let CanonicalHead { mut hasher, names } = head;
    hasher.update(hex32(&Sha256::digest(input.payload).into()));
    let canonical_hash = hex32(&hasher.finalize().into());
    let mut mac = key.mac.clone();
    let mut digits = itoa::Buffer::new();
    let parts = string_to_sign_parts(
        digits.format(input.timestamp),
        input.service,
        &key.date,
        &canonical_hash,
    );
    // Gathered on the stack and absorbed at once: each update has a cost of its own.
    let (mut gathered, mut len) = ([0u8; 192], 0);
    for part in parts {
        match gathered.get_mut(len..len + part.len()) {
            Some(room) => {
                room.copy_from_slice(part);
                len += part.len();
            }
            None => {
                mac.update(&gathered[..len]);
                mac.update(part);
                len = 0;
            }
        }
    }
    mac.update(&gathered[..len]);
    let signature = hex32(&mac.finalize().into_bytes().into());
    authorization(input, key, &signature, &names)
}

/// A canonical request but its last line (the payload's hash), already absorbed by a
/// SHA-256 state. Requests of one action to one host differ only in their bodies, so a
/// client hashes the head once and copies the state per request.
#[derive(Clone)]
pub struct CanonicalHead {
    hasher: Sha256,
    /// The `SignedHeaders` list.
    names: std::borrow::Cow<'static, str>,
}

impl CanonicalHead {
    /// The head of `input`'s canonical request, with `extra` headers signed as
    /// [`authorization_header_with`] takes them; `input.payload` is not read.
    pub fn new(input: &SigningInput<'_>, extra: &[(&str, &str)]) -> Self {
        let extra = match input.signed_headers {
            SignedHeaders::WithAction => extra,
            SignedHeaders::Official => &[],
        };
        let mut hasher = Sha256::new();
        let names = canonical_head_parts(input, extra, &mut |part| hasher.update(part));
        CanonicalHead { hasher, names }
    }
}

impl std::fmt::Debug for CanonicalHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CanonicalHead")
            .field("signed_headers", &self.names)
            .finish_non_exhaustive()
    }
}

/// A whole canonical request: the head ([`canonical_head_parts`]), then
/// `<hex(sha256(payload))>`; the signed header names.
fn canonical_request_parts(
    input: &SigningInput<'_>,
    extra: &[(&str, &str)],
    payload_hash: &[u8; 64],
    sink: &mut dyn FnMut(&[u8]),
) -> std::borrow::Cow<'static, str> {
    let names = canonical_head_parts(input, extra, sink);
    sink(payload_hash);
    names
}

/// A canonical request up to its last line: `POST\n/\n\n`, the headers (the action's and
/// extra headers' values trimmed and lower-cased, as canonical header values are, with
/// `extra` headers in their sorted places), a blank line, the signed header names and a
/// line break; the signed header names.
fn canonical_head_parts(
    input: &SigningInput<'_>,
    extra: &[(&str, &str)],
    sink: &mut dyn FnMut(&[u8]),
) -> std::borrow::Cow<'static, str> {
    sink(b"POST\n/\n\n");
    let mut names = std::borrow::Cow::Borrowed(input.signed_headers.names());
    if extra.is_empty() {
        canonical_header("content-type", input.content_type, sink);
        canonical_header("host", input.host, sink);
        if input.signed_headers == SignedHeaders::WithAction {
            canonical_header("x-tc-action", input.action, sink);
        }
    } else {
        let mut all = vec![
            ("content-type", input.content_type),
            ("host", input.host),
            ("x-tc-action", input.action),
        ];
        all.extend_from_slice(extra);
        all.sort_by(|a, b| a.0.cmp(b.0));
        for (name, value) in &all {
            canonical_header(name, value, sink);
        }
        let list: Vec<&str> = all.iter().map(|(name, _)| *name).collect();
        names = std::borrow::Cow::Owned(list.join(";"));
    }
    for part in [b"\n".as_slice(), names.as_bytes(), b"\n"] {
        sink(part);
    }
    names
}

/// `name:value\n`: the value trimmed and lower-cased without allocating, except the
/// content type's and the host's, which are signed as sent (as the official SDKs do).
fn canonical_header(name: &str, value: &str, sink: &mut dyn FnMut(&[u8])) {
    sink(name.as_bytes());
    sink(b":");
    if matches!(name, "content-type" | "host") {
        sink(value.as_bytes());
        sink(b"\n");
        return;
    }
    for chunk in value.trim().as_bytes().chunks(64) {
        let mut lower = [0u8; 64];
        lower[..chunk.len()].copy_from_slice(chunk);
        lower[..chunk.len()].make_ascii_lowercase();
        sink(&lower[..chunk.len()]);
    }
    sink(b"\n");
}

/// `TC3-HMAC-SHA256\n<timestamp>\n<date>/<service>/tc3_request\n<hex(sha256(canonical))>`
/// in its parts, `timestamp` in decimal digits.
fn string_to_sign_parts<'a>(
    timestamp: &'a str,
    service: &'a str,
    date: &'a str,
    canonical_hash: &'a [u8; 64],
) -> [&'a [u8]; 9] {
    [
        ALGORITHM.as_bytes(),
        b"\n",
        timestamp.as_bytes(),
        b"\n",
        date.as_bytes(),
        b"/",
        service.as_bytes(),
        b"/tc3_request\n",
        canonical_hash,
    ]
}

/// The whole string to sign ([`string_to_sign_parts`]), for the signers that keep it or
/// sign any canonical request; the client's hot path absorbs the parts instead.
fn string_to_sign(timestamp: i64, service: &str, date: &str, canonical_hash: &[u8; 64]) -> Vec<u8> {
    let mut digits = itoa::Buffer::new();
    string_to_sign_parts(digits.format(timestamp), service, date, canonical_hash).concat()
}

/// The hex signature of any canonical request (for verifiers, which must accept every
/// header set a client may sign, not only the one this client signs).
pub fn signature_of_canonical_request(
    key: &SigningKey,
    timestamp: i64,
    service: &str,
    canonical_request: &[u8],
) -> String {
    let canonical_hash = hex32(&Sha256::digest(canonical_request).into());
    let string_to_sign = string_to_sign(timestamp, service, &key.date, &canonical_hash);
    String::from_utf8_lossy(&signature_hex(key, &string_to_sign)).into_owned()
}

/// Lower-case hex SHA-256 of a payload (the last line of a canonical request).
pub fn payload_hash(payload: &[u8]) -> String {
    String::from_utf8_lossy(&hex32(&Sha256::digest(payload).into())).into_owned()
}

fn signature_hex(key: &SigningKey, string_to_sign: &[u8]) -> [u8; 64] {
    let mut mac = key.mac.clone();
    mac.update(string_to_sign);
    hex32(&mac.finalize().into_bytes().into())
}

fn authorization(
    input: &SigningInput<'_>,
    key: &SigningKey,
    signature: &[u8; 64],
    signed_names: &str,
) -> String {
    let parts = [
        ALGORITHM,
        " Credential=",
        input.secret_id,
        "/",
        &key.date,
        "/",
        input.service,
        "/tc3_request, SignedHeaders=",
        signed_names,
        ", Signature=",
        std::str::from_utf8(signature).unwrap_or_default(),
    ];
    // Exactly as long as it will be: a header value takes it over without copying.
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The decimal text of a timestamp, as `X-TC-Timestamp` carries it.
pub fn timestamp_text(timestamp: i64) -> ([u8; 20], usize) {
    let mut digits = itoa::Buffer::new();
    let text = digits.format(timestamp).as_bytes();
    let mut out = [0u8; 20];
    out[..text.len()].copy_from_slice(text);
    (out, text.len())
}

/// `YYYY-MM-DD` of a Unix timestamp, in UTC.
pub fn utc_date(timestamp: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(timestamp)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Both lower-case hex digits of every byte value: a byte is one lookup.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut pairs = [[0u8; 2]; 256];
    let mut byte = 0;
    while byte < 256 {
        pairs[byte] = [DIGITS[byte >> 4], DIGITS[byte & 0xf]];
        byte += 1;
    }
    pairs
};

/// Lower-case hex of a SHA-256 digest, on the stack (the `hex` crate's iterator-based
/// encoder allocates and was a fifth of the signing time).
fn hex32(bytes: &[u8; 32]) -> [u8; 64] {
    let mut out = [0u8; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&HEX_PAIRS[usize::from(*byte)]);
    }
    out
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn days_from_date(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(month).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some((date - time::Date::from_calendar_date(1970, time::Month::January, 1).ok()?).whole_days())
}

fn keyed(key: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    }
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = keyed(key);
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_matches_the_hex_crate() {
        for seed in 0..8u8 {
            let bytes: [u8; 32] = std::array::from_fn(|i| {
                (i as u8)
                    .wrapping_mul(37)
                    .wrapping_add(seed.wrapping_mul(91))
            });
            assert_eq!(
                std::str::from_utf8(&hex32(&bytes)).unwrap(),
                hex::encode(bytes)
            );
        }
    }

    #[test]
    fn timestamp_digits() {
        for n in [0i64, 7, 10, 1551113065, -42, i64::MAX, i64::MIN] {
            let (digits, len) = timestamp_text(n);
            assert_eq!(std::str::from_utf8(&digits[..len]).unwrap(), n.to_string());
        }
    }

    /// A request of `action` signed over `signed_headers`, the rest fixed.
    fn input(action: &'static str, signed_headers: SignedHeaders) -> SigningInput<'static> {
        SigningInput {
            secret_id: "id",
            secret_key: "key",
            service: "tat",
            host: "h",
            content_type: "application/json",
            payload: b"{}",
            timestamp: 1551113065,
            action,
            signed_headers,
        }
    }

    #[test]
    fn streaming_and_materialised_signatures_agree() {
        let input = input("DescribeThings", SignedHeaders::WithAction);
        let key = SigningKey::derive("key", &utc_date(1551113065), "tat");
        assert_eq!(
            authorization_header(&input, &key),
            sign_with_key(&input, &key).authorization
        );
    }

    #[test]
    fn a_head_hashed_ahead_signs_any_body_as_signing_afresh_does() {
        let key = SigningKey::derive("key", &utc_date(1551113065), "tat");
        let first = input("RunCommand", SignedHeaders::WithAction);
        let extra = [("x-trace", "T1")];
        let head = CanonicalHead::new(&first, &extra);
        for body in [b"{}".as_slice(), b"{\"CommandId\":\"cmd-1\"}", &[b'x'; 200]] {
            let later = SigningInput {
                payload: body,
                ..input("RunCommand", SignedHeaders::WithAction)
            };
            assert_eq!(
                authorization_header_from(&later, &key, head.clone()),
                authorization_header_with(&later, &key, &extra)
            );
        }
        let other = CanonicalHead::new(&input("DescribeThings", SignedHeaders::WithAction), &[]);
        assert_ne!(
            authorization_header_from(&first, &key, other),
            authorization_header_with(&first, &key, &extra),
            "a head is its action's"
        );
    }

    #[test]
    fn extra_headers_are_signed_in_their_sorted_places() {
        let key = SigningKey::derive("key", &utc_date(1551113065), "tat");
        let extra = [("accept-x", " Mixed Case "), ("x-trace", "T1")];
        let with_action = input("RunCommand", SignedHeaders::WithAction);
        let auth = authorization_header_with(&with_action, &key, &extra);
        let names = "accept-x;content-type;host;x-tc-action;x-trace";
        assert!(auth.contains(&format!("SignedHeaders={names},")), "{auth}");
        let canonical = format!(
            "POST\n/\n\naccept-x:mixed case\ncontent-type:application/json\nhost:h\n\
             x-tc-action:runcommand\nx-trace:t1\n\n{names}\n{}",
            payload_hash(b"{}")
        );
        let expected =
            signature_of_canonical_request(&key, 1551113065, "tat", canonical.as_bytes());
        assert!(auth.ends_with(&format!("Signature={expected}")), "{auth}");
        let official = input("RunCommand", SignedHeaders::Official);
        assert_eq!(
            authorization_header_with(&official, &key, &extra),
            authorization_header(&official, &key),
            "the official set signs no extra header"
        );
    }

    #[test]
    fn the_action_is_signed_unless_the_official_set_is_asked_for() {
        let read = sign(&input("DescribeCommands", SignedHeaders::WithAction));
        assert!(
            read.canonical_request
                .contains("\nx-tc-action:describecommands\n\ncontent-type;host;x-tc-action\n"),
            "{}",
            read.canonical_request
        );
        assert!(read
            .authorization
            .contains("SignedHeaders=content-type;host;x-tc-action,"));
        // Replayed as another action, the signature no longer fits.
        assert_ne!(
            read.signature,
            sign(&input("DeleteCommand", SignedHeaders::WithAction)).signature
        );
        let official = sign(&input("DescribeCommands", SignedHeaders::Official));
        assert_eq!(
            official.signature,
            sign(&input("DeleteCommand", SignedHeaders::Official)).signature
        );
        assert!(official
            .authorization
            .contains("SignedHeaders=content-type;host,"));
    }

    #[test]
    fn key_day_matches_its_date() {
        for ts in [0i64, 1551113065, 1709251199, 1709251200, 4102444800] {
            let key = SigningKey::derive("k", &utc_date(ts), "tat");
            assert!(key.is_for(ts, "tat"), "{ts}");
            assert!(!key.is_for(ts + 86_400, "tat"));
            assert!(!key.is_for(ts, "cvm"));
        }
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1551113065), "2019-02-25");
        assert_eq!(utc_date(1709251199), "2024-02-29");
    }
}

/// The README's example, compiled and run as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
