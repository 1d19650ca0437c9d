//! Nonconformities and corrective actions: the state machine, who may take
//! each step, and overdue actions.

use crate::support::{TestRepo, stdout};

/// A commune repository with one nonconformity, NC-2027-001, whose actions
/// belong to vu-thi-giang (due 2027-03-20) and hoang-van-em (due 2027-03-25).
fn with_planned_nc() -> TestRepo {
    let repo = TestRepo::init("commune", "vi");
    repo.as_user("pham-thi-dung")
        .args([
            "nc",
            "new",
            "--source",
            "citizen-complaint",
            "--clause",
            "8.5.1",
            "--unit",
            "phuc-vu-hcc",
        ])
        .args(["--date", "2027-03-02", "-m", "Trả kết quả trễ hạn 3 ngày"])
        .assert()
        .success();
    repo.as_user("pham-thi-dung")
        .args(["nc", "plan", "NC-2027-001", "--draft", "--cause", "Chưa theo dõi hạn trả"])
        .args([
            "--action",
            "Cài nhắc hạn|vu-thi-giang|2027-03-20",
            "--action",
            "Tập huấn|hoang-van-em|2027-03-25",
        ])
        .assert()
        .success();
    repo
}

fn refused(repo: &TestRepo, user: &str, args: &[&str]) -> String {
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    let output = repo.as_user(user).args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "{user} {args:?} was not refused: {}",
        stdout(&output)
    );
    assert_eq!(stdout(&repo.git(&["rev-parse", "HEAD"])), head, "a refused step moved the branch");
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "", "a refused step left changes");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stage(repo: &TestRepo) -> String {
    let output = repo.qms().args(["nc", "show", "NC-2027-001", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["stage"].as_str().unwrap().to_string()
}

#[test]
fn a_nonconformity_runs_from_open_to_closed_and_verifies() {
    let repo = with_planned_nc();
    assert_eq!(stage(&repo), "open");
    repo.as_user("tran-thi-binh").args(["nc", "plan", "NC-2027-001"]).assert().success();
    assert_eq!(stage(&repo), "planned");
    repo.as_user("vu-thi-giang").args(["nc", "done", "NC-2027-001"]).assert().success();
    assert_eq!(stage(&repo), "planned", "one owner of two has reported");
    repo.as_user("hoang-van-em")
        .args(["nc", "done", "NC-2027-001", "--action", "2"])
        .assert()
        .success();
    assert_eq!(stage(&repo), "actions-done");
    repo.as_user("pham-thi-dung")
        .args(["nc", "verify", "NC-2027-001", "--effective", "yes", "-m", "Không còn hồ sơ trễ"])
        .assert()
        .success();
    assert_eq!(stage(&repo), "verified");
    repo.as_user("nguyen-van-an")
        .args(["nc", "close", "NC-2027-001"])
        .assert()
        .success();
    assert_eq!(stage(&repo), "closed");

    // Every step is an action commit that `qms verify` accepts, and the record
    // carries what was done.
    repo.qms().arg("verify").assert().success();
    let log = stdout(&repo.git(&["log", "--format=%s"]));
    for step in ["plan", "complete", "verify", "close"] {
        assert!(log.contains(&format!("qms: {step} NC-2027-001")), "{log}");
    }
    let record = repo.read("records/nonconformities/NC-2027-001.md");
    assert!(record.contains("verified_by: pham-thi-dung"), "{record}");
    assert!(record.contains("effective: true"), "{record}");
    assert_eq!(record.matches("done: 2026-11-22").count(), 2, "{record}");
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "");
}

#[test]
fn steps_out_of_order_or_by_the_wrong_person_are_refused() {
    let repo = with_planned_nc();
    let nc = "NC-2027-001";
    // Out of order: nothing may happen before the plan is approved.
    assert!(refused(&repo, "vu-thi-giang", &["nc", "done", nc]).contains("chưa được phê duyệt"));
    assert!(
        refused(&repo, "pham-thi-dung", &["nc", "verify", nc, "--effective", "yes", "-m", "x"]).contains("mọi hành động khắc phục đã xong")
    );
    assert!(refused(&repo, "nguyen-van-an", &["nc", "close", nc]).contains("kiểm tra là có hiệu lực"));
    // The wrong person: an action owner approving the plan for their own
    // action; somebody without a grant for nonconformities.
    assert!(refused(&repo, "vu-thi-giang", &["nc", "plan", nc]).contains("phụ trách một hành động khắc phục"));
    assert!(refused(&repo, "do-van-hung", &["nc", "plan", nc]).contains("không được ký với ý nghĩa"));

    repo.as_user("tran-thi-binh").args(["nc", "plan", nc]).assert().success();
    // Somebody else's action; an owner verifying their own work.
    assert!(refused(&repo, "vu-thi-giang", &["nc", "done", nc, "--action", "2"]).contains("do hoang-van-em phụ trách"));
    repo.as_user("vu-thi-giang").args(["nc", "done", nc]).assert().success();
    repo.as_user("hoang-van-em").args(["nc", "done", nc]).assert().success();
    assert!(
        refused(&repo, "hoang-van-em", &["nc", "verify", nc, "--effective", "yes", "-m", "x"])
            .contains("người kiểm tra hiệu lực phải là người khác")
    );
    // Closing before verification; verifying twice is not possible either.
    assert!(refused(&repo, "nguyen-van-an", &["nc", "close", nc]).contains("đã thực hiện xong"));
}

#[test]
fn ineffective_actions_send_the_nonconformity_back_to_planning() {
    let repo = with_planned_nc();
    let nc = "NC-2027-001";
    repo.as_user("tran-thi-binh").args(["nc", "plan", nc]).assert().success();
    repo.as_user("vu-thi-giang").args(["nc", "done", nc]).assert().success();
    repo.as_user("hoang-van-em").args(["nc", "done", nc]).assert().success();
    repo.as_user("pham-thi-dung")
        .args(["nc", "verify", nc, "--effective", "no", "-m", "Vẫn còn 1 hồ sơ trễ"])
        .assert()
        .success();
    assert_eq!(stage(&repo), "actions-done");
    assert!(refused(&repo, "nguyen-van-an", &["nc", "close", nc]).contains("kiểm tra là có hiệu lực"));
    repo.as_user("pham-thi-dung")
        .args(["nc", "plan", nc, "--action", "Kiểm tra hạn hằng ngày|vu-thi-giang|2027-05-01"])
        .assert()
        .success();
    assert_eq!(stage(&repo), "planned");
}

#[test]
fn overdue_actions_are_check_warnings_by_the_fixed_clock() {
    let repo = with_planned_nc();
    let overdue = |timestamp: &str| -> Vec<String> {
        let output = repo
            .qms()
            .env("QMS_TIMESTAMP", timestamp)
            .args(["check", "--format", "json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "action/overdue")
            .map(|f| format!("{}:{} {}", f["path"].as_str().unwrap(), f["line"], f["message"].as_str().unwrap()))
            .collect()
    };
    assert!(overdue("2027-03-20T17:00:00+07:00").is_empty(), "due today is not overdue");
    let found = overdue("2027-03-21T08:00:00+07:00");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("records/nonconformities/NC-2027-001.md:"), "{found:?}");
    assert!(found[0].contains("Cài nhắc hạn"), "{found:?}");
    assert_eq!(overdue("2027-04-01T08:00:00+07:00").len(), 2);
}

#[test]
fn a_hand_edited_record_with_a_typo_is_an_error_at_its_line() {
    let repo = with_planned_nc();
    let path = "records/nonconformities/NC-2027-001.md";
    let text = repo.read(path).replace("root_cause:", "root_cuase:");
    repo.write(path, text);
    let json = repo.check_json();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .expect("a finding for the record");
    assert_eq!(finding["rule"], "field/unknown");
    assert!(finding["message"].as_str().unwrap().contains("root_cuase"), "{finding}");
    assert!(finding["line"].as_u64().unwrap() > 1);
}

#[test]
fn status_shows_the_next_step_and_overdue_actions() {
    let repo = with_planned_nc();
    let status = |timestamp: &str, user: Option<&str>| -> Vec<serde_json::Value> {
        let mut cmd = repo.qms();
        cmd.env("QMS_TIMESTAMP", timestamp).args(["status", "--format", "json"]);
        if let Some(user) = user {
            cmd.env("QMS_USER", user).arg("--mine");
        }
        let output = cmd.output().unwrap();
        let items: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        items
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["id"] == "NC-2027-001")
            .cloned()
            .collect()
    };
    let open = status("2027-03-02T09:00:00+07:00", None);
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["kind"], "nonconformity-step");
    assert!(
        open[0]["waiting_for"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "role:pho-thu-truong"),
        "{open:?}"
    );

    repo.as_user("tran-thi-binh").args(["nc", "plan", "NC-2027-001"]).assert().success();
    let mine = status("2027-03-21T09:00:00+07:00", Some("vu-thi-giang"));
    let kinds: Vec<&str> = mine.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["nonconformity-step", "action-overdue"], "{mine:?}");
    assert!(status("2027-03-21T09:00:00+07:00", Some("nguyen-van-an")).is_empty());
}
