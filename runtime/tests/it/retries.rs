//! Retries, through a scripted HTTP client (no socket, no generated code): what may be
//! sent again and what never is, the policy's attempts, a call's own policy, and an
//! idempotency token kept across attempts.

use crate::scripted::{failed, ok, service_error, Named, Scripted};
use std::time::Duration;
use tencentcloud_runtime::{ActionSpec, CallOptions, HttpErrorKind, RetryPolicy, SdkError};

fn quick(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
    }
}

fn named() -> Named {
    Named { name: "n".into() }
}

async fn call(
    script: &Scripted,
    policy: RetryPolicy,
    action: ActionSpec,
    options: Option<CallOptions>,
) -> Result<serde_json::Value, SdkError<tencentcloud_runtime::AnyCode>> {
    let client = script.client().retry(policy).build().unwrap();
    client
        .call_with(action, &named(), options.map(Box::new))
        .await
}

#[tokio::test]
async fn a_read_is_retried_after_any_failure_until_it_succeeds() {
    let script = Scripted::new(|n, _| match n {
        1 => failed(HttpErrorKind::MaybeSent),
        2 => failed(HttpErrorKind::Timeout),
        _ => ok(r#""TotalCount": 0"#),
    });
    let read = ActionSpec::idempotent("DescribeThings");
    call(&script, quick(3), read, None)
        .await
        .expect("the third attempt succeeds");
    assert_eq!(script.count(), 3);
}

#[tokio::test]
async fn a_mutation_that_may_have_run_is_never_sent_again() {
    let script = Scripted::new(|_, _| failed(HttpErrorKind::MaybeSent));
    let create = ActionSpec::non_idempotent("CreateThing");
    let err = call(&script, quick(5), create, None).await.unwrap_err();
    assert!(
        matches!(err, SdkError::Transport { sent: true, .. }),
        "{err}"
    );
    assert_eq!(script.count(), 1);
}

#[tokio::test]
async fn what_never_left_or_was_refused_for_the_rate_is_retried_even_for_mutations() {
    let script = Scripted::new(|n, _| match n {
        1 => failed(HttpErrorKind::NotSent),
        2 => service_error("RequestLimitExceeded"),
        _ => ok(""),
    });
    let create = ActionSpec::non_idempotent("CreateThing");
    call(&script, quick(3), create, None).await.unwrap();
    assert_eq!(script.count(), 3);
}

#[tokio::test]
async fn a_definite_answer_ends_the_call_and_the_attempts_are_bounded() {
    let script = Scripted::new(|_, _| service_error("ResourceNotFound"));
    let read = ActionSpec::idempotent("DescribeThings");
    let err = call(&script, quick(3), read, None).await.unwrap_err();
    assert_eq!(err.as_service_error().unwrap().code(), "ResourceNotFound");
    assert_eq!(script.count(), 1, "a service error is final");

    let script = Scripted::new(|_, _| failed(HttpErrorKind::NotSent));
    call(&script, quick(4), read, None).await.unwrap_err();
    assert_eq!(script.count(), 4, "max_attempts counts the first");
}

#[tokio::test]
async fn a_calls_own_policy_replaces_the_clients() {
    let script = Scripted::new(|_, _| failed(HttpErrorKind::NotSent));
    let read = ActionSpec::idempotent("DescribeThings");
    let own = CallOptions::new().retry(quick(2));
    call(&script, RetryPolicy::disabled(), read, Some(own))
        .await
        .unwrap_err();
    assert_eq!(script.count(), 2);
    let none = CallOptions::new().retry(RetryPolicy::disabled());
    call(&script, quick(5), read, Some(none)).await.unwrap_err();
    assert_eq!(script.count(), 3);
}

#[tokio::test]
async fn a_mutation_with_a_client_token_is_retried_with_the_same_token() {
    let script = Scripted::new(|n, _| match n {
        1 => failed(HttpErrorKind::MaybeSent),
        _ => ok(""),
    });
    let create = ActionSpec::non_idempotent("CreateThing").client_token("ClientToken");
    call(&script, quick(3), create, None).await.unwrap();
    let tokens: Vec<String> = script
        .sent
        .lock()
        .unwrap()
        .iter()
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["ClientToken"].to_string()
        })
        .collect();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0], tokens[1]);
    assert!(tokens[0].len() > 30, "a UUID: {}", tokens[0]);
}
