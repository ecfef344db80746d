//! Shorter std paths where nothing can shadow them.
//!
//! Generated code spells std items in full (`::std::option::Option`) so a structure the
//! page names `Option` never captures them. Modules that hold no page-named type (the
//! operation modules: their types are `…Request`, `…Builder`… and every structure is
//! reached as `crate::types::…`) get the prelude spelling instead, which keeps them short.

use syn::visit_mut::{self, VisitMut};

/// Full path → prelude name.
const PRELUDE: &[(&[&str], &str)] = &[
    (&["std", "string", "String"], "String"),
    (&["std", "vec", "Vec"], "Vec"),
    (&["std", "option", "Option", "Some"], "Some"),
    (&["std", "option", "Option", "None"], "None"),
    (&["std", "option", "Option"], "Option"),
    (&["std", "boxed", "Box"], "Box"),
    (&["std", "result", "Result"], "Result"),
    (&["std", "convert", "Into"], "Into"),
    (&["std", "iter", "IntoIterator"], "IntoIterator"),
    (&["std", "default", "Default"], "Default"),
];

struct Shorten;

impl VisitMut for Shorten {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_none() {
            return;
        }
        for (full, short) in PRELUDE {
            let n = full.len();
            if path.segments.len() < n || !path.segments.iter().zip(full.iter()).all(|(seg, name)| seg.ident == name) {
                continue;
            }
            // Keep what follows (`Option::is_none`) and the last segment's generics (`Vec<T>`).
            let mut kept = std::mem::take(&mut path.segments).into_iter().skip(n - 1);
            let Some(mut last) = kept.next() else { return };
            last.ident = syn::Ident::new(short, last.ident.span());
            path.leading_colon = None;
            path.segments = std::iter::once(last).chain(kept).collect();
            return;
        }
    }
}

/// Rewrites every full std path of `file` that has a prelude name.
pub fn shorten(file: &mut syn::File) {
    Shorten.visit_file_mut(file);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_std_paths_become_prelude_names() {
        let mut file: syn::File = syn::parse_quote! {
            struct A { a: ::std::option::Option<::std::vec::Vec<::std::string::String>>, b: crate::types::Option }
            fn f(x: impl ::std::convert::Into<::std::string::String>) -> ::std::option::Option<u8> { ::std::option::Option::None }
        };
        shorten(&mut file);
        let text = prettyplease::unparse(&file);
        assert!(text.contains("a: Option<Vec<String>>"), "{text}");
        assert!(text.contains("b: crate::types::Option"), "{text}");
        assert!(text.contains("impl Into<String>") && text.contains("-> Option<u8>") && text.contains("{\n    None\n}"), "{text}");
    }
}
