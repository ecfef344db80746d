//! One action's doc page → [`Action`].
//!
//! What the page must give is a request parameter table: without it the action's API is
//! undefined, which is the one error here. Everything else is read as well as the page
//! allows and reported: a missing `Action`, `Version` or domain line is taken from the
//! examples, the file name or (later) the service's other pages; a second parameter table
//! is read as part of the first; a table or code block of no known kind is kept as a note.

use super::api_version;
use super::examples::RawExample;
use super::field_row::{fields_of, Columns, RowCells};
use super::model::{Action, CommonParameter, ErrorCode};
use super::page_view::{PageView, TableKind};
use super::vocabulary::Words;
use crate::diagnostic::{Diagnostic, Location};
use crate::page::example_request::ExampleRequest;
use crate::page::http_example::starts_example_request;
use crate::page::{Block, Page, Row, Table};

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
pub fn is_action_page(view: &PageView<'_>) -> bool {
    view.tables()
        .any(|(_, k)| matches!(k, TableKind::Request(_)))
}

/// The tables and blocks of a page, sorted by what they are.
#[derive(Default)]
struct Sections<'p> {
    domain: Option<String>,
    rate_limit: Option<u32>,
    description: Vec<String>,
    notes: Vec<String>,
    request: Option<(&'p Table, &'p Columns, Vec<&'p Row>)>,
    response: Option<(&'p Columns, Vec<&'p Row>)>,
    errors: Vec<ErrorCode>,
    examples: Vec<RawExample>,
}

pub fn parse_action_page(view: &PageView<'_>) -> Result<ParsedAction, Vec<Diagnostic>> {
    let page = view.page;
    let mut warnings = Vec::new();
    let s = sections(view, &mut warnings);
    let Some((request_table, request_cols, request_rows)) = s.request else {
        let line = page.blocks.first().map_or(1, |b| b.location().line);
        return Err(vec![Diagnostic::at(&page.file, line, "no request parameter table; expected a `Parameter Name | Required | Type | Description` (`参数名称 | 必选 | 类型 | 描述`) table")]);
    };
    let Some((response_cols, response_rows)) = &s.response else {
        return Err(vec![Diagnostic::new(
            request_table.location.clone(),
            "no response parameter table after the request table: the page is cut off or damaged, and generating it would publish an answer without its members; expected a `Parameter Name | Type | Description` (`参数名称 | 类型 | 描述`) table",
        )]);
    };
    let request_rows: Vec<RowCells<'_>> =
        request_rows.iter().map(|r| request_cols.read(r)).collect();
    let rows = split_common(view.words(), request_rows, &mut warnings);
    let request = fields_of(&rows.own, &mut warnings);
    let response_rows: Vec<RowCells<'_>> = response_rows
        .iter()
        .map(|r| response_cols.read(r))
        .collect();
    let response = fields_of(&response_rows, &mut warnings);
    let name = rows.action.unwrap_or_else(|| {
        action_named_elsewhere(page, &s.examples, &request_table.location, &mut warnings)
    });
    let version = version_of(page, rows.version, &s.examples, &mut warnings);
    let domain = s.domain.or_else(|| {
        s.examples
            .iter()
            .find_map(|e| e.request.host().map(str::to_string))
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
        errors: s.errors,
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
    /// The value of the `Version` row, as written, and the row.
    version: Option<(String, Location)>,
    common: Vec<CommonParameter>,
    own: Vec<RowCells<'p>>,
}

/// Splits the request rows: `Action` and `Version` are always common parameters, others
/// (`Region`…) when their description says so.
fn split_common<'p>(
    words: &Words,
    rows: Vec<RowCells<'p>>,
    warnings: &mut Vec<Diagnostic>,
) -> RequestRows<'p> {
    let mut split = RequestRows {
        action: None,
        version: None,
        common: Vec::new(),
        own: Vec::new(),
    };
    for row in rows {
        let (param, desc) = (row.name, row.description);
        let is_common = words.is_common_parameter(desc) || matches!(param, "Action" | "Version");
        if !is_common {
            split.own.push(row);
            continue;
        }
        let value = words.value_for_api(desc);
        match param {
            "Action" => split.action = value,
            "Version" => split.version = value.map(|v| (v, row.row.location.clone())),
            _ => {}
        }
        let required = row.required(warnings);
        split.common.push(CommonParameter {
            name: param.to_string(),
            required,
            description: desc.to_string(),
        });
    }
    split
}

/// The version the `Version` row gives (a date in another form read as one), else the
/// examples' `X-TC-Version`, else the page's API Explorer link (with a warning).
fn version_of(
    page: &Page,
    row: Option<(String, Location)>,
    examples: &[RawExample],
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    let link = api_version::from_explorer_link(page);
    if let Some((written, at)) = row {
        let link = link.as_ref().map(|(v, _)| v.as_str());
        return Some(api_version::read_row_version(&written, link, &at, warnings));
    }
    if let Some(v) = examples
        .iter()
        .find_map(|e| e.request.header("X-TC-Version"))
    {
        return Some(v.to_string());
    }
    let (version, at) = link?;
    warnings.push(Diagnostic::new(
        at,
        format!("no `Version` row; the API version {version} is taken from the page's API Explorer link"),
    ));
    Some(version)
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
    let (found, from) = match examples.iter().find_map(|e| e.request.action()) {
        Some(n) => (n.to_string(), "the example request"),
        None => (file_stem.to_string(), "the file name"),
    };
    warnings.push(Diagnostic::new(
        at.clone(),
        format!("no `Action` row saying `The value used for this API: <Name>.`; the action is named `{found}` after {from}"),
    ));
    found
}

/// Reads a page's blocks in order into its [`Sections`].
fn sections<'p>(view: &'p PageView<'_>, warnings: &mut Vec<Diagnostic>) -> Sections<'p> {
    let mut reader = SectionReader {
        s: Sections::default(),
        words: view.words(),
        pending_title: None,
        titled_by_heading: false,
        seen_table: false,
        warnings,
    };
    let mut blocks = view.blocks().peekable();
    while let Some((block, kind)) = blocks.next() {
        match (block, kind) {
            (Block::Heading { text, .. }, _) => {
                if !reader.words.is_section_heading(text) && reader.seen_table {
                    reader.heading(text);
                }
            }
            (Block::Paragraph { text, location }, _) => reader.paragraph(text, location),
            (Block::Table(table), Some(kind)) => reader.table(table, kind),
            (Block::Table(_), None) => {}
            (Block::Code { text, location }, _) => reader.code(text, location, &mut blocks),
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
    words: &'static Words,
    pending_title: Option<String>,
    /// The pending title is an example's heading: prose under it (a scenario description)
    /// is a note, not a new title.
    titled_by_heading: bool,
    seen_table: bool,
    warnings: &'w mut Vec<Diagnostic>,
}

impl<'p> SectionReader<'p, '_> {
    /// The domain and rate lines, the description before the first table, and after it
    /// titles of examples (an untitled paragraph before another becomes a note).
    fn paragraph(&mut self, text: &str, location: &Location) {
        let words = self.words;
        if let Some(domain) = words.domain(text) {
            self.s.domain = Some(domain);
        } else if let Some(rate) = words.rate_limit(text) {
            self.s.rate_limit = rate.parse::<u32>().ok();
            if self.s.rate_limit.is_none() {
                self.warnings.push(Diagnostic::new(
                    location.clone(),
                    "the rate limit is not a number that fits u32; the action is left unlimited",
                ));
            }
        } else if words.is_boilerplate(text) {
        } else if words.is_section_heading(text) {
            // A text page's headings are lines of their own ("2. 输入参数", "Input Example").
        } else if !self.seen_table {
            self.s.description.push(text.to_string());
        } else if words.example_title(text).is_some_and(|t| !t.is_empty()) {
            self.heading(text);
        } else if self.titled_by_heading && self.pending_title.is_some() {
            self.s.notes.push(text.to_string());
        } else {
            self.title(text.to_string(), false);
        }
    }

    /// A heading after the tables titles the next example ("Example 1 Create", "示例1 创建").
    fn heading(&mut self, text: &str) {
        let title = self
            .words
            .example_title(text)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| text.to_string());
        self.title(title, true);
    }

    fn title(&mut self, title: String, from_heading: bool) {
        if let Some(old) = self.pending_title.replace(title) {
            self.s.notes.push(old);
        }
        self.titled_by_heading = from_heading;
    }

    /// A request, response or error code table (a second request or response table adds
    /// its rows to the first); any other table is a note.
    fn table(&mut self, table: &'p Table, kind: &'p TableKind) {
        self.seen_table = true;
        match kind {
            TableKind::Request(columns) => match &mut self.s.request {
                None => self.s.request = Some((table, columns, table.rows.iter().collect())),
                Some((_, _, rows)) => {
                    self.warnings.push(Diagnostic::new(
                        table.location.clone(),
                        "a second request parameter table; its rows are read as part of the first",
                    ));
                    rows.extend(&table.rows);
                }
            },
            TableKind::ErrorCodes { code, description } => {
                self.s
                    .errors
                    .extend(error_codes(table, *code, *description))
            }
            TableKind::Fields(columns) | TableKind::CommonHeaders(columns) => {
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
            }
            TableKind::Other => {
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
    }

    /// An example request, with the response block that follows it; any other code block
    /// is a note.
    fn code<'b>(
        &mut self,
        text: &str,
        location: &Location,
        blocks: &mut std::iter::Peekable<impl Iterator<Item = (&'b Block, Option<&'b TableKind>)>>,
    ) {
        let Some(request) = ExampleRequest::read(text) else {
            // Before the tables it illustrates the description (a sample policy, a URL):
            // a note, and no mistake.
            if self.seen_table {
                self.warnings.push(Diagnostic::new(
                    location.clone(),
                    "code block without a preceding example request; kept as a note",
                ));
            }
            self.s.notes.push(text.to_string());
            return;
        };
        // Markdown/HTML put an "Output Example" heading between the two; some pages repeat
        // the `<Common request parameters>` placeholder there.
        while matches!(
            blocks.peek(),
            Some((Block::Heading { text, .. } | Block::Paragraph { text, .. }, _))
                if self.words.is_section_heading(text)
        ) || matches!(
            blocks.peek(),
            Some((Block::Paragraph { text, .. }, _)) if text.starts_with('<') && text.ends_with('>')
        ) {
            blocks.next();
        }
        let response = match blocks.peek() {
            Some((Block::Code { text, location }, _)) if !starts_example_request(text) => {
                blocks.next();
                Some((text.clone(), location.clone()))
            }
            _ => None,
        };
        self.s.examples.push(RawExample {
            title: self.pending_title.take(),
            request,
            request_location: location.clone(),
            response,
        });
    }
}

/// Error code tables: one row per code; rows without a code are left out.
pub fn error_codes(table: &Table, code: usize, description: Option<usize>) -> Vec<ErrorCode> {
    table
        .rows
        .iter()
        .filter_map(|r| {
            let code = r.cells.get(code)?.trim().trim_matches('`');
            (!code.is_empty()).then(|| ErrorCode {
                code: code.to_string(),
                description: description
                    .and_then(|d| r.cells.get(d))
                    .cloned()
                    .unwrap_or_default(),
                location: Some(r.location.clone()),
            })
        })
        .collect()
}
