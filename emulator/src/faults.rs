//! Fault injection: what the network and the gateway can do to a call. Rules are
//! matched in order against each request; a rule may be limited to one action, fire
//! only a number of times, or fire with a probability.

use std::sync::Mutex;
use std::time::Duration;

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
}

impl Fault {
    /// Parses the CLI form: `latency=200ms`, `status=503`, `reset-before`, `reset-after`,
    /// `truncated`, `non-json`.
    pub fn parse(text: &str) -> Result<Fault, String> {
        let (name, arg) = text
            .split_once('=')
            .map_or((text, None), |(n, a)| (n, Some(a)));
        match (name, arg) {
            ("latency", Some(ms)) => {
                let ms = ms.trim_end_matches("ms").parse::<u64>().map_err(|_| format!("latency wants milliseconds, got `{ms}`"))?;
                Ok(Fault::Latency(Duration::from_millis(ms)))
            }
            ("status", Some(code)) => match code.parse::<u16>() {
                Ok(c) if (100..=599).contains(&c) => Ok(Fault::Status(c)),
                _ => Err(format!("status wants an HTTP status code, got `{code}`")),
            },
            ("reset-before", None) => Ok(Fault::ResetBeforeProcessing),
            ("reset-after", None) => Ok(Fault::ResetAfterProcessing),
            ("truncated", None) => Ok(Fault::TruncatedBody),
            ("non-json", None) => Ok(Fault::NonJsonBody),
            _ => Err(format!("unknown fault `{text}`: use latency=MS, status=CODE, reset-before, reset-after, truncated or non-json")),
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
        }
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
                _ => return Err(format!("`{p}` is not a probability between 0 and 1")),
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

/// The rules in force; shared by the server and whoever steers it.
#[derive(Debug, Default)]
pub struct FaultPlan {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultPlan {
    pub fn add(&self, rule: FaultRule) {
        self.lock().push(rule);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<FaultRule>> {
        self.rules.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The faults for one request of `action`: every latency rule that fires, then the
    /// first other fault that fires.
    pub fn draw(&self, action: &str) -> Vec<Fault> {
        let mut rules = self.lock();
        let mut drawn: Vec<Fault> = Vec::new();
        for rule in rules.iter_mut() {
            let matches = rule.action.as_deref().is_none_or(|a| a == action);
            let spent = rule.remaining == Some(0);
            let blocking_taken = drawn.iter().any(|f| !matches!(f, Fault::Latency(_)));
            if !matches || spent || (blocking_taken && !matches!(rule.fault, Fault::Latency(_))) {
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
        plan.add(
            FaultRule::new(Fault::Status(503))
                .for_action("RunCommand")
                .times(2),
        );
        plan.add(FaultRule::new(Fault::Latency(Duration::from_millis(5))));
        assert_eq!(
            plan.draw("DescribeCommands"),
            [Fault::Latency(Duration::from_millis(5))]
        );
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
        plan.add(FaultRule::new(Fault::NonJsonBody).with_probability(0.0));
        assert!(plan.draw("X").is_empty());
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
    }
}
