//! A request body, read within its cap, a memory budget shared by the bodies in flight,
//! and a deadline. Small bodies (the usual request) skip the budget, so they never queue
//! behind large ones; a body announced past the cap is refused before it is read.

use crate::api_error::ApiError;
use bytes::Bytes;
use http_body_util::BodyExt;
use std::time::Duration;
use tokio::sync::Semaphore;

/// All bodies being read at once fit in this much memory; more wait, then are refused.
/// (Documented TAT requests are a few kilobytes; one maximal body fits at a time.)
pub const BODY_BUDGET_BYTES: usize = 16 * 1024 * 1024;
/// Bodies up to this size are read without the budget.
const SMALL_BODY_BYTES: usize = 64 * 1024;
/// How long a body may wait for its share of [`BODY_BUDGET_BYTES`].
const BUDGET_WAIT: Duration = Duration::from_secs(2);

/// Bytes of bodies being read, in KiB permits, shared by a port's connections.
pub struct BodyBudget(Semaphore);

impl Default for BodyBudget {
    fn default() -> Self {
        BodyBudget(Semaphore::new(BODY_BUDGET_BYTES / 1024))
    }
}

/// Why a body was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// Larger than the cap (announced, or sent).
    TooLarge,
    /// Too many large bodies at once: the budget stayed full.
    Busy,
    /// It did not arrive within the deadline.
    Late(Duration),
    /// The connection failed while sending it.
    Broken,
}

impl Unread {
    /// The error the caller is answered with, for a body capped at `cap` bytes.
    pub fn error(self, cap: usize) -> ApiError {
        match self {
            Unread::TooLarge | Unread::Broken => ApiError::new(
                "RequestSizeLimitExceeded",
                format!("The request body exceeds {cap} bytes or could not be read."),
            ),
            Unread::Busy => ApiError::new(
                "RequestLimitExceeded",
                "Too many large request bodies are being received at once; try again.",
            ),
            Unread::Late(within) => ApiError::new(
                "RequestTimeout",
                format!("The request body did not arrive within {within:?}."),
            ),
        }
    }
}

/// The body of a request whose headers are `parts`, at most `cap` bytes, within `deadline`.
pub async fn read_body(
    budget: &BodyBudget,
    parts: &hyper::http::request::Parts,
    body: hyper::body::Incoming,
    cap: usize,
    deadline: Duration,
) -> Result<Bytes, Unread> {
    let announced = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if announced.is_some_and(|n| n > cap) {
        return Err(Unread::TooLarge);
    }
    let expected = announced.unwrap_or(cap);
    let _permit = if expected > SMALL_BODY_BYTES {
        let kib = u32::try_from(expected.div_ceil(1024)).unwrap_or(u32::MAX);
        match tokio::time::timeout(BUDGET_WAIT, budget.0.acquire_many(kib)).await {
            Ok(Ok(permit)) => Some(permit),
            _ => return Err(Unread::Busy),
        }
    } else {
        None
    };
    match tokio::time::timeout(
        deadline,
        collect_into(body, announced.unwrap_or(0), expected),
    )
    .await
    {
        Ok(result) => result,
        Err(_) => Err(Unread::Late(deadline)),
    }
}

/// The body's bytes in one buffer sized by its announced length, refused past `limit`.
async fn collect_into(
    mut body: hyper::body::Incoming,
    announced: usize,
    limit: usize,
) -> Result<Bytes, Unread> {
    let mut buffer = bytes::BytesMut::with_capacity(announced.min(limit));
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(|_| Unread::Broken)?.into_data() else {
            continue;
        };
        if buffer.len() + data.len() > limit {
            return Err(Unread::TooLarge);
        }
        buffer.extend_from_slice(&data);
    }
    Ok(buffer.freeze())
}
