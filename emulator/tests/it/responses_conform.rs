//! Every answer the emulator gives has the documented response shape: the same
//! conformance check the generator runs on the pages' own examples finds nothing.

use crate::raw_client::{code, Raw};
use doc_model::diagnostic::Location;
use doc_model::ir::conformance::check_examples;
use doc_model::ir::Example;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;
use tencentcloud_emulator::services::tat::{self, TaskTiming, Tat};
use tencentcloud_emulator::{ClockMode, ServiceModel};

/// What the conformance check says of one answer of `action`.
fn problems(model: &ServiceModel, action: &str, response: &Value) -> Vec<String> {
    let mut a = model.action(action).expect("documented action").clone();
    a.examples = vec![Example {
        title: None,
        request: Value::Null,
        response: json!({ "Response": response }),
        request_location: Location::new("emulator", 1),
        response_location: None,
        problems: vec![],
        repairs: vec![],
    }];
    let types: BTreeMap<&str, &doc_model::ir::StructType> = model
        .service
        .types
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect();
    check_examples(&a, &types)
        .into_iter()
        .map(|(_, d)| d.to_string())
        .collect()
}

/// The first documented limit (length, range, enumeration…) a response breaks: the
/// request check, run over the response table.
fn broken_limit(model: &ServiceModel, action: &str, response: &Value) -> Option<String> {
    let mut as_request = model.action(action).expect("documented action").clone();
    as_request.request = as_request
        .response
        .iter()
        .filter(|f| !f.request_id)
        .cloned()
        .map(|mut f| {
            f.required = None;
            f
        })
        .collect();
    let mut members = response.clone();
    members.as_object_mut()?.remove("RequestId");
    tencentcloud_emulator::validate::check_request(model, &as_request, &members)
        .err()
        .map(|e| e.to_string())
}

#[tokio::test]
async fn stateful_and_example_answers_conform() {
    let timing = TaskTiming {
        pending: Duration::from_millis(10),
        running: Duration::from_millis(10),
        ..TaskTiming::DEFAULT
    };
    let emu = tat::emulator()
        .rate_limits(None)
        .behaviour(Tat::new(timing))
        .clock(ClockMode::Manual)
        .start()
        .await
        .unwrap();
    let raw = Raw::new(emu.url(), "tat", "2020-10-28");
    let model = emu.service_model();
    // The check can fail: an undocumented member and a wrongly typed one are found.
    assert_eq!(
        problems(
            model,
            "DescribeCommands",
            &json!({"Bogus": 1, "TotalCount": "3"})
        )
        .len(),
        2
    );
    let mut seen = Vec::new();
    let call = |action: &'static str, body: Value| {
        let raw = &raw;
        async move {
            let r = raw.call(action, &body.to_string()).await;
            assert_eq!(code(&r), None, "{action}: {r}");
            (action, r)
        }
    };
    let (a, r) = call("CreateCommand", json!({"CommandName": "c", "Content": "ZWNobyBoaQ==", "Tags": [{"Key": "k", "Value": "v"}]})).await;
    let cmd = r["CommandId"].as_str().unwrap().to_string();
    seen.push((a, r));
    seen.push(call("RunCommand", json!({"Content": "ZWNobyBoaQ==", "InstanceIds": ["ins-1", "ins-2"], "SaveCommand": true})).await);
    let (a, r) = call(
        "InvokeCommand",
        json!({"CommandId": cmd, "InstanceIds": ["ins-3"]}),
    )
    .await;
    let inv = r["InvocationId"].as_str().unwrap().to_string();
    seen.push((a, r));
    let soon = tencentcloud_emulator::clock::iso(emu.now() + Duration::from_secs(1));
    seen.push(call("CreateInvoker", json!({"Name": "i", "Type": "SCHEDULE", "CommandId": cmd, "InstanceIds": ["ins-1"], "ScheduleSettings": {"Policy": "ONCE", "InvokeTime": soon}})).await);
    seen.push(call("DescribeInvocationTasks", json!({"HideOutput": false})).await);
    // The invoker fires and every task ends.
    emu.advance_clock(Duration::from_secs(2)).unwrap();
    for (action, body) in [
        ("DescribeCommands", json!({})),
        ("DescribeInvocations", json!({})),
        ("DescribeInvocationTasks", json!({"HideOutput": false})),
        ("DescribeInvokers", json!({})),
        ("DescribeInvokerRecords", json!({})),
        ("CancelInvocation", json!({"InvocationId": inv})),
        (
            "ModifyCommand",
            json!({"CommandId": cmd, "Description": "d"}),
        ),
    ] {
        seen.push(call(action, body).await);
    }
    // Every other action, with its first conforming documented request.
    let modelled: Vec<&str> = seen.iter().map(|(a, _)| *a).collect();
    let mut from_examples = 0;
    for action in &model.service.actions {
        if modelled.contains(&action.name.as_str()) {
            continue;
        }
        let Some(example) = action.examples.iter().find(|e| e.problems.is_empty()) else {
            continue;
        };
        let r = raw.call(&action.name, &example.request.to_string()).await;
        if code(&r).is_none() {
            assert!(
                problems(model, &action.name, &r).is_empty(),
                "{}: {:?}",
                action.name,
                problems(model, &action.name, &r)
            );
            from_examples += 1;
        }
    }
    for (action, r) in &seen {
        let found = problems(model, action, r);
        assert!(found.is_empty(), "{action}: {found:?}\n{r}");
        assert_eq!(broken_limit(model, action, r), None, "{action}: {r}");
    }
    // The limit check can fail: a task status the page does not list is found.
    let mut wrong = seen
        .iter()
        .find(|(a, _)| *a == "DescribeInvocationTasks")
        .unwrap()
        .1
        .clone();
    wrong["InvocationTaskSet"][0]["TaskStatus"] = json!("EXPLODED");
    assert!(broken_limit(model, "DescribeInvocationTasks", &wrong).is_some());
    assert!(
        seen.len() >= 12 && from_examples >= 5,
        "{} stateful answers, {from_examples} from examples",
        seen.len()
    );
}

#[tokio::test]
async fn answers_built_from_response_tables_conform_for_every_action() {
    let emu = tat::emulator().rate_limits(None).start().await.unwrap();
    let model = emu.service_model();
    for action in &model.service.actions {
        let answer =
            tencentcloud_emulator::schema_answer::answer_from_schema(&action.response, &|name| {
                model.struct_type(name)
            });
        for field in action.response.iter().filter(|f| !f.request_id) {
            assert!(
                answer.contains_key(&field.name),
                "{}: {} is missing",
                action.name,
                field.name
            );
        }
        let mut response = Value::Object(answer);
        response["RequestId"] = json!("r-1");
        assert_eq!(
            problems(model, &action.name, &response),
            Vec::<String>::new(),
            "{}",
            action.name
        );
        assert_eq!(
            broken_limit(model, &action.name, &response),
            None,
            "{}",
            action.name
        );
    }
}

#[tokio::test]
async fn an_action_without_a_usable_example_answers_from_its_response_table() {
    let mut model = ServiceModel::load(&tat::specs_dir()).unwrap();
    let index = model
        .service
        .actions
        .iter()
        .position(|a| a.name == "DescribeScenes")
        .unwrap();
    model.service.actions[index].examples.clear();
    let model = ServiceModel::new(model.service);
    assert_eq!(
        model
            .actions_without_example_answer()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["DescribeScenes"]
    );
    let emu = tencentcloud_emulator::Emulator::builder()
        .service_model(model)
        .rate_limits(None)
        .start()
        .await
        .unwrap();
    let raw = Raw::new(emu.url(), "tat", "2020-10-28");
    let r = raw.call("DescribeScenes", "{}").await;
    assert_eq!(code(&r), None, "{r}");
    assert!(
        r["SceneSet"].as_array().is_some_and(|s| !s.is_empty()) && r["TotalCount"].is_i64(),
        "{r}"
    );
    assert!(problems(emu.service_model(), "DescribeScenes", &r).is_empty());
}
