//! `qms init` for every profile and language, followed by a clean `qms check`.

use crate::support::{TestRepo, qms, stdout};

const PROFILES: [&str; 5] = ["commune", "district", "department", "ministry", "blank"];

#[test]
fn every_profile_and_language_checks_clean() {
    for profile in PROFILES {
        for lang in ["vi", "en"] {
            let repo = TestRepo::init(profile, lang);
            let report = repo.check_json();
            let findings: Vec<&serde_json::Value> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] != "config/sample-name")
                .collect();
            assert!(findings.is_empty(), "{profile}/{lang}: {report:#}");
            assert!(
                report["documents"].as_u64().unwrap() >= 20,
                "{profile}/{lang}: a complete starter set"
            );
            let log = stdout(&repo.git(&["log", "--format=%s"]));
            assert_eq!(log.lines().count(), 1, "one initial commit");
            let status = stdout(&repo.git(&["status", "--porcelain"]));
            assert_eq!(status, "", "{profile}/{lang}: everything is committed");
        }
    }
}

#[test]
fn commune_profile_has_a_process_per_procedure() {
    let repo = TestRepo::init("commune", "vi");
    let list = repo.qms().args(["tthc", "list", "--format", "json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 5);
    for row in rows {
        assert_eq!(row["processes"].as_array().unwrap().len(), 1, "{row}");
    }
    let process = repo.read(&repo.find("documents/quy-trinh", "QT-07"));
    for section in [
        "## 1. Mục đích",
        "## 2. Phạm vi",
        "## 5. Nội dung quy trình",
        "### 5.2. Thành phần hồ sơ",
        "| Bước |",
        "## 6. Biểu mẫu",
        "## 7. Hồ sơ cần lưu",
    ] {
        assert!(process.contains(section), "missing {section}");
    }
}

#[test]
fn init_refuses_a_folder_that_holds_a_qms() {
    let repo = TestRepo::init("blank", "vi");
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    qms()
        .args(["init", "-q"])
        .arg(repo.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("đã có hệ thống quản lý chất lượng"));
    assert_eq!(stdout(&repo.git(&["rev-parse", "HEAD"])), head);
}

#[test]
fn init_adopts_an_existing_repository_without_touching_staged_work() {
    let repo = TestRepo::empty();
    repo.git(&["init", "-q"]);
    repo.write("notes.txt", "old");
    repo.git(&["add", "notes.txt"]);
    repo.git(&["commit", "-q", "-m", "existing history"]);
    repo.write("notes.txt", "staged change");
    repo.git(&["add", "notes.txt"]);
    repo.write("scratch.txt", "untracked");

    qms().args(["init", "-q"]).arg(repo.path()).assert().success();

    let log = stdout(&repo.git(&["log", "--format=%s"]));
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        ["qms: khởi tạo hệ thống quản lý chất lượng", "existing history"]
    );
    let committed = stdout(&repo.git(&["show", "HEAD:notes.txt"]));
    assert_eq!(committed, "old", "the staged change was not committed");
    let status = stdout(&repo.git(&["status", "--porcelain"]));
    assert_eq!(status.lines().collect::<Vec<_>>(), ["M  notes.txt", "?? scratch.txt"]);
}

#[test]
fn init_refuses_to_overwrite_files_and_changes_nothing() {
    let repo = TestRepo::empty();
    repo.write("catalog/tthc.yaml", "procedures: []\n");
    qms()
        .args(["init", "-q"])
        .arg(repo.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("catalog/tthc.yaml"));
    assert!(!repo.path().join(".git").exists());
    assert!(!repo.path().join("qms.yaml").exists());
    assert_eq!(repo.read("catalog/tthc.yaml"), "procedures: []\n");
}

#[test]
fn the_same_clock_gives_the_same_commit() {
    let a = TestRepo::init("commune", "vi");
    let b = TestRepo::init("commune", "vi");
    assert_eq!(stdout(&a.git(&["rev-parse", "HEAD"])), stdout(&b.git(&["rev-parse", "HEAD"])));
}

/// District-level government ended on 1 July 2025: the old profile still
/// carries a district QMS over, under both names, and says why not to start
/// a new one with it.
#[test]
fn the_district_profile_is_a_legacy_one_and_says_so() {
    for name in ["legacy-district", "district"] {
        let repo = TestRepo::empty();
        let output = qms().args(["init", "--profile", name, "-q"]).arg(repo.path()).output().unwrap();
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("01/7/2025") && said.contains("--profile commune"), "{name}: {said}");
    }
    let output = qms()
        .args(["init", "--profile", "commune", "-q"])
        .arg(TestRepo::empty().path())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("01/7/2025"));
}

/// Sample names never reach a real agency's output: given at `init`, the
/// agency's and its superior's names are used everywhere and check is
/// clean; left as a bare level or a placeholder, check says so.
#[test]
fn names_given_at_init_replace_the_samples_and_placeholders_are_reported() {
    for profile in PROFILES {
        let repo = TestRepo::empty();
        qms()
            .args(["init", "-q", "--profile", profile])
            .args(["--org", "Ủy ban nhân dân xã Tân Phú", "--superior", "Ủy ban nhân dân tỉnh Đồng Nai"])
            .arg(repo.path())
            .assert()
            .success();
        let report = repo.check_json();
        assert_eq!(report["findings"], serde_json::json!([]), "{profile}: {report:#}");
        let config = repo.read("qms.yaml");
        assert!(
            config.contains("Ủy ban nhân dân tỉnh Đồng Nai") && config.contains("Tân Phú"),
            "{config}"
        );
        for sample in ["Hòa Bình", "An Phước", "Cơ quan cấp trên"] {
            let leaks = crate::support::all_text(repo.path()).contains(sample);
            assert!(
                !leaks || profile == "ministry",
                "{profile}: the sample {sample} is still in the repository"
            );
        }
    }
    let blank = TestRepo::init("blank", "vi");
    let report = blank.check_json();
    let samples: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "config/sample-name")
        .collect();
    assert_eq!(samples.len(), 2, "the placeholder name and superior: {report:#}");
    assert_eq!(samples[0]["severity"], "warning");
}

/// In a ministry a Cục licenses in its own name: its processes' signing
/// step is the Cục's Director's, while a procedure the ministry itself
/// decides is signed by the Minister.
#[test]
fn ministry_processes_are_signed_where_the_authority_lies() {
    let repo = TestRepo::init("ministry", "vi");
    let signer = |code: &str| {
        let path = std::fs::read_dir(repo.path().join("documents/quy-trinh"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| std::fs::read_to_string(p).unwrap().contains(&format!("\"{code}\"")))
            .unwrap_or_else(|| panic!("a process for {code}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains("ký duyệt kết quả"))
            .unwrap_or_else(|| panic!("a signing step in {}", path.display()))
            .to_string();
        line.split('|').nth(3).unwrap().trim().to_string()
    };
    assert_eq!(signer("1.004519"), "Cục trưởng Cục An toàn bức xạ và hạt nhân");
    assert_eq!(signer("1.005138"), "Cục trưởng Cục Sở hữu trí tuệ");
    assert_eq!(signer("2.001235"), "Bộ trưởng");
    let config = repo.read("qms.yaml");
    assert!(config.contains("result_signer: Cục trưởng Cục Sở hữu trí tuệ"), "{config}");
}
