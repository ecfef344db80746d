//! TAT's state, which both sides act on: the API (commands, invokers, invocations and
//! their tasks, registration codes, managed instances) and the agents on managed
//! instances, which fetch tasks, run them and report.

use super::agents::hub::Hub;
use super::fleet::Fleet;
use super::settings::Settings;
use super::shell;
use crate::clock::Clock;
use crate::store::table::{IdSource, Table};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long emulated tasks take, and how long an agent may be gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskTiming {
    /// Time a simulated task stays PENDING.
    pub pending: Duration,
    /// Time a simulated task then stays RUNNING before it finishes.
    pub running: Duration,
    /// How long an agent may be offline before the tasks it was given end `TASK_TIMEOUT`
    /// ("client no response"); long enough for its reconnection (3 to 8 seconds).
    pub agent_grace: Duration,
}

impl TaskTiming {
    /// The default timing, as a constant (`TaskTiming { pending, ..TaskTiming::DEFAULT }`).
    pub const DEFAULT: TaskTiming = TaskTiming {
        pending: Duration::from_millis(200),
        running: Duration::from_millis(500),
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
    /// Nowhere: the instance could not be reached (its task ended as it was made).
    Undelivered,
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
    /// When the task was created, on the emulator's clock.
    pub created_at: SystemTime,
    pub run: Run,
    pub finished: bool,
}

pub struct State {
    /// The emulator's time for the call or report being handled (set at each lock).
    pub now: SystemTime,
    /// The machines commands run on, as declared (`--instances`, `/_emulator/instances`).
    pub fleet: Fleet,
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
    /// How far each invoker's schedule has been followed: it fires at its times after this.
    pub invoker_checked: HashMap<String, SystemTime>,
    /// Tasks whose agent is to be told to fetch them, `(instance, task)`; sent after the
    /// call that made them.
    pub kicks: Vec<(String, String)>,
}

impl State {
    fn new(fleet: Fleet) -> Self {
        State {
            now: UNIX_EPOCH,
            fleet,
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
            invoker_checked: HashMap::new(),
            kicks: Vec::new(),
        }
    }
}

/// What the API's behaviour and the agents' port share.
pub struct Shared {
    state: Mutex<State>,
    pub timing: TaskTiming,
    pub settings: Settings,
    pub hub: Hub,
    clock: OnceLock<Clock>,
}

impl Shared {
    pub fn new(timing: TaskTiming, settings: Settings, fleet: Fleet) -> Self {
        Shared {
            state: Mutex::new(State::new(fleet)),
            timing,
            settings,
            hub: Hub::default(),
            clock: OnceLock::new(),
        }
    }

    /// Reads time from `clock` from now on (the emulator's, given before it serves).
    pub fn use_clock(&self, clock: &Clock) {
        let _ = self.clock.set(clock.clone());
    }

    /// The emulator's current time.
    pub fn now(&self) -> SystemTime {
        self.clock.get_or_init(Clock::default).now()
    }

    /// The state, to act on, with its `now` read from the clock; a panic elsewhere leaves it
    /// usable.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.now = self.now();
        state
    }
}
