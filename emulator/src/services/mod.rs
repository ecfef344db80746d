//! Behaviours of the services this crate models with state, and the registry that finds
//! one for a model by its service name. The emulator core knows none of them: it serves
//! whatever behaviour it is given (`EmulatorBuilder::behaviour`), else the one registered
//! here for the model's service, else answers every action from its documented examples.

pub mod tat;

pub use crate::behaviour::ServiceOptions;

use crate::behaviour::Behaviour;

/// A registered behaviour: the service it models, and how to make it from options.
pub struct Registered {
    pub service: &'static str,
    pub make: fn(&ServiceOptions) -> Result<Box<dyn Behaviour>, String>,
}

/// Every behaviour this crate ships.
pub const REGISTRY: &[Registered] = &[Registered {
    service: tat::SERVICE,
    make: tat::from_options,
}];

/// The behaviour registered for `service`, made from `options`.
pub fn builtin(
    service: &str,
    options: &ServiceOptions,
) -> Option<Result<Box<dyn Behaviour>, String>> {
    REGISTRY
        .iter()
        .find(|r| r.service == service)
        .map(|r| (r.make)(options))
}
