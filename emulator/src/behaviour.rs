//! Stateful behaviour of a service, for the actions it models; every other action is
//! answered from its documented examples.

use crate::api_error::ApiError;
use crate::auth::Caller;
use doc_model::ir::Action;
use serde_json::{Map, Value};

/// One validated call, as a behaviour sees it.
pub struct Call<'a> {
    pub action: &'a Action,
    pub params: &'a Map<String, Value>,
    pub caller: &'a Caller,
    pub region: Option<&'a str>,
}

impl Call<'_> {
    /// A parameter the request gives (not null).
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params.get(name).filter(|v| !v.is_null())
    }

    pub fn str_param(&self, name: &str) -> Option<&str> {
        self.param(name).and_then(Value::as_str)
    }

    /// A string array parameter (empty when not given).
    pub fn strings(&self, name: &str) -> Vec<String> {
        self.param(name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The given value, else the page's documented default.
    pub fn param_or_default(&self, name: &str) -> Option<Value> {
        self.param(name).cloned().or_else(|| {
            self.action
                .request
                .iter()
                .find(|f| f.name == name)
                .and_then(|f| f.default_value().cloned())
        })
    }
}

/// Response fields (without `RequestId`), or the error to answer with.
pub type Answer = Result<Map<String, Value>, ApiError>;

pub trait Behaviour: Send + Sync {
    /// `None`: this behaviour does not model the action.
    fn handle(&self, call: &Call<'_>) -> Option<Answer>;
}

impl Behaviour for Box<dyn Behaviour> {
    fn handle(&self, call: &Call<'_>) -> Option<Answer> {
        (**self).handle(call)
    }
}
