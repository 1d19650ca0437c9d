//! Internal audits on the example agency (built with its history by `qms demo`).

use std::collections::BTreeSet;

use crate::support::{TestRepo, qms, stdout};

/// The example agency with ten months of history.
fn demo() -> TestRepo {
    let repo = TestRepo::empty();
    qms().args(["demo", "-q"]).arg(repo.path().join("agency")).assert().success();
    repo
}

fn run(repo: &TestRepo, user: &str, args: &[&str]) -> String {
    let output = qms()
        .arg("-C")
        .arg(repo.path().join("agency"))
        .env("QMS_USER", user)
        .env("QMS_TIMESTAMP", "2027-01-10T09:00:00+07:00")
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    stdout(&output)
}

#[test]
fn a_unit_checklist_lists_exactly_that_units_effective_documents_per_clause() {
    let repo = demo();
    let unit = "van-phong";
    let list: serde_json::Value = serde_json::from_str(&run(&repo, "pham-thi-dung", &["list", "--format", "json"])).unwrap();
    let effective: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["owner"] == unit && d["state"] == "effective")
        .collect();
    assert!(effective.len() > 5, "the example has effective documents of {unit}");

    let csv_text = run(&repo, "pham-thi-dung", &["audit", "checklist", "--unit", unit, "--format", "csv"]);
    assert!(
        csv_text.starts_with('\u{FEFF}'),
        "CSV starts with a byte-order mark for spreadsheets"
    );
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{FEFF}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 9);
    assert_eq!(&headers[5], "Đạt");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 2 * 80, "two questions per clause: {}", rows.len());
    for row in &rows {
        let clause = row[1].split(' ').next().unwrap();
        let listed: BTreeSet<&str> = row[3]
            .split("; ")
            .filter(|s| !s.is_empty())
            .map(|s| s.split(' ').next().unwrap())
            .collect();
        let addresses = |c: &str| c == clause || c.starts_with(&format!("{clause}.")) || clause.starts_with(&format!("{c}."));
        let expected: BTreeSet<&str> = effective
            .iter()
            .filter(|d| d["clauses"].as_array().unwrap().iter().any(|c| addresses(c.as_str().unwrap())))
            .map(|d| d["id"].as_str().unwrap())
            .collect();
        assert_eq!(listed, expected, "clause {clause}");
        for result in 5..9 {
            assert_eq!(&row[result], "", "result columns are empty");
        }
    }
    // The evidence column names the records of the "Hồ sơ cần lưu" sections.
    let qt01 = rows.iter().find(|r| r[3].contains("QT-01")).expect("QT-01 addresses a clause");
    assert!(!qt01[4].is_empty(), "{qt01:?}");
}

#[test]
fn an_annual_cycle_of_audit_findings_and_report_lands_in_git() {
    let repo = demo();
    let programme = run(&repo, "pham-thi-dung", &["audit", "programme", "--year", "2027"]);
    assert!(programme.contains("Trung tâm Phục vụ hành chính công"), "{programme}");
    run(
        &repo,
        "pham-thi-dung",
        &["audit", "plan", "--unit", "phuc-vu-hcc", "--date", "2027-04-15"],
    );
    let html = run(
        &repo,
        "pham-thi-dung",
        &["audit", "checklist", "--audit", "DGNB-2027-01", "--format", "html"],
    );
    assert!(html.contains("<table>") && html.contains("8.5.1"), "{html}");
    let found = run(
        &repo,
        "pham-thi-dung",
        &[
            "audit",
            "finding",
            "DGNB-2027-01",
            "--clause",
            "8.5.1",
            "--kind",
            "nonconformity",
            "-m",
            "Trả trễ <b>2</b> hồ sơ",
        ],
    );
    assert!(found.contains("opened NC-2027-001"), "{found}");
    let nc = repo.read("agency/records/nonconformities/NC-2027-001.md");
    assert!(nc.contains("source: internal-audit") && nc.contains("audit: DGNB-2027-01"), "{nc}");

    // Only the lead auditor closes the report; then no more findings.
    let wrong = qms()
        .arg("-C")
        .arg(repo.path().join("agency"))
        .env("QMS_USER", "hoang-van-em")
        .args(["audit", "close", "DGNB-2027-01", "--conclusion", "Đạt"])
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("chỉ trưởng đoàn đánh giá"));
    let plan = repo.read("agency/records/audits/2027/DGNB-2027-01.md");
    let lead = plan.lines().find_map(|l| l.strip_prefix("lead: ")).unwrap().to_string();
    // The plan is form BM-02-02 with its purpose, criteria and people by name.
    for field in [
        "KẾ HOẠCH ĐÁNH GIÁ NỘI BỘ (BM-02-02)",
        "| Mục đích đánh giá |",
        "| Chuẩn mực đánh giá | TCVN ISO 9001:2015",
        "purpose: ",
        "criteria: ",
    ] {
        assert!(plan.contains(field), "{field}: {plan}");
    }
    assert!(
        !plan.contains(&format!("| Trưởng đoàn đánh giá | {lead} |")),
        "by name, not id: {plan}"
    );
    run(
        &repo,
        &lead,
        &[
            "audit",
            "close",
            "DGNB-2027-01",
            "--conclusion",
            "Đơn vị cơ bản đáp ứng; 1 điểm không phù hợp",
        ],
    );
    let report = repo.read("agency/records/audits/2027/DGNB-2027-01-BC.md");
    for field in [
        "BM-02-04",
        "| Kết luận | Đơn vị cơ bản đáp ứng; 1 điểm không phù hợp |",
        "| Số điểm không phù hợp | 1 |",
        "Trưởng đoàn đánh giá",
    ] {
        assert!(report.contains(field), "{field}: {report}");
    }
    let late = qms()
        .arg("-C")
        .arg(repo.path().join("agency"))
        .env("QMS_USER", "pham-thi-dung")
        .args([
            "audit",
            "finding",
            "DGNB-2027-01",
            "--clause",
            "9.1",
            "--kind",
            "observation",
            "-m",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(late.status.code(), Some(2));

    let audits: serde_json::Value = serde_json::from_str(&run(&repo, &lead, &["audit", "list", "--format", "json"])).unwrap();
    assert_eq!(audits[0]["closed"], true);
    assert_eq!(audits[0]["findings"].as_array().unwrap().len(), 1);
    run(&repo, &lead, &["verify"]);
    let check: serde_json::Value = serde_json::from_str(&run(&repo, &lead, &["check", "--format", "json"])).unwrap();
    // The example's risk register has a treatment due in December 2026.
    let findings = check["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f["rule"] == "action/overdue" && f["path"] == "records/risks/register.md"),
        "{check}"
    );
    assert_eq!(
        stdout(&crate::support::git(&repo.path().join("agency"), &["status", "--porcelain"])),
        ""
    );
}

#[test]
fn the_programme_is_refused_when_a_unit_has_no_eligible_auditor() {
    let repo = TestRepo::init("blank", "en");
    // The blank profile's only auditor belongs to the only unit.
    let output = repo
        .qms()
        .env("QMS_USER", "thu-ky")
        .args(["audit", "programme", "--year", "2027"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("has no eligible auditor") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    assert!(!repo.path().join("records").exists());
}

#[test]
fn an_audit_without_findings_is_closed_by_its_lead_with_an_empty_report() {
    let repo = demo();
    let agency = repo.path().join("agency");
    run(&repo, "pham-thi-dung", &["audit", "programme", "--year", "2027"]);
    run(
        &repo,
        "pham-thi-dung",
        &["audit", "plan", "--unit", "kinh-te", "--date", "2027-01-08"],
    );
    let plan = std::fs::read_to_string(agency.join("records/audits/2027/DGNB-2027-01.md")).unwrap();
    let lead = plan.lines().find_map(|l| l.strip_prefix("lead: ")).unwrap().trim().to_string();
    let other = if lead == "le-van-cuong" { "pham-thi-dung" } else { "le-van-cuong" };
    let head = stdout(&crate::support::git(&agency, &["rev-parse", "HEAD"]));
    let refused = qms()
        .arg("-C")
        .arg(&agency)
        .env("QMS_USER", other)
        .env("QMS_TIMESTAMP", "2027-01-10T09:00:00+07:00")
        .args(["audit", "close", "DGNB-2027-01", "--conclusion", "Đạt"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{other} is not the lead");
    assert_eq!(stdout(&crate::support::git(&agency, &["rev-parse", "HEAD"])), head);
    assert!(!agency.join("records/audits/2027/DGNB-2027-01-BC.md").exists());
    run(
        &repo,
        &lead,
        &["audit", "close", "DGNB-2027-01", "--conclusion", "Không có phát hiện"],
    );
    let audits: serde_json::Value = serde_json::from_str(&run(&repo, &lead, &["audit", "list", "--format", "json"])).unwrap();
    assert_eq!(audits[0]["closed"], true);
    assert_eq!(audits[0]["findings"], serde_json::json!([]));
    assert_eq!(stdout(&crate::support::git(&agency, &["status", "--porcelain"])), "");
}

#[test]
fn a_document_that_cannot_be_read_is_named_not_silently_left_out_of_a_checklist() {
    let repo = demo();
    let agency = repo.path().join("agency");
    std::fs::write(agency.join("documents/hong.md"), "---\nid: QT-99\ntitle: \"Bị cắt").unwrap();
    let output = qms()
        .arg("-C")
        .arg(&agency)
        .env("QMS_TIMESTAMP", "2027-01-10T09:00:00+07:00")
        .args(["audit", "checklist", "--unit", "van-phong"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("hong.md") && said.contains("không có trong danh mục kiểm tra"),
        "{said}"
    );
}
