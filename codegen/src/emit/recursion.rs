//! Structures that contain themselves, directly or through other structures, without an
//! array in between: Rust needs a `Box` somewhere in such a cycle ("recursive type has
//! infinite size"). Every member that stays inside its structure's cycle (its strongly
//! connected component of by-value members) is boxed.

use doc_model::ir::{StructType, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// `(structure, member)` pairs to declare as `Option<Box<T>>`.
pub fn boxed_members(types: &[StructType]) -> BTreeSet<(String, String)> {
    let index: BTreeMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    // By-value edges: a member whose type is a structure, not an array of one.
    let edges: Vec<Vec<(usize, &str)>> = types
        .iter()
        .map(|t| {
            t.fields
                .iter()
                .filter_map(|f| match &f.ty {
                    TypeRef::Struct { name } => {
                        index.get(name.as_str()).map(|&j| (j, f.name.as_str()))
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();
    let component = strongly_connected(
        &edges
            .iter()
            .map(|e| e.iter().map(|(j, _)| *j).collect())
            .collect::<Vec<Vec<usize>>>(),
    );
    let mut out = BTreeSet::new();
    for (i, members) in edges.iter().enumerate() {
        for &(j, member) in members {
            if component[i] == component[j] {
                out.insert((types[i].name.clone(), member.to_string()));
            }
        }
    }
    out
}

/// Tarjan's algorithm without recursion (a hostile page may chain thousands of structures):
/// the component number of each node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let (mut index, mut low, mut component) = (vec![UNVISITED; n], vec![0; n], vec![UNVISITED; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == UNVISITED {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == UNVISITED {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;
    use doc_model::diagnostic::Location;
    use doc_model::ir::Field;

    fn structure(name: &str, members: &[(&str, TypeRef)]) -> StructType {
        StructType {
            name: name.into(),
            description: String::new(),
            used_by: vec![],
            fields: members
                .iter()
                .map(|(n, ty)| Field {
                    name: n.to_string(),
                    ty: ty.clone(),
                    required: None,
                    nullable: false,
                    description: String::new(),
                    constraints: vec![],
                    covered: Vec::new(),
                    request_id: false,
                    location: Location::new("t", 1),
                })
                .collect(),
            location: Location::new("t", 1),
        }
    }

    fn st(n: &str) -> TypeRef {
        TypeRef::Struct { name: n.into() }
    }

    #[test]
    fn members_inside_a_cycle_are_boxed_arrays_and_exits_are_not() {
        let types = vec![
            structure(
                "Node",
                &[
                    ("Next", st("Node")),
                    (
                        "Children",
                        TypeRef::Array {
                            items: Box::new(st("Node")),
                        },
                    ),
                    ("Leaf", st("Leaf")),
                ],
            ),
            structure("A", &[("B", st("B"))]),
            structure("B", &[("C", st("C"))]),
            structure("C", &[("A", st("A")), ("Leaf", st("Leaf"))]),
            structure("Leaf", &[("Name", TypeRef::String)]),
        ];
        let boxed: Vec<(String, String)> = boxed_members(&types).into_iter().collect();
        let expected: Vec<(String, String)> =
            [("A", "B"), ("B", "C"), ("C", "A"), ("Node", "Next")]
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        assert_eq!(boxed, expected);
    }

    #[test]
    fn a_long_chain_does_not_exhaust_the_stack() {
        let n = 50_000;
        let types: Vec<StructType> = (0..n)
            .map(|i| {
                structure(
                    &format!("S{i}"),
                    &[("Next", st(&format!("S{}", (i + 1) % n)))],
                )
            })
            .collect();
        assert_eq!(boxed_members(&types).len(), n);
    }
}
