//! `new`, `list`, `show`, `search`, `tthc import`, templates and navigation.

use std::time::Instant;

use crate::support::{TestRepo, stdout};

#[test]
fn new_takes_the_next_free_id_and_commits_only_the_new_file() {
    let repo = TestRepo::init("commune", "vi");
    repo.write("scratch.txt", "untracked work");
    let qt01 = repo.find("documents/quy-trinh", "QT-01");
    let edited = repo.read(&qt01).replace("## 1. Mục đích", "## 1. Mục đích (đang sửa)");
    repo.write(&qt01, &edited);

    let output = repo
        .qms()
        .env("QMS_USER", "pham-thi-dung")
        .args([
            "new",
            "procedure",
            "--title",
            "Quy trình cấp giấy xác nhận cư trú",
            "--owner",
            "van-phong",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        stdout(&output).trim(),
        "documents/quy-trinh/QT-13-quy-trinh-cap-giay-xac-nhan-cu-tru.md"
    );
    let text = repo.read("documents/quy-trinh/QT-13-quy-trinh-cap-giay-xac-nhan-cu-tru.md");
    assert!(text.contains("id: QT-13\n") && text.contains("author: pham-thi-dung\n"), "{text}");

    let files = stdout(&repo.git(&["show", "--name-only", "--format=%s", "HEAD"]));
    assert_eq!(
        files.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>(),
        [
            "qms: new QT-13 Quy trình cấp giấy xác nhận cư trú",
            "documents/quy-trinh/QT-13-quy-trinh-cap-giay-xac-nhan-cu-tru.md"
        ]
    );
    let status = stdout(&repo.git(&["status", "--porcelain"]));
    assert!(
        status.contains(&format!(" M {qt01}")),
        "the user's edit is still unstaged: {status}"
    );
    assert!(status.contains("?? scratch.txt"), "{status}");
    assert_eq!(repo.read(&qt01), edited);

    // A form under it is numbered under the process.
    let output = repo
        .qms()
        .args(["new", "form", "--title", "Tờ khai xác nhận cư trú", "--under", "QT-13"])
        .output()
        .unwrap();
    assert_eq!(stdout(&output).trim(), "documents/bieu-mau/BM-13-01-to-khai-xac-nhan-cu-tru.md");
    let output = repo
        .qms()
        .args(["new", "form", "--title", "Phiếu thứ hai", "--under", "QT-06", "--no-commit"])
        .output()
        .unwrap();
    assert_eq!(stdout(&output).trim(), "documents/bieu-mau/BM-06-06-phieu-thu-hai.md");
    // What is wrong is only what the author has still to write, in the new process.
    let report = repo.check_json();
    let errors: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(!errors.is_empty());
    for error in errors {
        assert_eq!(error["rule"], "content/placeholder", "{error}");
        assert!(error["path"].as_str().unwrap().contains("QT-13"), "{error}");
    }
}

#[test]
fn new_refuses_bad_requests_with_a_reason() {
    let repo = TestRepo::init("blank", "vi");
    repo.qms()
        .args(["new", "procedur", "--title", "X"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("không có loại tài liệu `procedur`"));
    repo.qms()
        .args(["new", "form", "--title", "X"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--under"));
    repo.qms()
        .args(["new", "procedure", "--title", "X", "--id", "QT-01"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("đã được dùng"));
    repo.qms()
        .args(["new", "procedure", "--title", "X", "--owner", "khong-co"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("không có đơn vị `khong-co`"));
}

#[test]
fn new_outside_git_writes_nothing_unless_asked_not_to_commit() {
    let repo = TestRepo::example();
    repo.qms()
        .args(["new", "instruction", "--title", "Hướng dẫn mới"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("chưa ghi gì"));
    assert!(!repo.path().join("documents/huong-dan/HD-02-huong-dan-moi.md").exists());
    repo.qms()
        .args(["new", "instruction", "--title", "Hướng dẫn mới", "--no-commit"])
        .assert()
        .success();
    assert!(repo.path().join("documents/huong-dan/HD-02-huong-dan-moi.md").exists());
}

#[test]
fn search_ignores_case_and_diacritics() {
    let repo = TestRepo::example();
    let output = repo
        .qms()
        .args(["search", "dang ky khai sinh", "--format", "json"])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["id"], "QT-07", "{hits:#}");
    assert!(hits[0]["hits"][0]["text"].as_str().unwrap().contains("đăng ký khai sinh"));

    let output = repo.qms().args(["search", "GIAY", "PHEP", "xay", "dung"]).output().unwrap();
    assert!(stdout(&output).starts_with("QT-11"), "{}", stdout(&output));

    let output = repo.qms().args(["search", "dang ky", "--type", "form"]).output().unwrap();
    assert!(!stdout(&output).contains("QT-07"));

    repo.qms().args(["search", "khong co tu nay dau"]).assert().code(1);
}

#[test]
fn list_filters_sorts_and_exports() {
    let repo = TestRepo::example();
    let json = |args: &[&str]| -> Vec<String> {
        let output = repo.qms().args(["list", "--format", "json"]).args(args).output().unwrap();
        let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        json(&["--clause", "9.2"]),
        ["BM-02-01", "BM-02-02", "BM-02-03", "BM-02-04", "QT-02"]
    );
    assert_eq!(json(&["--tthc", "1.001193"]), ["QT-07"]);
    assert!(
        json(&["--owner", "phuc-vu-hcc"])
            .iter()
            .all(|id| id.starts_with("BM-06") || id == "QT-06" || id == "HD-01")
    );
    let by_title = json(&["--sort", "title", "--type", "procedure"]);
    assert_eq!(
        by_title.first().map(String::as_str),
        Some("QT-11"),
        "Cấp… sorts before Chứng… and Đăng…: {by_title:?}"
    );

    let output = repo.qms().args(["list", "--format", "csv"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with('\u{FEFF}'), "CSV starts with a byte-order mark");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    assert_eq!(reader.headers().unwrap().iter().next(), Some("Mã số"));
    assert_eq!(reader.records().count(), 36);
}

#[test]
fn show_prints_a_summary_and_the_text() {
    let repo = TestRepo::example();
    let output = repo.qms().args(["show", "CSCL-01"]).output().unwrap();
    let text = stdout(&output);
    assert!(text.starts_with("CSCL-01 — Chính sách chất lượng"), "{text}");
    assert!(text.contains("| Người phê duyệt | Chủ tịch UBND xã |"), "{text}");
    assert!(text.contains("Công khai — Minh bạch"), "{text}");
    let output = repo.qms().args(["show", "QT-07", "--format", "json"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["tthc"], serde_json::json!(["1.001193"]));
    repo.qms()
        .args(["show", "QT-7"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("có phải ý bạn là"));
}

#[test]
fn commands_work_from_a_subfolder_and_with_dash_c() {
    let repo = TestRepo::example();
    let sub = repo.path().join("documents/quy-trinh");
    let mut cmd = crate::support::qms();
    cmd.current_dir(&sub).args(["show", "QT-01", "--format", "json"]).assert().success();
    crate::support::qms()
        .current_dir(std::env::temp_dir())
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("qms init"));
}

fn write_portal_csv(repo: &TestRepo, name: &str, count: usize) -> std::path::PathBuf {
    let mut csv =
        String::from("\u{FEFF}DANH MỤC THỦ TỤC HÀNH CHÍNH\nSTT;Mã thủ tục;Tên thủ tục;Lĩnh vực;Thời hạn giải quyết;Phí, lệ phí\n");
    for i in 0..count {
        csv.push_str(&format!(
            "{};3.{:06};Thủ tục số {i} về cấp phép;Lĩnh vực {};{} ngày làm việc;Không\n",
            i + 1,
            i,
            i % 17,
            1 + i % 20
        ));
    }
    repo.write(name, csv)
}

#[test]
fn tthc_import_is_idempotent_and_scaffolds_processes() {
    let repo = TestRepo::init("blank", "vi");
    let file = write_portal_csv(&repo, "danh-muc.csv", 3);
    repo.qms().args(["tthc", "import"]).arg(&file).arg("--scaffold").assert().success();
    // What the portal's export gives (limit, fee) is written; what it does not
    // (legal basis, dossier, result) is left for the author, never invented.
    let report = repo.check_json();
    let errors: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| format!("{} {}", f["rule"], f["message"]))
        .collect();
    assert!(errors.iter().all(|e| e.contains("content/placeholder")), "{errors:#?}");
    for missing in ["văn bản quy phạm pháp luật", "thành phần hồ sơ", "kết quả giải quyết"] {
        assert!(errors.iter().any(|e| e.contains(missing)), "{missing}: {errors:#?}");
    }
    for given in ["thời hạn", "lệ phí"] {
        assert!(!errors.iter().any(|e| e.contains(given)), "{given}: {errors:#?}");
    }
    let processes = repo
        .qms()
        .args(["list", "--tthc", "3.000001", "--format", "json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&processes.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));

    // Rerun: nothing duplicated, no new process.
    repo.qms()
        .args(["tthc", "import"])
        .arg(&file)
        .args(["--scaffold", "--no-commit"])
        .assert()
        .success();
    let catalog = repo.read("catalog/tthc.yaml");
    assert_eq!(catalog.matches("code:").count(), 3);
    assert_eq!(stdout(&repo.git(&["status", "--porcelain", "documents"])), "");
    assert_eq!(stdout(&repo.git(&["rev-parse", "HEAD"])), head);
}

#[test]
fn tthc_import_reads_xlsx_with_codes_as_text_or_numbers() {
    let repo = TestRepo::init("blank", "en");
    let path = repo.path().join("portal.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["STT", "Mã TTHC", "Tên thủ tục", "Lĩnh vực", "Thời gian giải quyết"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, col as u16, *header).unwrap();
    }
    sheet.write_string(0, 0, "Danh mục").unwrap();
    sheet.write_number(2, 0, 1).unwrap();
    sheet.write_string(2, 1, "1.001193").unwrap();
    sheet.write_string(2, 2, "Đăng ký khai sinh").unwrap();
    sheet.write_string(2, 4, "Trong ngày").unwrap();
    sheet.write_number(3, 0, 2).unwrap();
    sheet.write_number(3, 1, 2.0001).unwrap();
    sheet.write_string(3, 2, "Chứng thực chữ ký").unwrap();
    sheet.write_string(3, 4, "02 ngày làm việc").unwrap();
    workbook.save(&path).unwrap();

    repo.qms().args(["tthc", "import", "portal.xlsx"]).assert().success();
    let catalog = repo.read("catalog/tthc.yaml");
    assert!(
        catalog.contains("code: '1.001193'") || catalog.contains("code: \"1.001193\"") || catalog.contains("code: 1.001193"),
        "{catalog}"
    );
    assert!(catalog.contains("2.000100"), "trailing zeros restored: {catalog}");
    assert!(catalog.contains("time_limit_days: 2"), "{catalog}");
}

#[test]
fn importing_two_thousand_procedures_takes_seconds() {
    let repo = TestRepo::init("blank", "vi");
    let file = write_portal_csv(&repo, "big.csv", 2000);
    let started = Instant::now();
    repo.qms().args(["tthc", "import"]).arg(&file).arg("--scaffold").assert().success();
    let elapsed = started.elapsed();
    let catalog = repo.read("catalog/tthc.yaml");
    assert_eq!(catalog.matches("- code:").count(), 2000);
    let processes = std::fs::read_dir(repo.path().join("documents/quy-trinh")).unwrap().count();
    assert_eq!(processes, 6 + 2000);
    // Not a benchmark: a generous bound that only catches accidental quadratic work.
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

#[test]
fn templates_can_be_ejected_and_override_the_built_ins() {
    let repo = TestRepo::init("blank", "vi");
    repo.qms().args(["templates", "eject"]).assert().success();
    let template = repo.path().join("templates/new/vi/default.md");
    assert!(template.exists());
    let custom = std::fs::read_to_string(&template)
        .unwrap()
        .replace("## 1. Mục đích", "## 1. Mục đích (mẫu riêng)");
    std::fs::write(&template, custom).unwrap();
    let output = repo
        .qms()
        .args(["new", "instruction", "--title", "Hướng dẫn", "--no-commit"])
        .output()
        .unwrap();
    let path = stdout(&output);
    assert!(repo.read(path.trim()).contains("(mẫu riêng)"));
}

#[test]
fn help_teaches_with_examples() {
    for command in ["init", "new", "list", "show", "search", "check", "tthc", "templates", "clauses"] {
        let output = crate::support::qms().args([command, "--help"]).output().unwrap();
        let text = stdout(&output);
        assert!(output.status.success(), "{command}");
        if command != "tthc" {
            assert!(text.contains("Ví dụ:"), "{command} --help has no examples:\n{text}");
        }
    }
    crate::support::qms().arg("frobnicate").assert().code(2);
}

#[test]
fn two_news_at_once_never_hand_out_the_same_number() {
    let repo = TestRepo::init("commune", "vi");
    // While this `new` is between choosing QT-13 and committing it, a
    // colleague's QT-13 is committed (another `qms new` in another worktree
    // of the same repository, or any tool).
    let racer = "printf -- '---\\nid: QT-13\\ntitle: Quy trình thứ nhất\\ntype: procedure\\nowner: van-phong\\n---\\n' > documents/quy-trinh/QT-13-quy-trinh-thu-nhat.md \
         && git add documents/quy-trinh/QT-13-quy-trinh-thu-nhat.md && git -c user.name=Khac -c user.email=khac@x.vn commit -qm 'QT-13'";
    let output = repo
        .as_user("pham-thi-dung")
        .env("QMS_HOOK", format!("before-new-document={racer}"))
        .args(["new", "procedure", "--title", "Quy trình thứ hai"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("mã QT-13 vừa được"));
    let ids: Vec<String> = std::fs::read_dir(repo.path().join("documents/quy-trinh"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("QT-13"))
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(ids[0].contains("thu-nhat"), "{ids:?}");
    assert!(
        stdout(&repo.git(&["status", "--porcelain"])).is_empty(),
        "the loser left nothing behind"
    );
    // Run again, it takes the next number.
    repo.as_user("pham-thi-dung")
        .args(["new", "procedure", "--title", "Quy trình thứ hai"])
        .assert()
        .success();
    assert!(repo.find("documents/quy-trinh", "QT-14").contains("thu-hai"));
}

#[test]
fn tables_fit_the_width_columns_gives() {
    let repo = TestRepo::init("commune", "vi");
    let wide = stdout(&repo.qms().arg("list").output().unwrap());
    assert!(
        wide.lines().any(|l| l.chars().count() > 100),
        "without COLUMNS a row stays on one line"
    );
    let narrow = stdout(&repo.qms().arg("list").env("COLUMNS", "80").output().unwrap());
    let longest = narrow.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= 80, "{longest} characters:\n{narrow}");
    assert!(narrow.contains("QT-07"), "{narrow}");
}

/// `qms legal list` is the list of external documents (BM-01-02), made
/// from the register, with who cites each text and what replaced it.
#[test]
fn the_register_of_legal_texts_lists_the_external_documents() {
    let repo = TestRepo::init("commune", "vi");
    let qt01 = repo.find("documents/quy-trinh", "QT-01");
    let cited = repo.read(&qt01) + "\nCăn cứ Nghị định số 118/2025/ND-CP; trước đây Nghị định số 61/2018/NĐ-CP.\n";
    repo.write(&qt01, cited);

    let output = repo.qms().args(["legal", "list", "--format", "json"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = |number: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|t| t["number"] == number)
            .unwrap_or_else(|| panic!("{number} in {list:#}"))
            .clone()
    };
    let one_stop = text("118/2025/NĐ-CP");
    assert_eq!(one_stop["status"], "in-force");
    assert!(
        one_stop["cited_by"].as_array().unwrap().iter().any(|id| id == "QT-01"),
        "{one_stop}"
    );
    let old = text("61/2018/NĐ-CP");
    assert_eq!(
        (old["status"].as_str(), old["replaced_by"].as_str()),
        (Some("replaced"), Some("118/2025/NĐ-CP"))
    );
    assert!(old["cited_by"].as_array().unwrap().iter().any(|id| id == "QT-01"), "{old}");

    let form = stdout(&repo.qms().args(["legal", "list", "--format", "md"]).output().unwrap());
    assert!(form.starts_with("# DANH MỤC TÀI LIỆU CÓ NGUỒN GỐC BÊN NGOÀI (BM-01-02)"), "{form}");
    assert!(
        form.contains("| Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính | 61/2018/NĐ-CP | 23/04/2018 | Chính phủ |  | Đã bị thay thế bởi 118/2025/NĐ-CP |"),
        "{form}"
    );
    let table = stdout(&repo.qms().args(["legal", "list"]).output().unwrap());
    assert!(table.contains("Được viện dẫn tại") && table.contains("QT-01"), "{table}");

    std::fs::remove_file(repo.path().join("catalog/legal.yaml")).unwrap();
    let missing = repo.qms().args(["legal", "list"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("catalog/legal.yaml"));
}
