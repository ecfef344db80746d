//! Error codes: one enum per action from its page's table, plus the common error codes
//! (once per crate, reachable from every action's enum as `Common(…)`). A common code an
//! action's page lists again stays `Common(…)`, so each code has one spelling crate-wide.
//! Each is a table for the runtime's `ErrorCode`; the error itself is the runtime's
//! `ServiceError<C>`.

use super::docs::{doc_attrs, page_text};
use super::identifiers::error_variant;
use super::name_plan::{unique, Case, ERROR_CODE_MEMBERS};
use doc_model::ir::{Action, ErrorCode, Service};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The common error codes, once per crate: `src/common_errors.rs`, its module doc (tokens)
/// and its enum (text, see [`code_enum`]).
pub fn emit_common_errors(service: &Service) -> (TokenStream, String) {
    let name = format_ident!("CommonErrorCode");
    let doc = "A common error code. Codes this crate does not know are kept in `Unknown`.";
    let codes = sorted_codes(service.common_errors.iter());
    let module_doc = quote! {
        //! Error codes every action can return (the common error codes page).
    };
    (module_doc, code_enum(doc, &name, &codes, false))
}

/// The codes of a table in variant order: sorted, each code once.
pub fn sorted_codes<'a>(codes: impl Iterator<Item = &'a ErrorCode>) -> Vec<&'a ErrorCode> {
    let map: BTreeMap<&str, &ErrorCode> = codes
        .filter(|e| !e.code.is_empty())
        .map(|e| (e.code.as_str(), e))
        .collect();
    map.into_values().collect()
}

/// An enum of codes and its `ErrorCode` table, as an `error_codes!` invocation written out
/// one code per line (prettyplease would fill a macro's tokens into paragraphs);
/// `with_common`: codes it does not list are tried as common codes before they are kept
/// as unknown.
fn code_enum(doc: &str, name: &Ident, codes: &[&ErrorCode], with_common: bool) -> String {
    let variants = code_variants(codes);
    let mut text = String::from("::tencentcloud_runtime::error_codes! {\n");
    for line in doc.lines() {
        text.push_str(&format!("    /// {line}\n").replace("///  ", "/// "));
    }
    let common = if with_common { " + Common" } else { "" };
    text.push_str(&format!("    pub enum {name}{common} {{\n"));
    for (e, variant) in codes.iter().zip(&variants) {
        let code = Literal::string(&e.code);
        let description = Literal::string(&page_text(&e.description));
        text.push_str(&format!("        {variant} = {code}: {description},\n"));
    }
    text.push_str("    }\n}\n");
    text
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

/// An action's error codes and the name of its error type: the alias
/// `pub type XError = ServiceError<XErrorCode>` (tokens) and the code enum (text, written
/// after the module's other items).
pub fn emit_errors(service: &Service, action: &Action, error: &Ident) -> (TokenStream, String) {
    let codes = action_codes(service, action);
    let code_enum_name = format_ident!("{}Code", error);
    let action_name = &action.name;
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
    let enum_doc = format!("Error codes of `{action_name}`: its own table, then the common error codes as `Common(…)`.{also}");
    let error_doc = doc_attrs(&format!(
        "An error answer of `{action_name}`: its code, message and request ID."
    ));
    let alias = quote! {
        #error_doc
        pub type #error = ::tencentcloud_runtime::ServiceError<#code_enum_name>;
    };
    (alias, code_enum(&enum_doc, &code_enum_name, &codes, true))
}
