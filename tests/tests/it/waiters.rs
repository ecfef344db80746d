//! The TAT waiters (`specs/tat/waiters.toml`) against the emulator: each reaches success,
//! failure and timeout, with the emulator's task timing deciding how long tasks run.

use base64::Engine;
use std::time::Duration;
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_tat::types::Filter;
use tencentcloud_tat::waiters::WaitError;
use tencentcloud_tat::Client;
use workspace_tests::tat_bed;

const FAST: TaskTiming = TaskTiming {
    pending: Duration::from_millis(30),
    running: Duration::from_millis(60),
    ..TaskTiming::DEFAULT
};

const SLOW: TaskTiming = TaskTiming {
    pending: Duration::from_millis(30),
    running: Duration::from_secs(60),
    ..TaskTiming::DEFAULT
};

async fn run(client: &Client, script: &str) -> String {
    let content = base64::engine::general_purpose::STANDARD.encode(script);
    let answer = client
        .run_command()
        .content(content)
        .instance_ids(["ins-1", "ins-2"])
        .send()
        .await
        .expect("RunCommand");
    answer.invocation_id.expect("an invocation id")
}

fn quick<W>(waiter: W) -> W
where
    W: Polls,
{
    waiter.polls(Duration::from_millis(10), Duration::from_millis(50))
}

/// Both waiters' delay setters, so each test sets them once.
trait Polls {
    fn polls(self, min: Duration, max: Duration) -> Self;
}

impl Polls for tencentcloud_tat::waiters::InvocationDone {
    fn polls(self, min: Duration, max: Duration) -> Self {
        self.min_delay(min).max_delay(max)
    }
}

impl Polls for tencentcloud_tat::waiters::InvocationTasksDone {
    fn polls(self, min: Duration, max: Duration) -> Self {
        self.min_delay(min).max_delay(max)
    }
}

#[tokio::test]
async fn invocation_done_reaches_success_failure_and_timeout() {
    let (emulator, client) = tat_bed::start(FAST).await;
    let ok = run(&client, "echo hi").await;
    let done = quick(client.wait_until_invocation_done())
        .invocation_ids([ok.as_str()])
        .wait(Duration::from_secs(10))
        .await
        .expect("the invocation succeeds");
    let set = done.invocation_set.expect("the invocation");
    assert_eq!(
        set[0].invocation_status.as_ref().unwrap().as_str(),
        "SUCCESS"
    );

    let failing = run(&client, "exit 3").await;
    let err = quick(client.wait_until_invocation_done())
        .invocation_ids([failing.as_str()])
        .wait(Duration::from_secs(10))
        .await
        .expect_err("the invocation fails");
    match &err {
        WaitError::Failed { value, path, .. } => {
            assert_eq!(value, "FAILED", "{err}");
            assert_eq!(path, "InvocationSet[].InvocationStatus");
        }
        other => panic!("expected a failure, got {other}"),
    }
    emulator.stop();

    let (emulator, client) = tat_bed::start(SLOW).await;
    let slow = run(&client, "echo slow").await;
    let err = quick(client.wait_until_invocation_done())
        .invocation_ids([slow.as_str()])
        .wait(Duration::from_millis(300))
        .await
        .expect_err("still running");
    assert!(
        matches!(&err, WaitError::TimedOut { last_values, last: Some(_), .. } if last_values.iter().all(|v| v == "RUNNING" || v == "PENDING")),
        "{err}"
    );
    emulator.stop();
}

#[tokio::test]
async fn invocation_tasks_done_reaches_success_failure_and_timeout() {
    let filter = |id: &str| Filter::new("invocation-id".to_string(), vec![id.to_string()]);
    let (emulator, client) = tat_bed::start(FAST).await;
    let ok = run(&client, "echo hi").await;
    let done = quick(client.wait_until_invocation_tasks_done())
        .filters([filter(&ok)])
        .wait(Duration::from_secs(10))
        .await
        .expect("both tasks succeed");
    assert_eq!(done.invocation_task_set.expect("tasks").len(), 2);

    let failing = run(&client, "exit 1").await;
    let err = quick(client.wait_until_invocation_tasks_done())
        .filters([filter(&failing)])
        .wait(Duration::from_secs(10))
        .await
        .expect_err("the tasks fail");
    assert!(
        matches!(&err, WaitError::Failed { value, .. } if value == "FAILED"),
        "{err}"
    );
    emulator.stop();

    let (emulator, client) = tat_bed::start(SLOW).await;
    let slow = run(&client, "echo slow").await;
    let err = quick(client.wait_until_invocation_tasks_done())
        .filters([filter(&slow)])
        .wait(Duration::from_millis(300))
        .await
        .expect_err("still running");
    assert!(matches!(&err, WaitError::TimedOut { .. }), "{err}");
    assert!(err.to_string().contains("invocation_tasks_done"), "{err}");
    emulator.stop();
}
