//! Fault injection: what the network, the gateway or the service can do to a call. Rules
//! are matched in order against each request; a rule may be limited to one action, let a
//! number of calls through first, fire only a number of times, or fire with a
//! probability. A code fault answers with an error code the action's page (or the common
//! page) documents, and nothing else: the plan refuses any other code.

use crate::api_error::ApiError;
use crate::service_model::ServiceModel;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::Duration;

/// The longest code a fault may name (the longest documented ones are about 60).
const MAX_CODE_CHARS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// Answer with this HTTP status and a non-API body, without processing.
    Status(u16),
    /// Close the connection with a TCP reset before the request is processed.
    ResetBeforeProcessing,
    /// Process the request (state changes happen), then reset instead of answering.
    ResetAfterProcessing,
    /// Process, then send only half the body the headers announce, and reset.
    TruncatedBody,
    /// Process, then answer 200 with a body that is not JSON.
    NonJsonBody,
    /// Answer this documented error code with its documented message, without processing.
    Code(String),
}

impl Fault {
    /// Parses the CLI form: `latency=200ms`, `status=503`, `reset-before`, `reset-after`,
    /// `truncated`, `non-json`, `code=UnauthorizedOperation.CamAuthFailed`.
    pub fn parse(text: &str) -> Result<Fault, String> {
        let (name, arg) = text
            .split_once('=')
            .map_or((text, None), |(n, a)| (n, Some(a)));
        match (name, arg) {
            ("latency", Some(ms)) => {
                let ms = ms.trim_end_matches("ms").parse::<u64>().map_err(|_| format!("latency wants milliseconds, got `{}`", shown(ms)))?;
                Ok(Fault::Latency(Duration::from_millis(ms)))
            }
            ("status", Some(code)) => match code.parse::<u16>() {
                Ok(c) if (100..=599).contains(&c) => Ok(Fault::Status(c)),
                _ => Err(format!("status wants an HTTP status code, got `{}`", shown(code))),
            },
            ("reset-before", None) => Ok(Fault::ResetBeforeProcessing),
            ("reset-after", None) => Ok(Fault::ResetAfterProcessing),
            ("truncated", None) => Ok(Fault::TruncatedBody),
            ("non-json", None) => Ok(Fault::NonJsonBody),
            ("code", Some(code)) => Ok(Fault::Code(code.to_string())),
            _ => Err(format!("unknown fault `{}`: use latency=MS, status=CODE, reset-before, reset-after, truncated, non-json or code=ERROR_CODE", shown(text))),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    pub fault: Fault,
    /// Only requests of this action (`X-TC-Action`); `None`: every request.
    pub action: Option<String>,
    /// How many more times the rule fires; `None`: always.
    pub remaining: Option<u32>,
    /// How many more matching requests pass before the rule starts firing.
    pub skip: u32,
    /// Chance the rule fires on a matching request, in `[0, 1]`.
    pub probability: f64,
}

impl FaultRule {
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            fault,
            action: None,
            remaining: None,
            probability: 1.0,
            skip: 0,
        }
    }

    /// A rule answering `code` (`UnauthorizedOperation.CamAuthFailed`), which the action's
    /// page or the common page must document ([`FaultPlan::add`] checks).
    pub fn code(code: impl Into<String>) -> Self {
        FaultRule::new(Fault::Code(code.into()))
    }

    /// Let `n` matching requests through before the rule fires.
    pub fn after(mut self, n: u32) -> Self {
        self.skip = n;
        self
    }

    pub fn for_action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    pub fn times(mut self, n: u32) -> Self {
        self.remaining = Some(n);
        self
    }

    pub fn with_probability(mut self, p: f64) -> Self {
        self.probability = p.clamp(0.0, 1.0);
        self
    }

    /// The CLI and control-API form: `FAULT[@ACTION][%PROBABILITY]`
    /// (`status=503@RunCommand%0.1`); see [`Fault::parse`].
    pub fn parse(text: &str) -> Result<FaultRule, String> {
        let (rest, probability) = match text.split_once('%') {
            Some((r, p)) => match p.parse::<f64>() {
                Ok(p) if (0.0..=1.0).contains(&p) => (r, Some(p)),
                _ => {
                    let p = shown(p);
                    return Err(format!("`{p}` is not a probability between 0 and 1"));
                }
            },
            None => (text, None),
        };
        let (fault, action) = rest
            .split_once('@')
            .map_or((rest, None), |(f, a)| (f, Some(a)));
        let mut rule = FaultRule::new(Fault::parse(fault)?);
        if let Some(a) = action {
            rule = rule.for_action(a);
        }
        if let Some(p) = probability {
            rule = rule.with_probability(p);
        }
        Ok(rule)
    }
}

/// At most this much of a caller's text is repeated in an error.
fn shown(text: &str) -> String {
    const SHOWN: usize = 80;
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}… ({} bytes)", &text[..cut], text.len()),
        None => text.to_string(),
    }
}

/// The error codes a service documents: each action's page, and the common page.
#[derive(Debug, Default)]
pub struct DocumentedCodes {
    /// Code → message, by action.
    by_action: BTreeMap<String, BTreeMap<String, String>>,
    common: BTreeMap<String, String>,
}

impl DocumentedCodes {
    pub fn of(model: &ServiceModel) -> Self {
        let pairs = |errors: &[doc_model::ir::ErrorCode]| {
            errors
                .iter()
                .map(|e| (e.code.clone(), e.description.clone()))
                .collect()
        };
        let service = &model.service;
        DocumentedCodes {
            by_action: service
                .actions
                .iter()
                .map(|a| (a.name.clone(), pairs(&a.errors)))
                .collect(),
            common: pairs(&service.common_errors),
        }
    }

    /// The documented message of `code` for `action` (its page first, then the common page).
    pub fn message(&self, action: &str, code: &str) -> Option<&str> {
        let own = self.by_action.get(action).and_then(|codes| codes.get(code));
        own.or_else(|| self.common.get(code)).map(String::as_str)
    }

    /// Refuses a code fault no page documents where it would fire.
    fn check(&self, code: &str, action: Option<&str>) -> Result<(), String> {
        let well_formed = !code.is_empty()
            && code.len() <= MAX_CODE_CHARS
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        if !well_formed {
            return Err(format!("`{}` is not an error code", shown(code)));
        }
        match action {
            Some(action) => {
                let Some(own) = self.by_action.get(action) else {
                    return Err(format!("the service has no action `{}`", shown(action)));
                };
                if self.message(action, code).is_some() {
                    return Ok(());
                }
                let listed: Vec<&str> = own.keys().map(String::as_str).collect();
                Err(format!(
                    "{action} does not document `{code}`, nor does the common page; its page documents: {}",
                    listed.join(", ")
                ))
            }
            None if self.common.contains_key(code)
                || self.by_action.values().any(|c| c.contains_key(code)) =>
            {
                Ok(())
            }
            None => Err(format!(
                "no page of the service documents `{code}` (a code fault answers documented codes only)"
            )),
        }
    }

    /// The actions whose pages document `code`, when it is not a common code.
    fn documenting(&self, code: &str) -> Option<BTreeSet<String>> {
        if self.common.contains_key(code) {
            return None;
        }
        let actions = self.by_action.iter().filter(|(_, c)| c.contains_key(code));
        Some(actions.map(|(a, _)| a.clone()).collect())
    }
}

/// A rule in force, with where it may fire.
#[derive(Debug)]
struct Armed {
    rule: FaultRule,
    /// A code fault without an action fires only where a page documents the code.
    only: Option<BTreeSet<String>>,
}

/// The rules in force; shared by the server and whoever steers it.
#[derive(Debug, Default)]
pub struct FaultPlan {
    rules: Mutex<Vec<Armed>>,
    codes: DocumentedCodes,
}

/// A rule the plan does not take, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("fault refused: {0}")]
pub struct FaultRefused(pub String);

impl FaultPlan {
    /// A plan whose code faults answer the codes `model`'s pages document.
    pub fn for_model(model: &ServiceModel) -> Self {
        FaultPlan {
            rules: Mutex::default(),
            codes: DocumentedCodes::of(model),
        }
    }

    /// Adds a rule; a code fault must name a code the action's page (or the common page)
    /// documents, or, without an action, one some page documents.
    pub fn add(&self, rule: FaultRule) -> Result<(), FaultRefused> {
        let mut only = None;
        if let Fault::Code(code) = &rule.fault {
            self.codes
                .check(code, rule.action.as_deref())
                .map_err(FaultRefused)?;
            if rule.action.is_none() {
                only = self.codes.documenting(code);
            }
        }
        self.lock().push(Armed { rule, only });
        Ok(())
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Armed>> {
        self.rules.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The answer of a code fault on `action`: the code with its documented message.
    pub fn coded_answer(&self, action: &str, code: &str) -> ApiError {
        let message = self.codes.message(action, code).unwrap_or(code);
        ApiError::new(code, message)
    }

    /// The faults for one request of `action`: every latency rule that fires, then the
    /// first other fault that fires.
    pub fn draw(&self, action: &str) -> Vec<Fault> {
        let mut rules = self.lock();
        let mut drawn: Vec<Fault> = Vec::new();
        for Armed { rule, only } in rules.iter_mut() {
            let matches = rule.action.as_deref().is_none_or(|a| a == action)
                && only.as_ref().is_none_or(|actions| actions.contains(action));
            let spent = rule.remaining == Some(0);
            let blocking_taken = drawn.iter().any(|f| !matches!(f, Fault::Latency(_)));
            if !matches || spent || (blocking_taken && !matches!(rule.fault, Fault::Latency(_))) {
                continue;
            }
            if rule.skip > 0 {
                rule.skip -= 1;
                continue;
            }
            if rule.probability < 1.0 && rand::random::<f64>() >= rule.probability {
                continue;
            }
            if let Some(n) = rule.remaining.as_mut() {
                *n -= 1;
            }
            drawn.push(rule.fault.clone());
        }
        drawn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_fire_as_configured() {
        let plan = FaultPlan::default();
        let rule = FaultRule::new(Fault::Status(503)).for_action("RunCommand");
        plan.add(rule.times(2).after(1)).unwrap();
        plan.add(FaultRule::new(Fault::Latency(Duration::from_millis(5))))
            .unwrap();
        assert_eq!(
            plan.draw("DescribeCommands"),
            [Fault::Latency(Duration::from_millis(5))]
        );
        assert_eq!(plan.draw("RunCommand").len(), 1, "the first one passes");
        assert_eq!(
            plan.draw("RunCommand"),
            [Fault::Status(503), Fault::Latency(Duration::from_millis(5))]
        );
        assert_eq!(plan.draw("RunCommand").len(), 2);
        assert_eq!(
            plan.draw("RunCommand"),
            [Fault::Latency(Duration::from_millis(5))]
        );
        plan.clear();
        assert!(plan.draw("RunCommand").is_empty());
        plan.add(FaultRule::new(Fault::NonJsonBody).with_probability(0.0))
            .unwrap();
        assert!(plan.draw("X").is_empty());
    }

    fn tat_plan() -> FaultPlan {
        let model = ServiceModel::load(&crate::services::tat::specs_dir()).unwrap();
        FaultPlan::for_model(&model)
    }

    #[test]
    fn code_faults_answer_documented_codes_only() {
        let plan = tat_plan();
        let cam = "UnauthorizedOperation.CamAuthFailed";
        plan.add(
            FaultRule::code(cam)
                .for_action("RunCommand")
                .after(2)
                .times(1),
        )
        .unwrap();
        let drawn: Vec<_> = (0..4).map(|_| plan.draw("RunCommand")).collect();
        assert_eq!(drawn.iter().filter(|d| !d.is_empty()).count(), 1);
        assert_eq!(drawn[2], [Fault::Code(cam.into())]);
        let answer = plan.coded_answer("RunCommand", cam);
        assert_eq!(answer.message, "CAM authentication failed.");
        let refused = plan
            .add(
                FaultRule::code("ResourceUnavailable.AgentNotInstalled")
                    .for_action("DescribeQuotas"),
            )
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("DescribeQuotas does not document")
                && refused.contains("ResourceUnavailable.InvalidResourceQuotaResourceCode"),
            "{refused}"
        );
        let huge = "A".repeat(100 * 1024);
        let refused = plan.add(FaultRule::code(huge)).unwrap_err().to_string();
        assert!(refused.len() < 300, "{} bytes", refused.len());
        assert!(plan.add(FaultRule::code("Nobody.DocumentsThis")).is_err());
    }

    #[test]
    fn a_code_fault_without_an_action_fires_where_pages_document_it() {
        let plan = tat_plan();
        plan.add(FaultRule::code("ResourceUnavailable.AgentNotInstalled"))
            .unwrap();
        assert!(plan.draw("DescribeQuotas").is_empty());
        assert_eq!(plan.draw("RunCommand").len(), 1);
        plan.clear();
        plan.add(FaultRule::code("InternalError")).unwrap();
        assert_eq!(
            plan.draw("DescribeQuotas").len(),
            1,
            "a common code fires anywhere"
        );
    }

    #[test]
    fn cli_forms() {
        assert_eq!(
            Fault::parse("latency=200ms"),
            Ok(Fault::Latency(Duration::from_millis(200)))
        );
        assert_eq!(Fault::parse("status=503"), Ok(Fault::Status(503)));
        assert_eq!(Fault::parse("reset-after"), Ok(Fault::ResetAfterProcessing));
        assert!(Fault::parse("status=99").is_err());
        assert!(Fault::parse("explode").is_err());
        let rule = FaultRule::parse("status=503@RunCommand%0.25").unwrap();
        assert_eq!(
            (rule.fault, rule.action.as_deref(), rule.probability),
            (Fault::Status(503), Some("RunCommand"), 0.25)
        );
        assert!(FaultRule::parse("reset-after%2").is_err());
        let rule = FaultRule::parse("code=InternalError@RunCommand").unwrap();
        assert_eq!(rule.fault, Fault::Code("InternalError".into()));
    }
}
