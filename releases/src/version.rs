//! A crate version, and the bump a change class makes (Cargo's reading of `0.x`: a
//! breaking change bumps the minor version, anything else the patch).

use crate::class::Class;
use std::fmt;

/// `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u64, pub u64, pub u64);

/// The first version of a crate.
pub const FIRST: Version = Version(0, 1, 0);

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

impl std::str::FromStr for Version {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<u64> = s
            .trim()
            .split('.')
            .map(|p| {
                p.parse::<u64>()
                    .map_err(|_| format!("`{s}` is not a version like 0.1.0"))
            })
            .collect::<Result<_, _>>()?;
        match parts[..] {
            [major, minor, patch] => Ok(Version(major, minor, patch)),
            _ => Err(format!("`{s}` is not a version like 0.1.0")),
        }
    }
}

impl Version {
    /// The version after a change of `class`.
    pub fn bumped(self, class: Class) -> Version {
        let Version(major, minor, patch) = self;
        match (class, major) {
            (Class::Breaking, 0) => Version(0, minor + 1, 0),
            (Class::Breaking, _) => Version(major + 1, 0, 0),
            (Class::Additive, 0) => Version(0, minor, patch + 1),
            (Class::Additive, _) => Version(major, minor + 1, 0),
            (Class::Documentation, _) => Version(major, minor, patch + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_by_class_and_zero_major_is_respected() {
        assert_eq!(Version(0, 1, 0).bumped(Class::Breaking), Version(0, 2, 0));
        assert_eq!(Version(0, 1, 3).bumped(Class::Additive), Version(0, 1, 4));
        assert_eq!(Version(1, 2, 3).bumped(Class::Breaking), Version(2, 0, 0));
        assert_eq!(Version(1, 2, 3).bumped(Class::Additive), Version(1, 3, 0));
        assert_eq!(
            Version(1, 2, 3).bumped(Class::Documentation),
            Version(1, 2, 4)
        );
        assert_eq!("0.1.0".parse::<Version>(), Ok(Version(0, 1, 0)));
        assert!("1.x".parse::<Version>().is_err());
    }
}
