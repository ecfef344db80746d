//! Profiles as the default chain reads them, from files in a temporary HOME in the exact
//! format tccli writes (`tests/data/tccli/`: written by tccli 3.1.189.1's `configure set`,
//! the `.configure`s cut to four services): tccli's keys, role and instance-role profiles
//! with their region and endpoint, the official SDKs' profile file with any section, and
//! broken files named, never a secret shown.

use crate::local_servers::endpoint_answering;
use crate::scripted::{ok, Named, Scripted};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tencentcloud_runtime::credentials::{
    default_chain_for, CredentialsError, CvmRoleProvider, ProvideCredentials, Provided, SharedEnv,
};
use tencentcloud_runtime::{ActionSpec, AnyCode, BuildError, Client, SdkError, ServiceSpec};

const TAT: ServiceSpec = ServiceSpec {
    name: "tat",
    version: "2020-10-28",
    default_host: "tat.intl.tencentcloudapi.com",
    sdk_version: "9.9.9",
};

/// A temporary HOME holding tccli's fixture profiles in `~/.tccli`.
struct Home(PathBuf);

impl Home {
    fn new(test: &str) -> Home {
        let home = std::env::temp_dir().join(format!("tc-home-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        let tccli = home.join(".tccli");
        std::fs::create_dir_all(&tccli).unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tccli");
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, tccli.join(path.file_name().unwrap())).unwrap();
        }
        Home(home)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// An environment with this HOME and `vars`.
    fn env(&self, vars: &[(&str, &str)]) -> SharedEnv {
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("HOME".into(), self.0.display().to_string());
        Arc::new(move |name| map.get(name).cloned())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Nothing listens on port 9 of loopback: off a CVM.
fn no_metadata() -> CvmRoleProvider {
    CvmRoleProvider::with_endpoint("http://127.0.0.1:9")
}

async fn provided(env: SharedEnv, profile: Option<&str>) -> Result<Provided, CredentialsError> {
    default_chain_for(env, profile.map(str::to_string), no_metadata())
        .provide()
        .await
}

async fn keys(env: SharedEnv, profile: Option<&str>) -> tencentcloud_runtime::Credentials {
    match provided(env, profile).await {
        Ok(Provided::Found(keys)) => keys,
        other => panic!("expected keys, got {other:?}"),
    }
}

fn client(env: SharedEnv) -> Result<Client, BuildError> {
    Client::builder(TAT)
        .environment(move |name| env(name))
        .build()
}

#[tokio::test]
async fn a_tccli_profile_gives_keys_region_and_endpoint_when_named() {
    let home = Home::new("named");
    let dev = home.env(&[("TCCLI_PROFILE", "dev")]);
    assert_eq!(
        keys(dev.clone(), None).await.secret_id,
        "AKIDtccliDevExample"
    );
    let built = client(dev).unwrap();
    assert_eq!(built.region(), Some("ap-shanghai"));
    assert!(
        format!("{built:?}").contains("https://tat.tencentcloudapi.com/"),
        "{built:?}"
    );

    let terraform = home.env(&[("TENCENTCLOUD_PROFILE", "dev")]);
    assert_eq!(keys(terraform, None).await.secret_id, "AKIDtccliDevExample");
    let chosen = home.env(&[("TCCLI_PROFILE", "ops")]);
    assert_eq!(
        keys(chosen, Some("dev")).await.secret_id,
        "AKIDtccliDevExample",
        ".profile wins"
    );

    let given = home.env(&[
        ("TCCLI_PROFILE", "dev"),
        ("TENCENTCLOUD_REGION", "ap-beijing"),
    ]);
    assert_eq!(
        client(given).unwrap().region(),
        Some("ap-beijing"),
        "the environment's region first"
    );
    let environment = home.env(&[
        ("TCCLI_PROFILE", "dev"),
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "envkey"),
    ]);
    assert_eq!(
        keys(environment, None).await.secret_id,
        "AKIDenv",
        "the environment's keys first"
    );
}

/// What STS answers for an assumed role (the `Response`'s members): keys for an hour.
fn assumed_keys() -> String {
    let expires = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    format!(
        r#""Credentials": {{"TmpSecretId": "AKIDassumed", "TmpSecretKey": "assumedkey", "Token": "assumedtoken"}}, "ExpiredTime": {expires}"#
    )
}

#[tokio::test]
async fn a_tccli_role_profile_is_assumed_at_its_sts_endpoint() {
    let home = Home::new("role");
    let answer = format!(
        r#"{{"Response": {{{}, "RequestId": "r"}}}}"#,
        assumed_keys()
    );
    let (sts, asked) = endpoint_answering(answer, Duration::ZERO).await;
    let configure = std::fs::read_to_string(home.0.join(".tccli/ops.configure")).unwrap();
    let local = configure.replace("\"sts.tencentcloudapi.com\"", &format!("{sts:?}"));
    home.write(".tccli/ops.configure", &local);

    let assumed = keys(home.env(&[("TCCLI_PROFILE", "ops")]), None).await;
    assert_eq!(assumed.secret_id, "AKIDassumed");
    assert_eq!(assumed.token.unwrap().expose(), "assumedtoken");
    let head = asked.lock().unwrap()[0].to_lowercase();
    assert!(head.contains("x-tc-action: assumerole"), "{head}");
    assert!(
        head.contains("credential=akidtccliopsbase/"),
        "signed with the profile's keys: {head}"
    );
    assert!(
        head.contains("\"rolesessionname\":\"ops-session\""),
        "{head}"
    );
}

/// A client behind a proxy or a private CA reaches STS the way it reaches its service: a
/// role profile's keys come through the client's own HTTP client, then sign the call.
#[tokio::test]
async fn a_role_profile_is_assumed_through_the_clients_connection() {
    let home = Home::new("role-connection");
    let keys = assumed_keys();
    let script = Scripted::new(move |_, request| match request.action() {
        Some("AssumeRole") => ok(&keys),
        _ => ok(""),
    });
    let env = home.env(&[("TCCLI_PROFILE", "ops")]);
    let client = Client::builder(TAT)
        .environment(move |name| env(name))
        .http_client(script.clone())
        .build()
        .unwrap();
    let answer: Result<serde_json::Value, SdkError<AnyCode>> = client
        .call(
            ActionSpec::idempotent("DescribeThings"),
            &Named { name: "n".into() },
        )
        .await;
    answer.unwrap();
    let sent = script.sent.lock().unwrap();
    let actions: Vec<_> = sent
        .iter()
        .map(|r| r.action().unwrap_or_default())
        .collect();
    assert_eq!(actions, ["AssumeRole", "DescribeThings"]);
    assert!(
        sent[0].url.contains("sts.tencentcloudapi.com"),
        "{}",
        sent[0].url
    );
    let signed = sent[1].header("authorization").unwrap_or_default();
    assert!(signed.contains("Credential=AKIDassumed/"), "{signed}");
}

#[tokio::test]
async fn a_tccli_cvm_role_profile_asks_the_instance_role() {
    let home = Home::new("cvm");
    let err = provided(home.env(&[("TCCLI_PROFILE", "cvm")]), None)
        .await
        .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("`cvm`") && shown.contains("cvm-role") && shown.contains("cvm.credential"),
        "{shown}"
    );
}

#[tokio::test]
async fn broken_profiles_name_their_file_line_or_key_and_profile_but_no_secret() {
    let home = Home::new("broken");
    home.write(".tccli/dev.credential", "{\n  \"secretId\": \"AKIDtccliDevExample\",\n  \"secretKey\": \"s3cret-value\"\n  \"token\": \"t\"\n}");
    let err = provided(home.env(&[("TCCLI_PROFILE", "dev")]), None)
        .await
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("dev.credential") && shown.contains("line 4") && shown.contains("`dev`"),
        "{shown}"
    );
    assert!(!shown.contains("s3cret-value"), "{shown}");

    home.write(
        ".tccli/dev.credential",
        r#"{"secretId": "AKIDtccliDevExample", "secretKey": 12345}"#,
    );
    let err = provided(home.env(&[("TCCLI_PROFILE", "dev")]), None)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("`secretKey` is not a string"),
        "{err}"
    );
    assert!(!err.to_string().contains("12345"), "{err}");

    home.write(
        ".tccli/ops.configure",
        "{\"_sys_param\": {\"region\": [\"ap-beijing\"]}}",
    );
    let err = client(home.env(&[("TCCLI_PROFILE", "ops")])).unwrap_err();
    assert!(
        err.to_string().contains("ops.configure") && err.to_string().contains("_sys_param.region"),
        "{err}"
    );

    let err = provided(home.env(&[("TCCLI_PROFILE", "staging")]), None)
        .await
        .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("`staging`")
            && shown.contains("TCCLI_PROFILE")
            && shown.contains("staging.credential"),
        "{shown}"
    );
    std::fs::remove_dir_all(home.0.join(".tccli")).unwrap();
    assert!(
        matches!(provided(home.env(&[]), None).await, Ok(Provided::NotHere)),
        "no profile, none named: the next source"
    );
}

#[tokio::test]
async fn temporary_keys_tccli_keeps_fresh_expire() {
    let home = Home::new("sso");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let sso = |at: u64| {
        format!(
            r#"{{"type": "sso", "secretId": "AKIDsso", "secretKey": "ssokey", "token": "ssotoken", "expiresAt": {at}, "sso": {{"expiresAt": {at}}}}}"#
        )
    };
    home.write(".tccli/default.credential", &sso(now + 3600));
    let fresh = keys(home.env(&[]), None).await;
    assert_eq!(fresh.token.unwrap().expose(), "ssotoken");
    assert!(fresh.expires_at.is_some());
    home.write(".tccli/default.credential", &sso(now - 60));
    let err = provided(home.env(&[]), None).await.unwrap_err();
    assert!(
        err.to_string().contains("expired") && err.to_string().contains("--profile default"),
        "{err}"
    );
}

#[tokio::test]
async fn the_profile_file_of_the_official_sdks_holds_any_profile() {
    let home = Home::new("ini");
    std::fs::remove_dir_all(home.0.join(".tccli")).unwrap();
    home.write(
        ".tencentcloud/credentials",
        "[default]\nsecret_id = AKIDdefault\nsecret_key = defaultkey\n\n[dev]\nsecret_id = AKIDinidev\nsecret_key = inidevkey\ntoken = initoken\n",
    );
    assert_eq!(keys(home.env(&[]), None).await.secret_id, "AKIDdefault");
    let dev = keys(home.env(&[("TENCENTCLOUD_PROFILE", "dev")]), None).await;
    assert_eq!(
        (dev.secret_id.as_str(), dev.token.unwrap().expose()),
        ("AKIDinidev", "initoken")
    );
    assert_eq!(
        keys(home.env(&[]), Some("dev")).await.secret_id,
        "AKIDinidev"
    );
    let err = provided(home.env(&[]), Some("prod")).await.unwrap_err();
    assert!(
        err.to_string().contains("`prod`") && err.to_string().contains(".tencentcloud/credentials"),
        "{err}"
    );
}
