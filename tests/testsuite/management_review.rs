//! The management-review pack (ISO 9001:2015 9.3.2) and minutes (9.3.3) on the
//! example agency, built with its history by `qms demo`.

use crate::support::{TestRepo, qms, stdout};

fn demo() -> TestRepo {
    let repo = TestRepo::empty();
    qms().args(["demo", "-q"]).arg(repo.path()).assert().success();
    repo
}

fn pack_json(repo: &TestRepo, period: &str, at: &str) -> serde_json::Value {
    let output = repo
        .qms()
        .env("QMS_TIMESTAMP", at)
        .args(["management-review", "--period", period, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn input<'a>(pack: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    pack["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no input {key}"))
}

#[test]
fn the_example_pack_covers_every_input_and_marks_those_without_data() {
    let repo = demo();
    let output = repo.qms().args(["management-review", "--period", "2026"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pack = stdout(&output);
    insta::assert_snapshot!("management_review_2026.md", pack);

    let json = pack_json(&repo, "2026", "2026-11-22T09:00:00+07:00");
    let keys: Vec<&str> = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "previous-actions",
            "context-changes",
            "satisfaction",
            "objectives",
            "process-performance",
            "nonconformities",
            "monitoring",
            "audits",
            "external-providers",
            "resources",
            "risks",
            "improvement"
        ]
    );
    assert_eq!(input(&json, "nonconformities")["no_data"], true, "the example has no NC");
    assert_eq!(input(&json, "audits")["no_data"], true);
    assert_eq!(input(&json, "objectives")["no_data"], false);
    assert_eq!(input(&json, "risks")["sources"], serde_json::json!(["DMRR"]));
    let objectives = input(&json, "objectives")["table"]["rows"].as_array().unwrap();
    assert_eq!(objectives.len(), 6);
    assert_eq!(objectives[2][4], "không đạt", "online filing is at 74.1 % against ≥ 80 %");
}

#[test]
fn minutes_are_a_record_whose_actions_are_tracked_into_the_next_review() {
    let repo = demo();
    let at = "2026-12-20T15:00:00+07:00";
    let output = repo
        .as_user("pham-thi-dung")
        .env("QMS_TIMESTAMP", at)
        .args(["management-review", "--period", "2026", "--minutes"])
        .args([
            "--attendee",
            "nguyen-van-an",
            "--attendee",
            "tran-thi-binh",
            "--attendee",
            "pham-thi-dung",
        ])
        .args(["--decision", "Duy trì chính sách chất lượng; bổ sung mục tiêu về hồ sơ trực tuyến"])
        .args([
            "--action",
            "Hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận Một cửa|le-van-cuong|2027-02-28",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout(&output).contains("XXLD-2026-01"));
    let minutes = repo.read("records/management-reviews/2026/XXLD-2026-01.md");
    assert!(minutes.contains("kind: management-review"), "{minutes}");
    assert!(
        minutes.contains("## 4. Mức độ đạt được các mục tiêu chất lượng"),
        "the pack is the annex"
    );
    // The minutes follow their form, BM-04-02, with people by name.
    for field in [
        "BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO (BM-04-02)",
        "| Thời gian | 20/12/2026 |",
        "| Chủ trì | Nguyễn Văn An |",
        "| Thành phần | Nguyễn Văn An, Trần Thị Bình, Phạm Thị Dung |",
        "| 1 | Hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận Một cửa | Lê Văn Cường | 28/02/2027 |",
        "| Phạm Thị Dung | Nguyễn Văn An |",
        "chair: nguyen-van-an",
        "place: ",
    ] {
        assert!(minutes.contains(field), "{field}: {minutes}");
    }
    repo.qms().arg("check").assert().success();
    // Without its chair the record no longer fills its form.
    let path = "records/management-reviews/2026/XXLD-2026-01.md";
    let hand_edited = minutes.replace("chair: nguyen-van-an\n", "");
    repo.write(path, &hand_edited);
    let report = repo.check_json();
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "field/missing" && f["path"] == path && f["message"].as_str().unwrap().contains("`chair`")),
        "{report:#}"
    );
    repo.write(path, &minutes);
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "");

    // Reviewed and approved like any record.
    for (user, args) in [
        ("pham-thi-dung", vec!["submit", "XXLD-2026-01"]),
        ("tran-thi-binh", vec!["review", "XXLD-2026-01", "--accept"]),
        ("nguyen-van-an", vec!["approve", "XXLD-2026-01", "-m", "Thông qua biên bản"]),
    ] {
        repo.as_user(user).env("QMS_TIMESTAMP", at).args(&args).assert().success();
    }
    let verify = repo.qms().args(["verify", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&verify.stdout).unwrap();
    let verdict = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "XXLD-2026-01")
        .unwrap();
    assert_eq!(verdict["verdict"], "APPROVED", "{verdict}");

    // The action is overdue in March and the 2027 pack reports it.
    let march = "2027-03-05T09:00:00+07:00";
    let check = repo
        .qms()
        .env("QMS_TIMESTAMP", march)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert!(
        findings["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "action/overdue" && f["path"] == "records/management-reviews/2026/XXLD-2026-01.md"),
        "{findings:#}"
    );
    let status = repo.qms().env("QMS_TIMESTAMP", march).arg("status").output().unwrap();
    assert!(stdout(&status).contains("Hướng dẫn người dân nộp hồ sơ trực tuyến"));
    let next = pack_json(&repo, "2027", march);
    let previous = input(&next, "previous-actions");
    assert_eq!(previous["no_data"], false);
    assert_eq!(previous["table"]["rows"][0][4], "quá hạn");
}

#[test]
fn minutes_without_attendees_or_with_an_unknown_person_are_refused() {
    let repo = demo();
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    for args in [
        vec!["management-review", "--minutes"],
        vec!["management-review", "--minutes", "--attendee", "khong-ai"],
        vec![
            "management-review",
            "--minutes",
            "--attendee",
            "nguyen-van-an",
            "--action",
            "Việc|khong-ai|2027-01-01",
        ],
    ] {
        repo.as_user("pham-thi-dung").args(&args).assert().code(2);
    }
    repo.qms()
        .args(["management-review", "--attendee", "nguyen-van-an"])
        .assert()
        .code(2);
    assert_eq!(stdout(&repo.git(&["rev-parse", "HEAD"])), head);
    assert!(!repo.path().join("records/management-reviews").exists());
}
