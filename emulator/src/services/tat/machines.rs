//! The instances a call names, and what stops a task from running on one: not found, a
//! region without Lighthouse, a machine not running, no agent or an offline one, a command
//! type its system does not run. The one place that decides it: a call is refused with
//! the code its page documents for the first instance it cannot reach; an invoker's task
//! on such an instance ends DELIVER_FAILED or START_FAILED.

use super::codes::{documented, documents};
use super::fleet::{AgentState, Instance, InstanceState, Os};
use super::state::State;
use super::world::Env;
use crate::api_error::ApiError;
use crate::behaviour::Call;

/// What kind of instance an id names: a CVM (`ins-`), a Lighthouse (`lhins-`) or a managed
/// instance whose agent registered (`rins-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceKind {
    Cvm,
    Lighthouse,
    Managed,
}

impl InstanceKind {
    pub fn of(id: &str) -> Option<Self> {
        [
            ("ins-", Self::Cvm),
            ("lhins-", Self::Lighthouse),
            ("rins-", Self::Managed),
        ]
        .into_iter()
        .find_map(|(prefix, kind)| id.starts_with(prefix).then_some(kind))
    }

    /// The invocation's `InstanceKind`. The pages document CVM and LIGHTHOUSE only; a
    /// managed instance's invocation says CVM.
    pub fn documented(self) -> &'static str {
        match self {
            Self::Cvm | Self::Managed => "CVM",
            Self::Lighthouse => "LIGHTHOUSE",
        }
    }
}

/// Instance ids must be of a kind TAT runs commands on, and all of one kind.
pub fn instance_kind(call: &Call<'_>, instance_ids: &[String]) -> Result<InstanceKind, ApiError> {
    let mut kind = None;
    for id in instance_ids {
        let Some(k) = InstanceKind::of(id) else {
            let code = documented(
                call.action,
                "InvalidParameterValue.InvalidInstanceId",
                "InvalidParameterValue",
            );
            return Err(ApiError::new(
                code,
                format!("`{id}` is not a valid instance id."),
            ));
        };
        if kind.is_some_and(|known| known != k) {
            let code = documented(
                call.action,
                "InvalidParameterValue.InconsistentInstance",
                "InvalidParameterValue",
            );
            let message =
                "All instances of one call must be of one kind (CVM, Lighthouse or managed).";
            return Err(ApiError::new(code, message));
        }
        kind = Some(k);
    }
    Ok(kind.unwrap_or(InstanceKind::Cvm))
}

/// What stops a task from running on an instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    NotFound,
    LighthouseUnsupportedRegion(String),
    NotRunning(InstanceState),
    NoAgent,
    AgentOffline,
    UnsupportedType {
        environment: String,
        command_type: String,
    },
}

impl Blocked {
    /// The documented code.
    pub fn code(&self) -> &'static str {
        match self {
            Blocked::NotFound => "ResourceNotFound.InstanceNotFound",
            Blocked::LighthouseUnsupportedRegion(_) => {
                "ResourceUnavailable.LighthouseUnsupportedRegion"
            }
            Blocked::NotRunning(_) => "ResourceUnavailable.InstanceStateNotRunning",
            Blocked::NoAgent => "ResourceUnavailable.AgentNotInstalled",
            Blocked::AgentOffline => "ResourceUnavailable.AgentStatusNotOnline",
            Blocked::UnsupportedType { .. } => "InvalidParameterValue.AgentUnsupportedCommandType",
        }
    }

    pub fn message(&self, id: &str) -> String {
        match self {
            Blocked::NotFound => format!("The instance `{id}` does not exist in this region."),
            Blocked::LighthouseUnsupportedRegion(region) => {
                format!("Lighthouse instance `{id}`: TAT does not support Lighthouse in {region}.")
            }
            Blocked::NotRunning(state) => {
                let state = serde_json::to_value(state).unwrap_or_default();
                format!("The instance `{id}` is not running (its state is {state}).")
            }
            Blocked::NoAgent => format!("The TAT agent is not installed on `{id}`."),
            Blocked::AgentOffline => format!("The TAT agent of `{id}` is not online."),
            Blocked::UnsupportedType {
                environment,
                command_type,
            } => format!(
                "The TAT agent of `{id}` ({environment}) does not run {command_type} commands."
            ),
        }
    }

    /// How an invoker's task on the instance ends: never delivered, or never started.
    pub fn task_status(&self) -> &'static str {
        match self {
            Blocked::UnsupportedType { .. } => "START_FAILED",
            _ => "DELIVER_FAILED",
        }
    }

    /// A call naming a missing instance fails whatever its page documents (with the
    /// family's common code where it documents none); the other states only where the
    /// page documents their code.
    fn always_refused(&self) -> bool {
        matches!(self, Blocked::NotFound)
    }
}

/// What a task is asked to run: the command's type, when it is known.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub command_type: Option<&'a str>,
}

/// Everything that stops a task of `target` on `id`, most fundamental first.
pub fn problems(s: &State, env: &Env<'_>, id: &str, target: Target<'_>) -> Vec<Blocked> {
    if InstanceKind::of(id) == Some(InstanceKind::Managed) {
        return managed_problems(s, env, id, target);
    }
    let declared = env.fleet.get(id);
    if declared.is_none() && env.settings.strict_instances {
        return vec![Blocked::NotFound];
    }
    let undeclared = Instance::undeclared(id);
    let instance = declared.unwrap_or(&undeclared);
    let call_region = Some(env.scope.region.as_str()).filter(|r| !r.is_empty());
    if !instance.in_region(call_region) || !instance.of_account(&env.scope.account) {
        return vec![Blocked::NotFound];
    }
    let mut found = Vec::new();
    let region = instance.region.as_deref().or(call_region);
    let unsupported_here = |r: &&str| env.settings.lighthouse_unsupported_regions.contains(*r);
    if let Some(region) = region.filter(unsupported_here) {
        if instance.is_lighthouse() {
            found.push(Blocked::LighthouseUnsupportedRegion(region.to_string()));
        }
    }
    if instance.state != InstanceState::Running {
        found.push(Blocked::NotRunning(instance.state));
    }
    match instance.agent {
        AgentState::None => found.push(Blocked::NoAgent),
        AgentState::Offline => found.push(Blocked::AgentOffline),
        AgentState::Online => {}
    }
    found.extend(unsupported(instance.os, target.command_type));
    found
}

/// A managed instance exists once registered; its agent is online while connected, on
/// the system its handshake announced.
fn managed_problems(s: &State, env: &Env<'_>, id: &str, target: Target<'_>) -> Vec<Blocked> {
    if s.register_instances.get(id).is_none() {
        return vec![Blocked::NotFound];
    }
    if !env.hub.is_online(id) {
        return vec![Blocked::AgentOffline];
    }
    let windows = env
        .hub
        .presence(id)
        .is_some_and(|p| p.environment.eq_ignore_ascii_case("windows"));
    let os = if windows { Os::Windows } else { Os::Linux };
    unsupported(os, target.command_type).into_iter().collect()
}

fn unsupported(os: Os, command_type: Option<&str>) -> Option<Blocked> {
    let command_type = command_type?;
    (!os.runs(command_type)).then(|| Blocked::UnsupportedType {
        environment: os.environment().to_string(),
        command_type: command_type.to_string(),
    })
}

/// The instances a call names: of one kind, and each reachable as far as the call's page
/// documents a code for what stops it (the first instance, in the call's order, that
/// cannot be reached answers).
pub fn reachable(
    s: &State,
    env: &Env<'_>,
    call: &Call<'_>,
    instance_ids: &[String],
    command_type: Option<&str>,
) -> Result<InstanceKind, ApiError> {
    let kind = instance_kind(call, instance_ids)?;
    let target = Target { command_type };
    for id in instance_ids {
        for problem in problems(s, env, id, target) {
            if documents(call.action, problem.code()) || problem.always_refused() {
                let code = documented(call.action, problem.code(), "ResourceNotFound");
                return Err(ApiError::new(code, problem.message(id)));
            }
        }
    }
    Ok(kind)
}
