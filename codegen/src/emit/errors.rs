//! Error enums: one per action from its page's table, plus the common error codes
//! (shared once per crate, reachable from every action's enum as `Common(…)`).

use super::docs::{doc_attrs, page_text};
use super::names::{unique, Case, ERROR_CODE_MEMBERS};
use super::naming::{error_variant, ident};
use doc_model::ir::{Action, ErrorCode, Service};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The common error codes, once per crate: `src/common_errors.rs`.
pub fn emit_common_errors(service: &Service) -> TokenStream {
    let codes = sorted_codes(service.common_errors.iter());
    let body = code_enum(&format_ident!("CommonErrorCode"), &codes, &|e| doc_attrs(&format!("`{}`: {}", e.code, page_text(&e.description))), None);
    quote! {
        //! Error codes every action can return (the common error codes page).
        #body
    }
}

/// The codes of a table in variant order: sorted, each code once.
pub fn sorted_codes<'a>(codes: impl Iterator<Item = &'a ErrorCode>) -> Vec<&'a ErrorCode> {
    let map: BTreeMap<&str, &ErrorCode> = codes.filter(|e| !e.code.is_empty()).map(|e| (e.code.as_str(), e)).collect();
    map.into_values().collect()
}

/// An enum of codes with `as_str`/`from_code`; `fallback` is the enum of codes tried
/// before giving up on `Unknown` (the common codes, for per-action enums).
fn code_enum(name: &Ident, codes: &[&ErrorCode], doc: &dyn Fn(&ErrorCode) -> TokenStream, fallback: Option<&Ident>) -> TokenStream {
    let bases: Vec<String> = codes.iter().map(|e| error_variant(&e.code)).collect();
    let variants: Vec<Ident> = unique(&bases, ERROR_CODE_MEMBERS, Case::Camel).0.iter().map(|n| ident(n)).collect();
    let wire: Vec<&str> = codes.iter().map(|e| e.code.as_str()).collect();
    let docs: Vec<TokenStream> = codes.iter().map(|e| doc(e)).collect();
    let (common_variant, common_str, common_from) = match fallback {
        Some(common) => (
            quote! {
                /// A common error code (see [`crate::common_errors::CommonErrorCode`]).
                Common(crate::common_errors::#common),
            },
            quote! { Self::Common(code) => code.as_str(), },
            quote! {
                other => match crate::common_errors::#common::from_code(other) {
                    crate::common_errors::#common::Unknown(code) => Self::Unknown(code),
                    common => Self::Common(common),
                },
            },
        ),
        None => (quote!(), quote!(), quote! { other => Self::Unknown(other.to_string()), }),
    };
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
            #common_variant
            /// A code not documented when this crate was generated, kept verbatim.
            Unknown(::std::string::String),
        }

        impl #name {
            /// The code as the service sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    #common_str
                    Self::Unknown(code) => code.as_str(),
                }
            }

            /// The typed code for a code string; unknown codes are kept verbatim.
            pub fn from_code(code: &str) -> Self {
                match code {
                    #( #wire => Self::#variants, )*
                    #common_from
                }
            }
        }
    }
}

pub fn emit_errors(action: &Action, error: &Ident) -> TokenStream {
    let codes = sorted_codes(action.errors.iter());
    let code_enum_name = format_ident!("{}Code", error);
    let action_name = &action.name;
    let codes_body = code_enum(
        &code_enum_name,
        &codes,
        &|e| doc_attrs(&format!("`{}`: {}", e.code, page_text(&e.description))),
        Some(&format_ident!("CommonErrorCode")),
    );
    let code_enum = &code_enum_name;
    let enum_doc = doc_attrs(&format!("Error codes of `{action_name}`: its own table, then the common error codes as `Common(…)`."));
    let error_doc = doc_attrs(&format!("An error answer of `{action_name}`."));
    let display = format!("{action_name} failed with {{}}: {{}}");
    quote! {
        #enum_doc
        #codes_body

        #error_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct #error {
            pub code: #code_enum,
            pub message: ::std::string::String,
            pub request_id: ::std::option::Option<::std::string::String>,
        }

        impl ::std::fmt::Display for #error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, #display, self.code.as_str(), self.message)?;
                if let ::std::option::Option::Some(id) = &self.request_id {
                    write!(f, " (RequestId {id})")?;
                }
                Ok(())
            }
        }

        impl ::std::error::Error for #error {}

        impl ::std::convert::From<::tencentcloud_runtime::ServiceErrorParts> for #error {
            fn from(parts: ::tencentcloud_runtime::ServiceErrorParts) -> Self {
                #error { code: #code_enum::from_code(&parts.code), message: parts.message, request_id: parts.request_id }
            }
        }

        impl ::tencentcloud_runtime::ServiceError for #error {
            fn code(&self) -> &str {
                self.code.as_str()
            }
            fn message(&self) -> &str {
                &self.message
            }
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.request_id.as_deref()
            }
        }
    }
}
