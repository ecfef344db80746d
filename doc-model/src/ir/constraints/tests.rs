//! Table-driven tests: real phrases from the TAT drops → the constraints they must give.

use super::*;
use crate::ir::type_ref::parse_type;
use serde_json::{json, Value};

const SIBLINGS: &[&str] = &[
    "CommandIds",
    "Filters",
    "InstanceIds",
    "DefaultParameters",
    "DefaultParameterConfs",
    "CommandId",
    "Content",
    "Policy",
    "InvocationIds",
    "RegisterCodeIds",
    "SceneIds",
    "InvokerIds",
];

/// Runs extraction and returns the constraints without their sources (checked separately).
fn kinds(name: &str, ty: &str, description: &str) -> Value {
    let ty = parse_type(ty).expect("type");
    let siblings: Vec<String> = SIBLINGS.iter().map(|s| s.to_string()).collect();
    let ctx = FieldContext {
        name,
        ty: &ty,
        siblings: &siblings,
    };
    let ex = extract(&ctx, description);
    for c in &ex.constraints {
        assert!(
            description.contains(&c.source),
            "source `{}` is not a phrase of `{description}`",
            c.source
        );
        assert!(!c.source.is_empty());
    }
    let mut v = serde_json::to_value(&ex.constraints).expect("serialise");
    for c in v.as_array_mut().expect("array") {
        c.as_object_mut().expect("object").remove("source");
    }
    v
}

#[test]
fn constraint_phrases_from_the_drops() {
    let cases: Vec<(&str, &str, &str, Value)> = vec![
        // String length caps
        ("Name", "String", "Executor name. length not exceeding 120 characters.", json!([{"kind":"max_chars","max":120}])),
        ("Username", "String", "Command execution user. length not exceeding 256 characters.", json!([{"kind":"max_chars","max":256}])),
        ("OutputCOSKeyPrefix", "String", "1. It must be a combination of number, letters, and visible characters. Up to 60 characters are allowed. 2. Use a slash (/) to create a subdirectory.", json!([{"kind":"max_chars","max":60}])),
        ("Content", "String", "The Base64-encoded command content, length cannot exceed 64KB. .", json!([{"kind":"base64"},{"kind":"max_bytes","max":65536}])),
        ("Description", "String", "Command description. The maximum length is 120 characters.", json!([{"kind":"max_chars","max":120}])),
        ("Description", "String", "Command description. no more than 120 characters. .", json!([{"kind":"max_chars","max":120}])),
        ("Description", "String", "Describes the registration code. maximum length is 128 characters.", json!([{"kind":"max_chars","max":128}])),
        ("CommandName", "String", "Command name. name only supports chinese, english, digits, underscore, separator \"-\", and decimal point. the maximum length cannot exceed 60 bytes. .", json!([{"kind":"max_bytes","max":60}])),
        ("CommandName", "String", "Command name. The name can be up to 60 bytes, and contain [a-z], [A-Z], [0-9] and [_-.].", json!([{"kind":"max_bytes","max":60},{"kind":"charset","class":"[a-zA-Z0-9_\\-.]"}])),
        ("OutputCOSKeyPrefix", "String", "use a combination of numbers, chinese and english, and visible characters, with a maximum length of 60.", json!([{"kind":"max_chars","max":60}])),
        ("InstanceName", "String", "Instance name. valid length is 1–60 characters.", json!([{"kind":"min_chars","min":1},{"kind":"max_chars","max":60}])),
        ("Output", "String", "Base64-encoded command output. The maximum length is 24 KB.", json!([{"kind":"base64"},{"kind":"max_bytes","max":24576}])),
        // List caps
        ("InstanceIds", "Array of String", "Trigger associated instance ID. list cap 100. You can get the instance ID.", json!([{"kind":"max_items","max":100}])),
        ("InstanceIds", "Array of String", "Instance ID list for the command to be executed, with a cap of 200.", json!([{"kind":"max_items","max":200}])),
        ("CommandIds", "Array of String", "List of command IDs. Up to 100 IDs are allowed for each request.", json!([{"kind":"max_items","max":100}])),
        ("Tags", "Array of Tag", "The tags of the command. It is available when SaveCommand is True. A maximum of 10 tags are allowed.", json!([{"kind":"max_items","max":10}])),
        ("Tags", "Array of Tag", "Tags bound to the command. At most 10 tags are allowed.", json!([{"kind":"max_items","max":10}])),
        ("Tags", "Array of Tag", "Tag associated with the command. list length not exceeding 10.", json!([{"kind":"max_items","max":10}])),
        ("InstanceIds", "Array of String", "Instance ID list. upper limit: 100. Instance ID can be obtained.", json!([{"kind":"max_items","max":100}])),
        ("InstanceIds", "Array of String", "List of instance ids to be modified. list length limit 100.", json!([{"kind":"max_items","max":100}])),
        ("InvokerIds", "Array of String", "Executor ID list. the list has a cap of 100. Call the DescribeInvokers api.", json!([{"kind":"max_items","max":100}])),
        ("SceneIds", "Array of String", "Scene ID array. The maximum per request is 100.", json!([{"kind":"max_items","max":100}])),
        ("RegisterCodeIds", "Array of String", "Registration code ID list. limits the input registration code ID quantity to more than 0 and less than 100.", json!([{"kind":"min_items","min":1},{"kind":"max_items","max":99}])),
        ("DefaultParameterConfs", "Array of DefaultParameterConf", "Custom parameter array. up to 20 custom Parameters are allowed.", json!([{"kind":"max_items","max":20}])),
        // Numeric ranges and defaults
        ("Timeout", "Integer", "Command timeout period. Value range: [1, 86400].", json!([{"kind":"minimum","min":1},{"kind":"maximum","max":86400}])),
        ("Timeout", "Integer", "Command timeout period. Default value: 60 seconds. Value range: [1, 86400].", json!([{"kind":"default","value":60},{"kind":"minimum","min":1},{"kind":"maximum","max":86400}])),
        ("Limit", "Integer", "Number of returned results. It defaults to 20. The maximum is 100.", json!([{"kind":"default","value":20},{"kind":"maximum","max":100}])),
        ("Limit", "Integer", "Number of returned results. Default value: 20. Maximum value: 100.", json!([{"kind":"default","value":20},{"kind":"maximum","max":100}])),
        ("Limit", "Integer", "Number of returned results, defaults to 20, maximum value is 100.", json!([{"kind":"default","value":20},{"kind":"maximum","max":100}])),
        ("Limit", "Integer", "Number of returned results, defaults to 20 with a maximum value of 100. for further introduction about Limit, see relevant sections.", json!([{"kind":"default","value":20},{"kind":"maximum","max":100}])),
        ("Offset", "Integer", "Offset. The default value is 0.", json!([{"kind":"default","value":0}])),
        ("Offset", "Integer", "Offset. default value: 0.", json!([{"kind":"default","value":0}])),
        ("RegisterLimit", "Integer", "Number of instances allowed by the registration code. default value is 10, minimum value is 1, maximum value is 10000.", json!([{"kind":"default","value":10},{"kind":"minimum","min":1},{"kind":"maximum","max":10000}])),
        ("Timeout", "Integer", "Command timeout time. value range: [1, 86400]. unit: seconds. default value: 60.", json!([{"kind":"minimum","min":1},{"kind":"maximum","max":86400},{"kind":"default","value":60}])),
        ("EnableParameter", "Boolean", "Whether to enable the custom parameter feature. This cannot be modified once created. Default value: false.", json!([{"kind":"default","value":false}])),
        ("HideOutput", "Boolean", "Whether to hide the command output result. valid values:. -true: hide output. - false: do not hide. The default value is true.", json!([{"kind":"one_of","values":[{"value":"true","description":"hide output"},{"value":"false","description":"do not hide"}]},{"kind":"default","value":true}])),
        ("Timeout", "Integer", "Command timeout period. Value range: [1, 86400]. The Timeout of the command is used by default.", json!([{"kind":"minimum","min":1},{"kind":"maximum","max":86400},{"kind":"server_default"}])),
        ("WorkingDirectory", "String", "Command execution path. The default value is /root for SHELL commands and C:\\Program Files\\qcloud\\tat_agent\\workdir for POWERSHELL commands.", json!([{"kind":"server_default"}])),
        ("IpAddressRange", "String", "Restrict the registration code. Empty by default, meaning no restrictions.", json!([{"kind":"server_default"}])),
        // Enumerations
        ("CommandType", "String", "Command type. currently supports SHELL, POWERSHELL, BAT. default: SHELL.", json!([{"kind":"one_of","values":[{"value":"SHELL"},{"value":"POWERSHELL"},{"value":"BAT"}]},{"kind":"default","value":"SHELL"}])),
        ("Type", "String", "Executor type. Selectable values (currently only support one):. - SCHEDULE: period type executor.", json!([{"kind":"one_of","values":[{"value":"SCHEDULE","description":"period type executor"}]}])),
        ("Policy", "String", "Execution policy. - ONCE: one-time execution. - RECURRENCE: execute periodically.", json!([{"kind":"one_of","values":[{"value":"ONCE","description":"one-time execution"},{"value":"RECURRENCE","description":"execute periodically"}]}])),
        ("ResourceNames", "Array of String", "Resource name Value is:. - COMMAND: COMMAND. -REGISTER_CODE: managed instance registration code.", json!([{"kind":"one_of","values":[{"value":"COMMAND","description":"COMMAND"},{"value":"REGISTER_CODE","description":"managed instance registration code"}]}])),
        ("AgentStatus", "String", "Agent status. valid values:. Online: Online, Offline: Offline.", json!([{"kind":"one_of","values":[{"value":"Online","description":"Online"},{"value":"Offline","description":"Offline"}]}])),
        ("InstanceKind", "String", "Type of the instance executing the command. Valid values: CVM, LIGHTHOUSE.", json!([{"kind":"one_of","values":[{"value":"CVM"},{"value":"LIGHTHOUSE"}]}])),
        ("SystemName", "String", "System name. valid values: Linux / Windows.", json!([{"kind":"one_of","values":[{"value":"Linux"},{"value":"Windows"}]}])),
        ("CreatedBy", "String", "Command creator. enumeration value: TAT: public command USER: personal creation command .", json!([{"kind":"one_of","values":[{"value":"TAT","description":"public command"},{"value":"USER","description":"personal creation command"}]}])),
        ("CommandType", "String", "Command type. value is one of SHELL, POWERSHELL, BAT. .", json!([{"kind":"one_of","values":[{"value":"SHELL"},{"value":"POWERSHELL"},{"value":"BAT"}]}])),
        // Every value kept verbatim, whatever its case or first character.
        ("Mode", "String", "Mode. Valid values: fast, FAST, Fast, 1st, 2nd, 3-way, _x, Unknown, self.", json!([{"kind":"one_of","values":[{"value":"fast"},{"value":"FAST"},{"value":"Fast"},{"value":"1st"},{"value":"2nd"},{"value":"3-way"},{"value":"_x"},{"value":"Unknown"},{"value":"self"}]}])),
        ("Protocol", "String", "Protocol. Valid values: TLSv1.2, TLSv1.3, TLSv1.2.", json!([{"kind":"one_of","values":[{"value":"TLSv1.2"},{"value":"TLSv1.3"}]}])),
        ("Status", "String", "Status. Valid values: running, isolated, offline.Note: This field may return null.", json!([{"kind":"one_of","values":[{"value":"running"},{"value":"isolated"},{"value":"offline"}]}])),
        ("Interval", "String", "Granularity. Valid values: min: 1 minute; 5min: 5 minutes; hour: 1 hour. If not input, inferred.", json!([{"kind":"one_of","values":[{"value":"min","description":"1 minute"},{"value":"5min","description":"5 minutes"},{"value":"hour","description":"1 hour"}]}])),
        ("CheckAssetType", "Array of String", "Asset types. Element value is HOST or CLUSTER.", json!([{"kind":"one_of","values":[{"value":"HOST"},{"value":"CLUSTER"}]}])),
        ("Type", "String", "Namespace type Enumeration values: Default: default namespace Custom: custom namespace", json!([{"kind":"one_of","values":[{"value":"Default","description":"default namespace"},{"value":"Custom","description":"custom namespace"}]}])),
        ("SortBy", "String", "Sort field. Valid values: DataLength, TotalLength (MySQL only). The default is TotalLength.", json!([{"kind":"one_of","values":[{"value":"DataLength"},{"value":"TotalLength","description":"MySQL only"}]},{"kind":"default","value":"TotalLength"}])),
        ("RWPermission", "String", "Read/write permission. Valid values: RO (read-only), RW (read & write). Default value: RO", json!([{"kind":"one_of","values":[{"value":"RO","description":"read-only"},{"value":"RW","description":"read & write"}]},{"kind":"default","value":"RO"}])),
        ("Order", "String", "Order. Valid values: ASC: ascending; DESC: descending. Default value: ASC.", json!([{"kind":"one_of","values":[{"value":"ASC","description":"ascending"},{"value":"DESC","description":"descending"}]},{"kind":"default","value":"ASC"}])),
        ("EndpointGroupType", "String", "Node group type. Enumeration values: VIRTUAL: custom node group DEFAULT: default node group", json!([{"kind":"one_of","values":[{"value":"VIRTUAL","description":"custom node group"},{"value":"DEFAULT","description":"default node group"}]}])),
        ("Type", "String", "Auditing type, with values including: IMAGE (Content Security) and IMAGE_AIGC (AI content). The default value is IMAGE.", json!([{"kind":"one_of","values":[{"value":"IMAGE","description":"Content Security"},{"value":"IMAGE_AIGC","description":"AI content"}]},{"kind":"default","value":"IMAGE"}])),
        // Statements and ranges are not enumerations.
        ("VpcId", "String", "Network of the target. For a basic network, the value is 0.", json!([])),
        ("Clone", "String", "It is required when the Clone value is 5 or 6.", json!([])),
        ("Timeout", "String", "Timeout. valid values: 5-120. unit: seconds.", json!([])),
        ("IdCardType", "String", "Document type. Valid values: 1. HK (default): Hong Kong Identity Card. 2. ML: Malaysia.", json!([])),
        ("SaveCommand", "Boolean", "Whether to save the command. value range:. true: save . false: not saved. . The default value is false.", json!([{"kind":"one_of","values":[{"value":"true","description":"save"},{"value":"false","description":"not saved"}]},{"kind":"default","value":false}])),
        // Prefix
        ("OutputCOSBucketUrl", "String", "The COS bucket URL for uploading logs. The URL must start with https, such as https://BucketName-123454321.cos.ap-beijing.myqcloud.com.", json!([{"kind":"prefix","prefix":"https"}])),
        // Base64 content
        ("Content", "String", "Base64-encoded command. The maximum length is 64 KB.", json!([{"kind":"base64"},{"kind":"max_bytes","max":65536}])),
        ("Output", "String", "Base64编码后的命令输出。最大长度24KB。", json!([{"kind":"base64"}])),
        ("Name", "String", "Whether the content is Base64 is up to the caller.", json!([])),
        // JSON-encoded strings
        ("Parameters", "String", "Custom parameter of Command. field type is json encoded string. for example: {\"varA\": \"222\"}. The key is the custom parameter name, and the value is the default. both kv are string-type. Custom parameters can be up to 20. The custom parameter name must meet the following standard: the number of characters has a cap of 64, and the optional range is [a-zA-Z0-9-_].",
            json!([{"kind":"json_encoded"},{"kind":"json_string_values"},{"kind":"json_max_keys","max":20},{"kind":"json_key_max_chars","max":64},{"kind":"json_key_charset","class":"[a-zA-Z0-9\\-_]"}])),
        ("DefaultParameters", "String", "the field type is a json-encoded string, for example: {\"varA\": \"222\"}. both key and value are string-type. there is an upper limit of 20 custom parameters. custom parameter names must meet the following requirements: the upper limit of character quantity is 64, and the optional range is [a-zA-Z0-9-_]. .",
            json!([{"kind":"json_encoded"},{"kind":"json_string_values"},{"kind":"json_max_keys","max":20},{"kind":"json_key_max_chars","max":64},{"kind":"json_key_charset","class":"[a-zA-Z0-9\\-_]"}])),
        ("Parameters", "String", "The preview uses custom parameters. field type is json encoded string, for example: {\"varA\": \"222\"}. Custom parameters are limited to 20.", json!([{"kind":"json_encoded"},{"kind":"json_max_keys","max":20}])),
        // Relations between parameters
        ("CommandIds", "Array of String", "List of command IDs. CommandIds and Filters cannot be specified at the same time.", json!([{"kind":"mutually_exclusive","fields":["CommandIds","Filters"]}])),
        ("DefaultParameterConfs", "Array of DefaultParameterConf", "Parameters must not be specified simultaneously DefaultParameters and DefaultParameterConfs.", json!([{"kind":"mutually_exclusive","fields":["DefaultParameters","DefaultParameterConfs"]}])),
        ("SceneIds", "Array of String", "Scene ID array. Parameters must not specify both SceneIds and Filters simultaneously.", json!([{"kind":"mutually_exclusive","fields":["SceneIds","Filters"]}])),
        ("DefaultParameterConfs", "Array of DefaultParameterConf", "parameters do not support specifying both DefaultParameters and DefaultParameterConfs .", json!([{"kind":"mutually_exclusive","fields":["DefaultParameters","DefaultParameterConfs"]}])),
        ("CommandId", "String", "Perform the replace preview command. CommandId and Content, you must provide one and can only provide one.", json!([{"kind":"exactly_one_of","fields":["CommandId","Content"]}])),
        ("Content", "String", "Base64-encoded command to be previewed. CommandId or Content must be specified.", json!([{"kind":"base64"},{"kind":"at_least_one_of","fields":["CommandId","Content"]}])),
        ("Recurrence", "String", "Trigger the crontab expression. This field is required if Policy is RECURRENCE. The crontab expression is parsed in UTC+8.", json!([{"kind":"required_if","field":"Policy","equals":"RECURRENCE"}])),
        ("InvokeTime", "Timestamp ISO8601", "Next execution time of the executor. this field requires specifying when Policy is ONCE.", json!([{"kind":"required_if","field":"Policy","equals":"ONCE"}])),
        // Phrases that name a parameter the action does not have give nothing.
        ("RegisterCodeIds", "Array of String", "Parameters must not be specified simultaneously RegisterCodeIds and Nonexistent.", json!([])),
        // Filters
        ("Filters", "Array of Filter", "- agent-status - String - required: no - (filter condition) filters by agent status. valid values: Online, Offline. - environment - String - required: no - (filter condition) query by agent runtime environment. valid values: Linux, Windows. The maximum number of Filters per request is 10, and that of Filter.Values is 5.",
            json!([{"kind":"filter","name":"agent-status","values":["Online","Offline"]},{"kind":"filter","name":"environment","values":["Linux","Windows"]},{"kind":"max_items","max":10},{"kind":"max_items","max":5,"path":"Values"}])),
        ("Filters", "Array of Filter", "Filter list. the maximum number of Filters is 10 per request, and the maximum number of Filter.Values is 5. - sys-name Filter by [operating system type]. valid values: Linux / Windows. Type: String. Required: No - tag:tag-key Filter by [tag key-value pair]. Type: String. Required: No",
            json!([{"kind":"max_items","max":10},{"kind":"max_items","max":5,"path":"Values"},{"kind":"filter","name":"sys-name","values":["Linux","Windows"]},{"kind":"filter","name":"tag:tag-key"}])),
        // Nothing to find
        ("InvokerId", "String", "Invoker ID.", json!([])),
        ("InstanceIds", "Array of String", "currently supports instance types: CVM, Lighthouse, and TAT managed instances.", json!([])),
    ];
    assert!(cases.len() >= 40, "at least 40 real phrases");
    for (name, ty, description, expected) in cases {
        assert_eq!(
            kinds(name, ty, description),
            expected,
            "{name} ({ty}): {description}"
        );
    }
}

#[test]
fn defaults_are_typed_like_the_field() {
    let ty = parse_type("Integer").unwrap();
    let ctx = FieldContext {
        name: "Limit",
        ty: &ty,
        siblings: &[],
    };
    assert_eq!(extract(&ctx, "It defaults to 20.").default, Some(json!(20)));
    let ty = parse_type("Boolean").unwrap();
    let ctx = FieldContext {
        name: "HideOutput",
        ty: &ty,
        siblings: &[],
    };
    assert_eq!(
        extract(&ctx, "The default value is true.").default,
        Some(json!(true))
    );
    // A default of the wrong type is not taken as a literal.
    assert_eq!(extract(&ctx, "The default value is 5.").default, None);
}

#[test]
fn character_classes_are_regex_safe() {
    use super::text_rules::character_class;
    assert_eq!(character_class("a-zA-Z0-9-_"), "[a-zA-Z0-9\\-_]");
    assert_eq!(character_class("_-."), "[_\\-.]");
    assert_eq!(character_class("]^\\"), "[\\]\\^\\\\]");
}

#[test]
fn sentences_split_on_periods_but_not_list_numbers() {
    let text = "Rules. 1. It must be short. 2. Use a slash (/); no spaces";
    let got: Vec<&str> = sentence_ranges(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        got,
        vec![
            "Rules.",
            "1. It must be short.",
            "2. Use a slash (/)",
            "no spaces"
        ]
    );
}
