//! Per-action error enums: the page's error table plus the common error codes.

use super::docs::{doc_attrs, page_text};
use super::naming::{dedupe, error_variant, type_ident};
use crate::ir::{Action, ErrorCode, Service};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

pub fn emit_errors(service: &Service, action: &Action, error: &Ident) -> TokenStream {
    // The action's own table first, then common codes it does not list; sorted by code.
    let mut codes: BTreeMap<&str, &ErrorCode> = BTreeMap::new();
    for e in service.common_errors.iter().chain(&action.errors) {
        codes.insert(e.code.as_str(), e);
    }
    let codes: Vec<&ErrorCode> = codes.into_values().filter(|e| !e.code.is_empty()).collect();
    let names = dedupe(codes.iter().map(|e| error_variant(&e.code)).map(|n| if n == "Unknown" { "UnknownCode".into() } else { n }).collect());
    let variants: Vec<Ident> = names.iter().map(|n| type_ident(n)).collect();
    let wire: Vec<&str> = codes.iter().map(|e| e.code.as_str()).collect();
    let docs: Vec<TokenStream> = codes
        .iter()
        .map(|e| {
            let own = action.errors.iter().any(|a| a.code == e.code);
            doc_attrs(&format!("`{}`: {}{}", e.code, page_text(&e.description), if own { "" } else { " (common error code)" }))
        })
        .collect();
    let code_enum = format_ident!("{}Code", error);
    let action_name = &action.name;
    let enum_doc = doc_attrs(&format!("Error codes `{action_name}` can return: its own table and the common error codes."));
    let error_doc = doc_attrs(&format!("An error answer of `{action_name}`."));
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #code_enum {
            #( #docs #variants, )*
            /// A code not documented when this crate was generated, kept verbatim.
            Unknown(::std::string::String),
        }

        impl #code_enum {
            /// The code as the service sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    Self::Unknown(code) => code.as_str(),
                }
            }

            pub fn from_code(code: &str) -> Self {
                match code {
                    #( #wire => Self::#variants, )*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        #error_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct #error {
            pub code: #code_enum,
            pub message: ::std::string::String,
            pub request_id: ::std::option::Option<::std::string::String>,
        }

        impl ::std::fmt::Display for #error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{} failed with {}: {}", #action_name, self.code.as_str(), self.message)?;
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
