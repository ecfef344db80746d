//! Short paths wherever nothing can shadow them.
//!
//! Emitters spell every outside item in full (`::std::option::Option`,
//! `::tencentcloud_runtime::Set`), so a structure a page happens to name `Option` or `Set`
//! never captures them. After emitting, each module's paths become short where that is
//! safe: a prelude name (`Option`) when the module defines no item of that name, and an
//! imported name (`Set`, `Serialize`, `rules`) when the module defines no item of that name
//! and imports nothing else by it. Only Rust's own scoping decides, so this holds for any
//! page: the generated code means the same with and without it.

use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::{self, VisitMut};

/// A full path prefix, the name it shortens to, and whether that name needs a `use`.
struct Short {
    full: &'static [&'static str],
    name: &'static str,
    import: bool,
}

const fn prelude(full: &'static [&'static str], name: &'static str) -> Short {
    Short {
        full,
        name,
        import: false,
    }
}

const fn imported(full: &'static [&'static str]) -> Short {
    Short {
        full,
        name: full[full.len() - 1],
        import: true,
    }
}

/// Longest prefixes first (`Option::Some` before `Option`, `rules::Rule` before `rules`):
/// where a longer one cannot be used, the next shorter one is tried.
const SHORTS: &[Short] = &[
    prelude(&["std", "string", "String"], "String"),
    prelude(&["std", "vec", "Vec"], "Vec"),
    prelude(&["std", "option", "Option", "Some"], "Some"),
    prelude(&["std", "option", "Option", "None"], "None"),
    prelude(&["std", "option", "Option"], "Option"),
    prelude(&["std", "boxed", "Box"], "Box"),
    prelude(&["std", "result", "Result", "Ok"], "Ok"),
    prelude(&["std", "result", "Result", "Err"], "Err"),
    prelude(&["std", "result", "Result"], "Result"),
    prelude(&["std", "convert", "Into"], "Into"),
    prelude(&["std", "iter", "IntoIterator"], "IntoIterator"),
    prelude(&["std", "default", "Default"], "Default"),
    imported(&["std", "marker", "PhantomData"]),
    imported(&["tencentcloud_runtime", "serde", "Serialize"]),
    imported(&["tencentcloud_runtime", "serde", "Serializer"]),
    imported(&["tencentcloud_runtime", "serde", "Deserialize"]),
    imported(&["tencentcloud_runtime", "serde", "Deserializer"]),
    imported(&["tencentcloud_runtime", "rules", "FieldRules"]),
    imported(&["tencentcloud_runtime", "rules", "List"]),
    imported(&["tencentcloud_runtime", "rules", "Number"]),
    imported(&["tencentcloud_runtime", "rules", "Rule"]),
    imported(&["tencentcloud_runtime", "rules", "Rules"]),
    imported(&["tencentcloud_runtime", "rules", "Text"]),
    imported(&["tencentcloud_runtime", "rules", "View"]),
    imported(&["tencentcloud_runtime", "rules"]),
    imported(&["tencentcloud_runtime", "futures_util", "Stream"]),
    imported(&["tencentcloud_runtime", "pagination"]),
    imported(&["tencentcloud_runtime", "serde_helpers"]),
    imported(&["tencentcloud_runtime", "ResponseFuture"]),
    imported(&["tencentcloud_runtime", "ActionSpec"]),
    imported(&["tencentcloud_runtime", "Draft"]),
    imported(&["tencentcloud_runtime", "ErrorCode"]),
    imported(&["tencentcloud_runtime", "Operation"]),
    imported(&["tencentcloud_runtime", "SdkError"]),
    imported(&["tencentcloud_runtime", "ServiceError"]),
    imported(&["tencentcloud_runtime", "Set"]),
    imported(&["tencentcloud_runtime", "UnknownValue"]),
    imported(&["tencentcloud_runtime", "Unset"]),
    imported(&["tencentcloud_runtime", "WireEnum"]),
];

/// The names a module's own items take (types, values and macros alike: a name in any
/// namespace is left alone).
fn defined_names(items: &[syn::Item]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for item in items {
        let ident = match item {
            syn::Item::Const(i) => Some(&i.ident),
            syn::Item::Enum(i) => Some(&i.ident),
            syn::Item::Fn(i) => Some(&i.sig.ident),
            syn::Item::Mod(i) => Some(&i.ident),
            syn::Item::Static(i) => Some(&i.ident),
            syn::Item::Struct(i) => Some(&i.ident),
            syn::Item::Trait(i) => Some(&i.ident),
            syn::Item::TraitAlias(i) => Some(&i.ident),
            syn::Item::Type(i) => Some(&i.ident),
            syn::Item::Union(i) => Some(&i.ident),
            syn::Item::Macro(i) => i.ident.as_ref(),
            syn::Item::Use(u) => {
                collect_use_names(&u.tree, &mut names);
                None
            }
            _ => None,
        };
        if let Some(ident) = ident {
            names.insert(ident.to_string());
        }
    }
    names
}

fn collect_use_names(tree: &syn::UseTree, names: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => collect_use_names(&p.tree, names),
        syn::UseTree::Name(n) => {
            names.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            names.insert(r.rename.to_string());
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| collect_use_names(t, names)),
        // A glob could bring any name: nothing is shortened next to one.
        syn::UseTree::Glob(_) => {
            names.insert("*".to_string());
        }
    }
}

struct Shorten {
    /// Names defined by the module being walked.
    defined: BTreeSet<String>,
    /// Imports added so far: name → full path.
    imports: BTreeMap<&'static str, &'static [&'static str]>,
    /// Inside a nested module, which the file's imports do not reach.
    nested: bool,
}

impl Shorten {
    fn allowed(&self, short: &Short) -> bool {
        if self.defined.contains(short.name) || self.defined.contains("*") {
            return false;
        }
        if !short.import {
            return true;
        }
        !self.nested
            && self
                .imports
                .get(short.name)
                .is_none_or(|full| *full == short.full)
    }
}

impl VisitMut for Shorten {
    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        let Some((_, items)) = &module.content else {
            return;
        };
        let inner = defined_names(items);
        let outer_defined = std::mem::replace(&mut self.defined, inner);
        let outer_nested = std::mem::replace(&mut self.nested, true);
        visit_mut::visit_item_mod_mut(self, module);
        self.defined = outer_defined;
        self.nested = outer_nested;
    }

    // `<T as ::a::Trait>::item`: the qualified self counts the trait's segments.
    fn visit_expr_path_mut(&mut self, expr: &mut syn::ExprPath) {
        let before = expr.path.segments.len();
        visit_mut::visit_expr_path_mut(self, expr);
        if let Some(qself) = &mut expr.qself {
            qself.position -= before - expr.path.segments.len();
        }
    }

    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        let before = ty.path.segments.len();
        visit_mut::visit_type_path_mut(self, ty);
        if let Some(qself) = &mut ty.qself {
            qself.position -= before - ty.path.segments.len();
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_none() {
            return;
        }
        for short in SHORTS {
            let n = short.full.len();
            if path.segments.len() < n
                || !path
                    .segments
                    .iter()
                    .zip(short.full)
                    .all(|(seg, name)| seg.ident == name)
            {
                continue;
            }
            if !self.allowed(short) {
                continue;
            }
            if short.import {
                self.imports.insert(short.name, short.full);
            }
            // Keep what follows (`Option::is_none`) and the last segment's generics (`Vec<T>`).
            let mut kept = std::mem::take(&mut path.segments).into_iter().skip(n - 1);
            let Some(mut last) = kept.next() else { return };
            last.ident = syn::Ident::new(short.name, last.ident.span());
            path.leading_colon = None;
            path.segments = std::iter::once(last).chain(kept).collect();
            return;
        }
    }
}

/// Shortens every path of `file` that can be, importing the names that need it.
pub fn shorten(file: &mut syn::File) {
    let mut shorten = Shorten {
        defined: defined_names(&file.items),
        imports: BTreeMap::new(),
        nested: false,
    };
    shorten.visit_file_mut(file);
    // One `use` per parent module, in a stable order.
    let mut by_parent: BTreeMap<&[&str], Vec<&str>> = BTreeMap::new();
    for full in shorten.imports.values() {
        let (name, parent) = full.split_last().expect("import paths have a name");
        by_parent.entry(parent).or_default().push(name);
    }
    let span = proc_macro2::Span::call_site();
    for (parent, names) in by_parent.into_iter().rev() {
        let parent = parent.iter().map(|p| syn::Ident::new(p, span));
        let names = names.iter().map(|n| syn::Ident::new(n, span));
        file.items
            .insert(0, syn::parse_quote!(use #( ::#parent )*::{#( #names ),*};));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shortened(mut file: syn::File) -> String {
        shorten(&mut file);
        prettyplease::unparse(&file)
    }

    #[test]
    fn full_std_paths_become_prelude_names() {
        let text = shortened(syn::parse_quote! {
            struct A {
                a: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
                b: crate::types::Option,
            }
            fn f(x: impl ::std::convert::Into<::std::string::String>) -> ::std::option::Option<u8> {
                ::std::option::Option::None
            }
        });
        assert!(text.contains("a: Option<Vec<String>>"), "{text}");
        assert!(text.contains("b: crate::types::Option"), "{text}");
        assert!(
            text.contains("impl Into<String>")
                && text.contains("-> Option<u8>")
                && text.contains("{\n    None\n}"),
            "{text}"
        );
    }

    #[test]
    fn a_module_item_of_the_same_name_keeps_the_full_path() {
        let text = shortened(syn::parse_quote! {
            pub struct Option {
                v: ::std::option::Option<u8>,
                s: ::tencentcloud_runtime::Set<u8>,
                t: ::tencentcloud_runtime::Unset,
            }
            pub struct Set;
        });
        assert!(
            text.contains("v: ::std::option::Option<u8>")
                && text.contains("s: ::tencentcloud_runtime::Set<u8>"),
            "{text}"
        );
        assert!(
            text.starts_with("use ::tencentcloud_runtime::Unset;") && text.contains("t: Unset"),
            "{text}"
        );
    }

    #[test]
    fn imported_names_come_in_one_use_per_crate_and_nested_modules_keep_full_paths() {
        let text = shortened(syn::parse_quote! {
            struct B<P = ::tencentcloud_runtime::Unset> {
                p: P,
                e: ::tencentcloud_runtime::SdkError<u8>,
            }
            impl ::tencentcloud_runtime::serde::Serialize for B {}
            fn g() -> u8 {
                <B as ::tencentcloud_runtime::Operation>::f()
                    + <::tencentcloud_runtime::Set<u8> as ::std::default::Default>::default().0
            }
            const S: ::tencentcloud_runtime::ActionSpec = ::tencentcloud_runtime::ActionSpec::idempotent("A");
            mod inner {
                pub trait String {}
                impl T for ::tencentcloud_runtime::Set<::std::string::String> {}
            }
        });
        assert!(
            text.starts_with(
                "use ::tencentcloud_runtime::{ActionSpec, Operation, SdkError, Set, Unset};\n\
                 use ::tencentcloud_runtime::serde::Serialize;"
            ),
            "{text}"
        );
        assert!(
            text.contains("P = Unset")
                && text.contains("const S: ActionSpec = ActionSpec::idempotent"),
            "{text}"
        );
        assert!(
            text.contains("<B as Operation>::f() + <Set<u8> as Default>::default().0"),
            "{text}"
        );
        assert!(
            text.contains("impl T for ::tencentcloud_runtime::Set<::std::string::String>"),
            "a nested module: {text}"
        );
    }

    #[test]
    fn a_shorter_prefix_serves_when_the_longest_name_is_taken() {
        let text = shortened(syn::parse_quote! {
            pub struct Rule;
            const A: ::tencentcloud_runtime::rules::Rule<'static> =
                ::tencentcloud_runtime::rules::Rule::JsonEncoded;
            const B: ::tencentcloud_runtime::rules::View<'static> =
                ::tencentcloud_runtime::rules::View::Absent;
        });
        assert!(
            text.contains("const A: rules::Rule<'static> = rules::Rule::JsonEncoded"),
            "{text}"
        );
        assert!(
            text.contains("const B: View<'static> = View::Absent"),
            "{text}"
        );
        assert!(
            text.contains("use ::tencentcloud_runtime::rules;")
                && text.contains("use ::tencentcloud_runtime::rules::View;"),
            "{text}"
        );
    }
}
