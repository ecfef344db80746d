//! Sources asked in order until one applies.

use super::cvm_role::CvmRoleProvider;
use super::env::{EnvProvider, SharedEnv};
use super::keys::{CredentialsError, ProvideCredentials, Provided};
use super::profile::ProfileProvider;
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

/// The official SDKs' chain: the environment, the profile file, the CVM instance role.
pub fn default_chain() -> ChainProvider {
    default_chain_with(Arc::new(super::env::process_env), CvmRoleProvider::new())
}

/// The default chain over another environment and metadata service (tests, sandboxes).
pub fn default_chain_with(env: SharedEnv, cvm_role: CvmRoleProvider) -> ChainProvider {
    ChainProvider::new(vec![
        Arc::new(EnvProvider::with(env.clone())),
        Arc::new(ProfileProvider::with(env)),
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
