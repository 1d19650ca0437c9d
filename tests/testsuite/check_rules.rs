//! Every `qms check` rule fires on a fixture (with the right file and line)
//! and stays quiet on a near miss.

use serde_json::Value;

use crate::support::{TestRepo, stdout};

/// A valid process for the `blank` profile, with fields on known lines:
/// 2 id, 3 title, 4 type, 5 owner, 6 author, 7 approvers, 8 clauses, 9 links;
/// the body starts on line 11.
fn front(overrides: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("id", "QT-50"),
        ("title", "Quy trình thử nghiệm"),
        ("type", "procedure"),
        ("owner", "van-phong"),
        ("author", "thu-ky"),
        ("approvers", "[role:thu-truong]"),
        ("clauses", "[\"8.1\"]"),
        ("links", "[QT-01]"),
    ];
    for (key, value) in overrides {
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = value,
            None => fields.push((key, value)),
        }
    }
    fields.retain(|(_, v)| !v.is_empty());
    let mut text = String::from("---\n");
    for (key, value) in fields {
        text.push_str(&format!("{key}: {value}\n"));
    }
    text.push_str("---\n");
    text
}

fn doc(overrides: &[(&str, &str)], body: &str) -> String {
    format!("{}{body}", front(overrides))
}

const PATH: &str = "documents/test/QT-50.md";

struct Fixture {
    _repo: TestRepo,
    report: Value,
}

impl Fixture {
    fn new(setup: impl FnOnce(&TestRepo)) -> Fixture {
        let repo = TestRepo::init("blank", "vi");
        setup(&repo);
        let report = repo.check_json();
        Fixture { _repo: repo, report }
    }

    fn findings(&self, rule: &str) -> Vec<&Value> {
        self.report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .collect()
    }

    /// Asserts that `rule` fired at `path:line` (line `None`: any line).
    fn fired(&self, rule: &str, path: &str, line: Option<u64>) -> &Value {
        let found = self.findings(rule);
        let hit = found
            .iter()
            .find(|f| f["path"] == path && (line.is_none() || f["line"].as_u64() == line))
            .unwrap_or_else(|| panic!("{rule} did not fire at {path}:{line:?}; report: {:#}", self.report));
        assert!(!hit["message"].as_str().unwrap().is_empty());
        hit
    }

    fn quiet(&self, rule: &str) {
        assert!(self.findings(rule).is_empty(), "{rule} fired: {:#}", self.report);
    }
}

fn fires(rule: &str, path: &str, line: Option<u64>, setup: impl FnOnce(&TestRepo)) -> Value {
    let fixture = Fixture::new(setup);
    fixture.fired(rule, path, line).clone()
}

fn quiet(rule: &str, setup: impl FnOnce(&TestRepo)) {
    Fixture::new(setup).quiet(rule);
}

#[test]
fn not_utf8() {
    let finding = fires("input/not-utf8", PATH, Some(12), |r| {
        r.write(PATH, [front(&[]).as_bytes(), b"Body\n\xff\n"].concat());
    });
    assert!(finding["message"].as_str().unwrap().contains("vị trí"));
    quiet("input/not-utf8", |r| {
        r.write(PATH, doc(&[], "Tiếng Việt có dấu.\n"));
    });
}

#[test]
fn not_nfc() {
    use unicode_normalization::UnicodeNormalization;
    fires("input/not-nfc", PATH, None, |r| {
        r.write(PATH, doc(&[], "Quy trình").nfd().collect::<String>());
    });
    quiet("input/not-nfc", |r| {
        r.write(PATH, doc(&[], "Quy trình"));
    });
}

#[test]
fn file_name_not_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfd_name: String = "documents/test/QT-50-quy-trình.md".nfd().collect();
    fires("input/file-name-not-nfc", &nfd_name, None, |r| {
        r.write(&nfd_name, doc(&[], ""));
    });
    quiet("input/file-name-not-nfc", |r| {
        r.write("documents/test/QT-50-quy-trình.md", doc(&[], ""));
    });
}

#[test]
fn invisible_character_in_id() {
    let finding = fires("input/invisible-character", PATH, Some(2), |r| {
        r.write(PATH, doc(&[("id", "QT-5\u{200B}0")], ""));
    });
    assert!(finding["message"].as_str().unwrap().contains("tại byte 12"), "{finding}");
    quiet("input/invisible-character", |r| {
        r.write(PATH, doc(&[("id", "QT-50")], ""));
    });
}

#[test]
fn bidi_control_in_text() {
    fires("input/bidi-control", PATH, Some(12), |r| {
        r.write(PATH, doc(&[], "Dòng một.\nDòng \u{202E}hai.\n"));
    });
    quiet("input/bidi-control", |r| {
        r.write(PATH, doc(&[], "Dòng một.\nDòng hai.\n"));
    });
}

#[test]
fn file_too_large() {
    fires("input/file-too-large", PATH, None, |r| {
        r.write(PATH, doc(&[], &"Nội dung dài. ".repeat(400_000)));
    });
    quiet("input/file-too-large", |r| {
        r.write(PATH, doc(&[], &"Nội dung dài. ".repeat(100_000)));
    });
}

#[test]
#[cfg(unix)]
fn symlink_is_not_followed() {
    let finding = fires("input/symlink", "documents/test/link.md", None, |r| {
        std::fs::create_dir_all(r.path().join("documents/test")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", r.path().join("documents/test/link.md")).unwrap();
    });
    assert!(finding["message"].as_str().unwrap().contains("/etc/passwd"));
    quiet("input/symlink", |r| {
        r.write(PATH, doc(&[], ""));
    });
}

#[test]
fn front_matter_missing_unclosed_and_too_large() {
    fires("front-matter/missing", PATH, Some(1), |r| {
        r.write(PATH, "# Quy trình\n\nid: QT-50\n");
    });
    fires("front-matter/unclosed", PATH, Some(1), |r| {
        r.write(PATH, "---\nid: QT-50\ntitle: A\n");
    });
    fires("front-matter/too-large", PATH, Some(2), |r| {
        r.write(PATH, format!("---\nid: QT-50\ntitle: {}\n---\n", "x".repeat(70_000)));
    });
    quiet("front-matter/missing", |r| {
        r.write(PATH, doc(&[], "# Quy trình\n"));
    });
}

#[test]
fn yaml_syntax_alias_tag_and_several_documents() {
    // The parser notices the unclosed list on the next line.
    let finding = fires("yaml/syntax", PATH, Some(4), |r| {
        r.write(PATH, "---\nid: QT-50\ntitle: [không đóng\ntype: procedure\n---\n");
    });
    assert!(finding["hint"].as_str().is_some());
    fires("yaml/alias", PATH, Some(3), |r| {
        r.write(PATH, "---\nid: QT-50\ntitle: &t Tên\ntype: procedure\n---\n");
    });
    fires("yaml/tag", PATH, Some(4), |r| {
        r.write(PATH, "---\nid: QT-50\ntitle: Tên\nowner: !!str van-phong\n---\n");
    });
    fires("yaml/several-documents", PATH, Some(3), |r| {
        r.write(PATH, "---\nid: QT-50\n...\ntitle: Tên\n---\n");
    });
    quiet("yaml/alias", |r| {
        r.write(PATH, doc(&[("title", "\"&t không phải alias\"")], ""));
    });
}

#[test]
fn front_matter_not_a_mapping() {
    fires("front-matter/not-a-mapping", PATH, Some(2), |r| {
        r.write(PATH, "---\n- QT-50\n- Tên\n---\n");
    });
    quiet("front-matter/not-a-mapping", |r| {
        r.write(PATH, doc(&[], ""));
    });
}

#[test]
fn missing_unknown_and_mistyped_fields() {
    fires("field/missing", PATH, Some(2), |r| {
        r.write(PATH, doc(&[("owner", "")], ""));
    });
    let finding = fires("field/unknown", PATH, Some(10), |r| {
        r.write(PATH, doc(&[("status", "approved")], ""));
    });
    assert!(finding["hint"].as_str().unwrap().contains("suy ra từ lịch sử phê duyệt"));
    fires("field/type", PATH, Some(10), |r| {
        r.write(PATH, doc(&[("tthc", "[1.001193]")], ""));
    });
    quiet("field/unknown", |r| {
        r.write(PATH, doc(&[("review_interval_months", "6")], ""));
    });
    quiet("field/type", |r| {
        r.write(PATH, doc(&[("tthc", "[\"1.001193\"]")], ""));
    });
}

#[test]
fn id_format_prefix_and_duplicates() {
    fires("id/format", PATH, Some(2), |r| {
        r.write(PATH, doc(&[("id", "qt-50")], ""));
    });
    fires("id/prefix", PATH, Some(2), |r| {
        r.write(PATH, doc(&[("type", "instruction")], ""));
    });
    let finding = fires("id/duplicate", PATH, Some(2), |r| {
        r.write(PATH, doc(&[("id", "QT-01")], ""));
    });
    assert!(
        finding["message"].as_str().unwrap().contains("documents/quy-trinh/QT-01-"),
        "{finding}"
    );
    quiet("id/prefix", |r| {
        r.write(PATH, doc(&[("id", "HD-50"), ("type", "instruction")], ""));
    });
    quiet("id/duplicate", |r| {
        r.write(PATH, doc(&[("id", "QT-51")], ""));
    });
}

#[test]
fn unknown_type_owner_and_people() {
    fires("ref/type", PATH, Some(4), |r| {
        r.write(PATH, doc(&[("type", "procedur")], ""));
    });
    fires("ref/owner", PATH, Some(5), |r| {
        r.write(PATH, doc(&[("owner", "phong-khong-co")], ""));
    });
    fires("ref/person", PATH, Some(6), |r| {
        r.write(PATH, doc(&[("author", "nguoi-la")], ""));
    });
    fires("ref/person", PATH, Some(7), |r| {
        r.write(PATH, doc(&[("approvers", "[role:khong-co]")], ""));
    });
    fires("ref/no-approvers", PATH, Some(2), |r| {
        r.write(PATH, doc(&[("approvers", "")], ""));
    });
    quiet("ref/person", |r| {
        r.write(PATH, doc(&[("reviewers", "[role:pho-thu-truong, cap-pho-phu-trach-iso]")], ""));
    });
    quiet("ref/no-approvers", |r| {
        r.write(PATH, doc(&[("type", "external"), ("id", "TLBN-50"), ("approvers", "")], ""));
    });
}

#[test]
fn links_clauses_and_tthc_codes() {
    fires("ref/link", PATH, Some(9), |r| {
        r.write(PATH, doc(&[("links", "[QT-99]")], ""));
    });
    fires("ref/clause", PATH, Some(8), |r| {
        r.write(PATH, doc(&[("clauses", "[\"8.9\"]")], ""));
    });
    fires("ref/tthc", PATH, Some(10), |r| {
        r.write(PATH, doc(&[("tthc", "[\"9.999999\"]")], ""));
    });
    quiet("ref/clause", |r| {
        r.write(PATH, doc(&[("clauses", "[\"8.5.1\", 10.2]")], ""));
    });
    quiet("ref/link", |r| {
        r.write(PATH, doc(&[("links", "[QT-01, BM-01-01]")], ""));
    });
}

#[test]
fn procedures_without_process() {
    let catalog = "procedures:\n  - code: \"1.001193\"\n    name: Đăng ký khai sinh\n";
    fires("tthc/no-process", "catalog/tthc.yaml", Some(2), |r| {
        r.write("catalog/tthc.yaml", catalog);
    });
    quiet("tthc/no-process", |r| {
        r.write("catalog/tthc.yaml", catalog);
        r.write(PATH, doc(&[("tthc", "[\"1.001193\"]")], ""));
    });
}

#[test]
fn legal_texts_replaced_or_unknown_to_the_register() {
    let replaced = fires("legal/replaced", PATH, None, |r| {
        r.write(PATH, doc(&[], "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.\n"));
    });
    assert!(
        replaced["message"].as_str().unwrap().contains("được thay thế bởi 118/2025/NĐ-CP"),
        "{replaced}"
    );
    // The same text with the symbol spelled without diacritics.
    fires("legal/replaced", PATH, None, |r| {
        r.write(PATH, doc(&[], "Decree 61/2018/ND-CP.\n"));
    });
    let unknown = fires("legal/unknown", PATH, None, |r| {
        r.write(PATH, doc(&[], "Theo Thông tư số 07/2099/TT-BNV.\n"));
    });
    assert!(unknown["message"].as_str().unwrap().contains("07/2099/TT-BNV"), "{unknown}");
    quiet("legal/replaced", |r| {
        r.write(PATH, doc(&[], "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025.\n"));
    });
    quiet("legal/unknown", |r| {
        r.write(PATH, doc(&[], "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025, tỷ lệ 3/4.\n"));
    });
    // Laws cited by name and year, against the register's laws.
    let law = fires("legal/unknown", PATH, None, |r| {
        r.write(PATH, doc(&[], "Căn cứ Luật Thanh niên năm 2005.\n"));
    });
    assert!(law["message"].as_str().unwrap().contains("Luật Thanh niên năm 2005"), "{law}");
    quiet("legal/unknown", |r| {
        r.write(
            PATH,
            doc(
                &[],
                "Căn cứ Luật Hộ tịch năm 2014 và Luật Đất đai năm 2024; thi hành Luật Hộ tịch.\n",
            ),
        );
    });
    let replaced_law = fires("legal/replaced", PATH, None, |r| {
        let register = r.read("catalog/legal.yaml").replace(
            "    title: Hộ tịch\n    issuer: Quốc hội\n    date: 2014-11-20\n    effective: 2016-01-01\n    status: in-force\n",
            "    title: Hộ tịch\n    issuer: Quốc hội\n    date: 2014-11-20\n    effective: 2016-01-01\n    status: replaced\n    replaced_by: 99/2026/QH15\n",
        );
        r.write("catalog/legal.yaml", register);
        r.write(PATH, doc(&[], "Căn cứ Luật Hộ tịch năm 2014.\n"));
    });
    assert!(replaced_law["message"].as_str().unwrap().contains("99/2026/QH15"), "{replaced_law}");
}

#[test]
fn forms_without_their_process() {
    let form = |id: &'static str| doc(&[("id", id), ("type", "form"), ("links", "")], "");
    fires("form/no-parent", "documents/test/BM-99-01.md", Some(2), |r| {
        r.write("documents/test/BM-99-01.md", form("BM-99-01"));
    });
    quiet("form/no-parent", |r| {
        r.write("documents/test/BM-01-09.md", form("BM-01-09"));
    });
}

#[test]
fn required_documents() {
    let policy = |r: &TestRepo| r.find("documents/chinh-sach", "CSCL-01");
    let finding = fires("required/missing", "qms.yaml", None, |r| {
        let path = policy(r);
        let text = r
            .read(&path)
            .replace("clauses: [\"5.2\", \"5.2.1\", \"5.2.2\", \"5.1.2\"]", "clauses: [\"5.1.2\"]");
        r.write(&path, text);
    });
    assert!(finding["message"].as_str().unwrap().contains("5.2"));
    quiet("required/missing", |_| {});
}

#[test]
fn broken_relative_links() {
    fires("markdown/broken-link", PATH, Some(13), |r| {
        r.write(PATH, doc(&[], "Xem thêm:\n\n[biểu mẫu](../bieu-mau/khong-co.md)\n"));
    });
    fires("markdown/broken-link", PATH, Some(11), |r| {
        r.write(PATH, doc(&[], "[ra ngoài](../../../../etc/passwd)\n"));
    });
    quiet("markdown/broken-link", |r| {
        r.write(
            PATH,
            doc(&[], "[quy trình](../quy-trinh/)\n[web](https://dichvucong.gov.vn) [mục](#muc)\n"),
        );
    });
}

#[test]
fn configuration_problems() {
    let finding = fires("config/invalid", ".qms/signers.yaml", None, |r| {
        let text = r
            .read(".qms/signers.yaml")
            .replacen("    may: {approve: all", "    may: {aprove: all", 1);
        r.write(".qms/signers.yaml", text);
    });
    assert!(finding["message"].as_str().unwrap().contains("aprove"));
    // An invalid qms.yaml is a finding too (exit 1), not a crash.
    let repo = TestRepo::init("blank", "vi");
    let text = repo.read("qms.yaml").replacen("    name:", "    nam:", 1);
    repo.write("qms.yaml", text);
    let output = repo.qms().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("qms.yaml:"), "{}", stdout(&output));
    quiet("config/invalid", |_| {});
}

#[test]
fn key_lines_that_would_change_the_allowed_signers_file() {
    let fixture = Fixture::new(|r| {
        let keys = concat!(
            "    keys:\n",
            "      ssh:\n",
            "        - \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGCDecdMG47Bpz5/sy+cdnTz9HH5qU7GokDqcrrBhu/w ok\"\n",
            "        - \"cert-authority ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGCDecdMG47Bpz5/sy+cdnTz9HH5qU7GokDqcrrBhu/w\"\n",
            "        - \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGCDecdMG47Bpz5/sy+cdnTz9HH5qU7GokDqcrrBhu/w\\nmallory namespaces=git ssh-ed25519 AAAA\"\n",
            "      gpg: [\"89ABCDEF01234567\"]\n",
        );
        let text = r
            .read(".qms/signers.yaml")
            .replacen("    roles: [thu-truong]\n", &format!("    roles: [thu-truong]\n{keys}"), 1);
        r.write(".qms/signers.yaml", text);
    });
    let about_keys: Vec<&Value> = fixture
        .findings("config/invalid")
        .into_iter()
        .filter(|f| f["message"].as_str().unwrap().contains("một khóa của người `nguoi-dung-dau`"))
        .collect();
    assert_eq!(about_keys.len(), 3, "{:#}", fixture.report);
    let said: Vec<&str> = about_keys.iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert!(said[0].contains("cert-authority"), "{said:?}");
    assert!(said[1].contains("dấu xuống dòng"), "{said:?}");
    assert!(said[2].contains("mã khóa rút gọn"), "{said:?}");
    assert!(
        about_keys.iter().all(|f| f["line"].as_u64().is_some_and(|line| line > 30)),
        "{about_keys:?}"
    );
}

#[test]
fn human_output_groups_by_file_and_exit_codes_follow_severity() {
    let repo = TestRepo::init("blank", "vi");
    repo.write(PATH, doc(&[("status", "draft"), ("links", "[QT-99]")], ""));
    let output = repo.qms().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains(&format!("{PATH}:9: lỗi[ref/link]")), "{text}");
    assert!(text.contains(&format!("{PATH}:10: lỗi[field/unknown]")), "{text}");

    // Warnings alone do not fail the check.
    let repo = TestRepo::init("blank", "vi");
    repo.write(PATH, doc(&[], "x \u{202E}y\n"));
    repo.qms().arg("check").assert().code(0);
}
