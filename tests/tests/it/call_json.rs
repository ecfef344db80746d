//! Any action by name (`Client::call_json`) against the emulator: a known action signed,
//! sent and read as JSON; an unknown one answered with its error code kept; a name that is
//! not an action name, or a body that is not an object, refused before anything is sent.

use serde_json::json;
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_runtime::SdkError;
use workspace_tests::tat_bed;

#[tokio::test]
async fn a_known_action_by_name_is_answered_as_json() {
    let (emulator, client) = tat_bed::start(TaskTiming::DEFAULT).await;
    let created = client
        .call_json(
            "CreateCommand",
            json!({"CommandName": "by-name", "Content": "ZWNobyBoaQ=="}),
        )
        .await
        .expect("CreateCommand by name");
    let id = created["CommandId"]
        .as_str()
        .expect("a command id")
        .to_string();
    assert!(created["RequestId"].is_string(), "{created}");
    let described = client
        .call_json("DescribeCommands", json!({"CommandIds": [id]}))
        .await
        .expect("DescribeCommands by name");
    assert_eq!(described["TotalCount"], 1, "{described}");
    assert_eq!(described["CommandSet"][0]["CommandName"], "by-name");
    // A documented error comes back typed as any code, with its request id.
    let err = client
        .call_json("DescribeCommands", json!({"Limit": 100000}))
        .await
        .expect_err("over the documented maximum");
    let service = err.as_service_error().expect("a service error");
    assert!(service.code().starts_with("InvalidParameter"), "{err}");
    assert!(service.request_id().is_some());
    emulator.stop();
}

#[tokio::test]
async fn an_unknown_action_keeps_its_error_code() {
    let (emulator, client) = tat_bed::start(TaskTiming::DEFAULT).await;
    let err = client
        .call_json("DescribeThingsNewerThanTheCrate", json!({}))
        .await
        .expect_err("the emulator does not know it");
    let service = err.as_service_error().expect("a service error");
    assert_eq!(service.code(), "InvalidAction", "{err}");
    emulator.stop();
}

#[tokio::test]
async fn what_is_not_a_call_is_refused_before_sending() {
    let (emulator, client) = tat_bed::start(TaskTiming::DEFAULT).await;
    let received = || emulator.stats().action("DescribeCommands").received;
    let before = received();
    for (action, body) in [
        ("Describe\r\nX-Injected: 1", json!({})),
        ("DescribeCommands", json!([1, 2])),
    ] {
        let err = client.call_json(action, body).await.expect_err("refused");
        assert!(matches!(err, SdkError::Validation(_)), "{err}");
    }
    assert_eq!(received(), before, "nothing was sent");
    emulator.stop();
}
