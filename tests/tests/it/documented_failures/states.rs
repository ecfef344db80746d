//! Codes a state provokes (of the fleet, of the emulator's settings, of what exists) or
//! the clock: one scenario each, through the generated client.

use super::bed::{b64, typed, Bed, REGION};
use futures_util::future::BoxFuture;
use std::time::Duration;
use tencentcloud_emulator::services::tat::Settings;
use tencentcloud_tat::enums::ScheduleSettingsPolicy;
use tencentcloud_tat::operation::{
    create_command::CreateCommandErrorCode as Create,
    create_invoker::CreateInvokerErrorCode as CreateInvoker,
    delete_command::DeleteCommandErrorCode as DeleteCommand,
    run_command::RunCommandErrorCode as Run,
};
use tencentcloud_tat::types::ScheduleSettings;

/// A fleet file of one instance with these extra lines.
fn one(id: &str, lines: &str) -> String {
    format!("[[instances]]\nid = \"{id}\"\n{lines}\n")
}

/// RunCommand of `echo` on `id`, of `command_type`.
async fn run_on(
    b: &Bed,
    id: &str,
    command_type: &str,
) -> Result<(), tencentcloud_tat::SdkError<Run>> {
    let run =
        b.c.run_command()
            .content(b64("echo"))
            .instance_ids([id])
            .command_type(command_type);
    run.send().await.map(|_| ())
}

pub fn windows_runs_no_shell() -> BoxFuture<'static, String> {
    Box::pin(async {
        let b = Bed::start(
            Settings::default(),
            &one("ins-win00001", "os = \"windows\""),
        )
        .await;
        assert!(run_on(&b, "ins-win00001", "POWERSHELL").await.is_ok());
        typed(
            run_on(&b, "ins-win00001", "SHELL").await,
            Run::InvalidParameterValueAgentUnsupportedCommandType,
        )
    })
}

pub fn undeclared_when_strict() -> BoxFuture<'static, String> {
    Box::pin(async {
        let settings = Settings {
            strict_instances: true,
            ..Settings::default()
        };
        let b = Bed::start(settings, &one("ins-known001", "")).await;
        assert!(run_on(&b, "ins-known001", "SHELL").await.is_ok());
        typed(
            run_on(&b, "ins-other001", "SHELL").await,
            Run::ResourceNotFoundInstanceNotFound,
        )
    })
}

pub fn no_agent() -> BoxFuture<'static, String> {
    Box::pin(async {
        let b = Bed::start(
            Settings::default(),
            &one("ins-bare0001", "agent = \"none\""),
        )
        .await;
        typed(
            run_on(&b, "ins-bare0001", "SHELL").await,
            Run::ResourceUnavailableAgentNotInstalled,
        )
    })
}

pub fn agent_offline() -> BoxFuture<'static, String> {
    Box::pin(async {
        let b = Bed::start(
            Settings::default(),
            &one("ins-away0001", "agent = \"offline\""),
        )
        .await;
        typed(
            run_on(&b, "ins-away0001", "SHELL").await,
            Run::ResourceUnavailableAgentStatusNotOnline,
        )
    })
}

pub fn stopped() -> BoxFuture<'static, String> {
    Box::pin(async {
        let b = Bed::start(
            Settings::default(),
            &one("ins-stop0001", "state = \"STOPPED\""),
        )
        .await;
        typed(
            run_on(&b, "ins-stop0001", "SHELL").await,
            Run::ResourceUnavailableInstanceStateNotRunning,
        )
    })
}

pub fn lighthouse_unsupported_here() -> BoxFuture<'static, String> {
    Box::pin(async {
        let mut settings = Settings::default();
        settings
            .lighthouse_unsupported_regions
            .insert(REGION.to_string());
        let b = Bed::start(settings, "").await;
        assert!(
            run_on(&b, "ins-abc12345", "SHELL").await.is_ok(),
            "CVM is supported"
        );
        typed(
            run_on(&b, "lhins-abc12345", "SHELL").await,
            Run::ResourceUnavailableLighthouseUnsupportedRegion,
        )
    })
}

pub fn quota_used_up() -> BoxFuture<'static, String> {
    Box::pin(async {
        let mut settings = Settings::default();
        settings.quotas.insert("COMMAND".into(), 1);
        let b = Bed::start(settings, "").await;
        b.command("first", "echo", false).await;
        let r =
            b.c.create_command()
                .command_name("second")
                .content(b64("echo"))
                .send()
                .await;
        typed(r, Create::ResourceUnavailableUserHasNoQuotaCode)
    })
}

pub fn command_running() -> BoxFuture<'static, String> {
    Box::pin(async {
        // The clock holds still: the invocation stays unfinished until it moves.
        let b = Bed::plain().await;
        let cmd = b.command("busy", "echo", false).await;
        b.c.invoke_command()
            .command_id(&cmd)
            .instance_ids(["ins-abc12345"])
            .send()
            .await
            .unwrap();
        let code = typed(
            b.c.delete_command().command_id(&cmd).send().await,
            DeleteCommand::ResourceUnavailableCommandInExecuting,
        );
        b.emu.advance_clock(Duration::from_secs(1)).unwrap();
        b.c.delete_command()
            .command_id(&cmd)
            .send()
            .await
            .expect("finished: it can go");
        code
    })
}

fn once_at(at: String) -> ScheduleSettings {
    let mut settings = ScheduleSettings::default();
    settings.policy = Some(ScheduleSettingsPolicy::Once);
    settings.invoke_time = Some(at);
    settings
}

pub fn command_in_invoker() -> BoxFuture<'static, String> {
    Box::pin(async {
        let b = Bed::plain().await;
        let cmd = b.command("scheduled", "echo", false).await;
        let later =
            humantime::format_rfc3339_seconds(b.emu.now() + Duration::from_secs(3600)).to_string();
        b.c.create_invoker()
            .name("i")
            .r#type("SCHEDULE")
            .command_id(&cmd)
            .instance_ids(["ins-abc12345"])
            .schedule_settings(once_at(later))
            .send()
            .await
            .unwrap();
        typed(
            b.c.delete_command().command_id(&cmd).send().await,
            DeleteCommand::ResourceUnavailableCommandInInvoker,
        )
    })
}

pub fn invoke_time_passed() -> BoxFuture<'static, String> {
    Box::pin(async {
        let b = Bed::plain().await;
        let cmd = b.command("late", "echo", false).await;
        let past =
            humantime::format_rfc3339_seconds(b.emu.now() - Duration::from_secs(60)).to_string();
        let r =
            b.c.create_invoker()
                .name("i")
                .r#type("SCHEDULE")
                .command_id(&cmd)
                .instance_ids(["ins-abc12345"])
                .schedule_settings(once_at(past))
                .send()
                .await;
        typed(r, CreateInvoker::InvalidParameterValueInvokeTimeExpired)
    })
}
