//! The Cargo features of every generated crate, each forwarding to the runtime's feature
//! of the same name. The manifest's `[features]` is written from this list and the public
//! surface records it, so removing a feature, or taking it out of the defaults, is a
//! breaking change that `cargo xtask diff` sees.

/// One feature of a generated crate.
pub struct Feature {
    pub name: &'static str,
    /// On unless a user asks for `default-features = false`.
    pub default: bool,
    /// The manifest's comment above it, one entry a line.
    pub comment: &'static [&'static str],
}

/// Every feature, in the manifest's order.
pub const FEATURES: [Feature; 2] = [
    Feature {
        name: "default-client",
        default: true,
        comment: &[
            "The default HTTP client: reqwest over rustls, with proxies and trusted roots; the CVM",
            "role's credentials are fetched with it. Without it, give the client builder",
            "`.http_client(…)`.",
        ],
    },
    Feature {
        name: "test-util",
        default: false,
        comment: &[
            "Test doubles for code built on this client: answers by typed rules, recordings played",
            "back (`test_util`).",
        ],
    },
];

/// The `default = [...]` list's entries, quoted.
pub fn defaults() -> String {
    let quoted: Vec<String> = FEATURES
        .iter()
        .filter(|f| f.default)
        .map(|f| format!("\"{}\"", f.name))
        .collect();
    quoted.join(", ")
}
