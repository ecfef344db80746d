//! A local emulator of a Tencent Cloud service, built from the same doc drops (and the
//! same IR) as the generated client. It speaks the wire protocol (POST JSON, `X-TC-*`
//! headers, TC3 signatures, the `{"Response": …}` envelopes), checks every request
//! against the documented limits, enforces documented rates, keeps state for TAT's core
//! flows, answers other actions from their documented examples, and injects faults.
//!
//! ```no_run
//! # async fn demo() -> Result<(), String> {
//! let emulator = tencentcloud_emulator::Emulator::builder().start().await?;
//! println!("TAT emulator on {}", emulator.url());
//! # Ok(()) }
//! ```

pub mod admin;
pub mod api_error;
pub mod auth;
pub mod behaviour;
pub mod catalog;
pub mod cli;
pub mod dispatch;
mod envelope;
pub mod error_codes;
mod examples;
pub mod faults;
pub mod listing;
mod server;
pub mod stats;
pub mod tat;
mod throttle;
pub mod validate;

pub use api_error::ApiError;
pub use catalog::Catalog;
pub use faults::{Fault, FaultPlan, FaultRule};
pub use stats::{ActionStats, Stats};
pub use tat::TaskTiming;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The key pair every emulator knows unless told otherwise (not a secret: local only).
pub const DEMO_SECRET_ID: &str = "AKIDEMULATOR0000000000000000000000";
pub const DEMO_SECRET_KEY: &str = "emulator-secret-key-for-local-use-only";

/// The TAT doc drops of this repository, the default service.
pub fn default_specs_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/tat"))
}

pub struct EmulatorBuilder {
    specs: Option<PathBuf>,
    catalog: Option<Catalog>,
    listen: SocketAddr,
    keys: Vec<(String, String, Option<String>)>,
    rate_scale: Option<f64>,
    timing: TaskTiming,
    clock_offset: Duration,
}

impl EmulatorBuilder {
    /// Serve the service of this doc-drop directory (default: `specs/tat`).
    pub fn specs_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.specs = Some(dir.into());
        self
    }

    /// Serve an already built IR.
    pub fn catalog(mut self, catalog: Catalog) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// Address to listen on (default `127.0.0.1:0`, a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Accept this key (replaces the demo key); call again to add more.
    pub fn credentials(mut self, secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        self.keys.push((secret_id.into(), secret_key.into(), None));
        self
    }

    /// Accept a temporary key, which must come with its `X-TC-Token`.
    pub fn temporary_credentials(mut self, secret_id: impl Into<String>, secret_key: impl Into<String>, token: impl Into<String>) -> Self {
        self.keys.push((secret_id.into(), secret_key.into(), Some(token.into())));
        self
    }

    /// Enforce the documented rates multiplied by `scale` (default 1.0); `None`: no limits.
    pub fn rate_limits(mut self, scale: Option<f64>) -> Self {
        self.rate_scale = scale;
        self
    }

    pub fn task_timing(mut self, timing: TaskTiming) -> Self {
        self.timing = timing;
        self
    }

    /// Run the signature clock this far ahead (to see clients' signatures expire).
    pub fn clock_offset(mut self, offset: Duration) -> Self {
        self.clock_offset = offset;
        self
    }

    /// Binds and serves on the current Tokio runtime.
    pub async fn start(self) -> Result<Emulator, String> {
        let catalog = match self.catalog {
            Some(c) => c,
            None => {
                let dir = self.specs.unwrap_or_else(default_specs_dir);
                Catalog::load(&dir).map_err(|e| format!("cannot read the doc drops in {}: {e}", dir.display()))?
            }
        };
        let mut keyring = auth::Keyring::default();
        let keys = if self.keys.is_empty() { vec![(DEMO_SECRET_ID.to_string(), DEMO_SECRET_KEY.to_string(), None)] } else { self.keys };
        for (id, key, token) in keys {
            keyring.insert(id, key, token);
        }
        let behaviour: Option<Box<dyn behaviour::Behaviour>> = match catalog.name() {
            "tat" => Some(Box::new(tat::Tat::new(self.timing))),
            _ => None,
        };
        let throttle = self.rate_scale.map(|scale| throttle::Throttle::new(&catalog, scale));
        let dispatcher = dispatch::Dispatcher { catalog, keyring, throttle, behaviour, stats: Stats::default(), clock_offset: self.clock_offset };
        let app = Arc::new(server::App { dispatcher, faults: FaultPlan::default() });
        let listener = tokio::net::TcpListener::bind(self.listen).await.map_err(|e| format!("cannot listen on {}: {e}", self.listen))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let (shutdown, watcher) = watch::channel(false);
        tokio::spawn(server::serve(listener, app.clone(), watcher));
        Ok(Emulator { addr, url: format!("http://{addr}/"), app, shutdown })
    }
}

/// A running emulator; it stops when dropped.
pub struct Emulator {
    addr: SocketAddr,
    url: String,
    app: Arc<server::App>,
    shutdown: watch::Sender<bool>,
}

impl Emulator {
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            specs: None,
            catalog: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            keys: Vec::new(),
            rate_scale: Some(1.0),
            timing: TaskTiming::default(),
            clock_offset: Duration::ZERO,
        }
    }

    /// Base URL for a client (`http://127.0.0.1:PORT/`).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn faults(&self) -> &FaultPlan {
        &self.app.faults
    }

    pub fn stats(&self) -> &Stats {
        &self.app.dispatcher.stats
    }

    pub fn catalog(&self) -> &Catalog {
        &self.app.dispatcher.catalog
    }

    /// Stops accepting and closes open connections.
    pub fn stop(&self) {
        let _ = self.shutdown.send(true);
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop();
    }
}
