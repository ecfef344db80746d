//! The diff's verdicts on edited copies of the TAT drop: each page edit, as a maintainer
//! would make it, gets the class its effect on the generated crate's callers says.

use releases::{diff_services, Class, Report};
use std::path::{Path, PathBuf};

/// A copy of `specs/tat` and `specs/common` under a fresh directory.
struct Drop {
    root: PathBuf,
}

impl Drop {
    fn new(name: &str) -> Drop {
        let root = std::env::temp_dir().join(format!("verdicts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["tat", "common"] {
            copy_dir(&Path::new("../specs").join(dir), &root.join(dir));
        }
        Drop { root }
    }

    /// Replaces `from` (which must be there) by `to` in one page.
    fn edit(&self, page: &str, from: &str, to: &str) {
        let path = self.root.join("tat").join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{page} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn service(&self) -> doc_model::ir::Service {
        doc_model::drops::load_service(&self.root.join("tat")).unwrap()
    }
}

impl std::ops::Drop for Drop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The diff from the TAT drop to the drop `edit` makes.
fn verdict(name: &str, edit: impl FnOnce(&Drop)) -> Report {
    let (old, new) = (Drop::new(&format!("{name}-old")), Drop::new(name));
    edit(&new);
    diff_services(&old.service(), &new.service())
}

fn says(report: &Report, class: Class, what: &str) {
    assert_eq!(report.class(), Some(class), "{:#?}", report.changes);
    assert!(
        report
            .changes
            .iter()
            .any(|c| c.class == class && c.what.contains(what)),
        "no {class} change says {what:?}: {:#?}",
        report.changes
    );
}

const USED: &str = "| ResourceQuotaUsed | Integer | No |";

#[test]
fn an_answer_member_becoming_required_breaks_its_readers() {
    // `resource_quota_used: Option<i64>` becomes `i64`: every `if let Some(…)` breaks.
    let report = verdict("quota-required", |d| {
        d.edit(
            "DataTypes.txt",
            USED,
            "| ResourceQuotaUsed | Integer | Yes |",
        )
    });
    says(
        &report,
        Class::Breaking,
        "`ResourceQuotaUsed`: is no longer an `Option`",
    );
    let change = report
        .changes
        .iter()
        .find(|c| c.class == Class::Breaking)
        .unwrap();
    assert_eq!(change.subject, "structure GeneralResourceQuotaSet");
    assert!(change.location.contains("DataTypes.txt:"), "{change}");
}

#[test]
fn an_answer_member_becoming_optional_breaks_its_readers() {
    let (old, new) = (Drop::new("quota-optional-old"), Drop::new("quota-optional"));
    old.edit(
        "DataTypes.txt",
        USED,
        "| ResourceQuotaUsed | Integer | Yes |",
    );
    let report = diff_services(&old.service(), &new.service());
    says(&report, Class::Breaking, "becomes `Option<i64>`");
}

#[test]
fn request_parameters_required_then_optional_and_back() {
    let optional = verdict("content-optional", |d| {
        d.edit("RunCommand.txt", "| Content | Yes |", "| Content | No |")
    });
    says(&optional, Class::Additive, "`Content` becomes optional");
    let required = verdict("name-required", |d| {
        d.edit(
            "RunCommand.txt",
            "| CommandName | No |",
            "| CommandName | Yes |",
        )
    });
    says(&required, Class::Breaking, "`CommandName` becomes required");
}

#[test]
fn a_member_whose_type_changes_breaks() {
    let report = verdict("timeout-string", |d| {
        d.edit(
            "RunCommand.txt",
            "| Timeout | No | Integer |",
            "| Timeout | No | String |",
        )
    });
    says(&report, Class::Breaking, "type `i64` becomes `String`");
}

#[test]
fn enum_values_added_are_additive_and_removed_break() {
    let values = "Valid values: CVM, LIGHTHOUSE.";
    let added = verdict("kind-added", |d| {
        d.edit(
            "DataTypes.txt",
            values,
            "Valid values: CVM, LIGHTHOUSE, ECS.",
        )
    });
    says(&added, Class::Additive, "value `ECS` added");
    let removed = verdict("kind-removed", |d| {
        d.edit("DataTypes.txt", values, "Valid values: CVM.")
    });
    says(&removed, Class::Breaking, "value `LIGHTHOUSE` removed");
}

#[test]
fn a_structure_gaining_an_optional_member_is_additive() {
    let report = verdict("quota-member", |d| {
        let row = "| ResourceQuotaUsed | Integer | No | Used credit limit. |";
        let rows = format!("{row}\n| ResourceQuotaLeft | Integer | No | Credit left. |");
        d.edit("DataTypes.txt", row, &rows)
    });
    says(&report, Class::Additive, "member `ResourceQuotaLeft` added");
}

#[test]
fn an_action_removed_breaks() {
    let report = verdict("no-delete-commands", |d| {
        std::fs::remove_file(d.root.join("tat/DeleteCommands.txt")).unwrap()
    });
    says(&report, Class::Breaking, "action removed");
    let change = &report.changes[0];
    assert!(change.location.starts_with("was "), "{change}");
}

#[test]
fn an_error_code_added_is_additive() {
    let report = verdict("code-added", |d| {
        let row = "| FailedOperation.CVMError |";
        d.edit(
            "RunCommand.txt",
            row,
            &format!("| FailedOperation.Sample | A sample failure. |\n{row}"),
        )
    });
    says(
        &report,
        Class::Additive,
        "error code `FailedOperation.Sample` added",
    );
}

#[test]
fn a_description_changed_is_documentation() {
    let report = verdict("docs", |d| {
        d.edit(
            "RunCommand.txt",
            "| CommandName | No | String | Command name.",
            "| CommandName | No | String | The command's name.",
        )
    });
    says(
        &report,
        Class::Documentation,
        "`CommandName`: description changed",
    );
}

#[test]
fn regen_after_the_hand_tried_edit_bumps_the_minor_version() {
    use releases::release::Release;
    use releases::tree::{generate_service, generate_service_after};
    let (old, new) = (Drop::new("regen-old"), Drop::new("regen"));
    new.edit(
        "DataTypes.txt",
        USED,
        "| ResourceQuotaUsed | Integer | Yes |",
    );
    let first = generate_service(&old.root, "tat", "specs", "../../runtime").unwrap();
    let record = first
        .files
        .iter()
        .find(|f| f.path == "release.json")
        .unwrap();
    let previous = Release::parse(&record.contents).unwrap();
    assert_eq!(previous.version, "0.1.0");
    let next = generate_service_after(
        &new.root,
        "tat",
        "specs",
        "../../runtime",
        Some(previous),
        "2026-12-06",
    )
    .unwrap();
    assert_eq!(next.version, "0.2.0");
    let changelog = next
        .files
        .iter()
        .find(|f| f.path == "CHANGELOG.md")
        .unwrap();
    assert!(
        changelog.contents.contains("## 0.2.0 — 2026-12-06 (breaking)")
            && changelog.contents.contains("**breaking**: structure GeneralResourceQuotaSet: member `ResourceQuotaUsed`: is no longer an `Option`"),
        "{}",
        changelog.contents
    );
}
