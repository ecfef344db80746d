//! IR → the files of a generated client crate. Pure: returns paths and contents.

mod client;
pub(crate) mod context;
mod dependencies;
mod directions;
mod doc_locations;
mod docs;
pub(crate) mod encodings;
pub(crate) mod enums;
pub(crate) mod errors;
mod example_tests;
pub(crate) mod features;
mod generated_file;
mod header;
pub(crate) mod identifiers;
mod limit_tests;
pub mod name_plan;
pub(crate) mod operation;
mod recursion;
mod rule_tables;
mod rule_tokens;
mod short_paths;
mod table_layout;
mod templates;
mod test_util;
mod typed_values;
mod types;
mod waiters;

use askama::Template;
use context::Ctx;
use dependencies::Uses;
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

pub use generated_file::GeneratedFile;

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
    #[error(
        "generated code for {file} does not parse as Rust ({message}); this is a generator bug"
    )]
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
    let crate_ident = crate_name.replace('-', "_");
    let mut rust = emit_rust_files(&ctx, &crate_ident, options)?;
    for example in &options.examples {
        rust.push(example_file(&options.spec_dir, example)?);
    }
    let mut files = vec![
        cargo_toml(service, &crate_name, options, &rust)?,
        readme(&ctx, &crate_name, &crate_ident, options)?,
        doc_locations::doc_locations(&ctx, &options.spec_dir),
    ];
    files.extend(rust.into_iter().map(|r| r.file));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(EmittedCrate {
        files,
        warnings: ctx.names.warnings.clone(),
    })
}

/// An emitted or copied Rust file, and the crates its paths use.
struct RustFile {
    file: GeneratedFile,
    uses: Uses,
}

/// One Rust file to emit; tokens are built inside the job (they are not `Send`).
type Job<'j> = Box<dyn Fn() -> Result<RustFile, EmitError> + Sync + 'j>;

/// Every Rust file of the crate. Each is an independent job (token building, parsing,
/// printing); they run on all cores.
fn emit_rust_files(
    ctx: &Ctx<'_>,
    crate_ident: &str,
    options: &EmitOptions,
) -> Result<Vec<RustFile>, EmitError> {
    let mut jobs = crate_jobs(ctx, crate_ident, options);
    jobs.extend(action_jobs(ctx, crate_ident, &options.spec_dir));
    doc_model::parallel::map_in_order(&jobs, |job| job())
        .into_iter()
        .collect()
}

/// The crate's files other than the actions' modules.
fn crate_jobs<'j>(
    ctx: &'j Ctx<'_>,
    crate_ident: &'j str,
    options: &'j EmitOptions,
) -> Vec<Job<'j>> {
    let spec = options.spec_dir.as_str();
    let mut jobs: Vec<Job<'j>> = vec![
        Box::new(move || rust_file("src/lib.rs", spec, lib_rs(ctx, crate_ident, options))),
        Box::new(move || rust_file("src/client.rs", spec, client::emit_client(ctx))),
        Box::new(move || {
            let (tokens, codes) = errors::emit_common_errors(ctx.service);
            rust_file_with_tail("src/common_errors.rs", spec, tokens, &codes)
        }),
        Box::new(move || {
            let enums: String = ctx.enums.defs.iter().map(enums::emit_enum).collect();
            let tokens = quote! {
                //! String enumerations documented by the API.
            };
            rust_file_with_tail("src/enums.rs", spec, tokens, &enums)
        }),
        Box::new(move || {
            let (types_body, serde) = types::emit_types(ctx);
            let tokens = quote! {
                //! Structures from the Data Types page.
                #types_body
            };
            rust_file_with_tail("src/types.rs", spec, tokens, &serde)
        }),
        Box::new(move || rust_file("src/operation/mod.rs", spec, operation_modules(ctx))),
        Box::new(move || rust_file("src/test_util.rs", spec, test_util::emit_test_util())),
        Box::new(move || {
            let tokens = limit_tests::emit_limit_tests(ctx, &format_ident!("{}", crate_ident));
            rust_file("tests/it/documented_limits.rs", spec, tokens)
        }),
        Box::new(move || rust_file("tests/it/main.rs", spec, test_binary(ctx))),
    ];
    if !ctx.service.waiters.is_empty() {
        jobs.push(Box::new(move || {
            rust_file("src/waiters.rs", spec, waiters::emit_waiters(ctx))
        }));
    }
    if has_examples(ctx) {
        jobs.push(Box::new(move || {
            let tokens = example_tests::emit_example_tests(ctx, &format_ident!("{}", crate_ident));
            rust_file("tests/it/doc_examples.rs", spec, tokens)
        }));
    }
    jobs
}

/// Whether any page has an example (and so the crate has example tests).
fn has_examples(ctx: &Ctx<'_>) -> bool {
    ctx.service.actions.iter().any(|a| !a.examples.is_empty())
}

/// `tests/it/main.rs`: the crate's tests, one binary.
fn test_binary(ctx: &Ctx<'_>) -> TokenStream {
    let examples = has_examples(ctx).then(|| {
        quote!(
            mod doc_examples;
        )
    });
    quote! {
        //! The crate's tests from its documentation, one binary: every doc example as a
        //! request and an answer, every documented limit at and past its boundary.
        #examples
        mod documented_limits;
    }
}

/// `src/operation/mod.rs`: one module per action, and their shared `Builder`.
fn operation_modules(ctx: &Ctx<'_>) -> TokenStream {
    let actions = &ctx.service.actions;
    let modules = actions.iter().map(|a| ctx.names.action(&a.name));
    let docs = actions
        .iter()
        .map(|a| format!(" `{}`: request, response, builder and errors.", a.name));
    let builder = operation::shared_builder();
    quote! {
        //! One module per action, and the builder they share.
        #( #[doc = #docs] pub mod #modules; )*
        #builder
    }
}

/// `src/operation/<action>.rs` of every action, headed by its page (named without
/// extension: the crate is the same whichever format the drop came in).
fn action_jobs<'j>(ctx: &'j Ctx<'_>, crate_ident: &'j str, spec: &'j str) -> Vec<Job<'j>> {
    let page_of = move |file: &str| {
        let path = std::path::Path::new(file);
        let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or(file);
        format!("{spec}/{name}")
    };
    let jobs = ctx.service.actions.iter().map(move |action| {
        let job: Job<'j> = Box::new(move || {
            let (tokens, codes) = operation::emit_operation(ctx, action, crate_ident);
            let path = format!("src/operation/{}.rs", ctx.names.action_text(&action.name));
            rust_file_with_tail(&path, &page_of(&action.location.file), tokens, &codes)
        });
        job
    });
    jobs.collect()
}

/// `Cargo.toml`, with the dependencies the crate's files use.
fn cargo_toml(
    service: &Service,
    crate_name: &str,
    options: &EmitOptions,
    rust: &[RustFile],
) -> Result<GeneratedFile, EmitError> {
    let in_library = |r: &&RustFile| r.file.path.starts_with("src/");
    let library = dependencies::merged(rust.iter().filter(in_library).map(|r| &r.uses));
    let dev = dependencies::merged(rust.iter().filter(|r| !in_library(r)).map(|r| &r.uses));
    let paths = dependencies::ProjectPaths {
        runtime: &options.runtime_path,
        emulator: &options.emulator_path,
        requirement: templates::RUNTIME_REQUIREMENT,
    };
    let (dependencies, dev_dependencies) = dependencies::manifest_sections(&library, &dev, &paths);
    let manifest = templates::CargoToml {
        spec_dir: &options.spec_dir,
        crate_name,
        crate_version: &options.crate_version,
        service: &service.service.name.to_lowercase(),
        service_upper: &service.service.name.to_uppercase(),
        version: &service.service.version,
        dependencies,
        dev_dependencies,
        rust_version: templates::RUST_VERSION,
        repository: templates::REPOSITORY,
        side_table: doc_locations::PATH,
        default_features: features::defaults(),
        features: &features::FEATURES,
    };
    text_file("Cargo.toml", manifest.render())
}

/// `README.md`: the crate, its actions and their documented rates, its examples.
fn readme(
    ctx: &Ctx<'_>,
    crate_name: &str,
    crate_ident: &str,
    options: &EmitOptions,
) -> Result<GeneratedFile, EmitError> {
    let service = ctx.service;
    let actions = service
        .actions
        .iter()
        .map(|a| templates::ActionRow {
            name: a.name.clone(),
            method: ctx.names.action_text(&a.name).to_string(),
            limit: a
                .rate_limit_per_second
                .map_or("—".to_string(), |n| format!("{n}/s")),
        })
        .collect();
    let examples = options
        .examples
        .iter()
        .map(|e| e.file_name.trim_end_matches(".rs").to_string())
        .collect();
    let readme = templates::Readme {
        spec_dir: &options.spec_dir,
        crate_name,
        crate_ident,
        service_upper: &service.service.name.to_uppercase(),
        version: &service.service.version,
        domain: &service.service.domain,
        example_call: &example_call(ctx),
        actions,
        examples,
    };
    text_file("README.md", readme.render())
}

/// A call for docs: the first action without required parameters, sent.
fn example_call(ctx: &Ctx<'_>) -> String {
    match ctx
        .service
        .actions
        .iter()
        .find(|a| a.request.iter().all(|f| f.required != Some(true)))
    {
        Some(a) => format!(
            "let answer = client.{}().send().await?;\nprintln!(\"{{answer:?}}\");",
            ctx.names.action(&a.name)
        ),
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
    let waiters = (!ctx.service.waiters.is_empty()).then(|| {
        quote!(
            pub mod waiters;
        )
    });
    quote! {
        #![doc = #doc]
        #![forbid(unsafe_code)]

        pub mod client;
        pub mod common_errors;
        pub mod enums;
        pub mod operation;
        #[cfg(feature = "test-util")]
        pub mod test_util;
        pub mod types;
        #waiters

        pub use client::Client;
        pub use tencentcloud_runtime::{
            Credentials, Endpoint, ErrorCode, RetryPolicy, SdkError, ServiceError, Validate,
            ValidationErrors, Violation, WireEnum,
        };
    }
}

fn rust_file(path: &str, source: &str, tokens: TokenStream) -> Result<RustFile, EmitError> {
    rust_file_with_tail(path, source, tokens, "")
}

/// [`rust_file`], followed by `tail`: Rust written out by hand (macro invocations laid out
/// one entry per line), which must parse too.
fn rust_file_with_tail(
    path: &str,
    source: &str,
    tokens: TokenStream,
    tail: &str,
) -> Result<RustFile, EmitError> {
    let invalid = |e: syn::Error| EmitError::InvalidRust {
        file: path.to_string(),
        message: e.to_string(),
    };
    syn::parse_file(tail).map_err(invalid)?;
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| EmitError::InvalidRust {
        file: path.to_string(),
        message: e.to_string(),
    })?;
    short_paths::shorten(&mut file);
    // Generated files keep prettyplease's layout: `cargo fmt` leaves them alone.
    file.attrs
        .insert(0, syn::parse_quote!(#![cfg_attr(rustfmt, rustfmt::skip)]));
    let uses = Uses::of(&file);
    let mut contents = rust_header(source);
    contents.push('\n');
    contents.push_str(&table_layout::rule_tables(&prettyplease::unparse(&file)));
    contents.push_str(tail);
    let file = GeneratedFile {
        path: path.to_string(),
        contents,
    };
    Ok(RustFile { file, uses })
}

/// A hand-written example, copied verbatim under a header naming where to edit it.
/// It must parse: a broken example is reported against its spec file, not compiled later.
fn example_file(spec: &str, example: &ExampleProgram) -> Result<RustFile, EmitError> {
    let source_path = format!("{spec}/examples/{}", example.file_name);
    let parsed = syn::parse_file(&example.source).map_err(|e| EmitError::InvalidExample {
        file: source_path.clone(),
        message: e.to_string(),
    })?;
    let mut contents = format!(
        "// @generated by `cargo xtask regen`: copied from {source_path}. Edit it there.\n"
    );
    contents.push_str(&example.source);
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    let file = GeneratedFile {
        path: format!("examples/{}", example.file_name),
        contents,
    };
    Ok(RustFile {
        file,
        uses: Uses::of(&parsed),
    })
}

fn text_file(
    path: &str,
    rendered: Result<String, askama::Error>,
) -> Result<GeneratedFile, EmitError> {
    let mut contents = rendered.map_err(|e| EmitError::Template {
        file: path.to_string(),
        message: e.to_string(),
    })?;
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    Ok(GeneratedFile {
        path: path.to_string(),
        contents,
    })
}
