//! The API's port from the moment it is bound: until the emulator is ready (its service
//! read, its state read back, its seeds made), every request is answered 503 with
//! `{"status": "starting"}`, so a health check (`GET /_emulator/health`) can wait on it;
//! then each request goes to the emulator.

use crate::http::listener::{Conn, Handler};
use crate::http::reply::{full, Body};
use crate::server::App;
use futures_util::future::BoxFuture;
use hyper::{Request, Response, StatusCode};
use std::sync::{Arc, OnceLock};

#[derive(Default)]
pub struct Gate {
    app: OnceLock<Arc<App>>,
}

impl Gate {
    /// From now on, requests go to `app`.
    pub fn open(&self, app: Arc<App>) {
        let _ = self.app.set(app);
    }
}

impl Handler for Gate {
    fn respond(
        self: Arc<Self>,
        request: Request<hyper::body::Incoming>,
        conn: Conn,
    ) -> BoxFuture<'static, Response<Body>> {
        match self.app.get() {
            Some(app) => app.clone().respond(request, conn),
            None => Box::pin(async {
                let body = r#"{"status": "starting"}"#.to_string();
                full(StatusCode::SERVICE_UNAVAILABLE, "application/json", body)
            }),
        }
    }
}
