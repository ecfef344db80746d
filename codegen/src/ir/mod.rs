//! The intermediate model and how pages become it.

mod action_page;
mod boilerplate;
pub mod char_class;
mod common_pages;
pub mod conformance;
pub mod constraint;
pub mod constraints;
mod data_types_page;
mod field_row;
pub mod limit_report;
pub mod model;
pub mod type_ref;

pub use constraint::{Constraint, ConstraintKind, EnumValue, LengthUnit};
pub use model::*;

use crate::diagnostic::{Diagnostic, DocErrors};
use crate::page::Page;
use std::collections::BTreeMap;

/// What one page contributes, before the pages are merged.
enum ParsedPage {
    Action(Result<Box<action_page::ParsedAction>, Vec<Diagnostic>>),
    Types(Result<Vec<StructType>, Vec<Diagnostic>>),
    CommonParameters(Result<Vec<CommonParameter>, Vec<Diagnostic>>),
    CommonErrors(Vec<ErrorCode>),
    Unrecognised(Diagnostic),
}

fn parse_page(page: &Page) -> ParsedPage {
    if action_page::is_action_page(page) {
        ParsedPage::Action(action_page::parse_action_page(page).map(Box::new))
    } else if data_types_page::is_data_types_page(page) {
        ParsedPage::Types(data_types_page::parse_data_types_page(page))
    } else if common_pages::is_common_parameters_page(page) {
        ParsedPage::CommonParameters(common_pages::parse_common_parameters(page))
    } else if common_pages::is_common_errors_page(page) {
        ParsedPage::CommonErrors(common_pages::parse_common_errors(page))
    } else {
        let line = page.blocks.first().map_or(1, |b| b.location().line);
        ParsedPage::Unrecognised(Diagnostic::at(
            &page.file,
            line,
            "unrecognised page; expected an action page (a request table with an `Action` row), the Data Types page (`Used by actions:` lines) or a common page",
        ))
    }
}

/// Builds the service model from its pages (`pages`) and the shared pages (`common`).
pub fn build_service(pages: &[Page], common: &[Page]) -> Result<Service, DocErrors> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut actions: Vec<action_page::ParsedAction> = Vec::new();
    let mut types = Vec::new();
    let mut common_errors = Vec::new();
    let mut common_parameters = Vec::new();

    // Pages are independent until merged: parsed on every core, merged in page order.
    let all: Vec<&Page> = pages.iter().chain(common).collect();
    for parsed in crate::parallel::map_in_order(&all, |page| parse_page(page)) {
        match parsed {
            ParsedPage::Action(Ok(a)) => actions.push(*a),
            ParsedPage::Types(Ok(t)) => types.extend(t),
            ParsedPage::CommonParameters(Ok(p)) => common_parameters.extend(p),
            ParsedPage::CommonErrors(e) => common_errors.extend(e),
            ParsedPage::Action(Err(e)) | ParsedPage::Types(Err(e)) | ParsedPage::CommonParameters(Err(e)) => errors.extend(e),
            ParsedPage::Unrecognised(d) => errors.push(d),
        }
    }

    actions.sort_by(|a, b| a.action.name.cmp(&b.action.name));
    for pair in actions.windows(2) {
        if pair[0].action.name == pair[1].action.name {
            errors.push(Diagnostic::new(
                pair[1].action.location.clone(),
                format!("action {} is also documented in {}; expected one page per action", pair[1].action.name, pair[0].action.location.file),
            ));
        }
    }
    types.sort_by(|a: &StructType, b| a.name.cmp(&b.name));
    for pair in types.windows(2) {
        if pair[0].name == pair[1].name {
            errors.push(Diagnostic::new(pair[1].location.clone(), format!("structure {} is defined twice (also at {})", pair[1].name, pair[0].location)));
        }
    }
    let mut actions: Vec<Action> = actions
        .into_iter()
        .map(|p| {
            warnings.extend(p.warnings);
            p.action
        })
        .collect();

    let by_name: BTreeMap<&str, &StructType> = types.iter().map(|t| (t.name.as_str(), t)).collect();
    check_references(&actions, &types, &by_name, &mut errors);

    let info = service_info(&actions, pages, &mut errors);
    if !errors.is_empty() {
        return Err(DocErrors(errors));
    }
    for action in actions.iter_mut() {
        for (i, diagnostic) in conformance::check_examples(action, &by_name) {
            action.examples[i].problems.push(diagnostic.message.clone());
            warnings.push(diagnostic);
        }
    }
    Ok(Service {
        service: info,
        actions,
        types,
        common_errors,
        common_parameters,
        warnings,
    })
}

fn check_references(actions: &[Action], types: &[StructType], by_name: &BTreeMap<&str, &StructType>, errors: &mut Vec<Diagnostic>) {
    let fields = actions
        .iter()
        .flat_map(|a| a.request.iter().chain(&a.response))
        .chain(types.iter().flat_map(|t| &t.fields));
    for field in fields {
        if let TypeRef::Struct { name } = field.ty.element() {
            if !by_name.contains_key(name.as_str()) {
                errors.push(Diagnostic::new(
                    field.location.clone(),
                    format!("`{}` has type `{name}`, which is not defined on the Data Types page; expected a known type or structure", field.name),
                ));
            }
        }
    }
}

fn service_info(actions: &[Action], pages: &[Page], errors: &mut Vec<Diagnostic>) -> ServiceInfo {
    let Some(first) = actions.first() else {
        if !errors.is_empty() {
            // The action pages failed; saying "no action page" on top would mislead.
            return ServiceInfo { name: String::new(), version: String::new(), domain: String::new() };
        }
        let file = pages.first().map_or("<no pages>", |p| p.file.as_str());
        errors.push(Diagnostic::at(file, 1, "the service directory has no action page; expected at least one"));
        return ServiceInfo { name: String::new(), version: String::new(), domain: String::new() };
    };
    for a in actions {
        if a.version != first.version {
            errors.push(Diagnostic::new(a.location.clone(), format!("{} is version {}, but {} is {}; expected one API version per service", a.name, a.version, first.name, first.version)));
        }
        if a.domain != first.domain {
            errors.push(Diagnostic::new(a.location.clone(), format!("{} uses domain {}, but {} uses {}; expected one domain per service", a.name, a.domain, first.name, first.domain)));
        }
    }
    ServiceInfo {
        name: first.domain.split('.').next().unwrap_or_default().to_string(),
        version: first.version.clone(),
        domain: first.domain.clone(),
    }
}
