//! HTTP/1.1 on a TCP listener (hyper). Faults that hyper cannot express — a TCP reset
//! before or after processing — close the socket with `SO_LINGER` 0 from beside the
//! connection.
//!
//! Hostile traffic is bounded: what the headers can show (the Authorization format, the
//! timestamp, a known SecretId) is checked before a body is read; bodies in flight share
//! one memory budget; a connection that sends nothing for a while is closed, and a body
//! must arrive in time ([`Timeouts`]); each connection holds one descriptor, and
//! an accept that fails (out of descriptors) backs off instead of spinning.

use crate::api_error::ApiError;
use crate::dispatch::Dispatcher;
use crate::faults::{Fault, FaultPlan};
use crate::incoming::{Head, Style};
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, Semaphore};
use tokio_io_timeout::TimeoutStream;

/// The largest request body accepted (the API's limit is 10 MB).
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// All bodies being read at once fit in this much memory; more wait, then are refused.
/// (Documented TAT requests are a few kilobytes; one maximal body fits at a time.)
pub const BODY_BUDGET_BYTES: usize = 16 * 1024 * 1024;
/// Bodies up to this size are read without the budget.
const SMALL_BODY_BYTES: usize = 64 * 1024;
/// How long a body may wait for its share of [`BODY_BUDGET_BYTES`].
const BUDGET_WAIT: Duration = Duration::from_secs(2);
/// How long a connection may sit idle and a body may take to arrive.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// A connection with nothing to read for this long is closed (idle keep-alive, or a
    /// client that stopped sending its headers).
    pub idle: Duration,
    /// A whole body must arrive within this long (a body trickling in is refused).
    pub body: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            idle: Duration::from_secs(20),
            body: Duration::from_secs(10),
        }
    }
}
/// How long the accept loop waits after a failed accept (out of descriptors) before trying again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

type Body = BoxBody<Bytes, std::io::Error>;

pub struct App {
    pub dispatcher: Dispatcher,
    pub faults: FaultPlan,
    /// Bytes of bodies being read, in KiB permits.
    pub body_budget: Semaphore,
    pub timeouts: Timeouts,
}

impl App {
    pub fn new(dispatcher: Dispatcher, timeouts: Timeouts) -> App {
        App {
            dispatcher,
            faults: FaultPlan::default(),
            body_budget: Semaphore::new(BODY_BUDGET_BYTES / 1024),
            timeouts,
        }
    }
}

/// Accepts connections until `shutdown` turns true.
pub async fn serve(listener: TcpListener, app: Arc<App>, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(connection(stream, app.clone(), shutdown.clone()));
                }
                Err(e) => {
                    tracing::warn!(target: "tencentcloud_emulator::server", "accept failed ({e}); retrying shortly");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                }
            },
            _ = shutdown.changed() => break,
        }
    }
}

async fn connection(stream: TcpStream, app: Arc<App>, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let fd = stream.as_raw_fd();
    let mut stream = TimeoutStream::new(stream);
    stream.set_read_timeout(Some(app.timeouts.idle));
    let reset = Arc::new(Notify::new());
    let reset_signal = reset.clone();
    let service = service_fn(move |request| respond(app.clone(), request, reset_signal.clone()));
    let conn = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(Box::pin(stream)), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = reset.notified() => {
            // SAFETY: `conn` owns the stream and is alive until the end of this function,
            // so `fd` is still this connection's open socket.
            let socket = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
            let _ = socket2::SockRef::from(&socket).set_linger(Some(Duration::ZERO));
        }
        _ = shutdown.changed() => {}
    }
    // Dropping `conn` closes the socket (with RST after a reset).
}

/// Refuses, from the headers alone, a request that cannot succeed: a TC3 POST without its
/// action, without an Authorization, or whose Authorization is malformed, stale or made
/// with an unknown SecretId. GET carries no body, a v1 form carries its signature inside the
/// body, and other methods are refused by the dispatcher.
fn check_before_body(app: &App, head: &Head<'_>) -> Result<(), ApiError> {
    match head.style {
        Style::Tc3 { flattened: false } => {
            if head.action.is_none() {
                return Err(ApiError::missing_parameter("X-TC-Action"));
            }
            crate::auth::check_headers(&app.dispatcher.keyring, head.headers, app.dispatcher.now())
        }
        Style::Tc3 { flattened: true } | Style::V1 { .. } | Style::Unsupported => Ok(()),
    }
}

fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(
        Full::new(body.into())
            .map_err(|never: Infallible| match never {})
            .boxed(),
    );
    *response.status_mut() = status;
    if let Ok(v) = content_type.parse() {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, v);
    }
    response
}

/// Announces the whole body, sends half, then fails the stream, after a pause that lets
/// the half reach the client (hyper then aborts the connection).
fn truncated(body: Vec<u8>) -> Response<Body> {
    use futures_util::StreamExt;
    let total = body.len();
    let half = Bytes::from(body).slice(..total / 2);
    let first = futures_util::stream::iter([Ok(Frame::data(half))]);
    let failure = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Err(std::io::Error::other("injected truncation"))
    });
    let mut response = Response::new(BodyExt::boxed(StreamBody::new(first.chain(failure))));
    response
        .headers_mut()
        .insert(hyper::header::CONTENT_LENGTH, total.into());
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    response
}

/// An error answer that also closes the connection (what was left unread is not read).
fn refuse(error: ApiError) -> Response<Body> {
    let doc = crate::envelope::error(&error, &crate::envelope::next_request_id());
    let mut response = full(StatusCode::OK, "application/json", doc.to_string());
    response.headers_mut().insert(
        hyper::header::CONNECTION,
        hyper::header::HeaderValue::from_static("close"),
    );
    response
}

/// The body, read within the memory budget and the body timeout. Small bodies (the
/// usual request) skip the budget, so they never queue behind large ones.
async fn read_body(
    app: &App,
    parts: &hyper::http::request::Parts,
    body: hyper::body::Incoming,
) -> Result<Bytes, ApiError> {
    let announced = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let expected = announced.unwrap_or(MAX_BODY_BYTES);
    let _permit = if expected > SMALL_BODY_BYTES {
        let kib = expected.div_ceil(1024) as u32;
        match tokio::time::timeout(BUDGET_WAIT, app.body_budget.acquire_many(kib)).await {
            Ok(Ok(permit)) => Some(permit),
            _ => {
                return Err(ApiError::new(
                    "RequestLimitExceeded",
                    "Too many large request bodies are being received at once; try again.",
                ))
            }
        }
    } else {
        None
    };
    let within = app.timeouts.body;
    match tokio::time::timeout(within, collect_into(body, announced.unwrap_or(0), expected)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(())) => Err(too_large()),
        Err(_) => Err(ApiError::new(
            "RequestTimeout",
            format!("The request body did not arrive within {within:?}."),
        )),
    }
}

/// The body's bytes in one buffer sized by its announced length, refused past `limit`.
async fn collect_into(
    mut body: hyper::body::Incoming,
    announced: usize,
    limit: usize,
) -> Result<Bytes, ()> {
    let mut buffer = bytes::BytesMut::with_capacity(announced);
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(drop)?.into_data() else {
            continue;
        };
        if buffer.len() + data.len() > limit {
            return Err(());
        }
        buffer.extend_from_slice(&data);
    }
    Ok(buffer.freeze())
}

fn too_large() -> ApiError {
    ApiError::new(
        "RequestSizeLimitExceeded",
        format!("The request body exceeds {MAX_BODY_BYTES} bytes or could not be read."),
    )
}

async fn respond(
    app: Arc<App>,
    request: Request<hyper::body::Incoming>,
    reset: Arc<Notify>,
) -> Result<Response<Body>, Infallible> {
    let (parts, body) = request.into_parts();
    if parts.uri.path().starts_with(crate::admin::PREFIX) {
        return Ok(admin(&app, &parts, body).await);
    }
    let query = parts.uri.query().unwrap_or_default();
    let mut head = Head::read(parts.method.as_str(), query, &parts.headers);
    // Faults stand for the network and gateways, before the service: they are drawn as
    // soon as the action is known, before the body is read unless the body names it.
    let mut blocking = None;
    if !head.action_in_body() {
        match before_processing(&app, &stats_name(&app, &head), &reset).await {
            Ok(fault) => blocking = fault,
            Err(response) => return Ok(response),
        }
    }
    if let Err(error) = check_before_body(&app, &head) {
        return Ok(refused_before_body(&app, &head, error, blocking, &reset).await);
    }
    let body = if parts.method == hyper::Method::GET {
        Bytes::new()
    } else {
        match read_body(&app, &parts, body).await {
            Ok(body) => body,
            Err(error) => return Ok(refuse(error)),
        }
    };
    if head.action_in_body() {
        head.read_body(&body);
        match before_processing(&app, &stats_name(&app, &head), &reset).await {
            Ok(fault) => blocking = fault,
            Err(response) => return Ok(response),
        }
    }
    let document = app.dispatcher.handle(head, &body).to_string();
    Ok(match blocking {
        Some(fault) => after_processing(fault, document, &reset).await,
        None => full(StatusCode::OK, "application/json", document),
    })
}

/// The name stats and faults know the request's action by.
fn stats_name(app: &App, head: &Head<'_>) -> String {
    app.dispatcher
        .stats_key(head.action.as_deref().unwrap_or_default())
        .to_string()
}

/// The answer to a request refused from its headers (with the fault drawn for it, if any).
async fn refused_before_body(
    app: &App,
    head: &Head<'_>,
    error: ApiError,
    blocking: Option<Fault>,
    reset: &Notify,
) -> Response<Body> {
    let action = stats_name(app, head);
    app.dispatcher.stats.received(&action);
    app.dispatcher.stats.failed(&action, &error.code);
    match blocking {
        Some(fault) => {
            let document = crate::envelope::error(&error, &crate::envelope::next_request_id());
            after_processing(fault, document.to_string(), reset).await
        }
        None => refuse(error),
    }
}

/// `/_emulator/…`: faults and stats, over HTTP.
async fn admin(
    app: &App,
    parts: &hyper::http::request::Parts,
    body: hyper::body::Incoming,
) -> Response<Body> {
    let body = match read_body(app, parts, body).await {
        Ok(body) => body,
        Err(error) => return refuse(error),
    };
    let (status, doc) = crate::admin::handle(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query().unwrap_or_default(),
        &body,
        &app.faults,
        &app.dispatcher.stats,
    );
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    full(status, "application/json", doc.to_string())
}

/// The answer `document` as a fault that strikes after processing changes it.
async fn after_processing(fault: Fault, document: String, reset: &Notify) -> Response<Body> {
    match fault {
        Fault::ResetAfterProcessing => {
            reset.notify_one();
            std::future::pending().await
        }
        Fault::TruncatedBody => truncated(document.into_bytes()),
        Fault::NonJsonBody => full(
            StatusCode::OK,
            "text/html",
            "<html><body>upstream gateway error</body></html>",
        ),
        _ => full(StatusCode::OK, "application/json", document),
    }
}

/// Draws the faults for `action` and plays those that come before the service: the
/// latencies, then a status answer or a reset (as `Err`). What is left to play after
/// processing is returned.
async fn before_processing(
    app: &App,
    action: &str,
    reset: &Notify,
) -> Result<Option<Fault>, Response<Body>> {
    let faults = app.faults.draw(action);
    for fault in &faults {
        if let Fault::Latency(d) = fault {
            tokio::time::sleep(*d).await;
        }
    }
    match faults.into_iter().find(|f| !matches!(f, Fault::Latency(_))) {
        Some(Fault::Status(code)) => {
            app.dispatcher.stats.received(action);
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_GATEWAY);
            Err(full(
                status,
                "text/html",
                format!("<html><body><h1>{status}</h1></body></html>"),
            ))
        }
        Some(Fault::ResetBeforeProcessing) => {
            app.dispatcher.stats.received(action);
            reset.notify_one();
            std::future::pending().await
        }
        other => Ok(other),
    }
}
