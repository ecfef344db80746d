//! File-level import circles: which files of a crate name each other, through `use`
//! declarations and `crate::…`, `super::…`, `self::…` paths (a child module named in its
//! parent counts too). A circle of files is a tangle a newcomer cannot read in one order.
//!
//! A path is resolved to the file of the longest module it names: `crate::client::Client`
//! is `client.rs`; an item a `mod.rs` defines or re-exports is that `mod.rs`. So a facade
//! `mod.rs` that re-exports its children must not also define what they use.

use crate::rust_files::rust_files;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::{self, Visit};

/// A module path (`["credentials", "sts"]`; the crate root is empty).
type ModulePath = Vec<String>;

/// Every circle among the files under `src`: its files (relative to `src`), sorted, and
/// each import between two of them (`a.rs → b.rs (crate::b::B)`).
pub fn import_cycles(src: &Path) -> Vec<(Vec<String>, Vec<String>)> {
    let files = module_files(src);
    let mut graph: BTreeMap<ModulePath, BTreeSet<ModulePath>> = BTreeMap::new();
    let mut why: BTreeMap<(ModulePath, ModulePath), String> = BTreeMap::new();
    for (module, path) in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(file) = syn::parse_file(&text) else {
            continue;
        };
        let mut paths = Paths::default();
        paths.visit_file(&file);
        let edges = graph.entry(module.clone()).or_default();
        for named in paths.found {
            if let Some(target) = resolve(module, &named, &files).filter(|t| t != module) {
                why.entry((module.clone(), target.clone()))
                    .or_insert_with(|| named.join("::"));
                edges.insert(target);
            }
        }
    }
    let shown = |m: &ModulePath| {
        files[m]
            .strip_prefix(src)
            .unwrap_or(&files[m])
            .display()
            .to_string()
    };
    let mut circles = Vec::new();
    for component in strongly_connected(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
    {
        let mut names: Vec<String> = component.iter().map(shown).collect();
        names.sort();
        let imports = why
            .iter()
            .filter(|((from, to), _)| component.contains(from) && component.contains(to))
            .map(|((from, to), path)| format!("{} → {} ({path})", shown(from), shown(to)))
            .collect();
        circles.push((names, imports));
    }
    circles
}

/// Each module of the crate under `src` and its file: `a/b.rs` and `a/b/mod.rs` are
/// `a::b`, the crate's `lib.rs` or `main.rs` its root.
fn module_files(src: &Path) -> BTreeMap<ModulePath, PathBuf> {
    let mut files = BTreeMap::new();
    for path in rust_files(src, &[]) {
        let Ok(relative) = path.strip_prefix(src) else {
            continue;
        };
        let mut module: ModulePath = relative
            .with_extension("")
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        let root = module.len() == 1 && matches!(module[0].as_str(), "lib" | "main");
        if root || module.last().is_some_and(|last| last == "mod") {
            module.pop();
        }
        files.insert(module, path);
    }
    files
}

/// The file a path names from `module`, if it names one of the crate's modules.
fn resolve(
    module: &ModulePath,
    named: &[String],
    files: &BTreeMap<ModulePath, PathBuf>,
) -> Option<ModulePath> {
    let (mut base, rest) = match named.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &named[1..]),
        Some("self") => (module.clone(), &named[1..]),
        Some("super") => {
            let mut base = module.clone();
            let mut rest = named;
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        // A child module named from its parent (`use cache::CachedCredentials;`).
        Some(first) if files.contains_key(&[module.clone(), vec![first.to_string()]].concat()) => {
            (module.clone(), named)
        }
        _ => return None,
    };
    let mut longest = base.clone();
    for segment in rest {
        base.push(segment.clone());
        if files.contains_key(&base) {
            longest = base.clone();
        }
    }
    files.contains_key(&longest).then_some(longest)
}

/// The paths a file names: `use` trees (each leaf as a whole path) and every path of
/// its code.
#[derive(Default)]
struct Paths {
    found: Vec<Vec<String>>,
}

impl Paths {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self
                .found
                .push([prefix.clone(), vec![n.ident.to_string()]].concat()),
            syn::UseTree::Rename(r) => self
                .found
                .push([prefix.clone(), vec![r.ident.to_string()]].concat()),
            syn::UseTree::Glob(_) => self.found.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            self.found
                .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        visit::visit_path(self, path);
    }

    // `pub(crate)` names a scope, not a file.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    // Test modules may reach anywhere; what they name is not the code's structure.
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let is_test = item.attrs.iter().any(|a| {
            a.path().is_ident("cfg")
                && a.meta
                    .require_list()
                    .is_ok_and(|l| l.tokens.to_string() == "test")
        });
        if !is_test {
            visit::visit_item_mod(self, item);
        }
    }
}

/// Tarjan's strongly connected components.
fn strongly_connected(graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>) -> Vec<Vec<ModulePath>> {
    struct State<'g> {
        graph: &'g BTreeMap<ModulePath, BTreeSet<ModulePath>>,
        index: BTreeMap<&'g ModulePath, usize>,
        low: BTreeMap<&'g ModulePath, usize>,
        stack: Vec<&'g ModulePath>,
        on_stack: BTreeSet<&'g ModulePath>,
        components: Vec<Vec<ModulePath>>,
    }
    fn visit<'g>(s: &mut State<'g>, node: &'g ModulePath) {
        let i = s.index.len();
        s.index.insert(node, i);
        s.low.insert(node, i);
        s.stack.push(node);
        s.on_stack.insert(node);
        for next in s.graph.get(node).into_iter().flatten() {
            if !s.index.contains_key(next) {
                visit(s, next);
                let low = s.low[node].min(s.low[next]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(next) {
                let low = s.low[node].min(s.index[next]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut component = Vec::new();
            while let Some(member) = s.stack.pop() {
                s.on_stack.remove(member);
                component.push(member.clone());
                if member == node {
                    break;
                }
            }
            s.components.push(component);
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    state.components
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_of(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("import-cycles-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn circles_through_crate_super_and_child_paths_are_found() {
        let src = crate_of(
            "circles",
            &[
                ("lib.rs", "mod a; mod b; mod c;"),
                ("a.rs", "use crate::b::B; pub struct A;"),
                ("b.rs", "pub struct B; fn f() -> crate::a::A { todo!() }"),
                ("c.rs", "use crate::a::A;"),
                ("d/mod.rs", "mod e; pub use e::E; pub struct D;"),
                ("d/e.rs", "use super::D; pub struct E;"),
            ],
        );
        let found = import_cycles(&src);
        let circles: Vec<&Vec<String>> = found.iter().map(|c| &c.0).collect();
        assert_eq!(
            circles,
            [&vec!["a.rs", "b.rs"], &vec!["d/e.rs", "d/mod.rs"]]
        );
        assert_eq!(
            found[0].1,
            ["a.rs → b.rs (crate::b::B)", "b.rs → a.rs (crate::a::A)"]
        );
        let _ = std::fs::remove_dir_all(src);
    }

    #[test]
    fn a_one_way_layering_has_no_circle() {
        let src = crate_of(
            "layers",
            &[
                ("lib.rs", "pub mod a; pub mod b; pub use a::A;"),
                ("a.rs", "use crate::b::B; pub struct A;"),
                (
                    "b.rs",
                    "pub struct B; #[cfg(test)] mod tests { use crate::a::A; }",
                ),
            ],
        );
        assert!(import_cycles(&src).is_empty());
        let _ = std::fs::remove_dir_all(src);
    }
}
