//! What a rule sees of a value: typed Rust values and JSON values look the same to it.

use crate::rule::FieldRules;

/// A value as the rules see it.
#[derive(Clone, Copy)]
pub enum View<'v> {
    /// Not given (`None`, JSON `null`, a missing member).
    Absent,
    Str(&'v str),
    Int(i128),
    Float(f64),
    Bool(bool),
    List(&'v dyn ListView),
    Object(&'v dyn ObjectView),
}

/// A list, item by item.
pub trait ListView {
    fn len(&self) -> usize;
    fn item(&self, index: usize) -> View<'_>;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A structure: its members by wire name, and the rules of its members.
pub trait ObjectView {
    /// The rules of each member (empty when the caller checks members itself, as the
    /// emulator does for JSON).
    fn rules(&self) -> &'static [FieldRules<'static>];
    fn member(&self, name: &str) -> View<'_>;

    /// The member of `rules()[index]`: what a check of the object's own table asks, once
    /// per entry, so a wide structure is checked in linear time (by name it would be
    /// quadratic: a lookup by name goes through the names one by one).
    fn member_at(&self, index: usize) -> View<'_> {
        match self.rules().get(index) {
            Some((name, _)) => self.member(name),
            None => View::Absent,
        }
    }
}

/// Anything a rule can look at.
pub trait RuleValue {
    fn view(&self) -> View<'_>;
}

/// `value.view()`, as a function (short in generated tables).
pub fn view<T: RuleValue + ?Sized>(value: &T) -> View<'_> {
    value.view()
}

/// A generated request or structure: its rule table and its members by wire name.
pub trait Rules {
    /// One entry per member that has rules, holds a structure, or is named by a rule
    /// (relations, element members, filters), in declaration order.
    const RULES: &'static [FieldRules<'static>] = &[];

    /// The member of `RULES[index]` (generated code answers by position, in constant time).
    fn member_at(&self, index: usize) -> View<'_> {
        let _ = index;
        View::Absent
    }

    /// A member by wire name: its entry in `RULES`, found by position. Only relations ask
    /// by name; the check of a structure's own table goes by position.
    fn member(&self, name: &str) -> View<'_> {
        match Self::RULES.iter().position(|(n, _)| *n == name) {
            Some(at) => self.member_at(at),
            None => View::Absent,
        }
    }
}

impl<T: Rules> ObjectView for T {
    fn rules(&self) -> &'static [FieldRules<'static>] {
        T::RULES
    }

    fn member(&self, name: &str) -> View<'_> {
        Rules::member(self, name)
    }

    fn member_at(&self, index: usize) -> View<'_> {
        Rules::member_at(self, index)
    }
}

impl<T: Rules> RuleValue for T {
    fn view(&self) -> View<'_> {
        View::Object(self)
    }
}

impl RuleValue for String {
    fn view(&self) -> View<'_> {
        View::Str(self)
    }
}

impl RuleValue for str {
    fn view(&self) -> View<'_> {
        View::Str(self)
    }
}

impl RuleValue for i64 {
    fn view(&self) -> View<'_> {
        View::Int(i128::from(*self))
    }
}

impl RuleValue for u64 {
    fn view(&self) -> View<'_> {
        View::Int(i128::from(*self))
    }
}

impl RuleValue for f64 {
    fn view(&self) -> View<'_> {
        View::Float(*self)
    }
}

impl RuleValue for bool {
    fn view(&self) -> View<'_> {
        View::Bool(*self)
    }
}

impl<T: RuleValue> RuleValue for Option<T> {
    fn view(&self) -> View<'_> {
        match self {
            Some(v) => v.view(),
            None => View::Absent,
        }
    }
}

impl<T: RuleValue> ListView for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn item(&self, index: usize) -> View<'_> {
        self.get(index).map_or(View::Absent, RuleValue::view)
    }
}

impl<T: RuleValue> RuleValue for Vec<T> {
    fn view(&self) -> View<'_> {
        View::List(self)
    }
}

impl RuleValue for serde_json::Value {
    fn view(&self) -> View<'_> {
        use serde_json::Value;
        match self {
            Value::Null => View::Absent,
            Value::Bool(b) => View::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => View::Int(i128::from(i)),
                (None, Some(u)) => View::Int(i128::from(u)),
                (None, None) => View::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => View::Str(s),
            Value::Array(items) => View::List(items),
            Value::Object(map) => View::Object(map),
        }
    }
}

/// A JSON object: members by name, no rules of its own (the caller knows its type).
impl ObjectView for serde_json::Map<String, serde_json::Value> {
    fn rules(&self) -> &'static [FieldRules<'static>] {
        &[]
    }

    fn member(&self, name: &str) -> View<'_> {
        self.get(name).map_or(View::Absent, RuleValue::view)
    }
}
