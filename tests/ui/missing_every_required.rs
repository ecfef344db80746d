use tencentcloud_tat::Client;

fn main() {
    let client = Client::builder().build().unwrap();
    let _ = client.create_invoker().send();
}
