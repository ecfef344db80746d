//! Which certificate authorities the default client trusts: the bundled web roots, the
//! system's store (where a TLS-inspecting proxy's or a company's CA is installed), or both
//! (the default: the official Go SDK trusts the system store, the others a bundled list),
//! plus any CA given as PEM.

/// The built-in roots trusted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TlsRoots {
    /// The Mozilla roots bundled in the crate (`webpki-roots`).
    WebPki,
    /// The operating system's store (`rustls-native-certs`), read when the client is built.
    System,
    /// Both.
    #[default]
    Both,
}

/// The trusted roots: the built-in ones chosen, and CAs added as PEM.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RootCertificates {
    pub built_in: TlsRoots,
    /// PEM documents, each holding one or more certificates, checked when the client is
    /// built.
    pub added_pem: Vec<Vec<u8>>,
}

impl std::fmt::Debug for RootCertificates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RootCertificates")
            .field("built_in", &self.built_in)
            .field("added_pem", &self.added_pem.len())
            .finish()
    }
}

impl RootCertificates {
    /// `builder` trusting these roots; an added PEM that holds no certificate is an error.
    pub(crate) fn apply(
        &self,
        mut builder: reqwest::ClientBuilder,
    ) -> Result<reqwest::ClientBuilder, String> {
        let (webpki, system) = match self.built_in {
            TlsRoots::WebPki => (true, false),
            TlsRoots::System => (false, true),
            TlsRoots::Both => (true, true),
        };
        builder = builder
            .tls_built_in_webpki_certs(webpki)
            .tls_built_in_native_certs(system);
        for (i, pem) in self.added_pem.iter().enumerate() {
            let certificates = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| format!("root certificate {} is not PEM: {e}", i + 1))?;
            if certificates.is_empty() {
                return Err(format!("root certificate {} holds no certificate", i + 1));
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        Ok(builder)
    }
}
