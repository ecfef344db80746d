//! The agents' port: TAT's backend side, as Tencent's agent reaches it with a `config.dat`
//! of `{"url": {"invoke_url": "http://HOST:PORT/agent/invoke", "ws_url":
//! "ws://HOST:PORT/agent/ws"}}`. `POST /agent/invoke` takes the agent's calls,
//! `GET /agent/ws` its WebSocket, and `GET /agent/_emulator/logs` shows what agents
//! reported (ReportAgentLog). Hostile traffic meets the API port's limits: the same
//! connection timeouts, bodies capped (and read only after the signature is checked, for
//! every call but registering), WebSockets upgraded only for a verified instance.

use super::calls::{answer, caller, Caller};
use super::hub::Announced;
use super::signature::ReplayGuard;
use super::websocket::{self, Session};
use crate::api_error::ApiError;
use crate::behaviour::PeerPort;
use crate::envelope;
use crate::http::body::{read_body, BodyBudget};
use crate::http::listener::{Conn, Handler};
use crate::http::reply::{closing, full, Body};
use crate::services::tat::shared::Shared;
use crate::store::table::iso;
use futures_util::future::BoxFuture;
use hyper::header::{HeaderValue, CONNECTION, UPGRADE};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

/// The largest call an agent sends (an output chunk is 4 KB before Base64).
pub const MAX_CALL_BYTES: usize = 64 * 1024;
/// The longest text kept from a handshake header (version, kernel name).
const LONGEST_HEADER: usize = 64;

pub struct AgentPort {
    shared: Arc<Shared>,
    budget: BodyBudget,
    replays: ReplayGuard,
}

impl AgentPort {
    pub fn new(shared: Arc<Shared>) -> Self {
        AgentPort {
            shared,
            budget: BodyBudget::default(),
            replays: ReplayGuard::default(),
        }
    }
}

impl Handler for AgentPort {
    fn respond(
        self: Arc<Self>,
        request: Request<hyper::body::Incoming>,
        conn: Conn,
    ) -> BoxFuture<'static, Response<Body>> {
        Box::pin(async move {
            let route = (request.method().clone(), request.uri().path().to_string());
            match (&route.0, route.1.as_str()) {
                (&Method::POST, "/agent/invoke") => self.invoke(request, conn).await,
                (&Method::GET, "/agent/ws") => self.upgrade(request, conn),
                (&Method::GET, "/agent/_emulator/logs") => self.logs(),
                _ => plain(
                    StatusCode::NOT_FOUND,
                    "not an agent endpoint: POST /agent/invoke, GET /agent/ws",
                ),
            }
        })
    }
}

/// The `config.dat` that points Tencent's agent at the agents' port at `addr`.
pub fn config_dat(addr: SocketAddr) -> String {
    let config = json!({ "url": {
        "invoke_url": format!("http://{addr}/agent/invoke"),
        "ws_url": format!("ws://{addr}/agent/ws"),
    }});
    config.to_string()
}

impl PeerPort for AgentPort {
    fn describe(&self, addr: SocketAddr) -> String {
        let config = config_dat(addr);
        format!("TAT agents: put this config.dat beside tat_agent, then `tat_agent register REGION CODE_ID CODE_VALUE`:\n{config}")
    }
}

fn plain(status: StatusCode, text: &str) -> Response<Body> {
    closing(full(status, "text/plain", text.to_string()))
}

fn envelope_of(outcome: Result<Map<String, Value>, ApiError>) -> Response<Body> {
    let request_id = envelope::next_request_id();
    let document = match outcome {
        Ok(fields) => envelope::success(fields, &request_id),
        Err(error) => envelope::error(&error, &request_id),
    };
    full(StatusCode::OK, "application/json", document.to_string())
}

impl AgentPort {
    /// `POST /agent/invoke`: the caller (signature first), the body within its cap, then
    /// the action.
    async fn invoke(&self, request: Request<hyper::body::Incoming>, conn: Conn) -> Response<Body> {
        let (parts, body) = request.into_parts();
        let caller = match caller(&self.shared, &self.replays, &parts.headers) {
            Ok(caller) => caller,
            Err(error) => return closing(envelope_of(Err(error))),
        };
        let body = match read_body(
            &self.budget,
            &parts,
            body,
            MAX_CALL_BYTES,
            conn.timeouts.body,
        )
        .await
        {
            Ok(body) => body,
            Err(unread) => return closing(envelope_of(Err(unread.error(MAX_CALL_BYTES)))),
        };
        let params: Map<String, Value> = match serde_json::from_slice(&body) {
            Ok(Value::Object(params)) => params,
            _ => {
                return envelope_of(Err(ApiError::invalid_parameter(
                    "The call is not a JSON object.",
                )))
            }
        };
        let action = params
            .get("Action")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let outcome = answer(&self.shared, &caller, &action, &params, conn.peer.ip());
        if let (Caller::Instance(instance), Err(error)) = (&caller, &outcome) {
            tracing::info!(target: "tencentcloud_emulator::agents", instance, action, code = error.code, "{}", error.message);
        }
        envelope_of(outcome)
    }

    /// `GET /agent/ws`: a verified instance's WebSocket, upgraded; anything else refused.
    fn upgrade(&self, request: Request<hyper::body::Incoming>, conn: Conn) -> Response<Body> {
        let headers = request.headers();
        let wants_websocket = headers
            .get(UPGRADE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
        let key = headers
            .get("sec-websocket-key")
            .map(|k| derive_accept_key(k.as_bytes()));
        let (true, Some(accept)) = (wants_websocket, key) else {
            return plain(StatusCode::BAD_REQUEST, "a WebSocket upgrade is expected");
        };
        let instance = match caller(&self.shared, &self.replays, headers) {
            Ok(Caller::Instance(instance)) => instance,
            Ok(Caller::Unregistered) => {
                return plain(
                    StatusCode::UNAUTHORIZED,
                    "register the agent first: the handshake carries no instance",
                )
            }
            Err(error) => return plain(StatusCode::UNAUTHORIZED, &error.message),
        };
        let announced = announced(headers);
        let session = Session {
            shared: self.shared.clone(),
            instance,
            announced,
            shutdown: conn.shutdown.clone(),
        };
        tokio::spawn(async move {
            if let Ok(upgraded) = hyper::upgrade::on(request).await {
                websocket::serve(upgraded, session).await;
            }
        });
        let mut response = full(StatusCode::SWITCHING_PROTOCOLS, "text/plain", "");
        let headers = response.headers_mut();
        headers.remove(hyper::header::CONTENT_TYPE);
        headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
        headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
        if let Ok(accept) = HeaderValue::from_str(&accept) {
            headers.insert("sec-websocket-accept", accept);
        }
        response
    }

    /// `GET /agent/_emulator/logs`: what agents reported, oldest first.
    fn logs(&self) -> Response<Body> {
        let logs: Vec<Value> = self
            .shared
            .hub
            .logs()
            .into_iter()
            .map(|l| json!({ "InstanceId": l.instance_id, "Level": l.level, "AgentVersion": l.version, "LogInfo": l.text, "Time": iso(l.at) }))
            .collect();
        full(
            StatusCode::OK,
            "application/json",
            json!({ "AgentLogSet": logs }).to_string(),
        )
    }
}

/// What the agent announced in its handshake (`Tat-Version`, `Tat-KernelName`).
fn announced(headers: &hyper::HeaderMap) -> Announced {
    let header = |name: &str| {
        let value = headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        value
            .chars()
            .filter(|c| !c.is_control())
            .take(LONGEST_HEADER)
            .collect::<String>()
    };
    let environment = match header("Tat-KernelName").as_str() {
        "Windows" => "Windows",
        _ => "Linux",
    };
    Announced {
        version: header("Tat-Version"),
        environment: environment.to_string(),
    }
}
