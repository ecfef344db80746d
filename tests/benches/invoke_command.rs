//! One InvokeCommand call without the network: fluent build, validate, serialise, sign.
//! Peers, measured in the same `cargo xtask bench`: the crypto floor of signing (below:
//! the bare TC3 chain over the same request with the same `hmac`/`sha2` crates), and
//! Tencent's official Python and Node.js SDKs building and signing the same call
//! (`peer_python_sdk.py`, `peer_node_sdk.js`). Goals: signing within 1.3× of the floor,
//! the whole call ahead of both SDKs.
//!
//! Run: `cargo bench -p workspace-tests --bench invoke_command`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tencentcloud_runtime::{Operation, Validate};
use tencentcloud_tat::operation::invoke_command::InvokeCommandRequest;
use tencentcloud_tat::{Client, Credentials};

fn bench(c: &mut Criterion) {
    let creds = Credentials::new(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    );
    let client = Client::builder()
        .credentials(creds.clone())
        .region("ap-guangzhou")
        .build()
        .expect("client");
    c.bench_function("invoke_command_build_validate_serialize_sign", |b| {
        b.iter(|| {
            let request = client
                .invoke_command()
                .command_id(black_box("cmd-ffxdx79i"))
                .instance_ids([black_box("lhins-ar5wyn40")])
                .into_request();
            request.validate().expect("valid");
            let body = serde_json::to_vec(&request).expect("serialise");
            let signed = client.runtime().sign_request(
                &InvokeCommandRequest::SPEC,
                body,
                &creds,
                black_box(1551113065),
            );
            black_box(signed)
        })
    });
}

/// The parts, to see where the time goes.
fn parts(c: &mut Criterion) {
    let creds = Credentials::new(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    );
    let client = Client::builder()
        .credentials(creds.clone())
        .region("ap-guangzhou")
        .build()
        .expect("client");
    let request = client
        .invoke_command()
        .command_id("cmd-ffxdx79i")
        .instance_ids(["lhins-ar5wyn40"])
        .into_request();
    let body = serde_json::to_vec(&request).expect("serialise");
    let mut group = c.benchmark_group("invoke_command_parts");
    group.bench_function("build", |b| {
        b.iter(|| {
            black_box(
                client
                    .invoke_command()
                    .command_id(black_box("cmd-ffxdx79i"))
                    .instance_ids([black_box("lhins-ar5wyn40")])
                    .into_request(),
            )
        })
    });
    group.bench_function("validate", |b| b.iter(|| black_box(&request).validate()));
    group.bench_function("serialize", |b| {
        b.iter(|| serde_json::to_vec(black_box(&request)))
    });
    group.bench_function("sign", |b| {
        b.iter(|| {
            client.runtime().sign_request(
                &InvokeCommandRequest::SPEC,
                black_box(body.clone()),
                &creds,
                black_box(1551113065),
            )
        })
    });
    group.finish();
}

/// The physical floor of a TC3 signature of the same request: hash the body, hash the
/// canonical request, four HMAC-SHA256; the fixed text of both strings prepared outside the
/// loop, as no signer could do better. A second floor starts from the derived signing key
/// (three of the four HMACs depend only on the secret, the day and the service, and our
/// client keeps them, as the SDKs do not): two digests and one HMAC.
fn floor(c: &mut Criterion) {
    let body = br#"{"CommandId":"cmd-ffxdx79i","InstanceIds":["lhins-ar5wyn40"]}"#.to_vec();
    let canonical_head = "POST\n/\n\ncontent-type:application/json\nhost:tat.intl.tencentcloudapi.com\nx-tc-action:invokecommand\n\ncontent-type;host;x-tc-action\n";
    let to_sign_head = "TC3-HMAC-SHA256\n1551113065\n2019-02-25/tat/tc3_request\n";
    let secret = "TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    c.bench_function("invoke_command_sign_floor", |b| {
        b.iter(|| {
            let to_sign = string_to_sign(canonical_head, to_sign_head, black_box(&body));
            let date = hmac(black_box(secret.as_bytes()), b"2019-02-25");
            let service = hmac(&date, b"tat");
            let signing = hmac(&service, b"tc3_request");
            black_box(hex::encode(hmac(&signing, to_sign.as_bytes())))
        })
    });
    let signing = hmac(
        &hmac(&hmac(secret.as_bytes(), b"2019-02-25"), b"tat"),
        b"tc3_request",
    );
    c.bench_function("invoke_command_sign_floor_cached_key", |b| {
        b.iter(|| {
            let to_sign = string_to_sign(canonical_head, to_sign_head, black_box(&body));
            black_box(hex::encode(hmac(black_box(&signing), to_sign.as_bytes())))
        })
    });
}

/// The two digests: the body's into the canonical request, the canonical request's into
/// the string to sign.
fn string_to_sign(canonical_head: &str, to_sign_head: &str, body: &[u8]) -> String {
    let mut canonical = String::with_capacity(canonical_head.len() + 64);
    canonical.push_str(canonical_head);
    canonical.push_str(&hex::encode(Sha256::digest(body)));
    let mut to_sign = String::with_capacity(to_sign_head.len() + 64);
    to_sign.push_str(to_sign_head);
    to_sign.push_str(&hex::encode(Sha256::digest(canonical.as_bytes())));
    to_sign
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

criterion_group!(benches, bench, parts, floor);
criterion_main!(benches);
