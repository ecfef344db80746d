//! The generated client against the emulator over real HTTP: signatures, typed errors,
//! stateful flows, pagination, rate limits and retries seen from the server side, and
//! faults that must never duplicate a Create/Run/Invoke or hang a call.

use base64::Engine;
use futures_util::StreamExt;
use std::time::{Duration, Instant};
use tencentcloud_emulator::services::tat::{self, TaskTiming, Tat};
use tencentcloud_emulator::{
    ClockMode, Emulator, Fault, FaultRule, DEMO_SECRET_ID, DEMO_SECRET_KEY,
};
use tencentcloud_tat::common_errors::CommonErrorCode;
use tencentcloud_tat::enums::ScheduleSettingsPolicy;
use tencentcloud_tat::operation::invoke_command::InvokeCommandErrorCode;
use tencentcloud_tat::types::{Filter, ScheduleSettings};
use tencentcloud_tat::{Client, Credentials, ErrorCode, RetryPolicy, SdkError};

const FAST: TaskTiming = TaskTiming {
    pending: Duration::from_millis(30),
    running: Duration::from_millis(60),
    ..TaskTiming::DEFAULT
};

async fn emulator() -> Emulator {
    tat::emulator()
        .behaviour(Tat::new(FAST))
        .start()
        .await
        .expect("emulator starts")
}

fn client_for(emulator: &Emulator) -> tencentcloud_runtime::ClientBuilder<Client> {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint_url(emulator.url())
        .timeout(Duration::from_secs(5))
}

fn client(emulator: &Emulator) -> Client {
    client_for(emulator).build().expect("client")
}

/// The code of a service error, after checking the typed client knows it by name (the
/// emulator only answers codes the pages document, so none may decode as `Unknown`).
fn named<C: ErrorCode>(e: &SdkError<C>) -> Option<String> {
    let s = e.as_service_error()?;
    assert!(
        !format!("{:?}", s.code).contains("Unknown("),
        "the typed error has a variant for {}",
        s.code()
    );
    Some(s.code().to_string())
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// Every test body runs under a deadline: a hang is a failure, not a stuck CI.
async fn within<T>(seconds: u64, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), f)
        .await
        .expect("finished before the deadline")
}

async fn wait_for_tasks(
    client: &Client,
    invocation_id: &str,
) -> Vec<tencentcloud_tat::types::InvocationTask> {
    for _ in 0..200 {
        let answer = client
            .describe_invocation_tasks()
            .filters([Filter::new(
                "invocation-id".into(),
                vec![invocation_id.into()],
            )])
            .hide_output(false)
            .send()
            .await
            .expect("describe tasks");
        let tasks = answer.invocation_task_set.unwrap_or_default();
        if !tasks.is_empty()
            && tasks.iter().all(|t| {
                matches!(
                    t.task_status.as_ref().map(|v| v.as_str()),
                    Some("SUCCESS" | "FAILED" | "CANCELLED")
                )
            })
        {
            return tasks;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("tasks of {invocation_id} never finished");
}

fn output_of(task: &tencentcloud_tat::types::InvocationTask) -> String {
    let encoded = task
        .task_result
        .as_ref()
        .and_then(|r| r.output.clone())
        .unwrap_or_default();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .expect("base64 output"),
    )
    .expect("utf-8")
}

#[tokio::test]
async fn run_command_goes_pending_running_success_with_base64_output() {
    within(20, async {
        let emu = tat::emulator()
            .behaviour(Tat::new(TaskTiming {
                pending: Duration::from_millis(300),
                running: Duration::from_millis(300),
                ..FAST
            }))
            .start()
            .await
            .unwrap();
        let c = client(&emu);
        let run = c
            .run_command()
            .content(b64("echo hello\nhostname"))
            .instance_ids(["ins-a", "ins-b"])
            .send()
            .await
            .expect("run");
        let invocation_id = run.invocation_id.expect("invocation id");
        // Every status the invocation shows while polling, in order, without repeats.
        let mut seen: Vec<String> = Vec::new();
        while seen.last().map(String::as_str) != Some("SUCCESS") {
            let answer = c
                .describe_invocations()
                .invocation_ids([invocation_id.clone()])
                .send()
                .await
                .unwrap();
            let status = answer.invocation_set.unwrap()[0]
                .invocation_status
                .as_ref()
                .unwrap()
                .as_str()
                .to_string();
            if seen.last() != Some(&status) {
                seen.push(status);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(seen, ["PENDING", "RUNNING", "SUCCESS"]);
        let tasks = wait_for_tasks(&c, &invocation_id).await;
        assert_eq!(tasks.len(), 2);
        for t in &tasks {
            assert_eq!(t.task_status.as_ref().map(|v| v.as_str()), Some("SUCCESS"));
            assert_eq!(
                output_of(t),
                format!("hello\n{}\n", t.instance_id.clone().unwrap())
            );
        }
        // Output stays hidden unless asked for, as documented (HideOutput defaults to true).
        let hidden = c
            .describe_invocation_tasks()
            .invocation_task_ids([tasks[0].invocation_task_id.clone().unwrap()])
            .send()
            .await
            .unwrap();
        assert_eq!(
            hidden.invocation_task_set.unwrap()[0]
                .task_result
                .as_ref()
                .unwrap()
                .output
                .as_deref(),
            Some("")
        );
    })
    .await;
}

#[tokio::test]
async fn command_lifecycle_and_invoke_with_parameters() {
    within(20, async {
        let emu = emulator().await;
        let c = client(&emu);
        let created = c
            .create_command()
            .command_name("greet")
            .content(b64("echo hi {{who}}\nexit 2"))
            .enable_parameter(true)
            .default_parameters(r#"{"who": "there"}"#)
            .send()
            .await
            .expect("create");
        let id = created.command_id.unwrap();
        let again = c
            .create_command()
            .command_name("greet")
            .content(b64("true"))
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            named(&again).as_deref(),
            Some("InvalidParameterValue.CommandNameDuplicated")
        );
        c.modify_command()
            .command_id(&id)
            .description("says hi")
            .send()
            .await
            .expect("modify");
        let listed = c
            .describe_commands()
            .command_ids([id.clone()])
            .send()
            .await
            .unwrap();
        let cmd = &listed.command_set.unwrap()[0];
        assert_eq!(
            (
                cmd.description.as_deref(),
                cmd.timeout,
                cmd.command_type.as_ref().map(|v| v.as_str())
            ),
            (Some("says hi"), Some(60), Some("SHELL"))
        );
        let inv = c
            .invoke_command()
            .command_id(&id)
            .instance_ids(["ins-1"])
            .parameters(r#"{"who": "tat"}"#)
            .send()
            .await
            .expect("invoke");
        let tasks = wait_for_tasks(&c, &inv.invocation_id.unwrap()).await;
        assert_eq!(
            (
                tasks[0].task_status.as_ref().map(|v| v.as_str()),
                output_of(&tasks[0]).as_str()
            ),
            (Some("FAILED"), "hi tat\n")
        );
        assert_eq!(tasks[0].task_result.as_ref().unwrap().exit_code, Some(2));
        c.delete_command()
            .command_id(&id)
            .send()
            .await
            .expect("delete");
        let gone = c
            .invoke_command()
            .command_id(&id)
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap_err();
        let SdkError::Service(e) = gone else {
            panic!("service error expected: {gone}")
        };
        assert_eq!(
            e.code,
            InvokeCommandErrorCode::ResourceNotFoundCommandNotFound
        );
        assert!(e.request_id().is_some());
    })
    .await;
}

#[tokio::test]
async fn cancel_invocation_cancels_unfinished_tasks() {
    within(20, async {
        let emu = tat::emulator()
            .behaviour(Tat::new(TaskTiming {
                pending: Duration::from_secs(30),
                ..FAST
            }))
            .start()
            .await
            .unwrap();
        let c = client(&emu);
        let inv = c
            .run_command()
            .content(b64("echo slow"))
            .instance_ids(["ins-1", "ins-2"])
            .send()
            .await
            .unwrap()
            .invocation_id
            .unwrap();
        c.cancel_invocation()
            .invocation_id(&inv)
            .instance_ids(["ins-2"])
            .send()
            .await
            .expect("cancel one");
        let partial = c
            .describe_invocation_tasks()
            .filters([Filter::new("instance-id".into(), vec!["ins-2".into()])])
            .send()
            .await
            .unwrap();
        assert_eq!(
            partial.invocation_task_set.unwrap()[0]
                .task_status
                .as_ref()
                .map(|v| v.as_str()),
            Some("CANCELLED")
        );
        c.cancel_invocation()
            .invocation_id(&inv)
            .send()
            .await
            .expect("cancel all");
        let answer = c
            .describe_invocations()
            .invocation_ids([inv.clone()])
            .send()
            .await
            .unwrap();
        assert_eq!(
            answer.invocation_set.unwrap()[0]
                .invocation_status
                .as_ref()
                .map(|v| v.as_str()),
            Some("CANCELLED")
        );
        let stray = c
            .cancel_invocation()
            .invocation_id(&inv)
            .instance_ids(["ins-9"])
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            named(&stray).as_deref(),
            Some("InvalidParameterValue.InstanceIsNotRelatedToInvocation")
        );

        // A task cancelled while it runs is TERMINATED (the Data Types page), not CANCELLED.
        let running = tat::emulator()
            .behaviour(Tat::new(TaskTiming {
                pending: Duration::ZERO,
                running: Duration::from_secs(30),
                ..FAST
            }))
            .start()
            .await
            .unwrap();
        let c = client(&running);
        let inv = c
            .run_command()
            .content(b64("echo slow"))
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap()
            .invocation_id
            .unwrap();
        let _ = c.describe_invocations().send().await.unwrap();
        c.cancel_invocation()
            .invocation_id(&inv)
            .send()
            .await
            .expect("cancel the running task");
        let tasks = c
            .describe_invocation_tasks()
            .filters([Filter::new("invocation-id".into(), vec![inv.clone()])])
            .send()
            .await
            .unwrap();
        assert_eq!(
            tasks.invocation_task_set.unwrap()[0]
                .task_status
                .as_ref()
                .map(|v| v.as_str()),
            Some("TERMINATED")
        );
        let answer = c
            .describe_invocations()
            .invocation_ids([inv])
            .send()
            .await
            .unwrap();
        assert_eq!(
            answer.invocation_set.unwrap()[0]
                .invocation_status
                .as_ref()
                .map(|v| v.as_str()),
            Some("CANCELLED")
        );
    })
    .await;
}

#[tokio::test]
async fn task_output_keeps_to_the_documented_24_kb_and_counts_the_rest() {
    within(20, async {
        let emu = emulator().await;
        let c = client(&emu);
        let line = "x".repeat(1000);
        let script = format!("echo {line}\n").repeat(40);
        let inv = c
            .run_command()
            .content(b64(&script))
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap()
            .invocation_id
            .unwrap();
        let tasks = wait_for_tasks(&c, &inv).await;
        let result = tasks[0].task_result.clone().unwrap();
        let encoded = result.output.clone().unwrap_or_default();
        assert!(
            encoded.len() <= 24 * 1024,
            "Output is {} bytes",
            encoded.len()
        );
        assert_eq!(
            output_of(&tasks[0]).len() as i64 + result.dropped.unwrap(),
            40 * 1001
        );
    })
    .await;
}

#[tokio::test]
async fn invokers_fire_enable_disable_and_keep_records() {
    within(20, async {
        let emu = tat::emulator()
            .behaviour(Tat::new(FAST))
            .clock(ClockMode::Manual)
            .start()
            .await
            .expect("emulator starts");
        let c = client(&emu);
        let cmd = c
            .create_command()
            .command_name("tick")
            .content(b64("echo tick"))
            .send()
            .await
            .unwrap()
            .command_id
            .unwrap();
        let in_an_hour =
            humantime::format_rfc3339_seconds(emu.now() + Duration::from_secs(3600)).to_string();
        let schedule = {
            let mut schedule = ScheduleSettings::default();
            schedule.policy = Some(ScheduleSettingsPolicy::Once);
            schedule.invoke_time = Some(in_an_hour.clone());
            schedule
        };
        let ivk = c
            .create_invoker()
            .name("once")
            .r#type("SCHEDULE")
            .command_id(&cmd)
            .instance_ids(["ins-1"])
            .schedule_settings(schedule)
            .send()
            .await
            .expect("create invoker")
            .invoker_id
            .unwrap();
        emu.advance_clock(Duration::from_secs(2 * 3600))
            .expect("the clock moves");
        c.disable_invoker()
            .invoker_id(&ivk)
            .send()
            .await
            .expect("disable");
        let listed = c
            .describe_invokers()
            .filters([Filter::new("invoker-type".into(), vec!["SCHEDULE".into()])])
            .send()
            .await
            .unwrap();
        let invoker = &listed.invoker_set.unwrap()[0];
        assert_eq!(invoker.enable, Some(false));
        // The ONCE invoker fired when the clock passed its time, once.
        let records = c
            .describe_invoker_records()
            .invoker_ids([ivk.clone()])
            .send()
            .await
            .unwrap();
        let records = records.invoker_record_set.unwrap();
        assert_eq!(records.len(), 1);
        let record = &records[0];
        assert_eq!(record.invoke_time.as_deref(), Some(in_an_hour.as_str()));
        assert_eq!(
            record.result.as_ref().map(|v| v.as_str()),
            Some("SUCCESS"),
            "the task ran long ago on the clock"
        );
        let tasks = wait_for_tasks(&c, record.invocation_id.as_deref().unwrap()).await;
        assert_eq!(output_of(&tasks[0]), "tick\n");
        c.enable_invoker()
            .invoker_id(&ivk)
            .send()
            .await
            .expect("enable");
        c.modify_invoker()
            .invoker_id(&ivk)
            .name("renamed")
            .send()
            .await
            .expect("modify");
        c.delete_invoker()
            .invoker_id(&ivk)
            .send()
            .await
            .expect("delete");
        let missing = c
            .enable_invoker()
            .invoker_id(&ivk)
            .send()
            .await
            .unwrap_err();
        assert_eq!(named(&missing).as_deref(), Some("ResourceNotFound"));
    })
    .await;
}

#[tokio::test]
async fn pagination_streams_across_pages() {
    within(30, async {
        let emu = tat::emulator().rate_limits(None).start().await.unwrap();
        let c = client(&emu);
        for i in 0..45 {
            c.create_command()
                .command_name(format!("c{i:02}"))
                .content(b64("true"))
                .send()
                .await
                .unwrap();
        }
        let pages: Vec<_> = c.describe_commands().limit(10).into_pages().collect().await;
        assert_eq!(pages.len(), 5);
        let names: Vec<String> = pages
            .into_iter()
            .flat_map(|p| p.unwrap().command_set.unwrap())
            .map(|c| c.command_name.unwrap())
            .collect();
        assert_eq!(names.len(), 45);
        assert_eq!(
            names
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            45,
            "no command twice"
        );
        assert_eq!(emu.stats().action("DescribeCommands").succeeded, 5);
        let filtered = c
            .describe_commands()
            .filters([Filter::new(
                "command-name".into(),
                vec!["c07".into(), "c08".into()],
            )])
            .send()
            .await
            .unwrap();
        assert_eq!(filtered.total_count, Some(2));
    })
    .await;
}

#[tokio::test]
async fn auth_failures_map_to_typed_common_errors() {
    within(20, async {
        let emu = emulator().await;
        let code = |e: SdkError<
            tencentcloud_tat::operation::describe_commands::DescribeCommandsErrorCode,
        >| named(&e).unwrap_or_else(|| panic!("service error expected: {e}"));
        let unknown = client_for(&emu)
            .credentials(Credentials::new("AKIDnobody", "x"))
            .build()
            .unwrap();
        let e = unknown.describe_commands().send().await.unwrap_err();
        use tencentcloud_tat::operation::describe_commands::DescribeCommandsErrorCode as Code;
        let not_found = Code::Common(CommonErrorCode::AuthFailureSecretIdNotFound);
        assert!(matches!(&e, SdkError::Service(s) if s.code == not_found));
        let wrong_key = client_for(&emu)
            .credentials(Credentials::new(DEMO_SECRET_ID, "wrong"))
            .build()
            .unwrap();
        assert_eq!(
            code(wrong_key.describe_commands().send().await.unwrap_err()),
            "AuthFailure.SignatureFailure"
        );
        let late = tat::emulator()
            .clock_offset(Duration::from_secs(600))
            .start()
            .await
            .unwrap();
        assert_eq!(
            code(client(&late).describe_commands().send().await.unwrap_err()),
            "AuthFailure.SignatureExpire"
        );
        let demo_key = Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY);
        let no_region = Client::builder()
            .credentials(demo_key)
            .endpoint_url(emu.url())
            .build()
            .unwrap();
        assert_eq!(
            code(no_region.describe_commands().send().await.unwrap_err()),
            "MissingParameter"
        );
        let temporary = tat::emulator()
            .temporary_credentials("AKIDtmp", "tmp-key", "tok-1")
            .start()
            .await
            .unwrap();
        let with_token = client_for(&temporary)
            .credentials(Credentials::new("AKIDtmp", "tmp-key").with_token("tok-1"))
            .build()
            .unwrap();
        with_token
            .describe_commands()
            .send()
            .await
            .expect("token accepted");
        let without = client_for(&temporary)
            .credentials(Credentials::new("AKIDtmp", "tmp-key"))
            .build()
            .unwrap();
        assert_eq!(
            code(without.describe_commands().send().await.unwrap_err()),
            "AuthFailure.TokenFailure"
        );
    })
    .await;
}

#[tokio::test]
async fn an_action_the_service_lacks_is_invalid_action() {
    within(20, async {
        let mut service = doc_model::drops::load_service(&tat::specs_dir()).unwrap();
        service.actions.retain(|a| a.name != "DescribeRegions");
        let emu = tat::emulator()
            .service_model(tencentcloud_emulator::ServiceModel::new(service))
            .start()
            .await
            .unwrap();
        let e = client(&emu).describe_regions().send().await.unwrap_err();
        assert_eq!(named(&e).as_deref(), Some("InvalidAction"));
        // Actions without modelled state answer from their documented example.
        let quotas = client(&emu)
            .describe_quotas()
            .resource_names(["COMMAND"])
            .send()
            .await
            .expect("example answer");
        assert!(quotas.request_id.is_some());
    })
    .await;
}

#[tokio::test]
async fn rate_limits_seen_from_the_server() {
    // Timed: nothing that keeps both cores busy runs meanwhile.
    let _machine = workspace_tests::timed();
    within(40, async {
        // Without the client's limiter, a burst past 20/s is refused by the emulator…
        let emu = emulator().await;
        let c = client(&emu);
        let calls = (0..40).map(|_| c.describe_commands().send());
        let results = futures_util::future::join_all(calls).await;
        let throttled = results
            .iter()
            .filter(|r| r.as_ref().err().and_then(named).as_deref() == Some("RequestLimitExceeded"))
            .count();
        // 20 pass at once (the burst), the rest only as tokens come back (20/s).
        assert!(throttled >= 10, "{throttled} of 40 throttled");
        assert!(results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .filter_map(|e| e.as_service_error())
            .all(|e| e.is_retryable()));
        // …with it, the same burst is spread out and nothing is refused.
        let emu = emulator().await;
        let limited = client_for(&emu).rate_limit(true).build().unwrap();
        let started = Instant::now();
        let results =
            futures_util::future::join_all((0..40).map(|_| limited.describe_commands().send()))
                .await;
        assert!(results.iter().all(Result::is_ok));
        assert!(
            started.elapsed() >= Duration::from_millis(39 * 50),
            "40 calls paced under 20/s take two seconds"
        );
        let stats = emu.stats().action("DescribeCommands");
        assert_eq!(
            (stats.received, stats.succeeded, stats.errors.len()),
            (40, 40, 0)
        );
        // Throttled calls are retried (the server did nothing); the server counts the extra
        // attempts.
        let emu = emulator().await;
        let retrying = client_for(&emu)
            .retry(RetryPolicy {
                max_attempts: 10,
                base_delay: Duration::from_millis(50),
                max_delay: Duration::from_secs(1),
            })
            .build()
            .unwrap();
        let results =
            futures_util::future::join_all((0..30).map(|_| retrying.describe_commands().send()))
                .await;
        assert!(
            results.iter().all(Result::is_ok),
            "every call got through on retry"
        );
        let stats = emu.stats().action("DescribeCommands");
        assert_eq!(stats.succeeded, 30);
        assert_eq!(
            stats.received,
            30 + stats
                .errors
                .get("RequestLimitExceeded")
                .copied()
                .unwrap_or(0)
        );
        assert!(stats.received > 30, "some calls were retried: {stats:?}");
    })
    .await;
}

fn retrying(emu: &Emulator, timeout: Duration) -> Client {
    client_for(emu)
        .timeout(timeout)
        .retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        })
        .build()
        .unwrap()
}

async fn invocation_count(c: &Client) -> i64 {
    c.describe_invocations()
        .send()
        .await
        .unwrap()
        .total_count
        .unwrap_or(0)
}

#[tokio::test]
async fn faults_never_duplicate_a_mutation() {
    within(30, async {
        let emu = emulator().await;
        let c = retrying(&emu, Duration::from_secs(2));
        for fault in [
            Fault::ResetAfterProcessing,
            Fault::TruncatedBody,
            Fault::NonJsonBody,
            Fault::Status(503),
        ] {
            emu.stats().reset();
            let before = invocation_count(&c).await;
            emu.faults()
                .add(
                    FaultRule::new(fault.clone())
                        .for_action("RunCommand")
                        .times(1),
                )
                .expect("the plan takes the rule");
            let e = c
                .run_command()
                .content(b64("echo once"))
                .instance_ids(["ins-1"])
                .send()
                .await
                .unwrap_err();
            assert!(
                matches!(
                    e,
                    SdkError::Transport { sent: true, .. } | SdkError::Decode { .. }
                ),
                "{fault:?}: {e}"
            );
            let stats = emu.stats().action("RunCommand");
            assert_eq!(
                stats.received, 1,
                "{fault:?}: a mutation that may have run is not re-sent"
            );
            let after = invocation_count(&c).await;
            let processed = !matches!(fault, Fault::Status(_));
            assert_eq!(
                after - before,
                i64::from(processed),
                "{fault:?}: processed at most once"
            );
        }
        // Reset before processing: nothing happened on the server, and the client cannot know.
        let before = invocation_count(&c).await;
        emu.faults()
            .add(
                FaultRule::new(Fault::ResetBeforeProcessing)
                    .for_action("InvokeCommand")
                    .times(1),
            )
            .expect("the plan takes the rule");
        let cmd = c
            .create_command()
            .command_name("x")
            .content(b64("true"))
            .send()
            .await
            .unwrap()
            .command_id
            .unwrap();
        let e = c
            .invoke_command()
            .command_id(&cmd)
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap_err();
        assert!(matches!(e, SdkError::Transport { sent: true, .. }), "{e}");
        assert_eq!(invocation_count(&c).await, before);
        assert_eq!(emu.stats().action("InvokeCommand").received, 1);
    })
    .await;
}

#[tokio::test]
async fn faults_on_reads_are_retried_and_typed() {
    // Timed: nothing that keeps both cores busy runs meanwhile.
    let _machine = workspace_tests::timed();
    within(30, async {
        let emu = emulator().await;
        let c = retrying(&emu, Duration::from_millis(500));
        for fault in [
            Fault::ResetBeforeProcessing,
            Fault::ResetAfterProcessing,
            Fault::TruncatedBody,
            Fault::NonJsonBody,
            Fault::Status(502),
        ] {
            emu.stats().reset();
            emu.faults()
                .add(
                    FaultRule::new(fault.clone())
                        .for_action("DescribeCommands")
                        .times(2),
                )
                .expect("the plan takes the rule");
            c.describe_commands()
                .send()
                .await
                .unwrap_or_else(|e| panic!("{fault:?}: third attempt succeeds: {e}"));
            assert_eq!(
                emu.stats().action("DescribeCommands").received,
                3,
                "{fault:?}"
            );
        }
        // Latency past the timeout: a typed timeout, on time, for every attempt.
        emu.faults()
            .add(
                FaultRule::new(Fault::Latency(Duration::from_secs(5)))
                    .for_action("DescribeInvokers"),
            )
            .expect("the plan takes the rule");
        let started = Instant::now();
        let e = c.describe_invokers().send().await.unwrap_err();
        assert!(matches!(e, SdkError::Timeout(_)), "{e}");
        assert!(
            started.elapsed() < Duration::from_millis(3 * 500 + 500),
            "three attempts of 500 ms, not five seconds"
        );
        // Without retries each fault surfaces as its own typed error.
        emu.faults().clear();
        let once = client_for(&emu)
            .timeout(Duration::from_millis(500))
            .build()
            .unwrap();
        for (fault, expect) in [
            (Fault::NonJsonBody, "decode"),
            (Fault::Status(503), "decode"),
            (Fault::TruncatedBody, "transport"),
            (Fault::ResetBeforeProcessing, "transport"),
        ] {
            emu.faults()
                .add(FaultRule::new(fault.clone()).times(1))
                .expect("the plan takes the rule");
            let e = once.describe_commands().send().await.unwrap_err();
            let kind = match e {
                SdkError::Decode { .. } => "decode",
                SdkError::Transport { .. } => "transport",
                _ => "other",
            };
            assert_eq!(kind, expect, "{fault:?}: {e}");
        }
    })
    .await;
}

#[tokio::test]
async fn creates_are_never_duplicated_under_faults() {
    within(30, async {
        let emu = emulator().await;
        let c = retrying(&emu, Duration::from_secs(2));
        let commands = |c: Client| async move {
            c.describe_commands()
                .send()
                .await
                .unwrap()
                .total_count
                .unwrap_or(0)
        };
        let invokers = |c: Client| async move {
            c.describe_invokers()
                .send()
                .await
                .unwrap()
                .total_count
                .unwrap_or(0)
        };
        let cmd = c
            .create_command()
            .command_name("base")
            .content(b64("true"))
            .send()
            .await
            .unwrap()
            .command_id
            .unwrap();
        for (i, fault) in [
            Fault::ResetAfterProcessing,
            Fault::TruncatedBody,
            Fault::NonJsonBody,
            Fault::ResetBeforeProcessing,
            Fault::Status(500),
        ]
        .into_iter()
        .enumerate()
        {
            let processed = i64::from(!matches!(
                fault,
                Fault::ResetBeforeProcessing | Fault::Status(_)
            ));
            emu.stats().reset();
            emu.faults()
                .add(
                    FaultRule::new(fault.clone())
                        .for_action("CreateCommand")
                        .times(1),
                )
                .expect("the plan takes the rule");
            let before = commands(c.clone()).await;
            assert!(c
                .create_command()
                .command_name(format!("c{i}"))
                .content(b64("true"))
                .send()
                .await
                .is_err());
            assert_eq!(
                (
                    emu.stats().action("CreateCommand").received,
                    commands(c.clone()).await - before
                ),
                (1, processed),
                "{fault:?}"
            );
            emu.faults()
                .add(
                    FaultRule::new(fault.clone())
                        .for_action("CreateInvoker")
                        .times(1),
                )
                .expect("the plan takes the rule");
            let before = invokers(c.clone()).await;
            let schedule = {
                let mut schedule = ScheduleSettings::default();
                schedule.policy = Some(ScheduleSettingsPolicy::Recurrence);
                schedule.recurrence = Some("0 * * * *".into());
                schedule
            };
            assert!(c
                .create_invoker()
                .name(format!("i{i}"))
                .r#type("SCHEDULE")
                .command_id(&cmd)
                .instance_ids(["ins-1"])
                .schedule_settings(schedule)
                .send()
                .await
                .is_err());
            assert_eq!(
                (
                    emu.stats().action("CreateInvoker").received,
                    invokers(c.clone()).await - before
                ),
                (1, processed),
                "{fault:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn preview_replaces_the_parameters_of_the_request() {
    within(20, async {
        let emu = emulator().await;
        let c = client(&emu);
        use base64::engine::general_purpose::STANDARD;
        use tencentcloud_tat::operation::preview_replaced_command_content as preview;
        let decoded = |answer: preview::PreviewReplacedCommandContentResponse| {
            let bytes = STANDARD.decode(answer.replaced_content.unwrap()).unwrap();
            String::from_utf8(bytes).unwrap()
        };
        let given = c
            .preview_replaced_command_content()
            .content(b64("echo {{a}} {{b}}"))
            .parameters(r#"{"a": "1", "b": "2"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(decoded(given), "echo 1 2");
        let lacking = c
            .preview_replaced_command_content()
            .content(b64("echo {{a}} {{b}}"))
            .parameters(r#"{"a": "1"}"#)
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            named(&lacking).as_deref(),
            Some("InvalidParameterValue.LackOfParameterInfo")
        );
        let id = c
            .create_command()
            .command_name("preview")
            .content(b64("echo {{a}} {{b}}"))
            .enable_parameter(true)
            .default_parameters(r#"{"a": "x", "b": "y"}"#)
            .send()
            .await
            .unwrap()
            .command_id
            .unwrap();
        let stored = c
            .preview_replaced_command_content()
            .command_id(&id)
            .parameters(r#"{"b": "2"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(decoded(stored), "echo x 2");
        let both = c
            .preview_replaced_command_content()
            .command_id(&id)
            .content(b64("ls"))
            .send()
            .await
            .unwrap_err();
        // The page says "one and only one": the client already refuses both.
        assert!(matches!(both, SdkError::Validation(_)), "{both}");
    })
    .await;
}

#[tokio::test]
async fn registration_codes_quotas_and_agents_follow_the_state() {
    within(20, async {
        let emu = emulator().await;
        let c = client(&emu);
        let quota =
            |answer: tencentcloud_tat::operation::describe_quotas::DescribeQuotasResponse| {
                answer
                    .general_resource_quota_set
                    .unwrap()
                    .into_iter()
                    .map(|q| {
                        (
                            q.resource_name.unwrap().as_str().to_string(),
                            q.resource_quota_used.unwrap(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
        let before = quota(
            c.describe_quotas()
                .resource_names(["COMMAND", "REGISTER_CODE"])
                .send()
                .await
                .unwrap(),
        );
        assert_eq!(
            before,
            [("COMMAND".to_string(), 0), ("REGISTER_CODE".to_string(), 0)]
        );

        let code = c
            .create_register_code()
            .description("lab")
            .register_limit(5)
            .send()
            .await
            .unwrap();
        let id = code.register_code_id.unwrap();
        assert_eq!(code.register_code_value.map(|v| v.len()), Some(32));
        c.create_command()
            .command_name("q")
            .content(b64("echo q"))
            .send()
            .await
            .unwrap();
        let after = quota(
            c.describe_quotas()
                .resource_names(["COMMAND", "REGISTER_CODE"])
                .send()
                .await
                .unwrap(),
        );
        assert_eq!(
            after,
            [("COMMAND".to_string(), 1), ("REGISTER_CODE".to_string(), 1)]
        );

        c.disable_register_codes()
            .register_code_ids([id.clone()])
            .send()
            .await
            .unwrap();
        let listed = c
            .describe_register_codes()
            .register_code_ids([id.clone()])
            .send()
            .await
            .unwrap();
        let info = &listed.register_code_set.unwrap()[0];
        assert_eq!(
            (
                info.enabled,
                info.register_limit,
                info.description.as_deref()
            ),
            (Some(false), Some(5), Some("lab"))
        );
        c.delete_register_codes()
            .register_code_ids([id.clone()])
            .send()
            .await
            .unwrap();
        let gone = c
            .delete_register_codes()
            .register_code_ids([id])
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            named(&gone).as_deref(),
            Some("ResourceNotFound.RegisterCodesNotFoundCode")
        );
        assert_eq!(
            c.describe_register_instances()
                .send()
                .await
                .unwrap()
                .total_count,
            Some(0)
        );
        let missing = c
            .delete_register_instance()
            .instance_id("rins-00000001")
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            named(&missing).as_deref(),
            Some("ResourceNotFound.RegisterInstanceNotFoundCode")
        );

        let inv = c
            .run_command()
            .content(b64("echo hi"))
            .instance_ids(["ins-1"])
            .send()
            .await
            .unwrap();
        wait_for_tasks(&c, &inv.invocation_id.unwrap()).await;
        let agents = c
            .describe_automation_agent_status()
            .instance_ids(["ins-1", "ins-2"])
            .send()
            .await
            .unwrap();
        let status: Vec<_> = agents
            .automation_agent_set
            .unwrap()
            .into_iter()
            .map(|a| {
                (
                    a.instance_id.unwrap(),
                    a.agent_status.unwrap().as_str().to_string(),
                )
            })
            .collect();
        assert_eq!(
            status,
            [
                ("ins-1".to_string(), "Online".to_string()),
                // An id no fleet declares is a machine whose agent is online.
                ("ins-2".to_string(), "Online".to_string())
            ]
        );
    })
    .await;
}
