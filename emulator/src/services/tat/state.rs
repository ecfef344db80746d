//! TAT's state in one account and region, which both sides act on: the API (commands,
//! invokers, invocations and their tasks, registration codes, managed instances) and the
//! agents on managed instances, which fetch tasks, run them and report. Every container
//! remembers what changed, so a durable emulator saves only that ([`super::persist`]).

use super::shell;
use crate::store::table::{IdSource, Table};
use crate::store::tracked::Tracked;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Run {
    /// On an emulated CVM or Lighthouse instance: a simulated shell, on the clock.
    Simulated(shell::Outcome),
    /// On a managed instance: its agent runs the script for real.
    Agent(AgentRun),
    /// Nowhere: the instance could not be reached (its task ended as it was made).
    Undelivered,
}

/// A task an agent runs: what it is given, and what it has uploaded.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskRun {
    /// When the task was created, on the emulator's clock.
    pub created_at: SystemTime,
    pub run: Run,
    pub finished: bool,
}

/// Where resources live: an account, in a region (as in Tencent Cloud, another account's
/// or region's resources are not found and never listed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Scope {
    pub account: String,
    /// The call's `X-TC-Region` (empty when it names none).
    pub region: String,
}

pub struct State {
    /// The emulator's time for the call or report being handled (set each time the state
    /// is taken).
    pub now: SystemTime,
    /// Shared by every scope: ids are unique across accounts and regions.
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
    pub code_values: Tracked<String>,
    pub runs: Tracked<TaskRun>,
    /// Task ids of each invocation, in instance order.
    pub invocation_tasks: Tracked<Vec<String>>,
    /// How far each invoker's schedule has been followed: it fires at its times after this.
    pub invoker_checked: Tracked<SystemTime>,
    /// Invocations with unfinished tasks (worked out again when the state is read back).
    pub active: Vec<String>,
    /// Tasks whose agent is to be told to fetch them, `(instance, task)`; sent after the
    /// call that made them.
    pub kicks: Vec<(String, String)>,
}

impl State {
    pub fn new(ids: IdSource) -> Self {
        State {
            now: UNIX_EPOCH,
            ids,
            // Names are unique among an account's commands in a region (each create checks).
            commands: Table::new("CommandId").unique_by("CommandName"),
            invocations: Table::new("InvocationId"),
            tasks: Table::new("InvocationTaskId"),
            invokers: Table::new("InvokerId"),
            invoker_records: Table::new("InvocationId"),
            register_codes: Table::new("RegisterCodeId"),
            register_instances: Table::new("InstanceId"),
            code_values: Tracked::default(),
            runs: Tracked::default(),
            invocation_tasks: Tracked::default(),
            invoker_checked: Tracked::default(),
            active: Vec::new(),
            kicks: Vec::new(),
        }
    }

    /// Whether the scope holds nothing at all.
    pub fn is_empty(&self) -> bool {
        [
            &self.commands,
            &self.invocations,
            &self.invokers,
            &self.register_codes,
            &self.register_instances,
        ]
        .iter()
        .all(|t| t.is_empty())
    }
}
