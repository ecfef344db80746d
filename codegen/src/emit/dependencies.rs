//! A generated crate's dependencies, derived from the code it holds (as progenitor's
//! `Generator::dependencies()` does): every emitted or copied Rust file is read for the
//! crates its paths start from, `src/` makes them dependencies and `tests/` or `examples/`
//! dev-dependencies. The manifest then lists nothing unused and nothing missing, whether or
//! not the drop has examples.

use std::collections::{BTreeMap, BTreeSet};
use syn::visit::{self, Visit};

/// A crate generated code may use, and how the manifest asks for it.
struct Known {
    /// The crate's name in paths (`tencentcloud_runtime`).
    ident: &'static str,
    /// Its package name (`tencentcloud-runtime`).
    package: &'static str,
    source: Source,
}

enum Source {
    /// A crate of this project, by path beside its version requirement.
    Project(ProjectCrate),
    /// A crate from crates.io, with the features the paths under each module need.
    Registry {
        version: &'static str,
        features: &'static [(&'static str, &'static [&'static str])],
    },
}

/// Which of the project's crates: its path comes from the emit options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectCrate {
    Runtime,
    Emulator,
}

/// Everything generated code may name. A crate outside this table is not a dependency the
/// generator can give; the crate's build then says what is missing.
const KNOWN: [Known; 4] = [
    Known {
        ident: "tencentcloud_runtime",
        package: "tencentcloud-runtime",
        source: Source::Project(ProjectCrate::Runtime),
    },
    Known {
        ident: "tencentcloud_emulator",
        package: "tencentcloud-emulator",
        source: Source::Project(ProjectCrate::Emulator),
    },
    Known {
        ident: "tokio",
        package: "tokio",
        source: Source::Registry {
            version: "1",
            features: &[
                ("main", &["macros", "rt-multi-thread"]),
                ("test", &["macros", "rt"]),
                ("time", &["time"]),
                ("sync", &["sync"]),
            ],
        },
    },
    Known {
        ident: "base64",
        package: "base64",
        source: Source::Registry {
            version: "0.22",
            features: &[],
        },
    },
];

/// The crates one Rust file's paths start from, with the module after each (`tokio` →
/// `main`, `time`), for features.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uses {
    crates: BTreeMap<String, BTreeSet<String>>,
}

impl Uses {
    /// What `file` uses of the [`KNOWN`] crates.
    pub fn of(file: &syn::File) -> Self {
        let mut uses = Uses::default();
        uses.visit_file(file);
        uses
    }

    fn note(&mut self, first: &syn::Ident, second: Option<&syn::Ident>) {
        let name = first.to_string();
        if KNOWN.iter().any(|k| k.ident == name) {
            let modules = self.crates.entry(name).or_default();
            modules.extend(second.map(ToString::to_string));
        }
    }

    fn merge(&mut self, other: &Uses) {
        for (name, modules) in &other.crates {
            self.crates
                .entry(name.clone())
                .or_default()
                .extend(modules.iter().cloned());
        }
    }
}

impl<'ast> Visit<'ast> for Uses {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        // `::name::…` always names a crate; `name::item` may (the table decides).
        if path.leading_colon.is_some() || path.segments.len() > 1 {
            let mut segments = path.segments.iter().map(|s| &s.ident);
            if let Some(first) = segments.next() {
                self.note(first, segments.next());
            }
        }
        visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        if let syn::UseTree::Path(path) = &item.tree {
            let second = match &*path.tree {
                syn::UseTree::Path(p) => Some(&p.ident),
                syn::UseTree::Name(n) => Some(&n.ident),
                _ => None,
            };
            self.note(&path.ident, second);
        }
        visit::visit_item_use(self, item);
    }
}

/// Paths from the generated crate to the project's crates (`../../runtime`).
pub struct ProjectPaths<'a> {
    pub runtime: &'a str,
    pub emulator: &'a str,
    /// The version requirement both take (`0.1`).
    pub requirement: &'a str,
}

/// The `[dependencies]` and `[dev-dependencies]` lines of a crate whose files use `library`
/// (`src/`) and `dev` (tests, examples).
pub fn manifest_sections(
    library: &Uses,
    dev: &Uses,
    paths: &ProjectPaths<'_>,
) -> (Vec<String>, Vec<String>) {
    let mut dev_only = dev.clone();
    dev_only
        .crates
        .retain(|name, _| !library.crates.contains_key(name));
    (lines(library, paths), lines(&dev_only, paths))
}

/// `Uses` of several files, merged.
pub fn merged<'a>(all: impl IntoIterator<Item = &'a Uses>) -> Uses {
    let mut uses = Uses::default();
    for u in all {
        uses.merge(u);
    }
    uses
}

fn lines(uses: &Uses, paths: &ProjectPaths<'_>) -> Vec<String> {
    KNOWN
        .iter()
        .filter_map(|known| Some(line(known, uses.crates.get(known.ident)?, paths)))
        .collect()
}

fn line(known: &Known, modules: &BTreeSet<String>, paths: &ProjectPaths<'_>) -> String {
    let package = known.package;
    match &known.source {
        Source::Project(which) => {
            // The runtime's default features come through the crate's own, which forward to
            // it (`features.rs`), so a user can leave the HTTP client out.
            let (path, features) = match which {
                ProjectCrate::Runtime => (paths.runtime, ", default-features = false"),
                ProjectCrate::Emulator => (paths.emulator, ""),
            };
            format!(
                "{package} = {{ path = \"{path}\", version = \"{}\"{features} }}",
                paths.requirement
            )
        }
        Source::Registry { version, features } => {
            let mut wanted: BTreeSet<&str> = BTreeSet::new();
            for (module, needs) in *features {
                if modules.contains(*module) {
                    wanted.extend(needs.iter());
                }
            }
            if wanted.is_empty() {
                return format!("{package} = \"{version}\"");
            }
            let list: Vec<String> = wanted.iter().map(|f| format!("\"{f}\"")).collect();
            format!(
                "{package} = {{ version = \"{version}\", features = [{}] }}",
                list.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses(source: &str) -> Uses {
        Uses::of(&syn::parse_file(source).unwrap())
    }

    const PATHS: ProjectPaths<'static> = ProjectPaths {
        runtime: "../../runtime",
        emulator: "../../emulator",
        requirement: "0.1",
    };

    #[test]
    fn crates_are_read_from_paths_uses_and_attributes() {
        let example = uses(
            "use base64::Engine;\n#[tokio::main]\nasync fn main() { tokio::time::sleep(d).await; \
             let _ = tencentcloud_emulator::DEMO_SECRET_ID; let _ = std::env::args(); }",
        );
        let library = uses("fn f() -> ::tencentcloud_runtime::Set { ::std::process::abort() }");
        let (deps, dev) = manifest_sections(&library, &example, &PATHS);
        assert_eq!(
            deps,
            ["tencentcloud-runtime = { path = \"../../runtime\", version = \"0.1\", default-features = false }"]
        );
        assert_eq!(
            dev,
            [
                "tencentcloud-emulator = { path = \"../../emulator\", version = \"0.1\" }",
                "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\"] }",
                "base64 = \"0.22\"",
            ]
        );
    }

    #[test]
    fn a_crate_used_by_the_library_is_not_repeated_for_tests_and_unknown_names_are_not_crates() {
        let library = uses("fn f() { ::tencentcloud_runtime::rules::check(); }");
        let tests = uses("fn t() { ::tencentcloud_runtime::Credentials::new(); Status::Ok; }");
        let (deps, dev) = manifest_sections(&library, &tests, &PATHS);
        assert_eq!(deps.len(), 1);
        assert!(dev.is_empty(), "{dev:?}");
    }
}
