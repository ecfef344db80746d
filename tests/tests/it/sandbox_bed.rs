//! Two accounts' keys, two regions, and an emulator that knows both accounts: what the
//! sandbox tests (and the timed reset) share.

use base64::Engine;
use std::time::Duration;
use tencentcloud_emulator::services::tat::{self, Settings, TaskTiming, Tat};
use tencentcloud_emulator::{Emulator, Key};
use tencentcloud_tat::{Client, Credentials};

pub const ALPHA: (&str, &str) = (
    "AKIDalpha000000000000000000000000",
    "alpha-secret-key-value",
);
pub const BETA: (&str, &str) = ("AKIDbeta0000000000000000000000000", "beta-secret-key-value");
pub const REGIONS: [&str; 2] = ["ap-guangzhou", "ap-shanghai"];

pub fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

pub fn timing() -> TaskTiming {
    TaskTiming {
        pending: Duration::from_millis(5),
        running: Duration::from_millis(5),
        ..TaskTiming::DEFAULT
    }
}

pub async fn two_accounts() -> tencentcloud_emulator::EmulatorBuilder {
    let mut settings = Settings::default();
    settings.quotas.insert("COMMAND".into(), 20_000);
    tat::emulator()
        .behaviour(Tat::configured(timing(), settings, Default::default()))
        .key(Key::new(ALPHA.0, ALPHA.1).account("alpha"))
        .key(Key::new(BETA.0, BETA.1).account("beta"))
        .rate_limits(None)
}

pub fn client(emu: &Emulator, key: (&str, &str), region: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(key.0, key.1))
        .region(region)
        .endpoint_url(emu.url())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}
