//! TAT with state: commands, invokers (and their records), invocations and their tasks,
//! registration codes and managed instances. On a CVM or Lighthouse instance a task runs in
//! a simulated shell (PENDING → RUNNING → SUCCESS/FAILED on the emulator's clock); on a
//! managed instance, Tencent's own agent runs it for real: the behaviour serves the agents'
//! port beside the API ([`agents`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), tencentcloud_emulator::StartError> {
//! let emulator = tencentcloud_emulator::services::tat::emulator().start().await?;
//! println!("TAT emulator on {}, agents on {:?}", emulator.url(), emulator.peer_addr());
//! # Ok(()) }
//! ```

pub mod agents;
mod answers;
mod behaviour;
mod codes;
mod command_checks;
mod commands;
pub mod fleet;
mod fleet_control;
mod ids;
mod invocations;
mod invokers;
pub mod machines;
mod parameters;
mod persist;
mod progress;
mod quotas;
mod registration;
mod scenes;
pub mod schedule;
mod sections;
pub mod settings;
mod shared;
pub mod shell;
mod state;
mod world;

pub use behaviour::Tat;
pub use fleet::{AgentState, Fleet, Instance, InstanceState, Os};
pub use settings::Settings;
pub use state::TaskTiming;

use crate::behaviour::{Behaviour, ServiceOptions};
use crate::EmulatorBuilder;
use std::time::Duration;

/// The service this behaviour models (the first label of its domain).
pub const SERVICE: &str = "tat";

/// The TAT doc drops this crate ships: `specs/` in the crate is a link to the repository's
/// `specs/`, which `cargo package` follows, so a copy from a registry has them too.
pub fn specs_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/tat"))
}

/// An emulator of TAT from this repository's doc drops, with TAT's state and default timing.
pub fn emulator() -> EmulatorBuilder {
    crate::Emulator::builder()
        .specs_dir(specs_dir())
        .behaviour(Tat::new(TaskTiming::default()))
}

/// TAT's behaviour from `--option` pairs: `task-ms=PENDING,RUNNING` sets the simulated
/// tasks' timing, `agent-grace-ms=MS` how long an agent may be gone,
/// `register-code=ID:VALUE` creates a registration code agents can register with at once,
/// `instances=FILE` declares the fleet (`--instances`), `strict-instances=true` makes
/// undeclared ids missing (`--strict-instances`), `lighthouse-unsupported-regions=A,B`
/// and `quota.COMMAND=N` / `quota.REGISTER_CODE=N` shape what calls meet.
pub fn from_options(options: &ServiceOptions) -> Result<Box<dyn Behaviour>, String> {
    let mut timing = TaskTiming::default();
    let mut settings = Settings::default();
    let mut fleet = Fleet::default();
    let mut code = None;
    for (key, value) in options {
        if settings.take_option(key, value)? {
            continue;
        }
        match key.as_str() {
            "task-ms" => (timing.pending, timing.running) = task_ms(value)?,
            "agent-grace-ms" => {
                let ms = value.trim().parse::<u64>();
                let ms =
                    ms.map_err(|_| format!("agent-grace-ms={value}: expected milliseconds"))?;
                timing.agent_grace = Duration::from_millis(ms);
            }
            "register-code" => code = Some(register_code(value)?),
            "instances" => fleet = fleet_file(value)?,
            other => {
                return Err(format!(
                    "unknown option `{other}` for the TAT emulator; expected \
                     task-ms=PENDING_MS,RUNNING_MS, agent-grace-ms=MS, register-code=ID:VALUE, \
                     instances=FILE, strict-instances=true, lighthouse-unsupported-regions=A,B \
                     or quota.RESOURCE=N"
                ))
            }
        }
    }
    let tat = Tat::configured(timing, settings, fleet);
    if let Some((id, value)) = code {
        tat.add_register_code(&id, &value);
    }
    Ok(Box::new(tat))
}

/// `ID:VALUE`.
fn register_code(value: &str) -> Result<(String, String), String> {
    let parts = value
        .split_once(':')
        .filter(|(i, v)| !i.is_empty() && !v.is_empty());
    let (id, secret) = parts.ok_or_else(|| format!("register-code={value}: expected ID:VALUE"))?;
    Ok((id.to_string(), secret.to_string()))
}

/// The fleet a TOML file declares.
fn fleet_file(path: &str) -> Result<Fleet, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut text = String::new();
    let read = std::io::Read::read_to_string(
        &mut std::io::Read::take(file, fleet::MAX_FILE_BYTES + 1),
        &mut text,
    );
    read.map_err(|e| format!("{path}: {e}"))?;
    if text.len() as u64 > fleet::MAX_FILE_BYTES {
        return Err(format!(
            "{path}: larger than {} MiB",
            fleet::MAX_FILE_BYTES >> 20
        ));
    }
    Fleet::from_toml(&text, path)
}

/// `PENDING_MS,RUNNING_MS`.
fn task_ms(value: &str) -> Result<(Duration, Duration), String> {
    let expected = || format!("task-ms={value}: expected PENDING_MS,RUNNING_MS");
    let ms: Vec<u64> = value
        .split(',')
        .map(|v| v.trim().parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| expected())?;
    let [pending, running] = ms.as_slice() else {
        return Err(expected());
    };
    Ok((
        Duration::from_millis(*pending),
        Duration::from_millis(*running),
    ))
}
