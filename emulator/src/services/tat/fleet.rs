//! The machines TAT runs commands on, as data: CVM (`ins-…`) and Lighthouse (`lhins-…`)
//! instances, each with its region, operating system, CVM state and agent. Declared in a
//! TOML file (`--instances FILE`) or over `/_emulator/instances` (JSON, the same fields);
//! an id nobody declared is a running Linux machine with an online agent, unless
//! instances are strict. Managed instances (`rins-…`) are not declared: they exist once
//! Tencent's agent registers.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most instances a fleet holds (a declaration past it is refused, not cut).
pub const MAX_INSTANCES: usize = 100_000;
/// The largest fleet file read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The agent version an instance reports when its declaration gives none.
pub const DEFAULT_AGENT_VERSION: &str = "1.1.0";
/// The longest id, region or version accepted.
const MAX_TEXT: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Os {
    #[default]
    Linux,
    Windows,
}

impl Os {
    /// As DescribeAutomationAgentStatus says it (`Environment`).
    pub fn environment(self) -> &'static str {
        match self {
            Os::Linux => "Linux",
            Os::Windows => "Windows",
        }
    }

    /// Whether the agent on this system runs commands of this `CommandType`.
    pub fn runs(self, command_type: &str) -> bool {
        match self {
            Os::Linux => command_type == "SHELL",
            Os::Windows => matches!(command_type, "POWERSHELL" | "BAT"),
        }
    }
}

/// The instance states CVM and Lighthouse document (`InstanceState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InstanceState {
    Pending,
    LaunchFailed,
    #[default]
    Running,
    Stopped,
    Starting,
    Stopping,
    Rebooting,
    Shutdown,
    Terminating,
    Deleting,
    Freezing,
    EnterRescueMode,
    RescueMode,
    ExitRescueMode,
}

/// The TAT agent on an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgentState {
    #[default]
    Online,
    Offline,
    /// Not installed.
    None,
}

/// One declared instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub id: String,
    /// The region it lives in; absent: whatever region a call names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The account it belongs to; absent: every account's calls find it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default)]
    pub os: Os,
    #[serde(default)]
    pub state: InstanceState,
    #[serde(default)]
    pub agent: AgentState,
    /// The agent's version (DescribeAutomationAgentStatus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl Instance {
    /// What an undeclared id is: a running Linux machine, in any region, its agent online.
    pub fn undeclared(id: &str) -> Instance {
        Instance {
            id: id.to_string(),
            region: None,
            account: None,
            os: Os::Linux,
            state: InstanceState::Running,
            agent: AgentState::Online,
            version: None,
        }
    }

    pub fn is_lighthouse(&self) -> bool {
        self.id.starts_with("lhins-")
    }

    /// Whether a call in `region` sees this instance.
    pub fn in_region(&self, region: Option<&str>) -> bool {
        match (&self.region, region) {
            (Some(own), Some(asked)) => own == asked,
            _ => true,
        }
    }

    /// Whether calls of `account` find this instance.
    pub fn of_account(&self, account: &str) -> bool {
        self.account.as_deref().is_none_or(|own| own == account)
    }

    pub fn agent_version(&self) -> &str {
        self.version.as_deref().unwrap_or(DEFAULT_AGENT_VERSION)
    }

    /// Why this declaration cannot stand, if it cannot.
    fn problem(&self) -> Option<String> {
        let id_ok = ["ins-", "lhins-"]
            .iter()
            .any(|p| self.id.strip_prefix(p).is_some_and(well_formed));
        if !id_ok {
            return Some(format!(
                "`{}` is not a CVM (ins-…) or Lighthouse (lhins-…) instance id; managed \
                 instances (rins-…) exist once their agent registers",
                shown(&self.id)
            ));
        }
        let region_ok = self.region.as_deref().is_none_or(well_formed);
        let account_ok = self.account.as_deref().is_none_or(|a| {
            !a.is_empty()
                && a.len() <= MAX_TEXT
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        if !account_ok {
            return Some("account must be 1 to 64 letters, digits, `-` or `_`".into());
        }
        let version_ok = self.version.as_deref().is_none_or(|v| {
            !v.is_empty() && v.len() <= MAX_TEXT && v.chars().all(|c| c.is_ascii_graphic())
        });
        match (region_ok, version_ok) {
            (false, _) => Some(format!(
                "region `{}` is not a region name (ap-guangzhou, say)",
                shown(self.region.as_deref().unwrap_or_default())
            )),
            (_, false) => Some("version must be 1 to 64 printable ASCII characters".into()),
            _ => None,
        }
    }
}

/// An id tail or region: lowercase letters, digits and `-`, 1 to 64 of them.
fn well_formed(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_TEXT
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// At most this much of a caller's text is repeated in an error.
fn shown(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A fleet file or body: `[[instances]]` tables (TOML) or `{"instances": […]}` (JSON).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Declarations<T> {
    #[serde(default = "Vec::new")]
    instances: Vec<T>,
}

/// The declared instances, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fleet {
    instances: BTreeMap<String, Instance>,
}

impl Fleet {
    /// The instances of a TOML fleet file; errors name `file:line`.
    pub fn from_toml(text: &str, file: &str) -> Result<Fleet, String> {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let at = |offset: usize| {
            let line = line_starts.partition_point(|start| *start <= offset);
            format!("{file}:{line}")
        };
        let parsed: Declarations<toml::Spanned<Instance>> = toml::from_str(text).map_err(|e| {
            let place = e.span().map_or_else(|| file.to_string(), |s| at(s.start));
            format!("{place}: {}", e.message())
        })?;
        let placed = parsed.instances.into_iter().map(|spanned| {
            let place = at(spanned.span().start);
            (place, spanned.into_inner())
        });
        Fleet::from_declared(placed)
    }

    /// The instances of a JSON body `{"instances": […]}`; errors name `instances[i]`.
    pub fn from_json(body: &[u8]) -> Result<Fleet, String> {
        let parsed: Declarations<serde_json::Value> = serde_json::from_slice(body)
            .map_err(|e| format!("the body must be {{\"instances\": [...]}}: {e}"))?;
        if parsed.instances.len() > MAX_INSTANCES {
            return Err(too_many(parsed.instances.len()));
        }
        let mut placed = Vec::with_capacity(parsed.instances.len());
        for (i, value) in parsed.instances.into_iter().enumerate() {
            let instance =
                Instance::deserialize(value).map_err(|e| format!("instances[{i}]: {e}"))?;
            placed.push((format!("instances[{i}]"), instance));
        }
        Fleet::from_declared(placed)
    }

    /// One instance from a JSON body (`PUT /_emulator/instances/ID`).
    pub fn one_from_json(body: &[u8], id: &str) -> Result<Instance, String> {
        let mut value: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| format!("the body must be JSON: {e}"))?;
        if let Some(object) = value.as_object_mut() {
            object
                .entry("id")
                .or_insert_with(|| serde_json::Value::from(id));
        }
        let instance = Instance::deserialize(value).map_err(|e| e.to_string())?;
        if instance.id != id {
            return Err(format!(
                "the body's id `{}` is not the path's `{}`",
                shown(&instance.id),
                shown(id)
            ));
        }
        instance.problem().map_or(Ok(instance), Err)
    }

    fn from_declared(
        declared: impl IntoIterator<Item = (String, Instance)>,
    ) -> Result<Fleet, String> {
        let mut fleet = Fleet::default();
        let mut places: BTreeMap<String, String> = BTreeMap::new();
        for (place, instance) in declared {
            if let Some(problem) = instance.problem() {
                return Err(format!("{place}: {problem}"));
            }
            if let Some(first) = places.insert(instance.id.clone(), place.clone()) {
                return Err(format!(
                    "{place}: instance `{}` is declared twice (first at {first})",
                    instance.id
                ));
            }
            if fleet.instances.len() == MAX_INSTANCES {
                return Err(too_many(MAX_INSTANCES + 1));
            }
            fleet.instances.insert(instance.id.clone(), instance);
        }
        Ok(fleet)
    }

    pub fn get(&self, id: &str) -> Option<&Instance> {
        self.instances.get(id)
    }

    /// Adds or replaces one instance.
    pub fn put(&mut self, instance: Instance) -> Result<(), String> {
        let known = self.instances.contains_key(&instance.id);
        if !known && self.instances.len() >= MAX_INSTANCES {
            return Err(too_many(MAX_INSTANCES + 1));
        }
        self.instances.insert(instance.id.clone(), instance);
        Ok(())
    }

    pub fn remove(&mut self, id: &str) -> Option<Instance> {
        self.instances.remove(id)
    }

    /// Every declared instance, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Instance> {
        self.instances.values()
    }

    pub fn len(&self) -> usize {
        self.instances.len()
    }

    pub fn is_empty(&self) -> bool {
        self.instances.is_empty()
    }
}

fn too_many(count: usize) -> String {
    format!("{count} instances declared; a fleet holds at most {MAX_INSTANCES}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[instances]]
id = "ins-win00001"
region = "ap-guangzhou"
os = "windows"
state = "STOPPED"
agent = "offline"
version = "1.0.3"

[[instances]]
id = "lhins-abc12345"
"#;

    #[test]
    fn a_fleet_file_declares_instances_with_defaults() {
        let fleet = Fleet::from_toml(FILE, "fleet.toml").unwrap();
        let win = fleet.get("ins-win00001").unwrap();
        assert_eq!(
            (win.os, win.state, win.agent, win.agent_version()),
            (
                Os::Windows,
                InstanceState::Stopped,
                AgentState::Offline,
                "1.0.3"
            )
        );
        let lh = fleet.get("lhins-abc12345").unwrap();
        assert_eq!(lh, &Instance::undeclared("lhins-abc12345"));
        assert!(lh.is_lighthouse() && lh.in_region(Some("ap-tokyo")));
        assert!(!win.in_region(Some("ap-tokyo")) && win.in_region(None));
    }

    #[test]
    fn mistakes_are_named_with_their_line() {
        let cases = [
            (
                "[[instances]]\nid = \"ins-1\"\nstate = \"ASLEEP\"\n",
                "f.toml:3",
                "ASLEEP",
            ),
            (
                "[[instances]]\nid = \"rins-1\"\n",
                "f.toml:1",
                "managed instances",
            ),
            (
                "[[instances]]\nid = \"ins-1\"\ncolour = \"red\"\n",
                "f.toml:3",
                "colour",
            ),
            (
                "[[instances]]\nid = \"ins-1\"\n[[instances]]\nid = \"ins-1\"\n",
                "f.toml:3",
                "twice (first at f.toml:1)",
            ),
            ("[[instances]\n", "f.toml:1", ""),
            (
                "[[instances]]\nid = \"ins-1\"\nregion = \"Ap Guangzhou\"\n",
                "f.toml:1",
                "region",
            ),
        ];
        for (text, place, words) in cases {
            let error = Fleet::from_toml(text, "f.toml").unwrap_err();
            assert!(error.starts_with(place) && error.contains(words), "{error}");
        }
    }

    #[test]
    fn json_bodies_declare_the_same_fields() {
        let body = br#"{"instances": [{"id": "ins-1", "agent": "none", "os": "windows"}]}"#;
        let fleet = Fleet::from_json(body).unwrap();
        assert_eq!(fleet.get("ins-1").unwrap().agent, AgentState::None);
        let error = Fleet::from_json(br#"{"instances": [{"id": "ins-1", "os": "beos"}]}"#);
        assert!(error
            .unwrap_err()
            .starts_with("instances[0]: unknown variant `beos`"));
        assert!(Fleet::from_json(b"{\"instances\": 3}").is_err());
        let one = Fleet::one_from_json(br#"{"state": "STOPPED"}"#, "ins-2").unwrap();
        assert_eq!(one.state, InstanceState::Stopped);
        assert!(Fleet::one_from_json(br#"{"id": "ins-3"}"#, "ins-2").is_err());
    }

    #[test]
    fn a_fleet_is_bounded() {
        let mut text = String::new();
        for i in 0..=MAX_INSTANCES {
            text.push_str(&format!("[[instances]]\nid = \"ins-{i}\"\n"));
        }
        let error = Fleet::from_toml(&text, "big.toml").unwrap_err();
        assert!(error.contains("at most 100000"), "{error}");
    }

    #[test]
    fn each_system_runs_its_command_types() {
        assert!(Os::Linux.runs("SHELL") && !Os::Linux.runs("POWERSHELL"));
        assert!(Os::Windows.runs("BAT") && !Os::Windows.runs("SHELL"));
    }
}
