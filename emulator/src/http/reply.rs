//! Plain answers: a whole body with its status and content type, or a body announced whole
//! and cut off halfway (a fault).

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper::{Response, StatusCode};
use std::convert::Infallible;
use std::time::Duration;

/// What every port answers with.
pub type Body = BoxBody<Bytes, std::io::Error>;

/// A whole answer.
pub fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let body = Full::new(body.into()).map_err(|never: Infallible| match never {});
    let mut response = Response::new(body.boxed());
    *response.status_mut() = status;
    if let Ok(v) = content_type.parse() {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, v);
    }
    response
}

/// An answer that also closes the connection (what was left unread is not read).
pub fn closing(mut response: Response<Body>) -> Response<Body> {
    let close = hyper::header::HeaderValue::from_static("close");
    response
        .headers_mut()
        .insert(hyper::header::CONNECTION, close);
    response
}

/// Announces the whole body, sends half, then fails the stream, after a pause that lets
/// the half reach the client (hyper then aborts the connection).
pub fn truncated(body: Vec<u8>) -> Response<Body> {
    use futures_util::StreamExt;
    let total = body.len();
    let half = Bytes::from(body).slice(..total / 2);
    let first = futures_util::stream::iter([Ok(Frame::data(half))]);
    let failure = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Err(std::io::Error::other("injected truncation"))
    });
    let mut response = Response::new(BodyExt::boxed(StreamBody::new(first.chain(failure))));
    let headers = response.headers_mut();
    headers.insert(hyper::header::CONTENT_LENGTH, total.into());
    let json = hyper::header::HeaderValue::from_static("application/json");
    headers.insert(hyper::header::CONTENT_TYPE, json);
    response
}
