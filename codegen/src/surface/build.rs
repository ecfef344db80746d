//! A service → its [`ApiSurface`], from the decisions the emitters make: names from the
//! name plan, types from `Ctx::shape` (the one owner of `Option`), the builder's required
//! parameters from `OperationPlan`, variants from the enum and error-code planners.

use super::fingerprint::fingerprint;
use super::model::{ActionSurface, ApiSurface, EnumSurface, Member, StructSurface, WaiterSurface};
use super::type_text::type_text;
use super::variants::Variants;
use crate::emit::context::{Ctx, Owner};
use crate::emit::encodings::{encoded_setter, getter_name};
use crate::emit::enums::variant_names;
use crate::emit::errors::{action_codes, code_variants, sorted_codes};
use crate::emit::identifiers::camel;
use crate::emit::operation::{paged_list, OperationPlan};
use doc_model::ir::{Action, Constraint, ErrorCode, Field, Service, StructType};
use std::collections::BTreeMap;
use tencentcloud_rules::action_name::is_read_action;
use tencentcloud_rules::{Number, Rule};

/// The public surface of the crate generated from `service`.
pub fn surface(service: &Service) -> ApiSurface {
    let ctx = Ctx::new(service);
    let common = sorted_codes(service.common_errors.iter());
    ApiSurface {
        crate_name: crate::emit::crate_name(service),
        api_version: service.service.version.clone(),
        actions: service
            .actions
            .iter()
            .map(|a| (a.name.clone(), action(&ctx, a)))
            .collect(),
        structs: service
            .types
            .iter()
            .map(|t| (t.name.clone(), structure(&ctx, t)))
            .collect(),
        enums: ctx
            .enums
            .defs
            .iter()
            .map(|d| {
                let values = d.values.iter().map(|v| v.value.clone());
                let docs: Vec<&str> = std::iter::once(d.source.as_str())
                    .chain(d.values.iter().filter_map(|v| v.description.as_deref()))
                    .collect();
                let values = values.zip(variant_names(&d.values)).collect();
                let docs = fingerprint(&docs);
                (d.name.clone(), EnumSurface { values, docs })
            })
            .collect(),
        common_errors: variants(&common),
        common_docs: code_docs(&service.common_errors),
        waiters: waiters(service),
        features: crate::emit::features::FEATURES
            .iter()
            .map(|f| (f.name.to_string(), f.default))
            .collect(),
    }
}

fn action(ctx: &Ctx<'_>, a: &Action) -> ActionSurface {
    let plan = OperationPlan::new(ctx, a);
    let request = Owner::Request(&a.name);
    let examples: Vec<String> = a
        .examples
        .iter()
        .flat_map(|e| [e.request.to_string(), e.response.to_string()])
        .collect();
    let codes = code_docs(&a.errors);
    let mut docs: Vec<&str> = vec![&a.description, &codes];
    docs.extend(examples.iter().map(String::as_str));
    ActionSurface {
        method: ctx.names.action_text(&a.name).to_string(),
        idempotent: is_read_action(&a.name),
        rate: a.rate_limit_per_second,
        required: plan
            .required_setters
            .iter()
            .map(|s| s.to_string())
            .collect(),
        validated: plan
            .late_required()
            .iter()
            .map(|f| ctx.names.field_text(request, &f.name).to_string())
            .collect(),
        request: members(ctx, request, &a.request),
        response: members(ctx, Owner::Response(&a.name), &a.response),
        pages: paged_list(a).is_some(),
        errors: variants(&action_codes(ctx.service, a)),
        docs: fingerprint(&docs),
    }
}

fn structure(ctx: &Ctx<'_>, t: &StructType) -> StructSurface {
    let owner = Owner::Struct(&t.name);
    let new = ctx.constructor_params(t).map(|params| {
        let name = |f: &&Field| ctx.names.field_text(owner, &f.name).to_string();
        params.iter().map(name).collect()
    });
    let traits = [
        (ctx.has_default(&t.name), "Default"),
        (ctx.directions.is_sent(&t.name), "Serialize"),
        (ctx.directions.is_read(&t.name), "Deserialize"),
    ];
    StructSurface {
        rust: ctx.names.structure(&t.name).to_string(),
        members: members(ctx, owner, &t.fields),
        new,
        traits: traits
            .into_iter()
            .filter(|(has, _)| *has)
            .map(|(_, name)| name.to_string())
            .collect(),
        docs: fingerprint(&[&t.description, &t.used_by.join(", ")]),
    }
}

fn members(ctx: &Ctx<'_>, owner: Owner<'_>, fields: &[Field]) -> BTreeMap<String, Member> {
    fields
        .iter()
        .map(|f| (f.name.clone(), member(ctx, owner, f, fields)))
        .collect()
}

fn member(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field, siblings: &[Field]) -> Member {
    let shape = ctx.shape(owner, f);
    let method = match owner {
        Owner::Request(_) => encoded_setter(ctx, owner, f, siblings).map(|e| e.name.to_string()),
        Owner::Response(_) | Owner::Struct(_) => getter_name(ctx, owner, f),
    };
    Member {
        rust: shape.ident.to_string(),
        ty: type_text(&shape.boxed_ty()),
        optional: shape.optional,
        methods: method.into_iter().collect(),
        limits: limits(ctx, owner, f),
        docs: fingerprint(&[&f.description, if f.nullable { "may be null" } else { "" }]),
    }
}

/// The rules `validate()` checks on a member, but for what the surface records otherwise
/// (an enum's values, an encoding's methods); empty when none.
fn limits(ctx: &Ctx<'_>, owner: Owner<'_>, f: &Field) -> String {
    let has_enum = ctx.enums.enum_of(owner, &f.name).is_some();
    let checked: Vec<String> = f
        .constraints
        .iter()
        .filter_map(|c| Some((c, c.kind.rule()?)))
        .filter(|(_, rule)| match rule {
            Rule::OneOf { .. } => !has_enum,
            Rule::JsonStringValues => false,
            _ => true,
        })
        .map(|(c, rule)| format!("{} {:?}", limit_words(c, rule), c.path))
        .collect();
    if checked.is_empty() {
        return String::new();
    }
    fingerprint(&checked.iter().map(String::as_str).collect::<Vec<_>>())
}

/// A limit as the surface fingerprints it: the rule's `Debug`, but for bounds and values
/// written as the doc model's constraints printed them before they held rules
/// (`Minimum { min: Number(1) }`, `OneOf { values: [EnumValue { value: "A", … }] }`), so
/// the limits recorded by earlier releases still match.
fn limit_words(c: &Constraint, rule: &Rule<'_>) -> String {
    let number = |n: &Number| match *n {
        Number::Int(i) => format!("Number({i})"),
        Number::Float(x) => {
            serde_json::Number::from_f64(x).map_or_else(|| format!("{x:?}"), |n| format!("{n:?}"))
        }
    };
    match rule {
        Rule::Minimum { min } => format!("Minimum {{ min: {} }}", number(min)),
        Rule::Maximum { max } => format!("Maximum {{ max: {} }}", number(max)),
        Rule::OneOf { .. } => format!("OneOf {{ values: {:?} }}", c.values().unwrap_or_default()),
        rule => format!("{rule:?}"),
    }
}

fn variants(codes: &[&ErrorCode]) -> Variants {
    let wire = codes.iter().map(|c| c.code.clone());
    wire.zip(code_variants(codes)).collect()
}

fn code_docs(codes: &[ErrorCode]) -> String {
    let texts: Vec<&str> = codes
        .iter()
        .flat_map(|c| [c.code.as_str(), c.description.as_str()])
        .collect();
    fingerprint(&texts)
}

fn waiters(service: &Service) -> BTreeMap<String, WaiterSurface> {
    service
        .waiters
        .iter()
        .filter(|w| service.actions.iter().any(|a| a.name == w.action))
        .map(|w| {
            let rule = format!(
                "{} {:?} {:?} {:?} {:?}",
                w.action, w.path, w.success, w.failure, w.retry
            );
            let surface = WaiterSurface {
                method: format!("wait_until_{}", w.name),
                ty: camel(&w.name),
                rule: fingerprint(&[&rule]),
            };
            (w.name.clone(), surface)
        })
        .collect()
}
