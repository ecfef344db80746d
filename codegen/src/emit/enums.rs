//! String enumerations: which fields get a Rust enum, its name, and its code.
//!
//! A field with an `enum` constraint on string values gets an enum that keeps unknown
//! values (`Unknown(String)`), so new server values never break decoding. Enums are keyed
//! by where the field sits (an action's request, its response, a structure), never by
//! name alone. Fields of the same name with the same values share one enum
//! (`CommandType`); otherwise the owner's name is prefixed (`ScheduleSettingsPolicy`,
//! `DescribeXResponseStatus` for a response field).

use super::docs::page_text;
use super::identifiers::{camel, ident};
use super::name_plan::{unique, Case, NamePlan, Owner, ENUM_MEMBERS};
use doc_model::diagnostic::Location;
use doc_model::ir::{EnumValue, Field, Service, TypeRef};
use proc_macro2::Literal;
use std::collections::BTreeMap;

/// Field names too generic to name an enum on their own.
const GENERIC_NAMES: &[&str] = &[
    "Type", "Status", "Result", "Policy", "Name", "State", "Kind", "Source", "Value", "Mode",
];

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<EnumValue>,
    pub source: String,
    /// The first field it is read from.
    pub location: Location,
}

/// Where a field sits, as a plan key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Request(String),
    Response(String),
    Struct(String),
}

impl From<Owner<'_>> for Place {
    fn from(owner: Owner<'_>) -> Self {
        match owner {
            Owner::Request(a) => Place::Request(a.to_string()),
            Owner::Response(a) => Place::Response(a.to_string()),
            Owner::Struct(s) => Place::Struct(s.to_string()),
        }
    }
}

/// Enum name per (place, field).
#[derive(Debug, Default)]
pub struct EnumPlan {
    pub defs: Vec<EnumDef>,
    by_field: BTreeMap<(Place, String), String>,
}

impl EnumPlan {
    pub fn enum_of(&self, owner: Owner<'_>, field: &str) -> Option<&str> {
        self.by_field
            .get(&(Place::from(owner), field.to_string()))
            .map(String::as_str)
    }
}

pub fn enum_values(field: &Field) -> Option<(Vec<EnumValue>, &str)> {
    if !matches!(field.ty.element(), TypeRef::String) {
        return None;
    }
    field.constraints.iter().find_map(|c| {
        let values = c.values().filter(|v| !v.is_empty())?;
        Some((values, c.source.as_str()))
    })
}

/// A field that gets an enum, where it sits.
struct EnumUse<'a> {
    owner: Owner<'a>,
    field: &'a str,
    values: Vec<EnumValue>,
    source: &'a str,
    location: &'a Location,
}

/// The enums of a service: their names (shared across places where the values agree)
/// and their definitions.
pub fn plan(service: &Service, names: &NamePlan) -> EnumPlan {
    let uses = enum_uses(service);
    let taken: Vec<String> = service
        .types
        .iter()
        .map(|t| names.structure(&t.name).to_string())
        .collect();
    let wanted = wanted_names(&uses, names, &taken);
    // One definition per name; identical names with different values are numbered apart.
    let mut defs: BTreeMap<String, EnumDef> = BTreeMap::new();
    let mut plan = EnumPlan::default();
    for (name, u) in wanted {
        let final_name = settle(&mut defs, &taken, name, u);
        plan.by_field
            .insert((Place::from(u.owner), u.field.to_string()), final_name);
    }
    plan.defs = defs.into_values().collect();
    plan
}

/// Every field of the service (requests, responses, structures) whose values are listed.
fn enum_uses(service: &Service) -> Vec<EnumUse<'_>> {
    let actions = service.actions.iter().flat_map(|a| {
        [
            (Owner::Request(&a.name), &a.request),
            (Owner::Response(&a.name), &a.response),
        ]
    });
    let structures = service
        .types
        .iter()
        .map(|t| (Owner::Struct(&t.name), &t.fields));
    let mut uses = Vec::new();
    for (owner, fields) in actions.chain(structures) {
        for f in fields {
            if let Some((values, source)) = enum_values(f) {
                uses.push(EnumUse {
                    owner,
                    field: &f.name,
                    values,
                    source,
                    location: &f.location,
                });
            }
        }
    }
    uses
}

/// The values of an enum, as compared for sharing one definition.
fn value_key(values: &[EnumValue]) -> Vec<&str> {
    values.iter().map(|e| e.value.as_str()).collect()
}

/// The name each use would like: the field's own when every field of that name lists the
/// same values (and the name is neither generic nor a structure's), else prefixed by its
/// place (the action, `…Response` for its answer, or the structure).
fn wanted_names<'u, 'a>(
    uses: &'u [EnumUse<'a>],
    names: &NamePlan,
    taken: &[String],
) -> Vec<(String, &'u EnumUse<'a>)> {
    let prefix = |owner: Owner<'_>| match owner {
        Owner::Request(a) => camel(names.action_text(a)),
        Owner::Response(a) => format!("{}Response", camel(names.action_text(a))),
        Owner::Struct(s) => names.structure(s).to_string(),
    };
    let mut by_name: BTreeMap<&str, Vec<&EnumUse<'a>>> = BTreeMap::new();
    for u in uses {
        by_name.entry(u.field).or_default().push(u);
    }
    let mut wanted = Vec::new();
    for (field, group) in &by_name {
        let same_values = group
            .iter()
            .all(|u| value_key(&u.values) == value_key(&group[0].values));
        let shared =
            same_values && !GENERIC_NAMES.contains(field) && !taken.iter().any(|t| t == field);
        for u in group {
            let name = if shared {
                camel(field)
            } else {
                format!("{}{}", prefix(u.owner), camel(u.field))
            };
            wanted.push((name, *u));
        }
    }
    wanted
}

/// The name `u`'s enum ends with: `name` when free or defined with the same values,
/// else `name2`, `name3`…; a new name gets its definition.
fn settle(
    defs: &mut BTreeMap<String, EnumDef>,
    taken: &[String],
    name: String,
    u: &EnumUse<'_>,
) -> String {
    let mut final_name = name.clone();
    let mut n = 1;
    loop {
        match defs.get(&final_name) {
            Some(d) if value_key(&d.values) == value_key(&u.values) => return final_name,
            None if !taken.contains(&final_name) => {
                let def = EnumDef {
                    name: final_name.clone(),
                    values: u.values.clone(),
                    source: u.source.to_string(),
                    location: u.location.clone(),
                };
                defs.insert(final_name.clone(), def);
                return final_name;
            }
            _ => {
                n += 1;
                final_name = format!("{name}{n}");
            }
        }
    }
}

/// Variant names: each value's UpperCamelCase spelling, unique by the scope rule of
/// `name_plan.rs` (`fast`, `FAST`, `Fast` → `Fast`, `Fast2`, `Fast3`).
pub fn variant_names(values: &[EnumValue]) -> Vec<String> {
    let bases: Vec<String> = values.iter().map(|v| camel(&v.value)).collect();
    unique(&bases, ENUM_MEMBERS, Case::Camel).0
}

/// An enum as a `wire_enum!` invocation, written out one value per line (prettyplease
/// would fill a macro's tokens into paragraphs).
pub fn emit_enum(def: &EnumDef) -> String {
    let enum_doc = format!(
        "Documented values: \"{}\".\n\nUnknown values are kept in [`{}::Unknown`], so new server values never break decoding.",
        page_text(&def.source),
        def.name
    );
    let mut text = String::from("::tencentcloud_runtime::wire_enum! {\n");
    for line in enum_doc.lines() {
        text.push_str(format!("    /// {line}").trim_end());
        text.push('\n');
    }
    text.push_str(&format!("    pub enum {} {{\n", ident(&def.name)));
    for (v, variant) in def.values.iter().zip(variant_names(&def.values)) {
        let wire = Literal::string(&v.value);
        let doc = v
            .description
            .as_ref()
            .map(|d| format!(": {}", Literal::string(&page_text(d))))
            .unwrap_or_default();
        text.push_str(&format!("        {variant} = {wire}{doc},\n"));
    }
    text.push_str("    }\n}\n");
    text
}
