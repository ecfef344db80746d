//! Offset/Limit pagination as a stream of pages.

use crate::error::SdkError;
use crate::wire::ErrorCode;
use futures_util::stream::{self, Stream};
use std::future::Future;

/// Fetches pages from `start` until an empty page, an error, or `TotalCount` is reached.
/// `fetch(offset)` calls the action; `page_len` and `total` read its response.
pub fn pages<R, E, F, Fut>(start: i64, fetch: F, page_len: fn(&R) -> usize, total: fn(&R) -> Option<i64>) -> impl Stream<Item = Result<R, SdkError<E>>>
where
    E: ErrorCode,
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<R, SdkError<E>>>,
{
    stream::unfold((Some(start), fetch), move |(offset, mut fetch)| async move {
        let offset = offset?;
        match fetch(offset).await {
            Ok(page) => {
                let len = page_len(&page) as i64;
                let next = offset + len;
                let more = len > 0 && total(&page).is_none_or(|t| next < t);
                Some((Ok(page), (more.then_some(next), fetch)))
            }
            Err(e) => Some((Err(e), (None, fetch))),
        }
    })
}
