//! `cargo xtask diff OLD_DIR NEW_DIR`: what changed between two drops of a service, as the
//! public surfaces of their generated crates differ (`releases::compare`), each change
//! classified by what it does to a caller of the generated crate, and the
//! semantic-versioning bump it needs. Exit status: 0 when nothing breaks, 2 when
//! something does (1 is an error), so CI can gate on it.

use releases::{diff_services, Class, Version};
use std::path::Path;
use std::process::ExitCode;

/// Exit status of a diff with breaking changes.
pub const BREAKING: u8 = 2;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let [old, new] = args else {
        return Err("usage: cargo xtask diff OLD_DIR NEW_DIR".to_string());
    };
    let load = |dir: &str| {
        doc_model::drops::load_service(Path::new(dir))
            .map_err(|e| format!("{e}\nerror: cannot read the drop in {dir}"))
    };
    let (before, after) = (load(old)?, load(new)?);
    let has_common = |dir: &str| doc_model::drops::common_dir(Path::new(dir)).is_some();
    let lacking = match (has_common(old), has_common(new)) {
        (true, false) => Some((new, old)),
        (false, true) => Some((old, new)),
        _ => None,
    };
    if let Some((dir, other)) = lacking {
        eprintln!("warning: {dir} has no `common/` beside it, so its common error codes and parameters are compared as absent; {other} has one");
    }
    let report = diff_services(&before, &after);
    for change in &report.changes {
        println!("{change}");
    }
    println!("{}", report.summary(Version(0, 1, 0)));
    Ok(if report.class() == Some(Class::Breaking) {
        ExitCode::from(BREAKING)
    } else {
        ExitCode::SUCCESS
    })
}
