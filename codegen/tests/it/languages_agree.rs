//! A service's Chinese drop generates the same Rust API as its English drop: the same
//! types, fields, methods, variants and required parameters; only doc comments and quoted
//! phrases differ. The rule tables are compared apart: the two languages' pages do not
//! always state the same limits (the Chinese `CommandName` names its characters in words,
//! without a class to read), so their agreement is measured per constraint, ≥ 95% found and
//! ≤ 5% extra, by `doc-model/src/ir/constraints/zh_agrees_with_en.rs`; here the tables that
//! differ are printed and bounded.
//!
//! Inputs: `specs/tat` and Tencent's Chinese TAT pages (`../shared/specs/tat-zh`, or
//! `TAT_ZH_SPECS`). The Chinese pages are newer than the English ones in two facts, listed
//! in [`NEWER_IN_CHINESE`]; the test checks that these are the only extra facts and removes
//! them before comparing the generated code.

use codegen::emit::{emit_crate, EmitOptions};
use doc_model::drops::{page_files, read_page};
use doc_model::ir::{build_service, Service};
use doc_model::page::Page;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::visit_mut::VisitMut;

/// Facts the Chinese pages document and the English ones do not (yet).
const NEWER_IN_CHINESE: &[&str] = &[
    "InvokeCommand error UnauthorizedOperation.NeedApproval",
    r#"Invoker.Tags: {"kind":"array","items":{"kind":"struct","name":"Tag"}}"#,
];

fn pages(dir: &Path, label: &str) -> Vec<Page> {
    page_files(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            read_page(&format!("{label}/{name}"), &std::fs::read(p).unwrap()).unwrap()
        })
        .collect()
}

fn service(dir: &Path, label: &str) -> Service {
    let common = pages(Path::new("../specs/common"), "specs/common");
    build_service(&pages(dir, label), &common).unwrap_or_else(|e| panic!("{label}: {e}"))
}

fn chinese_tat() -> Service {
    let dir = std::env::var_os("TAT_ZH_SPECS")
        .map_or_else(|| PathBuf::from("../../shared/specs/tat-zh"), PathBuf::from);
    service(&dir, "specs/tat")
}

fn english_tat() -> Service {
    service(Path::new("../specs/tat"), "specs/tat")
}

/// Every API fact of a service, one line each: actions, their fields (type, required,
/// nullable), structures and their fields, error codes.
fn api_facts(service: &Service) -> BTreeSet<String> {
    let field = |owner: &str, f: &doc_model::ir::Field| {
        let required = match f.required {
            Some(true) => ", required",
            Some(false) => ", optional",
            None => "",
        };
        let nullable = if f.nullable { ", nullable" } else { "" };
        let ty = serde_json::to_string(&f.ty).expect("a type serialises");
        format!("{owner}.{}: {ty}{required}{nullable}", f.name)
    };
    let mut facts = BTreeSet::new();
    for a in &service.actions {
        facts.insert(format!("action {}", a.name));
        for f in &a.request {
            facts.insert(field(&format!("{} request", a.name), f));
        }
        for f in &a.response {
            facts.insert(field(&format!("{} response", a.name), f));
        }
        for e in &a.errors {
            facts.insert(format!("{} error {}", a.name, e.code));
        }
    }
    for t in &service.types {
        facts.insert(format!("structure {}", t.name));
        for f in &t.fields {
            facts.insert(field(&t.name, f));
        }
    }
    facts
}

#[test]
fn the_chinese_pages_document_the_english_api() {
    let (en, zh) = (api_facts(&english_tat()), api_facts(&chinese_tat()));
    let only_en: Vec<&String> = en.difference(&zh).collect();
    let only_zh: Vec<&String> = zh.difference(&en).collect();
    assert!(only_en.is_empty(), "the Chinese drop lost: {only_en:#?}");
    assert_eq!(only_zh, NEWER_IN_CHINESE, "the Chinese drop's extra facts");
    assert!(en.len() > 700, "{} facts", en.len());
}

/// The Chinese service without what it documents beyond the English pages.
fn without_newer_facts(mut zh: Service) -> Service {
    for a in &mut zh.actions {
        a.errors.retain(|e| {
            !(a.name == "InvokeCommand" && e.code == "UnauthorizedOperation.NeedApproval")
        });
    }
    for t in &mut zh.types {
        if t.name == "Invoker" {
            t.fields.retain(|f| f.name != "Tags");
        }
    }
    zh
}

#[test]
fn the_chinese_drop_generates_the_english_rust_api() {
    let options = EmitOptions {
        spec_dir: "specs/tat".into(),
        runtime_path: "../../runtime".into(),
        ..Default::default()
    };
    let en = emit_crate(&english_tat(), &options).unwrap().files;
    let zh = emit_crate(&without_newer_facts(chinese_tat()), &options)
        .unwrap()
        .files;
    let paths = |files: &[codegen::emit::GeneratedFile]| -> Vec<String> {
        files.iter().map(|f| f.path.clone()).collect()
    };
    assert_eq!(paths(&en), paths(&zh));
    let (mut compared, mut rule_tables, mut rule_tables_differ) = (0, 0, Vec::new());
    for (a, b) in en.iter().zip(&zh) {
        if !a.path.ends_with(".rs") || a.path.starts_with("tests/") {
            continue;
        }
        let (api_en, api_zh) = (public_api(&a.contents), public_api(&b.contents));
        let is_rules = |item: &&String| item.starts_with("impl Rules for");
        let lost: Vec<_> = api_en
            .difference(&api_zh)
            .filter(|i| !is_rules(i))
            .collect();
        let extra: Vec<_> = api_zh
            .difference(&api_en)
            .filter(|i| !is_rules(i))
            .collect();
        assert!(
            lost.is_empty() && extra.is_empty(),
            "{}: only in English {lost:#?}\nonly in Chinese {extra:#?}",
            a.path
        );
        compared += api_en.len();
        rule_tables += api_en.iter().filter(is_rules).count();
        if api_en.iter().filter(is_rules).any(|t| !api_zh.contains(t)) {
            rule_tables_differ.push(a.path.clone());
        }
    }
    assert!(compared > 300, "{compared} items compared");
    println!("rule tables that differ: {rule_tables_differ:?} of {rule_tables}");
    assert!(
        rule_tables_differ.len() * 10 <= rule_tables,
        "more than one rule table in ten differs: {rule_tables_differ:?} of {rule_tables}"
    );
}

/// A file's items with doc comments dropped and string literals and macro arguments blanked:
/// every name, type, signature and body a caller compiles against, and the rule kinds and
/// values of rule tables (their quoted phrases are strings).
fn public_api(source: &str) -> BTreeSet<String> {
    let mut file = syn::parse_file(source).expect("generated Rust parses");
    ApiOnly.visit_file_mut(&mut file);
    file.items
        .iter()
        .map(|item| quote::ToTokens::to_token_stream(item).to_string())
        .collect()
}

struct ApiOnly;

impl VisitMut for ApiOnly {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
        attrs.retain(|a| !a.path().is_ident("doc"));
    }

    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        *lit = syn::LitStr::new("", lit.span());
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = proc_macro2::TokenStream::new();
    }

    // A list wrapped over lines (its strings are longer in one language) gains a trailing
    // comma: calls, arrays and tuples of two or more are read without it.
    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        call.args = std::mem::take(&mut call.args).into_iter().collect();
        syn::visit_mut::visit_expr_method_call_mut(self, call);
    }

    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        call.args = std::mem::take(&mut call.args).into_iter().collect();
        syn::visit_mut::visit_expr_call_mut(self, call);
    }

    fn visit_expr_array_mut(&mut self, array: &mut syn::ExprArray) {
        array.elems = std::mem::take(&mut array.elems).into_iter().collect();
        syn::visit_mut::visit_expr_array_mut(self, array);
    }

    fn visit_expr_tuple_mut(&mut self, tuple: &mut syn::ExprTuple) {
        if tuple.elems.len() > 1 {
            tuple.elems = std::mem::take(&mut tuple.elems).into_iter().collect();
        }
        syn::visit_mut::visit_expr_tuple_mut(self, tuple);
    }
}
