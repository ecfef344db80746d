//! Codes a request provokes: one scenario each, through the generated client (typed where
//! the client sends the request, `call_json` where it refuses it first).

use super::bed::{b64, raw, typed, Bed};
use futures_util::future::BoxFuture;
use serde_json::json;
use tencentcloud_tat::common_errors::CommonErrorCode as Common;
use tencentcloud_tat::enums::ScheduleSettingsPolicy;
use tencentcloud_tat::operation::{
    cancel_invocation::CancelInvocationErrorCode as Cancel,
    create_command::CreateCommandErrorCode as Create,
    create_invoker::CreateInvokerErrorCode as CreateInvoker,
    create_register_code::CreateRegisterCodeErrorCode as CreateCode,
    delete_command::DeleteCommandErrorCode as DeleteCommand,
    delete_invoker::DeleteInvokerErrorCode as DeleteInvoker,
    delete_register_codes::DeleteRegisterCodesErrorCode as DeleteCodes,
    delete_register_instance::DeleteRegisterInstanceErrorCode as DeleteInstance,
    describe_commands::DescribeCommandsErrorCode as DescribeCommands,
    describe_invocation_tasks::DescribeInvocationTasksErrorCode as DescribeTasks,
    describe_invocations::DescribeInvocationsErrorCode as DescribeInvocations,
    describe_invokers::DescribeInvokersErrorCode as DescribeInvokers,
    describe_scenes::DescribeScenesErrorCode as DescribeScenes,
    disable_register_codes::DisableRegisterCodesErrorCode as DisableCodes,
    enable_invoker::EnableInvokerErrorCode as EnableInvoker,
    invoke_command::InvokeCommandErrorCode as Invoke,
    modify_register_instance::ModifyRegisterInstanceErrorCode as ModifyInstance,
    preview_replaced_command_content::PreviewReplacedCommandContentErrorCode as Preview,
    run_command::RunCommandErrorCode as Run,
};
use tencentcloud_tat::types::{DefaultParameterConf, ScheduleSettings, Tag};

/// Declares `fn $name() -> BoxFuture<'static, String>` running `$body` on a plain bed `$b`.
macro_rules! scenario {
    ($name:ident, |$b:ident| $body:block) => {
        pub fn $name() -> BoxFuture<'static, String> {
            Box::pin(async move {
                let $b = Bed::plain().await;
                let $b = &$b;
                $body
            })
        }
    };
}

fn schedule(policy: ScheduleSettingsPolicy, field: &str, value: &str) -> ScheduleSettings {
    let mut settings = ScheduleSettings::default();
    settings.policy = Some(policy);
    match field {
        "Recurrence" => settings.recurrence = Some(value.into()),
        _ => settings.invoke_time = Some(value.into()),
    }
    settings
}

scenario!(reserved_tag_key, |b| {
    let r =
        b.c.create_command()
            .command_name("t")
            .content(b64("echo"))
            .tags([Tag::new("qcloud:env".into(), "x".into())])
            .send()
            .await;
    typed(r, Create::FailedOperationTagOperationFailed)
});

scenario!(wrong_json_type, |b| {
    raw(
        b,
        "DescribeCommands",
        json!({"Limit": "ten"}),
        DescribeCommands::Common(Common::InvalidParameter),
    )
    .await
});

scenario!(conflicting_members, |b| {
    let body = json!({"CommandIds": ["cmd-abc12345"], "Filters": [{"Name": "command-name", "Values": ["x"]}]});
    raw(
        b,
        "DescribeCommands",
        body,
        DescribeCommands::InvalidParameterConflictParameter,
    )
    .await
});

scenario!(invoke_username, |b| {
    let cmd = b.command("u", "echo", false).await;
    let r =
        b.c.invoke_command()
            .command_id(cmd)
            .instance_ids(["ins-abc12345"])
            .username("a b")
            .send()
            .await;
    typed(r, Invoke::InvalidParameterInvalidUsername)
});

scenario!(parameter_name_twice, |b| {
    let confs = [
        DefaultParameterConf::new("a".into(), "1".into()),
        DefaultParameterConf::new("a".into(), "2".into()),
    ];
    let r =
        b.c.run_command()
            .content(b64("echo {{a}}"))
            .instance_ids(["ins-abc12345"])
            .enable_parameter(true)
            .default_parameter_confs(confs)
            .send()
            .await;
    typed(r, Run::InvalidParameterParameterNameDuplicated)
});

scenario!(out_of_range_without_a_finer_code, |b| {
    raw(
        b,
        "DescribeInvocationTasks",
        json!({"Limit": 1000}),
        DescribeTasks::Common(Common::InvalidParameterValue),
    )
    .await
});

scenario!(content_not_base64, |b| {
    let r =
        b.c.create_command()
            .command_name("c")
            .content("not base64!")
            .send()
            .await;
    typed(r, Create::InvalidParameterValueCommandContentInvalid)
});

scenario!(name_taken, |b| {
    b.command("taken", "echo", false).await;
    let r =
        b.c.run_command()
            .command_name("taken")
            .save_command(true)
            .content(b64("echo"))
            .instance_ids(["ins-abc12345"])
            .send()
            .await;
    typed(r, Run::InvalidParameterValueCommandNameDuplicated)
});

scenario!(malformed_invoker_id, |b| {
    typed(
        b.c.delete_invoker().invoker_id("ivk-NOT_OK").send().await,
        DeleteInvoker::InvalidParameterValueId,
    )
});

scenario!(inconsistent_ids, |b| {
    let r =
        b.c.describe_invokers()
            .invoker_ids(["ivk-abc12345", "cmd-abc12345"])
            .send()
            .await;
    typed(r, DescribeInvokers::InvalidParameterValueInconsistentId)
});

scenario!(inconsistent_instances, |b| {
    let r =
        b.c.run_command()
            .content(b64("echo"))
            .instance_ids(["ins-abc12345", "lhins-abc12345"])
            .send()
            .await;
    typed(r, Run::InvalidParameterValueInconsistentInstance)
});

scenario!(instance_not_in_invocation, |b| {
    let run =
        b.c.run_command()
            .content(b64("echo"))
            .instance_ids(["ins-abc12345"])
            .send()
            .await
            .unwrap();
    let r =
        b.c.cancel_invocation()
            .invocation_id(run.invocation_id.unwrap())
            .instance_ids(["ins-zzz12345"])
            .send()
            .await;
    typed(
        r,
        Cancel::InvalidParameterValueInstanceIsNotRelatedToInvocation,
    )
});

scenario!(command_id_of_another_kind, |b| {
    typed(
        b.c.delete_command().command_id("inv-abc12345").send().await,
        DeleteCommand::InvalidParameterValueInvalidCommandId,
    )
});

scenario!(command_name_charset, |b| {
    raw(
        b,
        "CreateCommand",
        json!({"CommandName": "a name", "Content": b64("echo")}),
        Create::InvalidParameterValueInvalidCommandName,
    )
    .await
});

scenario!(content_not_text, |b| {
    let content = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        [0xff, 0xfe, 0x00],
    );
    typed(
        b.c.create_command()
            .command_name("n")
            .content(content)
            .send()
            .await,
        Create::InvalidParameterValueInvalidContent,
    )
});

scenario!(bad_crontab, |b| {
    let cmd = b.command("cron", "echo", false).await;
    let r =
        b.c.create_invoker()
            .name("i")
            .r#type("SCHEDULE")
            .command_id(cmd)
            .instance_ids(["ins-abc12345"])
            .schedule_settings(schedule(
                ScheduleSettingsPolicy::Recurrence,
                "Recurrence",
                "every day",
            ))
            .send()
            .await;
    typed(r, CreateInvoker::InvalidParameterValueInvalidCronExpression)
});

scenario!(undocumented_filter, |b| {
    let body = json!({"Filters": [{"Name": "colour", "Values": ["red"]}]});
    raw(
        b,
        "DescribeCommands",
        body,
        DescribeCommands::InvalidParameterValueInvalidFilter,
    )
    .await
});

scenario!(instance_id_of_no_kind, |b| {
    let r =
        b.c.run_command()
            .content(b64("echo"))
            .instance_ids(["i-abc12345"])
            .send()
            .await;
    typed(r, Run::InvalidParameterValueInvalidInstanceId)
});

scenario!(invocation_id_of_another_kind, |b| {
    typed(
        b.c.cancel_invocation().invocation_id("run-1").send().await,
        Cancel::InvalidParameterValueInvalidInvocationId,
    )
});

scenario!(task_id_of_another_kind, |b| {
    let r =
        b.c.describe_invocation_tasks()
            .invocation_task_ids(["inv-abc12345"])
            .send()
            .await;
    typed(
        r,
        DescribeTasks::InvalidParameterValueInvalidInvocationTaskId,
    )
});

scenario!(invoker_id_of_another_kind, |b| {
    typed(
        b.c.enable_invoker().invoker_id("cmd-abc12345").send().await,
        EnableInvoker::InvalidParameterValueInvalidInvokerId,
    )
});

scenario!(bucket_url_shape, |b| {
    let r =
        b.c.create_command()
            .command_name("n")
            .content(b64("echo"))
            .output_cos_bucket_url("https://example.com")
            .send()
            .await;
    typed(r, Create::InvalidParameterValueInvalidOutputCosBucketUrl)
});

scenario!(key_prefix_shape, |b| {
    let r =
        b.c.create_command()
            .command_name("n")
            .content(b64("echo"))
            .output_cos_key_prefix("/logs")
            .send()
            .await;
    typed(r, Create::InvalidParameterValueInvalidOutputCosKeyPrefix)
});

scenario!(code_id_of_another_kind, |b| {
    let r =
        b.c.disable_register_codes()
            .register_code_ids(["code-1"])
            .send()
            .await;
    typed(r, DisableCodes::InvalidParameterValueInvalidRegisterCodeId)
});

scenario!(managed_id_of_another_kind, |b| {
    let r =
        b.c.modify_register_instance()
            .instance_id("ins-abc12345")
            .instance_name("n")
            .send()
            .await;
    typed(
        r,
        ModifyInstance::InvalidParameterValueInvalidRegisterInstanceId,
    )
});

scenario!(scene_id_of_another_kind, |b| {
    typed(
        b.c.describe_scenes().scene_ids(["scene-1"]).send().await,
        DescribeScenes::InvalidParameterValueInvalidSceneId,
    )
});

scenario!(invoke_time_format, |b| {
    let cmd = b.command("once", "echo", false).await;
    let r =
        b.c.create_invoker()
            .name("i")
            .r#type("SCHEDULE")
            .command_id(cmd)
            .instance_ids(["ins-abc12345"])
            .schedule_settings(schedule(
                ScheduleSettingsPolicy::Once,
                "InvokeTime",
                "tomorrow at noon",
            ))
            .send()
            .await;
    typed(r, CreateInvoker::InvalidParameterValueInvalidTimeFormat)
});

scenario!(command_username, |b| {
    let r =
        b.c.create_command()
            .command_name("n")
            .content(b64("echo"))
            .username("root;rm")
            .send()
            .await;
    typed(r, Create::InvalidParameterValueInvalidUsername)
});

scenario!(relative_working_directory, |b| {
    let r =
        b.c.create_command()
            .command_name("n")
            .content(b64("echo"))
            .working_directory("relative/dir")
            .send()
            .await;
    typed(r, Create::InvalidParameterValueInvalidWorkingDirectory)
});

scenario!(placeholder_without_value, |b| {
    let r =
        b.c.run_command()
            .content(b64("echo {{who}}"))
            .instance_ids(["ins-abc12345"])
            .enable_parameter(true)
            .send()
            .await;
    typed(r, Run::InvalidParameterValueLackOfParameterInfo)
});

scenario!(preview_without_parameters, |b| {
    typed(
        b.c.preview_replaced_command_content()
            .content(b64("echo {{who}}"))
            .send()
            .await,
        Preview::InvalidParameterValueLackOfParameters,
    )
});

scenario!(too_many_instances, |b| {
    let ids: Vec<String> = (0..201).map(|i| format!("ins-{i:08}")).collect();
    raw(
        b,
        "RunCommand",
        json!({"Content": b64("echo"), "InstanceIds": ids}),
        Run::InvalidParameterValueLimitExceeded,
    )
    .await
});

scenario!(defaults_without_enabling, |b| {
    let r =
        b.c.create_command()
            .command_name("n")
            .content(b64("echo"))
            .default_parameters(r#"{"a": "1"}"#)
            .send()
            .await;
    typed(r, Create::InvalidParameterValueParameterDisabled)
});

scenario!(parameters_not_json, |b| {
    let cmd = b.command("p", "echo {{a}}", true).await;
    let body = json!({"CommandId": cmd, "InstanceIds": ["ins-abc12345"], "Parameters": "not json"});
    raw(
        b,
        "InvokeCommand",
        body,
        Invoke::InvalidParameterValueParameterInvalidJsonFormat,
    )
    .await
});

/// CreateCommand of a command enabling parameters, with these defaults, sent as written.
async fn with_defaults(b: &Bed, defaults: serde_json::Value, want: Create) -> String {
    let body = json!({"CommandName": "d", "Content": b64("echo"), "EnableParameter": true, "DefaultParameters": defaults.to_string()});
    raw(b, "CreateCommand", body, want).await
}

scenario!(parameter_name_charset, |b| {
    with_defaults(
        b,
        json!({"a b": "1"}),
        Create::InvalidParameterValueParameterKeyContainsInvalidChar,
    )
    .await
});

scenario!(parameter_key_twice, |b| {
    let cmd = b.command("k", "echo {{a}}", true).await;
    let r =
        b.c.invoke_command()
            .command_id(cmd)
            .instance_ids(["ins-abc12345"])
            .parameters(r#"{"a": "1", "a": "2"}"#)
            .send()
            .await;
    typed(r, Invoke::InvalidParameterValueParameterKeyDuplicated)
});

scenario!(parameter_name_too_long, |b| {
    with_defaults(
        b,
        json!({ "k".repeat(65): "1" }),
        Create::InvalidParameterValueParameterKeyLenExceeded,
    )
    .await
});

scenario!(too_many_parameters, |b| {
    let many: serde_json::Map<String, serde_json::Value> =
        (0..21).map(|i| (format!("p{i}"), json!("v"))).collect();
    with_defaults(
        b,
        serde_json::Value::Object(many),
        Create::InvalidParameterValueParameterNumberExceeded,
    )
    .await
});

scenario!(parameter_value_not_string, |b| {
    with_defaults(
        b,
        json!({"a": 1}),
        Create::InvalidParameterValueParameterValueNotString,
    )
    .await
});

scenario!(timeout_out_of_range, |b| {
    raw(
        b,
        "CreateCommand",
        json!({"CommandName": "t", "Content": b64("echo"), "Timeout": 0}),
        Create::InvalidParameterValueRange,
    )
    .await
});

scenario!(parameters_not_enabled, |b| {
    let cmd = b.command("s", "echo", false).await;
    let r =
        b.c.invoke_command()
            .command_id(cmd)
            .instance_ids(["ins-abc12345"])
            .parameters(r#"{"a": "1"}"#)
            .send()
            .await;
    typed(
        r,
        Invoke::InvalidParameterValueSupportParametersOnlyIfEnableParameter,
    )
});

scenario!(number_too_large, |b| {
    raw(
        b,
        "CreateRegisterCode",
        json!({"RegisterLimit": 10001}),
        CreateCode::InvalidParameterValueTooLarge,
    )
    .await
});

scenario!(string_too_long, |b| {
    let body = json!({"CommandName": "l", "Content": b64("echo"), "Description": "d".repeat(121)});
    raw(
        b,
        "CreateCommand",
        body,
        Create::InvalidParameterValueTooLong,
    )
    .await
});

scenario!(number_too_small, |b| {
    raw(
        b,
        "CreateRegisterCode",
        json!({"RegisterLimit": 0}),
        CreateCode::InvalidParameterValueTooSmall,
    )
    .await
});

scenario!(too_many_filter_values, |b| {
    let body =
        json!({"Filters": [{"Name": "command-id", "Values": ["a", "b", "c", "d", "e", "f"]}]});
    raw(
        b,
        "DescribeInvocations",
        body,
        DescribeInvocations::LimitExceededFilterValueExceeded,
    )
    .await
});

scenario!(required_member_left_out, |b| {
    raw(
        b,
        "CancelInvocation",
        json!({}),
        Cancel::Common(Common::MissingParameter),
    )
    .await
});

scenario!(no_such_invoker, |b| {
    typed(
        b.c.delete_invoker().invoker_id("ivk-abc12345").send().await,
        DeleteInvoker::Common(Common::ResourceNotFound),
    )
});

scenario!(no_such_command, |b| {
    typed(
        b.c.delete_command().command_id("cmd-abc12345").send().await,
        DeleteCommand::ResourceNotFoundCommandNotFound,
    )
});

scenario!(no_such_invocation, |b| {
    typed(
        b.c.cancel_invocation()
            .invocation_id("inv-abc12345")
            .send()
            .await,
        Cancel::ResourceNotFoundInvocationNotFound,
    )
});

scenario!(no_such_code, |b| {
    let r =
        b.c.delete_register_codes()
            .register_code_ids(["rc-abc12345"])
            .send()
            .await;
    typed(r, DeleteCodes::ResourceNotFoundRegisterCodesNotFoundCode)
});

scenario!(no_such_managed_instance, |b| {
    let r =
        b.c.delete_register_instance()
            .instance_id("rins-abc12345")
            .send()
            .await;
    typed(
        r,
        DeleteInstance::ResourceNotFoundRegisterInstanceNotFoundCode,
    )
});

scenario!(undocumented_member, |b| {
    raw(
        b,
        "CancelInvocation",
        json!({"InvocationId": "inv-abc12345", "Colour": "red"}),
        Cancel::Common(Common::UnknownParameter),
    )
    .await
});
