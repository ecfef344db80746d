//! Members whose pages describe an encoding, done for the caller: a command given as raw
//! bytes (`content_raw`), its parameters as pairs (`parameters_map`), its output read back
//! as bytes (`output_decoded`) — against the emulator — and the documented limits applied
//! to the encoded text.

use std::time::Duration;
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_tat::types::Filter;
use tencentcloud_tat::SdkError;
use workspace_tests::tat_bed;

const FAST: TaskTiming = TaskTiming {
    pending: Duration::from_millis(20),
    running: Duration::from_millis(20),
    ..TaskTiming::DEFAULT
};

#[tokio::test]
async fn raw_bytes_and_pairs_go_in_and_the_output_comes_back_as_bytes() {
    let (emulator, client) = tat_bed::start(FAST).await;
    let invocation = client
        .run_command()
        .content_raw("echo 'hello {{who}}'\n")
        .instance_ids(["ins-1"])
        .enable_parameter(true)
        .parameters_map([("who", "wörld")])
        .send()
        .await
        .expect("RunCommand")
        .invocation_id
        .expect("an invocation");
    let filter = Filter::new("invocation-id".to_string(), vec![invocation]);
    let done = client
        .wait_until_invocation_tasks_done()
        .filters([filter])
        .hide_output(false)
        .min_delay(Duration::from_millis(10))
        .wait(Duration::from_secs(10))
        .await
        .expect("the task succeeds");
    let task = &done.invocation_task_set.expect("tasks")[0];
    let result = task.task_result.as_ref().expect("a result");
    let output = result.output_decoded().expect("Base64 output");
    assert_eq!(String::from_utf8_lossy(&output), "hello wörld\n");
    let command = task.command_document.as_ref().expect("the command");
    assert_eq!(
        command.content_decoded().unwrap(),
        b"echo 'hello {{who}}'\n"
    );
    emulator.stop();
}

#[tokio::test]
async fn the_documented_limit_applies_to_the_encoded_text() {
    let (emulator, client) = tat_bed::start(FAST).await;
    // 64 KB of Base64 holds 48 KB of bytes: 49,152 fit, one more does not.
    let fits = vec![b'x'; 49_152];
    let request = client
        .run_command()
        .content_raw(&fits)
        .instance_ids(["ins-1"]);
    assert_eq!(
        request.as_request().content.as_ref().map(String::len),
        Some(65_536)
    );
    request.send().await.expect("at the limit");
    let over = vec![b'x'; 49_153];
    let err = client
        .run_command()
        .content_raw(&over)
        .instance_ids(["ins-1"])
        .send()
        .await
        .expect_err("past the limit");
    assert!(
        matches!(&err, SdkError::Validation(v) if v.0[0].path == "Content"),
        "{err}"
    );
    emulator.stop();
}
