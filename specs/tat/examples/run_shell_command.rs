//! Runs a shell command on instances and prints what each one printed.
//!
//! ```text
//! cargo run -p tencentcloud-tat --example run_shell_command -- \
//!     [--endpoint URL] ['COMMAND'] [INSTANCE_ID ...]
//! ```
//!
//! With credentials configured (`TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY`,
//! `~/.tencentcloud/credentials`, or a CVM instance role) it runs on your instances in
//! `TENCENTCLOUD_REGION` (default `ap-guangzhou`). Without, it starts the local TAT emulator
//! and runs there, so it works on a fresh machine. With `--endpoint` it talks to that
//! endpoint (a running `tat-emulator`, say, with Tencent's agent registered to it) and,
//! given no instance ids, runs on every instance whose agent is online there.

use std::time::Duration;
use tencentcloud_runtime::credentials::{ProvideCredentials, Provided};
use tencentcloud_tat::enums::TaskStatus;
use tencentcloud_tat::types::{Filter, InvocationTask};
use tencentcloud_tat::waiters::WaitError;
use tencentcloud_tat::{Client, Credentials};

const DEFAULT_COMMAND: &str = "echo hello from TAT && hostname";

type Failure = Box<dyn std::error::Error>;

/// What the command line asked for.
struct Options {
    endpoint: Option<String>,
    command: String,
    instance_ids: Vec<String>,
}

impl Options {
    fn from_args() -> Options {
        let mut args: Vec<String> = std::env::args().skip(1).collect();
        let mut endpoint = None;
        if args.first().map(String::as_str) == Some("--endpoint") && args.len() > 1 {
            endpoint = Some(args.remove(1));
            args.remove(0);
        }
        let mut args = args.into_iter();
        let command = args.next().unwrap_or_else(|| DEFAULT_COMMAND.to_string());
        Options {
            endpoint,
            command,
            instance_ids: args.collect(),
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let options = Options::from_args();
    let command = options.command.clone();
    // Keep the emulator (if any) alive for the whole run: it stops when dropped.
    let target = connect(options).await?;
    let client = &target.client;

    let timeout_seconds = 60;
    let started = client
        .run_command()
        .content_raw(&command)
        .instance_ids(target.instance_ids.clone())
        .command_type("SHELL")
        .timeout(timeout_seconds)
        .send()
        .await?;
    let invocation_id = started.invocation_id.unwrap_or_default();
    println!("$ {command}");
    println!(
        "invocation {invocation_id} on {}",
        target.instance_ids.join(", ")
    );

    let deadline = Duration::from_secs(timeout_seconds as u64 + 30);
    let waited = client
        .wait_until_invocation_tasks_done()
        .filters([Filter::new(
            "invocation-id".to_string(),
            vec![invocation_id.clone()],
        )])
        .hide_output(false)
        .min_delay(target.poll_every)
        .max_delay(target.poll_every * 10)
        .wait(deadline)
        .await;
    // A task that failed ends the wait too: its answer holds every task to print.
    let answer = match waited {
        Ok(answer) => answer,
        Err(WaitError::Failed { response, .. }) => *response,
        Err(other) => return Err(other.into()),
    };
    let tasks = answer.invocation_task_set.unwrap_or_default();
    let failed = tasks.iter().filter(|task| !print_task(task)).count();
    if failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

/// Where the command runs: the endpoint asked for, your instances when credentials are
/// found, else a local emulator started for the run.
struct Target {
    client: Client,
    instance_ids: Vec<String>,
    poll_every: Duration,
    _emulator: Option<tencentcloud_emulator::Emulator>,
}

fn region() -> String {
    std::env::var("TENCENTCLOUD_REGION").unwrap_or_else(|_| "ap-guangzhou".to_string())
}

fn demo_keys() -> Credentials {
    Credentials::new(
        tencentcloud_emulator::DEMO_SECRET_ID,
        tencentcloud_emulator::DEMO_SECRET_KEY,
    )
}

async fn connect(options: Options) -> Result<Target, Failure> {
    let found = tencentcloud_runtime::credentials::default_chain()
        .provide()
        .await;
    if let Some(endpoint) = options.endpoint {
        let mut client = Client::builder().region(region()).endpoint_url(endpoint);
        if !matches!(found, Ok(Provided::Found(_))) {
            client = client.credentials(demo_keys());
        }
        let client = client.build()?;
        let instance_ids = match options.instance_ids {
            ids if ids.is_empty() => online_instances(&client).await?,
            ids => ids,
        };
        let poll_every = Duration::from_millis(200);
        return Ok(Target {
            client,
            instance_ids,
            poll_every,
            _emulator: None,
        });
    }
    if let Ok(Provided::Found(_)) = found {
        if options.instance_ids.is_empty() {
            eprintln!("usage: run_shell_command 'COMMAND' INSTANCE_ID [INSTANCE_ID ...]");
            std::process::exit(2);
        }
        let client = Client::builder().region(region()).build()?;
        return Ok(Target {
            client,
            instance_ids: options.instance_ids,
            poll_every: Duration::from_secs(1),
            _emulator: None,
        });
    }
    match found {
        Err(why) => println!("{why}"),
        _ => println!("no credentials found (environment, profile file, CVM role)"),
    }
    local_emulator(options.instance_ids).await
}

/// Every instance whose agent is online at the endpoint.
async fn online_instances(client: &Client) -> Result<Vec<String>, Failure> {
    let answer = client
        .describe_automation_agent_status()
        .filters([Filter::new(
            "agent-status".to_string(),
            vec!["Online".to_string()],
        )])
        .send()
        .await?;
    let ids: Vec<String> = (answer.automation_agent_set.unwrap_or_default().into_iter())
        .filter_map(|agent| agent.instance_id)
        .collect();
    if ids.is_empty() {
        return Err("no instance has an online agent there: register and start one first".into());
    }
    Ok(ids)
}

/// A TAT emulator started for this run, with two simulated instances unless others are
/// named.
async fn local_emulator(instance_ids: Vec<String>) -> Result<Target, Failure> {
    let emulator = tencentcloud_emulator::services::tat::emulator()
        .start()
        .await?;
    println!(
        "→ running against a local TAT emulator at {}",
        emulator.url()
    );
    let instance_ids = if instance_ids.is_empty() {
        vec!["ins-emulated1".to_string(), "ins-emulated2".to_string()]
    } else {
        instance_ids
    };
    let client = Client::builder()
        .credentials(demo_keys())
        .region(region())
        .endpoint_url(emulator.url())
        .build()?;
    Ok(Target {
        client,
        instance_ids,
        poll_every: Duration::from_millis(100),
        _emulator: Some(emulator),
    })
}

/// Prints one task's status, exit code and output; whether it succeeded.
fn print_task(task: &InvocationTask) -> bool {
    let result = task.task_result.clone().unwrap_or_default();
    let decoded = result.output_decoded().unwrap_or_default();
    let status = task.task_status.as_ref().map_or("?", |s| s.as_str());
    println!(
        "\n== {} · {status} · exit code {}",
        task.instance_id.as_deref().unwrap_or("?"),
        result.exit_code.unwrap_or_default()
    );
    print!("{}", String::from_utf8_lossy(&decoded));
    task.task_status == Some(TaskStatus::Success)
}
