//! Proxies, as Tencent's official SDKs use them: an explicit `.proxy(url)`, else
//! `HTTPS_PROXY` for https requests and `HTTP_PROXY` for http ones (either case), and
//! `NO_PROXY` (hosts, domains and their subdomains, IP addresses and networks, `*`) for
//! both, matched by reqwest's own matcher. Credentials in the URL (`user:pass@`) become the
//! proxy's basic authentication and are never shown: not in `Debug`, errors or logs.

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
    /// `NO_PROXY` as reqwest's matcher reads it.
    no_proxy: String,
}

impl Choice {
    fn read(settings: &ProxySettings) -> Result<Choice, String> {
        let env =
            |upper: &str| (settings.env)(upper).or_else(|| (settings.env)(&upper.to_lowercase()));
        let proxy = |name: &str| env(name).map(|v| ProxyUrl::parse(&v, name)).transpose();
        Ok(Choice {
            explicit: settings.explicit.clone(),
            https: proxy("HTTPS_PROXY")?,
            http: proxy("HTTP_PROXY")?,
            no_proxy: no_proxy_list(&env("NO_PROXY").unwrap_or_default()),
        })
    }

    /// The proxies, each bypassed for the `NO_PROXY` hosts: the explicit one for both
    /// schemes, else the environment's by scheme.
    fn proxies(self) -> Result<Vec<reqwest::Proxy>, String> {
        // reqwest's matcher reads `*` as every domain name but no IP address; it means
        // every host.
        if self.no_proxy.split(',').any(|entry| entry == "*") {
            return Ok(Vec::new());
        }
        let no_proxy = reqwest::NoProxy::from_string(&self.no_proxy);
        let made = |proxy: reqwest::Result<reqwest::Proxy>| {
            proxy
                .map(|p| p.no_proxy(no_proxy.clone()))
                .map_err(|_| "the proxy URL is not usable".to_string())
        };
        if let Some(explicit) = self.explicit {
            return Ok(vec![made(reqwest::Proxy::all(explicit.0))?]);
        }
        let mut proxies = Vec::new();
        if let Some(https) = self.https {
            proxies.push(made(reqwest::Proxy::https(https.0))?);
        }
        if let Some(http) = self.http {
            proxies.push(made(reqwest::Proxy::http(http.0))?);
        }
        Ok(proxies)
    }
}

/// `NO_PROXY` for reqwest's matcher, which takes hosts, domains (`.example.com` and
/// `example.com` alike), IP addresses and networks, and `*`: entries written for other
/// tools' matchers are read as they meant them (`*.example.com` is the domain, a port is
/// dropped).
fn no_proxy_list(raw: &str) -> String {
    let entries: Vec<&str> = raw
        .split(',')
        .map(|entry| {
            let entry = entry.trim();
            let entry = entry.strip_prefix("*.").unwrap_or(entry);
            match entry.rsplit_once(':') {
                Some((host, port))
                    if !host.contains(':') && port.chars().all(|c| c.is_ascii_digit()) =>
                {
                    host
                }
                _ => entry,
            }
        })
        .filter(|entry| !entry.is_empty())
        .collect();
    entries.join(",")
}

/// The reqwest proxies for these settings (none when no proxy applies at all).
pub fn reqwest_proxies(settings: &ProxySettings) -> Result<Vec<reqwest::Proxy>, String> {
    Choice::read(settings)?.proxies()
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

    #[test]
    fn the_environment_is_read_in_either_case_and_the_explicit_proxy_wins() {
        let s = settings(
            &[
                ("HTTPS_PROXY", "http://secure:3128"),
                ("http_proxy", "http://plain:3128"),
                ("no_proxy", "internal.example"),
            ],
            None,
        );
        let choice = Choice::read(&s).unwrap();
        assert_eq!(choice.https.unwrap().shown(), "http://secure:3128/");
        assert_eq!(choice.http.unwrap().shown(), "http://plain:3128/");
        assert_eq!(choice.no_proxy, "internal.example");
        assert_eq!(Choice::read(&s).unwrap().proxies().unwrap().len(), 2);
        let explicit = settings(&[("HTTPS_PROXY", "http://secure:3128")], Some("http://p:1"));
        assert_eq!(Choice::read(&explicit).unwrap().proxies().unwrap().len(), 1);
        let everything = settings(&[("NO_PROXY", "a.example, *")], Some("http://p:1"));
        assert!(
            reqwest_proxies(&everything).unwrap().is_empty(),
            "`*`: every host directly"
        );
        assert!(reqwest_proxies(&settings(&[], None)).unwrap().is_empty());
    }

    #[test]
    fn no_proxy_entries_of_other_tools_are_read_as_they_meant_them() {
        assert_eq!(
            no_proxy_list(" internal.example, *.corp.example,.x.example ,10.0.0.1:8080,,::1,*"),
            "internal.example,corp.example,.x.example,10.0.0.1,::1,*"
        );
        assert_eq!(no_proxy_list("host:port,[::1]:80"), "host:port,[::1]:80");
    }

    #[test]
    fn a_proxy_password_is_never_shown() {
        let s = settings(&[], Some("http://user:s3cret@proxy:8080"));
        assert_eq!(
            s.explicit.as_ref().unwrap().shown(),
            "http://user:***@proxy:8080/"
        );
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
