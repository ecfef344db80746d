//! Everything TAT keeps: each account's and region's [`State`], the fleet of machines,
//! the id counter, and the emulator's time for the work at hand; and what an action sees
//! beside its scope's state ([`Env`]).

use super::agents::hub::Hub;
use super::fleet::Fleet;
use super::settings::Settings;
use super::state::{Scope, State};
use crate::store::table::IdSource;
use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

pub struct World {
    /// The emulator's time, read when the world was taken.
    pub now: SystemTime,
    pub ids: IdSource,
    pub fleet: Fleet,
    /// The fleet changed since it was last saved.
    pub fleet_changed: bool,
    pub scopes: BTreeMap<Scope, State>,
}

impl World {
    pub fn new(fleet: Fleet) -> World {
        World {
            now: UNIX_EPOCH,
            ids: IdSource::default(),
            fleet,
            fleet_changed: false,
            scopes: BTreeMap::new(),
        }
    }

    /// The state of `scope`, made on first use.
    pub fn scope(&mut self, scope: &Scope) -> &mut State {
        self.split(scope).1
    }

    /// The fleet, beside the state of `scope` (made on first use).
    pub fn split(&mut self, scope: &Scope) -> (&Fleet, &mut State) {
        let (ids, now) = (self.ids.clone(), self.now);
        let state = self
            .scopes
            .entry(scope.clone())
            .or_insert_with(|| State::new(ids));
        state.now = now;
        (&self.fleet, state)
    }

    /// The scope holding managed instance `id`, and its state.
    pub fn of_instance(&mut self, id: &str) -> Option<(&Scope, &mut State)> {
        self.find(|s| s.register_instances.get(id).is_some())
    }

    /// The scope holding registration code `id`, and its state.
    pub fn of_code(&mut self, id: &str) -> Option<(&Scope, &mut State)> {
        self.find(|s| s.register_codes.get(id).is_some())
    }

    fn find(&mut self, holds: impl Fn(&State) -> bool) -> Option<(&Scope, &mut State)> {
        let now = self.now;
        let (scope, state) = self.scopes.iter_mut().find(|(_, s)| holds(s))?;
        state.now = now;
        Some((scope, state))
    }
}

/// What an action sees beside its scope's state: the agents, the settings, the fleet.
pub struct Env<'a> {
    pub hub: &'a Hub,
    pub settings: &'a Settings,
    pub fleet: &'a Fleet,
    pub scope: &'a Scope,
}
