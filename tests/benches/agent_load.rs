//! The emulator as the TAT backend, measured (`cargo bench -p workspace-tests --bench
//! agent_load`, also part of `cargo xtask bench`):
//!
//! 1. Simulated agents (the protocol of Tencent's agent, signed with RSA): registrations
//!    per second, agents held online at once, and task round trips (RunCommand over every
//!    agent until every task is SUCCESS), counting lost tasks (goal: 50 agents, none lost).
//! 2. Tencent's own agent, when it can be built (`../shared/third_party/tat-agent`): the
//!    time from RunCommand to the task's RUNNING, and from the script's exit to SUCCESS.
//!
//! A smoke run: ten simulated agents, and Tencent's agent only when already built.

use base64::Engine;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_tat::types::Filter;
use tencentcloud_tat::Client;
use workspace_tests::bench_figures::{figure, smoke};
use workspace_tests::real_agent::{agent_source, agent_target, RealAgent};
use workspace_tests::simulated_agent::SimulatedAgent;
use workspace_tests::tat_bed;

const AGENTS: [usize; 3] = [10, 50, 200];
const ROUNDS: usize = 5;

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

async fn status(client: &Client, invocation: &str) -> String {
    let answer = client
        .describe_invocations()
        .invocation_ids([invocation])
        .send()
        .await
        .unwrap();
    let set = answer.invocation_set.unwrap_or_default();
    set[0]
        .invocation_status
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default()
}

/// `n` simulated agents: registrations per second, then `ROUNDS` invocations over all of
/// them, each until every task is SUCCESS; the tasks the agents ran.
async fn simulated(n: usize) {
    let (emulator, client) = tat_bed::start(TaskTiming::DEFAULT).await;
    let code = client
        .create_register_code()
        .register_limit(10_000)
        .send()
        .await
        .unwrap();
    let (id, value) = (
        code.register_code_id.unwrap(),
        code.register_code_value.unwrap(),
    );
    let started = Instant::now();
    let mut agents = Vec::new();
    for i in 0..n {
        let mut agent = SimulatedAgent::new(emulator.peer_addr().unwrap(), &format!("machine-{i}"));
        agent.register(&id, &value).await.unwrap();
        agents.push(agent);
    }
    let registering = started.elapsed();
    let mut instances = Vec::new();
    let mut serving = Vec::new();
    for agent in agents {
        instances.push(agent.instance_id.clone().unwrap());
        let socket = agent.connect().await;
        serving.push(tokio::spawn(async move { agent.serve(socket).await }));
    }
    let ids: Vec<&str> = instances.iter().map(String::as_str).collect();
    let mut round_trips = Vec::new();
    for round in 0..ROUNDS {
        let t = Instant::now();
        let invocation = client
            .run_command()
            .content(b64(&format!("round {round}")))
            .instance_ids(ids.iter().copied())
            .send()
            .await
            .unwrap()
            .invocation_id
            .unwrap();
        while status(&client, &invocation).await != "SUCCESS" {
            assert!(
                t.elapsed() < Duration::from_secs(120),
                "round {round} did not finish"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        round_trips.push(t.elapsed());
    }
    emulator.stop();
    let mut ran = 0;
    for agent in serving {
        ran += agent.await.unwrap();
    }
    round_trips.sort();
    let rate = n as f64 / registering.as_secs_f64();
    figure(
        &format!("{n} simulated agents: registrations"),
        rate,
        "/s",
        None,
    );
    let median_ms = round_trips[ROUNDS / 2].as_secs_f64() * 1e3;
    figure(
        &format!("{n} simulated agents: RunCommand until every task SUCCESS"),
        median_ms,
        "ms",
        None,
    );
    figure(
        &format!("{n} simulated agents: tasks lost"),
        (n * ROUNDS - ran) as f64,
        "tasks",
        None,
    );
    println!(
        "{n:>4} simulated agents: {:.0} registrations/s; {n} online at once; {ROUNDS} invocations over all of them: median {:.0} ms, slowest {:.0} ms until every task SUCCESS; {} of {} tasks lost",
        n as f64 / registering.as_secs_f64(),
        round_trips[ROUNDS / 2].as_secs_f64() * 1e3,
        round_trips[ROUNDS - 1].as_secs_f64() * 1e3,
        n * ROUNDS - ran,
        n * ROUNDS
    );
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// Tencent's agent: RunCommand → RUNNING, and the script's exit → SUCCESS, five times.
async fn real_agent() {
    if !agent_source().join("Cargo.toml").is_file() {
        println!(
            "Tencent's agent: skipped, no source at {}",
            agent_source().display()
        );
        return;
    }
    if smoke() && !agent_target().join("debug/tat_agent").is_file() {
        println!("Tencent's agent: skipped in a smoke run, not built (cargo xtask agent build)");
        return;
    }
    let (emulator, client) = tat_bed::start(TaskTiming::DEFAULT).await;
    let code = client.create_register_code().send().await.unwrap();
    let mut agent = RealAgent::prepare("bench", emulator.peer_addr().unwrap());
    let (registered, printed) = agent.register(
        code.register_code_id.as_deref().unwrap(),
        code.register_code_value.as_deref().unwrap(),
    );
    assert!(registered, "{printed}");
    let instance = agent.instance_id().unwrap();
    agent.start();
    wait_online(&client, &instance).await;
    let (mut to_running, mut to_success) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        // The script prints when it exits (ms since the epoch).
        let script = "date +%s%3N";
        let invocation = client
            .run_command()
            .content(b64(script))
            .instance_ids([instance.as_str()])
            .send()
            .await
            .unwrap()
            .invocation_id
            .unwrap();
        let (mut running, mut done) = (None, None);
        while done.is_none() {
            let filter = Filter::new("invocation-id".to_string(), vec![invocation.clone()]);
            let tasks = client
                .describe_invocation_tasks()
                .filters([filter])
                .hide_output(false)
                .send()
                .await
                .unwrap();
            let task = &tasks.invocation_task_set.unwrap()[0];
            match task.task_status.as_ref().map(|s| s.as_str()) {
                Some("RUNNING") if running.is_none() => running = Some(t.elapsed()),
                Some("SUCCESS") => {
                    let output = base64::engine::general_purpose::STANDARD
                        .decode(task.task_result.as_ref().unwrap().output.as_ref().unwrap())
                        .unwrap();
                    let exited: u128 = String::from_utf8_lossy(&output).trim().parse().unwrap();
                    done = Some(now_ms().saturating_sub(exited));
                    running.get_or_insert(t.elapsed());
                }
                _ => {}
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        to_running.push(running.unwrap().as_secs_f64() * 1e3);
        to_success.push(done.unwrap() as f64);
    }
    to_running.sort_by(f64::total_cmp);
    to_success.sort_by(f64::total_cmp);
    figure(
        "Tencent's agent: RunCommand → RUNNING",
        to_running[2],
        "ms",
        None,
    );
    figure(
        "Tencent's agent: script's exit → SUCCESS",
        to_success[2],
        "ms",
        None,
    );
    println!(
        "Tencent's agent (tat_agent 1.1.9, debug build): RunCommand → RUNNING median {:.0} ms; the script's exit → SUCCESS median {:.0} ms (the agent reports once the script's output closes)",
        to_running[2], to_success[2]
    );
}

async fn wait_online(client: &Client, instance: &str) {
    let t = Instant::now();
    loop {
        if tat_bed::agent_status(client, instance).await == "Online" {
            return;
        }
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the agent did not come online"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let agents: &[usize] = if smoke() { &AGENTS[..1] } else { &AGENTS };
    runtime.block_on(async {
        for &n in agents {
            simulated(n).await;
        }
        real_agent().await;
    });
}
