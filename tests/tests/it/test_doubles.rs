//! The generated client's test doubles (feature `test-util`): typed rules that answer with
//! no socket (outputs, service errors, raw bodies; the Nth matching call; validation and
//! decoding as in real calls; unused rules and unanswered calls reported), and real
//! exchanges with the emulator recorded, secrets removed, then played back in order.

use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_tat::operation::create_command::CreateCommandResponse;
use tencentcloud_tat::operation::describe_regions::DescribeRegionsRequest;
use tencentcloud_tat::operation::invoke_command::{
    InvokeCommandErrorCode, InvokeCommandRequest, InvokeCommandResponse,
};
use tencentcloud_tat::operation::run_command::RunCommandRequest;
use tencentcloud_tat::test_util::{client, replaying, Replay, Rule, Rules};
use tencentcloud_tat::{Client, Credentials, SdkError};
use workspace_tests::tat_bed;

fn cmd_1(request: &InvokeCommandRequest) -> bool {
    request.command_id.as_deref() == Some("cmd-1")
}

#[tokio::test]
async fn typed_rules_answer_the_nth_matching_call_with_no_socket() {
    let mut invoked = InvokeCommandResponse::default();
    invoked.invocation_id = Some("inv-1".into());
    let rules = Rules::new()
        .with(
            Rule::of::<InvokeCommandRequest>()
                .matching(cmd_1)
                .nth(2)
                .error(
                    InvokeCommandErrorCode::InvalidParameterValueInvalidCommandId,
                    "gone",
                ),
        )
        .with(
            Rule::of::<InvokeCommandRequest>()
                .matching(cmd_1)
                .output(invoked),
        )
        .with(Rule::of::<DescribeRegionsRequest>().raw(
            200,
            r#"{"Response": {"TotalCount": "2", "RegionSet": [], "RequestId": "r-raw"}}"#,
        ));
    let c = client(&rules);
    let invoke = |command: &'static str| {
        c.invoke_command()
            .command_id(command)
            .instance_ids(["ins-1"])
            .send()
    };

    assert_eq!(
        invoke("cmd-1").await.unwrap().invocation_id.as_deref(),
        Some("inv-1")
    );
    let err = invoke("cmd-1").await.unwrap_err();
    let code = &err.as_service_error().expect("a service error").code;
    assert_eq!(
        *code,
        InvokeCommandErrorCode::InvalidParameterValueInvalidCommandId
    );
    assert_eq!(
        invoke("cmd-1").await.unwrap().invocation_id.as_deref(),
        Some("inv-1")
    );

    let too_many: Vec<String> = (0..201).map(|i| format!("ins-{i}")).collect();
    let refused = c
        .invoke_command()
        .command_id("cmd-1")
        .instance_ids(too_many)
        .send()
        .await;
    assert!(
        matches!(refused, Err(SdkError::Validation(_))),
        "validated as a real call"
    );

    let regions = c.describe_regions().send().await.unwrap();
    assert_eq!(
        regions.total_count,
        Some(2),
        "a raw body is read as a real answer"
    );
    rules.verify().unwrap();
}

#[tokio::test]
async fn unused_rules_and_unanswered_calls_are_reported() {
    let rules = Rules::new().with(Rule::of::<RunCommandRequest>().raw(200, "{}"));
    let c = client(&rules);
    let err = c
        .invoke_command()
        .command_id("cmd-2")
        .instance_ids(["ins-1"])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::Transport { sent: false, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("no test rule answers it"), "{err}");
    let report = rules.verify().unwrap_err();
    assert!(
        report.contains("never used: a rule for the calls of RunCommand"),
        "{report}"
    );
    assert!(
        report.contains("no rule answered: call 1 of InvokeCommand"),
        "{report}"
    );
    assert!(!report.contains("tried the network"), "{report}");
}

/// The command the recording creates, and the replay again.
async fn create(client: &Client) -> CreateCommandResponse {
    let create = client.create_command().command_name("replayed");
    create.content("ZWNobyBoaQ==").send().await.unwrap()
}

#[tokio::test]
async fn exchanges_recorded_with_the_emulator_play_back_in_order() {
    let (emulator, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let path = std::env::temp_dir().join(format!("tc-recording-{}.jsonl", std::process::id()));
    let recording = Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).with_token("recorded-token"))
        .region("ap-guangzhou")
        .endpoint_url(emulator.url())
        .record_to(&path)
        .build()
        .unwrap();
    let created = create(&recording).await;
    let listed = recording.describe_commands().send().await.unwrap();
    emulator.stop();

    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved.lines().count(), 2);
    for secret in [
        DEMO_SECRET_KEY,
        DEMO_SECRET_ID,
        "recorded-token",
        "Signature",
    ] {
        assert!(!saved.contains(secret), "{secret} in {saved}");
    }

    let replay = Replay::from_file(&path).unwrap();
    let played = replaying(&replay);
    let again = create(&played).await;
    assert_eq!(again.command_id, created.command_id);
    let relisted = played.describe_commands().send().await.unwrap();
    assert_eq!(relisted.total_count, listed.total_count);
    replay.verify().unwrap();
    let beyond = played.describe_commands().send().await.unwrap_err();
    assert!(beyond.to_string().contains("holds 2 exchanges"), "{beyond}");

    let out_of_order = replaying(&Replay::from_file(&path).unwrap());
    let err = out_of_order.describe_commands().send().await.unwrap_err();
    assert!(
        err.to_string().contains("the recording's is CreateCommand"),
        "{err}"
    );
    std::fs::remove_file(&path).unwrap();
}
