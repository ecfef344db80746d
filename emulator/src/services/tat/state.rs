//! TAT's state, which both sides act on: the API (commands, invokers, invocations and
//! their tasks, registration codes, managed instances) and the agents on managed
//! instances, which fetch tasks, run them and report.

use super::agents::hub::Hub;
use super::shell;
use crate::store::table::{IdSource, Table};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

/// How long emulated tasks take, and how long an agent may be gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskTiming {
    /// Time a simulated task stays PENDING.
    pub pending: Duration,
    /// Time a simulated task then stays RUNNING before it finishes.
    pub running: Duration,
    /// Period of RECURRENCE invokers (cron expressions are not evaluated).
    pub recurrence: Duration,
    /// How long an agent may be offline before the tasks it was given end `TASK_TIMEOUT`
    /// ("client no response"); long enough for its reconnection (3 to 8 seconds).
    pub agent_grace: Duration,
}

impl TaskTiming {
    /// The default timing, as a constant (`TaskTiming { pending, ..TaskTiming::DEFAULT }`).
    pub const DEFAULT: TaskTiming = TaskTiming {
        pending: Duration::from_millis(200),
        running: Duration::from_millis(500),
        recurrence: Duration::from_secs(60),
        agent_grace: Duration::from_secs(30),
    };
}

impl Default for TaskTiming {
    fn default() -> Self {
        TaskTiming::DEFAULT
    }
}

/// How a task runs.
pub enum Run {
    /// On an emulated CVM or Lighthouse instance: a simulated shell, on the clock.
    Simulated(shell::Outcome),
    /// On a managed instance: its agent runs the script for real.
    Agent(AgentRun),
}

/// A task an agent runs: what it is given, and what it has uploaded.
pub struct AgentRun {
    /// The script with its parameters substituted (DescribeTasks hands it out in Base64).
    pub script: String,
    /// Output chunks by the agent's index (they may arrive out of order).
    pub chunks: BTreeMap<u32, Vec<u8>>,
    /// Bytes of chunks kept.
    pub kept: usize,
    /// Bytes the agent says it dropped (its running total).
    pub agent_dropped: u64,
    /// Bytes of chunks that did not fit.
    pub cut: u64,
}

impl AgentRun {
    pub fn new(script: String) -> Self {
        AgentRun {
            script,
            chunks: BTreeMap::new(),
            kept: 0,
            agent_dropped: 0,
            cut: 0,
        }
    }
}

/// One task's run, beside its documented record.
pub struct TaskRun {
    pub created: Instant,
    pub created_at: SystemTime,
    pub run: Run,
    pub finished: bool,
}

pub struct State {
    pub ids: IdSource,
    pub commands: Table,
    pub invocations: Table,
    pub tasks: Table,
    pub invokers: Table,
    pub invoker_records: Table,
    pub register_codes: Table,
    /// Managed instances, registered by their agents.
    pub register_instances: Table,
    /// Registration code values, by code id (not part of the code's documented record).
    pub code_values: HashMap<String, String>,
    pub runs: HashMap<String, TaskRun>,
    /// Task ids of each invocation, in instance order.
    pub invocation_tasks: HashMap<String, Vec<String>>,
    /// Invocations with unfinished tasks.
    pub active: Vec<String>,
    /// When each invoker last fired.
    pub invoker_fired: HashMap<String, SystemTime>,
    /// Tasks whose agent is to be told to fetch them, `(instance, task)`; sent after the
    /// call that made them.
    pub kicks: Vec<(String, String)>,
}

impl State {
    fn new() -> Self {
        State {
            ids: IdSource::default(),
            commands: Table::new("CommandId"),
            invocations: Table::new("InvocationId"),
            tasks: Table::new("InvocationTaskId"),
            invokers: Table::new("InvokerId"),
            invoker_records: Table::new("InvocationId"),
            register_codes: Table::new("RegisterCodeId"),
            register_instances: Table::new("InstanceId"),
            code_values: HashMap::new(),
            runs: HashMap::new(),
            invocation_tasks: HashMap::new(),
            active: Vec::new(),
            invoker_fired: HashMap::new(),
            kicks: Vec::new(),
        }
    }
}

/// What the API's behaviour and the agents' port share.
pub struct Shared {
    state: Mutex<State>,
    pub timing: TaskTiming,
    pub hub: Hub,
}

impl Shared {
    pub fn new(timing: TaskTiming) -> Self {
        Shared {
            state: Mutex::new(State::new()),
            timing,
            hub: Hub::default(),
        }
    }

    /// The state, to act on; a panic elsewhere leaves it usable.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
