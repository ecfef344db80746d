//! The targets of a page's links, for the readers whose text keeps them inline: a text
//! page's `[text](url)` and bare URLs, an HTML page's `href`s.

use super::Link;
use crate::diagnostic::Location;
use regex::Regex;
use std::sync::LazyLock;

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s)\]>"'<]+"#).expect("static regex"));

/// The URLs written in `text`, each at `location`.
pub fn links_in(text: &str, location: &Location) -> Vec<Link> {
    URL.find_iter(text)
        .map(|m| Link {
            url: m.as_str().to_string(),
            location: location.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_in_markdown_links_and_bare() {
        let at = Location::new("p", 3);
        let urls: Vec<String> = links_in(
            "* [API 3.0 Explorer](https://console.cloud.tencent.com/api/explorer?Product=clb&Version=2018-03-17&Action=DeleteRule) or see http://x.y/z.",
            &at,
        )
        .into_iter()
        .map(|l| l.url)
        .collect();
        assert_eq!(
            urls,
            [
                "https://console.cloud.tencent.com/api/explorer?Product=clb&Version=2018-03-17&Action=DeleteRule",
                "http://x.y/z."
            ]
        );
    }
}
