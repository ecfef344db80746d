//! Sending with no required parameter set does not compile, and says which is missing.

use tencentcloud_tat::Client;

fn main() {
    let client = Client::builder().build().unwrap();
    let _ = client.create_invoker().send();
}
