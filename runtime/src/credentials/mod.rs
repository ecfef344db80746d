//! Credentials and where they come from.
//!
//! Order (DESIGN.md, as the official SDKs): explicit keys; the environment
//! (`TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`, a token from `TENCENTCLOUD_TOKEN`
//! (tccli) or `TENCENTCLOUD_SECURITY_TOKEN` (Terraform), `TENCENTCLOUD_SESSION_TOKEN` as an
//! alias); the profile (`.profile(…)`, `TCCLI_PROFILE`, `TENCENTCLOUD_PROFILE` or
//! `default`): tccli's `~/.tccli/<profile>.credential`, then section `[<profile>]` of the
//! profile file `~/.tencentcloud/credentials` (path from `TENCENTCLOUD_CREDENTIALS_FILE`);
//! then the CVM instance role. Role assumption through STS and the TKE OIDC provider are
//! providers of their own. Temporary keys are cached and refreshed before they expire, once
//! however many calls need them.

pub(crate) mod cache;
pub(crate) mod chain;
pub(crate) mod cvm_role;
pub(crate) mod env;
pub(crate) mod keys;
mod profile;
mod profile_name;
mod sts;
pub(crate) mod tccli;

pub use cache::CachedCredentials;
pub use chain::{default_chain, default_chain_for, default_chain_with, ChainProvider};
pub use cvm_role::CvmRoleProvider;
pub use env::{from_env, process_env, EnvLookup, EnvProvider, SharedEnv};
pub use keys::{Credentials, CredentialsError, ProvideCredentials, Provided, Secret};
pub use profile::{parse_profile, profile_path, ProfileProvider, ProfileSection};
pub use profile_name::ProfileName;
pub use sts::{AssumeRoleProvider, WebIdentityProvider};
pub use tccli::{TccliConfiguration, TccliProfile, TccliProvider};
