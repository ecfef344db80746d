//! Proxies, as Tencent's official SDKs use them: an explicit `.proxy(url)`, else
//! `HTTPS_PROXY` for https requests and `HTTP_PROXY` for http ones (either case), and
//! `NO_PROXY` (hosts, domain suffixes, `*`) for both. Credentials in the URL (`user:pass@`)
//! become the proxy's basic authentication and are never shown: not in `Debug`, errors or
//! logs.

use crate::credentials::env::SharedEnv;
use std::sync::Arc;

/// A proxy's URL; shown with its password replaced.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyUrl(reqwest::Url);

impl ProxyUrl {
    /// `http://[user:pass@]host[:port]` or `https://…`; the error (what is wrong, never
    /// the password) names the URL as `what`.
    pub fn parse(text: &str, what: &str) -> Result<ProxyUrl, String> {
        let refused = |why: &str| format!("{what} {why}");
        let url = reqwest::Url::parse(text.trim())
            .map_err(|_| refused("is not a URL (http://[user:pass@]host[:port])"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(refused("is not an http(s) URL with a host"));
        }
        Ok(ProxyUrl(url))
    }

    /// The URL without its password.
    pub fn shown(&self) -> String {
        let mut shown = self.0.clone();
        if shown.password().is_some() {
            let _ = shown.set_password(Some("***"));
        }
        shown.to_string()
    }
}

impl std::fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown())
    }
}

/// Which proxy, if any: the builder's, or the environment's.
#[derive(Clone)]
pub struct ProxySettings {
    pub explicit: Option<ProxyUrl>,
    /// Where `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` are read (the process's by default).
    pub env: SharedEnv,
}

impl Default for ProxySettings {
    fn default() -> Self {
        ProxySettings {
            explicit: None,
            env: Arc::new(|name: &str| std::env::var(name).ok().filter(|v| !v.is_empty())),
        }
    }
}

impl std::fmt::Debug for ProxySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxySettings")
            .field("explicit", &self.explicit)
            .finish_non_exhaustive()
    }
}

/// The proxies a client uses, read once when it is built.
#[derive(Clone, Debug)]
struct Choice {
    explicit: Option<ProxyUrl>,
    https: Option<ProxyUrl>,
    http: Option<ProxyUrl>,
    no_proxy: Vec<String>,
}

impl Choice {
    fn read(settings: &ProxySettings) -> Result<Choice, String> {
        let env =
            |upper: &str| (settings.env)(upper).or_else(|| (settings.env)(&upper.to_lowercase()));
        let proxy = |name: &str| env(name).map(|v| ProxyUrl::parse(&v, name)).transpose();
        let no_proxy = env("NO_PROXY").unwrap_or_default();
        Ok(Choice {
            explicit: settings.explicit.clone(),
            https: proxy("HTTPS_PROXY")?,
            http: proxy("HTTP_PROXY")?,
            no_proxy: no_proxy
                .split(',')
                .map(|e| match e.trim() {
                    "*" => "*".to_string(),
                    e => e
                        .trim_start_matches('*')
                        .trim_start_matches('.')
                        .to_ascii_lowercase(),
                })
                .filter(|e| !e.is_empty())
                .collect(),
        })
    }

    /// The proxy for a request to `url`, or `None` to connect directly.
    fn for_url(&self, url: &reqwest::Url) -> Option<&ProxyUrl> {
        let host = url
            .host_str()?
            .trim_start_matches('[')
            .trim_end_matches(']');
        if self.bypassed(&host.to_ascii_lowercase()) {
            return None;
        }
        self.explicit.as_ref().or(match url.scheme() {
            "https" => self.https.as_ref(),
            _ => self.http.as_ref(),
        })
    }

    /// `NO_PROXY`: `*`, a host, or a domain and its subdomains (`example.com`, `.example.com`).
    fn bypassed(&self, host: &str) -> bool {
        self.no_proxy.iter().any(|entry| {
            let entry = entry.split(':').next().unwrap_or(entry);
            entry == "*" || host == entry || host.ends_with(&format!(".{entry}"))
        })
    }
}

/// The reqwest proxy for these settings, or `None` when no proxy applies at all.
pub fn reqwest_proxy(settings: &ProxySettings) -> Result<Option<reqwest::Proxy>, String> {
    let choice = Choice::read(settings)?;
    if choice.explicit.is_none() && choice.https.is_none() && choice.http.is_none() {
        return Ok(None);
    }
    let proxy = reqwest::Proxy::custom(move |url| choice.for_url(url).map(|p| p.0.clone()));
    Ok(Some(proxy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)], explicit: Option<&str>) -> ProxySettings {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProxySettings {
            explicit: explicit.map(|e| ProxyUrl::parse(e, "the proxy").unwrap()),
            env: Arc::new(move |name: &str| vars.get(name).cloned()),
        }
    }

    fn chosen(s: &ProxySettings, url: &str) -> Option<String> {
        let choice = Choice::read(s).unwrap();
        choice
            .for_url(&reqwest::Url::parse(url).unwrap())
            .map(ProxyUrl::shown)
    }

    #[test]
    fn the_environment_decides_by_scheme_and_no_proxy_wins() {
        let s = settings(
            &[
                ("HTTPS_PROXY", "http://secure:3128"),
                ("http_proxy", "http://plain:3128"),
                ("NO_PROXY", "internal.example, .corp.example,10.0.0.1"),
            ],
            None,
        );
        assert_eq!(
            chosen(&s, "https://tat.tencentcloudapi.com/").as_deref(),
            Some("http://secure:3128/")
        );
        assert_eq!(
            chosen(&s, "http://127.0.0.1:9000/").as_deref(),
            Some("http://plain:3128/")
        );
        for direct in [
            "https://internal.example/",
            "https://a.corp.example/",
            "http://10.0.0.1/",
        ] {
            assert_eq!(chosen(&s, direct), None, "{direct}");
        }
        assert_eq!(chosen(&settings(&[], None), "https://x/"), None);
    }

    #[test]
    fn an_explicit_proxy_serves_both_schemes_and_hides_its_password() {
        let s = settings(
            &[("NO_PROXY", "*.skip.example,skip.example")],
            Some("http://user:s3cret@proxy:8080"),
        );
        assert_eq!(
            chosen(&s, "https://tat.tencentcloudapi.com/").as_deref(),
            Some("http://user:***@proxy:8080/")
        );
        assert_eq!(chosen(&s, "https://skip.example/"), None);
        assert!(!format!("{s:?}").contains("s3cret"));
        let bad = ProxyUrl::parse("socks5://user:s3cret@proxy:1080", "the proxy").unwrap_err();
        assert!(!bad.to_string().contains("s3cret"), "{bad}");
        let bad =
            Choice::read(&settings(&[("HTTPS_PROXY", "::not a url s3cret")], None)).unwrap_err();
        assert!(
            bad.to_string().contains("HTTPS_PROXY") && !bad.to_string().contains("s3cret"),
            "{bad}"
        );
    }
}
