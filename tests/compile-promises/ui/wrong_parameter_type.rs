//! A parameter of the wrong type (`Timeout` as text) does not compile.

use tencentcloud_tat::Client;

fn main() {
    let client = Client::builder().build().unwrap();
    let _ = client.invoke_command().command_id("cmd-1").instance_ids(["ins-1"]).timeout("sixty").send();
}
