//! One action's doc page → [`Action`].
//!
//! What the page must give is a request parameter table: without it the action's API is
//! undefined, which is the one error here. Everything else is read as well as the page
//! allows and reported: a missing `Action`, `Version` or domain line is taken from the
//! examples, the file name or (later) the service's other pages; a second parameter table
//! is read as part of the first; a table or code block of no known kind is kept as a note.

use super::boilerplate::{is_boilerplate, is_section_heading};
use super::examples::{action_named_by, header_of, is_example_request, url_host, RawExample};
use super::field_row::{fields_of, Columns};
use super::model::{Action, CommonParameter, ErrorCode, Field, TypeRef};
use crate::diagnostic::{Diagnostic, Location};
use crate::page::{Block, Page, Row, Table};
use regex::Regex;
use std::sync::LazyLock;

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^Domain name for API request:\s*(?P<d>[A-Za-z0-9.-]+?)\.?$")
        .expect("static regex")
});
static RATE_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)A maximum of (?P<n>\d+) requests can be initiated per second")
        .expect("static regex")
});
static VALUE_FOR_API: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)The value used for this API:\s*(?P<v>[A-Za-z0-9_.-]+?)\.?(?:\s|$)")
        .expect("static regex")
});

/// The result of reading one action page. `version` and `domain` are `None` when neither
/// the page nor its examples say; the service fills them from its other pages.
pub struct ParsedAction {
    pub action: Action,
    pub raw_examples: Vec<RawExample>,
    pub version: Option<String>,
    pub domain: Option<String>,
    pub warnings: Vec<Diagnostic>,
}

/// True when the page has a request parameter table
/// (`Parameter Name | Required | Type | Description`).
pub fn is_action_page(page: &Page) -> bool {
    page.blocks
        .iter()
        .any(|b| matches!(b, Block::Table(t) if request_columns(t).is_some()))
}

fn request_columns(table: &Table) -> Option<Columns> {
    let named_as_parameters = table
        .column("Parameter Name")
        .or_else(|| table.column("Parameter"))
        .is_some();
    Columns::of(table)
        .filter(|c| c.has_required() && named_as_parameters && !is_common_table(table))
}

/// The common parameters page's table lists `X-TC-*` headers.
fn is_common_table(table: &Table) -> bool {
    table
        .rows
        .iter()
        .any(|r| r.cells.first().is_some_and(|c| c.starts_with("X-TC-")))
}

/// The tables and blocks of a page, sorted by what they are.
#[derive(Default)]
struct Sections<'p> {
    domain: Option<String>,
    rate_limit: Option<u32>,
    description: Vec<String>,
    notes: Vec<String>,
    request: Option<(&'p Table, Columns, Vec<&'p Row>)>,
    response: Option<(Columns, Vec<&'p Row>)>,
    errors: Vec<&'p Table>,
    examples: Vec<RawExample>,
}

pub fn parse_action_page(page: &Page) -> Result<ParsedAction, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let s = sections(page, &mut warnings);
    let Some((request_table, request_cols, request_rows)) = s.request else {
        let line = page.blocks.first().map_or(1, |b| b.location().line);
        return Err(vec![Diagnostic::at(&page.file, line, "no request parameter table; expected a `Parameter Name | Required | Type | Description` table")]);
    };
    let rows = split_common(&request_cols, request_rows, &mut warnings);
    let request = fields_of(&request_cols, &rows.own, &mut warnings);
    let response = match &s.response {
        Some((cols, rows)) => fields_of(cols, rows, &mut warnings),
        None => {
            warnings.push(Diagnostic::new(
                request_table.location.clone(),
                "no response parameter table; expected a `Parameter Name | Type | Description` table after the request table (the answer is read as its `RequestId` only)",
            ));
            vec![request_id_field(&request_table.location)]
        }
    };
    let name = rows.action.unwrap_or_else(|| {
        action_named_elsewhere(page, &s.examples, &request_table.location, &mut warnings)
    });
    let version = rows
        .version
        .or_else(|| s.examples.iter().find_map(|e| header_of(e, "X-TC-Version")));
    let domain = s.domain.or_else(|| {
        s.examples
            .iter()
            .find_map(|e| header_of(e, "Host").or_else(|| url_host(e)))
    });
    let action = Action {
        name,
        version: version.clone().unwrap_or_default(),
        domain: domain.clone().unwrap_or_default(),
        description: s.description.join(" "),
        rate_limit_per_second: s.rate_limit,
        common_parameters: rows.common,
        request,
        response,
        errors: s.errors.into_iter().flat_map(error_codes).collect(),
        examples: Vec::new(),
        notes: s.notes,
        location: Location::new(page.file.clone(), 1),
    };
    Ok(ParsedAction {
        action,
        raw_examples: s.examples,
        version,
        domain,
        warnings,
    })
}

/// The request table's rows, the common ones apart.
struct RequestRows<'p> {
    /// The value of the `Action` row (`The value used for this API: RunCommand.`).
    action: Option<String>,
    /// The value of the `Version` row.
    version: Option<String>,
    common: Vec<CommonParameter>,
    own: Vec<&'p Row>,
}

/// Splits the request rows: `Action` and `Version` are always common parameters, others
/// (`Region`…) when their description says so.
fn split_common<'p>(
    columns: &Columns,
    rows: Vec<&'p Row>,
    warnings: &mut Vec<Diagnostic>,
) -> RequestRows<'p> {
    let mut split = RequestRows {
        action: None,
        version: None,
        common: Vec::new(),
        own: Vec::new(),
    };
    for row in rows {
        let param = columns.name(row);
        let desc = columns.description(row);
        let is_common = desc
            .get(..12)
            .is_some_and(|p| p.eq_ignore_ascii_case("Common Param"))
            || matches!(param, "Action" | "Version");
        if !is_common {
            split.own.push(row);
            continue;
        }
        let value = VALUE_FOR_API.captures(desc).map(|c| c["v"].to_string());
        match param {
            "Action" => split.action = value,
            "Version" => split.version = value,
            _ => {}
        }
        let required = columns.required(row, warnings);
        split.common.push(CommonParameter {
            name: param.to_string(),
            required,
            description: desc.to_string(),
        });
    }
    split
}

/// The action's name when no `Action` row gives it: the example request's, else the file's
/// (with a warning saying which).
fn action_named_elsewhere(
    page: &Page,
    examples: &[RawExample],
    at: &Location,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let file_stem = std::path::Path::new(&page.file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let (found, from) = match examples.iter().find_map(action_named_by) {
        Some(n) => (n, "the example request"),
        None => (file_stem.to_string(), "the file name"),
    };
    warnings.push(Diagnostic::new(
        at.clone(),
        format!("no `Action` row saying `The value used for this API: <Name>.`; the action is named `{found}` after {from}"),
    ));
    found
}

/// Reads a page's blocks in order into its [`Sections`].
fn sections<'p>(page: &'p Page, warnings: &mut Vec<Diagnostic>) -> Sections<'p> {
    let mut reader = SectionReader {
        s: Sections::default(),
        pending_title: None,
        seen_table: false,
        warnings,
    };
    let mut blocks = page.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Heading { text, .. } => {
                if !is_section_heading(text) && reader.seen_table {
                    reader.pending_title = Some(example_title(text));
                }
            }
            Block::Paragraph { text, location } => reader.paragraph(text, location),
            Block::Table(table) => reader.table(table),
            Block::Code { text, location } => reader.code(text, location, &mut blocks),
        }
    }
    let mut s = reader.s;
    s.notes.extend(reader.pending_title);
    s
}

/// The state of reading a page's blocks: what is sorted so far, and the paragraph or
/// heading that may title the next example.
struct SectionReader<'p, 'w> {
    s: Sections<'p>,
    pending_title: Option<String>,
    seen_table: bool,
    warnings: &'w mut Vec<Diagnostic>,
}

impl<'p> SectionReader<'p, '_> {
    /// The domain and rate lines, the description before the first table, and after it
    /// titles of examples (an untitled paragraph before another becomes a note).
    fn paragraph(&mut self, text: &str, location: &Location) {
        if let Some(c) = DOMAIN.captures(text) {
            self.s.domain = Some(c["d"].to_string());
        } else if let Some(c) = RATE_LIMIT.captures(text) {
            self.s.rate_limit = c["n"].parse::<u32>().ok();
            if self.s.rate_limit.is_none() {
                self.warnings.push(Diagnostic::new(
                    location.clone(),
                    "the rate limit is not a number that fits u32; the action is left unlimited",
                ));
            }
        } else if is_boilerplate(text) {
        } else if !self.seen_table {
            self.s.description.push(text.to_string());
        } else {
            if let Some(old) = self.pending_title.take() {
                self.s.notes.push(old);
            }
            self.pending_title = Some(text.to_string());
        }
    }

    /// A request, response or error code table (a second request or response table adds
    /// its rows to the first); any other table is a note.
    fn table(&mut self, table: &'p Table) {
        self.seen_table = true;
        if let Some(columns) = request_columns(table) {
            match &mut self.s.request {
                None => self.s.request = Some((table, columns, table.rows.iter().collect())),
                Some((_, _, rows)) => {
                    self.warnings.push(Diagnostic::new(
                        table.location.clone(),
                        "a second request parameter table; its rows are read as part of the first",
                    ));
                    rows.extend(&table.rows);
                }
            }
        } else if table.column("Error Code").is_some() {
            self.s.errors.push(table);
        } else if let Some(columns) = Columns::of(table) {
            match &mut self.s.response {
                None => self.s.response = Some((columns, table.rows.iter().collect())),
                Some((_, rows)) => {
                    self.warnings.push(Diagnostic::new(
                        table.location.clone(),
                        "a second response parameter table; its rows are read as part of the first",
                    ));
                    rows.extend(&table.rows);
                }
            }
        } else {
            self.warnings.push(Diagnostic::new(
                table.location.clone(),
                format!(
                    "table with columns `{}` is not a parameter, response or error code table; kept as a note (expected `Parameter Name | Required | Type | Description`, `Parameter Name | Type | Description` or `Error Code | Description`)",
                    table.header.join(" | ")
                ),
            ));
            self.s.notes.push(table.header.join(" | "));
        }
    }

    /// An example request, with the response block that follows it; any other code block
    /// is a note.
    fn code<'b>(
        &mut self,
        text: &str,
        location: &Location,
        blocks: &mut std::iter::Peekable<impl Iterator<Item = &'b Block>>,
    ) {
        if !is_example_request(text) {
            self.warnings.push(Diagnostic::new(
                location.clone(),
                "code block without a preceding example request; kept as a note",
            ));
            self.s.notes.push(text.to_string());
            return;
        }
        // Markdown/HTML put an "Output Example" heading between the two; some pages repeat
        // the `<Common request parameters>` placeholder there.
        while matches!(blocks.peek(), Some(Block::Heading { text, .. }) if is_section_heading(text))
            || matches!(
                blocks.peek(),
                Some(Block::Paragraph { text, .. }) if text.starts_with('<') && text.ends_with('>')
            )
        {
            blocks.next();
        }
        let response = match blocks.peek() {
            Some(Block::Code { text, location }) if !is_example_request(text) => {
                blocks.next();
                Some((text.clone(), location.clone()))
            }
            _ => None,
        };
        self.s.examples.push(RawExample {
            title: self.pending_title.take(),
            request: text.to_string(),
            request_location: location.clone(),
            response,
        });
    }
}

/// The `RequestId` every answer carries, for a page that lists no response table.
fn request_id_field(location: &Location) -> Field {
    Field {
        name: "RequestId".into(),
        ty: TypeRef::String,
        required: None,
        nullable: false,
        description: "The unique request ID (the page lists no response parameters).".into(),
        constraints: Vec::new(),
        request_id: true,
        location: location.clone(),
    }
}

/// Error code tables: one row per code; rows without a code are left out.
pub fn error_codes(table: &Table) -> Vec<ErrorCode> {
    let code = table.column("Error Code").unwrap_or(0);
    let desc = table.column("Description");
    table
        .rows
        .iter()
        .filter_map(|r| {
            let code = r.cells.get(code)?.trim().trim_matches('`');
            (!code.is_empty()).then(|| ErrorCode {
                code: code.to_string(),
                description: desc
                    .and_then(|d| r.cells.get(d))
                    .cloned()
                    .unwrap_or_default(),
                location: Some(r.location.clone()),
            })
        })
        .collect()
}

/// "Example1 Create Command" → "Create Command"; other headings unchanged.
fn example_title(heading: &str) -> String {
    let rest = heading.strip_prefix("Example").unwrap_or(heading);
    let rest = rest
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches([':', ' ']);
    if rest.is_empty() {
        heading.to_string()
    } else {
        rest.to_string()
    }
}
