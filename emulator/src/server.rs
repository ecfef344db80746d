//! The API's port: each request through the fault layer (faults stand for the network and
//! gateways), the checks the headers allow before a body is read (the Authorization
//! format, the timestamp, a known SecretId), the body within its cap, then the dispatcher;
//! and `/_emulator/…`, the control API (faults, stats, the clock, the behaviour's own).

use crate::api_error::ApiError;
use crate::clock::Clock;
use crate::dispatch::Dispatcher;
use crate::faults::{Fault, FaultPlan};
use crate::http::body::{read_body, BodyBudget};
use crate::http::listener::{Conn, Handler, Timeouts};
use crate::http::reply::{closing, full, truncated, Body};
use crate::incoming::{Head, Style};
use crate::seed::Seeds;
use bytes::Bytes;
use futures_util::future::BoxFuture;
use hyper::{Request, Response, StatusCode};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::Notify;

/// The largest request body accepted (the API's limit is 10 MB).
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

pub struct App {
    pub dispatcher: Dispatcher,
    pub faults: FaultPlan,
    pub body_budget: BodyBudget,
    pub timeouts: Timeouts,
    /// The emulator's clock, which the behaviour reads and the control API moves.
    pub clock: Clock,
    clock_moves: Mutex<()>,
    /// What a reset makes again.
    pub seeds: Seeds,
    pub started: Instant,
    /// Where the state is kept, when it is (`--state DIR`).
    pub state_file: Option<PathBuf>,
}

impl App {
    pub fn new(dispatcher: Dispatcher, timeouts: Timeouts, clock: Clock) -> App {
        let faults = FaultPlan::for_model(&dispatcher.model);
        let body_budget = BodyBudget::default();
        App {
            dispatcher,
            faults,
            body_budget,
            timeouts,
            clock,
            clock_moves: Mutex::new(()),
            seeds: Seeds::default(),
            started: Instant::now(),
            state_file: None,
        }
    }

    /// What the control API acts on.
    pub fn controls(&self) -> crate::admin::Controls<'_> {
        crate::admin::Controls {
            faults: &self.faults,
            dispatcher: &self.dispatcher,
            clock: &self.clock,
            clock_moves: &self.clock_moves,
            seeds: &self.seeds,
            started: self.started,
            state_file: self.state_file.as_deref(),
        }
    }

    /// The page a person looks at.
    pub fn page(&self) -> String {
        let model = &self.dispatcher.model;
        crate::page::render(&crate::page::PageSource {
            service: model.name(),
            version: model.version(),
            clock: &self.clock,
            uptime: self.started.elapsed(),
            behaviour: self.dispatcher.behaviour.as_deref(),
            calls: &self.dispatcher.calls,
        })
    }

    /// The body within the API's cap and the body timeout, or the API's error for it.
    async fn body(
        &self,
        parts: &hyper::http::request::Parts,
        body: hyper::body::Incoming,
    ) -> Result<Bytes, ApiError> {
        let deadline = self.timeouts.body;
        read_body(&self.body_budget, parts, body, MAX_BODY_BYTES, deadline)
            .await
            .map_err(|unread| unread.error(MAX_BODY_BYTES))
    }
}

impl Handler for App {
    fn respond(
        self: Arc<Self>,
        request: Request<hyper::body::Incoming>,
        conn: Conn,
    ) -> BoxFuture<'static, Response<Body>> {
        Box::pin(respond(self, request, conn.reset))
    }
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

/// An error answer that also closes the connection (what was left unread is not read).
fn refuse(error: ApiError) -> Response<Body> {
    let doc = crate::envelope::error(&error, &crate::envelope::next_request_id());
    closing(full(StatusCode::OK, "application/json", doc.to_string()))
}

async fn respond(
    app: Arc<App>,
    request: Request<hyper::body::Incoming>,
    reset: Arc<Notify>,
) -> Response<Body> {
    let (parts, body) = request.into_parts();
    if parts.uri.path() == crate::admin::PREFIX && parts.method == hyper::Method::GET {
        return full(StatusCode::OK, "text/html; charset=utf-8", app.page());
    }
    if parts.uri.path().starts_with(crate::admin::PREFIX) {
        return admin(&app, &parts, body).await;
    }
    let query = parts.uri.query().unwrap_or_default();
    let mut head = Head::read(parts.method.as_str(), query, &parts.headers);
    // Faults stand for the network and gateways, before the service: they are drawn as
    // soon as the action is known, before the body is read unless the body names it.
    let mut blocking = None;
    if !head.action_in_body() {
        match before_processing(&app, &stats_name(&app, &head), &reset).await {
            Ok(fault) => blocking = fault,
            Err(response) => return response,
        }
    }
    if let Err(error) = check_before_body(&app, &head) {
        return refused_before_body(&app, &head, error, blocking, &reset).await;
    }
    let body = if parts.method == hyper::Method::GET {
        Bytes::new()
    } else {
        match app.body(&parts, body).await {
            Ok(body) => body,
            Err(error) => return refuse(error),
        }
    };
    if head.action_in_body() {
        head.read_body(&body);
        match before_processing(&app, &stats_name(&app, &head), &reset).await {
            Ok(fault) => blocking = fault,
            Err(response) => return response,
        }
    }
    let document = app.dispatcher.handle(head, &body).to_string();
    match blocking {
        Some(fault) => after_processing(fault, document, &reset).await,
        None => full(StatusCode::OK, "application/json", document),
    }
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
    let body = match app.body(parts, body).await {
        Ok(body) => body,
        Err(error) => {
            // A control request is not an API call: its refusal is an HTTP status.
            let doc = serde_json::json!({ "error": error.to_string() }).to_string();
            let status = StatusCode::PAYLOAD_TOO_LARGE;
            return closing(full(status, "application/json", doc));
        }
    };
    let controls = app.controls();
    let request = crate::behaviour::ControlRequest {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or_default(),
        body: &body,
    };
    let (status, doc) = crate::admin::handle(&controls, &request);
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
/// latencies, then a status answer, a documented error code or a reset (as `Err`). What is
/// left to play after processing is returned.
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
        Some(Fault::Code(code)) => {
            let error = app.faults.coded_answer(action, &code);
            app.dispatcher.stats.received(action);
            app.dispatcher.stats.failed(action, &error.code);
            let document = crate::envelope::error(&error, &crate::envelope::next_request_id());
            Err(full(
                StatusCode::OK,
                "application/json",
                document.to_string(),
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
