//! The documented limits of Tencent Cloud API parameters, as data with one check.
//!
//! Doc pages say "with a cap of 200", "Value range: [1, 86400]", "Valid values: SHELL,
//! POWERSHELL, BAT". The doc model reads each phrase into a [`Rule`] and stores it (owned,
//! as JSON); generated clients keep their rules in static tables and check them in
//! `validate()` before any I/O; the emulator checks the same rules on the JSON it receives.

pub mod action_name;
pub mod char_class;
pub mod check;
pub mod kind;
pub mod rule;
pub mod validate;
pub mod view;
pub mod violations;

pub use check::{check_field, check_object, check_own, check_relations, check_value};
pub use kind::Kind;
pub use rule::{Checked, FieldRules, List, Names, Number, Rule, Text};
pub use validate::Validate;
pub use view::{view, ListView, ObjectView, RuleValue, Rules, View};
pub use violations::{index, join, ValidationErrors, Violation, Violations};
