//! Interceptors: code of yours around each attempt of every call. Before signing, a hook
//! reads and may change the request's body and headers; after signing it reads the request
//! as sent; after the answer it reads the status, headers, body, the time taken and the
//! outcome. Several run in the order they were added; a hook that fails ends the call with
//! [`SdkError::Interceptor`] naming it. With none, a call does nothing more than before.

use crate::contract::error::{BoxError, SdkError};
use crate::contract::wire::AnyCode;
use crate::headers::{check_custom, Shown};
use crate::http_client::exchange::{HttpRequest, HttpResponse};
use http::HeaderMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Hooks around each attempt; each defaults to doing nothing.
pub trait Interceptor: Send + Sync {
    /// How errors name this interceptor (its type by default).
    fn name(&self) -> &str {
        std::any::type_name::<Self>()
    }

    /// Before the attempt is signed: the body and the headers added to the client's own
    /// may change (what changes is signed).
    fn before_signing(&self, request: &mut BeforeSigning<'_>) -> Result<(), BoxError> {
        let _ = request;
        Ok(())
    }

    /// The request as it is about to be sent, signed.
    fn after_signing(&self, request: &AfterSigning<'_>) -> Result<(), BoxError> {
        let _ = request;
        Ok(())
    }

    /// What became of the attempt.
    fn after_answer(&self, answer: &AfterAnswer<'_>) -> Result<(), BoxError> {
        let _ = answer;
        Ok(())
    }
}

/// An attempt before signing.
pub struct BeforeSigning<'a> {
    pub(crate) action: &'static str,
    pub(crate) attempt: u32,
    pub(crate) body: &'a mut Vec<u8>,
    pub(crate) headers: &'a mut HeaderMap,
}

impl BeforeSigning<'_> {
    pub fn action(&self) -> &'static str {
        self.action
    }

    /// 1 for the first attempt of a call, 2 for its first retry…
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The JSON body.
    pub fn body(&self) -> &[u8] {
        self.body
    }

    pub fn body_mut(&mut self) -> &mut Vec<u8> {
        self.body
    }

    /// Headers sent besides the client's own (defaults, the call's, other hooks').
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// May not hold the client's own headers (`Authorization`, `X-TC-Action`, …).
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers
    }
}

/// An attempt signed, about to be sent.
pub struct AfterSigning<'a> {
    pub(crate) attempt: u32,
    pub(crate) request: &'a HttpRequest,
}

impl AfterSigning<'_> {
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The request as sent (its `Authorization` and `X-TC-Token` are secrets: never log
    /// them).
    pub fn request(&self) -> &HttpRequest {
        self.request
    }
}

/// An attempt's end.
pub struct AfterAnswer<'a> {
    pub(crate) action: &'static str,
    pub(crate) attempt: u32,
    pub(crate) response: Option<&'a HttpResponse>,
    pub(crate) elapsed: Duration,
    pub(crate) outcome: Result<(), &'a SdkError<AnyCode>>,
}

impl AfterAnswer<'_> {
    pub fn action(&self) -> &'static str {
        self.action
    }

    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The HTTP answer; `None` when none came (connection failure, timeout).
    pub fn response(&self) -> Option<&HttpResponse> {
        self.response
    }

    /// From signing to the answer read.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The attempt's outcome as the call sees it (a service error, a decode error…).
    pub fn outcome(&self) -> Result<(), &SdkError<AnyCode>> {
        self.outcome
    }
}

/// The client's interceptors, in order.
#[derive(Clone, Default)]
pub struct Interceptors(Vec<Arc<dyn Interceptor>>);

impl Interceptors {
    pub(crate) fn push(&mut self, interceptor: Arc<dyn Interceptor>) {
        self.0.push(interceptor);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn before_signing(
        &self,
        request: &mut BeforeSigning<'_>,
    ) -> Result<(), SdkError<AnyCode>> {
        for interceptor in &self.0 {
            let checked = interceptor
                .before_signing(request)
                .and_then(|()| check_custom(request.headers).map_err(BoxError::from));
            checked.map_err(|source| failed(interceptor.as_ref(), source))?;
        }
        Ok(())
    }

    pub(crate) fn after_signing(
        &self,
        request: &AfterSigning<'_>,
    ) -> Result<(), SdkError<AnyCode>> {
        for interceptor in &self.0 {
            interceptor
                .after_signing(request)
                .map_err(|source| failed(interceptor.as_ref(), source))?;
        }
        Ok(())
    }

    pub(crate) fn after_answer(&self, answer: &AfterAnswer<'_>) -> Result<(), SdkError<AnyCode>> {
        for interceptor in &self.0 {
            interceptor
                .after_answer(answer)
                .map_err(|source| failed(interceptor.as_ref(), source))?;
        }
        Ok(())
    }
}

fn failed(interceptor: &dyn Interceptor, source: BoxError) -> SdkError<AnyCode> {
    SdkError::Interceptor {
        name: interceptor.name().to_string(),
        source,
    }
}

impl fmt::Debug for Interceptors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|i| i.name()))
            .finish()
    }
}

impl fmt::Debug for BeforeSigning<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BeforeSigning")
            .field("action", &self.action)
            .field("attempt", &self.attempt)
            .field("body_bytes", &self.body.len())
            .field("headers", &Shown(self.headers))
            .finish()
    }
}
