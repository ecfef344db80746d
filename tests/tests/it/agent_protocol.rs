//! The emulator as the TAT backend, against the agent protocol spoken by a simulated agent
//! (`workspace_tests::simulated_agent`): registration and its code's checks, the signature
//! on every call, presence over the WebSocket, tasks fetched, started, logged (out of
//! order) and finished, cancellation reaching the agent, an agent gone too long, hostile
//! input on the agents' port, and fifty agents at once.

use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_emulator::Emulator;
use tencentcloud_tat::Client;
use tokio_tungstenite::tungstenite::Message;
use workspace_tests::simulated_agent::SimulatedAgent;
use workspace_tests::tat_bed::{self, agent_status, task_of};

async fn emulator() -> (Emulator, Client) {
    tat_bed::start(TaskTiming::DEFAULT).await
}

/// A registration code: its id and value.
async fn code(client: &Client, limit: i64, ip_range: Option<&str>) -> (String, String) {
    let mut create = client.create_register_code().register_limit(limit);
    if let Some(range) = ip_range {
        create = create.ip_address_range(range);
    }
    let created = create.send().await.expect("a registration code");
    (
        created.register_code_id.unwrap(),
        created.register_code_value.unwrap(),
    )
}

/// A simulated agent, registered.
async fn registered(emulator: &Emulator, client: &Client, machine: &str) -> SimulatedAgent {
    let mut agent = SimulatedAgent::new(emulator.peer_addr().expect("the agents' port"), machine);
    let (id, value) = code(client, 10, None).await;
    agent.register(&id, &value).await.expect("registers");
    agent
}

fn error_code(answer: &Value) -> &str {
    answer["Error"]["Code"].as_str().unwrap_or("")
}

/// Polls `check` until it holds (or fails after five seconds).
async fn eventually<F: std::future::Future<Output = bool>>(check: impl FnMut() -> F) {
    eventually_within(Duration::from_secs(5), check).await
}

/// Polls `check` until it holds, or fails after `limit`.
async fn eventually_within<F: std::future::Future<Output = bool>>(
    limit: Duration,
    mut check: impl FnMut() -> F,
) {
    let deadline = Instant::now() + limit;
    while !check().await {
        assert!(Instant::now() < deadline, "did not happen within {limit:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn run(client: &Client, instances: &[&str], script: &str) -> String {
    let content = base64::engine::general_purpose::STANDARD.encode(script);
    let started = client
        .run_command()
        .content(content)
        .instance_ids(instances.iter().copied())
        .send()
        .await;
    started.expect("RunCommand").invocation_id.unwrap()
}

#[tokio::test]
async fn registration_takes_a_usable_code_and_the_agents_key() {
    let (emulator, client) = emulator().await;
    let port = emulator.peer_addr().unwrap();
    let mut agent = SimulatedAgent::new(port, "machine-1");
    let (id, value) = code(&client, 1, None).await;
    assert_eq!(
        agent.register(&id, "wrong").await,
        Err("InvalidParameterValue.RegisterCodeValue".into())
    );
    assert_eq!(
        agent.register("rc-nope", &value).await,
        Err("ResourceNotFound.RegisterCodesNotFoundCode".into())
    );
    let instance = agent.register(&id, &value).await.expect("registers");
    assert!(instance.starts_with("rins-"), "{instance}");
    let mut second = SimulatedAgent::new(port, "machine-2");
    assert_eq!(
        second.register(&id, &value).await,
        Err("LimitExceeded.RegisterLimit".into())
    );
    let (other, other_value) = code(&client, 10, Some("192.168.0.0/16")).await;
    assert_eq!(
        second.register(&other, &other_value).await,
        Err("UnauthorizedOperation.IpAddressNotAllowed".into())
    );
    let (third, third_value) = code(&client, 10, None).await;
    client
        .disable_register_codes()
        .register_code_ids([third.as_str()])
        .send()
        .await
        .unwrap();
    assert_eq!(
        second.register(&third, &third_value).await,
        Err("ResourceUnavailable.RegisterCodeDisabled".into())
    );

    let listed = client
        .describe_register_instances()
        .instance_ids([instance.as_str()])
        .send()
        .await
        .unwrap();
    let record = &listed.register_instance_set.unwrap()[0];
    assert_eq!(record.machine_id.as_deref(), Some("machine-1"));
    assert_eq!(record.register_code_id.as_deref(), Some(id.as_str()));
    assert!(record
        .public_key
        .as_deref()
        .unwrap()
        .starts_with("-----BEGIN RSA PUBLIC KEY-----"));
    let codes = client
        .describe_register_codes()
        .register_code_ids([id.as_str()])
        .send()
        .await
        .unwrap();
    assert_eq!(
        codes.register_code_set.unwrap()[0].registered_count,
        Some(1)
    );
}

#[tokio::test]
async fn every_call_after_registering_is_signed_fresh_and_once() {
    let (emulator, client) = emulator().await;
    let agent = registered(&emulator, &client, "machine-1").await;
    assert_eq!(
        agent.call("CheckUpdate", json!({})).await["NeedUpdate"],
        json!(false)
    );

    let unsigned = vec![("MachineId".to_string(), "machine-1".to_string())];
    let body = json!({ "Action": "DescribeTasks" })
        .to_string()
        .into_bytes();
    assert_eq!(
        error_code(&agent.send(&unsigned, body.clone()).await),
        "AuthFailure.InvalidAuthorization"
    );
    let now = SystemTimeSecs::now();
    let stale = agent.signed_headers_at(now - 600, "stale");
    assert_eq!(
        error_code(&agent.send(&stale, body.clone()).await),
        "AuthFailure.SignatureExpire"
    );
    let mut forged = agent.signed_headers_at(now, "forged");
    forged[2].1 = "another-random-key".into();
    assert_eq!(
        error_code(&agent.send(&forged, body.clone()).await),
        "AuthFailure.SignatureFailure"
    );
    let once = agent.signed_headers_at(now, "once");
    assert!(agent.send(&once, body.clone()).await["Error"].is_null());
    assert_eq!(
        error_code(&agent.send(&once, body.clone()).await),
        "AuthFailure.SignatureFailure",
        "a replay"
    );
    let mut elsewhere = agent.signed_headers_at(now, "elsewhere");
    elsewhere[0].1 = "machine-2".into();
    assert_eq!(
        error_code(&agent.send(&elsewhere, body.clone()).await),
        "AuthFailure.SignatureFailure"
    );

    let instance = agent.instance_id.clone().unwrap();
    let socket = agent.connect().await;
    client
        .delete_register_instance()
        .instance_id(instance.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(
        agent.serve(socket).await,
        0,
        "the deleted instance's socket is closed"
    );
    assert_eq!(
        error_code(&agent.call("DescribeTasks", json!({})).await),
        "AuthFailure.InvalidAuthorization"
    );
}

/// Unix seconds now.
struct SystemTimeSecs;

impl SystemTimeSecs {
    fn now() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    }
}

#[tokio::test]
async fn presence_follows_the_websocket_and_unsigned_handshakes_are_refused() {
    let (emulator, client) = emulator().await;
    let agent = registered(&emulator, &client, "machine-1").await;
    let instance = agent.instance_id.clone().unwrap();
    assert_eq!(agent_status(&client, &instance).await, "Offline");
    let unsigned = vec![("MachineId".to_string(), "machine-1".to_string())];
    assert!(
        agent.connect_with(&unsigned).await.is_err(),
        "an unsigned handshake is refused"
    );

    let socket = agent.connect().await;
    eventually(|| async { agent_status(&client, &instance).await == "Online" }).await;
    let answer = client
        .describe_automation_agent_status()
        .instance_ids([instance.as_str()])
        .send()
        .await
        .unwrap();
    let status = &answer.automation_agent_set.unwrap()[0];
    assert_eq!(status.version.as_deref(), Some("1.1.9-simulated"));
    assert_eq!(
        status.environment.as_ref().map(|e| e.as_str()),
        Some("Linux")
    );
    let listed = client
        .describe_register_instances()
        .instance_ids([instance.as_str()])
        .send()
        .await
        .unwrap();
    assert_eq!(
        listed.register_instance_set.unwrap()[0].status.as_deref(),
        Some("Online")
    );
    drop(socket);
    eventually(|| async { agent_status(&client, &instance).await == "Offline" }).await;
    let refused = client
        .run_command()
        .content("ZWNobw==")
        .instance_ids([instance.as_str()])
        .send()
        .await;
    let error = refused.unwrap_err();
    assert_eq!(
        error.as_service_error().map(|e| e.code()),
        Some("ResourceUnavailable.AgentStatusNotOnline")
    );
}

#[tokio::test]
async fn tasks_are_fetched_run_logged_out_of_order_and_finished() {
    let (emulator, client) = emulator().await;
    let agent = registered(&emulator, &client, "machine-1").await;
    let instance = agent.instance_id.clone().unwrap();
    let socket = agent.connect().await;
    eventually(|| async { agent_status(&client, &instance).await == "Online" }).await;
    let serving = tokio::spawn(async move { agent.serve(socket).await });
    let invocation = run(&client, &[instance.as_str()], "echo hello from the agent").await;
    eventually(|| async {
        task_of(&client, &invocation)
            .await
            .task_status
            .map(|s| s.as_str().to_string())
            == Some("SUCCESS".into())
    })
    .await;
    let task = task_of(&client, &invocation).await;
    let result = task.task_result.unwrap();
    let output = base64::engine::general_purpose::STANDARD
        .decode(result.output.unwrap())
        .unwrap();
    assert_eq!(
        String::from_utf8(output).unwrap(),
        "echo hello from the agent",
        "chunks in index order"
    );
    assert_eq!((result.exit_code, result.dropped), (Some(0), Some(0)));
    assert!(task.start_time.is_some() && task.end_time.is_some());
    emulator.stop();
    let _ = serving.await;
}

#[tokio::test]
async fn cancelling_a_running_task_reaches_its_agent() {
    let (emulator, client) = emulator().await;
    let agent = registered(&emulator, &client, "machine-1").await;
    let instance = agent.instance_id.clone().unwrap();
    let mut socket = agent.connect().await;
    let invocation = run(&client, &[instance.as_str()], "sleep 30").await;
    let fetched = agent.call("DescribeTasks", json!({})).await;
    let task_id = fetched["InvocationNormalTaskSet"][0]["InvocationTaskId"]
        .as_str()
        .unwrap()
        .to_string();
    agent
        .call(
            "ReportTaskStart",
            json!({ "InvocationTaskId": task_id, "TimeStamp": SystemTimeSecs::now() }),
        )
        .await;
    assert_eq!(
        task_of(&client, &invocation)
            .await
            .task_status
            .unwrap()
            .as_str(),
        "RUNNING"
    );

    client
        .cancel_invocation()
        .invocation_id(invocation.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(
        task_of(&client, &invocation)
            .await
            .task_status
            .unwrap()
            .as_str(),
        "CANCELLING"
    );
    let kicked = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(Ok(message)) = socket.next().await {
            if message.to_text().is_ok_and(|t| t.contains("\"kick\"")) {
                return true;
            }
        }
        false
    });
    assert!(
        kicked.await.unwrap(),
        "the agent is told to fetch the cancellation"
    );
    let fetched = agent.call("DescribeTasks", json!({})).await;
    assert_eq!(
        fetched["InvocationCancelTaskSet"][0]["InvocationTaskId"],
        json!(task_id)
    );
    let stopped = json!({ "InvocationTaskId": task_id, "Result": "TERMINATED", "ExitCode": -1, "TimeStamp": SystemTimeSecs::now() });
    agent.call("ReportTaskFinish", stopped).await;
    assert_eq!(
        task_of(&client, &invocation)
            .await
            .task_status
            .unwrap()
            .as_str(),
        "TERMINATED"
    );
    let invocations = client
        .describe_invocations()
        .invocation_ids([invocation.as_str()])
        .send()
        .await
        .unwrap();
    let status = invocations.invocation_set.unwrap()[0]
        .invocation_status
        .clone()
        .unwrap();
    assert_eq!(status.as_str(), "CANCELLED");
}

#[tokio::test]
async fn an_agent_gone_past_its_grace_leaves_its_tasks_timed_out() {
    let timing = TaskTiming {
        agent_grace: Duration::from_millis(200),
        ..TaskTiming::DEFAULT
    };
    let (emulator, client) = tat_bed::start(timing).await;
    let agent = registered(&emulator, &client, "machine-1").await;
    let instance = agent.instance_id.clone().unwrap();
    let socket = agent.connect().await;
    eventually(|| async { agent_status(&client, &instance).await == "Online" }).await;
    let invocation = run(&client, &[instance.as_str()], "sleep 30").await;
    let fetched = agent.call("DescribeTasks", json!({})).await;
    let task_id = fetched["InvocationNormalTaskSet"][0]["InvocationTaskId"]
        .as_str()
        .unwrap()
        .to_string();
    agent
        .call("ReportTaskStart", json!({ "InvocationTaskId": task_id }))
        .await;
    drop(socket);
    eventually(|| async {
        task_of(&client, &invocation)
            .await
            .task_status
            .unwrap()
            .as_str()
            == "TASK_TIMEOUT"
    })
    .await;
    let task = task_of(&client, &invocation).await;
    assert!(task.error_info.unwrap().contains("went offline"));
}

#[tokio::test]
async fn the_agents_port_refuses_what_an_agent_never_sends() {
    let (emulator, client) = emulator().await;
    let agent = registered(&emulator, &client, "machine-1").await;
    let huge = json!({ "Action": "ReportAgentLog", "LogInfo": "x".repeat(100_000) }).to_string();
    assert_eq!(
        error_code(&agent.send(&agent.headers(), huge.into_bytes()).await),
        "RequestSizeLimitExceeded"
    );
    assert_eq!(
        error_code(&agent.send(&agent.headers(), b"{not json".to_vec()).await),
        "InvalidParameter"
    );
    assert_eq!(
        error_code(&agent.call("FormatDisk", json!({})).await),
        "InvalidAction"
    );
    let cos = agent
        .call("GetCosCredential", json!({ "InvocationTaskId": "invt-1" }))
        .await;
    assert_eq!(error_code(&cos), "UnsupportedOperation.CosUpload");
    agent
        .call(
            "ReportAgentLog",
            json!({ "LogLevel": "ERROR", "LogInfo": "disk is full", "AgentVersion": "1.1.9" }),
        )
        .await;
    let logs_url = format!(
        "http://{}/agent/_emulator/logs",
        emulator.peer_addr().unwrap()
    );
    let logs = reqwest::get(logs_url).await.unwrap().text().await.unwrap();
    let logs: Value = serde_json::from_str(&logs).unwrap();
    assert_eq!(logs["AgentLogSet"][0]["LogInfo"], json!("disk is full"));

    let mut socket = agent.connect().await;
    let flood = async {
        for i in 0..1000 {
            if socket
                .send(Message::Text(format!("flood {i}").into()))
                .await
                .is_err()
            {
                return;
            }
        }
        while let Some(Ok(message)) = socket.next().await {
            if matches!(message, Message::Close(_)) {
                return;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(5), flood)
        .await
        .expect("a flooding agent is closed");
}

/// Fifty agents at once: registered, connected, each given a task of one invocation three
/// times over; no task is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_agents_run_every_task_they_are_given() {
    let _machine = workspace_tests::exclusive();
    let (emulator, client) = emulator().await;
    let (id, value) = code(&client, 100, None).await;
    let mut instances = Vec::new();
    let mut serving = Vec::new();
    for n in 0..50 {
        let mut agent = SimulatedAgent::new(emulator.peer_addr().unwrap(), &format!("machine-{n}"));
        instances.push(agent.register(&id, &value).await.expect("registers"));
        let socket = agent.connect().await;
        serving.push(tokio::spawn(async move { agent.serve(socket).await }));
    }
    let ids: Vec<&str> = instances.iter().map(String::as_str).collect();
    for round in 0..3 {
        let invocation = run(&client, &ids, &format!("round {round}")).await;
        let done = || async {
            let answer = client
                .describe_invocations()
                .invocation_ids([invocation.as_str()])
                .send()
                .await
                .unwrap();
            let invocation = &answer.invocation_set.unwrap()[0];
            let status = invocation.invocation_status.clone().unwrap();
            if status.as_str() != "SUCCESS" {
                let tasks = invocation.invocation_task_basic_info_set.clone();
                let unfinished = (tasks.unwrap_or_default().into_iter())
                    .filter(|t| t.task_status.as_ref().map(|s| s.as_str()) != Some("SUCCESS"));
                let unfinished: Vec<_> = unfinished
                    .map(|t| format!("{:?} {:?}", t.instance_id, t.task_status))
                    .collect();
                eprintln!("round {round}: {status:?}; not yet: {unfinished:?}");
            }
            status.as_str() == "SUCCESS"
        };
        // Seconds to spare on a loaded machine; a task that is lost never ends at all.
        eventually_within(Duration::from_secs(20), done).await;
    }
    emulator.stop();
    let mut ran = 0;
    for agent in serving {
        ran += agent.await.unwrap();
    }
    assert_eq!(ran, 150, "every agent ran each round's task once");
}
