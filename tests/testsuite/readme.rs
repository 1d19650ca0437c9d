//! The README's five-minute tour and the docs' walk-throughs run as written.

use std::process::{Command, Output};

/// Runs the first `sh` block after `heading` in a file of the package, in a
/// temp dir with the built `qms` on the PATH; panics with its output when it fails.
fn run_walkthrough(file: &str, heading: &str) -> Output {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let section = text
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("{file} has no section {heading}"));
    let script = section
        .split("```sh")
        .nth(1)
        .and_then(|block| block.split("```").next())
        .unwrap_or_else(|| panic!("{file}: {heading} has no sh block"));
    let dir = tempfile::tempdir().unwrap();
    let binary = assert_cmd::cargo::cargo_bin("qms");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("QMS_TIMESTAMP", crate::support::TIMESTAMP)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{file} {heading} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn the_readme_tour_runs() {
    let output = run_walkthrough("README.md", "## A five-minute tour");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("hiệu lực lần 1"), "QT-07 was approved: {stdout}");
    assert!(
        stdout.contains("content/placeholder"),
        "the new process lists what is left to write: {stdout}"
    );
}

#[test]
fn the_audit_cycle_walkthrough_runs() {
    let output = run_walkthrough("docs/audit-cycle.md", "## The walk-through");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("DGNB-2027-01-BC"), "{stdout}");
    assert!(stdout.contains("đã đóng"), "the NC is closed: {stdout}");
    assert!(stdout.lines().any(|l| l.trim() == "1"), "one overdue action on 2 June: {stdout}");
    assert!(stdout.contains("XXLD-2027-01"), "the minutes were written: {stdout}");
}

#[test]
fn the_superior_agency_walkthrough_runs() {
    let output = run_walkthrough("docs/assessment.md", "## The walk-through");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Tổng điểm: 100/100 (100 %) — xếp loại: Tốt"), "{stdout}");
    assert!(
        stdout.contains("xa-an-lac.md") && stdout.contains("xa-hoa-binh.md"),
        "feedback per unit: {stdout}"
    );
}
