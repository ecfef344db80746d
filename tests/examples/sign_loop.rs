//! Profiling aid: signs the InvokeCommand request in a loop (`valgrind --tool=callgrind`).
use tencentcloud_runtime::Operation;
use tencentcloud_tat::operation::invoke_command::InvokeCommandRequest;
use tencentcloud_tat::{Client, Credentials};

fn main() {
    let creds = Credentials::new(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    );
    let client = Client::builder()
        .credentials(creds.clone())
        .region("ap-guangzhou")
        .build()
        .expect("client");
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let started = std::time::Instant::now();
    let mut total = 0;
    for i in 0..n {
        let request = client
            .invoke_command()
            .command_id("cmd-ffxdx79i")
            .instance_ids(["lhins-ar5wyn40"])
            .into_request();
        let body = serde_json::to_vec(&request).expect("serialise");
        let signed = client.runtime().sign_request(
            &InvokeCommandRequest::SPEC,
            body,
            &creds,
            1551113065 + (i as i64 / 1024 % 7),
        );
        total += signed.headers.len();
    }
    println!(
        "{:.2} us/call ({total})",
        started.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
