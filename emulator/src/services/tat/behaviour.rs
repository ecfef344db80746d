//! `Tat`: the behaviour the emulator's API calls (each TAT action it models, on the shared
//! state), the agents' port it serves beside the API, what it does when the clock moves
//! (fire invokers, move tasks on), and its control endpoints (the fleet).

use super::agents::AgentPort;
use super::fleet::Fleet;
use super::invokers::{fire_due, firings_until, MOST_FIRINGS};
use super::progress::advance;
use super::settings::Settings;
use super::state::{Shared, State, TaskTiming};
use super::{commands, fleet_control, invocations, invokers, quotas, registration, scenes};
use crate::behaviour::{Answer, Behaviour, Call, ControlAnswer, ControlRequest, PeerPort};
use crate::clock::Clock;
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

    /// A registration code with this id and value, enabled for 100 instances and never
    /// expiring, as if CreateRegisterCode had made it (for agents registered by hand).
    pub fn add_register_code(&self, id: &str, value: &str) {
        registration::add_code(&mut self.shared.lock(), id, value);
    }

    /// Invokers fire and tasks move on up to the state's `now`.
    fn catch_up(&self, s: &mut State) {
        let shared = &*self.shared;
        fire_due(s, &shared.hub, &shared.settings, s.now);
        advance(s, &shared.timing, &shared.hub, s.now);
    }

    /// Agents are told of their new tasks (and cancellations) once the call made them.
    fn send_kicks(&self, s: &mut State) {
        for (instance, task_id) in std::mem::take(&mut s.kicks) {
            self.shared.hub.kick(&instance, &task_id);
        }
    }
}

impl Behaviour for Tat {
    fn handle(&self, call: &Call<'_>) -> Option<Answer> {
        let shared = &*self.shared;
        let mut s = shared.lock();
        self.catch_up(&mut s);
        let (hub, settings) = (&shared.hub, &shared.settings);
        let s = &mut *s;
        let answer = match call.action.name.as_str() {
            "CreateCommand" => commands::create(s, settings, call),
            "DescribeCommands" => commands::describe(s, call),
            "ModifyCommand" => commands::modify(s, call),
            "DeleteCommand" => commands::delete(s, call),
            "DeleteCommands" => commands::delete_many(s, call),
            "PreviewReplacedCommandContent" => commands::preview(s, call),
            "RunCommand" => invocations::run(s, hub, settings, call),
            "InvokeCommand" => invocations::invoke(s, hub, settings, call),
            "DescribeInvocations" => invocations::describe(s, call),
            "DescribeInvocationTasks" => invocations::describe_tasks(s, call),
            "CancelInvocation" => invocations::cancel(s, call),
            "CreateInvoker" => invokers::create(s, hub, settings, call),
            "DescribeInvokers" => invokers::describe(s, call),
            "ModifyInvoker" => invokers::modify(s, hub, settings, call),
            "EnableInvoker" => invokers::set_enabled(s, call, true),
            "DisableInvoker" => invokers::set_enabled(s, call, false),
            "DeleteInvoker" => invokers::delete(s, call),
            "DescribeInvokerRecords" => invokers::describe_records(s, call),
            "CreateRegisterCode" => registration::create_code(s, settings, call),
            "DescribeRegisterCodes" => registration::describe_codes(s, call),
            "DisableRegisterCodes" => registration::disable_codes(s, call),
            "DeleteRegisterCodes" => registration::delete_codes(s, call),
            "DescribeRegisterInstances" => registration::describe_instances(s, call),
            "ModifyRegisterInstance" => registration::modify_instance(s, call),
            "DeleteRegisterInstance" => registration::delete_instance(s, hub, call),
            "DescribeQuotas" => quotas::describe(s, settings, call),
            "DescribeAutomationAgentStatus" => {
                registration::describe_agents(s, hub, settings, call)
            }
            "DescribeScenes" => scenes::describe(call),
            _ => return None,
        };
        self.send_kicks(s);
        Some(answer)
    }

    fn peer_port(&self) -> Option<Arc<dyn PeerPort>> {
        Some(Arc::new(AgentPort::new(self.shared.clone())))
    }

    fn use_clock(&self, clock: &Clock) {
        self.shared.use_clock(clock);
    }

    fn allow_clock_move(&self, to: SystemTime) -> Result<(), String> {
        let s = self.shared.lock();
        let firings = firings_until(&s, to, MOST_FIRINGS);
        if firings > MOST_FIRINGS {
            return Err(format!(
                "moving the clock there fires invokers more than {MOST_FIRINGS} times; move it in smaller steps, or disable invokers first"
            ));
        }
        Ok(())
    }

    fn clock_moved(&self) {
        let mut s = self.shared.lock();
        self.catch_up(&mut s);
        self.send_kicks(&mut s);
    }

    fn control(&self, request: &ControlRequest<'_>) -> Option<ControlAnswer> {
        fleet_control::control(&self.shared, request)
    }

    fn control_endpoints(&self) -> &'static [&'static str] {
        fleet_control::ENDPOINTS
    }
}
