//! Whatever names a page gives (keywords, case twins, digits first, punctuation, other
//! scripts, names the generated API defines), emission never panics and every Rust file
//! parses; each scope's names are unique.

use codegen::emit::{emit_crate, EmitOptions};
use doc_model::drops::read_page;
use doc_model::ir::build_service;
use proptest::prelude::*;

/// Names a hostile page might use; combined and cased at random.
const PIECES: &[&str] = &[
    "type",
    "Self",
    "self",
    "super",
    "crate",
    "mod",
    "fn",
    "Send",
    "IntoRequest",
    "New",
    "Builder",
    "Execute",
    "Runtime",
    "Client",
    "Options",
    "Unknown",
    "Common",
    "App",
    "ID",
    "Id",
    "id",
    "_",
    "1st",
    "3-way",
    "é",
    "中",
    "x",
    "Value",
    "Box",
    "Option",
    "String",
    "Vec",
];

fn name() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 1..3),
        any::<bool>(),
    )
        .prop_map(|(parts, upper)| {
            let joined = parts.concat();
            if upper {
                joined.to_uppercase()
            } else {
                joined
            }
        })
}

fn page(
    action: &str,
    params: &[String],
    values: &[String],
    structure: &str,
    members: &[String],
) -> (String, String) {
    let mut rows = String::new();
    for (i, p) in params.iter().enumerate() {
        let required = if i % 2 == 0 { "Yes" } else { "No" };
        rows.push_str(&format!("| {p} | {required} | String | A parameter. |\n"));
    }
    rows.push_str(&format!(
        "| Mode | No | String | A mode. Valid values: {}. |\n",
        values.join(", ")
    ));
    rows.push_str(&format!("| Nested | No | {structure} | A structure. |\n"));
    let action_page = format!(
        "Domain name for API request: names.intl.tencentcloudapi.com.\nAn action.\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| Action | Yes | String | Common Params. The value used for this API: {action}. |\n| Version | Yes | String | Common Params. The value used for this API: 2024-01-01. |\n{rows}| Parameter Name | Type | Description |\n|---|---|---|\n| RequestId | String | The unique request ID. |\n| Error Code | Description |\n|---|---|\n| {action}.{} | A code. |\n| {action}.{} | A code. |\n",
        params.first().map_or("x", String::as_str),
        params.last().map_or("x", String::as_str),
    );
    let mut types = format!("{structure}\nA structure.\nUsed by actions: {action}.\n| Name | Type | Description |\n|---|---|---|\n");
    for m in members {
        types.push_str(&format!("| {m} | String | A member. |\n"));
    }
    types.push_str(&format!("| Again | {structure} | Contains itself. |\n"));
    (action_page, types)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_names_emit_rust_that_parses(
        action in "[A-Z][a-zA-Z]{0,12}",
        params in prop::collection::vec(name(), 1..8),
        values in prop::collection::vec(name(), 1..6),
        members in prop::collection::vec(name(), 1..6),
        structure in "[A-Z][a-zA-Z]{0,8}",
    ) {
        let (action_page, types) = page(&action, &params, &values, &structure, &members);
        let pages = vec![
            read_page("specs/names/Action.txt", action_page.as_bytes()).expect("page"),
            read_page("specs/names/DataTypes.txt", types.as_bytes()).expect("types"),
        ];
        let Ok(service) = build_service(&pages, &[]) else { return Ok(()) };
        let emitted = emit_crate(&service, &EmitOptions { spec_dir: "specs/names".into(), runtime_path: "../../runtime".into(), ..Default::default() });
        prop_assert!(emitted.is_ok(), "{:?}", emitted.err());
        for file in emitted.unwrap().files.iter().filter(|f| f.path.ends_with(".rs")) {
            let parsed = syn::parse_file(&file.contents).expect("emitted Rust parses");
            if let Some(clash) = first_clash(&parsed.items) {
                prop_assert!(false, "{}: `{clash}` is defined twice", file.path);
            }
        }
    }
}

/// A name defined twice in one scope: a struct's fields, an enum's variants, the methods
/// of one type across its impl blocks, the items of a module.
fn first_clash(items: &[syn::Item]) -> Option<String> {
    use std::collections::BTreeSet;
    let mut methods = BTreeSet::new();
    let mut item_names = BTreeSet::new();
    for item in items {
        let name = match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Trait(t) => Some(t.ident.to_string()),
            syn::Item::Mod(m) => Some(m.ident.to_string()),
            syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        };
        if let Some(n) = name {
            if !item_names.insert(n.clone()) {
                return Some(n);
            }
        }
        match item {
            syn::Item::Struct(s) => {
                let mut fields = BTreeSet::new();
                for f in s.fields.iter().filter_map(|f| f.ident.as_ref()) {
                    if !fields.insert(f.to_string()) {
                        return Some(format!("{}.{f}", s.ident));
                    }
                }
            }
            syn::Item::Enum(e) => {
                let mut variants = BTreeSet::new();
                for v in &e.variants {
                    if !variants.insert(v.ident.to_string()) {
                        return Some(format!("{}::{}", e.ident, v.ident));
                    }
                }
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let self_ty = match &*i.self_ty {
                    syn::Type::Path(p) => p
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                for f in i.items.iter().filter_map(|it| {
                    if let syn::ImplItem::Fn(f) = it {
                        Some(&f.sig.ident)
                    } else {
                        None
                    }
                }) {
                    if !methods.insert((self_ty.clone(), f.to_string())) {
                        return Some(format!("{self_ty}::{f}"));
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some(clash) = m.content.as_ref().and_then(|(_, items)| first_clash(items)) {
                    return Some(clash);
                }
            }
            _ => {}
        }
    }
    None
}
