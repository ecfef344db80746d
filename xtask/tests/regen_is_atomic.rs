//! A failed regen leaves the output directory exactly as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn xtask(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root)
        .output()
        .unwrap()
}

#[test]
fn failed_regen_leaves_generated_untouched_and_check_names_stale_files() {
    let root = std::env::temp_dir().join(format!("xtask-atomic-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(Path::new("../specs"), &root.join("specs"));
    std::fs::create_dir_all(root.join("runtime")).unwrap();

    let ok = xtask(&root, &["regen"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = snapshot(&root.join("generated"));
    assert!(before.len() > 10);
    assert!(xtask(&root, &["check"]).status.success());

    // A page cut off inside its request table: the regen must fail with file:line and
    // write nothing.
    let page = root.join("specs/tat/InvokeCommand.txt");
    let text = std::fs::read_to_string(&page).unwrap();
    let row = text
        .find("| Timeout | No | Integer |")
        .expect("the Timeout row");
    std::fs::write(&page, &text[..row + 30]).unwrap();
    let failed = xtask(&root, &["regen"]);
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("specs/tat/InvokeCommand.txt:15") && stderr.contains("the page is cut off"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&root.join("generated")),
        before,
        "a failed regen changed generated/"
    );
    let leftovers: Vec<_> = std::fs::read_dir(root.join("generated"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "temporary directories left behind: {leftovers:?}"
    );

    // A changed page makes `check` fail and name the file.
    std::fs::write(
        &page,
        text.replace("Command timeout period.", "Command timeout."),
    )
    .unwrap();
    let check = xtask(&root, &["check"]);
    assert!(!check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("invoke_command.rs (differs)"), "{stderr}");

    // Hand edits and extra files are stale too.
    std::fs::write(&page, &text).unwrap();
    std::fs::write(root.join("generated/tat/src/extra.rs"), "// hand-written").unwrap();
    let check = xtask(&root, &["check"]);
    assert!(String::from_utf8_lossy(&check.stderr).contains("extra.rs (not generated any more)"));
    std::fs::remove_dir_all(&root).ok();
}
