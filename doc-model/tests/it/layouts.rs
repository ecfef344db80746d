//! Every layout Tencent has published reads into the same facts: the international 2019–2021
//! Markdown, the Chinese site's newer and older layouts, and the Japanese pages (some inside
//! Chinese service folders), as Markdown and as text. Each page below is written the way that
//! layout writes it (invisible characters, links in type cells, `Name.N`, error codes before
//! examples, full-width punctuation).

use doc_model::drops::read_page;
use doc_model::ir::{build_service, Action, Service, TypeRef};

/// The 2019–2021 international Markdown layout.
const EN_2019: &str = "## 1. API Description\n\nDomain name for API request: demo.tencentcloudapi.com.\n\nThis API is used to bind tags.\n\nDefault request rate limit: 20/sec.\n\n## 2. Input Parameters\n\nThe following request parameter list only provides API request parameters.\n\n| Parameter name | Required | Type | Description |\n|---------|---------|---------|---------|\n| Action | Yes | String | Common parameter. Value\u{200B}used in this API: BindTags |\n| Version | Yes | String | Common parameter; the version of this API: 2019-01-16 |\n| Region | No | String | Common parameter. This parameter is not required for this API. |\n| ResourceIds.N | Yes | String | IDs of the resources. |\n| Tags.N | No | Array of [TagPair](/document/api/608/37023#TagPair) | Tags to bind. |\n\n## 3. Output Parameters\n\n| Parameter name | Type | Description |\n|---------|---------|---------|\n| Bound | Integer | How many were bound. |\n| RequestId | String | The unique request ID. |\n\n## 4. Error Codes\n\n| Error Code | Description |\n|---------|---------|\n| ResourceNotFound | The resource does not exist. |\n\n## 5. Example\n\n## Example 1 Binding tags\n\n### Scenario description\n\nBinds one tag to two resources.\n\n### Request parameters\n\n```\nhttps://demo.tencentcloudapi.com/?Action=BindTags\n&ResourceIds.0=res-1\n&ResourceIds.1=res-2\n&Tags.0.TagKey=env\n&Tags.0.TagValue=prod\n&<Common request parameters>\n```\n\n### Response parameters\n\n```\n{\n  \"Response\": {\n    \"Bound\": 2,\n    \"RequestId\": \"r-1\"\n  }\n}\n```\n";

const EN_2019_TYPES: &str = "## TagPair\n\n> A tag: its key and value.\n\nReferenced by: BindTags.\n\n| Name | Type | Required | Description |\n|------|------|----------|------|\n| TagKey | String | Yes | The key. |\n| TagValue | String | Yes | The value. |\n";

/// The Chinese site's current layout.
const ZH: &str = "## 1. 接口描述\n\n接口请求域名： demo.tencentcloudapi.com 。\n\n本接口用于绑定标签。\n\n默认接口请求频率限制：20次/秒。\n\n## 2. 输入参数\n\n以下请求参数列表仅列出了接口请求参数和部分公共参数。\n\n| 参数名称 | 必选 | 类型 | 描述 |\n|---------|---------|---------|---------|\n| Action | 是 | String | 公共参数，本接口取值：BindTags。 |\n| Version | 是 | String | 公共参数，本接口取值：2019-01-16。 |\n| Region | 否 | String | 公共参数，本接口不需要传递此参数。 |\n| ResourceIds | 是 | Array of String | 资源ID列表。 |\n| Tags | 否 | Array of [TagPair](/document/api/608/37023#TagPair) | 标签列表。 |\n\n## 3. 输出参数\n\n| 参数名称 | 类型 | 描述 |\n|---------|---------|---------|\n| Bound | Integer | 绑定的数量。 |\n| RequestId | String | 唯一请求 ID，每次请求都会返回。 |\n\n## 4. 示例\n\n### 示例1 绑定标签\n\n#### 输入示例\n\n```\nPOST / HTTP/1.1\nHost: demo.tencentcloudapi.com\nContent-Type: application/json\nX-TC-Action: BindTags\n<公共请求参数>\n\n{\n    \"ResourceIds\": [\"res-1\", \"res-2\"],\n    \"Tags\": [{\"TagKey\": \"env\", \"TagValue\": \"prod\"}]\n}\n```\n\n#### 输出示例\n\n```json\n{\n    \"Response\": {\n        \"Bound\": 2,\n        \"RequestId\": \"r-1\"\n    }\n}\n```\n\n## 5. 开发者资源\n\n### SDK\n\n云 API 3.0 提供了配套的开发工具集（SDK），支持多种编程语言，能更方便的调用 API。\n\n## 6. 错误码\n\n以下仅列出了接口业务逻辑相关的错误码，其他错误码详见 [公共错误码](/document/api/608/37012)。\n\n| 错误码 | 描述 |\n|---------|---------|\n| ResourceNotFound | 资源不存在。 |\n";

const ZH_TYPES: &str = "## TagPair\n\n标签键值对。\n\n被如下接口引用：BindTags、UnbindTags。\n\n| 名称 | 类型 | 必选 | 描述 |\n|------|------|----------|------|\n| TagKey | String | 是 | 标签键。 |\n| TagValue | String | 是 | 标签值。 |\n";

/// Tencent's Japanese pages, as `clb`'s `DeleteRule` is written: `#####　出力例` with a
/// full-width space (no Markdown heading), the GET form with `&<共通リクエストパラメータ>`.
const JA: &str = "## 1. API説明\n\nAPIリクエストドメイン名：demo.tencentcloudapi.com。\n\nこのAPIはタグをバインドするために使用されます。\n\nデフォルトのAPIリクエスト頻度制限：20回/秒。\n\n## 2. 入力パラメータ\n\n次のリクエストパラメータリストには、APIリクエストパラメータと一部の共通パラメータのみがリストされています。\n\n| パラメータ名 | 必須項目 | タイプ | 説明 |\n|---------|---------|---------|---------|\n| Action | はい | String | 共通パラメータ、このAPIの値：BindTags |\n| Version | はい | String | 共通パラメータ、このAPIの値：2019-01-16 |\n| Region | いいえ | String | 共通パラメータ、このAPIでは入力する必要はありません。 |\n| ResourceIds.N | はい | Array of String | リソースIDリスト。 |\n| Tags.N | いいえ | Array of [TagPair](/document/api/608/37023#TagPair) | タグリスト。 |\n\n## 3. 出力パラメータ\n\n| パラメータ名 | タイプ | 説明 |\n|---------|---------|---------|\n| Bound | Integer | バインドされた数。 |\n| RequestId | String | 唯一のリクエストID、リクエストごとに返します。|\n\n## 4. 例\n\n### 例1 タグのバインド\n\n#### 入力例\n\n```\nhttps://demo.tencentcloudapi.com/?Action=BindTags\n&ResourceIds.0=res-1\n&ResourceIds.1=res-2\n&Tags.0.TagKey=env\n&Tags.0.TagValue=prod\n&<共通リクエストパラメータ>\n```\n\n#####\u{3000}出力例\n\n```\n{\n    \"Response\": {\n        \"Bound\": 2,\n        \"RequestId\": \"r-1\"\n    }\n}\n```\n\n## 5. 開発者リソース\n\n### API Explorer\n\n**このツールはオンライン呼び出し、署名の検証、SDKコード生成と高速検索APIなどの機能を提供します。**\n\n### SDK\n\nクラウドAPI 3.0は、API呼び出しを容易にするために複数のプログラミング言語をサポートする、関連開発ツールセット（SDK）を提供します。\n\n## 6. エラーコード\n\n以下に、APIビジネスロジックに関連するエラーコードのみをリストします。\n\n| エラーコード | 説明 |\n|---------|---------|\n| ResourceNotFound | リソースが存在しません。 |\n";

const JA_TYPES: &str = "## TagPair\n\nタグのキーと値。\n\n次のAPIによって参照されます：BindTags、UnbindTags。\n\n| 名称 | タイプ | 必須項目 | 説明 |\n|------|------|----------|------|\n| TagKey | String | はい | タグキー。 |\n| TagValue | String | はい | タグ値。 |\n";

/// The Chinese site's older layout: error codes before the examples, `是否必选`, examples
/// under `### 请求参数` / `### 返回参数`.
fn zh_older() -> String {
    let head = &ZH[..ZH.find("## 4. 示例").expect("examples")];
    let errors = &ZH[ZH.find("| 错误码").expect("codes")..];
    let examples = "## 5. 示例\n\n### 示例1 绑定标签\n\n### 请求参数\n\n```\nPOST / HTTP/1.1\nHost: demo.tencentcloudapi.com\nContent-Type: application/json\nX-TC-Action: BindTags\n<公共请求参数>\n\n{\n    \"ResourceIds\": [\"res-1\", \"res-2\"],\n    \"Tags\": [{\"TagKey\": \"env\", \"TagValue\": \"prod\"}]\n}\n```\n\n### 返回参数\n\n```json\n{\n    \"Response\": {\n        \"Bound\": 2,\n        \"RequestId\": \"r-1\"\n    }\n}\n```\n";
    format!(
        "{}## 4. 错误码\n\n{errors}\n{examples}",
        head.replace("| 参数名称 | 必选 |", "| 参数名称 | 是否必选 |")
    )
}

/// The page saved as text: headings and fences become plain lines.
fn as_text(markdown: &str) -> String {
    markdown
        .lines()
        .filter(|l| !l.starts_with("```"))
        .map(|l| l.trim_start_matches('#').trim_start())
        .collect::<Vec<_>>()
        .join("\n")
}

fn service(action: (&str, &str), types: (&str, &str)) -> Service {
    let pages = vec![
        read_page(action.0, action.1.as_bytes()).expect("the action page reads"),
        read_page(types.0, types.1.as_bytes()).expect("the types page reads"),
    ];
    build_service(&pages, &[]).unwrap_or_else(|e| panic!("{}: {e}", action.0))
}

/// The facts every layout must give for BindTags.
fn assert_bind_tags(service: &Service, layout: &str) {
    assert_eq!(service.service.version, "2019-01-16", "{layout}");
    assert_eq!(
        service.service.domain, "demo.tencentcloudapi.com",
        "{layout}"
    );
    let action: &Action = &service.actions[0];
    assert_eq!(action.name, "BindTags", "{layout}");
    assert_eq!(action.rate_limit_per_second, Some(20), "{layout}");
    let request: Vec<(&str, &TypeRef, Option<bool>)> = action
        .request
        .iter()
        .map(|f| (f.name.as_str(), &f.ty, f.required))
        .collect();
    let strings = TypeRef::Array {
        items: Box::new(TypeRef::String),
    };
    let tags = TypeRef::Array {
        items: Box::new(TypeRef::Struct {
            name: "TagPair".into(),
        }),
    };
    assert_eq!(
        request,
        [
            ("ResourceIds", &strings, Some(true)),
            ("Tags", &tags, Some(false))
        ],
        "{layout}"
    );
    let response: Vec<&str> = action.response.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(response, ["Bound", "RequestId"], "{layout}");
    assert_eq!(action.errors.len(), 1, "{layout}");
    assert_eq!(action.errors[0].code, "ResourceNotFound", "{layout}");
    assert_eq!(action.examples.len(), 1, "{layout}: {:?}", action.notes);
    let example = &action.examples[0];
    assert!(
        example.problems.is_empty(),
        "{layout}: {:?}",
        example.problems
    );
    assert_eq!(example.request["ResourceIds"][1], "res-2", "{layout}");
    assert_eq!(example.request["Tags"][0]["TagKey"], "env", "{layout}");
    assert!(
        example.response_location.is_some(),
        "{layout}: paired with its response"
    );
    assert_eq!(example.response["Response"]["Bound"], 2, "{layout}");
    assert_eq!(service.types[0].used_by[0], "BindTags", "{layout}");
    assert_eq!(service.types[0].fields[0].required, Some(true), "{layout}");
}

#[test]
fn the_international_2019_markdown_layout() {
    let s = service(("BindTags.md", EN_2019), ("DataTypes.md", EN_2019_TYPES));
    assert_bind_tags(&s, "en 2019");
    assert_eq!(
        s.actions[0].examples[0].title.as_deref(),
        Some("Binding tags")
    );
    assert!(
        s.warnings
            .iter()
            .all(|w| !w.message.contains("not a parameter")),
        "{:?}",
        s.warnings
    );
}

#[test]
fn the_chinese_layouts_as_markdown_and_as_text() {
    let older = zh_older();
    for (layout, page, types) in [
        ("zh", ZH.to_string(), ZH_TYPES.to_string()),
        ("zh older", older.clone(), ZH_TYPES.to_string()),
    ] {
        let md = service(("BindTags.md", &page), ("DataTypes.md", &types));
        assert_bind_tags(&md, layout);
        assert_eq!(
            md.actions[0].examples[0].title.as_deref(),
            Some("绑定标签"),
            "{layout}"
        );
        let txt = service(
            ("BindTags.txt", &as_text(&page)),
            ("DataTypes.txt", &as_text(&types)),
        );
        assert_bind_tags(&txt, &format!("{layout} as text"));
    }
}

#[test]
fn the_japanese_layout_as_markdown_and_as_text() {
    let md = service(("BindTags.md", JA), ("DataTypes.md", JA_TYPES));
    assert_bind_tags(&md, "ja");
    assert_eq!(
        md.actions[0].examples[0].title.as_deref(),
        Some("タグのバインド")
    );
    assert!(
        md.actions[0].notes.is_empty(),
        "headings and boilerplate are no notes: {:?}",
        md.actions[0].notes
    );
    assert!(md.warnings.is_empty(), "{:?}", md.warnings);
    let txt = service(
        ("BindTags.txt", &as_text(JA)),
        ("DataTypes.txt", &as_text(JA_TYPES)),
    );
    assert_bind_tags(&txt, "ja as text");
}

#[test]
fn english_chinese_and_japanese_drops_of_one_service_agree() {
    let en = service(("BindTags.md", EN_2019), ("DataTypes.md", EN_2019_TYPES));
    let zh = service(("BindTags.md", ZH), ("DataTypes.md", ZH_TYPES));
    let ja = service(("BindTags.md", JA), ("DataTypes.md", JA_TYPES));
    let shape = |s: &Service| -> Vec<String> {
        let a = &s.actions[0];
        a.request
            .iter()
            .chain(&a.response)
            .map(|f| format!("{} {:?} {:?} {}", f.name, f.ty, f.required, f.nullable))
            .collect()
    };
    assert_eq!(shape(&en), shape(&zh));
    assert_eq!(shape(&en), shape(&ja));
    let mixed = vec![
        read_page("BindTags.md", EN_2019.as_bytes()).unwrap(),
        read_page("DataTypes.md", ZH_TYPES.as_bytes()).unwrap(),
        read_page(
            "UnbindTags.md",
            JA.replace("BindTags", "UnbindTags").as_bytes(),
        )
        .unwrap(),
    ];
    let mixed = build_service(&mixed, &[]).expect("a mixed drop still reads");
    let said: Vec<String> = mixed.warnings.iter().map(ToString::to_string).collect();
    let mixing: Vec<&String> = said
        .iter()
        .filter(|w| w.contains("mixes languages"))
        .collect();
    assert_eq!(mixing.len(), 1, "{said:?}");
    assert!(
        mixing[0]
            .contains("English (BindTags.md), Chinese (DataTypes.md), Japanese (UnbindTags.md)"),
        "{mixing:?}"
    );
}
