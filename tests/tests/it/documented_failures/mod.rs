//! Every error code TAT's pages document, provoked in the emulator: the table of
//! `emulator/README.md` says how for each code and which actions document it; each code
//! a request, a state or the clock provokes has a scenario through the generated client
//! matching its typed variant, and every fault-only code answers through the code fault.

mod bed;
mod requests;
mod states;

use bed::{Bed, Scenario};
use std::collections::{BTreeMap, BTreeSet};
use tencentcloud_emulator::FaultRule;
use workspace_tests::workspace_root;

/// Each code provoked by a request, a state or the clock, and its scenario.
const SCENARIOS: &[(&str, Scenario)] = &[
    (
        "FailedOperation.TagOperationFailed",
        requests::reserved_tag_key,
    ),
    ("InvalidParameter", requests::wrong_json_type),
    (
        "InvalidParameter.ConflictParameter",
        requests::conflicting_members,
    ),
    (
        "InvalidParameter.InvalidUsername",
        requests::invoke_username,
    ),
    (
        "InvalidParameter.ParameterNameDuplicated",
        requests::parameter_name_twice,
    ),
    (
        "InvalidParameterValue",
        requests::out_of_range_without_a_finer_code,
    ),
    (
        "InvalidParameterValue.AgentUnsupportedCommandType",
        states::windows_runs_no_shell,
    ),
    (
        "InvalidParameterValue.CommandContentInvalid",
        requests::content_not_base64,
    ),
    (
        "InvalidParameterValue.CommandNameDuplicated",
        requests::name_taken,
    ),
    ("InvalidParameterValue.ID", requests::malformed_invoker_id),
    (
        "InvalidParameterValue.InconsistentID",
        requests::inconsistent_ids,
    ),
    (
        "InvalidParameterValue.InconsistentInstance",
        requests::inconsistent_instances,
    ),
    (
        "InvalidParameterValue.InstanceIsNotRelatedToInvocation",
        requests::instance_not_in_invocation,
    ),
    (
        "InvalidParameterValue.InvalidCommandId",
        requests::command_id_of_another_kind,
    ),
    (
        "InvalidParameterValue.InvalidCommandName",
        requests::command_name_charset,
    ),
    (
        "InvalidParameterValue.InvalidContent",
        requests::content_not_text,
    ),
    (
        "InvalidParameterValue.InvalidCronExpression",
        requests::bad_crontab,
    ),
    (
        "InvalidParameterValue.InvalidFilter",
        requests::undocumented_filter,
    ),
    (
        "InvalidParameterValue.InvalidInstanceId",
        requests::instance_id_of_no_kind,
    ),
    (
        "InvalidParameterValue.InvalidInvocationId",
        requests::invocation_id_of_another_kind,
    ),
    (
        "InvalidParameterValue.InvalidInvocationTaskId",
        requests::task_id_of_another_kind,
    ),
    (
        "InvalidParameterValue.InvalidInvokerId",
        requests::invoker_id_of_another_kind,
    ),
    (
        "InvalidParameterValue.InvalidOutputCOSBucketUrl",
        requests::bucket_url_shape,
    ),
    (
        "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
        requests::key_prefix_shape,
    ),
    (
        "InvalidParameterValue.InvalidRegisterCodeId",
        requests::code_id_of_another_kind,
    ),
    (
        "InvalidParameterValue.InvalidRegisterInstanceId",
        requests::managed_id_of_another_kind,
    ),
    (
        "InvalidParameterValue.InvalidSceneId",
        requests::scene_id_of_another_kind,
    ),
    (
        "InvalidParameterValue.InvalidTimeFormat",
        requests::invoke_time_format,
    ),
    (
        "InvalidParameterValue.InvalidUsername",
        requests::command_username,
    ),
    (
        "InvalidParameterValue.InvalidWorkingDirectory",
        requests::relative_working_directory,
    ),
    (
        "InvalidParameterValue.InvokeTimeExpired",
        states::invoke_time_passed,
    ),
    (
        "InvalidParameterValue.LackOfParameterInfo",
        requests::placeholder_without_value,
    ),
    (
        "InvalidParameterValue.LackOfParameters",
        requests::preview_without_parameters,
    ),
    (
        "InvalidParameterValue.LimitExceeded",
        requests::too_many_instances,
    ),
    (
        "InvalidParameterValue.ParameterDisabled",
        requests::defaults_without_enabling,
    ),
    (
        "InvalidParameterValue.ParameterInvalidJsonFormat",
        requests::parameters_not_json,
    ),
    (
        "InvalidParameterValue.ParameterKeyContainsInvalidChar",
        requests::parameter_name_charset,
    ),
    (
        "InvalidParameterValue.ParameterKeyDuplicated",
        requests::parameter_key_twice,
    ),
    (
        "InvalidParameterValue.ParameterKeyLenExceeded",
        requests::parameter_name_too_long,
    ),
    (
        "InvalidParameterValue.ParameterNumberExceeded",
        requests::too_many_parameters,
    ),
    (
        "InvalidParameterValue.ParameterValueNotString",
        requests::parameter_value_not_string,
    ),
    (
        "InvalidParameterValue.Range",
        requests::timeout_out_of_range,
    ),
    (
        "InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
        requests::parameters_not_enabled,
    ),
    ("InvalidParameterValue.TooLarge", requests::number_too_large),
    ("InvalidParameterValue.TooLong", requests::string_too_long),
    ("InvalidParameterValue.TooSmall", requests::number_too_small),
    (
        "LimitExceeded.FilterValueExceeded",
        requests::too_many_filter_values,
    ),
    ("MissingParameter", requests::required_member_left_out),
    ("ResourceNotFound", requests::no_such_invoker),
    (
        "ResourceNotFound.CommandNotFound",
        requests::no_such_command,
    ),
    (
        "ResourceNotFound.InstanceNotFound",
        states::undeclared_when_strict,
    ),
    (
        "ResourceNotFound.InvocationNotFound",
        requests::no_such_invocation,
    ),
    (
        "ResourceNotFound.RegisterCodesNotFoundCode",
        requests::no_such_code,
    ),
    (
        "ResourceNotFound.RegisterInstanceNotFoundCode",
        requests::no_such_managed_instance,
    ),
    ("ResourceUnavailable.AgentNotInstalled", states::no_agent),
    (
        "ResourceUnavailable.AgentStatusNotOnline",
        states::agent_offline,
    ),
    (
        "ResourceUnavailable.CommandInExecuting",
        states::command_running,
    ),
    (
        "ResourceUnavailable.CommandInInvoker",
        states::command_in_invoker,
    ),
    (
        "ResourceUnavailable.InstanceStateNotRunning",
        states::stopped,
    ),
    (
        "ResourceUnavailable.LighthouseUnsupportedRegion",
        states::lighthouse_unsupported_here,
    ),
    (
        "ResourceUnavailable.UserHasNoQuotaCode",
        states::quota_used_up,
    ),
    ("UnknownParameter", requests::undocumented_member),
];

/// A row of the README's table: the actions documenting the code, and how it is provoked.
struct Row {
    actions: BTreeSet<String>,
    how: String,
}

/// The README's table of documented codes, by code.
fn table() -> BTreeMap<String, Row> {
    let readme = std::fs::read_to_string(workspace_root().join("emulator/README.md")).unwrap();
    let section = readme
        .split("## Documented error codes (TAT)")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has its table of documented codes");
    let mut rows = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let [code, actions, how] = cells[..] else {
            panic!("a row of three cells: {line}");
        };
        let actions = actions.split(", ").map(str::to_string).collect();
        let row = Row {
            actions,
            how: how.to_string(),
        };
        assert!(
            rows.insert(code.trim_matches('`').to_string(), row)
                .is_none(),
            "{code} twice"
        );
    }
    rows
}

/// Every code each action's page documents, by code.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let service = doc_model::drops::load_service(&workspace_root().join("specs/tat"))
        .expect("the TAT drop reads");
    let mut codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for action in &service.actions {
        for error in &action.errors {
            codes
                .entry(error.code.clone())
                .or_default()
                .insert(action.name.clone());
        }
    }
    codes
}

#[test]
fn the_table_lists_every_code_each_page_documents() {
    let (table, documented) = (table(), documented());
    for (code, actions) in &documented {
        let row = table
            .get(code)
            .unwrap_or_else(|| panic!("the README's table does not list `{code}`"));
        assert_eq!(&row.actions, actions, "the actions documenting `{code}`");
        let kind = row.how.split([':', ' ']).next().unwrap_or_default();
        assert!(
            ["request", "state", "clock", "fault"].contains(&kind),
            "{code}: {}",
            row.how
        );
    }
    let stale: Vec<&String> = table
        .keys()
        .filter(|c| !documented.contains_key(*c))
        .collect();
    assert!(
        stale.is_empty(),
        "the table lists codes no page documents: {stale:?}"
    );
    let dotted = |c: &&String| c.contains('.');
    let provoked = table
        .iter()
        .filter(|(c, r)| dotted(c) && !r.how.starts_with("fault"))
        .count();
    assert!(
        provoked >= 55,
        "{provoked} documented codes provoked without a fault"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_code_a_request_a_state_or_the_clock_provokes_is_answered_typed() {
    let table = table();
    let scenarios: BTreeMap<&str, Scenario> = SCENARIOS.iter().copied().collect();
    for (code, row) in &table {
        let has = scenarios.contains_key(code.as_str());
        assert_eq!(
            has,
            !row.how.starts_with("fault"),
            "{code}: a scenario exactly when the table says it is provoked"
        );
    }
    let mut failures = Vec::new();
    for (code, scenario) in SCENARIOS {
        let provoked =
            tokio::time::timeout(std::time::Duration::from_secs(30), tokio::spawn(scenario()))
                .await;
        match provoked {
            Ok(Ok(got)) if got == *code => {}
            Ok(Ok(got)) => failures.push(format!("{code}: provoked {got}")),
            Ok(Err(panic)) => failures.push(format!("{code}: {panic}")),
            Err(_) => failures.push(format!("{code}: no answer in 30 s")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n{}",
        failures.len(),
        SCENARIOS.len(),
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_only_code_answers_through_the_code_fault() {
    let bed = Bed::plain().await;
    for (code, row) in table().iter().filter(|(_, r)| r.how.starts_with("fault")) {
        let action = row.actions.iter().next().unwrap();
        let rule = FaultRule::code(code.as_str())
            .for_action(action.as_str())
            .times(1);
        bed.emu
            .faults()
            .add(rule)
            .expect("a documented code is taken");
        let before = bed.emu.stats().action(action).succeeded;
        let error = bed
            .c
            .call_json(action, serde_json::json!({}))
            .await
            .expect_err("the fault answers");
        let service = error
            .as_service_error()
            .unwrap_or_else(|| panic!("{code}: {error}"));
        assert_eq!(service.code(), code.as_str());
        assert!(
            !service.message().is_empty() && !service.message().contains(code.as_str()),
            "the page's message"
        );
        assert_eq!(
            bed.emu.stats().action(action).succeeded,
            before,
            "nothing processed"
        );
    }
}

#[tokio::test]
async fn a_code_the_page_does_not_document_is_refused_naming_the_actions_codes() {
    let bed = Bed::plain().await;
    let refused = bed
        .emu
        .faults()
        .add(FaultRule::code("ResourceUnavailable.AgentNotInstalled").for_action("DescribeQuotas"));
    let message = refused.expect_err("refused").to_string();
    assert!(
        message.contains("ResourceUnavailable.InvalidResourceQuotaResourceCode"),
        "{message}"
    );
    let http = reqwest::Client::new();
    let url = format!("{}_emulator/faults", bed.emu.url());
    let answer = http
        .post(&url)
        .body(r#"{"code": "InternalError", "action": "RunCommand", "after": 1, "times": 1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let run = || {
        bed.c
            .run_command()
            .content(bed::b64("echo"))
            .instance_ids(["ins-abc12345"])
            .send()
    };
    assert!(run().await.is_ok(), "the first call passes");
    let error = run()
        .await
        .expect_err("the second is answered by the fault");
    let service = error.as_service_error().unwrap();
    assert_eq!(
        service.code,
        tencentcloud_tat::operation::run_command::RunCommandErrorCode::Common(
            tencentcloud_tat::common_errors::CommonErrorCode::InternalError
        )
    );
    assert!(service.request_id().is_some());
    assert!(run().await.is_ok(), "fired once");
    let huge = format!(r#"{{"code": "{}"}}"#, "A".repeat(100 * 1024));
    let answer = http.post(&url).body(huge).send().await.unwrap();
    assert_eq!(answer.status(), 400);
    assert!(
        answer.text().await.unwrap().len() < 1024,
        "the refusal does not echo 100 KB"
    );
}
