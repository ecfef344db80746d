//! Profiling aid: native time of each signing step.
use std::hint::black_box;
use std::time::Instant;
use tencentcloud_runtime::signing::{
    sign_with_key, utc_date, SignedHeaders, SigningInput, SigningKey,
};

fn time<T>(name: &str, n: usize, mut f: impl FnMut() -> T) {
    let t = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    println!(
        "{name}: {:.0} ns",
        t.elapsed().as_secs_f64() * 1e9 / n as f64
    );
}

fn main() {
    let n = 200_000;
    let key = SigningKey::derive("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "tat");
    let body = br#"{"CommandId":"cmd-ffxdx79i","InstanceIds":["lhins-ar5wyn40"]}"#;
    let input = SigningInput {
        secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        service: "tat",
        host: "tat.intl.tencentcloudapi.com",
        content_type: "application/json",
        payload: body,
        timestamp: 1551113065,
        action: "InvokeCommand",
        signed_headers: SignedHeaders::WithAction,
    };
    time("utc_date", n, || utc_date(black_box(1551113065)));
    time("key clone", n, || key.clone());
    time("sign_with_key", n, || {
        sign_with_key(black_box(&input), &key)
    });
    time("derive", n, || {
        SigningKey::derive("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "tat")
    });
    time("hex 32", n, || hex::encode(black_box([7u8; 32])));
    use sha2::{Digest, Sha256};
    time("sha256 64B", n, || Sha256::digest(black_box([7u8; 64])));
    time("sha256 200B", n, || Sha256::digest(black_box([7u8; 200])));
    time("format scope", n, || {
        format!(
            "{}/{}/tc3_request",
            black_box("2019-02-25"),
            black_box("tat")
        )
    });
}
