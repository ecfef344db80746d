//! The classes of change, by what each does to a caller of the generated crate:
//!
//! - **breaking**: code written against the old crate may stop compiling or reading
//!   answers as before (an item removed or renamed, a type changed, a member that becomes
//!   or stops being an `Option`, a parameter `send()` now needs, a trait or `new(…)` gone);
//! - **additive**: old code compiles and new things appear, or what is checked at run time
//!   moves (an action, member, value or code added, a parameter no longer required, a
//!   documented limit or rate);
//! - **documentation**: only the generated docs change.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Documentation,
    Additive,
    Breaking,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Documentation => "documentation",
            Class::Additive => "additive",
            Class::Breaking => "breaking",
        })
    }
}
