//! Table-driven tests: real phrases from the TAT drops → the constraints they must give.

use super::*;
use crate::ir::type_ref::parse_type;
use crate::page::inline_markup::normalize_inline;
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
        ("Output", "String", "Base64编码后的命令输出。最大长度24KB。", json!([{"kind":"base64"},{"kind":"max_bytes","max":24576}])),
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
        ("Filters", "Array of Filter", "Filter criteria - created-by - String - required: no - (filter criteria) filter by scene creator, currently only support TAT, representing public scenarios. - kind - String - required: no - (filter criteria) valid values: running, stopped.",
            json!([{"kind":"filter","name":"created-by","values":["TAT"]},{"kind":"filter","name":"kind","values":["running","stopped"]}])),
        // Thousands separators belong to the number.
        ("Limit", "Integer", "Number of results. Maximum value: 3,000.", json!([{"kind":"maximum","max":3000}])),
        ("Ids", "Array of String", "IDs, up to 1,000,000 of them, or 5, 6.", json!([{"kind":"max_items","max":1000000}])),
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

/// The same kinds from Chinese descriptions, each phrase in the form the pages use.
#[test]
fn chinese_constraint_phrases() {
    // `<li>` items as the page readers leave them.
    let items =
        normalize_inline("执行策略，取值：<li>ONCE：单次执行</li><li>RECURRENCE：周期执行</li>");
    let cases: Vec<(&str, &str, &str, Value)> = vec![
        // Caps and ranges
        ("InstanceIds", "Array of String", "待执行命令的实例ID列表，上限200。", json!([{"kind":"max_items","max":200}])),
        ("InvokerIds", "Array of String", "执行器ID列表。列表上限 100。", json!([{"kind":"max_items","max":100}])),
        ("DefaultParameterConfs", "Array of DefaultParameterConf", "自定义参数数组。自定义参数最多20个。", json!([{"kind":"max_items","max":20}])),
        ("CommandIds", "Array of String", "命令ID列表，每次请求的上限为100。", json!([{"kind":"max_items","max":100}])),
        ("Tags", "Array of Tag", "为命令关联的标签，列表长度不超过10。", json!([{"kind":"max_items","max":10}])),
        ("Timeout", "Integer", "命令超时时间，默认60秒。取值范围[1, 86400]。", json!([{"kind":"default","value":60},{"kind":"minimum","min":1},{"kind":"maximum","max":86400}])),
        ("Timeout", "Integer", "命令超时时间。 取值范围：[1, 86400] 单位：秒 默认值：60 指定 OutputCOSBucketUrl 参数时", json!([{"kind":"minimum","min":1},{"kind":"maximum","max":86400},{"kind":"default","value":60}])),
        ("Weight", "Integer", "权重，取值范围：1～100。", json!([{"kind":"minimum","min":1},{"kind":"maximum","max":100}])),
        ("Weight", "Integer", "权重，取值范围：［0，100］（全角）。", json!([{"kind":"minimum","min":0},{"kind":"maximum","max":100}])),
        ("Limit", "Integer", "返回数量，默认为20，最大值为100。", json!([{"kind":"default","value":20},{"kind":"maximum","max":100}])),
        ("RegisterLimit", "Integer", "该注册码允许注册的实例数目。默认值为 10，最小值为 1，最大值为 10000。", json!([{"kind":"default","value":10},{"kind":"minimum","min":1},{"kind":"maximum","max":10000}])),
        ("Name", "String", "执行器名称。长度不超过 120 字符。", json!([{"kind":"max_chars","max":120}])),
        ("Name", "String", "名称，长度不超过60个字符。", json!([{"kind":"max_chars","max":60}])),
        ("Description", "String", "命令描述。不超过120字符。", json!([{"kind":"max_chars","max":120}])),
        ("Description", "String", "注册码描述。最大长度为 128 字符。", json!([{"kind":"max_chars","max":128}])),
        ("OutputCOSKeyPrefix", "String", "可用数字、中英文和可见字符的组合，长度最多为60。", json!([{"kind":"max_chars","max":60}])),
        ("Key", "String", "键名，字符数目上限64。", json!([{"kind":"max_chars","max":64}])),
        ("CommandName", "String", "名称仅支持中文、英文、数字、下划线、分隔符\"-\"、小数点，最大长度不能超60个字节。", json!([{"kind":"max_bytes","max":60}])),
        ("Content", "String", "命令内容，最大64KB。", json!([{"kind":"max_bytes","max":65536}])),
        ("InstanceName", "String", "实例名称。有效长度为 1～60 字符。", json!([{"kind":"min_chars","min":1},{"kind":"max_chars","max":60}])),
        ("RegisterCodeIds", "Array of String", "注册码ID列表。限制输入的注册码ID数量大于0小于100。", json!([{"kind":"min_items","min":1},{"kind":"max_items","max":99}])),
        // Defaults
        ("Offset", "Integer", "偏移量，默认为0。", json!([{"kind":"default","value":0}])),
        ("CommandType", "String", "命令类型，目前支持取值：SHELL、POWERSHELL、BAT。默认：SHELL。", json!([{"kind":"one_of","values":[{"value":"SHELL"},{"value":"POWERSHELL"},{"value":"BAT"}]},{"kind":"default","value":"SHELL"}])),
        ("DryRun", "Boolean", "是否预检，缺省值：false", json!([{"kind":"default","value":false}])),
        ("Order", "String", "排序方向，默认 desc。", json!([{"kind":"default","value":"desc"}])),
        ("WorkingDirectory", "String", "命令执行路径，对于 SHELL 命令默认为 /root，对于 POWERSHELL 命令默认为 C:\\workdir。", json!([{"kind":"server_default"}])),
        ("Username", "String", "若不填，默认以 Command 配置的 Username 执行。", json!([{"kind":"server_default"}])),
        ("IpAddressRange", "String", "默认为空，即无任何限制。", json!([{"kind":"server_default"}])),
        // Enumerations
        ("Policy", "String", &items, json!([{"kind":"one_of","values":[{"value":"ONCE","description":"单次执行"},{"value":"RECURRENCE","description":"周期执行"}]}])),
        ("Policy", "String", "执行策略： - ONCE：单次执行 - RECURRENCE：周期执行", json!([{"kind":"one_of","values":[{"value":"ONCE","description":"单次执行"},{"value":"RECURRENCE","description":"周期执行"}]}])),
        ("Type", "String", "执行器类型。 可选取值（当前仅支持一种）： - `SCHEDULE`：周期类型执行器。", json!([{"kind":"one_of","values":[{"value":"SCHEDULE","description":"周期类型执行器"}]}])),
        ("AgentStatus", "String", "Agent状态，取值范围： Online：在线，Offline：离线", json!([{"kind":"one_of","values":[{"value":"Online","description":"在线"},{"value":"Offline","description":"离线"}]}])),
        ("Environment", "String", "Agent运行环境，取值范围：Linux：Linux实例Windows：Windows实例", json!([{"kind":"one_of","values":[{"value":"Linux","description":"Linux实例"},{"value":"Windows","description":"Windows实例"}]}])),
        ("CreatedBy", "String", "命令创建者。 枚举值： TAT： 公共命令 USER： 个人创建的命令", json!([{"kind":"one_of","values":[{"value":"TAT","description":"公共命令"},{"value":"USER","description":"个人创建的命令"}]}])),
        ("CommandType", "String", "命令类型。取值为 SHELL、POWERSHELL、BAT 之一。", json!([{"kind":"one_of","values":[{"value":"SHELL"},{"value":"POWERSHELL"},{"value":"BAT"}]}])),
        ("InstanceKind", "String", "执行命令的实例类型，取值范围：CVM（云服务器）、LIGHTHOUSE（轻量应用服务器）。", json!([{"kind":"one_of","values":[{"value":"CVM","description":"云服务器"},{"value":"LIGHTHOUSE","description":"轻量应用服务器"}]}])),
        ("SystemName", "String", "系统名。取值：Linux | Windows。", json!([{"kind":"one_of","values":[{"value":"Linux"},{"value":"Windows"}]}])),
        ("Type", "String", "执行器类型。目前仅支持 SCHEDULE 一种。", json!([{"kind":"one_of","values":[{"value":"SCHEDULE"}]}])),
        ("CreatedBy", "String", "取值为 TAT 或 USER，TAT 代表公共命令。", json!([{"kind":"one_of","values":[{"value":"TAT"},{"value":"USER"}]}])),
        ("SaveCommand", "Boolean", "是否保存命令，取值范围： true：保存 false：不保存 默认为 false。", json!([{"kind":"one_of","values":[{"value":"true","description":"保存"},{"value":"false","description":"不保存"}]},{"kind":"default","value":false}])),
        // Prefix, characters, JSON strings
        ("OutputCOSBucketUrl", "String", "指定日志上传的cos bucket 地址，必须以https开头，如 https://BucketName-123454321.cos.ap-beijing.myqcloud.com。", json!([{"kind":"prefix","prefix":"https"}])),
        ("Name", "String", "名称，可选范围【a-zA-Z0-9-_】。", json!([{"kind":"charset","class":"[a-zA-Z0-9\\-_]"}])),
        ("Parameters", "String", "Command 的自定义参数。字段类型为json encoded string。如：{\"varA\": \"222\"}。 key为自定义参数名称，value为该参数的默认取值。kv均为字符串型。 自定义参数最多20个。 自定义参数名称需符合以下规范：字符数目上限64，可选范围【a-zA-Z0-9-_】。",
            json!([{"kind":"json_encoded"},{"kind":"json_string_values"},{"kind":"json_max_keys","max":20},{"kind":"json_key_max_chars","max":64},{"kind":"json_key_charset","class":"[a-zA-Z0-9\\-_]"}])),
        ("Parameters", "String", "命令自定义参数。字段类型为 JSON encode string。", json!([{"kind":"json_encoded"}])),
        // Relations between parameters
        ("CommandIds", "Array of String", "命令ID列表。CommandIds和Filters不能同时指定。", json!([{"kind":"mutually_exclusive","fields":["CommandIds","Filters"]}])),
        ("CommandIds", "Array of String", "命令ID列表。参数不支持同时指定 `CommandIds ` 和 `Filters` 。", json!([{"kind":"mutually_exclusive","fields":["CommandIds","Filters"]}])),
        ("CommandId", "String", "CommandId 与 Content，必须且只能提供一个。", json!([{"kind":"exactly_one_of","fields":["CommandId","Content"]}])),
        ("Recurrence", "String", "触发 Crontab 表达式。当Policy为RECURRENCE时必填。", json!([{"kind":"required_if","field":"Policy","equals":"RECURRENCE"}])),
        ("InvokeTime", "Timestamp ISO8601", "执行器下次执行时间。Policy 为 ONCE 时，需要指定此字段。", json!([{"kind":"required_if","field":"Policy","equals":"ONCE"}])),
        ("RegisterCodeIds", "Array of String", "参数不支持同时指定 RegisterCodeIds 和 Nonexistent。", json!([])),
        // Filters
        ("Filters", "Array of Filter", "- agent-status - String - 是否必填：否 -（过滤条件）按照agent状态过滤，取值：Online 在线，Offline 离线。 - environment - String - 是否必填：否 -（过滤条件）按照agent运行环境查询，取值：Linux, Windows。 每次请求的 `Filters` 的上限为10， `Filter.Values` 的上限为5。",
            json!([{"kind":"filter","name":"agent-status","values":["Online","Offline"]},{"kind":"filter","name":"environment","values":["Linux","Windows"]},{"kind":"max_items","max":10},{"kind":"max_items","max":5,"path":"Values"}])),
        ("Filters", "Array of Filter", "过滤器列表。每次请求的 Filters 的上限为 10，Filter.Values 的上限为 5。 - sys-name 按照【操作系统类型】进行过滤，取值：Linux | Windows。 类型：String 必选：否 - tag-key 按照【标签键】进行过滤。 类型：String 必选：否",
            json!([{"kind":"max_items","max":10},{"kind":"max_items","max":5,"path":"Values"},{"kind":"filter","name":"sys-name","values":["Linux","Windows"]},{"kind":"filter","name":"tag-key"}])),
        // Not limits: statements, sizes of other things, nouns, cut-short lists.
        ("InstanceIds", "Array of String", "目前支持实例类型：CVM、Lighthouse、TAT 托管实例。", json!([])),
        ("ImageUrl", "String", "图片大小不超过10M。图片下载时间不超过 3 秒。", json!([])),
        ("Duration", "String", "持续时长，取值范围 60 ~ 86400，单位仅支持秒。", json!([])),
        ("DefaultParameterConfs", "Array of DefaultParameterConf", "如果 Parameters 未提供，将使用这里的默认值进行替换。", json!([])),
        ("EffectiveTime", "Integer", "若传入值小于等于 99999，则以小时为单位设置有效时间。", json!([])),
        ("DBVersion", "String", "目前支持：2008R2（SQL Server 2008），2012SP3（SQL Server 2012）版本等。", json!([])),
        ("Kind", "String", "取值：字符串。", json!([])),
        ("Clone", "String", "当 Clone 取值为 5 或 6 时生效。", json!([])),
    ];
    for (name, ty, description, expected) in cases {
        assert_eq!(
            kinds(name, ty, description),
            expected,
            "{name} ({ty}): {description}"
        );
    }
}

#[test]
fn chinese_null_notes_and_full_stops() {
    let text = "命令描述。注意：此字段可能返回 null，表示取不到有效值。不超过120字符；默认为空";
    assert!(says_nullable(text));
    assert!(!says_nullable("命令描述。"));
    let got: Vec<&str> = sentence_ranges(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        got,
        vec![
            "命令描述。",
            "注意：此字段可能返回 null，表示取不到有效值。",
            "不超过120字符",
            "默认为空"
        ]
    );
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

#[test]
fn an_encoding_is_read_only_on_a_string() {
    // A JSON document's values and Base64 content are inside it, not the member's value.
    let waf = "CC的匹配条件JSON序列化的字符串，示例：[{\"key\":\"Method\"}] Key可选值为 URL、Method。args需要进行Base64编码。";
    assert_eq!(
        kinds("OptionsArr", "String", waf),
        json!([{"kind":"json_encoded"}])
    );
    assert!(contradictions(
        "Settings",
        "Array of Settings",
        "Base64-encoded images, in structures."
    )
    .is_empty());
    let json = "The settings, as a JSON-encoded string.";
    assert!(extract_of("Settings", "Array of Settings", json)
        .constraints
        .is_empty());
    assert_eq!(
        contradictions("Settings", "Array of Settings", json),
        ["`Settings` has type `Settings`, but its description calls it `JSON-encoded string`; read as the structure (an encoding applies only to a String)"]
    );
    assert!(contradictions("Size", "Integer", "Base64-encoded size.").is_empty());
}

fn extract_of(name: &str, ty: &str, description: &str) -> Extraction {
    let ty = parse_type(ty).expect("type");
    let ctx = FieldContext {
        name,
        ty: &ty,
        siblings: &[],
    };
    extract(&ctx, description)
}

fn contradictions(name: &str, ty: &str, description: &str) -> Vec<String> {
    extract_of(name, ty, description).contradictions
}

#[test]
fn a_length_on_a_list_bounds_each_item() {
    let strings = "Array of String";
    for (description, expected) in [
        ("一个或多个取值 入参限制：每个元素长度 1-256 适用分支：腾讯云分支", json!([{"kind":"min_chars","min":1},{"kind":"max_chars","max":256}])),
        ("One or more values Input parameter limit: each element length 1-256 Applicable branch: Tencent Cloud", json!([{"kind":"min_chars","min":1},{"kind":"max_chars","max":256}])),
        ("键名列表。数组长度上限为 20。每个键名不能为空，长度为 1-512 个字符，支持合法 UTF-8 字符。", json!([{"kind":"max_items","max":20},{"kind":"min_chars","min":1},{"kind":"max_chars","max":512}])),
        ("Key names. Up to 20 keys. Each key name cannot be empty, with a length of 1-512 characters.", json!([{"kind":"max_items","max":20},{"kind":"min_chars","min":1},{"kind":"max_chars","max":512}])),
        // Still the list's size: a count per request, or of the elements.
        ("实例ID列表，每次请求最多 100 个。", json!([{"kind":"max_items","max":100}])),
        ("元素个数上限为 50。", json!([{"kind":"max_items","max":50}])),
        // Something counted inside each item is no limit of this list.
        ("标签值列表。每个标签最多 10 个。", json!([])),
    ] {
        assert_eq!(kinds("Values", strings, description), expected, "{description}");
    }
    assert_eq!(
        kinds(
            "Ports",
            "Array of Integer",
            "端口列表，每个元素取值范围：1-65535。"
        ),
        json!([{"kind":"minimum","min":1},{"kind":"maximum","max":65535}])
    );
}

#[test]
fn chinese_lists_of_values_and_their_meanings() {
    let one_of = |values: &[&str]| json!([{"kind":"one_of","values": values.iter().map(|v| json!({"value": v})).collect::<Vec<_>>()}]);
    let values_only = |v: Value| -> Value {
        let mut v = v;
        for c in v.as_array_mut().expect("array") {
            if let Some(values) = c.get_mut("values").and_then(Value::as_array_mut) {
                for value in values {
                    value.as_object_mut().expect("object").remove("description");
                }
            }
        }
        v
    };
    for (description, expected) in [
        ("服务产品类型，支持值包括： \"dcdb\" - 云数据库 Tdsql， \"mariadb\" - 云数据库 MariaDB。", one_of(&["dcdb", "mariadb"])),
        ("报告的健康等级，支持的取值包括：\"HEALTH\" - 健康；\"SUB_HEALTH\" - 亚健康；\"RISK\" - 危险。", one_of(&["HEALTH", "SUB_HEALTH", "RISK"])),
        ("事件类型，slow-慢SQL事件，blocked-阻塞事件，deadlock-死锁事件", one_of(&["slow", "blocked", "deadlock"])),
        ("备份模式，master_pkg-主节点上打包备份文件；master_no_pkg-主节点单库备份文件。", one_of(&["master_pkg", "master_no_pkg"])),
        ("实例安全审计日志开启状态：ON： 安全审计开启；OFF： 未开启安全审计。", one_of(&["ON", "OFF"])),
        ("事件类型,有以下值: RoomStart:房间开始 RoomEnd:房间结束", one_of(&["RoomStart", "RoomEnd"])),
        ("消息删除策略，可以选择delete 或者compact", one_of(&["delete", "compact"])),
        // A range, a format and a lone item are no lists.
        ("端口，1-65535之间。格式：YYYY-MM-DD。", json!([])),
        ("实例类型，CVM-云服务器。", json!([])),
    ] {
        assert_eq!(values_only(kinds("Mode", "String", description)), expected, "{description}");
    }
}

#[test]
fn meanings_that_start_in_latin_and_values_of_one_word() {
    let values = |d: &str| -> Vec<String> {
        kinds("Mode", "String", d)
            .as_array()
            .expect("array")
            .iter()
            .flat_map(|c| c["values"].as_array().cloned().unwrap_or_default())
            .map(|v| v["value"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        values("漏洞类型。 WEB：Web应用漏洞 SYSTEM：系统组件漏洞 BASELINE：安全基线"),
        ["WEB", "SYSTEM", "BASELINE"]
    );
    assert_eq!(
        values("应用模式 standard:标准模式, agent: agent模式，single_workflow：单工作流模式"),
        ["standard", "agent", "single_workflow"]
    );
    assert_eq!(
        values("命中的模板类型，其中Common-公共库；Auto-自动聚类库；Owner-自建模板库"),
        ["Common", "Auto", "Owner"]
    );
    // Values of several words are not read as their last word.
    assert!(values(
        "线程的操作状态：Sending data-线程正在处理查询结果， Sorting result-线程正在排序"
    )
    .is_empty());
}

#[test]
fn lists_of_meanings_leave_defaults_notes_and_prose_alone() {
    assert_eq!(
        kinds("Statistic", "String", "统计类型，可选字段如下： AVERAGE：平均值 MAXIMUM：最大值 MINIMUM：最小值 默认取值：AVERAGE"),
        json!([{"kind":"one_of","values":[{"value":"AVERAGE","description":"平均值"},{"value":"MAXIMUM","description":"最大值"},{"value":"MINIMUM","description":"最小值"}]},{"kind":"default","value":"AVERAGE"}])
    );
    assert_eq!(
        kinds("Product", "String", "服务产品类型，支持值包括：\"mysql\" - 云数据库 MySQL，\"mariadb\"-数据库mariadb 默认为\"mysql\"。"),
        json!([{"kind":"one_of","values":[{"value":"mysql","description":"云数据库 MySQL"},{"value":"mariadb","description":"数据库mariadb"}]},{"kind":"default","value":"mysql"}])
    );
    assert_eq!(
        kinds("Prompt", "String", "文本提示词。 注1：字符长度不能超过 2000 个字符 注2：若使用推荐提示词参数，模型将不考虑此参数"),
        json!([{"kind":"max_chars","max":2000}])
    );
    assert_eq!(
        kinds("StorageName", "String", "存储名称(cos：存储名称为用户自定义的存储桶名称，不包含APPID，仅支持小写字母、数字以及中划线的组合； cls：存储名称为日志主题id； ckafka： ckafka实例ID)"),
        json!([])
    );
    assert_eq!(
        kinds("FixItems", "Array of String", "修复项列表，每项指定一个漏洞及其需要修复的主机 入参限制：最多100项，总实例数不超过5000"),
        json!([{"kind":"max_items","max":100}])
    );
}
