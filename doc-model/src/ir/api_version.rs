//! An action page's API version as people write it: `2020-10-28` as the API wants it, or a
//! date in another form (`2/28/2018`, `2017/03/20`, `2017年3月20日`), read as the date it
//! is; and, when the page has no `Version` row, the version its own API Explorer link gives
//! (`…/api/explorer?Product=clb&Version=2018-03-17&Action=DeleteRule`).

use crate::diagnostic::{Diagnostic, Location};
use crate::page::Page;

/// The version the page's API Explorer link names, and where.
pub fn from_explorer_link(page: &Page) -> Option<(String, Location)> {
    page.links.iter().find_map(|link| {
        if !link.url.contains("/api/explorer") {
            return None;
        }
        let query = link.url.split_once('?')?.1;
        let version = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("Version="))?;
        let version = as_api_date(version)?;
        Some((version, link.location.clone()))
    })
}

/// The version a `Version` row gives, as `YYYY-MM-DD` when it is a date in any common order
/// (with a warning at `at` saying how it was read); other text unchanged. `link` is the
/// page's Explorer version, which decides a date whose day and month could be swapped.
pub fn read_row_version(
    written: &str,
    link: Option<&str>,
    at: &Location,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    if is_api_date(written) {
        return written.to_string();
    }
    let Some(readings) = date_readings(written) else {
        return written.to_string();
    };
    let (read, why) = match (link, readings.as_slice()) {
        (Some(link), _) if readings.iter().any(|r| r == link) => {
            (link.to_string(), " (as the page's API Explorer link gives it)")
        }
        (_, [only]) => (only.clone(), ""),
        (_, [first, ..]) => (
            first.clone(),
            " (month first, as Tencent's English pages write dates; the day and month could be swapped)",
        ),
        (_, []) => return written.to_string(),
    };
    warnings.push(Diagnostic::new(
        at.clone(),
        format!("the API version is written as the date `{written}`; read as {read}{why} (expected `YYYY-MM-DD`)"),
    ));
    read
}

/// `2018-02-28` exactly: the form the API takes.
fn is_api_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A date in any common form, as `YYYY-MM-DD`, when it reads one way only.
fn as_api_date(text: &str) -> Option<String> {
    if is_api_date(text) {
        return Some(text.to_string());
    }
    match date_readings(text)?.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// The dates `text` can be, as `YYYY-MM-DD`: year first (`2017/03/20`, `2017.3.20`,
/// `20170320`, `2017年3月20日`) reads one way; year last (`2/28/2018`) two ways when both
/// the first numbers could be a month (month first, then day first). `None`: no date.
fn date_readings(text: &str) -> Option<Vec<String>> {
    let text = text.trim().trim_end_matches(['.', '。', '日']);
    let parts: Vec<&str> = if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        vec![&text[..4], &text[4..6], &text[6..]]
    } else {
        text.split(['-', '/', '.', '年', '月']).collect()
    };
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.trim().parse::<u32>().ok())
        .collect::<Option<_>>()?;
    let [a, b, c] = numbers.as_slice() else {
        return None;
    };
    let date = |y: u32, m: u32, d: u32| {
        ((1..=12).contains(&m) && (1..=31).contains(&d) && (1990..=2099).contains(&y))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    };
    let readings: Vec<String> = if parts[0].trim().len() == 4 {
        date(*a, *b, *c).into_iter().collect()
    } else if parts[2].trim().len() == 4 {
        let mut r: Vec<String> = [date(*c, *a, *b), date(*c, *b, *a)]
            .into_iter()
            .flatten()
            .collect();
        r.dedup();
        r
    } else {
        Vec::new()
    };
    (!readings.is_empty()).then_some(readings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(written: &str, link: Option<&str>) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let at = Location::new("P.md", 20);
        let v = read_row_version(written, link, &at, &mut warnings);
        (v, warnings.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn dates_in_other_orders_are_read_with_a_warning() {
        assert_eq!(read("2018-02-28", None), ("2018-02-28".into(), vec![]));
        let (v, w) = read("2/28/2018", None);
        assert_eq!(v, "2018-02-28");
        assert_eq!(
            w,
            ["P.md:20: the API version is written as the date `2/28/2018`; read as 2018-02-28 (expected `YYYY-MM-DD`)"]
        );
        assert_eq!(read("2017/03/20", None).0, "2017-03-20");
        assert_eq!(read("2017年3月20日", None).0, "2017-03-20");
        assert_eq!(read("20170320", None).0, "2017-03-20");
        assert_eq!(read("28.02.2018", None).0, "2018-02-28");
        // Day and month could be swapped: the Explorer link decides, else month first.
        assert_eq!(read("3/4/2018", Some("2018-04-03")).0, "2018-04-03");
        let (v, w) = read("3/4/2018", None);
        assert_eq!(v, "2018-03-04");
        assert!(w[0].contains("could be swapped"), "{w:?}");
        // Not a date: kept as written, and no warning.
        assert_eq!(read("v3", None), ("v3".into(), vec![]));
        assert_eq!(read("13/13/2018", None).0, "13/13/2018");
    }

    #[test]
    fn the_explorer_link_gives_a_version() {
        let page = crate::page::markdown::read_markdown_page(
            "P.md",
            "## 5. 開発者リソース\n\n* [API 3.0 Explorer](https://console.cloud.tencent.com/api/explorer?Product=clb&Version=2018-03-17&Action=DeleteRule)\n".as_bytes(),
        )
        .expect("page");
        let (version, at) = from_explorer_link(&page).expect("a version");
        assert_eq!(version, "2018-03-17");
        assert_eq!(at.line, 3);
    }
}
