//! Building a client: credentials (explicit, or the default chain with its profile), the
//! region and endpoint (given, from the environment, or from the tccli profile), the
//! connection (timeouts, proxies, trusted roots, your own HTTP client), what every request
//! carries (default headers, the request client) and the hooks around it.

use super::calls::{Client, Inner};
use crate::breaker::BreakerSettings;
use crate::contract::spec::ServiceSpec;
use crate::credentials::cache::CachedCredentials;
use crate::credentials::chain::connected_chain;
use crate::credentials::cvm_role::CvmRoleProvider;
use crate::credentials::env::{process_env, SharedEnv};
use crate::credentials::keys::{Credentials, ProvideCredentials};
use crate::credentials::tccli::TccliProfile;
use crate::headers::custom_header;
use crate::http_client::HttpClient;
#[cfg(feature = "default-client")]
use crate::http_client::TlsRoots;
use crate::interceptor::Interceptor;
#[cfg(feature = "default-client")]
use crate::proxy::ProxyUrl;
use crate::rate_limit::ActionRateLimits;
use crate::retry::RetryPolicy;
use crate::transport::{BuildError, Endpoint, Transport, TransportSettings};
use std::sync::Arc;
use std::time::Duration;
use tencentcloud_signing::SignedHeaders;

impl Client {
    pub fn builder(spec: ServiceSpec) -> ClientBuilder<Client> {
        ClientBuilder::new(spec)
    }
}

/// Builds a [`Client`], or a generated crate's client type `C` wrapping one.
pub struct ClientBuilder<C = Client> {
    output: std::marker::PhantomData<fn() -> C>,
    spec: ServiceSpec,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    settings: TransportSettings,
    retry: RetryPolicy,
    rate_limit: bool,
    /// The profile named by `.profile(…)`.
    profile: Option<String>,
    /// Whether `.endpoint(…)` was called (a profile's endpoint applies only otherwise).
    endpoint_given: bool,
    /// Where environment variables are read.
    env: SharedEnv,
    /// The first setting that could not be used, reported by `build()`.
    problem: Option<BuildError>,
    #[cfg(feature = "test-util")]
    rules: Option<crate::test_double::Rules>,
    /// Where exchanges are recorded.
    #[cfg(feature = "test-util")]
    record_to: Option<std::path::PathBuf>,
}

impl<C: From<Client>> ClientBuilder<C> {
    pub fn new(spec: ServiceSpec) -> Self {
        ClientBuilder {
            output: std::marker::PhantomData,
            spec,
            credentials: None,
            settings: TransportSettings::default(),
            retry: RetryPolicy::disabled(),
            rate_limit: false,
            profile: None,
            endpoint_given: false,
            env: Arc::new(process_env),
            problem: None,
            #[cfg(feature = "test-util")]
            rules: None,
            #[cfg(feature = "test-util")]
            record_to: None,
        }
    }

    fn refuse(&mut self, problem: BuildError) {
        self.problem.get_or_insert(problem);
    }

    /// Every request through this proxy: `http://[user:pass@]host:port` (or `https://…`);
    /// `NO_PROXY` still names hosts reached directly. Without it, `HTTPS_PROXY`,
    /// `HTTP_PROXY` and `NO_PROXY` are honoured, as the official SDKs do. The proxy's
    /// credentials appear in no `Debug`, error or log line. (The default client's setting:
    /// feature `default-client`.)
    #[cfg(feature = "default-client")]
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        match ProxyUrl::parse(&url.into(), "the proxy URL") {
            Ok(proxy) => self.settings.proxy.explicit = Some(proxy),
            Err(e) => self.refuse(BuildError::Proxy(e)),
        }
        self
    }

    /// Where the client reads environment variables (credentials, region, profile,
    /// proxies): the process environment by default.
    pub fn environment(
        mut self,
        env: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        let env: SharedEnv = Arc::new(env);
        #[cfg(feature = "default-client")]
        {
            self.settings.proxy.env = env.clone();
        }
        self.env = env;
        self
    }

    /// Where `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` alone are read (default: as
    /// [`environment`](Self::environment)).
    #[cfg(feature = "default-client")]
    pub fn proxy_environment(
        mut self,
        env: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.settings.proxy.env = Arc::new(env);
        self
    }

    /// Where calls go while the region breaker is open (`ap-guangzhou.tencentcloudapi.com`
    /// becomes `<service>.ap-guangzhou.tencentcloudapi.com`, as in the official SDKs; a URL
    /// is used as it is). The breaker opens after repeated network failures or 5xx
    /// answers from the primary endpoint, never for a 4xx or a service error, and after a
    /// cool-down a probe returns to the primary.
    pub fn backup_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.backup_endpoint = Some(endpoint.into());
        self
    }

    /// The region breaker's thresholds (defaults as the official Go SDK's).
    pub fn region_breaker(mut self, settings: BreakerSettings) -> Self {
        self.settings.breaker = settings;
        self
    }

    /// Which headers the signature covers: by default `x-tc-action` and the headers you
    /// add too, so a captured request cannot be replayed as another action or with other
    /// headers; [`SignedHeaders::Official`] signs what the official SDKs sign.
    pub fn signed_headers(mut self, signed_headers: SignedHeaders) -> Self {
        self.settings.signed_headers = signed_headers;
        self
    }

    /// Explicit keys; without them the [default chain](crate::credentials::default_chain)
    /// is asked (the environment, the tccli profile, the profile file, the CVM instance
    /// role).
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Keys from a source of your choosing ([`crate::credentials::AssumeRoleProvider`],
    /// [`crate::credentials::WebIdentityProvider`], a chain of your own). Temporary keys are
    /// kept and refreshed before they expire.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The profile the default chain reads (instead of `TCCLI_PROFILE`,
    /// `TENCENTCLOUD_PROFILE` or `default`): tccli's `<dir>/<name>.credential` (its keys,
    /// token or role, and its `.configure`'s region and endpoint), else section `[name]` of
    /// `~/.tencentcloud/credentials`. A profile named and found nowhere is an error.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The largest answer read, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::transport::DEFAULT_MAX_RESPONSE_BYTES)); a
    /// larger one is [`SdkError::ResponseTooLarge`](crate::SdkError::ResponseTooLarge) and
    /// is not read further.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.settings.max_response_bytes = limit;
        self
    }

    /// Region (`ap-guangzhou`); defaults to `TENCENTCLOUD_REGION`, then the profile's.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.settings.region = Some(region.into());
        self
    }

    /// Where requests go (default: the drop's domain, or the profile's endpoint).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.settings.endpoint = endpoint;
        self.endpoint_given = true;
        self
    }

    /// Shorthand for `endpoint(Endpoint::Url(url))`.
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.endpoint(Endpoint::Url(url.into()))
    }

    /// `X-TC-Language`: `zh-CN` or `en-US`.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.settings.language = Some(language.into());
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// Whole-request timeout (connect, send, and read the answer); default 60 s. A call
    /// may set its own (`.customize(|o| o.timeout(…))`).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Wait client-side so no action exceeds its documented requests per second.
    pub fn rate_limit(mut self, enabled: bool) -> Self {
        self.rate_limit = enabled;
        self
    }

    /// Names your program in `X-TC-RequestClient`, after `SDK_RUST_<version>` (letters,
    /// digits and `-_,;./`, at most 128), as the official SDKs' `request_client`.
    pub fn request_client(mut self, name: impl Into<String>) -> Self {
        self.settings.request_client = Some(name.into());
        self
    }

    /// A header sent, and signed, with every request. The client's own headers
    /// (`Authorization`, `Host`, `Content-Type`, `X-TC-Action` and the other `X-TC-*` it
    /// sets) cannot be given: `build()` says so.
    pub fn default_header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        match custom_header(name.as_ref(), value.as_ref()) {
            Ok((name, value)) => {
                self.settings.default_headers.insert(name, value);
            }
            Err(e) => self.refuse(e.into()),
        }
        self
    }

    /// Hooks around every attempt of every call, run in the order added.
    pub fn interceptor(mut self, interceptor: impl Interceptor + 'static) -> Self {
        self.settings.interceptors.push(Arc::new(interceptor));
        self
    }

    /// The built-in roots the default HTTP client trusts (default [`TlsRoots::Both`]).
    #[cfg(feature = "default-client")]
    pub fn tls_roots(mut self, roots: TlsRoots) -> Self {
        self.settings.roots.built_in = roots;
        self
    }

    /// Trusts a CA (a TLS-inspecting proxy's, a private endpoint's), PEM-encoded (one or
    /// more certificates); checked by `build()`.
    #[cfg(feature = "default-client")]
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.settings.roots.added_pem.push(pem.into());
        self
    }

    /// What sends the signed requests (default `ReqwestClient`, with the feature
    /// `default-client`; without it, this is required). Proxies, trusted roots and the
    /// connect timeout are the default client's settings; a client of yours brings its own.
    pub fn http_client(mut self, http: impl HttpClient + 'static) -> Self {
        self.settings.http_client = Some(Arc::new(http));
        self
    }

    pub fn build(mut self) -> Result<C, BuildError> {
        if let Some(problem) = self.problem.take() {
            return Err(problem);
        }
        if self.settings.region.is_none() {
            self.settings.region = (self.env)("TENCENTCLOUD_REGION");
        }
        if self.credentials.is_none() || self.profile.is_some() {
            self.apply_tccli_configuration()?;
        }
        let source = match self.credentials.take() {
            Some(source) => source,
            None => Arc::new(connected_chain(
                self.env.clone(),
                self.profile.clone(),
                CvmRoleProvider::new(),
                self.settings.connection(),
            )),
        };
        #[cfg(feature = "test-util")]
        let rules = self.rules.take();
        #[cfg(feature = "test-util")]
        self.wrap_in_recorder()?;
        let transport = Transport::new(self.spec, self.settings)?;
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                transport,
                credentials: CachedCredentials::new(source),
                retry: self.retry,
                limits: self.rate_limit.then(ActionRateLimits::default),
                #[cfg(feature = "test-util")]
                rules,
            }),
        }))
    }

    /// The region and endpoint of the tccli profile, where none was given.
    fn apply_tccli_configuration(&mut self) -> Result<(), BuildError> {
        let Some(profile) = TccliProfile::chosen(&*self.env, self.profile.as_deref()) else {
            return Ok(());
        };
        let service = self.spec.name;
        let Some(configuration) = profile
            .configuration(service)
            .map_err(BuildError::Profile)?
        else {
            return Ok(());
        };
        if self.settings.region.is_none() {
            self.settings.region = configuration.region;
        }
        if let (false, Some(endpoint)) = (self.endpoint_given, configuration.endpoint) {
            self.settings.endpoint = Endpoint::Url(endpoint);
        }
        Ok(())
    }
}

/// Test doubles (feature `test-util`): a client answered by rules or by a recording, or
/// recording its real exchanges. A client answered without the network signs with keys
/// of no account unless given some, and reads no profile.
#[cfg(feature = "test-util")]
impl<C: From<Client>> ClientBuilder<C> {
    /// Calls answered by `rules` alone; no connection is ever opened.
    pub fn test_rules(mut self, rules: &crate::test_double::Rules) -> Self {
        self.rules = Some(rules.clone());
        self.settings.http_client = Some(Arc::new(rules.no_network()));
        self.without_an_account()
    }

    /// Calls answered by a recording, in order.
    pub fn replay(mut self, replay: &crate::test_double::Replay) -> Self {
        self.settings.http_client = Some(Arc::new(replay.clone()));
        self.without_an_account()
    }

    /// Every exchange recorded to `path` (created, or emptied, by `build()`), secrets
    /// removed, for [`crate::test_double::Replay`].
    pub fn record_to(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.record_to = Some(path.into());
        self
    }

    fn without_an_account(mut self) -> Self {
        if self.credentials.is_none() {
            self.credentials = Some(Arc::new(Credentials::new(
                "AKIDTESTDOUBLE",
                "test-double-key",
            )));
        }
        self
    }

    /// The HTTP client the settings name (or the default one), wrapped in a recorder.
    fn wrap_in_recorder(&mut self) -> Result<(), BuildError> {
        let Some(path) = self.record_to.take() else {
            return Ok(());
        };
        let inner = crate::http_client::http_client_of(&self.settings)?;
        let recorder = crate::test_double::Recorder::new(inner, &path)
            .map_err(|e| BuildError::Http(format!("recording to {}: {e}", path.display())))?;
        self.settings.http_client = Some(Arc::new(recorder));
        Ok(())
    }
}
