//! `Tat`: the behaviour the emulator's API calls (each TAT action it models, on the state
//! of the caller's account and region), the agents' port it serves beside the API, what it
//! does when the clock moves (fire invokers, move tasks on, in every scope), and its
//! control endpoints (the fleet).

use super::agents::AgentPort;
use super::fleet::Fleet;
use super::invokers::{fire_due, firings_until, MOST_FIRINGS};
use super::progress::advance;
use super::settings::Settings;
use super::shared::Shared;
use super::state::{Scope, State, TaskTiming};
use super::world::{Env, World};
use super::{commands, fleet_control, invocations, invokers, quotas, registration, scenes};
use crate::api_error::ApiError;
use crate::auth::DEFAULT_ACCOUNT;
use crate::behaviour::{
    Answer, Behaviour, Call, ControlAnswer, ControlRequest, PeerPort, Restored,
};
use crate::clock::Clock;
use crate::store::durable::Durable;
use std::sync::Arc;
use std::time::SystemTime;

pub struct Tat {
    shared: Arc<Shared>,
}

impl Tat {
    /// TAT with this timing, every instance id a running Linux machine with an online agent.
    pub fn new(timing: TaskTiming) -> Self {
        Tat::configured(timing, Settings::default(), Fleet::default())
    }

    /// TAT with these settings and this fleet of declared instances.
    pub fn configured(timing: TaskTiming, settings: Settings, fleet: Fleet) -> Self {
        Tat {
            shared: Arc::new(Shared::new(timing, settings, fleet)),
        }
    }

    /// A registration code with this id and value in the default account and region
    /// (`ap-guangzhou`), enabled for 100 instances and never expiring, as if
    /// CreateRegisterCode had made it (for agents registered by hand).
    pub fn add_register_code(&self, id: &str, value: &str) {
        let scope = Scope {
            account: DEFAULT_ACCOUNT.to_string(),
            region: crate::seed::DEFAULT_REGION.to_string(),
        };
        registration::add_code(self.shared.lock().scope(&scope), id, value);
    }

    /// Invokers fire and tasks move on, in every scope, up to the world's `now`.
    fn catch_up(&self, world: &mut World) {
        let shared = &*self.shared;
        let now = world.now;
        let (fleet, scopes) = (&world.fleet, &mut world.scopes);
        for (scope, s) in scopes.iter_mut() {
            s.now = now;
            let env = shared.env(fleet, scope);
            fire_due(s, &env, now);
            advance(s, &shared.timing, &shared.hub, now);
            self.send_kicks(s);
        }
    }

    /// Agents are told of their new tasks (and cancellations) once the call made them.
    fn send_kicks(&self, s: &mut State) {
        for (instance, task_id) in std::mem::take(&mut s.kicks) {
            self.shared.hub.kick(&instance, &task_id);
        }
    }
}

/// The action `call` names, on its scope's state.
fn act(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Option<Answer> {
    let answer = match call.action.name.as_str() {
        "CreateCommand" => commands::create(s, env, call),
        "DescribeCommands" => commands::describe(s, call),
        "ModifyCommand" => commands::modify(s, call),
        "DeleteCommand" => commands::delete(s, call),
        "DeleteCommands" => commands::delete_many(s, call),
        "PreviewReplacedCommandContent" => commands::preview(s, call),
        "RunCommand" => invocations::run(s, env, call),
        "InvokeCommand" => invocations::invoke(s, env, call),
        "DescribeInvocations" => invocations::describe(s, call),
        "DescribeInvocationTasks" => invocations::describe_tasks(s, call),
        "CancelInvocation" => invocations::cancel(s, call),
        "CreateInvoker" => invokers::create(s, env, call),
        "DescribeInvokers" => invokers::describe(s, call),
        "ModifyInvoker" => invokers::modify(s, env, call),
        "EnableInvoker" => invokers::set_enabled(s, call, true),
        "DisableInvoker" => invokers::set_enabled(s, call, false),
        "DeleteInvoker" => invokers::delete(s, call),
        "DescribeInvokerRecords" => invokers::describe_records(s, call),
        "CreateRegisterCode" => registration::create_code(s, env, call),
        "DescribeRegisterCodes" => registration::describe_codes(s, call),
        "DisableRegisterCodes" => registration::disable_codes(s, call),
        "DeleteRegisterCodes" => registration::delete_codes(s, call),
        "DescribeRegisterInstances" => registration::describe_instances(s, call),
        "ModifyRegisterInstance" => registration::modify_instance(s, call),
        "DeleteRegisterInstance" => registration::delete_instance(s, env, call),
        "DescribeQuotas" => quotas::describe(s, env, call),
        "DescribeAutomationAgentStatus" => registration::describe_agents(s, env, call),
        "DescribeScenes" => scenes::describe(call),
        _ => return None,
    };
    Some(answer)
}

impl Behaviour for Tat {
    fn handle(&self, call: &Call<'_>) -> Option<Answer> {
        let shared = &*self.shared;
        let mut world = shared.lock();
        self.catch_up(&mut world);
        let scope = Scope {
            account: call.caller.account.clone(),
            region: call.region.unwrap_or_default().to_string(),
        };
        let (fleet, s) = world.split(&scope);
        let answer = act(s, &shared.env(fleet, &scope), call)?;
        self.send_kicks(s);
        // An answer that reports a change is given once the change is durable.
        if let Err(e) = shared.save(&mut world) {
            let message = format!("The change could not be kept: {e}.");
            return Some(Err(ApiError::new("InternalError", message)));
        }
        Some(answer)
    }

    fn peer_port(&self) -> Option<Arc<dyn PeerPort>> {
        Some(Arc::new(AgentPort::new(self.shared.clone())))
    }

    fn use_clock(&self, clock: &Clock) {
        self.shared.use_clock(clock);
    }

    fn allow_clock_move(&self, to: SystemTime) -> Result<(), String> {
        let world = self.shared.lock();
        let mut left = MOST_FIRINGS;
        for s in world.scopes.values() {
            let firings = firings_until(s, to, left);
            if firings > left {
                return Err(format!(
                    "moving the clock there fires invokers more than {MOST_FIRINGS} times; move it in smaller steps, or disable invokers first"
                ));
            }
            left -= firings;
        }
        Ok(())
    }

    fn clock_moved(&self) {
        let mut world = self.shared.lock();
        self.catch_up(&mut world);
        if let Err(e) = self.shared.save(&mut world) {
            tracing::error!(target: "tencentcloud_emulator::state", "{e}");
        }
    }

    fn use_durable(&self, durable: Durable) -> Result<Restored, String> {
        let (empty, last_seen) = self.shared.use_durable(durable)?;
        Ok(Restored { empty, last_seen })
    }

    fn reset(&self, account: Option<&str>) -> Result<(), String> {
        self.shared.reset(account)
    }

    fn overview(&self) -> Vec<crate::overview::Section> {
        super::sections::overview(&self.shared)
    }

    fn control(&self, request: &ControlRequest<'_>) -> Option<ControlAnswer> {
        fleet_control::control(&self.shared, request)
    }

    fn control_endpoints(&self) -> &'static [&'static str] {
        fleet_control::ENDPOINTS
    }
}
