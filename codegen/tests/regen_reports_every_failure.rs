//! `regen` reports every failing service in one run, not just the first.

const GOOD: &str = "Domain name for API request: demo.intl.tencentcloudapi.com.
This API is used to do a thing.
A maximum of 10 requests can be initiated per second for this API.
| Parameter Name | Required | Type | Description |
|---|---|---|---|
| Action | Yes | String | Common Params. The value used for this API: DoThing. |
| Version | Yes | String | Common Params. The value used for this API: 2021-01-01. |
| Region | No | String | Common Params. For more information, please see the list of regions supported by the product. |
| Name | Yes | String | Thing name. Up to 10 characters are allowed. |
| Items.N | No | Array of Item | Items. |
| Parameter Name | Type | Description |
|---|---|---|
| Count | Integer | How many. |
| RequestId | String | The unique request ID. |
POST / HTTP/1.1
Host: demo.intl.tencentcloudapi.com
<Common request parameters>
{
\"Name\": \"x\",
\"Items\": [{\"Key\": \"k\"}]
}
{
\"Response\": {
\"RequestId\": \"r\",
\"Count\": 1
}
}
| Error Code | Description |
|---|---|
| InvalidParameter | Bad. |
";

const TYPES: &str = "Item
An item.
Used by actions: DoThing.
| Name | Type | Required | Description |
|---|---|---|---|
| Key | String | Yes | Key. |
";

/// `regen` reports every failing service in one run, and still knows the good ones.
#[test]
fn every_failing_service_is_reported_at_once() {
    let root = std::env::temp_dir().join(format!("every-failure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |service: &str, page: &str| {
        std::fs::create_dir_all(root.join(service)).unwrap();
        std::fs::write(root.join(service).join("DoThing.txt"), page).unwrap();
        std::fs::write(root.join(service).join("DataTypes.txt"), TYPES).unwrap();
    };
    write("alpha", &GOOD.replace("Array of Item", "Array of Widget"));
    write("beta", GOOD);
    write("gamma", &GOOD.replace("Array of Item", "Array of Gadget"));
    let err = codegen::tree::generate_all(&root, "specs", "../../runtime").map(|_| ()).expect_err("two services fail").to_string();
    std::fs::remove_dir_all(&root).ok();
    assert!(err.contains("specs/alpha/DoThing.txt:10") && err.contains("`Widget`"), "{err}");
    assert!(err.contains("specs/gamma/DoThing.txt:10") && err.contains("`Gadget`"), "{err}");
    assert!(err.ends_with("2 service(s) failed: alpha, gamma"), "{err}");
}
