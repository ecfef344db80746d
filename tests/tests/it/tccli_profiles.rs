//! The generated client on the emulator with tccli's profiles, in a temporary HOME, in the
//! format tccli writes (JSON, two-space indent): a profile of keys and region used with no
//! change but `TCCLI_PROFILE`, its endpoint too; a profile with a role to assume (at a
//! local STS); a broken profile named in the call's error.

use crate::stub_server::{start, Reply};
use serde_json::json;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};
use tencentcloud_emulator::services::tat::TaskTiming;
use tencentcloud_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_tat::{Client, SdkError};
use workspace_tests::tat_bed;

/// `~/.tccli` of a temporary HOME.
struct TccliHome(PathBuf);

impl TccliHome {
    fn new(test: &str) -> Self {
        let home = std::env::temp_dir().join(format!("tc-tccli-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(home.join(".tccli")).unwrap();
        TccliHome(home)
    }

    /// `<profile>.<kind>` as tccli's `configure set` writes it: `json.dump(…, indent=2,
    /// separators=(',', ': '))`, no newline at the end.
    fn write(&self, file: &str, value: serde_json::Value) {
        let text = serde_json::to_string_pretty(&value).unwrap();
        std::fs::write(self.0.join(".tccli").join(file), text).unwrap();
    }

    /// Where the client reads its environment: this HOME, and `vars`.
    fn env(
        &self,
        vars: &[(&str, &str)],
    ) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("HOME".into(), self.0.display().to_string());
        move |name| map.get(name).cloned()
    }
}

impl Drop for TccliHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A profile's `.configure`: its region, and TAT's and STS's endpoints.
fn configure(region: &str, tat: &str, sts: &str) -> serde_json::Value {
    json!({
        "_sys_param": {"region": region},
        "sts": {"endpoint": sts, "version": "2018-08-13"},
        "tat": {"endpoint": tat, "version": "2020-10-28"},
    })
}

#[tokio::test]
async fn a_tccli_profile_is_used_with_no_change_but_its_name() {
    let (emulator, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let home = TccliHome::new("dev");
    home.write(
        "dev.credential",
        json!({"secretId": DEMO_SECRET_ID, "secretKey": DEMO_SECRET_KEY}),
    );
    home.write(
        "dev.configure",
        configure("ap-guangzhou", emulator.url(), "sts.tencentcloudapi.com"),
    );

    let client = Client::builder()
        .environment(home.env(&[("TCCLI_PROFILE", "dev")]))
        .build()
        .unwrap();
    assert_eq!(client.runtime().region(), Some("ap-guangzhou"));
    client
        .describe_regions()
        .send()
        .await
        .expect("signed with the profile's keys, at its endpoint");

    let nameless = Client::builder()
        .environment(home.env(&[]))
        .endpoint_url(emulator.url())
        .build()
        .unwrap();
    let err = nameless
        .describe_regions()
        .send()
        .await
        .expect_err("no `default` profile, no keys");
    assert!(matches!(err, SdkError::Credentials(_)), "{err}");
    emulator.stop();
}

#[tokio::test]
async fn a_tccli_role_profile_assumes_its_role_then_calls() {
    let (emulator, _) = tat_bed::start(TaskTiming::DEFAULT).await;
    let expires = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let sts = start(move |_, _| {
        Reply::Json(200, format!(
            r#"{{"Response": {{"Credentials": {{"TmpSecretId": "{DEMO_SECRET_ID}", "TmpSecretKey": "{DEMO_SECRET_KEY}", "Token": "tok"}}, "ExpiredTime": {expires}, "RequestId": "r"}}}}"#
        ))
    })
    .await;
    let home = TccliHome::new("ops");
    home.write(
        "ops.credential",
        json!({
            "role-arn": "qcs::cam::uin/100000000001:roleName/ops",
            "role-session-name": "ops-session",
            "secretId": "AKIDbase",
            "secretKey": "basekey",
        }),
    );
    home.write(
        "ops.configure",
        configure("ap-guangzhou", emulator.url(), &sts.url),
    );
    let client = Client::builder()
        .environment(home.env(&[("TCCLI_PROFILE", "ops")]))
        .build()
        .unwrap();
    client
        .describe_regions()
        .send()
        .await
        .expect("with the assumed keys");
    client.describe_regions().send().await.unwrap();
    assert_eq!(sts.hits(), 1, "assumed once, kept");
    let asked = sts.requests.lock().unwrap()[0].clone();
    assert!(asked.headers["authorization"].contains("Credential=AKIDbase/"));
    emulator.stop();
}

#[tokio::test]
async fn a_broken_profile_names_its_file() {
    let home = TccliHome::new("broken");
    std::fs::write(
        home.0.join(".tccli/dev.credential"),
        "{\n  \"secretId\": \"AKIDx\",\n  \"secretKey\": \"s3cret\",\n}",
    )
    .unwrap();
    let client = Client::builder()
        .environment(home.env(&[("TCCLI_PROFILE", "dev")]))
        .endpoint_url("http://127.0.0.1:9/")
        .build()
        .unwrap();
    let err = client.describe_regions().send().await.unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("dev.credential") && shown.contains("line 4") && shown.contains("`dev`"),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"), "{shown}");
}
