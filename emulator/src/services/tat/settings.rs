//! What a TAT emulator is told at start besides its timing: whether undeclared instances
//! exist, the regions where Lighthouse is unsupported, and the quotas DescribeQuotas
//! reports and the Create actions enforce.

use std::collections::{BTreeMap, BTreeSet};

/// The quota resources DescribeQuotas documents, with the total each account gets unless
/// told otherwise (`--option quota.COMMAND=N`).
pub const QUOTA_DEFAULTS: [(&str, u64); 2] = [("COMMAND", 500), ("REGISTER_CODE", 100)];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// An instance id the fleet does not declare does not exist (`--strict-instances`).
    pub strict_instances: bool,
    /// Regions where calls naming Lighthouse instances fail
    /// (`--option lighthouse-unsupported-regions=ap-a,ap-b`).
    pub lighthouse_unsupported_regions: BTreeSet<String>,
    /// `ResourceQuotaTotal` of each quota resource.
    pub quotas: BTreeMap<String, u64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            strict_instances: false,
            lighthouse_unsupported_regions: BTreeSet::new(),
            quotas: QUOTA_DEFAULTS
                .iter()
                .map(|(name, total)| (name.to_string(), *total))
                .collect(),
        }
    }
}

impl Settings {
    /// Takes one `--option` this module knows; `Ok(false)`: not one of its keys.
    pub fn take_option(&mut self, key: &str, value: &str) -> Result<bool, String> {
        if let Some(resource) = key.strip_prefix("quota.") {
            if !self.quotas.contains_key(resource) {
                let known: Vec<&str> = QUOTA_DEFAULTS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "{key}: `{resource}` has no documented quota; DescribeQuotas documents {}",
                    known.join(" and ")
                ));
            }
            let total = value
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= u64::from(u32::MAX));
            let total = total.ok_or_else(|| format!("{key}={value}: expected a count"))?;
            self.quotas.insert(resource.to_string(), total);
            return Ok(true);
        }
        match key {
            "lighthouse-unsupported-regions" => {
                self.lighthouse_unsupported_regions = value
                    .split(',')
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(str::to_string)
                    .collect();
                Ok(true)
            }
            "strict-instances" => {
                self.strict_instances = match value {
                    "true" | "" => true,
                    "false" => false,
                    _ => return Err(format!("strict-instances={value}: expected true or false")),
                };
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// The quota total of `resource`, if it has one.
    pub fn quota(&self, resource: &str) -> Option<u64> {
        self.quotas.get(resource).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_set_quotas_regions_and_strictness() {
        let mut settings = Settings::default();
        assert_eq!(settings.quota("COMMAND"), Some(500));
        assert!(settings.take_option("quota.COMMAND", "3").unwrap());
        assert_eq!(settings.quota("COMMAND"), Some(3));
        assert!(settings.take_option("quota.INVOKER", "3").is_err());
        assert!(settings.take_option("quota.COMMAND", "-1").is_err());
        settings
            .take_option("lighthouse-unsupported-regions", "ap-a, ap-b")
            .unwrap();
        assert!(settings.lighthouse_unsupported_regions.contains("ap-b"));
        assert!(settings.take_option("strict-instances", "true").unwrap());
        assert!(settings.strict_instances);
        assert!(!settings.take_option("task-ms", "1,2").unwrap());
    }
}
