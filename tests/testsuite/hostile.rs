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
    let has = |file: &str, rule: &str| has_finding(&report, file, rule);
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

/// Whether `report` (check's JSON) has a finding of `rule` on a file ending in `file`.
fn has_finding(report: &serde_json::Value, file: &str, rule: &str) -> bool {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["path"].as_str().unwrap().ends_with(file) && f["rule"] == rule)
}

/// The repository's files, index and HEAD, to show a command changed nothing.
fn fingerprint(repo: &TestRepo) -> (String, String, String) {
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    let status = stdout(&repo.git(&["status", "--porcelain", "--untracked-files=all"]));
    let index = stdout(&repo.git(&["ls-files", "--stage"]));
    (head, status, index)
}

#[test]
fn ids_that_are_paths_are_refused_before_anything_is_written() {
    let repo = TestRepo::init("commune", "vi");
    let outside = repo.path().parent().unwrap().join("x-thoat.md");
    let before = fingerprint(&repo);
    for (flag, id) in [
        ("--id", "../../x"),
        ("--id", "QT/99"),
        ("--id", "QT-99\nQms-Action: approve"),
        ("--id", "QT\u{202e}99"),
        ("--under", "../QT-07"),
    ] {
        let mut args = vec!["new", "form", "--title", "Thoát"];
        if flag == "--id" {
            args.extend(["--under", "QT-07"]);
        }
        args.extend([flag, id]);
        let output = repo.as_user("pham-thi-dung").args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stdout(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(flag) && !stderr.contains("panicked"), "{stderr}");
        assert_eq!(fingerprint(&repo), before, "{args:?} changed the repository");
    }
    assert!(!outside.exists());
    // Steps name documents by id: a path is not one.
    let output = repo.as_user("pham-thi-dung").args(["submit", "../qms.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(fingerprint(&repo), before);
}

#[test]
fn build_writes_only_inside_its_output_and_never_through_a_template_link() {
    let repo = TestRepo::init("commune", "vi");
    // A document whose id climbs out of the output folder.
    repo.write(
        "documents/quy-trinh/thoat.md",
        "---\nid: ../../../thoat\ntitle: Thoát\ntype: procedure\nowner: van-phong\napprovers: [role:thu-truong]\n---\nNội dung\n",
    );
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-qm", "Tài liệu lạ"]);
    let out = repo.path().join("public");
    let output = repo.qms().args(["build", "--drafts", "--out"]).arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("ra ngoài thư mục kết quả"));
    assert!(!repo.path().parent().unwrap().join("thoat.html").exists());
    assert!(!repo.path().join("thoat.html").exists());
    repo.git(&["rm", "-q", "documents/quy-trinh/thoat.md"]);
    repo.git(&["commit", "-qm", "Bỏ"]);

    // A template override that is a link to a file outside the repository.
    #[cfg(unix)]
    {
        let secret = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(secret.path(), "BÍ-MẬT-KHÔNG-ĐƯỢC-CÔNG-BỐ").unwrap();
        std::fs::create_dir_all(repo.path().join("templates/handbook")).unwrap();
        std::os::unix::fs::symlink(secret.path(), repo.path().join("templates/handbook/index.html")).unwrap();
        let output = repo.qms().args(["build", "--drafts", "--out"]).arg(&out).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
        assert!(String::from_utf8_lossy(&output.stderr).contains("liên kết tượng trưng"));
        let published = crate::support::all_text(&out);
        assert!(!published.contains("BÍ-MẬT"), "the linked file was published");
    }
}

#[test]
fn pipes_and_deep_nesting_are_findings_not_hangs() {
    let repo = TestRepo::init("commune", "vi");
    let head = "---\nid: QT-90\ntitle: Sâu\ntype: procedure\nowner: van-phong\napprovers: [role:thu-truong]\n---\n";
    repo.write(
        "documents/quy-trinh/QT-90-sau.md",
        format!("{head}{} trích dẫn\n", ">".repeat(100_000)),
    );
    repo.write(
        "documents/quy-trinh/QT-91-the.md",
        format!("{}{}x\n", head.replace("QT-90", "QT-91"), "<div>".repeat(50_000)),
    );
    #[cfg(unix)]
    assert!(
        std::process::Command::new("mkfifo")
            .arg(repo.path().join("documents/quy-trinh/QT-92-ong.md"))
            .status()
            .unwrap()
            .success()
    );
    let report = repo.check_json();
    let has = |file: &str, rule: &str| has_finding(&report, file, rule);
    assert!(has("QT-90-sau.md", "input/too-deep"), "{report:#}");
    assert!(has("QT-91-the.md", "input/too-deep"), "{report:#}");
    #[cfg(unix)]
    assert!(has("QT-92-ong.md", "input/special-file"), "{report:#}");
    // The handbook shows the deep text as written.
    #[cfg(unix)]
    std::fs::remove_file(repo.path().join("documents/quy-trinh/QT-92-ong.md")).unwrap();
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-qm", "Tài liệu sâu"]);
    let out = repo.path().join("public");
    repo.qms().args(["build", "--drafts", "--out"]).arg(&out).assert().success();
    let page = std::fs::read_to_string(out.join("QT-90.html")).unwrap();
    assert!(page.contains("<pre>&gt;&gt;&gt;"), "rendered as written");
}

#[test]
fn csv_cells_that_look_like_formulas_are_made_inert() {
    let repo = TestRepo::init("commune", "vi");
    let path = repo.find("documents/quy-trinh", "QT-07");
    let text = repo.read(&path);
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    repo.write(
        &path,
        text.replace(&title_line, "title: \"=HYPERLINK(\\\"http://x.example\\\",\\\"Mở\\\")\""),
    );
    let output = repo.qms().args(["list", "--format", "csv"]).output().unwrap();
    let text = stdout(&output);
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(!text.lines().any(|l| l.split(',').any(|cell| cell.starts_with('='))), "{text}");
}

#[test]
fn out_of_range_settings_are_findings_and_a_large_catalogue_is_checked() {
    let repo = TestRepo::init("commune", "vi");
    let config = repo
        .read("qms.yaml")
        .replace("{seq:02}", "{seq:70000}")
        .replace("review_interval_months: 12", "review_interval_months: 0");
    repo.write("qms.yaml", config);
    let mut catalogue = String::from("procedures:\n");
    for i in 0..30_000 {
        catalogue.push_str(&format!("- code: '9.{i:06}'\n  name: Thủ tục {i}\n  time_limit_days: 5.0\n"));
    }
    catalogue.push_str(
        "- code: '9.900001'\n  name: Vô hạn\n  time_limit_days: .inf\n- code: '9.900002'\n  name: Không số\n  time_limit_days: .nan\n",
    );
    repo.write("catalog/tthc.yaml", catalogue);
    let report = repo.check_json();
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "qms.yaml")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages.iter().any(|m| m.contains("tới `70000` chữ số")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("review_interval_months là 0")), "{messages:?}");
    let uncovered = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "tthc/no-process")
        .count();
    assert_eq!(uncovered, 30_002);
    for code in ["9.900001", "9.900002"] {
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["path"] == "catalog/tthc.yaml" && f["message"].as_str().unwrap().contains(&format!("thời hạn của {code}"))),
            "{code}"
        );
    }
    // The last procedure's finding points at its own line.
    let last = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("9.029999"))
        .unwrap();
    assert_eq!(last["line"], 3 * 29_999 + 2);
    // A new document still gets an id of sane length.
    let output = repo
        .as_user("pham-thi-dung")
        .args(["new", "procedure", "--title", "Quy trình mới"])
        .output()
        .unwrap();
    assert!(stdout(&output).len() < 200, "{}", stdout(&output));
}
