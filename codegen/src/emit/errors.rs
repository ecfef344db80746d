//! Error codes: one enum per action from its page's table, plus the common error codes
//! (once per crate, reachable from every action's enum as `Common(…)`). A common code an
//! action's page lists again stays `Common(…)`, so each code has one spelling crate-wide.
//! Each is a table for the runtime's `ErrorCode`; the error itself is the runtime's
//! `ServiceError<C>`.

use super::docs::{doc_attrs, page_text};
use super::identifiers::{error_variant, ident};
use super::name_plan::{unique, Case, ERROR_CODE_MEMBERS};
use doc_model::ir::{Action, ErrorCode, Service};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The common error codes, once per crate: `src/common_errors.rs`.
pub fn emit_common_errors(service: &Service) -> TokenStream {
    let name = format_ident!("CommonErrorCode");
    let body = code_enum(&name, &sorted_codes(service.common_errors.iter()), false);
    quote! {
        //! Error codes every action can return (the common error codes page).

        /// A common error code. Codes this crate does not know are kept in `Unknown`.
        #body
    }
}

/// The codes of a table in variant order: sorted, each code once.
pub fn sorted_codes<'a>(codes: impl Iterator<Item = &'a ErrorCode>) -> Vec<&'a ErrorCode> {
    let map: BTreeMap<&str, &ErrorCode> = codes
        .filter(|e| !e.code.is_empty())
        .map(|e| (e.code.as_str(), e))
        .collect();
    map.into_values().collect()
}

/// An enum of codes and its `ErrorCode` table; `with_common`: codes it does not list are
/// tried as common codes before they are kept as unknown.
fn code_enum(name: &Ident, codes: &[&ErrorCode], with_common: bool) -> TokenStream {
    let variants: Vec<Ident> = code_variants(codes).iter().map(|n| ident(n)).collect();
    let wire: Vec<&str> = codes.iter().map(|e| e.code.as_str()).collect();
    let docs: Vec<TokenStream> = codes
        .iter()
        .map(|e| doc_attrs(&format!("`{}`: {}", e.code, page_text(&e.description))))
        .collect();
    let (common_variant, fns) = if with_common {
        (
            quote! {
                /// A common error code (see [`crate::common_errors::CommonErrorCode`]).
                Common(crate::common_errors::CommonErrorCode),
            },
            quote!(::tencentcloud_runtime::error_code_fns!(common);),
        )
    } else {
        (quote!(), quote!(::tencentcloud_runtime::error_code_fns!();))
    };
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
            #common_variant
            /// A code not documented when this crate was generated, kept verbatim.
            Unknown(::tencentcloud_runtime::UnknownValue),
        }

        impl ::tencentcloud_runtime::ErrorCode for #name {
            const CODES: &'static [&'static str] = &[ #( #wire ),* ];
            const VARIANTS: &'static [Self] = &[ #( Self::#variants ),* ];
            #fns
        }
    }
}

/// The variant of each code, in order: unique in its enum, free of `Common` and `Unknown`.
pub fn code_variants(codes: &[&ErrorCode]) -> Vec<String> {
    let bases: Vec<String> = codes.iter().map(|e| error_variant(&e.code)).collect();
    unique(&bases, ERROR_CODE_MEMBERS, Case::Camel).0
}

/// An action's own error codes, in variant order: its table without the common codes.
pub fn action_codes<'a>(service: &Service, action: &'a Action) -> Vec<&'a ErrorCode> {
    sorted_codes(
        action
            .errors
            .iter()
            .filter(|e| !service.common_errors.iter().any(|c| c.code == e.code)),
    )
}

/// An action's error codes and the name of its error type:
/// `pub type XError = ServiceError<XErrorCode>`.
pub fn emit_errors(service: &Service, action: &Action, error: &Ident) -> TokenStream {
    let codes = action_codes(service, action);
    let code_enum_name = format_ident!("{}Code", error);
    let action_name = &action.name;
    let body = code_enum(&code_enum_name, &codes, true);
    let common: Vec<String> = sorted_codes(action.errors.iter())
        .iter()
        .filter(|e| !codes.iter().any(|c| c.code == e.code))
        .map(|e| format!("`{}`", e.code))
        .collect();
    let also = if common.is_empty() {
        String::new()
    } else {
        format!(
            " The page also lists the common codes {}.",
            common.join(", ")
        )
    };
    let enum_doc = doc_attrs(&format!("Error codes of `{action_name}`: its own table, then the common error codes as `Common(…)`.{also}"));
    let error_doc = doc_attrs(&format!(
        "An error answer of `{action_name}`: its code, message and request ID."
    ));
    quote! {
        #enum_doc
        #body

        #error_doc
        pub type #error = ::tencentcloud_runtime::ServiceError<#code_enum_name>;
    }
}
