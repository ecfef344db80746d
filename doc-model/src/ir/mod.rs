//! The intermediate model and how pages become it.

mod action_marks;
mod action_page;
mod api_version;
pub mod boundary;
mod common_pages;
pub mod conformance;
pub mod constraint;
pub mod constraints;
mod data_types_page;
pub mod examples;
mod field_row;
pub mod limit_report;
pub mod model;
pub mod page_layout;
mod page_view;
mod schema_two;
pub mod shape;
pub mod type_ref;
pub mod vocabulary;
pub mod waiters;

pub use constraint::{Constraint, ConstraintKind, EnumValue, Fact};
pub use model::*;

use crate::diagnostic::{Diagnostic, DocErrors, Location};
use crate::page::Page;
use std::collections::BTreeMap;

/// What one page contributes, before the pages are merged, with what its reading found.
enum ParsedPage {
    Action(Result<Box<action_page::ParsedAction>, Vec<Diagnostic>>),
    Types(Vec<StructType>, Vec<Diagnostic>),
    CommonParameters(Vec<CommonParameter>, Vec<Diagnostic>),
    CommonErrors(Vec<ErrorCode>),
    Unrecognised(Diagnostic),
    /// A page its reader could not read; the page's own warning says why.
    Unreadable,
}

fn parse_page(page: &Page) -> (ParsedPage, page_layout::PageLayout) {
    let view = page_view::PageView::new(page);
    let parsed = if page.blocks.is_empty() {
        ParsedPage::Unreadable
    } else if common_pages::is_common_parameters_page(&view) {
        let mut warnings = Vec::new();
        let parameters = common_pages::parse_common_parameters(&view, &mut warnings);
        ParsedPage::CommonParameters(parameters, warnings)
    } else if action_page::is_action_page(&view) {
        ParsedPage::Action(action_page::parse_action_page(&view).map(Box::new))
    } else if data_types_page::is_data_types_page(&view) {
        let mut warnings = Vec::new();
        let types = data_types_page::parse_data_types_page(&view, &mut warnings);
        ParsedPage::Types(types, warnings)
    } else if common_pages::is_common_errors_page(&view) {
        ParsedPage::CommonErrors(common_pages::parse_common_errors(&view))
    } else if let Some(error) = action_marks::unread_action(&view) {
        ParsedPage::Action(Err(vec![error]))
    } else {
        let line = page.blocks.first().map_or(1, |b| b.location().line);
        ParsedPage::Unrecognised(Diagnostic::at(
            &page.file,
            line,
            "unrecognised page, ignored: it has none of an action page's marks (an `Action` or `Version` row, a domain or rate line, a table of parameters and their types); expected an action page, the Data Types page (`Used by actions:` lines) or a common page",
        ))
    };
    (parsed, view.layout)
}

/// Builds the service model from its pages (`pages`) and the shared pages (`common`).
///
/// Errors are only what leaves the API undefined or would publish it broken: a page that
/// is not text or is cut off (`Page::errors`), an action page without its request or
/// response table, one action on two pages, no action page at all, no API version or
/// domain anywhere. Everything else is a warning in [`Service::warnings`].
pub fn build_service(pages: &[Page], common: &[Page]) -> Result<Service, DocErrors> {
    let mut read = read_pages(pages, common);
    let (errors, warnings) = (&mut read.errors, &mut read.warnings);
    one_page_per_action(&mut read.actions, errors);
    one_definition_per_structure(&mut read.types, warnings);
    let info = service_info(&mut read.actions, pages, errors, warnings);
    resolve_references(&mut read.actions, &mut read.types, warnings);
    if !read.errors.is_empty() {
        return Err(DocErrors(read.errors));
    }
    let actions = with_examples(read.actions, &read.types, &mut read.warnings);
    Ok(Service {
        schema_version: SCHEMA_VERSION,
        service: info,
        actions,
        types: read.types,
        common_errors: read.common_errors,
        common_parameters: read.common_parameters,
        waiters: Vec::new(),
        warnings: read.warnings,
    })
}

/// Every page read, before the pages are checked against each other.
struct ReadPages {
    actions: Vec<action_page::ParsedAction>,
    types: Vec<StructType>,
    common_errors: Vec<ErrorCode>,
    common_parameters: Vec<CommonParameter>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// Pages are independent until merged: parsed on every core, merged in page order.
fn read_pages(pages: &[Page], common: &[Page]) -> ReadPages {
    let all: Vec<&Page> = pages.iter().chain(common).collect();
    let mut read = ReadPages {
        actions: Vec::new(),
        types: Vec::new(),
        common_errors: Vec::new(),
        common_parameters: Vec::new(),
        errors: all.iter().flat_map(|p| p.errors.iter().cloned()).collect(),
        warnings: all
            .iter()
            .flat_map(|p| p.warnings.iter().cloned())
            .collect(),
    };
    let parsed = crate::parallel::map_in_order(&all, |page| parse_page(page));
    let layouts: Vec<(&Page, page_layout::PageLayout)> = pages
        .iter()
        .zip(&parsed)
        .map(|(page, (_, layout))| (page, *layout))
        .collect();
    let mixed = page_layout::mixed_languages(&layouts);
    for (parsed, _) in parsed {
        match parsed {
            ParsedPage::Action(Ok(a)) => read.actions.push(*a),
            ParsedPage::Action(Err(e)) => read.errors.extend(e),
            ParsedPage::Types(t, w) => {
                read.types.extend(t);
                read.warnings.extend(w);
            }
            ParsedPage::CommonParameters(p, w) => {
                read.common_parameters.extend(p);
                read.warnings.extend(w);
            }
            ParsedPage::CommonErrors(e) => read.common_errors.extend(e),
            ParsedPage::Unrecognised(d) => read.warnings.push(d),
            ParsedPage::Unreadable => {}
        }
    }
    read.warnings.extend(mixed);
    read
}

/// Sorts the actions by name; an action documented on two pages is an error.
fn one_page_per_action(actions: &mut [action_page::ParsedAction], errors: &mut Vec<Diagnostic>) {
    actions.sort_by(|a, b| a.action.name.cmp(&b.action.name));
    for pair in actions.windows(2) {
        if pair[0].action.name == pair[1].action.name {
            errors.push(Diagnostic::new(
                pair[1].action.location.clone(),
                format!(
                    "action {} is also documented in {}; expected one page per action",
                    pair[1].action.name, pair[0].action.location.file
                ),
            ));
        }
    }
}

/// Sorts the structures by name; of one defined twice the first is kept, with a warning.
fn one_definition_per_structure(types: &mut Vec<StructType>, warnings: &mut Vec<Diagnostic>) {
    types.sort_by(|a: &StructType, b| a.name.cmp(&b.name));
    types.dedup_by(|later, first| {
        let same = later.name == first.name;
        if same {
            warnings.push(Diagnostic::new(
                later.location.clone(),
                format!(
                    "structure {} is defined twice (also at {}); the first definition is kept",
                    later.name, first.location
                ),
            ));
        }
        same
    });
}

/// The actions with their examples read against their tables (and the structures).
fn with_examples(
    parsed_actions: Vec<action_page::ParsedAction>,
    types: &[StructType],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Action> {
    let by_name: BTreeMap<&str, &StructType> = types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut actions = Vec::with_capacity(parsed_actions.len());
    for parsed in parsed_actions {
        warnings.extend(parsed.warnings);
        let mut action = parsed.action;
        let ctx = examples::ExampleContext {
            action: &action.name,
            request: &action.request,
            response: &action.response,
            types: &by_name,
        };
        let built = parsed
            .raw_examples
            .iter()
            .enumerate()
            .map(|(i, raw)| examples::build_example(raw, i + 1, &ctx, warnings))
            .collect();
        action.examples = built;
        actions.push(action);
    }
    actions
}

/// Resolves structure references: a name defined only in another case (`ITEM` for `Item`)
/// is read as that structure, with a warning; a name defined nowhere makes its fields any
/// JSON value, with one warning per structure at its first use: one undefined type must not
/// block a service.
fn resolve_references(
    actions: &mut [action_page::ParsedAction],
    types: &mut [StructType],
    warnings: &mut Vec<Diagnostic>,
) {
    let defined: Vec<String> = types.iter().map(|t| t.name.clone()).collect();
    let mut missing: BTreeMap<String, (usize, Location, String)> = BTreeMap::new();
    let fields = actions
        .iter_mut()
        .flat_map(|a| {
            a.action
                .request
                .iter_mut()
                .chain(a.action.response.iter_mut())
        })
        .chain(types.iter_mut().flat_map(|t| t.fields.iter_mut()));
    for field in fields {
        let Some(name) = struct_name_mut(&mut field.ty) else {
            continue;
        };
        if defined.contains(name) {
            continue;
        }
        let same_but_case: Vec<&String> = defined
            .iter()
            .filter(|d| d.eq_ignore_ascii_case(name))
            .collect();
        if let [only] = same_but_case.as_slice() {
            warnings.push(Diagnostic::new(
                field.location.clone(),
                format!(
                    "`{}` has type `{name}`, defined as `{only}`; read as `{only}`",
                    field.name
                ),
            ));
            *name = (*only).clone();
            continue;
        }
        missing
            .entry(name.clone())
            .or_insert((0, field.location.clone(), field.name.clone()))
            .0 += 1;
        let name = name.clone();
        opaque(field, &name);
    }
    for (name, (uses, location, field)) in missing {
        let more = if uses > 1 {
            format!(" (and {} more use(s))", uses - 1)
        } else {
            String::new()
        };
        warnings.push(Diagnostic::new(
            location,
            format!("`{field}` has type `{name}`, which is not defined on the Data Types page{more}; read as any JSON value (expected a known type or structure)"),
        ));
    }
}

/// A field whose structure no page defines: any JSON value, and its documentation says so.
fn opaque(field: &mut Field, undefined: &str) {
    field.ty = replace_struct(&field.ty);
    field.description.push_str(&format!(
        " (The pages name its type `{undefined}` but never define it; read as any JSON value.)"
    ));
}

fn replace_struct(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Array { items } => TypeRef::Array {
            items: Box::new(replace_struct(items)),
        },
        TypeRef::Struct { .. } => TypeRef::Json,
        other => other.clone(),
    }
}

fn struct_name_mut(ty: &mut TypeRef) -> Option<&mut String> {
    match ty {
        TypeRef::Array { items } => struct_name_mut(items),
        TypeRef::Struct { name } => Some(name),
        _ => None,
    }
}

/// The service's name, version and domain: the value most of its pages give (ties: the
/// first action's), filled in where a page gives none, with a warning where a page differs.
fn service_info(
    actions: &mut [action_page::ParsedAction],
    pages: &[Page],
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> ServiceInfo {
    let empty = ServiceInfo {
        name: String::new(),
        version: String::new(),
        domain: String::new(),
    };
    if actions.is_empty() {
        // If action pages failed, saying "no action page" on top would mislead.
        if errors.is_empty() {
            let file = pages.first().map_or("<no pages>", |p| p.file.as_str());
            errors.push(Diagnostic::at(
                file,
                1,
                "the service directory has no action page; expected at least one",
            ));
        }
        return empty;
    }
    let version = most_common(actions.iter().filter_map(|a| a.version.as_deref()));
    let domain = most_common(actions.iter().filter_map(|a| a.domain.as_deref()));
    let (Some(version), Some(domain)) = (version.clone(), domain.clone()) else {
        let file = &actions[0].action.location;
        if version.is_none() {
            errors.push(Diagnostic::new(
                file.clone(),
                "no page gives the API version (a `Version` row saying `The value used for this API: <YYYY-MM-DD>.`); expected at least one",
            ));
        }
        if domain.is_none() {
            errors.push(Diagnostic::new(file.clone(), "no page gives the request domain (`Domain name for API request: <domain>.`); expected at least one"));
        }
        return empty;
    };
    for parsed in actions.iter_mut() {
        let a = &mut parsed.action;
        for (what, own, service) in [
            ("version", &mut a.version, &version),
            ("domain", &mut a.domain, &domain),
        ] {
            if own.is_empty() {
                warnings.push(Diagnostic::new(
                    a.location.clone(),
                    format!(
                        "{} gives no API {what}; using the service's {service}",
                        a.name
                    ),
                ));
            } else if own != service {
                warnings.push(Diagnostic::new(
                    a.location.clone(),
                    format!("{} gives API {what} {own}, but the service's other pages give {service}; using {service}", a.name),
                ));
            }
            *own = service.clone();
        }
    }
    ServiceInfo {
        name: domain.split('.').next().unwrap_or_default().to_string(),
        version,
        domain,
    }
}

fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(c, _)| *c == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    // The first of the most frequent: `max_by_key` would take the last.
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(v, _)| v.to_string())
}
