//! `Tat`: the behaviour the emulator's API calls (each TAT action it models, on the shared
//! state), and the agents' port it serves beside the API.

use super::agents::AgentPort;
use super::progress::advance;
use super::state::{Shared, TaskTiming};
use super::{commands, invocations, invokers, registration};
use crate::behaviour::{Answer, Behaviour, Call, PeerPort};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

pub struct Tat {
    shared: Arc<Shared>,
}

impl Tat {
    pub fn new(timing: TaskTiming) -> Self {
        Tat {
            shared: Arc::new(Shared::new(timing)),
        }
    }

    /// A registration code with this id and value, enabled for 100 instances and never
    /// expiring, as if CreateRegisterCode had made it (for agents registered by hand).
    pub fn add_register_code(&self, id: &str, value: &str) {
        registration::add_code(&mut self.shared.lock(), id, value);
    }
}

impl Behaviour for Tat {
    fn handle(&self, call: &Call<'_>) -> Option<Answer> {
        let shared = &*self.shared;
        let mut s = shared.lock();
        let now = (Instant::now(), SystemTime::now());
        invokers::fire_due(&mut s, &shared.timing, now.1);
        advance(&mut s, &shared.timing, &shared.hub, now);
        let (s, hub) = (&mut *s, &shared.hub);
        let answer = match call.action.name.as_str() {
            "CreateCommand" => commands::create(s, call),
            "DescribeCommands" => commands::describe(s, call),
            "ModifyCommand" => commands::modify(s, call),
            "DeleteCommand" => commands::delete(s, call),
            "PreviewReplacedCommandContent" => commands::preview(s, call),
            "RunCommand" => invocations::run(s, hub, call),
            "InvokeCommand" => invocations::invoke(s, hub, call),
            "DescribeInvocations" => invocations::describe(s, call),
            "DescribeInvocationTasks" => invocations::describe_tasks(s, call),
            "CancelInvocation" => invocations::cancel(s, call),
            "CreateInvoker" => invokers::create(s, call),
            "DescribeInvokers" => invokers::describe(s, call),
            "ModifyInvoker" => invokers::modify(s, call),
            "EnableInvoker" => invokers::set_enabled(s, call, true),
            "DisableInvoker" => invokers::set_enabled(s, call, false),
            "DeleteInvoker" => invokers::delete(s, call),
            "DescribeInvokerRecords" => invokers::describe_records(s, call),
            "CreateRegisterCode" => registration::create_code(s, call),
            "DescribeRegisterCodes" => registration::describe_codes(s, call),
            "DisableRegisterCodes" => registration::disable_codes(s, call),
            "DeleteRegisterCodes" => registration::delete_codes(s, call),
            "DescribeRegisterInstances" => registration::describe_instances(s, call),
            "ModifyRegisterInstance" => registration::modify_instance(s, call),
            "DeleteRegisterInstance" => registration::delete_instance(s, hub, call),
            "DescribeQuotas" => registration::describe_quotas(s, call),
            "DescribeAutomationAgentStatus" => registration::describe_agents(s, hub, call),
            _ => return None,
        };
        // Agents are told of their new tasks (and cancellations) once the call made them.
        for (instance, task_id) in std::mem::take(&mut s.kicks) {
            hub.kick(&instance, &task_id);
        }
        Some(answer)
    }

    fn peer_port(&self) -> Option<Arc<dyn PeerPort>> {
        Some(Arc::new(AgentPort::new(self.shared.clone())))
    }
}
