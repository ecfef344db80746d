//! Which way each structure travels, decided once for the whole service: sent (a request
//! can carry it: `Serialize` and the rule traits), read (an answer can carry it:
//! `Deserialize`), and whether answers carry it (its required members decode leniently).
//!
//! Each direction is closed transitively over members, array items, nested and shared
//! structures. A structure no action reaches still gets both directions (a caller may build
//! or read it), and so does everything it holds: its `Serialize` needs its members'.

use doc_model::ir::{Field, Service, StructType};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default)]
pub struct Directions {
    sent: BTreeSet<String>,
    read: BTreeSet<String>,
    in_answers: BTreeSet<String>,
}

impl Directions {
    pub fn of(service: &Service, types: &BTreeMap<&str, &StructType>) -> Directions {
        let requests = service.actions.iter().flat_map(|a| &a.request);
        let responses = service.actions.iter().flat_map(|a| &a.response);
        let in_requests = closure(types, roots(requests));
        let in_answers = closure(types, roots(responses));
        let unreached: Vec<&str> = service
            .types
            .iter()
            .map(|t| t.name.as_str())
            .filter(|t| !in_requests.contains(*t) && !in_answers.contains(*t))
            .collect();
        let both_ways = closure(types, unreached);
        Directions {
            sent: in_requests.union(&both_ways).cloned().collect(),
            read: in_answers.union(&both_ways).cloned().collect(),
            in_answers,
        }
    }

    /// A request can carry the structure: it serialises and has rules.
    pub fn is_sent(&self, structure: &str) -> bool {
        self.sent.contains(structure)
    }

    /// An answer can carry the structure (or a caller may read one): it deserialises.
    pub fn is_read(&self, structure: &str) -> bool {
        self.read.contains(structure)
    }

    /// Some action's answer holds the structure: its required members decode leniently.
    pub fn in_answers(&self, structure: &str) -> bool {
        self.in_answers.contains(structure)
    }
}

fn roots<'f>(fields: impl Iterator<Item = &'f Field>) -> Vec<&'f str> {
    fields.filter_map(|f| f.ty.struct_name()).collect()
}

/// The structures `roots` name, and every structure they hold, at any depth.
fn closure(types: &BTreeMap<&str, &StructType>, roots: Vec<&str>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(name) = stack.pop() {
        if seen.insert(name.to_string()) {
            if let Some(t) = types.get(name) {
                stack.extend(t.fields.iter().filter_map(|f| f.ty.struct_name()));
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use doc_model::diagnostic::Location;
    use doc_model::ir::{Action, ServiceInfo, TypeRef, SCHEMA_VERSION};

    fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            name: name.into(),
            ty,
            required: Some(false),
            description: String::new(),
            constraints: Vec::new(),
            nullable: false,
            covered: Vec::new(),
            request_id: false,
            location: Location::new("p", 1),
        }
    }

    fn of(name: &str) -> TypeRef {
        TypeRef::Struct { name: name.into() }
    }

    fn structure(name: &str, members: &[(&str, TypeRef)]) -> StructType {
        StructType {
            name: name.into(),
            description: String::new(),
            used_by: Vec::new(),
            fields: members.iter().map(|(n, t)| field(n, t.clone())).collect(),
            location: Location::new("DataTypes.md", 1),
        }
    }

    fn service(request: Vec<Field>, response: Vec<Field>, types: Vec<StructType>) -> Service {
        let action = Action {
            name: "Act".into(),
            version: "2020-01-01".into(),
            domain: "x.tencentcloudapi.com".into(),
            description: String::new(),
            rate_limit_per_second: None,
            common_parameters: Vec::new(),
            request,
            response,
            errors: Vec::new(),
            examples: Vec::new(),
            notes: Vec::new(),
            location: Location::new("Act.md", 1),
        };
        Service {
            schema_version: SCHEMA_VERSION,
            service: ServiceInfo {
                name: "x".into(),
                version: "2020-01-01".into(),
                domain: "x.tencentcloudapi.com".into(),
            },
            actions: vec![action],
            types,
            common_errors: Vec::new(),
            common_parameters: Vec::new(),
            waiters: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn directions(s: &Service) -> Directions {
        let types = s.types.iter().map(|t| (t.name.as_str(), t)).collect();
        Directions::of(s, &types)
    }

    #[test]
    fn a_request_structure_sends_everything_it_holds_at_any_depth() {
        let items = TypeRef::Array {
            items: Box::new(of("Leaf")),
        };
        let s = service(
            vec![field("Outer", of("Outer"))],
            vec![field("Leaf", of("Leaf"))],
            vec![
                structure("Outer", &[("Middle", of("Middle"))]),
                structure("Middle", &[("Leaves", items)]),
                structure("Leaf", &[("V", TypeRef::String)]),
            ],
        );
        let d = directions(&s);
        for t in ["Outer", "Middle", "Leaf"] {
            assert!(d.is_sent(t), "{t}");
        }
        assert!(d.is_read("Leaf") && d.in_answers("Leaf"));
        assert!(!d.is_read("Outer") && !d.in_answers("Middle"));
    }

    #[test]
    fn a_structure_no_action_reaches_gives_both_directions_to_what_it_holds() {
        // `Report` is used by no action; it holds an answer-only and a request-only structure.
        let s = service(
            vec![field("Input", of("Input"))],
            vec![field("Data", of("CorrectData"))],
            vec![
                structure(
                    "Report",
                    &[("Data", of("CorrectData")), ("In", of("Input"))],
                ),
                structure("CorrectData", &[("V", TypeRef::String)]),
                structure("Input", &[("V", TypeRef::String)]),
            ],
        );
        let d = directions(&s);
        assert!(d.is_sent("Report") && d.is_read("Report"));
        assert!(d.is_sent("CorrectData"), "its Serialize needs its members'");
        assert!(d.is_read("Input"), "its Deserialize needs its members'");
        assert!(!d.in_answers("Report") && !d.in_answers("Input"));
    }
}
