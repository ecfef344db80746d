//! Bad doc drops give an error naming file:line and what was expected — never a panic.

use doc_model::diagnostic::DocErrors;
use doc_model::drops::read_page;
use doc_model::ir::{build_service, Service};

const GOOD: &str = include_str!("../data/do_thing/DoThing.txt");

const TYPES: &str = include_str!("../data/do_thing/DataTypes.txt");

fn build(page: &str, types: &str) -> Result<Service, DocErrors> {
    let pages = vec![
        read_page("DoThing.txt", page.as_bytes()).map_err(DocErrors::from)?,
        read_page("DataTypes.txt", types.as_bytes()).map_err(DocErrors::from)?,
    ];
    build_service(&pages, &[])
}

#[test]
fn the_template_page_is_valid() {
    let service = build(GOOD, TYPES).unwrap();
    assert_eq!(service.service.name, "demo");
    assert_eq!(service.actions[0].name, "DoThing");
    assert_eq!(service.actions[0].rate_limit_per_second, Some(10));
    assert!(service.warnings.is_empty(), "{:?}", service.warnings);
}

/// Only what leaves the API undefined, or would publish it broken, is an error.
#[test]
fn pages_that_leave_the_api_undefined_are_located_errors() {
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "no response table",
            GOOD.replace(
                "| Parameter Name | Type | Description |\n|---|---|---|\n| Count | Integer | How many. |\n| RequestId | String | The unique request ID. |\n",
                "",
            ),
            "DoThing.txt:4",
            "no response parameter table",
        ),
        (
            "cut off inside the request table",
            GOOD[..GOOD.find("| Items.N").expect("row") + 20].to_string(),
            "DoThing.txt:10",
            "the page is cut off",
        ),
        (
            "cut off before the request table",
            GOOD[..GOOD.find("| Parameter Name").expect("table")].to_string(),
            "DoThing.txt:1",
            "starts as an action page",
        ),
        (
            "cut off before the response table",
            GOOD[..GOOD.find("| Parameter Name | Type").expect("table")].to_string(),
            "DoThing.txt:4",
            "no response parameter table",
        ),
        (
            "no request table",
            GOOD.replace(
                "| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n",
                "| Parameter Name | Type | Description |\n|---|---|---|\n",
            ),
            "DoThing.txt:4",
            "its header `Parameter Name | Type | Description` names no Required column of a known layout; its action would silently leave the crate",
        ),
    ];
    for (name, page, location, expected) in cases {
        let err = build(&page, TYPES).expect_err(name).to_string();
        assert!(
            err.contains(location),
            "{name}: `{err}` should name {location}"
        );
        assert!(
            err.contains(expected),
            "{name}: `{err}` should say {expected}"
        );
    }
}

/// A mistake confined to one cell, row, line or example is a warning at its place, and the
/// action is still generated.
#[test]
fn mistakes_confined_to_a_cell_or_example_are_located_warnings() {
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("unknown type", GOOD.replace("| Name | Yes | String |", "| Name | Yes | Strang value |"), "DoThing.txt:9", "unknown type"),
        ("bad Required cell", GOOD.replace("| Name | Yes |", "| Name | Maybe |"), "DoThing.txt:9", "expected Yes or No"),
        (
            "no Action row",
            GOOD.replace("| Action | Yes | String | Common Params. The value used for this API: DoThing. |\n", ""),
            "DoThing.txt:4",
            "named `DoThing` after the file name",
        ),
        ("no value in Action row", GOOD.replace("The value used for this API: DoThing.", "Whatever."), "DoThing.txt:4", "`Action` row"),
        ("wrong column count", GOOD.replace("| Count | Integer | How many. |", "| Count | Integer |"), "DoThing.txt:13", "expected 3"),
        ("truncated table", GOOD.replace("| Count | Integer | How many. |", "| Count | Integer | How m"), "DoThing.txt:13", "does not end"),
        (
            "undefined structure",
            GOOD.replace("Array of Item", "Array of Widget"),
            "DoThing.txt:10",
            "`Widget`, which is not defined on the Data Types page; read as any JSON value",
        ),
        (
            "Type and Required swapped",
            GOOD.replace("| Name | Yes | String |", "| Name | String | Yes |"),
            "DoThing.txt:9",
            "the Type and Required cells are swapped",
        ),
        (
            "no Required cell",
            GOOD.replace("| Name | Yes | String | Thing name.", "| Name | String | Thing name."),
            "DoThing.txt:9",
            "this row has no Required cell",
        ),
        ("strange table", GOOD.replace("| Error Code | Description |", "| Foo | Bar |"), "DoThing.txt:28", "not a parameter, response or error code table"),
        ("bad parameter name", GOOD.replace("| Name | Yes |", "| Na me | Yes |"), "DoThing.txt:9", "not an identifier"),
        ("unclosed example", GOOD.replace("\"Count\": 1\n}\n}\n", "\"Count\": 1\n"), "DoThing.txt:25", "EOF while parsing"),
        ("broken request body", GOOD.replace("\"Items\": [{\"Key\": \"k\"}]", "\"Items\": [{\"Key\": \"k\"]"), "DoThing.txt:20:", "not valid JSON"),
        ("control character", GOOD.replace("Thing name.", "Thing\u{8} name."), "DoThing.txt:9:", "U+0008"),
        ("binary garbage", GOOD.replace("This API is used to do a thing.", "\u{0}\u{1}\u{2}\u{3}garbage"), "DoThing.txt:2:1", "control character"),
        ("version as a date", GOOD.replace("API: 2021-01-01.", "API: 2/28/2021."), "DoThing.txt:7", "written as the date `2/28/2021`; read as 2021-02-28"),
        (
            "version only in the Explorer link",
            format!(
                "{}[API 3.0 Explorer](https://console.cloud.tencent.com/api/explorer?Product=demo&Version=2021-01-01&Action=DoThing)\n",
                GOOD.replace("| Version | Yes | String | Common Params. The value used for this API: 2021-01-01. |\n", "")
            ),
            "DoThing.txt:30",
            "no `Version` row; the API version 2021-01-01 is taken from the page's API Explorer link",
        ),
    ];
    for (name, page, location, expected) in cases {
        let service =
            build(&page, TYPES).unwrap_or_else(|e| panic!("{name}: should generate, got {e}"));
        assert_eq!(service.actions.len(), 1, "{name}");
        let found = service
            .warnings
            .iter()
            .map(|w| w.to_string())
            .find(|w| w.contains(expected));
        let Some(found) = found else {
            panic!("{name}: no warning says {expected}: {:?}", service.warnings)
        };
        assert!(
            found.starts_with(location),
            "{name}: `{found}` should name {location}"
        );
    }
}

/// An empty page is an error (the action it should document would silently leave the
/// crate); a file of another format beside the pages is a warning.
#[test]
fn an_empty_page_is_an_error_and_another_format_a_warning() {
    let dir = std::path::Path::new("tests/data/unreadable");
    let pages = doc_model::drops::read_pages(dir, "unreadable").expect("directory");
    let err = build_service(&pages, &[])
        .expect_err("an empty page")
        .to_string();
    assert_eq!(
        err,
        "unreadable/Empty.txt:1: the page is empty; expected a Tencent Cloud API doc page"
    );
    let without_empty: Vec<_> = pages
        .into_iter()
        .filter(|p| !p.file.ends_with("Empty.txt"))
        .collect();
    let service = build_service(&without_empty, &[]).expect("the readable page generates");
    assert_eq!(service.actions.len(), 1);
    let warnings: Vec<String> = service.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("unreadable/notes.pdf:1: unsupported doc drop format")),
        "{warnings:?}"
    );
}

/// Random bytes saved under an action's name are an error, not an action quietly missing.
#[test]
fn a_file_that_is_not_text_is_an_error() {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    let err = read_page("InvokeCommand.txt", &noise).expect_err("not text");
    assert!(
        err.to_string()
            .starts_with("InvokeCommand.txt:1: the file is not text"),
        "{err}"
    );
}

#[test]
fn tolerated_variations_give_the_same_ir() {
    let baseline = serde_json::to_value(build(GOOD, TYPES).unwrap().actions).unwrap();
    let variations = [
        ("CRLF line endings", GOOD.replace('\n', "\r\n")),
        (
            "extra blank lines",
            GOOD.replace("\n|", "\n\n|").replace("\n{", "\n\n{"),
        ),
        ("trailing spaces", GOOD.replace('\n', "  \n")),
    ];
    for (name, page) in variations {
        let service = build(&page, TYPES).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut got = serde_json::to_value(service.actions).unwrap();
        let mut want = baseline.clone();
        // Line numbers move with blank lines; compare everything else.
        strip_locations(&mut got);
        strip_locations(&mut want);
        assert_eq!(got, want, "{name}");
    }
}

fn strip_locations(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !k.ends_with("location"));
            map.values_mut().for_each(strip_locations);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_locations),
        _ => {}
    }
}

#[test]
fn bad_data_types_pages_are_located_warnings() {
    let cases = [
        (
            "table without a name",
            format!("{TYPES}| Name | Type | Description |\n|---|---|---|\n| A | String | a |\n"),
            "DataTypes.txt:7",
            "without a structure name",
        ),
        (
            "lowercase name",
            TYPES.replace("Item\n", "item\n"),
            "DataTypes.txt:1",
            "not a CamelCase structure name",
        ),
        (
            "name in another case",
            TYPES.replace("Item\n", "ITEM\n"),
            "DoThing.txt:10",
            "read as `ITEM`",
        ),
        (
            "dangling structure",
            format!("{TYPES}Orphan\nNo table follows.\nUsed by actions: DoThing.\n"),
            "DataTypes.txt:7",
            "Orphan",
        ),
    ];
    for (name, types, location, expected) in cases {
        let service = build(GOOD, &types).unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = service
            .warnings
            .iter()
            .map(|w| w.to_string())
            .find(|w| w.contains(expected));
        let Some(found) = found else {
            panic!("{name}: {:?}", service.warnings)
        };
        assert!(found.starts_with(location), "{name}: `{found}`");
    }
    // A structure whose table is lost is a warning where it is used, once, and its fields
    // are any JSON value.
    let lost = TYPES.replace("| Name | Type | Required | Description |\n|---|---|---|---|\n| Key | String | Yes | Key. |\n", "");
    let service = build(GOOD, &lost).expect("Item is used but not defined");
    let undefined: Vec<String> = service
        .warnings
        .iter()
        .map(|w| w.to_string())
        .filter(|w| w.contains("`Item`, which is not defined"))
        .collect();
    assert_eq!(undefined.len(), 1, "{:?}", service.warnings);
    assert!(undefined[0].starts_with("DoThing.txt:10"), "{undefined:?}");
}

/// A structure whose description explains its states in a table of its own, before its
/// "used by" line (as `ivld`'s `MediaInfo` does), keeps that table in its description and
/// its members from the table after the line; a field-like description table too.
#[test]
fn a_structure_description_that_holds_a_table() {
    for (name, table) in [
        (
            "a table of states",
            "| State | Meaning |\n|---|---|\n| ON | Running. |\n| OFF | Stopped. |\n",
        ),
        (
            "a field-like table",
            "| Name | Type | Description |\n|---|---|---|\n| ON | String | Running. |\n",
        ),
    ] {
        let types = TYPES.replace("An item.\n", &format!("An item, in states:\n{table}"));
        let service = build(GOOD, &types).unwrap_or_else(|e| panic!("{name}: {e}"));
        let item = &service.types[0];
        assert_eq!(item.name, "Item", "{name}");
        assert_eq!(item.fields.len(), 1, "{name}: {:?}", item.fields);
        assert_eq!(item.fields[0].name, "Key", "{name}");
        assert!(
            item.description.contains("Running."),
            "{name}: {}",
            item.description
        );
        let said: Vec<String> = service.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1, "{name}: {said:?}");
        assert!(
            said[0].starts_with("DataTypes.txt:3: structure `Item`'s description holds a table"),
            "{name}: {said:?}"
        );
    }
}

/// One undefined structure used by many fields is one warning, not one per field, and the
/// fields are any JSON value, documented as such.
#[test]
fn one_root_cause_is_one_warning() {
    let page = GOOD.replace(
        "| Items.N | No | Array of Item | Items. |",
        "| Items.N | No | Array of Widget | Items. |\n| More | No | Widget | More. |\n| Other | No | Gadget | Other. |",
    );
    let service = build(&page, TYPES).expect("undefined types do not block the service");
    let messages: Vec<String> = service.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[1].contains("`Widget`") && messages[1].contains("(and 1 more use(s))"),
        "{messages:?}"
    );
    let more = &service.actions[0].request[2];
    assert_eq!(more.ty, doc_model::ir::TypeRef::Json);
    assert!(
        more.description.contains("never define it"),
        "{}",
        more.description
    );
}

#[test]
fn examples_that_contradict_the_tables_are_warnings() {
    let page = GOOD
        .replace("\"Name\": \"x\",", "\"Nmae\": \"x\",")
        .replace("\"Count\": 1", "\"Count\": \"one\"");
    let service = build(&page, TYPES).unwrap();
    let warnings: Vec<String> = service.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        vec![
            "DoThing.txt:15: DoThing example 1 request: `request.Nmae` is not documented in the parameter table",
            "DoThing.txt:15: DoThing example 1 request: required `request.Name` is missing",
            "DoThing.txt:22: DoThing example 1 response: `Response.Count` is a string, expected an integer",
        ]
    );
    let nested = GOOD.replace("{\"Key\": \"k\"}", "{\"Key\": 5}");
    let warnings = build(&nested, TYPES).unwrap().warnings;
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .contains("`request.Items[0].Key` is an integer, expected a string"),
        "{}",
        warnings[0]
    );
}

#[test]
fn the_same_action_twice_names_both_files() {
    let pages = vec![
        read_page("DoThing.txt", GOOD.as_bytes()).unwrap(),
        read_page("DoThingAgain.txt", GOOD.as_bytes()).unwrap(),
        read_page("DataTypes.txt", TYPES.as_bytes()).unwrap(),
    ];
    let err = build_service(&pages, &[]).unwrap_err().to_string();
    assert!(
        err.contains("DoThing.txt") && err.contains("DoThingAgain.txt"),
        "{err}"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic fuzz: mutate the template page byte by byte.
    let base = GOOD.as_bytes();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut bytes = base.to_vec();
        let pos = (seed as usize) % bytes.len();
        match seed % 4 {
            0 => bytes[pos] = (seed >> 8) as u8,
            1 => bytes.truncate(pos),
            2 => bytes.insert(pos, b'|'),
            _ => bytes.insert(pos, b'\n'),
        }
        if let Ok(page) = read_page("Fuzz.txt", &bytes) {
            let _ = build_service(&[page], &[]);
        }
    }
}
