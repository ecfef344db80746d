//! The TAT emulator and a client of it as the agent tests and benchmarks use them: rate
//! limits off, the demo keys, and the reads every one of them repeats.

use tencentcloud_emulator::services::tat::{self, TaskTiming, Tat};
use tencentcloud_emulator::{Emulator, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_tat::types::{Filter, InvocationTask};
use tencentcloud_tat::{Client, Credentials};

/// A TAT emulator with this task timing and no rate limits, and a client of it.
pub async fn start(timing: TaskTiming) -> (Emulator, Client) {
    let emulator = tat::emulator()
        .rate_limits(None)
        .behaviour(Tat::new(timing))
        .start()
        .await;
    let emulator = emulator.expect("the emulator starts");
    let client = client_of(&emulator);
    (emulator, client)
}

/// A client of the emulator with its demo keys.
pub fn client_of(emulator: &Emulator) -> Client {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint_url(emulator.url())
        .build()
        .expect("a client")
}

/// The instance's `AgentStatus` (`Online`, `Offline`), or "" when none is reported.
pub async fn agent_status(client: &Client, instance: &str) -> String {
    let answer = client
        .describe_automation_agent_status()
        .instance_ids([instance])
        .send()
        .await;
    let agents = answer
        .expect("DescribeAutomationAgentStatus")
        .automation_agent_set
        .unwrap_or_default();
    agents
        .first()
        .and_then(|a| a.agent_status.as_ref())
        .map(|s| s.as_str().to_string())
        .unwrap_or_default()
}

/// The first task of an invocation, with its output.
pub async fn task_of(client: &Client, invocation: &str) -> InvocationTask {
    let filter = Filter::new("invocation-id".to_string(), vec![invocation.to_string()]);
    let answer = client
        .describe_invocation_tasks()
        .filters([filter])
        .hide_output(false)
        .send()
        .await;
    let tasks = answer.expect("DescribeInvocationTasks").invocation_task_set;
    tasks
        .unwrap_or_default()
        .into_iter()
        .next()
        .expect("the invocation has a task")
}
