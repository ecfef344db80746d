//! `validate()`: every generated request and structure checks its documented limits
//! through its rule table.

use crate::check::check_own;
use crate::view::Rules;
use crate::violations::{ValidationErrors, Violations};

/// Implemented by every generated request and structure (through its rule table).
pub trait Validate {
    /// Appends this value's violations, with paths under `path` (empty at the top).
    fn validate_into(&self, path: &str, out: &mut Violations);

    /// Every violation of the documented limits, or `Ok`.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut out = Violations::default();
        self.validate_into("", &mut out);
        out.finish()
    }
}

impl<T: Rules> Validate for T {
    fn validate_into(&self, path: &str, out: &mut Violations) {
        check_own(path, self, out);
    }
}
