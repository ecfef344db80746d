//! Generated code compiles against the contract alone: every name it takes from the
//! runtime (`::tencentcloud_runtime::X…`, in paths, `use` trees and macro calls) is one
//! that `src/contract/` declares: a `pub mod`, a `pub use`, or an exported macro there.
//! Read from every generated crate's files, so a new emitter that reaches past the
//! contract fails here, naming the file and the name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

const RUNTIME: &str = "tencentcloud_runtime";

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn parsed(path: &Path) -> syn::File {
    let text = std::fs::read_to_string(path).unwrap();
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names `src/contract/` declares: its public modules, what it re-exports, and the
/// macros it exports at the crate root.
#[derive(Default)]
struct Declared(BTreeSet<String>);

impl Declared {
    fn use_tree(&mut self, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => self.use_tree(&p.tree),
            syn::UseTree::Name(n) => drop(self.0.insert(n.ident.to_string())),
            syn::UseTree::Rename(r) => drop(self.0.insert(r.rename.to_string())),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(t)),
            syn::UseTree::Glob(_) => panic!("the contract names what it re-exports"),
        }
    }
}

impl<'ast> Visit<'ast> for Declared {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if matches!(item.vis, syn::Visibility::Public(_)) {
            self.0.insert(item.ident.to_string());
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        if matches!(item.vis, syn::Visibility::Public(_)) {
            self.use_tree(&item.tree);
        }
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        let exported = item.attrs.iter().any(|a| a.path().is_ident("macro_export"));
        if let (true, Some(name)) = (exported, &item.ident) {
            self.0.insert(name.to_string());
        }
    }
}

/// The first name after `tencentcloud_runtime::` of every path a file uses.
#[derive(Default)]
struct Used(BTreeSet<String>);

impl Used {
    fn path(&mut self, path: &syn::Path) {
        let mut segments = path.segments.iter();
        if segments.next().is_some_and(|s| s.ident == RUNTIME) {
            if let Some(next) = segments.next() {
                self.0.insert(next.ident.to_string());
            }
        }
    }

    fn use_tree(&mut self, tree: &syn::UseTree, under_runtime: bool) {
        match tree {
            syn::UseTree::Path(p) if under_runtime => drop(self.0.insert(p.ident.to_string())),
            syn::UseTree::Path(p) => self.use_tree(&p.tree, p.ident == RUNTIME),
            syn::UseTree::Name(n) if under_runtime => drop(self.0.insert(n.ident.to_string())),
            syn::UseTree::Rename(r) if under_runtime => drop(self.0.insert(r.ident.to_string())),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(t, under_runtime)),
            syn::UseTree::Glob(_) if under_runtime => panic!("generated code names what it uses"),
            _ => {}
        }
    }
}

impl<'ast> Visit<'ast> for Used {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.path(path);
        syn::visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&item.tree, false);
    }
}

#[test]
fn generated_code_names_only_what_the_contract_declares() {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut declared = Declared::default();
    let mut contract = Vec::new();
    rust_files(&runtime.join("src/contract"), &mut contract);
    for file in &contract {
        declared.visit_file(&parsed(file));
    }
    let mut generated = Vec::new();
    rust_files(&runtime.join("../generated"), &mut generated);
    let generated: Vec<_> = generated
        .into_iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "src"))
        .collect();
    assert!(generated.len() > 10, "generated crates read: {generated:?}");
    let mut beyond = Vec::new();
    for file in &generated {
        let mut used = Used::default();
        used.visit_file(&parsed(file));
        for name in used.0.difference(&declared.0) {
            beyond.push(format!("{}: `{RUNTIME}::{name}`", file.display()));
        }
    }
    assert!(
        beyond.is_empty(),
        "generated code names what runtime/src/contract/ does not declare:\n{}",
        beyond.join("\n")
    );
}

#[test]
fn the_reader_sees_paths_use_trees_and_macro_calls() {
    let file = syn::parse_file(
        "use ::tencentcloud_runtime::{Draft, serde::Serialize};
         use ::tencentcloud_runtime::rules::Rules as R;
         fn f() -> ::tencentcloud_runtime::Thing { ::tencentcloud_runtime::made!(); todo!() }
         impl X { ::tencentcloud_runtime::error_code_fns!(common); }",
    )
    .unwrap();
    let mut used = Used::default();
    used.visit_file(&file);
    let names: Vec<&str> = used.0.iter().map(String::as_str).collect();
    assert_eq!(
        names,
        ["Draft", "Thing", "error_code_fns", "made", "rules", "serde"]
    );
}
