use tencentcloud_tat::Client;

fn main() {
    let client = Client::builder()
        .credentials(tencentcloud_tat::Credentials::new("AKIDEXAMPLE", "key"))
        .build()
        .unwrap();
    // Order does not matter; optional parameters can come anywhere.
    let _send = client
        .invoke_command()
        .timeout(60)
        .instance_ids(["ins-1"])
        .command_id("cmd-1")
        .send();
    let _ = client.describe_regions().send();
}
