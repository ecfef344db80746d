//! HTTP/1.1 on a TCP listener (hyper). Faults that hyper cannot express — a TCP reset
//! before or after processing — close the socket with `SO_LINGER` 0 from beside the
//! connection.

use crate::dispatch::{Dispatcher, Incoming};
use crate::faults::{Fault, FaultPlan};
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, Limited, StreamBody};
use hyper::body::Frame;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};

/// The largest request body accepted (the API's limit is 10 MB).
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

type Body = BoxBody<Bytes, std::io::Error>;

pub struct App {
    pub dispatcher: Dispatcher,
    pub faults: FaultPlan,
}

/// Accepts connections until `shutdown` turns true.
pub async fn serve(listener: TcpListener, app: Arc<App>, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                tokio::spawn(connection(stream, app.clone(), shutdown.clone()));
            }
            _ = shutdown.changed() => break,
        }
    }
}

async fn connection(stream: TcpStream, app: Arc<App>, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    // A second handle on the socket, to reset it while hyper owns the stream.
    let Ok(std_stream) = stream.into_std() else { return };
    let Ok(reset_handle) = std_stream.try_clone() else { return };
    let Ok(stream) = TcpStream::from_std(std_stream) else { return };
    let reset = Arc::new(Notify::new());
    let reset_signal = reset.clone();
    let service = service_fn(move |request| respond(app.clone(), request, reset_signal.clone()));
    let conn = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = reset.notified() => {
            let _ = socket2::SockRef::from(&reset_handle).set_linger(Some(Duration::ZERO));
        }
        _ = shutdown.changed() => {}
    }
    // Dropping `conn`, then the last handle, closes the socket (with RST after a reset).
}

fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Full::new(body.into()).map_err(|never: Infallible| match never {}).boxed());
    *response.status_mut() = status;
    if let Ok(v) = content_type.parse() {
        response.headers_mut().insert(hyper::header::CONTENT_TYPE, v);
    }
    response
}

/// Announces the whole body, sends half, then fails the stream (hyper aborts the connection).
fn truncated(body: Vec<u8>) -> Response<Body> {
    let total = body.len();
    let half = Bytes::from(body).slice(..total / 2);
    let frames: Vec<Result<Frame<Bytes>, std::io::Error>> = vec![Ok(Frame::data(half)), Err(std::io::Error::other("injected truncation"))];
    let stream = StreamBody::new(futures_util::stream::iter(frames));
    let mut response = Response::new(BodyExt::boxed(stream));
    response.headers_mut().insert(hyper::header::CONTENT_LENGTH, total.into());
    response.headers_mut().insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    response
}

async fn respond(app: Arc<App>, request: Request<hyper::body::Incoming>, reset: Arc<Notify>) -> Result<Response<Body>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            let error =
                crate::api_error::ApiError::new("RequestSizeLimitExceeded", format!("The request body exceeds {MAX_BODY_BYTES} bytes or could not be read."));
            let doc = crate::envelope::error(&error, &crate::envelope::next_request_id());
            return Ok(full(StatusCode::OK, "application/json", doc.to_string()));
        }
    };
    if parts.uri.path().starts_with(crate::admin::PREFIX) {
        let (status, doc) =
            crate::admin::handle(parts.method.as_str(), parts.uri.path(), parts.uri.query().unwrap_or_default(), &body, &app.faults, &app.dispatcher.stats);
        return Ok(full(StatusCode::from_u16(status).unwrap_or(StatusCode::OK), "application/json", doc.to_string()));
    }
    let incoming = Incoming { method: parts.method.as_str(), query: parts.uri.query().unwrap_or_default(), headers: &parts.headers, body: &body };
    let action = app.dispatcher.stats_key(&crate::request_style::action_named(&incoming)).to_string();
    let faults = app.faults.draw(&action);
    for fault in &faults {
        if let Fault::Latency(d) = fault {
            tokio::time::sleep(*d).await;
        }
    }
    let blocking = faults.into_iter().find(|f| !matches!(f, Fault::Latency(_)));
    match blocking {
        Some(Fault::Status(code)) => {
            app.dispatcher.stats.received(&action);
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_GATEWAY);
            return Ok(full(status, "text/html", format!("<html><body><h1>{status}</h1></body></html>")));
        }
        Some(Fault::ResetBeforeProcessing) => {
            app.dispatcher.stats.received(&action);
            reset.notify_one();
            std::future::pending::<()>().await;
        }
        _ => {}
    }
    let document = app.dispatcher.handle(&incoming).to_string();
    Ok(match blocking {
        Some(Fault::ResetAfterProcessing) => {
            reset.notify_one();
            std::future::pending().await
        }
        Some(Fault::TruncatedBody) => truncated(document.into_bytes()),
        Some(Fault::NonJsonBody) => full(StatusCode::OK, "text/html", "<html><body>upstream gateway error</body></html>"),
        _ => full(StatusCode::OK, "application/json", document),
    })
}
