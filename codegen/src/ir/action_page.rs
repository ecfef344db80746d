//! One action's doc page → [`Action`].

use super::boilerplate::{is_boilerplate, is_section_heading};
use super::field_row::{fields_of, Columns};
use super::model::{Action, CommonParameter, ErrorCode, Example};
use crate::diagnostic::{Diagnostic, Location};
use crate::page::{Block, Page, Row, Table};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Domain name for API request:\s*(?P<d>[A-Za-z0-9.-]+?)\.?$").expect("static regex"));
static RATE_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)A maximum of (?P<n>\d+) requests can be initiated per second").expect("static regex")
});
static VALUE_FOR_API: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"The value used for this API:\s*(?P<v>[A-Za-z0-9_.-]+?)\.?(?:\s|$)").expect("static regex"));

/// The result of reading one action page: the action and the non-fatal problems found.
pub struct ParsedAction {
    pub action: Action,
    pub warnings: Vec<Diagnostic>,
}

/// True when the page has a request table with an `Action` row.
pub fn is_action_page(page: &Page) -> bool {
    page.blocks.iter().any(|b| matches!(b, Block::Table(t) if request_columns(t).is_some() && t.rows.iter().any(|r| r.cells.first().is_some_and(|c| c == "Action"))))
}

fn request_columns(table: &Table) -> Option<Columns> {
    Columns::of(table).filter(|c| c.has_required() && table.column("Parameter Name").is_some())
}

pub fn parse_action_page(page: &Page) -> Result<ParsedAction, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut domain = None;
    let mut rate_limit = None;
    let mut description = Vec::new();
    let mut notes = Vec::new();
    let mut request_table = None;
    let mut response_table = None;
    let mut error_table = None;
    let mut examples = Vec::new();
    let mut pending_title: Option<String> = None;
    let mut seen_table = false;

    let mut blocks = page.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Heading { text, .. } => {
                if !is_section_heading(text) && seen_table {
                    pending_title = Some(example_title(text));
                }
            }
            Block::Paragraph { text, location } => {
                if let Some(c) = DOMAIN.captures(text) {
                    domain = Some(c["d"].to_string());
                } else if let Some(c) = RATE_LIMIT.captures(text) {
                    rate_limit = c["n"].parse::<u32>().ok();
                    if rate_limit.is_none() {
                        errors.push(Diagnostic::new(location.clone(), "rate limit is not a number that fits u32"));
                    }
                } else if is_boilerplate(text) {
                } else if !seen_table {
                    description.push(text.clone());
                } else {
                    if let Some(old) = pending_title.take() {
                        notes.push(old);
                    }
                    pending_title = Some(text.clone());
                }
            }
            Block::Table(table) => {
                seen_table = true;
                if let Some(columns) = request_columns(table) {
                    if request_table.replace((table, columns)).is_some() {
                        errors.push(Diagnostic::new(table.location.clone(), "a second request parameter table; expected one per page"));
                    }
                } else if table.column("Error Code").is_some() {
                    error_table = Some(table);
                } else if let Some(columns) = Columns::of(table) {
                    if response_table.replace((table, columns)).is_some() {
                        errors.push(Diagnostic::new(table.location.clone(), "a second response parameter table; expected one per page"));
                    }
                } else {
                    errors.push(Diagnostic::new(
                        table.location.clone(),
                        format!(
                            "table with columns `{}` is not a parameter, response or error code table; expected `Parameter Name | Required | Type | Description`, `Parameter Name | Type | Description` or `Error Code | Description`",
                            table.header.join(" | ")
                        ),
                    ));
                }
            }
            Block::Code { text, location } => {
                if is_http_request(text) {
                    // Markdown/HTML put an "Output Example" heading between the two.
                    while matches!(blocks.peek(), Some(Block::Heading { text, .. }) if is_section_heading(text)) {
                        blocks.next();
                    }
                    let response = match blocks.peek() {
                        Some(Block::Code { text, location }) if !is_http_request(text) => {
                            blocks.next();
                            Some((text.as_str(), location))
                        }
                        _ => None,
                    };
                    examples.push(example(pending_title.take(), text, location, response, &mut warnings));
                } else {
                    warnings.push(Diagnostic::new(location.clone(), "code block without a preceding HTTP request; kept as a note"));
                    notes.push(text.clone());
                }
            }
        }
    }
    notes.extend(pending_title);

    let Some((request, request_cols)) = request_table else {
        let line = page.blocks.first().map_or(1, |b| b.location().line);
        errors.push(Diagnostic::at(&page.file, line, "no request parameter table; expected a `Parameter Name | Required | Type | Description` table"));
        return Err(errors);
    };
    let location = Location::new(page.file.clone(), 1);
    let (mut name, mut version) = (None, None);
    let mut common_parameters = Vec::new();
    let mut own_rows: Vec<&Row> = Vec::new();
    for row in &request.rows {
        let param = request_cols.name(row);
        let desc = request_cols.description(row);
        // Action and Version are always common; others (Region…) when the page says so.
        let is_common = desc.starts_with("Common Param") || matches!(param, "Action" | "Version");
        if !is_common {
            own_rows.push(row);
            continue;
        }
        let value = VALUE_FOR_API.captures(desc).map(|c| c["v"].to_string());
        match param {
            "Action" => name = value,
            "Version" => version = value,
            _ => {}
        }
        match request_cols.required(row) {
            Ok(required) => common_parameters.push(CommonParameter { name: param.to_string(), required, description: desc.to_string() }),
            Err(e) => errors.push(e),
        }
    }
    let request_fields = fields_of(&request_cols, &own_rows).unwrap_or_else(|e| {
        errors.extend(e);
        Vec::new()
    });
    let response_fields = match &response_table {
        Some((table, cols)) => fields_of(cols, &table.rows.iter().collect::<Vec<_>>()).unwrap_or_else(|e| {
            errors.extend(e);
            Vec::new()
        }),
        None => {
            errors.push(Diagnostic::new(request.location.clone(), "no response parameter table; expected a `Parameter Name | Type | Description` table after the request table"));
            Vec::new()
        }
    };
    let errors_list = error_table.map(error_codes).unwrap_or_default();
    if name.is_none() {
        errors.push(Diagnostic::new(request.location.clone(), "no `Action` row saying `The value used for this API: <Name>.`; expected one in the request table"));
    }
    if version.is_none() {
        errors.push(Diagnostic::new(request.location.clone(), "no `Version` row saying `The value used for this API: <YYYY-MM-DD>.`; expected one in the request table"));
    }
    if domain.is_none() {
        errors.push(Diagnostic::at(&page.file, 1, "no `Domain name for API request: <domain>.` line; expected one before the request table"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let action = Action {
        name: name.unwrap_or_default(),
        version: version.unwrap_or_default(),
        domain: domain.unwrap_or_default(),
        description: description.join(" "),
        rate_limit_per_second: rate_limit,
        common_parameters,
        request: request_fields,
        response: response_fields,
        errors: errors_list,
        examples,
        notes,
        location,
    };
    Ok(ParsedAction { action, warnings })
}

/// Error code tables: one row per code.
pub fn error_codes(table: &Table) -> Vec<ErrorCode> {
    let code = table.column("Error Code").unwrap_or(0);
    let desc = table.column("Description");
    table
        .rows
        .iter()
        .map(|r| ErrorCode {
            code: r.cells[code].clone(),
            description: desc.map(|d| r.cells[d].clone()).unwrap_or_default(),
        })
        .collect()
}

/// "Example1 Create Command" → "Create Command"; other headings unchanged.
fn example_title(heading: &str) -> String {
    let rest = heading.strip_prefix("Example").unwrap_or(heading);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches([':', ' ']);
    if rest.is_empty() { heading.to_string() } else { rest.to_string() }
}

fn is_http_request(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.starts_with("POST ") || first.starts_with("GET ")
}

fn example(
    title: Option<String>,
    request_text: &str,
    request_location: &Location,
    response: Option<(&str, &Location)>,
    warnings: &mut Vec<Diagnostic>,
) -> Example {
    // The body starts at the first line that opens a JSON document.
    let body_start = request_text.lines().position(|l| l.starts_with('{') || l.starts_with('['));
    let mut problems = Vec::new();
    let request = match body_start {
        Some(skip) => {
            let body: Vec<&str> = request_text.lines().skip(skip).collect();
            let at = Location { line: request_location.line + skip, ..request_location.clone() };
            parse_json(&body.join("\n"), &at, "request body", warnings, &mut problems)
        }
        None => Value::Object(Default::default()),
    };
    let (response, response_location) = match response {
        Some((text, location)) => (parse_json(text, location, "response", warnings, &mut problems), Some(location.clone())),
        None => {
            let message = "example request has no response JSON after it";
            warnings.push(Diagnostic::new(request_location.clone(), message));
            problems.push(message.to_string());
            (Value::Null, None)
        }
    };
    Example { title, request, response, request_location: request_location.clone(), response_location, problems }
}

fn parse_json(text: &str, location: &Location, what: &str, warnings: &mut Vec<Diagnostic>, problems: &mut Vec<String>) -> Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let at = Location { line: location.line + e.line().saturating_sub(1), ..location.clone() };
            warnings.push(Diagnostic::new(at, format!("example {what} is not valid JSON: {e}")));
            // Positions inside the JSON depend on its layout, which differs between formats.
            let reason = e.to_string();
            let reason = reason.rsplit_once(" at line ").map_or(reason.as_str(), |(r, _)| r);
            problems.push(format!("example {what} is not valid JSON: {reason}"));
            Value::Null
        }
    }
}
