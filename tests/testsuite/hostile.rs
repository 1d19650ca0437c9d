//! A folder of hostile files: `qms check` reports each one and never panics.

use crate::support::{TestRepo, stdout};

#[test]
fn every_hostile_file_is_reported_and_nothing_panics() {
    use unicode_normalization::UnicodeNormalization;
    let repo = TestRepo::init("blank", "vi");
    let dir = "documents/hostile";
    repo.write(&format!("{dir}/binary.md"), (0u8..=255).cycle().take(4096).collect::<Vec<u8>>());
    repo.write(&format!("{dir}/truncated.md"), "---\nid: QT-60\ntitle: \"Quy trình bị cắt");
    let mut bomb = String::from("---\nid: QT-61\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (name, prev) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
        ("h", "g"),
        ("i", "h"),
    ] {
        bomb.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    bomb.push_str("---\n");
    repo.write(&format!("{dir}/bomb.md"), bomb);
    let huge = format!(
        "---\nid: QT-62\ntitle: Lớn\ntype: procedure\nowner: van-phong\napprovers: [role:thu-truong]\n---\n{}",
        "Dòng văn bản rất dài của tài liệu quá cỡ.\n".repeat(250_000)
    );
    assert!(huge.len() > 10_000_000);
    repo.write(&format!("{dir}/huge.md"), huge);
    let nfd_name: String = format!("{dir}/QT-63-quy-trình-đăng-ký.md").nfd().collect();
    repo.write(
        &nfd_name,
        "---\nid: QT-63\ntitle: Quy trình\ntype: procedure\nowner: van-phong\napprovers: [role:thu-truong]\n---\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("../../../../../etc/hostname", repo.path().join(dir).join("outside.md")).unwrap();
    repo.write(
        &format!("{dir}/deep.md"),
        format!("---\nid: QT-64\ntitle: {}x{}\n---\n", "[".repeat(10_000), "]".repeat(10_000)),
    );

    let output = repo.qms().args(["check", "--format", "json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let has = |file: &str, rule: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"].as_str().unwrap().ends_with(file) && f["rule"] == rule)
    };
    assert!(has("binary.md", "input/not-utf8"), "{report:#}");
    assert!(has("truncated.md", "front-matter/unclosed"), "{report:#}");
    assert!(has("bomb.md", "yaml/alias"), "{report:#}");
    assert!(has("huge.md", "input/file-too-large"), "{report:#}");
    assert!(has(nfd_name.rsplit('/').next().unwrap(), "input/file-name-not-nfc"), "{report:#}");
    #[cfg(unix)]
    assert!(has("outside.md", "input/symlink"), "{report:#}");
    assert!(has("deep.md", "yaml/syntax"), "{report:#}");

    // The other documents were still checked.
    assert!(report["documents"].as_u64().unwrap() >= 27, "{}", stdout(&output));
}
