//! The README's five-minute tour runs as written.

use std::process::Command;

#[test]
fn the_readme_tour_runs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let tour = readme.split("## A five-minute tour").nth(1).expect("the README has a tour");
    let script = tour
        .split("```sh")
        .nth(1)
        .and_then(|block| block.split("```").next())
        .expect("the tour is a sh block");
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
        "the tour failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("hiệu lực lần 1"), "QT-13 was approved: {stdout}");
}
