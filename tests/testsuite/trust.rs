//! The trust model under attack: histories from another root, shallow
//! clones, a doctored cache, hand-written trailers. Each is refused by
//! `verify`, `check` and the server hook alike.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::support::{Key, TestRepo, git, key_arg, keygen, qms, stdout};

const AUTHOR: &str = "pham-thi-dung"; // thu-ky-iso
const DEPUTY: &str = "tran-thi-binh"; // pho-thu-truong: may review
const CHAIR: &str = "nguyen-van-an"; // thu-truong: may approve
/// A unit head who may not approve, and wants to.
const ATTACKER: &str = "le-van-cuong";

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ok(output: Output) -> Output {
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    output
}

/// `qms -C dir …` as `user`.
fn qms_in(dir: &Path, user: &str, args: &[&str]) -> Output {
    qms().arg("-C").arg(dir).env("QMS_USER", user).args(args).output().unwrap()
}

fn verify_json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    // The reasons are read as English sentences, as a script would ask for them.
    let output = qms_in(dir, AUTHOR, &[&["--lang", "en", "verify", "--format", "json"], extra].concat());
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&output)));
    (output.status.code().unwrap(), report)
}

fn verdict_of(report: &Value, id: &str) -> String {
    crate::support::verified_document(report, id)["verdict"]
        .as_str()
        .unwrap()
        .to_string()
}

fn problems(report: &Value) -> String {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn state_in(dir: &Path, id: &str) -> String {
    let output = qms_in(dir, AUTHOR, &["list", "--format", "json"]);
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let row = rows.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    row["state"].as_str().unwrap().to_string()
}

/// How the attacker's unrelated history is joined to the agency's.
#[derive(Clone, Copy, PartialEq)]
enum Join {
    /// `git checkout evil && git merge --allow-unrelated-histories main`.
    OrphanFirst,
    /// `git merge --allow-unrelated-histories evil` on main.
    OrphanSecond,
}

/// In a clone of the agency's repository, an orphan branch whose signer
/// policy makes the attacker chair (and, with a key, requires signatures
/// and lists the attacker's key); there the attacker submits, reviews and
/// approves QT-07 alone, and joins the orphan to the agency's history.
/// Returns the clone, on the joined branch `forged`.
fn forge_on_an_orphan(agency: &TestRepo, work: &Path, join: Join, key: Option<&Key>) -> PathBuf {
    let clone = work.join("attacker");
    ok(git(
        work,
        &["clone", "-q", agency.path().to_str().unwrap(), clone.to_str().unwrap()],
    ));
    ok(git(&clone, &["checkout", "-q", "--orphan", "evil"]));
    let signers_path = clone.join(".qms/signers.yaml");
    let mut signers = std::fs::read_to_string(&signers_path).unwrap().replacen(
        "roles: [truong-don-vi, danh-gia-vien]",
        "roles: [thu-truong, pho-thu-truong, thu-ky-iso]",
        1,
    );
    if let Some(key) = key {
        let anchor = format!("  - id: {ATTACKER}\n");
        let at = signers.find(&anchor).unwrap();
        let end = signers[at..].find("    status: active\n").unwrap() + at + "    status: active\n".len();
        signers.insert_str(end, &format!("    keys:\n      ssh: [\"{}\"]\n", key.public));
        let config = std::fs::read_to_string(clone.join("qms.yaml")).unwrap();
        std::fs::write(clone.join("qms.yaml"), config.replace("signing: none", "signing: required")).unwrap();
    }
    std::fs::write(&signers_path, signers).unwrap();
    ok(git(&clone, &["add", "-A"]));
    ok(git(&clone, &["commit", "-q", "-m", "Khởi tạo"]));
    let sign: Vec<&str> = key.map(|k| vec!["--key", key_arg(k)]).unwrap_or_default();
    for step in [
        &["submit", "QT-07"][..],
        &["review", "QT-07", "--accept"],
        &["approve", "QT-07", "-m", "Ban hành"],
    ] {
        ok(qms_in(&clone, ATTACKER, &[step, &sign[..]].concat()));
    }
    // Inside its own history the forgery looks sound.
    let (code, report) = verify_json(&clone, &[]);
    assert_eq!((code, verdict_of(&report, "QT-07").as_str()), (0, "APPROVED"), "{report:#}");
    // The attacker's files win where the two histories differ.
    match join {
        Join::OrphanFirst => {
            ok(git(&clone, &["checkout", "-q", "-b", "forged", "evil"]));
            merge_unrelated(&clone, "ours", "origin/master");
        }
        Join::OrphanSecond => {
            ok(git(&clone, &["checkout", "-q", "-b", "forged", "origin/master"]));
            merge_unrelated(&clone, "theirs", "evil");
        }
    }
    clone
}

/// `git merge --allow-unrelated-histories -X <side> <what>`.
fn merge_unrelated(dir: &Path, side: &str, what: &str) {
    ok(git(
        dir,
        &["merge", "-q", "--allow-unrelated-histories", "-X", side, "-m", "Hợp nhất", what],
    ));
}

/// The agency's repository served bare, with the server hook.
fn served(agency: &TestRepo, work: &Path) -> PathBuf {
    let bare = work.join("ubnd.git");
    ok(git(
        work,
        &["clone", "-q", "--bare", agency.path().to_str().unwrap(), bare.to_str().unwrap()],
    ));
    ok(qms().args(["hook", "install", "--server"]).arg(&bare).output().unwrap());
    bare
}

fn an_orphan_history_forges_nothing(join: Join, key: Option<&Key>) {
    let agency = TestRepo::init("commune", "vi");
    let work = tempfile::tempdir().unwrap();
    let bare = served(&agency, work.path());
    let clone = forge_on_an_orphan(&agency, work.path(), join, key);

    // The server hook refuses the push, naming the second root.
    let pushed = git(&clone, &["push", bare.to_str().unwrap(), "forged:master"]);
    assert!(!pushed.status.success(), "the hook let the forgery in: {}", stderr(&pushed));
    assert!(stderr(&pushed).contains("commit gốc"), "{}", stderr(&pushed));

    // Pulled into the agency's own repository, where `qms init` pinned the root.
    ok(git(agency.path(), &["fetch", "-q", clone.to_str().unwrap(), "forged"]));
    ok(git(agency.path(), &["reset", "-q", "--hard", "FETCH_HEAD"]));
    for extra in [&[][..], &["--no-cache"]] {
        let (code, report) = verify_json(agency.path(), extra);
        assert_eq!(code, 1, "{report:#}");
        assert!(problems(&report).contains("second root commit"), "{report:#}");
        assert_ne!(verdict_of(&report, "QT-07"), "APPROVED", "{report:#}");
    }
    assert_ne!(state_in(agency.path(), "QT-07"), "effective");
    let check = qms_in(agency.path(), AUTHOR, &["check", "--format", "json"]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(stdout(&check).contains("commit gốc thứ hai"), "{}", stdout(&check));

    // A fresh clone has no pin: two roots, and nothing can be trusted.
    let fresh = work.path().join("fresh");
    ok(git(
        work.path(),
        &["clone", "-q", agency.path().to_str().unwrap(), fresh.to_str().unwrap()],
    ));
    let (code, report) = verify_json(&fresh, &[]);
    assert_eq!(code, 1, "{report:#}");
    assert!(problems(&report).contains("2 root commits"), "{report:#}");
    assert_ne!(verdict_of(&report, "QT-07"), "APPROVED");
    assert_ne!(state_in(&fresh, "QT-07"), "effective");
    // Named on the command line, the agency's root judges it as above.
    let root = stdout(&git(agency.path(), &["config", "qms.trustRoot"])).trim().to_string();
    let (code, report) = verify_json(&fresh, &["--trust-root", &root]);
    assert_eq!(code, 1);
    assert!(problems(&report).contains("second root commit"), "{report:#}");
}

#[test]
fn an_orphan_history_merged_as_first_parent_forges_nothing() {
    an_orphan_history_forges_nothing(Join::OrphanFirst, None);
}

#[test]
fn an_orphan_history_merged_as_second_parent_forges_nothing() {
    an_orphan_history_forges_nothing(Join::OrphanSecond, None);
}

#[test]
fn a_signed_orphan_history_forges_nothing_when_signing_is_required() {
    let keys = tempfile::tempdir().unwrap();
    let key = keygen(keys.path(), "attacker");
    an_orphan_history_forges_nothing(Join::OrphanFirst, Some(&key));
}

#[test]
fn a_second_root_counts_once_the_policy_in_force_admits_it() {
    let agency = TestRepo::init("commune", "vi");
    let work = tempfile::tempdir().unwrap();
    let clone = forge_on_an_orphan(&agency, work.path(), Join::OrphanSecond, None);
    let other_root = stdout(&git(&clone, &["rev-list", "--max-parents=0", "evil"])).trim().to_string();
    // The agency admits that root (another unit's repository joining), approved.
    let config = agency.read("qms.yaml").replace(
        "  signing: none\n",
        &format!("  signing: none\n  admitted_roots: [\"{}\"]\n", &other_root[..12]),
    );
    agency.write("qms.yaml", config);
    ok(git(agency.path(), &["commit", "-qam", "Tiếp nhận kho lưu trữ của đơn vị sáp nhập"]));
    ok(qms_in(agency.path(), AUTHOR, &["submit", "qms.yaml"]));
    ok(qms_in(agency.path(), DEPUTY, &["review", "qms.yaml", "--accept"]));
    ok(qms_in(agency.path(), CHAIR, &["approve", "qms.yaml"]));
    ok(git(agency.path(), &["fetch", "-q", clone.to_str().unwrap(), "evil"]));
    merge_unrelated(agency.path(), "theirs", "FETCH_HEAD");
    let (code, report) = verify_json(agency.path(), &["--no-cache"]);
    assert!(!problems(&report).contains("second root"), "{report:#}");
    assert_eq!(verdict_of(&report, "QT-07"), "APPROVED", "{report:#}");
    // The merge changed qms.yaml back to the joining unit's: that change is
    // the agency's to approve, and is reported until then.
    assert_eq!(code, 1);
}

#[test]
fn a_shallow_or_partial_clone_is_refused_with_how_to_fetch_everything() {
    let agency = TestRepo::init("commune", "vi");
    ok(qms_in(agency.path(), AUTHOR, &["submit", "QT-07"]));
    ok(qms_in(agency.path(), DEPUTY, &["review", "QT-07", "--accept"]));
    let work = tempfile::tempdir().unwrap();
    let url = format!("file://{}", agency.path().display());
    let shallow = work.path().join("shallow");
    ok(git(work.path(), &["clone", "-q", "--depth", "1", &url, shallow.to_str().unwrap()]));
    for command in [&["verify"][..], &["check"], &["list"]] {
        let output = qms_in(&shallow, AUTHOR, command);
        assert_eq!(output.status.code(), Some(2), "{command:?}: {}", stdout(&output));
        assert!(stderr(&output).contains("bản sao nông"), "{}", stderr(&output));
        assert!(stderr(&output).contains("fetch-depth: 0"), "{}", stderr(&output));
        assert!(stderr(&output).contains("GIT_DEPTH: 0"), "{}", stderr(&output));
    }
    let partial = work.path().join("partial");
    ok(git(
        work.path(),
        &["clone", "-q", "--filter=blob:none", &url, partial.to_str().unwrap()],
    ));
    let output = qms_in(&partial, AUTHOR, &["verify"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(stderr(&output).contains("bản sao một phần"), "{}", stderr(&output));
}

/// A hand-made action commit on top of HEAD, approving `id` as the chair.
fn hand_approval(repo: &TestRepo, id: &str, edit: impl Fn(String) -> String) -> Output {
    let show = qms_in(repo.path(), AUTHOR, &["show", id, "--format", "json"]);
    let path = serde_json::from_slice::<Value>(&show.stdout).unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string();
    let blob = stdout(&repo.git(&["rev-parse", &format!("HEAD:{path}")])).trim().to_string();
    let policy = stdout(&repo.git(&["rev-parse", "HEAD:.qms/signers.yaml"])).trim().to_string();
    let message = format!(
        "qms: approve {id} (issue 1)\n\nQms-Action: approve\nQms-Document: {id}\nQms-Path: {path}\nQms-Blob: {blob}\nQms-Signer: {CHAIR}\nQms-Role: thu-truong\nQms-Meaning: approval\nQms-Signed-At: 2026-11-22T09:00:00+07:00\nQms-Policy: {policy}\n"
    );
    ok(repo.git(&["commit", "-q", "--allow-empty", "-m", &edit(message)]))
}

#[test]
fn mis_cased_trailers_and_bad_signature_times_are_refused() {
    type Edit = fn(String) -> String;
    let cases: [(&str, Edit); 4] = [
        ("not written `Qms-Signer`", |m| m.replace("Qms-Signer:", "qms-signer:")),
        ("not written `Qms-Action`", |m| m.replace("Qms-", "QMS-")),
        ("Qms-Signed-At", |m| m.replace("2026-11-22T09:00:00+07:00", "22/11/2026")),
        ("more than a day after the commit", |m| {
            m.replace("2026-11-22T09:00:00+07:00", "2030-01-01T09:00:00+07:00")
        }),
    ];
    for (expected, edit) in cases {
        let repo = TestRepo::init("commune", "vi");
        ok(qms_in(repo.path(), AUTHOR, &["submit", "QT-07"]));
        ok(qms_in(repo.path(), DEPUTY, &["review", "QT-07", "--accept"]));
        hand_approval(&repo, "QT-07", edit);
        let (code, report) = verify_json(repo.path(), &[]);
        assert_eq!(code, 1, "{expected}: {report:#}");
        assert!(report.to_string().contains(expected), "{expected}: {report:#}");
        assert_ne!(verdict_of(&report, "QT-07"), "APPROVED");
        assert_ne!(state_in(repo.path(), "QT-07"), "effective", "{expected}");
    }
}

#[test]
fn a_doctored_cache_is_caught_by_verify_without_the_cache() {
    let repo = TestRepo::init("commune", "vi");
    ok(qms_in(repo.path(), AUTHOR, &["submit", "QT-07"]));
    let (code, _) = verify_json(repo.path(), &[]);
    assert_eq!(code, 0);
    // Someone who can write .git/ turns the submission into an approval and
    // recomputes the checksum: the cache is a speed-up, not a safe.
    let file = repo.path().join(".git/qms/history-v2.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let (header, body) = text.split_once('\n').unwrap();
    let body = body.replace("\"action\":\"submit\"", "\"action\":\"approve\"");
    let mut parts: Vec<&str> = header.split(' ').collect();
    let crc = format!("{:08x}", crc32fast::hash(body.as_bytes()));
    parts[2] = &crc;
    std::fs::write(&file, format!("{}\n{body}", parts.join(" "))).unwrap();
    let (_, warm) = verify_json(repo.path(), &[]);
    assert_ne!(verdict_of(&warm, "QT-07"), "UNAPPROVED", "the doctored cache is read");
    let (code, cold) = verify_json(repo.path(), &["--no-cache"]);
    assert_eq!((code, verdict_of(&cold, "QT-07").as_str()), (0, "UNAPPROVED"), "{cold:#}");
}

#[test]
fn a_signature_that_cannot_be_checked_is_unverifiable_and_never_cached() {
    let keys = tempfile::tempdir().unwrap();
    let chair = keygen(keys.path(), "chair");
    let repo = TestRepo::init("commune", "vi");
    let mut signers = repo.read(".qms/signers.yaml");
    let at = signers.find(&format!("  - id: {CHAIR}\n")).unwrap();
    let end = signers[at..].find("    status: active\n").unwrap() + at + "    status: active\n".len();
    signers.insert_str(end, &format!("    keys:\n      ssh: [\"{}\"]\n", chair.public));
    repo.write(".qms/signers.yaml", signers);
    ok(repo.git(&["commit", "-qam", "Khóa của Chủ tịch"]));
    for (user, step) in [(AUTHOR, "submit"), (DEPUTY, "review"), (CHAIR, "approve")] {
        let mut args = vec![step, ".qms/signers.yaml"];
        if step == "review" {
            args.push("--accept");
        }
        ok(qms_in(repo.path(), user, &args));
    }
    ok(qms_in(repo.path(), AUTHOR, &["submit", "QT-07"]));
    ok(qms_in(repo.path(), DEPUTY, &["review", "QT-07", "--accept"]));
    ok(qms_in(repo.path(), CHAIR, &["approve", "QT-07", "--key", key_arg(&chair)]));
    // A machine without ssh-keygen cannot check the signature: neither valid
    // nor invalid, exit 2, and nothing of it is kept for the next run.
    let empty = tempfile::tempdir().unwrap();
    let output = qms()
        .arg("-C")
        .arg(repo.path())
        .env("PATH", empty.path())
        .args(["verify", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(verdict_of(&report, "QT-07"), "UNVERIFIABLE", "{report:#}");
    let head = stdout(&repo.git(&["rev-parse", "HEAD"])).trim().to_string();
    let cache = std::fs::read_to_string(repo.path().join(".git/qms/history-v2.json")).unwrap_or_default();
    assert!(
        !cache.contains(&format!("\"head\":\"{head}\"")),
        "an unverifiable result was cached"
    );
    // Where ssh-keygen runs, the same history verifies.
    let (code, report) = verify_json(repo.path(), &[]);
    assert_eq!((code, verdict_of(&report, "QT-07").as_str()), (0, "APPROVED"), "{report:#}");
}
