//! Runs a shell command on instances and prints what each one printed.
//!
//! ```text
//! cargo run -p tencentcloud-tat --example run_shell_command -- ['COMMAND'] [INSTANCE_ID ...]
//! ```
//!
//! With credentials configured (`TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY`,
//! `~/.tencentcloud/credentials`, or a CVM instance role) it runs on your instances in `TENCENTCLOUD_REGION`
//! (default `ap-guangzhou`). Without, it starts the local TAT emulator and runs there,
//! so it works on a fresh machine.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use std::time::{Duration, Instant};
use tencentcloud_runtime::credentials::{ProvideCredentials, Provided};
use tencentcloud_tat::enums::TaskStatus;
use tencentcloud_tat::types::{Filter, InvocationTask};
use tencentcloud_tat::{Client, Credentials};

const DEFAULT_COMMAND: &str = "echo hello from TAT && hostname";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_else(|| DEFAULT_COMMAND.to_string());
    let mut instance_ids: Vec<String> = args.collect();
    let region = std::env::var("TENCENTCLOUD_REGION").unwrap_or_else(|_| "ap-guangzhou".to_string());

    // Keep the emulator alive for the whole run: it stops when dropped.
    let mut _emulator = None;
    let mut poll_every = Duration::from_secs(1);
    let found = tencentcloud_runtime::credentials::default_chain().provide().await;
    let client = match found {
        Ok(Provided::Found(_)) => {
            if instance_ids.is_empty() {
                eprintln!("usage: run_shell_command 'COMMAND' INSTANCE_ID [INSTANCE_ID ...]");
                std::process::exit(2);
            }
            Client::builder().region(region).build()?
        }
        not_found => {
            let emulator = tencentcloud_emulator::services::tat::emulator().start().await?;
            match not_found {
                Err(why) => println!("{why}"),
                _ => println!("no credentials found (environment, profile file, CVM role)"),
            }
            println!("→ running against a local TAT emulator at {}", emulator.url());
            if instance_ids.is_empty() {
                instance_ids = vec!["ins-emulated1".to_string(), "ins-emulated2".to_string()];
            }
            poll_every = Duration::from_millis(100);
            let client = Client::builder()
                .credentials(Credentials::new(tencentcloud_emulator::DEMO_SECRET_ID, tencentcloud_emulator::DEMO_SECRET_KEY))
                .region(region)
                .endpoint_url(emulator.url())
                .build()?;
            _emulator = Some(emulator);
            client
        }
    };

    let timeout_seconds = 60;
    let started =
        client.run_command().content(BASE64.encode(&command)).instance_ids(instance_ids.clone()).command_type("SHELL").timeout(timeout_seconds).send().await?;
    let invocation_id = started.invocation_id.unwrap_or_default();
    println!("$ {command}");
    println!("invocation {invocation_id} on {}", instance_ids.join(", "));

    let tasks = wait_for_tasks(&client, &invocation_id, poll_every, Duration::from_secs(timeout_seconds as u64 + 30)).await?;
    let mut failed = 0;
    for task in &tasks {
        let result = task.task_result.clone().unwrap_or_default();
        let output = String::from_utf8_lossy(&BASE64.decode(result.output.unwrap_or_default()).unwrap_or_default()).into_owned();
        let status = task.task_status.as_ref().map_or("?", |s| s.as_str());
        println!("\n== {} · {status} · exit code {}", task.instance_id.as_deref().unwrap_or("?"), result.exit_code.unwrap_or_default());
        print!("{output}");
        if task.task_status != Some(TaskStatus::Success) {
            failed += 1;
        }
    }
    if failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

fn finished(task: &InvocationTask) -> bool {
    !matches!(
        task.task_status,
        None | Some(TaskStatus::Pending | TaskStatus::Delivering | TaskStatus::DeliverDelayed | TaskStatus::Running | TaskStatus::Cancelling)
    )
}

/// Polls the invocation's tasks (with their output) until every one has finished.
async fn wait_for_tasks(client: &Client, invocation_id: &str, every: Duration, deadline: Duration) -> Result<Vec<InvocationTask>, Box<dyn std::error::Error>> {
    let started = Instant::now();
    loop {
        let answer = client
            .describe_invocation_tasks()
            .filters([Filter::new("invocation-id".to_string(), vec![invocation_id.to_string()])])
            .hide_output(false)
            .send()
            .await?;
        let tasks = answer.invocation_task_set.unwrap_or_default();
        if !tasks.is_empty() && tasks.iter().all(finished) {
            return Ok(tasks);
        }
        if started.elapsed() > deadline {
            return Err(format!("invocation {invocation_id} did not finish within {deadline:?}").into());
        }
        tokio::time::sleep(every).await;
    }
}
