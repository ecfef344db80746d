//! Every Rust name the crate emits, decided once per scope, so each is unique in its scope
//! and free of the names the generated API defines itself.
//!
//! The rule (also in `docs/ir-schema.md`, "Identifiers"): a member's plain spelling is
//! its wire name in snake_case (fields, setters, modules, methods) or UpperCamelCase (types,
//! variants). Within one scope, the first member in page order with a spelling keeps it;
//! a later member with the same spelling, or one whose spelling the generated API already
//! uses in that scope (`send`, `builder`, `Unknown`…), gets the smallest suffix — `_2`,
//! `_3`… for snake_case, `2`, `3`… for UpperCamelCase — that no member of the scope
//! spells. Every such renaming is a warning naming both wire names. The wire name itself
//! never changes: serde renames, error codes and enum values keep it verbatim.

use super::identifiers::{camel, ident, snake};
use doc_model::diagnostic::{Diagnostic, Location};
use doc_model::ir::{Field, Service};
use proc_macro2::Ident;
use std::collections::{BTreeMap, BTreeSet};

/// Whose member a field is: the scopes of field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner<'a> {
    /// An action's request: its fields are also the builder's setters.
    Request(&'a str),
    Response(&'a str),
    /// A structure of the Data Types page.
    Struct(&'a str),
}

impl Owner<'_> {
    fn describe(&self) -> String {
        match self {
            Owner::Request(a) => format!("{a}'s request"),
            Owner::Response(a) => format!("{a}'s response"),
            Owner::Struct(s) => format!("structure {s}"),
        }
    }
}

/// Methods of every generated builder, which request field names (= setter names) avoid.
pub const BUILDER_MEMBERS: &[&str] = &[
    "new",
    "send",
    "as_request",
    "into_request",
    "into_pages",
    "customize",
    "clone",
    "fmt",
];
/// Members of the generated `Client` (and the trait methods its code calls), which action
/// method names avoid; `mod` would be the file of the `operation` module itself.
pub const CLIENT_MEMBERS: &[&str] = &[
    "builder",
    "runtime",
    "execute",
    "call_json",
    "clone",
    "fmt",
    "from",
    "into",
    "as_ref",
    "eq",
    "ne",
    "mod",
];
/// Variant names every generated enum of values defines itself.
pub const ENUM_MEMBERS: &[&str] = &["Unknown"];
/// Variant names every generated error code enum defines itself.
pub const ERROR_CODE_MEMBERS: &[&str] = &["Common", "Unknown"];

/// Names by wire name: `String` keys, so any borrow of a wire name looks them up.
type ByWire = BTreeMap<String, String>;

#[derive(Default)]
pub struct NamePlan {
    actions: ByWire,
    structs: ByWire,
    /// Field names per scope: requests and responses by action, structures by name.
    requests: BTreeMap<String, ByWire>,
    responses: BTreeMap<String, ByWire>,
    struct_fields: BTreeMap<String, ByWire>,
    pub warnings: Vec<Diagnostic>,
}

impl NamePlan {
    pub fn new(service: &Service) -> Self {
        let mut plan = NamePlan::default();
        let actions: Vec<(&str, &Location)> = service
            .actions
            .iter()
            .map(|a| (a.name.as_str(), &a.location))
            .collect();
        let names = plan.scope(
            &actions,
            snake,
            CLIENT_MEMBERS,
            Case::Snake,
            "the client's actions",
            "`Client`",
        );
        plan.actions = actions
            .iter()
            .map(|(w, _)| w.to_string())
            .zip(names)
            .collect();

        let structs: Vec<(&str, &Location)> = service
            .types
            .iter()
            .map(|t| (t.name.as_str(), &t.location))
            .collect();
        let names = plan.scope(&structs, camel, &[], Case::Camel, "the structures", "");
        plan.structs = structs
            .iter()
            .map(|(w, _)| w.to_string())
            .zip(names)
            .collect();

        let owners = service
            .actions
            .iter()
            .flat_map(|a| {
                [
                    (Owner::Request(a.name.as_str()), &a.request),
                    (Owner::Response(a.name.as_str()), &a.response),
                ]
            })
            .chain(
                service
                    .types
                    .iter()
                    .map(|t| (Owner::Struct(t.name.as_str()), &t.fields)),
            );
        for (owner, fields) in owners {
            plan.field_scope(owner, fields);
        }
        plan
    }

    fn field_scope(&mut self, owner: Owner<'_>, fields: &[Field]) {
        let members: Vec<(&str, &Location)> = fields
            .iter()
            .map(|f| (f.name.as_str(), &f.location))
            .collect();
        let reserved = if matches!(owner, Owner::Request(_)) {
            BUILDER_MEMBERS
        } else {
            &[]
        };
        let names = self.scope(
            &members,
            snake,
            reserved,
            Case::Snake,
            &owner.describe(),
            "the builder",
        );
        let by_wire = members
            .into_iter()
            .map(|(w, _)| w.to_string())
            .zip(names)
            .collect();
        let (map, key) = match owner {
            Owner::Request(a) => (&mut self.requests, a),
            Owner::Response(a) => (&mut self.responses, a),
            Owner::Struct(s) => (&mut self.struct_fields, s),
        };
        map.insert(key.to_string(), by_wire);
    }

    /// Unique names for one scope, with a warning for each member that had to be renamed.
    fn scope(
        &mut self,
        members: &[(&str, &Location)],
        base: fn(&str) -> String,
        reserved: &[&str],
        case: Case,
        scope: &str,
        api: &str,
    ) -> Vec<String> {
        let (names, warnings) = scope_names(members, base, reserved, case, scope, api);
        self.warnings.extend(warnings);
        names
    }

    /// Warnings for the variants of an enumeration or error code table (`wires` in order),
    /// named by the same rule; the names themselves are [`scope_names`]'s.
    pub fn check_variants(
        &mut self,
        wires: &[&str],
        base: fn(&str) -> String,
        reserved: &[&str],
        scope: &str,
        location: &Location,
    ) {
        let members: Vec<(&str, &Location)> = wires.iter().map(|w| (*w, location)).collect();
        let (_, warnings) = scope_names(&members, base, reserved, Case::Camel, scope, "the enum");
        self.warnings.extend(warnings);
    }

    /// The module and method name of an action.
    pub fn action(&self, action: &str) -> Ident {
        ident(self.action_text(action))
    }

    pub fn action_text(&self, action: &str) -> &str {
        self.actions.get(action).map_or("unnamed", String::as_str)
    }

    /// The field (and setter) name of a member.
    pub fn field(&self, owner: Owner<'_>, wire: &str) -> Ident {
        ident(self.field_text(owner, wire))
    }

    pub fn field_text(&self, owner: Owner<'_>, wire: &str) -> &str {
        let (map, key) = match owner {
            Owner::Request(a) => (&self.requests, a),
            Owner::Response(a) => (&self.responses, a),
            Owner::Struct(s) => (&self.struct_fields, s),
        };
        map.get(key)
            .and_then(|m| m.get(wire))
            .map_or("unnamed", String::as_str)
    }

    /// The type name of a structure.
    pub fn structure(&self, wire: &str) -> Ident {
        ident(self.structs.get(wire).map_or("Unnamed", String::as_str))
    }
}

/// The names of one scope's members by the scope rule, and a warning for each renaming.
pub fn scope_names(
    members: &[(&str, &Location)],
    base: fn(&str) -> String,
    reserved: &[&str],
    case: Case,
    scope: &str,
    api: &str,
) -> (Vec<String>, Vec<Diagnostic>) {
    let bases: Vec<String> = members.iter().map(|(w, _)| base(w)).collect();
    let (names, renamed) = unique(&bases, reserved, case);
    let warnings = renamed
        .into_iter()
        .map(|(i, clash)| {
            let (wire, location) = members[i];
            let because = match clash {
                Clash::Reserved => format!("which {api} already defines"),
                Clash::Member(j) => format!("like `{}`", members[j].0),
            };
            Diagnostic::new(
                location.clone(),
                format!("`{wire}` in {scope} would be named `{}` in Rust, {because}; it is named `{}` (its wire name stays `{wire}`)", bases[i], names[i]),
            )
        })
        .collect();
    (names, warnings)
}

#[derive(Clone, Copy)]
pub enum Case {
    Snake,
    Camel,
}

/// Why a member could not keep its plain spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    Reserved,
    /// An earlier member (by index) spells it the same.
    Member(usize),
}

/// The scope rule: first come keeps the plain spelling, later ones get the smallest free
/// suffix. Returns the names and, for each renamed member, what it clashed with.
pub fn unique(
    bases: &[String],
    reserved: &[&str],
    case: Case,
) -> (Vec<String>, Vec<(usize, Clash)>) {
    let reserved: BTreeSet<&str> = reserved.iter().copied().collect();
    let mut claimed: BTreeMap<&str, usize> = BTreeMap::new();
    let mut clashes = Vec::new();
    for (i, b) in bases.iter().enumerate() {
        if reserved.contains(b.as_str()) {
            clashes.push((i, Clash::Reserved));
        } else if let Some(&first) = claimed.get(b.as_str()) {
            clashes.push((i, Clash::Member(first)));
        } else {
            claimed.insert(b, i);
        }
    }
    let mut taken: BTreeSet<String> = bases
        .iter()
        .cloned()
        .chain(reserved.iter().map(|r| r.to_string()))
        .collect();
    let mut names = bases.to_vec();
    for &(i, _) in &clashes {
        let name = (2..)
            .map(|n| match case {
                Case::Snake => format!("{}_{n}", bases[i]),
                Case::Camel => format!("{}{n}", bases[i]),
            })
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_else(|| bases[i].clone());
        taken.insert(name.clone());
        names[i] = name;
    }
    (names, clashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(bases: &[&str], reserved: &[&str], case: Case) -> Vec<String> {
        unique(
            &bases.iter().map(|b| b.to_string()).collect::<Vec<_>>(),
            reserved,
            case,
        )
        .0
    }

    #[test]
    fn first_keeps_the_plain_spelling_later_ones_get_free_suffixes() {
        assert_eq!(
            names(&["app_id", "app_id", "app_id_2", "x"], &[], Case::Snake),
            ["app_id", "app_id_3", "app_id_2", "x"]
        );
        assert_eq!(
            names(
                &["send", "client", "into_request", "customize", "as_request"],
                BUILDER_MEMBERS,
                Case::Snake
            ),
            [
                "send_2",
                "client",
                "into_request_2",
                "customize_2",
                "as_request_2"
            ]
        );
        assert_eq!(
            names(
                &["Fast", "Fast", "Fast2", "Unknown"],
                ENUM_MEMBERS,
                Case::Camel
            ),
            ["Fast", "Fast3", "Fast2", "Unknown2"]
        );
    }

    #[test]
    fn renamings_name_what_they_clash_with() {
        let (_, clashes) = unique(
            &["a".into(), "builder".into(), "a".into()],
            CLIENT_MEMBERS,
            Case::Snake,
        );
        assert_eq!(clashes, [(1, Clash::Reserved), (2, Clash::Member(0))]);
    }
}
