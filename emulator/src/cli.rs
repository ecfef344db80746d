//! The command line: `cargo run -p tencentcloud-emulator -- --listen 127.0.0.1:9000`
//! (`cargo run -p tat-emulator -- …` is the same program).

use crate::services::{self, ServiceOptions};
use crate::{
    ClockMode, Emulator, EmulatorBuilder, FaultRule, Key, Seeds, ServiceModel, Timeouts,
    DEMO_SECRET_ID, DEMO_SECRET_KEY,
};
use clap::Parser;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// A local emulator of a Tencent Cloud service, from its doc drops.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:9000")]
    listen: SocketAddr,
    /// Doc-drop directory of the service (default: this repository's TAT drops).
    #[arg(long)]
    specs: Option<PathBuf>,
    /// Accepted key as SECRET_ID:SECRET_KEY, or SECRET_ID:SECRET_KEY:TOKEN for a temporary
    /// key whose requests must carry the token, with `@ACCOUNT` for the account it belongs
    /// to (repeatable; default: the demo key; every key of one account unless told).
    #[arg(long = "key", value_name = "ID:KEY[:TOKEN][@ACCOUNT]")]
    keys: Vec<String>,
    /// Multiply the documented rates (10 = ten times the documented rate).
    #[arg(long, default_value_t = 1.0, value_parser = positive_scale)]
    rate_scale: f64,
    /// Do not enforce documented rates.
    #[arg(long)]
    no_rate_limits: bool,
    /// Inject a fault: latency=MS, status=CODE, reset-before, reset-after, truncated,
    /// non-json, code=ERROR_CODE (a documented code); optional `@ACTION` and
    /// `%PROBABILITY` (e.g. `status=503@RunCommand%0.1`).
    #[arg(long = "fault", value_name = "FAULT")]
    faults: Vec<String>,
    /// Log one line per request to stderr (action, request id, outcome; never keys).
    #[arg(long)]
    log: bool,
    /// Close a connection that sends nothing for this many seconds (idle keep-alive, or
    /// headers that stop arriving).
    #[arg(long, value_name = "SECONDS", default_value_t = Timeouts::default().idle.as_secs_f64(), value_parser = positive_seconds)]
    idle_timeout: f64,
    /// Refuse a request whose body has not fully arrived within this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = Timeouts::default().body.as_secs_f64(), value_parser = positive_seconds)]
    body_timeout: f64,
    /// Address of the service's own port, when its behaviour serves one (TAT: where Tencent's
    /// agents connect); default: a free port, printed at start.
    #[arg(long, value_name = "ADDR")]
    peer_listen: Option<SocketAddr>,
    /// An option of the service's behaviour, KEY=VALUE (repeatable; TAT:
    /// `task-ms=PENDING_MS,RUNNING_MS`, `agent-grace-ms=MS`, `register-code=ID:VALUE`,
    /// `lighthouse-unsupported-regions=A,B`, `quota.COMMAND=N`, `quota.REGISTER_CODE=N`).
    #[arg(long = "option", value_name = "KEY=VALUE")]
    options: Vec<String>,
    /// The emulator's clock: `real`, or `manual` (held at the start until moved by
    /// `POST /_emulator/clock`). Signatures always use real time.
    #[arg(long, value_name = "real|manual", default_value = "real", value_parser = ClockMode::parse)]
    clock: ClockMode,
    /// The machines commands run on, a TOML file of `[[instances]]` (TAT: id, region, os,
    /// state, agent, version).
    #[arg(long, value_name = "FILE")]
    instances: Option<PathBuf>,
    /// An instance id the `--instances` file does not declare does not exist.
    #[arg(long)]
    strict_instances: bool,
    /// Keep the state in this directory (`state.redb`): every answered change is on disk
    /// before its answer, and the next start reads it back.
    #[arg(long, value_name = "DIR")]
    state: Option<PathBuf>,
    /// Start with an empty state in `--state DIR`, forgetting what it held.
    #[arg(long, requires = "state")]
    state_reset: bool,
    /// Resources to start with, made by the API's own calls (TOML, or JSON when the name
    /// ends `.json`): `[[CreateCommand]]`, `[[CreateInvoker]]`, `[[instances]]`, …
    #[arg(long, value_name = "FILE")]
    seed: Option<PathBuf>,
}

/// A finite number above zero (a rate multiplier, say).
fn positive_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(number) if number.is_finite() && number > 0.0 => Ok(number),
        _ => Err(format!("`{text}` is not a number above 0")),
    }
}

/// A duration in seconds: above zero, at most a day.
fn positive_seconds(text: &str) -> Result<f64, String> {
    positive_scale(text).and_then(|seconds| {
        if seconds <= 86_400.0 {
            Ok(seconds)
        } else {
            Err(format!("`{text}` is more than a day (86400 seconds)"))
        }
    })
}

/// Parses the process arguments and serves until Ctrl-C; exits 1 with the reason on failure.
pub fn main() {
    let args = Args::parse();
    // Each connection holds one descriptor: allow as many as the system lets this process
    // have, so many idle clients do not starve new ones before the idle timeout closes them.
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot start the async runtime: {e}"
            );
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(args)) {
        let _ = writeln!(std::io::stderr(), "error: {e}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), String> {
    if args.log {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(tracing::Level::INFO)
            .with_target(false)
            .init();
    }
    let rules = args
        .faults
        .iter()
        .map(|f| FaultRule::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    let emulator = builder(&args)?.start().await.map_err(|e| e.to_string())?;
    for rule in rules {
        emulator.faults().add(rule).map_err(|e| e.to_string())?;
    }
    announce(&emulator, args.keys.is_empty());
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// The emulator the arguments describe.
fn builder(args: &Args) -> Result<EmulatorBuilder, String> {
    let dir = args.specs.clone().unwrap_or_else(services::tat::specs_dir);
    let model = ServiceModel::load(&dir).map_err(|e| e.to_string())?;
    let options = service_options(args)?;
    let timeouts = Timeouts {
        idle: Duration::from_secs_f64(args.idle_timeout),
        body: Duration::from_secs_f64(args.body_timeout),
    };
    let mut builder = Emulator::builder()
        .listen(args.listen)
        .clock(args.clock)
        .rate_limits((!args.no_rate_limits).then_some(args.rate_scale))
        .timeouts(timeouts);
    if let Some(addr) = args.peer_listen {
        builder = builder.peer_listen(addr);
    }
    if let Some(dir) = &args.state {
        builder = builder.state_dir(dir, args.state_reset);
    }
    if let Some(file) = &args.seed {
        builder = builder.seeds(Seeds::read(file)?);
    }
    match services::builtin(model.name(), &options) {
        Some(behaviour) => builder = builder.behaviour(behaviour?),
        None if !options.is_empty() => {
            return Err(format!("the {} emulator takes no --option", model.name()))
        }
        None => {}
    }
    for action in model.actions_without_example_answer() {
        let _ = writeln!(
            std::io::stderr(),
            "warning: {}: {} has no usable example answer; the emulator answers it from the response table",
            action.location,
            action.name
        );
    }
    builder = builder.service_model(model);
    for key in &args.keys {
        builder = builder.key(key_of(key)?);
    }
    Ok(builder)
}

/// `ID:KEY[:TOKEN][@ACCOUNT]`. The value is never echoed: it may be a secret typed without
/// its id.
fn key_of(text: &str) -> Result<Key, String> {
    let wanted =
        "--key wants ID:KEY, ID:KEY:TOKEN or either with @ACCOUNT (secret id, colon, secret key)";
    let (key, account) = match text.rsplit_once('@') {
        Some((key, account)) => (key, Some(account)),
        None => (text, None),
    };
    let (id, rest) = key.split_once(':').ok_or_else(|| wanted.to_string())?;
    let mut key = match rest.split_once(':') {
        Some((secret, token)) => Key::new(id, secret).token(token),
        None => Key::new(id, rest),
    };
    if let Some(account) = account {
        let valid = !account.is_empty()
            && account.len() <= 64
            && account
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err("--key: an account name is 1 to 64 letters, digits, `-` or `_`".into());
        }
        key = key.account(account);
    }
    Ok(key)
}

/// The behaviour's options: `--option` pairs, and the fleet flags as the options they are.
fn service_options(args: &Args) -> Result<ServiceOptions, String> {
    let mut options = ServiceOptions::new();
    for option in &args.options {
        let (key, value) = option
            .split_once('=')
            .ok_or_else(|| format!("--option wants KEY=VALUE, got `{option}`"))?;
        options.insert(key.to_string(), value.to_string());
    }
    if let Some(file) = &args.instances {
        options.insert("instances".into(), file.display().to_string());
    }
    if args.strict_instances {
        options.insert("strict-instances".into(), "true".into());
    }
    Ok(options)
}

/// Where the emulator listens, the demo keys (when no key was given) and what its own
/// port is for. Whoever started the emulator may stop reading; it serves on regardless.
fn announce(emulator: &Emulator, demo_keys: bool) {
    let model = emulator.service_model();
    let mut stdout = std::io::stdout();
    let _ = writeln!(
        stdout,
        "{} {} emulator listening on {} ({} actions)",
        model.name(),
        model.version(),
        emulator.url(),
        model.service.actions.len()
    );
    if demo_keys {
        let _ = writeln!(stdout, "demo credentials: TENCENTCLOUD_SECRET_ID={DEMO_SECRET_ID} TENCENTCLOUD_SECRET_KEY={DEMO_SECRET_KEY}");
    }
    if let Some(description) = emulator.peer_description() {
        let _ = writeln!(stdout, "{description}");
    }
    let _ = stdout.flush();
}
