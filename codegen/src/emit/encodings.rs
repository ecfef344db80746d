//! Methods for members whose pages describe an encoding in prose (`Fact::Base64`,
//! `JsonStringValues`): on builders, `<member>_raw(bytes)` (Base64-encodes) and
//! `<member>_map(pairs)` (a JSON object of strings); on answers and structures,
//! `<member>_decoded()` and `<member>_map()`. Skipped where the name is taken by a setter.

use super::context::{Ctx, Owner};
use super::docs::doc_attrs;
use doc_model::ir::{ConstraintKind, Fact, Field, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use tencentcloud_rules::Rule;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Base64,
    StringMap,
}

/// The member's encoding, when its Rust type is a plain string: an encoding never applies
/// to a structure, a list or an enumeration (whose values the page lists, so they are not
/// bytes or a JSON document, whatever else the description says).
fn encoding_of(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field) -> Option<Encoding> {
    if f.ty != TypeRef::String || ctx.enums.enum_of(owner, &f.name).is_some() {
        return None;
    }
    let has = |kind: ConstraintKind| f.constraints.iter().any(|c| c.kind == kind);
    if has(Fact::Base64.into()) {
        Some(Encoding::Base64)
    } else if has(Rule::JsonStringValues.into()) {
        Some(Encoding::StringMap)
    } else {
        None
    }
}

/// The extra setter of an encoded request member: its name, argument type, the expression
/// that encodes `value`, and its doc; `None` for other members or a name already taken.
pub struct EncodedSetter {
    pub name: Ident,
    pub arg: TokenStream,
    pub conv: TokenStream,
    pub doc: TokenStream,
}

pub fn encoded_setter(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    f: &Field,
    siblings: &[Field],
) -> Option<EncodedSetter> {
    let field = ctx
        .names
        .field_text(owner, &f.name)
        .trim_start_matches("r#");
    let (suffix, arg, conv, what) = match encoding_of(ctx, owner, f)? {
        Encoding::Base64 => (
            "raw",
            quote!(impl ::std::convert::AsRef<[u8]>),
            quote!(::tencentcloud_runtime::encodings::base64_encode(value)),
            "from raw bytes, Base64-encoding them",
        ),
        Encoding::StringMap => (
            "map",
            quote!(
                impl ::std::iter::IntoIterator<
                    Item = (
                        impl ::std::convert::Into<::std::string::String>,
                        impl ::std::convert::Into<::std::string::String>
                    ),
                >
            ),
            quote!(::tencentcloud_runtime::encodings::string_map_encode(value)),
            "from key-value pairs, as the JSON object of strings it documents",
        ),
    };
    let name = format!("{field}_{suffix}");
    let taken = siblings
        .iter()
        .any(|s| ctx.names.field_text(owner, &s.name) == name);
    let doc = doc_attrs(&format!(
        "Sets `{}` {what}; its documented limits apply to the encoded text.",
        f.name
    ));
    (!taken).then(|| EncodedSetter {
        name: format_ident!("{}", name),
        arg,
        conv,
        doc,
    })
}

/// The decoding getter of an encoded answer or structure member (`<member>_decoded`,
/// `<member>_map`); `None` for other members.
pub fn getter_name(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field) -> Option<String> {
    let suffix = match encoding_of(ctx, owner, f)? {
        Encoding::Base64 => "decoded",
        Encoding::StringMap => "map",
    };
    let field = ctx.names.field_text(owner, &f.name);
    Some(format!("{}_{suffix}", field.trim_start_matches("r#")))
}

/// `impl <Type> { <member>_decoded()… <member>_map()… }` for the encoded members of an
/// answer or structure; nothing when it has none.
pub fn getters(
    ctx: &Ctx<'_>,
    owner: Owner<'_>,
    ty: &Ident,
    fields: &[Field],
    optional: &dyn Fn(&Field) -> bool,
) -> TokenStream {
    let methods: Vec<TokenStream> = fields
        .iter()
        .filter_map(|f| {
            let encoding = encoding_of(ctx, owner, f)?;
            let name = format_ident!("{}", getter_name(ctx, owner, f)?);
            let field = ctx.names.field(owner, &f.name);
            let wire = &f.name;
            let value = if optional(f) {
                quote!(self.#field.as_deref())
            } else {
                quote!(::std::option::Option::Some(self.#field.as_str()))
            };
            Some(match encoding {
                Encoding::Base64 => {
                    let doc = doc_attrs(&format!("The bytes `{wire}` holds, decoded from Base64."));
                    quote! {
                        #doc
                        pub fn #name(&self) -> ::std::result::Result<
                            ::std::vec::Vec<u8>,
                            ::tencentcloud_runtime::encodings::DecodeError,
                        > {
                            ::tencentcloud_runtime::encodings::base64_decode(#wire, #value)
                        }
                    }
                }
                Encoding::StringMap => {
                    let doc = doc_attrs(&format!(
                        "The pairs `{wire}` holds, decoded from its JSON object of strings."
                    ));
                    quote! {
                        #doc
                        pub fn #name(&self) -> ::std::result::Result<
                            ::std::collections::BTreeMap<
                                ::std::string::String,
                                ::std::string::String,
                            >,
                            ::tencentcloud_runtime::encodings::DecodeError,
                        > {
                            ::tencentcloud_runtime::encodings::string_map_decode(#wire, #value)
                        }
                    }
                }
            })
        })
        .collect();
    if methods.is_empty() {
        return quote!();
    }
    quote! {
        impl #ty {
            #( #methods )*
        }
    }
}
