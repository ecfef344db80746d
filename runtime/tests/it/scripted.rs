//! What the runtime's own tests call through: a service of no crate (`things`), a request
//! type written by hand, and an HTTP client that answers from a script (no socket) and
//! keeps every request it was given.

use std::sync::{Arc, Mutex};
use tencentcloud_runtime::futures_util::future::BoxFuture;
use tencentcloud_runtime::rules::Violations;
use tencentcloud_runtime::{
    Client, ClientBuilder, HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse,
    ServiceSpec, Validate,
};

pub const THINGS: ServiceSpec = ServiceSpec {
    name: "things",
    version: "2024-01-01",
    default_host: "things.tencentcloudapi.com",
    sdk_version: "9.9.9",
};

/// A request of any action: a name, written as `{"Name": …}`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Named {
    #[serde(rename = "Name")]
    pub name: String,
}

impl Validate for Named {
    fn validate_into(&self, _path: &str, _out: &mut Violations) {}
}

/// An answer, or why none came.
pub type Answer = Result<HttpResponse, HttpError>;

/// What the script gives for the `n`th request (from 1).
pub type Step = Box<dyn Fn(usize, &HttpRequest) -> Answer + Send + Sync>;

/// An HTTP client answering from a script; cheap to clone, clones share what was sent.
#[derive(Clone)]
pub struct Scripted {
    step: Arc<Step>,
    pub sent: Arc<Mutex<Vec<HttpRequest>>>,
}

impl std::fmt::Debug for Scripted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scripted")
    }
}

impl Scripted {
    pub fn new(step: impl Fn(usize, &HttpRequest) -> Answer + Send + Sync + 'static) -> Self {
        Scripted {
            step: Arc::new(Box::new(step)),
            sent: Arc::default(),
        }
    }

    /// How many requests were sent.
    pub fn count(&self) -> usize {
        self.sent.lock().unwrap().len()
    }

    /// The host of each request sent, in order.
    pub fn hosts(&self) -> Vec<String> {
        let sent = self.sent.lock().unwrap();
        sent.iter()
            .map(|r| {
                r.url
                    .trim_start_matches("https://")
                    .trim_end_matches('/')
                    .to_string()
            })
            .collect()
    }

    /// A client of `things` sending through this script.
    pub fn client(&self) -> ClientBuilder<Client> {
        Client::builder(THINGS)
            .credentials(tencentcloud_runtime::Credentials::new(
                "AKIDtest", "testkey",
            ))
            .region("ap-guangzhou")
            .http_client(self.clone())
    }
}

impl HttpClient for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, HttpError>> {
        let n = {
            let mut sent = self.sent.lock().unwrap();
            sent.push(request.clone());
            sent.len()
        };
        let answer = (self.step)(n, &request);
        Box::pin(async move { answer })
    }
}

/// A success of the API: `{"Response": {…members, "RequestId": "r-n"}}`.
pub fn ok(members: &str) -> Result<HttpResponse, HttpError> {
    let comma = if members.is_empty() { "" } else { ", " };
    let body = format!(r#"{{"Response": {{{members}{comma}"RequestId": "r-ok"}}}}"#);
    Ok(HttpResponse::json(200, body.into_bytes()))
}

/// A service error of the API.
pub fn service_error(code: &str) -> Result<HttpResponse, HttpError> {
    let body = format!(
        r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "m"}}, "RequestId": "r-err"}}}}"#
    );
    Ok(HttpResponse::json(200, body.into_bytes()))
}

/// No answer: the connection failed before (`NotSent`) or after (`MaybeSent`) sending.
pub fn failed(kind: HttpErrorKind) -> Result<HttpResponse, HttpError> {
    Err(HttpError::new(kind, "scripted failure"))
}
