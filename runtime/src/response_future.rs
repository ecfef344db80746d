//! The future `send()` returns. Its generic part is small and synchronous (validate,
//! serialise, then read the typed answer); the transport, retries and the envelope are one
//! boxed future compiled once in the runtime, so a generated crate with hundreds of
//! actions does not compile hundreds of copies of the HTTP state machine.

use crate::answer::{self, ResponseBody};
use crate::contract::error::SdkError;
use crate::contract::wire::{AnyCode, ErrorCode};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The untyped answer of a sent request: HTTP status and `Response` object.
pub(crate) type Untyped =
    Pin<Box<dyn Future<Output = Result<(u16, ResponseBody), SdkError<AnyCode>>> + Send>>;

/// The typed answer of one call, once awaited.
#[must_use = "a request is sent only when its future is awaited"]
pub struct ResponseFuture<R, C: ErrorCode> {
    state: State<R, C>,
    response: PhantomData<fn() -> R>,
}

enum State<R, C: ErrorCode> {
    /// Refused before sending (validation, serialisation): the error, until taken.
    Refused(Option<SdkError<C>>),
    /// Answered without sending (a test double's typed answer), until taken.
    Answered(Option<Box<R>>),
    Sending(Untyped),
}

impl<R, C: ErrorCode> ResponseFuture<R, C> {
    pub(crate) fn refused(error: SdkError<C>) -> Self {
        ResponseFuture {
            state: State::Refused(Some(error)),
            response: PhantomData,
        }
    }

    pub(crate) fn sending(untyped: Untyped) -> Self {
        ResponseFuture {
            state: State::Sending(untyped),
            response: PhantomData,
        }
    }

    #[cfg_attr(not(feature = "test-util"), allow(dead_code))]
    pub(crate) fn answered(response: Box<R>) -> Self {
        ResponseFuture {
            state: State::Answered(Some(response)),
            response: PhantomData,
        }
    }
}

// Nothing is pinned in place: the sending part is boxed.
impl<R, C: ErrorCode> Unpin for ResponseFuture<R, C> {}

impl<R: DeserializeOwned, C: ErrorCode> Future for ResponseFuture<R, C> {
    type Output = Result<R, SdkError<C>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.get_mut().state {
            // Like any future, it is polled to completion once; a second poll is a caller bug.
            State::Refused(error) => Poll::Ready(Err(error
                .take()
                .expect("ResponseFuture polled after completion"))),
            State::Answered(response) => Poll::Ready(Ok(*response
                .take()
                .expect("ResponseFuture polled after completion"))),
            State::Sending(untyped) => match untyped.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Err(e)) => Poll::Ready(Err(e.typed())),
                Poll::Ready(Ok((status, response))) => {
                    Poll::Ready(answer::typed_response(status, &response))
                }
            },
        }
    }
}

impl<R, C: ErrorCode> std::fmt::Debug for ResponseFuture<R, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Refused(_) => "refused",
            State::Answered(_) => "answered",
            State::Sending(_) => "sending",
        };
        f.debug_struct("ResponseFuture")
            .field("state", &state)
            .finish()
    }
}
