//! Where keys come from, against local fakes of the CVM metadata service and of STS (never
//! the real endpoints): the default chain's order, temporary keys refreshed once however
//! many calls need them, failures that name their source, role assumption and the TKE
//! OIDC provider.

use crate::stub_server::{ok, start, Recorded, Reply, Stub};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tencentcloud_runtime::credentials::{
    default_chain_with, AssumeRoleProvider, CredentialsError, CvmRoleProvider, ProvideCredentials,
    Provided, SharedEnv, WebIdentityProvider,
};
use tencentcloud_tat::{Client, Credentials, SdkError};

const ROLES: &str = "/latest/meta-data/cam/security-credentials/";

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn env(vars: &[(&str, &str)]) -> SharedEnv {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Arc::new(move |name| map.get(name).cloned())
}

/// A metadata service with role `ops` whose keys (numbered by request) live `ttl` seconds.
async fn metadata(ttl: u64, code: &'static str) -> Stub {
    start(move |n, request: &Recorded| match request.path.strip_prefix(ROLES) {
        Some("") => Reply::Json(200, "ops".into()),
        Some("ops") => Reply::Json(
            200,
            format!(
                r#"{{"TmpSecretId": "AKIDrole{n}", "TmpSecretKey": "rolekey{n}", "Token": "roletoken{n}", "ExpiredTime": {}, "Expiration": "x", "Code": "{code}"}}"#,
                unix_now() + ttl
            ),
        ),
        _ => Reply::Json(404, "not found".into()),
    })
    .await
}

/// Nothing listens on port 9 of loopback: off a CVM.
fn no_metadata() -> CvmRoleProvider {
    CvmRoleProvider::with_endpoint("http://127.0.0.1:9")
}

async fn found(provider: &dyn ProvideCredentials) -> Credentials {
    match provider.provide().await {
        Ok(Provided::Found(keys)) => keys,
        other => panic!("expected keys, got {other:?}"),
    }
}

#[tokio::test]
async fn the_default_chain_reads_environment_then_profile_then_instance_role() {
    let meta = metadata(3600, "Success").await;
    let dir = std::env::temp_dir().join(format!("tc-creds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let profile = dir.join("credentials");
    std::fs::write(
        &profile,
        "[default]\nsecret_id = AKIDprofile\nsecret_key = profilekey\n",
    )
    .unwrap();
    let profile = profile.to_str().unwrap();

    let everything = [
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "envkey"),
        ("TENCENTCLOUD_CREDENTIALS_FILE", profile),
    ];
    let keys = found(&default_chain_with(
        env(&everything),
        CvmRoleProvider::with_endpoint(&meta.url),
    ))
    .await;
    assert_eq!(keys.secret_id, "AKIDenv");
    let keys = found(&default_chain_with(
        env(&[("TENCENTCLOUD_CREDENTIALS_FILE", profile)]),
        CvmRoleProvider::with_endpoint(&meta.url),
    ))
    .await;
    assert_eq!(keys.secret_id, "AKIDprofile");
    assert_eq!(
        meta.hits(),
        0,
        "the metadata service is asked only when nothing before it applies"
    );

    let missing = dir.join("none").display().to_string();
    let keys = found(&default_chain_with(
        env(&[("TENCENTCLOUD_CREDENTIALS_FILE", &missing)]),
        CvmRoleProvider::with_endpoint(&meta.url),
    ))
    .await;
    assert_eq!(keys.secret_id, "AKIDrole1");
    assert_eq!(keys.token.unwrap().expose(), "roletoken1");
    assert!(keys.expires_at.unwrap() > SystemTime::now() + Duration::from_secs(3000));
    let paths: Vec<String> = meta
        .requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(paths, [format!("GET {ROLES}"), format!("GET {ROLES}ops")]);

    let nothing = default_chain_with(
        env(&[("TENCENTCLOUD_CREDENTIALS_FILE", &missing)]),
        no_metadata(),
    );
    assert!(matches!(nothing.provide().await, Ok(Provided::NotHere)));
    let half = default_chain_with(
        env(&[("TENCENTCLOUD_SECRET_ID", "AKIDenv")]),
        CvmRoleProvider::with_endpoint(&meta.url),
    );
    assert!(
        matches!(half.provide().await, Err(CredentialsError::Incomplete(..))),
        "a half-set environment is an error, not a fall-through"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn temporary_keys_are_fetched_once_for_many_concurrent_calls_and_signed_with() {
    let meta = metadata(3600, "Success").await;
    let api = start(|_, _| ok(r#""TotalCount": 0, "RegionSet": []"#)).await;
    let client = Client::builder()
        .credentials_provider(CvmRoleProvider::with_endpoint(&meta.url))
        .endpoint_url(&api.url)
        .build()
        .unwrap();
    let calls: Vec<_> = (0..50)
        .map(|_| {
            tokio::spawn({
                let client = client.clone();
                async move { client.describe_regions().send().await.map(|_| ()) }
            })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(
        meta.hits(),
        2,
        "one role listing and one key fetch for 50 calls"
    );
    let requests = api.requests.lock().unwrap();
    assert_eq!(requests.len(), 50);
    assert!(requests
        .iter()
        .all(|r| r.headers["x-tc-token"] == "roletoken1"
            && r.headers["authorization"].contains("Credential=AKIDrole1/")));
}

#[tokio::test]
async fn keys_about_to_expire_are_refreshed() {
    // Timed: nothing that keeps both cores busy runs meanwhile.
    let _machine = workspace_tests::timed();
    // Keys that live 2 s are replaced halfway through their life.
    let meta = metadata(2, "Success").await;
    let api = start(|_, _| ok(r#""TotalCount": 0"#)).await;
    let client = Client::builder()
        .credentials_provider(CvmRoleProvider::with_endpoint(&meta.url))
        .endpoint_url(&api.url)
        .build()
        .unwrap();
    client.describe_regions().send().await.unwrap();
    client.describe_regions().send().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    client.describe_regions().send().await.unwrap();
    let tokens: Vec<String> = api
        .requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.headers["x-tc-token"].clone())
        .collect();
    assert_eq!(tokens, ["roletoken1", "roletoken1", "roletoken3"]);
}

#[tokio::test]
async fn a_failed_refresh_is_a_typed_error_naming_its_source() {
    let meta = metadata(3600, "Failure").await;
    let api = start(|_, _| ok("")).await;
    let client = Client::builder()
        .credentials_provider(CvmRoleProvider::with_endpoint(&meta.url))
        .endpoint_url(&api.url)
        .build()
        .unwrap();
    let err = client.describe_regions().send().await.unwrap_err();
    let SdkError::Credentials(CredentialsError::Source {
        source_name,
        message,
    }) = &err
    else {
        panic!("{err}")
    };
    assert_eq!(*source_name, "the CVM instance role");
    assert!(message.contains("Failure"), "{message}");
    assert!(err.to_string().contains("the CVM instance role"), "{err}");
    assert_eq!(api.hits(), 0, "nothing is sent unsigned");

    let garbage = start(|_, request: &Recorded| {
        if request.path == ROLES {
            Reply::Json(200, "ops".into())
        } else {
            Reply::Json(200, "{".into())
        }
    })
    .await;
    let err = CvmRoleProvider::with_endpoint(&garbage.url)
        .provide()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("do not parse"), "{err}");
    let huge = start(|_, _| Reply::Huge {
        announced: None,
        sent: 1 << 20,
    })
    .await;
    let err = CvmRoleProvider::with_endpoint(&huge.url)
        .provide()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("larger than 65536 bytes"),
        "a metadata answer is read with a cap: {err}"
    );
}

/// A fake STS: answers either action with keys numbered by request.
async fn sts() -> Stub {
    start(|n, _| {
        ok(&format!(
            r#""Credentials": {{"TmpSecretId": "AKIDsts{n}", "TmpSecretKey": "stskey", "Token": "ststoken{n}"}}, "ExpiredTime": {}, "Expiration": "x""#,
            unix_now() + 7200
        ))
    })
    .await
}

#[tokio::test]
async fn roles_are_assumed_through_sts_with_other_keys() {
    let sts = sts().await;
    let api = start(|_, _| ok(r#""TotalCount": 0"#)).await;
    let role = "qcs::cam::uin/100000000001:roleName/Ops";
    let provider = AssumeRoleProvider::new(Credentials::new("AKIDbase", "basekey"), role)
        .endpoint_url(&sts.url)
        .session_name("test-session");
    let client = Client::builder()
        .credentials_provider(provider)
        .endpoint_url(&api.url)
        .build()
        .unwrap();
    client.describe_regions().send().await.unwrap();
    client.describe_regions().send().await.unwrap();

    assert_eq!(sts.hits(), 1, "assumed once, kept for both calls");
    let asked = sts.requests.lock().unwrap()[0].clone();
    assert_eq!(asked.headers["x-tc-action"], "AssumeRole");
    assert_eq!(asked.headers["x-tc-version"], "2018-08-13");
    assert!(
        asked.headers["authorization"].contains("Credential=AKIDbase/"),
        "signed with the base keys"
    );
    let body: serde_json::Value = serde_json::from_str(&asked.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"RoleArn": role, "RoleSessionName": "test-session", "DurationSeconds": 7200})
    );
    let calls = api.requests.lock().unwrap();
    assert!(calls.iter().all(|r| r.headers["x-tc-token"] == "ststoken0"
        && r.headers["authorization"].contains("Credential=AKIDsts0/")));
}

#[tokio::test]
async fn pods_on_tke_assume_their_role_with_the_oidc_token_file() {
    let sts = sts().await;
    let token_file = std::env::temp_dir().join(format!("tc-oidc-{}", std::process::id()));
    std::fs::write(&token_file, "eyJhbGciOiJSUzI1NiJ9.payload.signature\n").unwrap();
    let tke = env(&[
        ("TKE_REGION", "ap-shanghai"),
        ("TKE_PROVIDER_ID", "provider-1"),
        ("TKE_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
        ("TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/pod"),
    ]);
    let provider = WebIdentityProvider::from_tke_env(&*tke)
        .unwrap()
        .endpoint_url(&sts.url);
    let keys = found(&provider).await;
    assert_eq!(keys.secret_id, "AKIDsts0");
    assert_eq!(keys.token.unwrap().expose(), "ststoken0");

    let asked = sts.requests.lock().unwrap()[0].clone();
    assert_eq!(asked.headers["x-tc-action"], "AssumeRoleWithWebIdentity");
    assert_eq!(asked.headers["x-tc-region"], "ap-shanghai");
    assert_eq!(
        asked.headers["authorization"], "SKIP",
        "the token is the proof; nothing is signed"
    );
    let body: serde_json::Value = serde_json::from_str(&asked.body).unwrap();
    assert_eq!(
        body["WebIdentityToken"],
        "eyJhbGciOiJSUzI1NiJ9.payload.signature"
    );
    assert_eq!(body["ProviderId"], "provider-1");
    assert_eq!(body["RoleArn"], "qcs::cam::uin/1:roleName/pod");

    let missing = env(&[("TKE_REGION", "ap-shanghai")]);
    let err = WebIdentityProvider::from_tke_env(&*missing).unwrap_err();
    assert!(
        err.to_string().contains("TKE_PROVIDER_ID is not set"),
        "{err}"
    );
    std::fs::remove_file(&token_file).unwrap();
    let err = provider_error(
        &WebIdentityProvider::from_tke_env(&*tke)
            .unwrap()
            .endpoint_url(&sts.url),
    )
    .await;
    assert!(
        err.contains("AssumeRoleWithWebIdentity") && err.contains("token file"),
        "{err}"
    );
}

async fn provider_error(provider: &dyn ProvideCredentials) -> String {
    match provider.provide().await {
        Err(e) => e.to_string(),
        other => panic!("expected an error, got {other:?}"),
    }
}
