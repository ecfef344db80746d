//! Which profile the default chain reads, decided once: the builder's `.profile(…)`, else
//! `TCCLI_PROFILE` (tccli), else `TENCENTCLOUD_PROFILE` (Tencent's Terraform provider),
//! else `default`. A profile named one of these ways and found nowhere is an error, never
//! a silent fall-through to the instance role.

use super::env::EnvLookup;
use super::keys::{CredentialsError, ProvideCredentials, Provided};
use futures_util::future::BoxFuture;

/// The profile's name and what named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileName {
    pub name: String,
    /// `.profile(…)`, `TCCLI_PROFILE` or `TENCENTCLOUD_PROFILE`; `None` for `default`.
    pub named_by: Option<&'static str>,
}

impl ProfileName {
    pub fn chosen(env: EnvLookup<'_>, explicit: Option<&str>) -> Self {
        let named = |name: String, by| ProfileName {
            name,
            named_by: Some(by),
        };
        if let Some(name) = explicit {
            return named(name.to_string(), ".profile(…)");
        }
        for variable in ["TCCLI_PROFILE", "TENCENTCLOUD_PROFILE"] {
            if let Some(name) = env(variable) {
                return named(name, variable);
            }
        }
        ProfileName {
            name: "default".to_string(),
            named_by: None,
        }
    }

    /// A name usable as a file name: no path, no control character.
    pub fn is_file_name(&self) -> bool {
        let name = &self.name;
        !name.is_empty()
            && name != "."
            && name != ".."
            && !name
                .chars()
                .any(|c| c == '/' || c == '\\' || c.is_control())
    }
}

/// After every profile source: a profile that was named but found in none of them is an
/// error naming where it was looked for.
#[derive(Debug, Clone)]
pub(crate) struct MissingProfile {
    pub(crate) profile: ProfileName,
    /// The places looked in, for the message.
    pub(crate) looked_in: String,
}

impl ProvideCredentials for MissingProfile {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move {
            let Some(named_by) = self.profile.named_by else {
                return Ok(Provided::NotHere);
            };
            Err(CredentialsError::Profile {
                profile: self.profile.name.clone(),
                path: self.looked_in.clone(),
                problem: format!("named by {named_by}, but found in none of them"),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_then_tccli_then_terraform_name_the_profile() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let both = env(&[("TCCLI_PROFILE", "dev"), ("TENCENTCLOUD_PROFILE", "tf")]);
        assert_eq!(ProfileName::chosen(&both, Some("ops")).name, "ops");
        assert_eq!(ProfileName::chosen(&both, None).name, "dev");
        let terraform = env(&[("TENCENTCLOUD_PROFILE", "tf")]);
        assert_eq!(
            ProfileName::chosen(&terraform, None).named_by,
            Some("TENCENTCLOUD_PROFILE")
        );
        let none = ProfileName::chosen(&env(&[]), None);
        assert_eq!((none.name.as_str(), none.named_by), ("default", None));
        for bad in ["../x", "a/b", "", ".."] {
            assert!(
                !ProfileName::chosen(&env(&[]), Some(bad)).is_file_name(),
                "{bad}"
            );
        }
    }
}
