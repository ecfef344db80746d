//! The public surface says what the emitted code declares: every member with its type and
//! `Option`, every client method, builder type parameter, enum value and error variant, on
//! TAT and on the adversarial drop (clashing names, keywords, self-containing structures).
//! Both sides are compared without whitespace (prettyplease wraps long lines).

use codegen::emit::{emit_crate, EmitOptions};
use codegen::surface::{short_text, surface, ApiSurface, Member};
use std::collections::BTreeMap;
use std::path::Path;

/// Text without whitespace, paths the surface leaves out (`crate::`, `::std::vec::`…,
/// which files keep where a name shadows the short form), or the trailing commas of
/// wrapped generics and parameters.
fn squeezed(text: &str) -> String {
    short_text(text).replace(",>", ">").replace(",)", ")")
}

/// The emitted files by path, squeezed.
fn emitted(service: &doc_model::ir::Service) -> BTreeMap<String, String> {
    let options = EmitOptions {
        spec_dir: "specs/x".into(),
        runtime_path: "../../runtime".into(),
        ..Default::default()
    };
    let files = emit_crate(service, &options).unwrap().files;
    files
        .into_iter()
        .map(|f| (f.path, squeezed(&f.contents)))
        .collect()
}

fn declared(m: &Member) -> String {
    let ty = if m.optional {
        format!("Option<{}>", m.ty)
    } else {
        m.ty.clone()
    };
    format!("pub {}: {ty},", m.rust)
}

/// Every surface item found in `files`; the misses, named.
fn misses(s: &ApiSurface, files: &BTreeMap<String, String>) -> Vec<String> {
    let mut missing = Vec::new();
    let mut expect = |file: &str, text: String| {
        if !files[file].contains(&squeezed(&text)) {
            missing.push(format!("{file}: {text}"));
        }
    };
    for t in s.structs.values() {
        expect("src/types.rs", format!("pub struct {} {{", t.rust));
        for m in t.members.values() {
            expect("src/types.rs", declared(m));
        }
    }
    for a in s.actions.values() {
        let file = format!("src/operation/{}.rs", a.method.trim_start_matches("r#"));
        for m in a.request.values().chain(a.response.values()) {
            expect(&file, declared(m));
            for method in &m.methods {
                expect(&file, format!("pub fn {method}("));
            }
        }
        if !a.required.is_empty() {
            let params: Vec<String> = (0..a.required.len()).map(|i| format!("P{i}")).collect();
            expect(&file, format!("Builder<{}>", params.join(", ")));
        }
        for setter in &a.required {
            expect(&file, format!("pub fn {setter}("));
        }
        for variant in a.errors.values() {
            // One line of the action's `error_codes!`: `Variant = "Code": "meaning",`.
            expect(&file, format!("{variant} = \""));
        }
        let kind = if a.idempotent {
            "idempotent("
        } else {
            "non_idempotent("
        };
        expect(&file, kind.to_string());
        expect("src/client.rs", format!("pub fn {}(&self)", a.method));
    }
    for (name, e) in &s.enums {
        expect("src/enums.rs", format!("pub enum {name} {{"));
        for variant in e.values.values() {
            // One line of the enum's `wire_enum!`: `Variant = "wire": "meaning",`.
            expect("src/enums.rs", format!("{variant} = \""));
        }
    }
    missing
}

#[test]
fn the_surface_of_tat_and_of_the_adversarial_drop_is_what_the_code_declares() {
    for dir in ["../specs/tat", "../tests/adversarial/specs/adversarial"] {
        let service = doc_model::drops::load_service(Path::new(dir)).unwrap();
        let missing = misses(&surface(&service), &emitted(&service));
        assert!(missing.is_empty(), "{dir}:\n{}", missing.join("\n"));
    }
}
