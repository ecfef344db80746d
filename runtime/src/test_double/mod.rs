//! Test doubles for code built on a generated client (feature `test-util`), without the
//! emulator or a network:
//!
//! - [`Rules`]: "the Nth call of `invoke_command` whose request matches this closure
//!   answers this typed output / this service error / this raw body". The request is
//!   validated as for a real call, a raw body is read by the same decoding, errors have the
//!   same types; a client answered by rules never opens a connection, and
//!   [`Rules::verify`] names the rules never used, the calls no rule answered and any
//!   attempt to reach the network.
//! - [`Recorder`] and [`Replay`]: real exchanges saved to a file (secrets removed), then
//!   played back in order.

mod answer;
mod recording;

pub use recording::{Recorder, Replay};

use crate::contract::error::SdkError;
use crate::contract::spec::{ActionSpec, Operation};
use crate::contract::wire::ErrorCode;
use crate::http_client::{HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse};
use futures_util::future::BoxFuture;
use std::any::{Any, TypeId};
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

/// Makes a typed output from a request (both typed as the rule's action's).
type MakeOutput = Box<dyn Fn(&dyn Any) -> Box<dyn Any + Send> + Send>;
/// Whether a request (typed as the rule's action's) is one the rule answers.
type Matcher = Box<dyn Fn(&dyn Any) -> bool + Send>;

/// What a rule answers.
enum Reply {
    /// A typed output, made from the request.
    Typed(MakeOutput),
    /// An HTTP answer, read as a real one is.
    Raw { status: u16, body: Vec<u8> },
}

/// One rule: which calls it answers, and how.
pub struct Rule {
    action: &'static str,
    request_type: TypeId,
    matches: Matcher,
    nth: Option<usize>,
    reply: Reply,
    /// Matching calls seen, answered or not.
    seen: usize,
    answered: usize,
}

impl Rule {
    /// A rule for the action whose request type is `O` (`InvokeCommandRequest`).
    pub fn of<O: Operation + 'static>() -> RuleFor<O> {
        RuleFor {
            matches: Box::new(|_| true),
            nth: None,
            action: PhantomData,
        }
    }

    fn describe(&self) -> String {
        match self.nth {
            Some(n) => format!("the rule for call {n} of {} that matches", self.action),
            None => format!("a rule for the calls of {} that match", self.action),
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("action", &self.action)
            .field("nth", &self.nth)
            .field("answered", &self.answered)
            .finish_non_exhaustive()
    }
}

/// A rule being written, for the action of request type `O`.
#[must_use = "a rule answers only once its answer is given and it is added to `Rules`"]
pub struct RuleFor<O> {
    matches: Box<dyn Fn(&O) -> bool + Send>,
    nth: Option<usize>,
    action: PhantomData<fn(&O)>,
}

impl<O: Operation + 'static> RuleFor<O> {
    /// Only calls whose request passes `predicate`.
    pub fn matching(mut self, predicate: impl Fn(&O) -> bool + Send + 'static) -> Self {
        self.matches = Box::new(predicate);
        self
    }

    /// Only the `n`th matching call (from 1); others go to the next rules.
    pub fn nth(mut self, n: usize) -> Self {
        self.nth = Some(n);
        self
    }

    /// Answers with `output`.
    pub fn output(self, output: O::Response) -> Rule
    where
        O::Response: Clone + Send,
    {
        self.output_with(move |_| output.clone())
    }

    /// Answers with the output `make` gives for the request.
    pub fn output_with(self, make: impl Fn(&O) -> O::Response + Send + 'static) -> Rule
    where
        O::Response: Send,
    {
        let reply = Reply::Typed(Box::new(move |request: &dyn Any| {
            let output: Box<dyn Any + Send> = match request.downcast_ref::<O>() {
                Some(request) => Box::new(make(request)),
                None => Box::new(()),
            };
            output
        }));
        self.rule(reply)
    }

    /// Answers with the service error `code` (`Response.Error`), read as a real one is.
    pub fn error(self, code: O::Code, message: impl Into<String>) -> Rule {
        let body = answer::error_envelope(code.as_str(), &message.into());
        self.rule(Reply::Raw { status: 200, body })
    }

    /// Answers with this HTTP status and body, read as a real answer is (a success, a
    /// service error, a decode error).
    pub fn raw(self, status: u16, body: impl Into<Vec<u8>>) -> Rule {
        let body = body.into();
        self.rule(Reply::Raw { status, body })
    }

    fn rule(self, reply: Reply) -> Rule {
        let matches = self.matches;
        Rule {
            action: O::SPEC.name,
            request_type: TypeId::of::<O>(),
            matches: Box::new(move |request| request.downcast_ref::<O>().is_some_and(&matches)),
            nth: self.nth,
            reply,
            seen: 0,
            answered: 0,
        }
    }
}

/// The rules a test double answers from, in order: the first that applies to a call
/// answers it. Cheap to clone; clones share the rules and what they saw.
#[derive(Clone, Default)]
pub struct Rules {
    book: Arc<Mutex<Book>>,
}

#[derive(Default)]
struct Book {
    rules: Vec<Rule>,
    /// The calls no rule answered, and the requests that tried the network.
    unanswered: Vec<String>,
    network: Vec<String>,
    /// Calls per action, to number them in messages.
    calls: std::collections::HashMap<&'static str, usize>,
}

impl Rules {
    pub fn new() -> Self {
        Rules::default()
    }

    /// With `rule` after the others.
    pub fn with(self, rule: Rule) -> Self {
        self.book().rules.push(rule);
        self
    }

    fn book(&self) -> std::sync::MutexGuard<'_, Book> {
        self.book
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `Ok` when every rule answered at least once, every call was answered by a rule and
    /// nothing tried the network; else what went wrong, one line each.
    pub fn verify(&self) -> Result<(), String> {
        let book = self.book();
        let mut problems: Vec<String> = book
            .rules
            .iter()
            .filter(|rule| rule.answered == 0)
            .map(|rule| format!("never used: {}", rule.describe()))
            .collect();
        problems.extend(
            book.unanswered
                .iter()
                .map(|c| format!("no rule answered: {c}")),
        );
        problems.extend(
            book.network
                .iter()
                .map(|r| format!("tried the network: {r}")),
        );
        match problems.is_empty() {
            true => Ok(()),
            false => Err(problems.join("\n")),
        }
    }

    /// The answer of the first rule that applies, or `None` (and the call is kept).
    fn reply<Req: 'static>(
        &self,
        action: &ActionSpec,
        request: &Req,
        body: &[u8],
    ) -> Option<answer::Replied> {
        let mut book = self.book();
        let call = {
            let n = book.calls.entry(action.name).or_default();
            *n += 1;
            *n
        };
        let request: &dyn Any = request;
        for rule in &mut book.rules {
            if rule.request_type != TypeId::of::<Req>() || !(rule.matches)(request) {
                continue;
            }
            rule.seen += 1;
            if rule.nth.is_some_and(|n| n != rule.seen) {
                continue;
            }
            rule.answered += 1;
            return Some(match &rule.reply {
                Reply::Typed(make) => answer::Replied::Typed(make(request)),
                Reply::Raw { status, body } => answer::Replied::Raw(*status, body.clone()),
            });
        }
        let shown: String = String::from_utf8_lossy(body).chars().take(200).collect();
        book.unanswered
            .push(format!("call {call} of {}: {shown}", action.name));
        None
    }

    /// An HTTP client that refuses every request and keeps it for [`Rules::verify`].
    pub fn no_network(&self) -> NoNetwork {
        NoNetwork {
            rules: self.clone(),
        }
    }
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rules")
            .field("rules", &self.book().rules)
            .finish_non_exhaustive()
    }
}

/// A test double's HTTP client: no request leaves, each is kept as a failure of the test.
#[derive(Debug, Clone)]
pub struct NoNetwork {
    rules: Rules,
}

impl HttpClient for NoNetwork {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, HttpError>> {
        let action = request.action().unwrap_or("?").to_string();
        self.rules
            .book()
            .network
            .push(format!("{action} to {}", request.url));
        let refused = "a client answered by test rules opens no connection";
        Box::pin(async move { Err(HttpError::new(HttpErrorKind::NotSent, refused)) })
    }
}

impl Rules {
    /// The typed answer of a call, as `send()` gives it.
    pub(crate) fn answer<Req: 'static, Resp: 'static, C: ErrorCode>(
        &self,
        action: &ActionSpec,
        request: &Req,
        body: &[u8],
    ) -> crate::response_future::ResponseFuture<Resp, C> {
        answer::typed(action, self.reply(action, request, body))
    }

    /// The untyped answer of a call (what a waiter reads).
    pub(crate) fn untyped<Req: 'static>(
        &self,
        action: &ActionSpec,
        request: &Req,
        body: &[u8],
    ) -> Result<(u16, crate::answer::ResponseBody), SdkError<crate::contract::wire::AnyCode>> {
        answer::untyped(action, self.reply(action, request, body))
    }
}
