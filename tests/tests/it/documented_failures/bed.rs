//! One emulator per scenario (manual clock, no rate limits, the fleet and settings it
//! needs) with its generated client, and the two ways a scenario reads the code it
//! provoked: from a typed call, or from a request sent as written (`call_json`) and read
//! as the action's typed code.

use base64::Engine;
use futures_util::future::BoxFuture;
use serde_json::Value;
use std::time::Duration;
use tencentcloud_emulator::services::tat::{self, Fleet, Settings, TaskTiming, Tat};
use tencentcloud_emulator::{ClockMode, Emulator, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_tat::{Client, Credentials, ErrorCode, SdkError};

/// A scenario: provokes one code on an emulator of its own and returns it, checked
/// against its typed variant.
pub type Scenario = fn() -> BoxFuture<'static, String>;

pub const REGION: &str = "ap-guangzhou";

pub struct Bed {
    pub emu: Emulator,
    pub c: Client,
}

impl Bed {
    /// An emulator with this fleet file and these settings; its clock holds still.
    pub async fn start(settings: Settings, fleet_toml: &str) -> Bed {
        let fleet = Fleet::from_toml(fleet_toml, "fleet.toml").expect("the fleet file reads");
        let timing = TaskTiming {
            pending: Duration::from_millis(10),
            running: Duration::from_millis(10),
            ..TaskTiming::DEFAULT
        };
        let emu = tat::emulator()
            .behaviour(Tat::configured(timing, settings, fleet))
            .clock(ClockMode::Manual)
            .rate_limits(None)
            .start()
            .await
            .expect("the emulator starts");
        let c = Client::builder()
            .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY))
            .region(REGION)
            .endpoint_url(emu.url())
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        Bed { emu, c }
    }

    pub async fn plain() -> Bed {
        Bed::start(Settings::default(), "").await
    }

    /// A command running `script` (SHELL unless told), with custom parameters when `enabled`.
    pub async fn command(&self, name: &str, script: &str, enabled: bool) -> String {
        self.c
            .create_command()
            .command_name(name)
            .content(b64(script))
            .enable_parameter(enabled)
            .send()
            .await
            .expect("the command is created")
            .command_id
            .expect("an id")
    }
}

pub fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// The code a typed call failed with, which must be the typed variant `want`.
pub fn typed<T: std::fmt::Debug, C: ErrorCode>(result: Result<T, SdkError<C>>, want: C) -> String {
    let error = result.expect_err("the call fails");
    let service = error
        .as_service_error()
        .unwrap_or_else(|| panic!("a service error, got {error}"));
    assert_eq!(service.code, want, "{}", service.message());
    want.as_str().to_string()
}

/// The code a request sent as written (one the typed client refuses before sending)
/// failed with, read as the action's typed code, which must be `want`.
pub async fn raw<C: ErrorCode>(bed: &Bed, action: &str, body: Value, want: C) -> String {
    let error = bed
        .c
        .call_json(action, body)
        .await
        .expect_err("the call fails");
    let service = error
        .as_service_error()
        .unwrap_or_else(|| panic!("a service error, got {error}"));
    assert_eq!(C::from_code(service.code()), want, "{}", service.message());
    want.as_str().to_string()
}
