//! Leaving out one required parameter (`InstanceIds`) does not compile, and names it.

use tencentcloud_tat::Client;

fn main() {
    let client = Client::builder().build().unwrap();
    let _ = client.invoke_command().command_id("cmd-1").timeout(60).send();
}
