//! Document control in git: the lifecycle, the attacks `qms verify` must
//! catch, the safety of writes, and interop with the real `git`.

use std::path::Path;

use serde_json::Value;

use crate::support::{TestRepo, git, stdout};

const AUTHOR: &str = "pham-thi-dung"; // thu-ky-iso
const UNIT_HEAD: &str = "le-van-cuong"; // truong-don-vi: may review procedures
const DEPUTY: &str = "tran-thi-binh"; // pho-thu-truong: may review
const CHAIR: &str = "nguyen-van-an"; // thu-truong: may approve

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

impl TestRepo {
    /// `QMS_USER=<user> qms <args>`, asserting success.
    fn step(&self, user: &str, args: &[&str]) -> String {
        let output = self.qms().env("QMS_USER", user).args(args).output().unwrap();
        assert!(output.status.success(), "qms {args:?} as {user} failed: {}", stderr(&output));
        stdout(&output)
    }

    /// The same, expecting a refusal; returns stderr.
    fn refused(&self, user: &str, args: &[&str]) -> String {
        let output = self.qms().env("QMS_USER", user).args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "qms {args:?} as {user} should be refused: {}",
            stdout(&output)
        );
        stderr(&output)
    }

    fn approve_fully(&self, id: &str, summary: &str) {
        self.step(AUTHOR, &["submit", id]);
        self.step(DEPUTY, &["review", id, "--accept", "-m", "Đồng ý"]);
        self.step(CHAIR, &["approve", id, "-m", summary]);
    }

    fn state(&self, id: &str) -> (String, u64) {
        let output = self.qms().args(["list", "--format", "json"]).output().unwrap();
        let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
        let row = rows
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} not listed"));
        (row["state"].as_str().unwrap().to_string(), row["issue"].as_u64().unwrap())
    }

    fn verify_json(&self, extra: &[&str]) -> (i32, Value) {
        // The reasons are read as English sentences, as a script would ask for them.
        let output = self
            .qms()
            .args(["--lang", "en", "verify", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&output)));
        (output.status.code().unwrap(), report)
    }

    fn rev(&self, spec: &str) -> String {
        stdout(&self.git(&["rev-parse", spec])).trim().to_string()
    }

    fn path_of(&self, id: &str) -> String {
        let output = self.qms().args(["show", id, "--format", "json"]).output().unwrap();
        let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
        doc["path"].as_str().unwrap().to_string()
    }

    /// Commits with plain `git commit`, as an attacker or a careless hand would.
    fn hand_commit(&self, message: &str, env: &[(&str, &str)]) {
        let mut command = std::process::Command::new("git");
        command
            .current_dir(self.path())
            .args(["commit", "-q", "--allow-empty", "-m", message])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.gov.vn")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.gov.vn");
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

/// An approval message with trailers, as qms would write it.
fn approval_message(id: &str, path: &str, blob: &str, signer: &str, role: &str, policy: &str) -> String {
    format!(
        "qms: approve {id} (issue 1)\n\nBan hành.\n\nQms-Action: approve\nQms-Document: {id}\nQms-Path: {path}\nQms-Blob: {blob}\nQms-Signer: {signer}\nQms-Role: {role}\nQms-Meaning: approval\nQms-Signed-At: 2026-11-22T09:00:00+07:00\nQms-Policy: {policy}\n"
    )
}

/// The verdict and the reasons `verify --format json` gives for a document.
fn verdict(report: &Value, id: &str) -> (String, String) {
    let doc = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {report:#}"));
    let reasons: Vec<String> = doc["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["problems"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()))
        .collect();
    (doc["verdict"].as_str().unwrap().to_string(), reasons.join(" | "))
}

fn submitted_and_reviewed(repo: &TestRepo, id: &str) {
    repo.step(AUTHOR, &["submit", id]);
    repo.step(DEPUTY, &["review", id, "--accept"]);
}

#[test]
fn a_document_goes_through_its_whole_life() {
    let repo = TestRepo::init("commune", "vi");
    assert_eq!(repo.state("QT-07"), ("draft".into(), 0));

    repo.step(AUTHOR, &["submit", "QT-07"]);
    assert_eq!(repo.state("QT-07"), ("in-review".into(), 0));
    let status: Value = serde_json::from_str(&repo.step(DEPUTY, &["status", "--mine", "--format", "json"])).unwrap();
    assert!(
        status
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "QT-07" && i["kind"] == "awaiting-review"),
        "{status:#}"
    );

    repo.step(DEPUTY, &["review", "QT-07", "--reject", "-m", "Bổ sung căn cứ pháp lý"]);
    let refusal = repo.refused(CHAIR, &["approve", "QT-07"]);
    assert!(refusal.contains("đã yêu cầu sửa"), "{refusal}");
    repo.step(DEPUTY, &["review", "QT-07", "--accept", "-m", "Đã bổ sung"]);
    let status: Value = serde_json::from_str(&repo.step(CHAIR, &["status", "--mine", "--format", "json"])).unwrap();
    assert!(
        status
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "QT-07" && i["kind"] == "awaiting-approval"),
        "{status:#}"
    );
    repo.step(CHAIR, &["approve", "QT-07", "-m", "Ban hành lần đầu"]);
    assert_eq!(repo.state("QT-07"), ("effective".into(), 1));

    // Acknowledgement by the owning unit's people.
    let status: Value = serde_json::from_str(&repo.step(CHAIR, &["status", "--format", "json"])).unwrap();
    assert!(
        status
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "QT-07" && i["kind"] == "not-acknowledged")
    );
    repo.step("vu-thi-giang", &["ack", "QT-07"]);
    let status: Value = serde_json::from_str(&repo.step(CHAIR, &["status", "--format", "json"])).unwrap();
    assert!(
        !status
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "QT-07" && i["kind"] == "not-acknowledged")
    );

    // A change, then issue 2.
    let path = repo.path_of("QT-07");
    let text = repo.read(&path).replace("01 (một) bộ.", "02 (hai) bộ.");
    repo.write(&path, text);
    repo.git(&["commit", "-qam", "Sửa số lượng hồ sơ"]);
    assert_eq!(repo.state("QT-07"), ("changed".into(), 1));
    let diff = repo.step(AUTHOR, &["diff", "QT-07"]);
    assert!(diff.contains("-01 (một) bộ.") && diff.contains("+02 (hai) bộ."), "{diff}");
    repo.approve_fully("QT-07", "Tăng số lượng hồ sơ lên hai bộ");
    assert_eq!(repo.state("QT-07"), ("effective".into(), 2));
    let issue1 = repo.step(AUTHOR, &["show", "QT-07", "--issue", "1"]);
    assert!(issue1.contains("01 (một) bộ.") && !issue1.contains("02 (hai) bộ."));

    // Withdrawal.
    repo.refused(CHAIR, &["withdraw", "QT-07"]);
    repo.step(CHAIR, &["withdraw", "QT-07", "-m", "Thủ tục bị bãi bỏ"]);
    assert_eq!(repo.state("QT-07"), ("obsolete".into(), 2));
    let refusal = repo.refused(AUTHOR, &["submit", "QT-07"]);
    assert!(refusal.contains("thu hồi"), "{refusal}");

    let log = repo.step(AUTHOR, &["--lang", "en", "log", "QT-07"]);
    for expected in [
        "submitted",
        "reviewed: rejected",
        "approved, issue 1",
        "acknowledged",
        "approved, issue 2",
        "withdrawn",
        "Nguyễn Văn An (Chủ tịch UBND xã)",
        "2026-11-22 09:00",
        "Tăng số lượng hồ sơ lên hai bộ",
    ] {
        assert!(log.contains(expected), "log lacks {expected}:\n{log}");
    }
    let (code, report) = repo.verify_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(verdict(&report, "QT-07").0, "WITHDRAWN");
    repo.qms().arg("check").assert().success();
}

#[test]
fn commands_refuse_what_makes_no_sense() {
    let repo = TestRepo::init("commune", "vi");
    let refusal = repo.refused(UNIT_HEAD, &["approve", "QT-07"]);
    assert!(refusal.contains("không được ký với ý nghĩa `approval`"), "{refusal}");
    let refusal = repo.refused(DEPUTY, &["review", "QT-07", "--accept"]);
    assert!(refusal.contains("chưa được trình"), "{refusal}");
    repo.step(AUTHOR, &["submit", "QT-07"]);
    let refusal = repo.refused(CHAIR, &["approve", "QT-07"]);
    assert!(refusal.contains("xem xét đồng ý"), "{refusal}");
    repo.refused(AUTHOR, &["submit", "QT-07"]);

    // Uncommitted edits: what is signed must be what is stored.
    let path = repo.path_of("QT-08");
    let text = repo.read(&path) + "\nThêm.\n";
    repo.write(&path, &text);
    let refusal = repo.refused(AUTHOR, &["submit", "QT-08"]);
    assert!(refusal.contains("hãy commit chỉnh sửa trước"), "{refusal}");

    // Several ids: all or nothing.
    let head = repo.rev("HEAD");
    let refusal = repo.refused(AUTHOR, &["submit", "QT-09", "QT-08"]);
    assert!(refusal.contains("QT-08"), "{refusal}");
    assert_eq!(repo.rev("HEAD"), head, "nothing was written");

    // Unknown people.
    let refusal = repo.refused("khong-ai", &["submit", "QT-09"]);
    assert!(refusal.contains("QMS_USER"), "{refusal}");
}

/// QT-07 submitted and reviewed, then "approved" in a hand-written commit
/// by a unit head, whose role may not approve.
fn approved_by_a_unit_head() -> TestRepo {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let path = repo.path_of("QT-07");
    let message = approval_message(
        "QT-07",
        &path,
        &repo.rev(&format!("HEAD:{path}")),
        UNIT_HEAD,
        "truong-don-vi",
        &repo.rev("HEAD:.qms/signers.yaml"),
    );
    repo.hand_commit(&message, &[]);
    repo
}

#[test]
fn hand_written_approval_by_someone_who_may_not_approve() {
    let repo = approved_by_a_unit_head();
    let (code, report) = repo.verify_json(&[]);
    assert_eq!(code, 1);
    let (verdict, reasons) = verdict(&report, "QT-07");
    assert_eq!(verdict, "INVALID");
    assert!(reasons.contains("may not give the meaning `approval`"), "{reasons}");
    assert_eq!(repo.state("QT-07").0, "in-review", "an invalid approval makes no issue");
    repo.qms()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains("history/invalid-action"));
}

#[test]
fn verify_speaks_the_language_of_the_repository() {
    let repo = approved_by_a_unit_head();
    let said = |extra: &[&str]| {
        let output = repo.qms().arg("verify").args(extra).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        format!("{}{}", stdout(&output), stderr(&output))
    };
    let vi = said(&[]);
    assert!(
        vi.contains("KHÔNG HỢP LỆ") && vi.contains("không được ký với ý nghĩa `approval`"),
        "{vi}"
    );
    assert!(vi.contains("đã kiểm tra") && vi.contains("bước duyệt không hợp lệ"), "{vi}");
    let english: Vec<&&str> = crate::support::ENGLISH_WORDS.iter().filter(|w| vi.contains(**w)).collect();
    assert!(english.is_empty(), "English {english:?} in: {vi}");

    let en = said(&["--lang", "en"]);
    assert!(en.contains("INVALID") && en.contains("may not give the meaning `approval`"), "{en}");
    assert!(en.contains("verified") && en.contains("invalid action commit(s)"), "{en}");
}

#[test]
fn approval_that_changes_content_or_binds_the_wrong_blob() {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let path = repo.path_of("QT-07");
    let blob = repo.rev(&format!("HEAD:{path}"));
    let policy = repo.rev("HEAD:.qms/signers.yaml");
    // The approval commit also edits the document.
    repo.write(&path, repo.read(&path) + "\nChèn thêm sau khi xem xét.\n");
    repo.git(&["add", &path]);
    repo.hand_commit(&approval_message("QT-07", &path, &blob, CHAIR, "thu-truong", &policy), &[]);
    let (_, report) = repo.verify_json(&[]);
    let (v, reasons) = verdict(&report, "QT-07");
    assert_eq!(v, "INVALID");
    assert!(reasons.contains("changes content"), "{reasons}");

    // A Qms-Blob that names other content.
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let other = repo.rev(&format!("HEAD:{}", repo.path_of("QT-08")));
    repo.hand_commit(&approval_message("QT-07", &path, &other, CHAIR, "thu-truong", &policy), &[]);
    let (_, report) = repo.verify_json(&[]);
    let (v, reasons) = verdict(&report, "QT-07");
    assert_eq!(v, "INVALID");
    assert!(reasons.contains("does not match"), "{reasons}");
    // The same verdict when the history is packed and read without the cache.
    repo.git(&["repack", "-a", "-d", "-q"]);
    std::fs::remove_dir_all(repo.path().join(".git/qms")).ok();
    assert_eq!(repo.verify_json(&[]).1, report);
}

#[test]
fn a_signer_added_in_the_commit_that_uses_it() {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let path = repo.path_of("QT-07");
    let blob = repo.rev(&format!("HEAD:{path}"));
    let policy = repo.rev("HEAD:.qms/signers.yaml");
    let signers = repo.read(".qms/signers.yaml")
        + "  - id: ke-gian\n    name: Kẻ Gian\n    email: x@example.com\n    unit: van-phong\n    roles: [thu-truong]\n    status: active\n";
    repo.write(".qms/signers.yaml", signers);
    repo.git(&["add", ".qms/signers.yaml"]);
    repo.hand_commit(&approval_message("QT-07", &path, &blob, "ke-gian", "thu-truong", &policy), &[]);
    let (code, report) = repo.verify_json(&[]);
    assert_eq!(code, 1);
    let (v, reasons) = verdict(&report, "QT-07");
    assert_eq!(v, "INVALID");
    assert!(reasons.contains("changes content"), "{reasons}");
    assert!(
        reasons.contains("ke-gian is not a person of the signer policy in force"),
        "{reasons}"
    );
}

#[test]
fn a_policy_change_never_approved() {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    // Someone adds themselves as approver and commits it as ordinary content.
    let signers = repo.read(".qms/signers.yaml")
        + "  - id: ke-gian\n    name: Kẻ Gian\n    email: x@example.com\n    unit: van-phong\n    roles: [thu-truong]\n    status: active\n";
    repo.write(".qms/signers.yaml", signers);
    repo.git(&["commit", "-qam", "Cập nhật danh sách"]);
    // qms itself refuses to rely on it…
    let refusal = repo.refused(CHAIR, &["approve", "QT-07"]);
    assert!(refusal.contains("thay đổi chưa được phê duyệt"), "{refusal}");
    // …and a hand-written approval relying on it is invalid.
    let path = repo.path_of("QT-07");
    let message = approval_message(
        "QT-07",
        &path,
        &repo.rev(&format!("HEAD:{path}")),
        "ke-gian",
        "thu-truong",
        &repo.rev("HEAD:.qms/signers.yaml"),
    );
    repo.hand_commit(&message, &[]);
    let (code, report) = repo.verify_json(&[]);
    assert_eq!(code, 1);
    let (v, reasons) = verdict(&report, "QT-07");
    assert_eq!(v, "INVALID");
    assert!(reasons.contains("unapproved change of .qms/signers.yaml"), "{reasons}");
    assert_eq!(verdict(&report, ".qms/signers.yaml").0, "STALE");
    assert!(report["problems"][0].as_str().unwrap().contains("changed without approval"));
    repo.qms()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains("history/policy-unapproved"));
}

#[test]
fn approving_a_policy_change_puts_it_in_force() {
    let repo = TestRepo::init("commune", "vi");
    let signers = repo.read(".qms/signers.yaml")
        + "  - id: ngo-thi-moi\n    name: Ngô Thị Mới\n    email: moi@example.gov.vn\n    unit: van-phong\n    roles: [thu-truong]\n    status: active\n";
    repo.write(".qms/signers.yaml", signers);
    repo.git(&["commit", "-qam", "Bổ sung người ký"]);
    // The newcomer cannot approve their own admission.
    repo.step(AUTHOR, &["submit", ".qms/signers.yaml"]);
    repo.step(DEPUTY, &["review", ".qms/signers.yaml", "--accept"]);
    let refusal = repo.refused("ngo-thi-moi", &["approve", ".qms/signers.yaml"]);
    assert!(
        refusal.contains("không có tên trong chính sách người ký đang có hiệu lực"),
        "{refusal}"
    );
    repo.step(CHAIR, &["approve", ".qms/signers.yaml", "-m", "Bổ sung Chủ tịch mới"]);
    // Now the newcomer may approve.
    submitted_and_reviewed(&repo, "QT-07");
    repo.step("ngo-thi-moi", &["approve", "QT-07"]);
    let (code, report) = repo.verify_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(verdict(&report, ".qms/signers.yaml").0, "APPROVED");
}

#[test]
fn forged_author_and_committer_names_carry_no_authority() {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let path = repo.path_of("QT-07");
    let message = approval_message(
        "QT-07",
        &path,
        &repo.rev(&format!("HEAD:{path}")),
        UNIT_HEAD,
        "thu-truong",
        &repo.rev("HEAD:.qms/signers.yaml"),
    );
    repo.hand_commit(
        &message,
        &[
            ("GIT_AUTHOR_NAME", "Nguyễn Văn An"),
            ("GIT_AUTHOR_EMAIL", "an.nv@hoabinh.example.gov.vn"),
            ("GIT_COMMITTER_NAME", "Nguyễn Văn An"),
            ("GIT_COMMITTER_EMAIL", "an.nv@hoabinh.example.gov.vn"),
        ],
    );
    let (_, report) = repo.verify_json(&[]);
    let (v, reasons) = verdict(&report, "QT-07");
    assert_eq!(v, "INVALID");
    assert!(reasons.contains("le-van-cuong does not hold the role thu-truong"), "{reasons}");
}

#[test]
fn a_merge_that_edits_an_approved_document_makes_it_changed() {
    let repo = TestRepo::init("commune", "vi");
    repo.approve_fully("QT-07", "Ban hành");
    let path = repo.path_of("QT-07");
    repo.git(&["checkout", "-q", "-b", "sua-doi"]);
    repo.write(&path, repo.read(&path) + "\nSửa trên nhánh.\n");
    repo.git(&["commit", "-qam", "Sửa trên nhánh"]);
    repo.git(&["checkout", "-q", "-"]);
    let merge = repo.git(&["merge", "-q", "--no-ff", "-m", "Gộp nhánh sửa đổi", "sua-doi"]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert_eq!(repo.state("QT-07"), ("changed".into(), 1));
    let (code, report) = repo.verify_json(&[]);
    assert_eq!(code, 0);
    assert_eq!(verdict(&report, "QT-07").0, "STALE");
}

#[test]
fn a_force_push_that_drops_the_trust_root_is_reported() {
    let repo = TestRepo::init("commune", "vi");
    let base = repo.rev("HEAD");
    repo.approve_fully("QT-07", "Ban hành");
    let trust_root = repo.rev("HEAD");
    let (code, _) = repo.verify_json(&["--trust-root", &trust_root]);
    assert_eq!(code, 0);
    // History is rewritten: the approvals are replaced by other commits.
    repo.git(&["reset", "-q", "--hard", &base]);
    repo.hand_commit("Lịch sử viết lại", &[]);
    repo.git(&["reflog", "expire", "--expire=now", "--all"]);
    repo.git(&["gc", "-q", "--prune=now"]);
    let (code, report) = repo.verify_json(&["--trust-root", &trust_root]);
    assert_eq!(code, 1);
    assert!(
        report["problems"][0].as_str().unwrap().contains("history was rewritten"),
        "{report:#}"
    );
}

#[test]
fn staged_and_unstaged_work_is_untouched_by_an_approval() {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let staged = repo.path_of("QT-08");
    let unstaged = repo.path_of("QT-09");
    repo.write(&staged, repo.read(&staged) + "\nĐã stage.\n");
    repo.git(&["add", &staged]);
    repo.write(&unstaged, repo.read(&unstaged) + "\nChưa stage.\n");
    repo.write("ghi-chu.txt", "tệp chưa theo dõi");
    let before = (
        stdout(&repo.git(&["diff", "--cached", "--binary"])),
        stdout(&repo.git(&["diff", "--binary"])),
        stdout(&repo.git(&["status", "--porcelain"])),
        std::fs::read(repo.path().join(&staged)).unwrap(),
        std::fs::read(repo.path().join(&unstaged)).unwrap(),
    );
    repo.step(CHAIR, &["approve", "QT-07"]);
    let after = (
        stdout(&repo.git(&["diff", "--cached", "--binary"])),
        stdout(&repo.git(&["diff", "--binary"])),
        stdout(&repo.git(&["status", "--porcelain"])),
        std::fs::read(repo.path().join(&staged)).unwrap(),
        std::fs::read(repo.path().join(&unstaged)).unwrap(),
    );
    assert_eq!(before, after);
    assert_eq!(
        stdout(&repo.git(&["show", "--stat", "--format=", "HEAD"])),
        "",
        "the approval commit changes nothing"
    );
}

#[test]
fn a_branch_moved_between_read_and_write_loses_nothing() {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let hook =
        "before-move-branch=git -c user.name=Other -c user.email=o@example.gov.vn commit -q --allow-empty -m 'Commit của người khác'";
    let output = repo
        .qms()
        .env("QMS_USER", CHAIR)
        .env("QMS_HOOK", hook)
        .args(["approve", "QT-07"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("đã thay đổi trong lúc qms ghi"), "{}", stderr(&output));
    let subject = stdout(&repo.git(&["log", "-1", "--format=%s"]));
    assert_eq!(subject.trim(), "Commit của người khác", "the other commit is kept");
    repo.step(CHAIR, &["approve", "QT-07"]);
    assert_eq!(repo.state("QT-07"), ("effective".into(), 1));
}

#[test]
fn a_write_killed_midway_leaves_a_clean_repository() {
    let repo = TestRepo::init("commune", "vi");
    submitted_and_reviewed(&repo, "QT-07");
    let head = repo.rev("HEAD");
    let output = repo
        .qms()
        .env("QMS_USER", CHAIR)
        .env("QMS_FAILPOINT", "after-action-commit-object")
        .args(["approve", "QT-07"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(repo.rev("HEAD"), head, "the branch did not move");
    let fsck = repo.git(&["fsck", "--no-dangling"]);
    assert!(
        fsck.status.success() && stdout(&fsck).is_empty(),
        "{}{}",
        stdout(&fsck),
        stderr(&fsck)
    );
    repo.step(CHAIR, &["approve", "QT-07"]);
    assert_eq!(repo.state("QT-07"), ("effective".into(), 1));
}

#[test]
fn git_sees_the_trailers_and_a_clone_derives_the_same_state() {
    let repo = TestRepo::init("commune", "vi");
    repo.approve_fully("QT-07", "Ban hành");
    let trailers = stdout(&repo.git(&[
        "log",
        "-1",
        "--format=%(trailers:key=Qms-Action,valueonly)%(trailers:key=Qms-Signer,valueonly)",
    ]));
    assert_eq!(trailers.split_whitespace().collect::<Vec<_>>(), ["approve", CHAIR]);
    let fsck = repo.git(&["fsck", "--strict"]);
    assert!(fsck.status.success(), "{}", stderr(&fsck));

    let remote = tempfile::tempdir().unwrap();
    let bare = remote.path().join("qms.git");
    git(remote.path(), &["init", "-q", "--bare", bare.to_str().unwrap()]);
    repo.git(&["remote", "add", "origin", bare.to_str().unwrap()]);
    let push = repo.git(&["push", "-q", "origin", "HEAD:refs/heads/main"]);
    assert!(push.status.success(), "{}", stderr(&push));
    let clone_dir = tempfile::tempdir().unwrap();
    let clone = clone_dir.path().join("clone");
    git(
        clone_dir.path(),
        &["clone", "-q", "-b", "main", bare.to_str().unwrap(), clone.to_str().unwrap()],
    );
    let list = |dir: &Path| {
        let output = crate::support::qms()
            .arg("-C")
            .arg(dir)
            .args(["list", "--format", "json"])
            .output()
            .unwrap();
        let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].clone(),
                    r["state"].clone(),
                    r["issue"].clone(),
                    r["effective_since"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(list(repo.path()), list(&clone));
}

mod signing {
    use super::*;

    use crate::support::{Key, keygen};

    /// A commune repository whose policy lists SSH keys for the chair and
    /// the deputy, with `signing: required` approved and in force.
    fn signed_repo(keys: &Path) -> (TestRepo, Key, Key) {
        let repo = TestRepo::init("commune", "vi");
        let chair = keygen(keys, "chair");
        let deputy = keygen(keys, "deputy");
        let mut signers = repo.read(".qms/signers.yaml");
        for (id, key) in [(CHAIR, &chair), (DEPUTY, &deputy)] {
            let anchor = format!("  - id: {id}\n");
            let at = signers.find(&anchor).unwrap();
            let end = signers[at..].find("    status: active\n").unwrap() + at + "    status: active\n".len();
            signers.insert_str(end, &format!("    keys:\n      ssh: [\"{}\"]\n", key.public));
        }
        repo.write(".qms/signers.yaml", signers);
        let config = repo.read("qms.yaml").replace("signing: none", "signing: required");
        repo.write("qms.yaml", config);
        // Both policy files are approved under the bootstrap policy, which
        // has no keys and does not require signatures.
        repo.git(&["commit", "-qam", "Yêu cầu ký số; đăng ký khóa"]);
        for file in [".qms/signers.yaml", "qms.yaml"] {
            repo.step(AUTHOR, &["submit", file]);
            repo.step(DEPUTY, &["review", file, "--accept"]);
            repo.step(CHAIR, &["approve", file]);
        }
        (repo, chair, deputy)
    }

    #[test]
    fn signed_approvals_verify_with_qms_and_git() {
        let keys = tempfile::tempdir().unwrap();
        let (repo, chair, deputy) = signed_repo(keys.path());
        repo.step(DEPUTY, &["submit", "QT-07", "--key", crate::support::key_arg(&deputy)]);
        repo.step(DEPUTY, &["review", "QT-07", "--accept", "--key", crate::support::key_arg(&deputy)]);
        repo.step(CHAIR, &["approve", "QT-07", "--key", crate::support::key_arg(&chair)]);

        let allowed = keys.path().join("allowed_signers");
        std::fs::write(&allowed, format!("{CHAIR} namespaces=\"git\" {}\n", chair.public)).unwrap();
        let output = repo.git(&[
            "-c",
            &format!("gpg.ssh.allowedSignersFile={}", allowed.display()),
            "verify-commit",
            "HEAD",
        ]);
        assert!(output.status.success(), "git verify-commit: {}", stderr(&output));

        let (code, report) = repo.verify_json(&[]);
        assert_eq!(code, 0, "{report:#}");
        let doc = crate::support::verified_document(&report, "QT-07");
        assert_eq!(doc["verdict"], "APPROVED");
        let approval = crate::support::approval_of(doc);
        assert_eq!(approval["signature"]["status"], "verified");
        assert!(approval["signature"]["key"].as_str().unwrap().starts_with("SHA256:"));
        let log = repo.step(AUTHOR, &["--lang", "en", "log", "QT-07"]);
        assert!(log.contains("signature verified (ssh SHA256:"), "{log}");
    }

    #[test]
    fn unsigned_and_wrongly_signed_approvals_are_invalid_when_signing_is_required() {
        let keys = tempfile::tempdir().unwrap();
        let (repo, chair, deputy) = signed_repo(keys.path());
        let refusal = repo.refused(AUTHOR, &["submit", "QT-07"]);
        assert!(refusal.contains("không có khóa ký"), "{refusal}");
        // Submit and review properly signed by people with keys.
        repo.step(DEPUTY, &["submit", "QT-07", "--key", crate::support::key_arg(&deputy)]);
        repo.step(DEPUTY, &["review", "QT-07", "--accept", "--key", crate::support::key_arg(&deputy)]);
        // qms refuses to sign the chair's approval with the deputy's key…
        let refusal = repo.refused(CHAIR, &["approve", "QT-07", "--key", crate::support::key_arg(&deputy)]);
        assert!(refusal.contains("sẽ không được xác thực"), "{refusal}");
        // …and a hand-made approval signed with the deputy's key, or unsigned, is invalid.
        let path = repo.path_of("QT-07");
        let message = approval_message(
            "QT-07",
            &path,
            &repo.rev(&format!("HEAD:{path}")),
            CHAIR,
            "thu-truong",
            &repo.rev("HEAD:.qms/signers.yaml"),
        );
        let signed_by_other = std::process::Command::new("git")
            .current_dir(repo.path())
            .args(["-c", "gpg.format=ssh", "-c"])
            .arg(format!("user.signingkey={}", deputy.private.display()))
            .args(["commit", "-q", "-S", "--allow-empty", "-m", &message])
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "x")
            .env("GIT_AUTHOR_EMAIL", "x@x")
            .env("GIT_COMMITTER_NAME", "x")
            .env("GIT_COMMITTER_EMAIL", "x@x")
            .output()
            .unwrap();
        assert!(signed_by_other.status.success(), "{}", stderr(&signed_by_other));
        let (_, report) = repo.verify_json(&[]);
        let (_, reasons) = verdict(&report, "QT-07");
        assert!(reasons.contains("bad signature: not signed by a key of nguyen-van-an"), "{reasons}");

        repo.git(&["reset", "-q", "--hard", "HEAD~1"]);
        repo.hand_commit(&message, &[]);
        let (code, report) = repo.verify_json(&[]);
        assert_eq!(code, 1);
        let (_, reasons) = verdict(&report, "QT-07");
        assert!(reasons.contains("requires signed action commits"), "{reasons}");
        repo.step(CHAIR, &["approve", "QT-07", "--key", crate::support::key_arg(&chair)]);
    }
}

#[test]
fn a_stale_lock_file_is_reported_and_kept() {
    let repo = TestRepo::init("commune", "vi");
    repo.step(AUTHOR, &["submit", "QT-07"]);
    let lock = repo.path().join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let refusal = repo.refused(DEPUTY, &["review", "QT-07", "--accept"]);
    assert!(refusal.contains("index.lock đang tồn tại"), "{refusal}");
    assert!(lock.exists(), "the lock file is never deleted by qms");
}

#[test]
fn refused_during_a_merge_or_on_a_detached_head() {
    let repo = TestRepo::init("commune", "vi");
    repo.step(AUTHOR, &["submit", "QT-07"]);
    let head = repo.rev("HEAD");
    repo.git(&["checkout", "-q", "--detach", &head]);
    let refusal = repo.refused(DEPUTY, &["review", "QT-07", "--accept"]);
    assert!(refusal.contains("tách rời"), "{refusal}");
}

#[test]
fn overdue_periodic_reviews_follow_the_clock() {
    let repo = TestRepo::init("commune", "vi");
    repo.approve_fully("QT-07", "Ban hành");
    let overdue = |when: &str| -> bool {
        let output = repo
            .qms()
            .env("QMS_TIMESTAMP", when)
            .args(["status", "--format", "json"])
            .output()
            .unwrap();
        let items: Value = serde_json::from_slice(&output.stdout).unwrap();
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "QT-07" && i["kind"] == "review-overdue")
    };
    assert!(!overdue("2027-11-21T09:00:00+07:00"), "eleven months and thirty days later");
    assert!(overdue("2027-11-22T09:00:00+07:00"), "twelve months later");
}

#[test]
fn gpg_signed_approvals_verify() {
    let gnupg = tempfile::tempdir().unwrap();
    let gpg = |args: &[&str]| {
        std::process::Command::new("gpg")
            .env("GNUPGHOME", gnupg.path())
            .args(["--batch", "--pinentry-mode", "loopback", "--passphrase", ""])
            .args(args)
            .output()
            .expect("gpg runs")
    };
    let made = gpg(&[
        "--quick-gen-key",
        "Nguyễn Văn An <an.nv@hoabinh.example.gov.vn>",
        "ed25519",
        "sign",
        "never",
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let listing = stdout(&gpg(&["--with-colons", "--list-secret-keys"]));
    let fingerprint = listing
        .lines()
        .find_map(|l| l.strip_prefix("fpr:"))
        .unwrap()
        .trim_matches(':')
        .to_string();

    let repo = TestRepo::init("commune", "vi");
    let signers = repo.read(".qms/signers.yaml").replacen(
        &format!("  - id: {CHAIR}\n"),
        &format!("  - id: {CHAIR}\n    keys:\n      gpg: [\"{fingerprint}\"]\n"),
        1,
    );
    repo.write(".qms/signers.yaml", signers);
    repo.git(&["commit", "-qam", "Khóa GPG của Chủ tịch"]);
    repo.step(AUTHOR, &["submit", ".qms/signers.yaml"]);
    repo.step(DEPUTY, &["review", ".qms/signers.yaml", "--accept"]);
    repo.step(CHAIR, &["approve", ".qms/signers.yaml"]);
    submitted_and_reviewed(&repo, "QT-07");
    let output = repo
        .qms()
        .env("QMS_USER", CHAIR)
        .env("GNUPGHOME", gnupg.path())
        .args(["approve", "QT-07", "--sign", "--key", &fingerprint])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let report = repo
        .qms()
        .env("GNUPGHOME", gnupg.path())
        .args(["verify", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    let doc = crate::support::verified_document(&report, "QT-07");
    assert_eq!(doc["verdict"], "APPROVED", "{report:#}");
    let approval = crate::support::approval_of(doc);
    assert_eq!(approval["signature"]["status"], "verified");
    assert_eq!(approval["signature"]["key"], fingerprint.as_str());
}

/// The construction permit's limit is "15 ngày" — calendar days, which hold
/// 10 working days for sure. The scaffolded process fits; stretched to 12
/// working days of appraisal it is a check error and cannot be approved.
#[test]
fn a_process_over_its_legal_time_limit_cannot_go_in_force() {
    let repo = TestRepo::init("commune", "vi");
    let id = "QT-11";
    let path = repo.path_of(id);
    let check = |repo: &TestRepo| -> Vec<Value> {
        let report = repo.check_json();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "tthc/over-limit")
            .cloned()
            .collect()
    };
    assert_eq!(check(&repo), Vec::<Value>::new(), "the scaffolded process fits its limit");

    let text = repo.read(&path);
    let stretched = text.replacen("| 7 ngày 2 giờ làm việc |", "| 12 ngày làm việc |", 1);
    assert_ne!(stretched, text, "the appraisal step is where the test expects it");
    repo.write(&path, stretched);
    repo.git(&["commit", "-qam", "Kéo dài bước thẩm định"]);
    let over = check(&repo);
    assert_eq!(over.len(), 1, "{over:?}");
    let message = over[0]["message"].as_str().unwrap();
    assert!(
        message.contains("1.009994") && message.contains("(15 ngày, tức 10 ngày làm việc)"),
        "{message}"
    );
    let table_line = repo.read(&path).lines().position(|l| l.starts_with("| Bước")).unwrap() + 1;
    assert_eq!(over[0]["line"].as_u64(), Some(table_line as u64));

    repo.step(AUTHOR, &["submit", id]);
    repo.step(DEPUTY, &["review", id, "--accept"]);
    let head = repo.rev("HEAD");
    let refusal = repo.refused(CHAIR, &["approve", id, "-m", "Ban hành"]);
    assert!(refusal.contains("vượt thời hạn luật định của 1.009994"), "{refusal}");
    assert_eq!(repo.rev("HEAD"), head, "nothing was written");
}
