//! An action's module docs, what docs.rs shows first: its description, its documented
//! rate, the page's first example as the builder call that sends it (a `no_run` doctest,
//! so it compiles; the page's JSON when the builder cannot say it), and its error codes
//! (their meanings are the code enum's variants' docs).

use super::super::context::Ctx;
use super::super::docs::page_text;
use super::super::errors::action_codes;
use super::example_code::example_code;
use super::plan::OperationPlan;

/// The module's doc, as lines.
pub fn module_doc(ctx: &Ctx<'_>, plan: &OperationPlan<'_>, crate_ident: &str) -> Vec<String> {
    let action = plan.action;
    let mut lines = vec![format!(
        "`{}`: {}",
        action.name,
        page_text(&action.description)
    )];
    if let Some(rate) = action.rate_limit_per_second {
        lines.push(String::new());
        lines.push(format!("Documented limit: {rate} requests per second."));
    }
    lines.extend(example_section(ctx, plan, crate_ident));
    lines.extend(errors_section(ctx, plan));
    lines
}

/// `# Example`: the page's first example as code, or as the page's JSON.
fn example_section(ctx: &Ctx<'_>, plan: &OperationPlan<'_>, crate_ident: &str) -> Vec<String> {
    let Some(example) = plan.action.examples.first() else {
        return Vec::new();
    };
    let mut lines = vec![String::new(), "# Example".to_string(), String::new()];
    let title = example.title.as_deref().map(page_text);
    lines.push(match &title {
        Some(title) => format!("The page's first example ({title}):"),
        None => "The page's first example:".to_string(),
    });
    lines.push(String::new());
    match example_code(ctx, plan, &example.request, crate_ident) {
        Some(code) if example.problems.is_empty() => {
            lines.push("```no_run".to_string());
            lines.push(format!(
                "# async fn example(client: &{crate_ident}::Client) -> Result<(), Box<dyn std::error::Error>> {{"
            ));
            lines.extend(code);
            lines.push("println!(\"{answer:?}\");".to_string());
            lines.push("# Ok(()) }".to_string());
        }
        _ => {
            lines.push("```json".to_string());
            let json = serde_json::to_string_pretty(&example.request).unwrap_or_default();
            lines.extend(json.lines().map(str::to_string));
        }
    }
    lines.push("```".to_string());
    lines
}

/// `# Errors`: the action's own codes, and where their meanings (the code enum's variants)
/// and the common ones are.
fn errors_section(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> Vec<String> {
    let code = &plan.code;
    let module = ctx.names.action_text(&plan.action.name);
    let codes: Vec<String> = action_codes(ctx.service, plan.action)
        .iter()
        .map(|e| format!("`{}`", e.code))
        .collect();
    let own = if codes.is_empty() {
        "none of its own".to_string()
    } else {
        format!("the page's own ({})", codes.join(", "))
    };
    vec![
        String::new(),
        "# Errors".to_string(),
        String::new(),
        format!(
            "A service error's code is a [`{code}`](crate::operation::{module}::{code}), whose \
             variants say what each means: {own}, and the common codes as `Common(…)` \
             ([`CommonErrorCode`](crate::common_errors::CommonErrorCode))."
        ),
    ]
}
