//! Quality objectives with their measurements, and the risk register.

use crate::support::{TestRepo, stdout};

fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let output = cmd.output().unwrap();
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)))
}

fn measure(repo: &TestRepo, objective: &str, period: &str, value: &str) -> assert_cmd::assert::Assert {
    measure_with(repo, objective, period, value, &[])
}

/// `qms objectives record MTCL-01 …` with `extra` options (`--replace`).
fn measure_with(repo: &TestRepo, objective: &str, period: &str, value: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    repo.as_user("pham-thi-dung")
        .args([
            "objectives",
            "record",
            "MTCL-01",
            "--objective",
            objective,
            "--period",
            period,
            "--value",
            value,
        ])
        .args(extra)
        .assert()
}

#[test]
fn objectives_are_met_not_met_or_without_data_by_their_latest_measurement() {
    let repo = TestRepo::init("commune", "vi");
    measure(&repo, "1", "2026-Q2", "97").success();
    measure(&repo, "1", "2026-Q3", "98.5").success();
    measure(&repo, "4", "2026-10", "2").success();
    let head = stdout(&repo.git(&["log", "-1", "--format=%s"]));
    assert_eq!(head.trim(), "qms: measure MTCL-01 objective 4 (2026-10): 2 hồ sơ");
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "", "each measurement is committed");

    let statuses = json(repo.qms().args(["objectives", "--period", "2026", "--format", "json"]));
    let by_number = |n: u64| statuses.as_array().unwrap().iter().find(|s| s["number"] == n).unwrap().clone();
    assert_eq!(by_number(1)["status"], "met", "98.5 in Q3 meets ≥ 98");
    assert_eq!(by_number(1)["measurements"].as_array().unwrap().len(), 2);
    assert_eq!(by_number(4)["status"], "not-met", "2 errors miss ≤ 0");
    assert_eq!(by_number(2)["status"], "no-data");
    assert_eq!(by_number(1)["expected"], 3, "Q1–Q3 have ended by 2026-11-22");

    let q2 = json(repo.qms().args(["objectives", "--period", "2026-Q2", "--format", "json"]));
    assert_eq!(q2[0]["status"], "not-met", "within Q2 the latest value is 97");

    let table = repo.qms().args(["objectives", "--period", "2026"]).output().unwrap();
    assert_eq!(table.status.code(), Some(1), "an objective not met is a finding");
    assert!(stdout(&table).contains("chưa có số liệu"));
    repo.qms().args(["check"]).assert().success();
}

#[test]
fn measurements_are_refused_with_the_reason_and_nothing_changes() {
    let repo = TestRepo::init("commune", "vi");
    measure(&repo, "1", "2026-Q3", "98").success();
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    for (objective, period, value, expected) in [
        ("7", "2026-Q3", "1", "các mục tiêu từ 1 đến 6"),
        ("1", "2026-Q5", "1", "không phải là một kỳ"),
        ("1", "2026-Q3", "99", "--replace"),
    ] {
        let output = measure(&repo, objective, period, value).code(2);
        let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
        assert!(stderr.contains(expected), "{stderr}");
    }
    assert_eq!(stdout(&repo.git(&["rev-parse", "HEAD"])), head);
    measure(&repo, "1", "2026-Q3", "99").failure();
    measure_with(&repo, "1", "2026-Q3", "99", &["--replace"]).success();
    let statuses = json(repo.qms().args(["objectives", "--period", "2026", "--format", "json"]));
    assert_eq!(statuses[0]["measurements"][0]["value"], 99.0);
}

#[test]
fn a_measurement_of_an_objective_the_document_does_not_state_is_a_check_error() {
    let repo = TestRepo::init("commune", "vi");
    measure(&repo, "2", "2026-Q3", "96").success();
    let path = "records/objectives/2026/MTCL-01.md";
    let text = repo.read(path).replace("- objective: 2\n", "- objective: 9\n");
    repo.write(path, text);
    let report = repo.check_json();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "record/reference")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert!(finding["message"].as_str().unwrap().contains("mục tiêu 9 của MTCL-01"), "{finding}");
    assert_eq!(finding["path"], path);
}

#[test]
fn an_objectives_document_without_measurable_objectives_is_a_warning() {
    let repo = TestRepo::init("commune", "vi");
    let path = repo.find("documents/muc-tieu", "MTCL-01");
    let text = repo.read(&path);
    let start = text.find("objectives:\n").unwrap();
    let end = text[start..].find("---\n").unwrap() + start;
    repo.write(&path, format!("{}{}", &text[..start], &text[end..]));
    let report = repo.check_json();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["objectives/not-measurable"]);

    let bad = text.replace("    target: 98\n", "    target: cao\n");
    repo.write(&path, bad);
    let report = repo.check_json();
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "field/type", "{report:#}");
    assert_eq!(report["findings"].as_array().unwrap().len(), 1, "{report:#}");
    assert_eq!(finding["line"], 11, "the line of `objectives`");
    assert!(
        finding["message"].as_str().unwrap().contains("trường `objectives`, mục tiêu 1:"),
        "{finding}"
    );
}

fn add_risk(repo: &TestRepo, args: &[&str]) {
    repo.as_user("pham-thi-dung").args(["risks", "add"]).args(args).assert().success();
}

#[test]
fn risks_are_listed_by_score_with_overdue_treatments_flagged() {
    let repo = TestRepo::init("commune", "vi");
    add_risk(
        &repo,
        &["--title", "Mất dữ liệu hồ sơ điện tử", "--likelihood", "2", "--impact", "5"],
    );
    add_risk(
        &repo,
        &[
            "--title",
            "Quá tải hồ sơ cuối năm",
            "--process",
            "QT-05",
            "--likelihood",
            "4",
            "--impact",
            "4",
            "--treatment",
            "Bố trí thêm người tiếp nhận|le-van-cuong|2026-12-15",
            "--review",
            "2027-06-30",
        ],
    );
    add_risk(
        &repo,
        &[
            "--kind",
            "opportunity",
            "--title",
            "Liên thông thủ tục",
            "--likelihood",
            "1",
            "--impact",
            "3",
        ],
    );
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "");

    let listed = json(repo.qms().args(["risks", "--format", "json"]));
    let order: Vec<(&str, u64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["score"].as_u64().unwrap()))
        .collect();
    assert_eq!(order, [("R-02", 16), ("R-01", 10), ("R-03", 3)]);
    assert_eq!(listed[0]["level"], "high");
    repo.qms().args(["risks"]).assert().success();

    let later = repo
        .qms()
        .env("QMS_TIMESTAMP", "2027-01-05T09:00:00+07:00")
        .args(["risks", "--overdue", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(later.status.code(), Some(1), "an overdue treatment is a finding");
    let overdue: serde_json::Value = serde_json::from_slice(&later.stdout).unwrap();
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    assert_eq!(overdue[0]["id"], "R-02");
    assert_eq!(overdue[0]["treatments_overdue"], 1);

    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    let refused = repo.as_user("pham-thi-dung").args(["risks", "done", "R-02"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pham-thi-dung không phụ trách hành động nào của R-02"));
    assert_eq!(stdout(&repo.git(&["rev-parse", "HEAD"])), head);
    repo.as_user("le-van-cuong")
        .env("QMS_TIMESTAMP", "2027-01-05T09:00:00+07:00")
        .args(["risks", "done", "R-02"])
        .assert()
        .success();
    assert!(repo.read("records/risks/register.md").contains("done: 2027-01-05"));
    repo.qms()
        .env("QMS_TIMESTAMP", "2027-01-05T09:00:00+07:00")
        .args(["risks", "--overdue"])
        .assert()
        .success();
}

#[test]
fn a_risk_with_a_bad_treatment_is_refused() {
    let repo = TestRepo::init("commune", "vi");
    let output = repo
        .as_user("pham-thi-dung")
        .args(["risks", "add", "--title", "X", "--likelihood", "3", "--impact", "3"])
        .args(["--treatment", "Làm gì đó|khong-ai|2027-01-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("khong-ai không phải là người"));
    assert!(!repo.path().join("records/risks/register.md").exists());
    repo.as_user("pham-thi-dung")
        .args(["risks", "add", "--title", "X", "--likelihood", "6", "--impact", "3"])
        .assert()
        .code(2);
}
