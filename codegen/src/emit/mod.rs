//! IR → the files of a generated client crate. Pure: returns paths and contents.

mod client;
mod context;
mod docs;
pub(crate) mod enums;
mod errors;
mod example_tests;
mod header;
mod limit_tests;
pub mod names;
mod naming;
mod operation;
mod recursion;
mod rule_tables;
mod short_paths;
mod templates;
mod types;

use askama::Template;
use context::Ctx;
use doc_model::diagnostic::Diagnostic;
use doc_model::ir::Service;
use header::rust_header;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use operation::TYPED_REQUIRED_LIMIT;

/// A generated crate: its files, and what the generator had to decide about names
/// (warnings naming the wire names involved).
#[derive(Debug, Clone)]
pub struct EmittedCrate {
    pub files: Vec<GeneratedFile>,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate directory, with `/` separators.
    pub path: String,
    pub contents: String,
}

#[derive(Debug, Clone, Default)]
pub struct EmitOptions {
    /// How headers name the drop directory (`specs/tat`).
    pub spec_dir: String,
    /// Path from the crate directory to the runtime crate.
    pub runtime_path: String,
    /// Path from the crate directory to the emulator crate (dev-dependency of examples).
    pub emulator_path: String,
    /// Hand-written example programs of the service (`specs/<svc>/examples/*.rs`),
    /// copied into the crate's `examples/`.
    pub examples: Vec<ExampleProgram>,
    /// The crate's version (`0.1.0`), from its release record.
    pub crate_version: String,
    /// The day the drop was generated (`2026-12-01`), shown in the crate docs.
    pub drop_date: String,
}

/// One example program: its file name and source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleProgram {
    pub file_name: String,
    pub source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("generated code for {file} does not parse as Rust ({message}); this is a generator bug")]
    InvalidRust { file: String, message: String },
    #[error("{file} does not parse as Rust: {message}")]
    InvalidExample { file: String, message: String },
    #[error("template {file} failed: {message}")]
    Template { file: String, message: String },
}

/// `tencentcloud-tat`.
pub fn crate_name(service: &Service) -> String {
    format!("tencentcloud-{}", service.service.name.to_lowercase())
}

pub fn emit_crate(service: &Service, options: &EmitOptions) -> Result<EmittedCrate, EmitError> {
    let ctx = Ctx::new(service);
    let crate_name = crate_name(service);
    let crate_ident_owned = crate_name.replace('-', "_");
    let crate_ident = crate_ident_owned.as_str();
    let spec = options.spec_dir.as_str();
    let mut files = Vec::new();

    // Pages are named without extension: the crate is the same whichever format the drop came in.
    let page_of = |file: &str| {
        let name = std::path::Path::new(file).file_stem().and_then(|n| n.to_str()).unwrap_or(file).to_string();
        format!("{spec}/{name}")
    };

    // Every Rust file is an independent job (token building, parsing, printing);
    // they run on all cores. Tokens are built inside the job: they are not `Send`.
    type Job<'j> = Box<dyn Fn() -> Result<GeneratedFile, EmitError> + Sync + 'j>;
    let ctx = &ctx;
    let mut jobs: Vec<Job<'_>> = vec![
        Box::new(move || rust_file("src/lib.rs", spec, lib_rs(ctx, crate_ident, options))),
        Box::new(move || rust_file("src/client.rs", spec, client::emit_client(ctx))),
        Box::new(move || rust_file("src/common_errors.rs", spec, errors::emit_common_errors(service))),
        Box::new(move || {
            let enum_items = ctx.enums.defs.iter().map(enums::emit_enum);
            rust_file(
                "src/enums.rs",
                spec,
                quote! {
                    //! String enumerations documented by the API.
                    #( #enum_items )*
                },
            )
        }),
        Box::new(move || {
            let types_body = types::emit_types(ctx);
            rust_file(
                "src/types.rs",
                spec,
                quote! {
                    //! Structures from the Data Types page.
                    #types_body
                },
            )
        }),
        Box::new(move || {
            let modules: Vec<_> = service.actions.iter().map(|a| ctx.names.action(&a.name)).collect();
            let module_docs: Vec<String> = service.actions.iter().map(|a| format!(" `{}`: request, response, builder and errors.", a.name)).collect();
            rust_file(
                "src/operation/mod.rs",
                spec,
                quote! {
                    //! One module per action.
                    #( #[doc = #module_docs] pub mod #modules; )*
                },
            )
        }),
        Box::new(move || rust_file("tests/doc_examples.rs", spec, example_tests::emit_example_tests(ctx, &format_ident!("{}", crate_ident)))),
        Box::new(move || rust_file("tests/documented_limits.rs", spec, limit_tests::emit_limit_tests(ctx, &format_ident!("{}", crate_ident)))),
    ];
    for action in &service.actions {
        let page = page_of(&action.location.file);
        jobs.push(Box::new(move || {
            let body = operation::emit_operation(ctx, action);
            let doc = format!(" `{}`: {}", action.name, docs::page_text(&action.description));
            let path = format!("src/operation/{}.rs", ctx.names.action_text(&action.name));
            rust_file(
                &path,
                &page,
                quote! {
                    #![doc = #doc]
                    #body
                },
            )
        }));
    }
    for r in doc_model::parallel::map_in_order(&jobs, |job| job()) {
        files.push(r?);
    }

    for example in &options.examples {
        files.push(example_file(spec, example)?);
    }
    let example_names: Vec<String> = options.examples.iter().map(|e| e.file_name.trim_end_matches(".rs").to_string()).collect();
    let service_upper = service.service.name.to_uppercase();
    files.push(text_file(
        "Cargo.toml",
        templates::CargoToml {
            spec_dir: spec,
            crate_name: &crate_name,
            crate_version: &options.crate_version,
            service: &service.service.name.to_lowercase(),
            service_upper: &service_upper,
            version: &service.service.version,
            runtime_path: &options.runtime_path,
            emulator_path: &options.emulator_path,
            has_examples: !options.examples.is_empty(),
            runtime_requirement: templates::RUNTIME_REQUIREMENT,
            rust_version: templates::RUST_VERSION,
            repository: templates::REPOSITORY,
        }
        .render(),
    )?);
    let actions = service
        .actions
        .iter()
        .map(|a| templates::ActionRow {
            name: a.name.clone(),
            method: ctx.names.action_text(&a.name).to_string(),
            limit: a.rate_limit_per_second.map_or("—".to_string(), |n| format!("{n}/s")),
        })
        .collect();
    files.push(text_file(
        "README.md",
        templates::Readme {
            spec_dir: spec,
            crate_name: &crate_name,
            crate_ident,
            service_upper: &service_upper,
            version: &service.service.version,
            domain: &service.service.domain,
            example_call: &example_call(ctx),
            actions,
            examples: example_names,
        }
        .render(),
    )?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(EmittedCrate { files, warnings: ctx.names.warnings.clone() })
}

/// A call for docs: the first action without required parameters, sent.
fn example_call(ctx: &Ctx<'_>) -> String {
    match ctx.service.actions.iter().find(|a| a.request.iter().all(|f| f.required != Some(true))) {
        Some(a) => format!("let answer = client.{}().send().await?;\nprintln!(\"{{answer:?}}\");", ctx.names.action(&a.name)),
        None => "let _ = client;".to_string(),
    }
}

fn lib_rs(ctx: &Ctx<'_>, crate_ident: &str, options: &EmitOptions) -> TokenStream {
    let s = &ctx.service.service;
    let release = match options.drop_date.as_str() {
        "" => String::new(),
        date => format!("\n\n Crate version {}, generated from the documentation drop of {date} (changes: `CHANGELOG.md`).", options.crate_version),
    };
    let doc = format!(
        " Client for the Tencent Cloud `{}` API, version {}, generated from its documentation.{release}\n\n \
         ```no_run\n # async fn demo() -> Result<(), Box<dyn std::error::Error>> {{\n let client = {crate_ident}::Client::builder().region(\"ap-guangzhou\").build()?;\n {}\n # Ok(()) }}\n ```",
        s.name,
        s.version,
        example_call(ctx).replace('\n', "\n ")
    );
    quote! {
        #![doc = #doc]
        #![forbid(unsafe_code)]

        pub mod client;
        pub mod common_errors;
        pub mod enums;
        pub mod operation;
        pub mod types;

        pub use client::Client;
        pub use tencentcloud_runtime::{Credentials, Endpoint, ErrorCode, RetryPolicy, SdkError, ServiceError, Validate, ValidationErrors, Violation, WireEnum};
    }
}

fn rust_file(path: &str, source: &str, tokens: TokenStream) -> Result<GeneratedFile, EmitError> {
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| EmitError::InvalidRust { file: path.to_string(), message: e.to_string() })?;
    short_paths::shorten(&mut file);
    // Generated files keep prettyplease's layout: `cargo fmt` leaves them alone.
    file.attrs.insert(0, syn::parse_quote!(#![cfg_attr(rustfmt, rustfmt::skip)]));
    let mut contents = rust_header(source);
    contents.push('\n');
    contents.push_str(&prettyplease::unparse(&file));
    Ok(GeneratedFile { path: path.to_string(), contents })
}

/// A hand-written example, copied verbatim under a header naming where to edit it.
/// It must parse: a broken example is reported against its spec file, not compiled later.
fn example_file(spec: &str, example: &ExampleProgram) -> Result<GeneratedFile, EmitError> {
    let source_path = format!("{spec}/examples/{}", example.file_name);
    syn::parse_file(&example.source).map_err(|e| EmitError::InvalidExample { file: source_path.clone(), message: e.to_string() })?;
    let mut contents = format!("// @generated by `cargo xtask regen`: copied from {source_path}. Edit it there.\n");
    contents.push_str(&example.source);
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    Ok(GeneratedFile { path: format!("examples/{}", example.file_name), contents })
}

fn text_file(path: &str, rendered: Result<String, askama::Error>) -> Result<GeneratedFile, EmitError> {
    let mut contents = rendered.map_err(|e| EmitError::Template { file: path.to_string(), message: e.to_string() })?;
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    Ok(GeneratedFile { path: path.to_string(), contents })
}
