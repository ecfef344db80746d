//! Offset/Limit pagination as a stream of pages.

use crate::contract::error::SdkError;
use crate::contract::wire::ErrorCode;
use crate::response_future::ResponseFuture;
use futures_util::Stream;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Fetches pages from `start` until an empty page, an error, or `TotalCount` is reached.
/// `fetch(offset)` calls the action; `page_len` and `total` read its response.
pub fn pages<R, C, F>(
    start: i64,
    fetch: F,
    page_len: fn(&R) -> usize,
    total: fn(&R) -> Option<i64>,
) -> Pages<R, C, F>
where
    R: DeserializeOwned,
    C: ErrorCode,
    F: FnMut(i64) -> ResponseFuture<R, C>,
{
    Pages {
        fetch,
        next: Some(start),
        pending: None,
        page_len,
        total,
    }
}

/// The stream [`pages`] returns: one call at a time, the next offset after each page.
pub struct Pages<R, C: ErrorCode, F> {
    fetch: F,
    /// The offset of the next page to fetch, or `None` once done.
    next: Option<i64>,
    /// The page being fetched and its offset.
    pending: Option<(i64, ResponseFuture<R, C>)>,
    page_len: fn(&R) -> usize,
    total: fn(&R) -> Option<i64>,
}

// The pending call is boxed inside `ResponseFuture`: nothing needs pinning.
impl<R, C: ErrorCode, F> Unpin for Pages<R, C, F> {}

impl<R, C, F> Stream for Pages<R, C, F>
where
    R: DeserializeOwned,
    C: ErrorCode,
    F: FnMut(i64) -> ResponseFuture<R, C>,
{
    type Item = Result<R, SdkError<C>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            let Some(offset) = this.next.take() else {
                return Poll::Ready(None);
            };
            this.pending = Some((offset, (this.fetch)(offset)));
        }
        let Some((offset, call)) = &mut this.pending else {
            return Poll::Ready(None);
        };
        let offset = *offset;
        let Poll::Ready(result) = Pin::new(call).poll(cx) else {
            return Poll::Pending;
        };
        this.pending = None;
        if let Ok(page) = &result {
            let next = offset.saturating_add((this.page_len)(page) as i64);
            let more = next > offset && (this.total)(page).is_none_or(|t| next < t);
            this.next = more.then_some(next);
        }
        Poll::Ready(Some(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::wire::AnyCode;
    use futures_util::StreamExt;
    use serde_json::json;

    #[derive(Debug, serde::Deserialize)]
    struct Page {
        #[serde(rename = "Items")]
        items: Vec<u8>,
        #[serde(rename = "TotalCount")]
        total: i64,
    }

    fn page_of(offset: i64, total: i64, size: i64) -> ResponseFuture<Page, AnyCode> {
        let items: Vec<i64> = (offset..(offset + size).min(total)).collect();
        ResponseFuture::sending(Box::pin(async move {
            Ok((
                200,
                crate::answer::ResponseBody::of(&json!({"Items": items, "TotalCount": total})),
            ))
        }))
    }

    #[tokio::test]
    async fn pages_run_until_the_total_is_reached() {
        let stream = pages(
            0,
            |offset| page_of(offset, 5, 2),
            |p: &Page| p.items.len(),
            |p: &Page| Some(p.total),
        );
        let sizes: Vec<usize> = stream.map(|p| p.unwrap().items.len()).collect().await;
        assert_eq!(sizes, [2, 2, 1]);
    }

    #[tokio::test]
    async fn an_empty_page_or_an_error_ends_the_stream() {
        let empty = pages(
            3,
            |offset| page_of(offset, 3, 2),
            |p: &Page| p.items.len(),
            |_| None,
        );
        assert_eq!(empty.count().await, 1);
        let failing = pages(
            0,
            |_| ResponseFuture::refused(SdkError::<AnyCode>::Timeout(std::time::Duration::ZERO)),
            |p: &Page| p.items.len(),
            |_| None,
        );
        let all: Vec<_> = failing.collect().await;
        assert!(matches!(all.as_slice(), [Err(SdkError::Timeout(_))]));
    }
}
