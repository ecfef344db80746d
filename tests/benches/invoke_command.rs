//! One InvokeCommand call without the network: fluent build, validate, serialise, sign.
//! Peer (Tencent's Python SDK doing serialise + sign of the same call) runs in the same
//! `cargo xtask bench`; goal: ≤ 2 µs here, a ratio of ≥ 20× against the peer.
//!
//! Run: `cargo bench -p workspace-tests --bench invoke_command`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
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

criterion_group!(benches, bench, parts);
criterion_main!(benches);
