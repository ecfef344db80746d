//! Sources asked in order until one applies.

use super::cvm_role::CvmRoleProvider;
use super::env::{EnvProvider, SharedEnv};
use super::keys::{CredentialsError, ProvideCredentials, Provided};
use super::profile::ProfileProvider;
use super::profile_name::{MissingProfile, ProfileName};
use super::tccli::TccliProvider;
use crate::transport::TransportSettings;
use futures_util::future::BoxFuture;
use std::sync::Arc;

/// Asks each source in turn; the first that applies gives the keys, and a source that
/// applies but fails (a half-set environment, a malformed file, a refused role) ends
/// the search with its error.
#[derive(Debug, Clone)]
pub struct ChainProvider {
    sources: Vec<Arc<dyn ProvideCredentials>>,
}

impl ChainProvider {
    pub fn new(sources: Vec<Arc<dyn ProvideCredentials>>) -> Self {
        ChainProvider { sources }
    }
}

/// The official SDKs' chain, with tccli's profiles: the environment, the tccli profile,
/// the profile file, the CVM instance role.
pub fn default_chain() -> ChainProvider {
    default_chain_with(Arc::new(super::env::process_env), CvmRoleProvider::new())
}

/// The default chain over another environment and metadata service (tests, sandboxes).
pub fn default_chain_with(env: SharedEnv, cvm_role: CvmRoleProvider) -> ChainProvider {
    default_chain_for(env, None, cvm_role)
}

/// The default chain reading `profile` (else the one the environment names): the
/// environment, then the profile (tccli's files, then the profile file's section; named
/// and found in neither, an error), then the CVM instance role.
pub fn default_chain_for(
    env: SharedEnv,
    profile: Option<String>,
    cvm_role: CvmRoleProvider,
) -> ChainProvider {
    connected_chain(env, profile, cvm_role, TransportSettings::default())
}

/// [`default_chain_for`] of a client: a profile's role is assumed through STS as the
/// client connects (its proxies, trusted roots, timeouts and HTTP client).
pub(crate) fn connected_chain(
    env: SharedEnv,
    profile: Option<String>,
    cvm_role: CvmRoleProvider,
    connection: TransportSettings,
) -> ChainProvider {
    let tccli = TccliProvider::new(&env, profile.as_deref(), cvm_role.clone())
        .connected(connection.clone());
    let file = ProfileProvider::named(env.clone(), profile.as_deref()).connected(connection);
    let places: Vec<String> = [tccli.credential_path(), file.path()]
        .into_iter()
        .flatten()
        .map(|p| p.display().to_string())
        .collect();
    let missing = MissingProfile {
        profile: ProfileName::chosen(&*env, profile.as_deref()),
        looked_in: places.join(" and "),
    };
    ChainProvider::new(vec![
        Arc::new(EnvProvider::with(env)),
        Arc::new(tccli),
        Arc::new(file),
        Arc::new(missing),
        Arc::new(cvm_role),
    ])
}

impl ProvideCredentials for ChainProvider {
    fn provide(&self) -> BoxFuture<'_, Result<Provided, CredentialsError>> {
        Box::pin(async move {
            for source in &self.sources {
                if let Provided::Found(keys) = source.provide().await? {
                    return Ok(Provided::Found(keys));
                }
            }
            Ok(Provided::NotHere)
        })
    }
}
