//! A local emulator of a Tencent Cloud service, built from the same doc drops (and the
//! same doc model) as the generated client. It speaks the wire protocol (POST JSON,
//! `X-TC-*` headers, TC3 signatures, the `{"Response": …}` envelopes), checks every
//! request against the documented limits, enforces documented rates, keeps state where a
//! service's behaviour models it ([`services`]), answers other actions from their
//! documented examples, and injects faults.
//!
//! ```no_run
//! # async fn demo() -> Result<(), tencentcloud_emulator::StartError> {
//! let emulator = tencentcloud_emulator::Emulator::builder().specs_dir("specs/demo").start().await?;
//! println!("listening on {}", emulator.url());
//! # Ok(()) }
//! ```

pub mod admin;
pub mod api_error;
pub mod auth;
pub mod auth_v1;
pub mod behaviour;
pub mod cli;
pub mod clock;
pub mod dispatch;
mod envelope;
pub mod error_codes;
mod examples;
pub mod faults;
pub mod http;
pub mod incoming;
mod models_read;
pub mod overview;
mod page;
mod readiness;
pub mod request_style;
pub mod schema_answer;
pub mod seed;
mod server;
pub mod service_model;
pub mod services;
pub mod stats;
pub mod store;
mod throttle;
pub mod validate;

pub use api_error::ApiError;
pub use behaviour::{Behaviour, PeerPort};
pub use clock::{Clock, ClockMode};
pub use faults::{Fault, FaultPlan, FaultRefused, FaultRule};
pub use http::listener::Timeouts;
pub use seed::Seeds;
pub use service_model::{LoadError, ServiceModel};
pub use stats::{ActionStats, Stats};

use crate::http::listener::serve;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The key pair every emulator knows unless told otherwise (not a secret: local only).
pub const DEMO_SECRET_ID: &str = "AKIDEMULATOR0000000000000000000000";
pub const DEMO_SECRET_KEY: &str = "emulator-secret-key-for-local-use-only";

/// Why an emulator did not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    #[error("no doc drops to serve: give .specs_dir(…) or .service_model(…)")]
    NoService,
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("the {service} behaviour cannot start: {message}")]
    Behaviour { service: String, message: String },
    #[error("{0}")]
    State(String),
    #[error("a seed cannot be made: {0}")]
    Seed(String),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

pub struct EmulatorBuilder {
    specs: Option<PathBuf>,
    model: Option<ServiceModel>,
    behaviour: Option<Box<dyn Behaviour>>,
    listen: SocketAddr,
    peer_listen: SocketAddr,
    keys: Vec<Key>,
    rate_scale: Option<f64>,
    clock_offset: Duration,
    clock_mode: ClockMode,
    timeouts: Timeouts,
    state: Option<(PathBuf, bool)>,
    seeds: Seeds,
}

impl EmulatorBuilder {
    /// Serve the service of this doc-drop directory.
    pub fn specs_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.specs = Some(dir.into());
        self
    }

    /// Serve an already built doc model.
    pub fn service_model(mut self, model: ServiceModel) -> Self {
        self.model = Some(model);
        self
    }

    /// Keep state with this behaviour (default: the one [`services`] registers for the
    /// service, if any; every other action answers from its documented examples).
    pub fn behaviour(mut self, behaviour: impl Behaviour + 'static) -> Self {
        self.behaviour = Some(Box::new(behaviour));
        self
    }

    /// Address to listen on (default `127.0.0.1:0`, a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Address for the behaviour's own port, when it serves one (TAT: where its agents
    /// connect; default `127.0.0.1:0`, a free port).
    pub fn peer_listen(mut self, addr: SocketAddr) -> Self {
        self.peer_listen = addr;
        self
    }

    /// Accept this key (replaces the demo key); call again to add more.
    pub fn credentials(self, secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        self.key(Key::new(secret_id, secret_key))
    }

    /// Accept a temporary key, which must come with its `X-TC-Token`.
    pub fn temporary_credentials(
        self,
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
        token: impl Into<String>,
    ) -> Self {
        self.key(Key::new(secret_id, secret_key).token(token))
    }

    /// Accept this key (replaces the demo key): with its token and account, if it has them.
    pub fn key(mut self, key: Key) -> Self {
        self.keys.push(key);
        self
    }

    /// Enforce the documented rates multiplied by `scale` (default 1.0); `None`: no limits.
    pub fn rate_limits(mut self, scale: Option<f64>) -> Self {
        self.rate_scale = scale;
        self
    }

    /// How long connections may idle and bodies may take (default 20 s and 10 s).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Run the signature clock this far ahead (to see clients' signatures expire).
    pub fn clock_offset(mut self, offset: Duration) -> Self {
        self.clock_offset = offset;
        self
    }

    /// The emulator's clock: real time (the default), or held at the start until moved
    /// (`Emulator::clock`, `POST /_emulator/clock`). Signatures keep the real clock.
    pub fn clock(mut self, mode: ClockMode) -> Self {
        self.clock_mode = mode;
        self
    }

    /// Keep the state in `dir` (`state.redb`): what calls change is written before they are
    /// answered, and read back at the next start. `fresh`: start empty on purpose.
    pub fn state_dir(mut self, dir: impl Into<PathBuf>, fresh: bool) -> Self {
        self.state = Some((dir.into(), fresh));
        self
    }

    /// Make these seeds at start (when the state is new) and at every reset.
    pub fn seeds(mut self, seeds: Seeds) -> Self {
        self.seeds = seeds;
        self
    }

    /// Binds and serves on the current Tokio runtime: the API (answering 503 until the
    /// emulator is ready), and the behaviour's own port when it serves one.
    pub async fn start(self) -> Result<Emulator, StartError> {
        let (listener, addr) = bind(self.listen).await?;
        let gate = Arc::new(readiness::Gate::default());
        let (shutdown, watcher) = watch::channel(false);
        tokio::spawn(serve(
            listener,
            gate.clone(),
            self.timeouts,
            watcher.clone(),
        ));
        let (timeouts, peer_listen) = (self.timeouts, self.peer_listen);
        let prepared = tokio::task::spawn_blocking(move || self.prepare()).await;
        let app = Arc::new(prepared.map_err(|e| StartError::Behaviour {
            service: "(start)".into(),
            message: e.to_string(),
        })??);
        let peer = match app
            .dispatcher
            .behaviour
            .as_ref()
            .and_then(|b| b.peer_port())
        {
            Some(port) => {
                let (listener, addr) = bind(peer_listen).await?;
                let description = port.describe(addr);
                tokio::spawn(serve(listener, port, timeouts, watcher));
                Some(PeerAddr { addr, description })
            }
            None => None,
        };
        gate.open(app.clone());
        Ok(Emulator {
            addr,
            url: format!("http://{addr}/"),
            app,
            peer,
            shutdown,
        })
    }

    /// The service, its behaviour with its state read back, and its seeds made.
    fn prepare(self) -> Result<server::App, StartError> {
        let model = match (self.model, self.specs) {
            (Some(c), _) => c,
            (None, Some(dir)) => models_read::model_of(&dir)?,
            (None, None) => return Err(StartError::NoService),
        };
        for action in model.actions_without_example_answer() {
            tracing::warn!(
                target: "tencentcloud_emulator::model",
                "{}: {} has no usable example answer; the emulator answers it from the response table",
                action.location, action.name
            );
        }
        let behaviour = match self.behaviour {
            Some(b) => Some(b),
            None => builtin_behaviour(&model)?,
        };
        let clock = Clock::new(self.clock_mode);
        if let Some(behaviour) = &behaviour {
            behaviour.use_clock(&clock);
        }
        let (restored, state_file) = restore(behaviour.as_deref(), self.state, &clock)?;
        let throttle = self
            .rate_scale
            .map(|scale| throttle::Throttle::new(&model, scale));
        let dispatcher = dispatch::Dispatcher {
            model,
            keyring: keyring(self.keys),
            throttle,
            behaviour,
            stats: Stats::default(),
            calls: crate::overview::CallLog::default(),
            clock_offset: self.clock_offset,
        };
        let mut app = server::App::new(dispatcher, self.timeouts, clock);
        if restored {
            self.seeds
                .apply(&app.dispatcher, None)
                .map_err(StartError::Seed)?;
        }
        app.seeds = self.seeds;
        app.state_file = state_file;
        Ok(app)
    }
}

/// The behaviour's state read back from its directory, if it keeps one; whether it starts
/// afresh (and so makes its seeds), and the state file. The clock goes on from the latest
/// time the state saw.
fn restore(
    behaviour: Option<&dyn Behaviour>,
    state: Option<(PathBuf, bool)>,
    clock: &Clock,
) -> Result<(bool, Option<PathBuf>), StartError> {
    let Some((dir, fresh)) = state else {
        return Ok((true, None));
    };
    let durable =
        store::durable::Durable::open(&dir, fresh).map_err(|e| StartError::State(e.to_string()))?;
    let file = durable.file().to_path_buf();
    let restored = match behaviour {
        Some(behaviour) => behaviour.use_durable(durable).map_err(StartError::State)?,
        None => behaviour::Restored {
            empty: true,
            last_seen: None,
        },
    };
    if let Some(seen) = restored.last_seen.filter(|seen| *seen > clock.now()) {
        let _ = clock.move_to(seen);
    }
    Ok((restored.empty, Some(file)))
}

/// A key the emulator accepts: its SecretId and SecretKey, the token a temporary key's
/// requests carry, and the account it belongs to (resources belong to accounts).
#[derive(Clone)]
pub struct Key {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    account: String,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("secret_id", &self.secret_id)
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

impl Key {
    /// A key of the default account.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Key {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
            account: auth::DEFAULT_ACCOUNT.to_string(),
        }
    }

    /// A temporary key: its requests must carry this token.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The account the key belongs to.
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.account = account.into();
        self
    }
}

/// The keys the emulator accepts: the given ones, else the demo key.
fn keyring(keys: Vec<Key>) -> auth::Keyring {
    let mut keyring = auth::Keyring::default();
    if keys.is_empty() {
        keyring.insert(DEMO_SECRET_ID, DEMO_SECRET_KEY, None);
    }
    for key in keys {
        keyring.insert_for(key.secret_id, key.secret_key, key.token, key.account);
    }
    keyring
}

/// The behaviour [`services`] registers for the model's service, if any.
fn builtin_behaviour(model: &ServiceModel) -> Result<Option<Box<dyn Behaviour>>, StartError> {
    let options = services::ServiceOptions::new();
    services::builtin(model.name(), &options)
        .transpose()
        .map_err(|message| StartError::Behaviour {
            service: model.name().to_string(),
            message,
        })
}

async fn bind(addr: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr), StartError> {
    let listen = |source| StartError::Listen { addr, source };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(listen)?;
    let bound = listener.local_addr().map_err(listen)?;
    Ok((listener, bound))
}

/// A running emulator; it stops when dropped.
pub struct Emulator {
    addr: SocketAddr,
    url: String,
    app: Arc<server::App>,
    peer: Option<PeerAddr>,
    shutdown: watch::Sender<bool>,
}

/// Where the behaviour's own port listens, and what it is for.
struct PeerAddr {
    addr: SocketAddr,
    description: String,
}

impl Emulator {
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            specs: None,
            model: None,
            behaviour: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            peer_listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            keys: Vec::new(),
            rate_scale: Some(1.0),
            clock_offset: Duration::ZERO,
            clock_mode: ClockMode::Real,
            timeouts: Timeouts::default(),
            state: None,
            seeds: Seeds::default(),
        }
    }

    /// Base URL for a client (`http://127.0.0.1:PORT/`).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where the behaviour's own port listens (TAT: its agents' port), if it serves one.
    pub fn peer_addr(&self) -> Option<SocketAddr> {
        self.peer.as_ref().map(|p| p.addr)
    }

    /// What the behaviour's own port is for and how to reach it (TAT: the `config.dat` an
    /// agent needs).
    pub fn peer_description(&self) -> Option<&str> {
        self.peer.as_ref().map(|p| p.description.as_str())
    }

    pub fn faults(&self) -> &FaultPlan {
        &self.app.faults
    }

    /// The emulator's time.
    pub fn now(&self) -> std::time::SystemTime {
        self.app.clock.now()
    }

    /// Moves the emulator's clock forward by `by` (as `POST /_emulator/clock`
    /// `{"advance": …}`): what became due happens, in order, before this returns.
    pub fn advance_clock(&self, by: Duration) -> Result<(), String> {
        let target = self.app.clock.after(by).map_err(|e| e.to_string())?;
        admin::move_clock_to(&self.app.controls(), target)
    }

    /// Sets the emulator's clock to `at`, which may not be in its past (as
    /// `POST /_emulator/clock` `{"set": …}`).
    pub fn set_clock(&self, at: std::time::SystemTime) -> Result<(), String> {
        admin::move_clock_to(&self.app.controls(), at)
    }

    pub fn stats(&self) -> &Stats {
        &self.app.dispatcher.stats
    }

    pub fn service_model(&self) -> &ServiceModel {
        &self.app.dispatcher.model
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
