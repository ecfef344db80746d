//! The catalogue's table: one row per service, then the totals.

use std::time::Duration;

pub struct Row {
    pub service: String,
    pub pages: usize,
    pub actions: usize,
    pub warnings: usize,
    pub errors: usize,
    pub regen: Duration,
    /// `Some(Ok(()))` when checked and it compiled, `Some(Err(first error))` when not.
    pub compiled: Option<Result<(), String>>,
}

impl Row {
    pub fn new(service: String, pages: usize, regen: Duration) -> Row {
        Row {
            service,
            pages,
            actions: 0,
            warnings: 0,
            errors: 0,
            regen,
            compiled: None,
        }
    }

    pub fn failed(&self) -> bool {
        self.errors > 0 || matches!(self.compiled, Some(Err(_)))
    }
}

const HEADER: [&str; 7] = [
    "service", "pages", "actions", "warnings", "errors", "regen ms", "compiled",
];

fn line(cells: [&str; 7]) -> String {
    format!(
        "{:<16} {:>6} {:>7} {:>8} {:>6} {:>9} {:>8}",
        cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]
    )
}

/// The table, then what the corpus cost: regeneration and, when checked, compilation.
pub fn print(rows: &[Row], regen_total: Duration, compile_time: Option<Duration>) {
    println!("{}", line(HEADER));
    for r in rows {
        let compiled = match &r.compiled {
            None => "-",
            Some(Ok(())) => "yes",
            Some(Err(_)) => "FAILED",
        };
        println!(
            "{}",
            line([
                &r.service,
                &r.pages.to_string(),
                &r.actions.to_string(),
                &r.warnings.to_string(),
                &r.errors.to_string(),
                &format!("{:.1}", r.regen.as_secs_f64() * 1e3),
                compiled,
            ])
        );
        if let Some(Err(e)) = &r.compiled {
            println!("    {e}");
        }
    }
    let sum = |f: fn(&Row) -> usize| rows.iter().map(f).sum::<usize>();
    let compiled = rows
        .iter()
        .filter(|r| matches!(r.compiled, Some(Ok(()))))
        .count();
    println!(
        "{}",
        line([
            &format!("total ({})", rows.len()),
            &sum(|r| r.pages).to_string(),
            &sum(|r| r.actions).to_string(),
            &sum(|r| r.warnings).to_string(),
            &sum(|r| r.errors).to_string(),
            &format!("{:.1}", regen_total.as_secs_f64() * 1e3),
            &compile_time.map_or("-".to_string(), |_| format!("{compiled}/{}", rows.len())),
        ])
    );
    summary(rows, regen_total, compile_time, compiled);
}

fn summary(rows: &[Row], regen_total: Duration, compile_time: Option<Duration>, compiled: usize) {
    let actions: usize = rows.iter().map(|r| r.actions).sum();
    let failed = rows.iter().filter(|r| r.failed()).count();
    println!(
        "{} service(s), {actions} action(s): {} regenerated, {failed} failed",
        rows.len(),
        rows.iter().filter(|r| r.errors == 0).count(),
    );
    if actions > 0 {
        println!(
            "regen: {:.2} s in all, {:.2} ms per action",
            regen_total.as_secs_f64(),
            regen_total.as_secs_f64() * 1e3 / actions as f64
        );
    }
    if let Some(t) = compile_time {
        let checked: usize = rows
            .iter()
            .filter(|r| matches!(r.compiled, Some(Ok(()))))
            .map(|r| r.actions)
            .sum();
        println!(
            "cargo check: {compiled} of {} crate(s) compile, {:.1} s in all, {:.1} ms per action",
            rows.len(),
            t.as_secs_f64(),
            t.as_secs_f64() * 1e3 / checked.max(1) as f64
        );
    }
}
