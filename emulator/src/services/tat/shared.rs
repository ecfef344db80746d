//! What the API's behaviour and the agents' port share, and take in turn
//! ([`Shared::lock`]): the world, the timing, the settings, the agents, the clock, and
//! where the world is kept when it outlives the process.

use super::agents::hub::Hub;
use super::fleet::Fleet;
use super::persist;
use super::settings::Settings;
use super::state::{Scope, TaskTiming};
use super::world::{Env, World};
use crate::clock::Clock;
use crate::store::durable::{Durable, StateError};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::SystemTime;

/// What the API's behaviour and the agents' port share.
pub struct Shared {
    world: Mutex<World>,
    pub timing: TaskTiming,
    pub settings: Settings,
    pub hub: Hub,
    /// The fleet the emulator started with (a reset goes back to it).
    pub initial_fleet: Fleet,
    clock: OnceLock<Clock>,
    durable: OnceLock<Durable>,
}

impl Shared {
    pub fn new(timing: TaskTiming, settings: Settings, fleet: Fleet) -> Self {
        Shared {
            world: Mutex::new(World::new(fleet.clone())),
            timing,
            settings,
            hub: Hub::default(),
            initial_fleet: fleet,
            clock: OnceLock::new(),
            durable: OnceLock::new(),
        }
    }

    /// Keeps the world in `durable` from now on, after reading back what it holds (an
    /// empty state starts with the fleet given at start). Returns whether it was empty,
    /// and the latest time the world saw.
    pub fn use_durable(&self, durable: Durable) -> Result<(bool, Option<SystemTime>), String> {
        let entries = durable.entries().map_err(|e| e.to_string())?;
        let empty = entries.is_empty();
        let mut world = self.lock();
        let mut last_seen = None;
        if !empty {
            let (restored, seen) = persist::restore(entries, self.initial_fleet.clone())
                .map_err(|e| format!("{}: {e}", durable.file().display()))?;
            *world = restored;
            last_seen = seen;
        } else {
            world.fleet_changed = true;
        }
        let _ = self.durable.set(durable);
        self.save(&mut world).map_err(|e| e.to_string())?;
        Ok((empty, last_seen))
    }

    /// Writes what changed in the world, and returns once it is durable (at once when the
    /// emulator keeps no state).
    pub fn save(&self, world: &mut World) -> Result<(), StateError> {
        let fleet_changed = std::mem::take(&mut world.fleet_changed);
        match self.durable.get() {
            None => {
                persist::forget_changes(world);
                Ok(())
            }
            Some(durable) => durable.commit(&persist::changes(world, fleet_changed)),
        }
    }

    /// Forgets one account's resources (`Some`), or every account's and the fleet's
    /// changes (`None`), in memory and on disk.
    pub fn reset(&self, account: Option<&str>) -> Result<(), String> {
        let mut world = self.lock();
        match account {
            Some(account) => world.scopes.retain(|scope, _| scope.account != account),
            None => {
                world.scopes.clear();
                world.fleet = self.initial_fleet.clone();
                world.fleet_changed = true;
            }
        }
        if let Some(durable) = self.durable.get() {
            let prefix = account.map_or_else(String::new, persist::account_prefix);
            durable.replace(&prefix, &[]).map_err(|e| e.to_string())?;
        }
        persist::forget_changes(&mut world);
        self.save(&mut world).map_err(|e| e.to_string())
    }

    /// Reads time from `clock` from now on (the emulator's, given before it serves).
    pub fn use_clock(&self, clock: &Clock) {
        let _ = self.clock.set(clock.clone());
    }

    /// The emulator's current time.
    pub fn now(&self) -> SystemTime {
        self.clock.get_or_init(Clock::default).now()
    }

    /// The world, to act on, with its `now` read from the clock; a panic elsewhere leaves
    /// it usable.
    pub fn lock(&self) -> MutexGuard<'_, World> {
        let mut world = self
            .world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        world.now = self.now();
        world
    }

    /// The environment of an action in `scope`.
    pub fn env<'a>(&'a self, fleet: &'a Fleet, scope: &'a Scope) -> Env<'a> {
        Env {
            hub: &self.hub,
            settings: &self.settings,
            fleet,
            scope,
        }
    }
}
