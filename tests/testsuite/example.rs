//! The bundled example agency stays valid and realistic.

use crate::support::TestRepo;

#[test]
fn the_example_checks_clean() {
    let repo = TestRepo::example();
    let report = repo.check_json();
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert!(report["documents"].as_u64().unwrap() >= 25);
}

#[test]
fn the_example_lists_in_natural_order() {
    let repo = TestRepo::example();
    let output = repo
        .qms()
        .args(["list", "--type", "procedure", "--format", "json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    let position = |id| ids.iter().position(|x| *x == id).unwrap();
    assert!(position("QT-09") < position("QT-10"), "{ids:?}");
}
