//! The large-corpus generator and the history cache (the figures themselves
//! are measured by `bench/run`, never by a test).

use std::path::Path;

use serde_json::Value;

use crate::support::{TestRepo, git, qms, stdout};

fn generate(dir: &Path, documents: &str, seed: &str) {
    let output = qms()
        .args(["demo", "--synthetic", documents, "--seed", seed])
        .arg(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn verify_json(dir: &Path) -> Value {
    let output = qms()
        .arg("-C")
        .arg(dir)
        .args(["--lang", "en", "verify", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_generated_corpus_is_valid_and_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    generate(&a.path().join("c"), "120", "7");
    generate(&b.path().join("c"), "120", "7");
    let head = |dir: &Path| stdout(&git(dir, &["rev-parse", "HEAD"]));
    assert_eq!(
        head(&a.path().join("c")),
        head(&b.path().join("c")),
        "the same seed gives the same commits"
    );
    let other = tempfile::tempdir().unwrap();
    generate(&other.path().join("c"), "120", "8");
    assert_ne!(head(&a.path().join("c")), head(&other.path().join("c")));

    let dir = a.path().join("c");
    qms().arg("-C").arg(&dir).arg("check").assert().success();
    let report = verify_json(&dir);
    assert_eq!(report["ok"], true, "{report:#}");
    let list = qms().arg("-C").arg(&dir).args(["list", "--format", "json"]).output().unwrap();
    let rows: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 120);
    let commits = stdout(&git(&dir, &["rev-list", "--count", "HEAD"]))
        .trim()
        .parse::<usize>()
        .unwrap();
    assert!(commits >= 3 * 120, "about three commits per document: {commits}");
}

fn states(dir: &Path) -> String {
    let output = qms().arg("-C").arg(dir).args(["list", "--format", "json"]).output().unwrap();
    stdout(&output) + &serde_json::to_string(&verify_json(dir)).unwrap()
}

fn cache_file(dir: &Path) -> std::path::PathBuf {
    dir.join(".git/qms/history-v2.json")
}

#[test]
fn the_cache_gives_the_same_results_as_a_cold_run() {
    let repo = TestRepo::init("commune", "vi");
    let dir = repo.path();
    let step = |user: &str, args: &[&str]| {
        let output = repo.qms().env("QMS_USER", user).args(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    };
    let cold = |dir: &Path| {
        std::fs::remove_dir_all(dir.join(".git/qms")).ok();
        states(dir)
    };
    // Several kinds of history, each compared warm (incremental) and cold.
    step("pham-thi-dung", &["submit", "QT-07", "QT-08"]);
    let warm = states(dir);
    assert!(cache_file(dir).exists());
    assert_eq!(warm, cold(dir));
    step("tran-thi-binh", &["review", "QT-07", "--reject", "-m", "Sửa"]);
    step("tran-thi-binh", &["review", "QT-08", "--accept"]);
    step("nguyen-van-an", &["approve", "QT-08"]);
    assert_eq!(states(dir), cold(dir));
    // A content change, a merge, a hand-written invalid approval.
    let path = repo.find("documents/quy-trinh", "QT-08");
    repo.write(&path, repo.read(&path) + "\nSửa.\n");
    repo.git(&["commit", "-qam", "Sửa QT-08"]);
    repo.git(&["checkout", "-q", "-b", "nhanh"]);
    repo.git(&[
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "qms: approve QT-09\n\nQms-Action: approve\nQms-Document: QT-09",
    ]);
    repo.git(&["checkout", "-q", "-"]);
    repo.git(&["merge", "-q", "--no-ff", "-m", "Gộp", "nhanh"]);
    let warm = states(dir);
    assert!(warm.contains("\"changed\"") && warm.contains("is missing"), "{warm}");
    assert_eq!(warm, cold(dir));
    // Packed as after a clone or `git gc`: trees come from the pack reader
    // instead of loose objects through libgit2.
    repo.git(&["repack", "-a", "-d", "-q"]);
    assert_eq!(warm, cold(dir));
}

/// Hands an approval of `id` binding `blob` to `git commit`, as a forger would.
fn forged_approval(dir: &Path, id: &str, path: &str, blob: &str) {
    let policy = stdout(&git(dir, &["rev-parse", "HEAD:.qms/signers.yaml"])).trim().to_string();
    let message = format!(
        "qms: approve {id} (issue 2)\n\nQms-Action: approve\nQms-Document: {id}\nQms-Path: {path}\nQms-Blob: {blob}\nQms-Signer: nguyen-van-an\nQms-Role: thu-truong\nQms-Meaning: approval\nQms-Signed-At: 2026-11-22T09:00:00+07:00\nQms-Policy: {policy}\n"
    );
    let output = git(dir, &["commit", "-q", "--allow-empty", "-m", &message]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_long_walk_looks_paths_up_ahead_and_judges_alike() {
    // Enough documents that the cold walk looks paths up on a second thread.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    generate(&dir, "700", "3");
    let folder = "documents/quy-trinh";
    let path_of = |id: &str| {
        let listing = stdout(&git(&dir, &["ls-files", folder]));
        listing.lines().find(|p| p.contains(&format!("/{id}-"))).unwrap().to_string()
    };
    let (qt_20, qt_21) = (path_of("QT-20"), path_of("QT-21"));
    // An approval binding another document's content, and one made after a
    // change (so in a new version of the folder) binding the old content.
    let other = stdout(&git(&dir, &["rev-parse", &format!("HEAD:{qt_21}")])).trim().to_string();
    forged_approval(&dir, "QT-20", &qt_20, &other);
    let old = stdout(&git(&dir, &["rev-parse", &format!("HEAD:{qt_21}")])).trim().to_string();
    std::fs::write(dir.join(&qt_21), std::fs::read_to_string(dir.join(&qt_21)).unwrap() + "\nSửa.\n").unwrap();
    git(&dir, &["commit", "-qam", "Sửa QT-21"]);
    forged_approval(&dir, "QT-21", &qt_21, &old);

    std::fs::remove_dir_all(dir.join(".git/qms")).ok();
    let cold = verify_json(&dir);
    let invalid: Vec<&str> = cold["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["verdict"] == "INVALID")
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(invalid, ["QT-20", "QT-21"], "{cold:#}");
    assert!(cold.to_string().contains("does not match"));
    // The same judgement from a walk too short to look ahead: the cache at
    // the generated history, then the four commits after it.
    std::fs::remove_dir_all(dir.join(".git/qms")).ok();
    git(&dir, &["checkout", "-q", "HEAD~3"]);
    verify_json(&dir);
    git(&dir, &["checkout", "-q", "-"]);
    assert_eq!(verify_json(&dir), cold);
}

#[test]
fn a_large_first_push_is_judged_by_the_server_hook() {
    // The hook runs with the pushed objects in quarantine and no cache: the
    // whole history is walked, looking paths up ahead on a second handle
    // opened from the hook's environment.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    generate(&dir, "700", "5");
    let bare = tmp.path().join("remote.git");
    assert!(git(tmp.path(), &["init", "-q", "--bare", bare.to_str().unwrap()]).status.success());
    qms().args(["hook", "install", "--server"]).arg(&bare).assert().success();
    let remote = bare.to_str().unwrap();
    let pushed = git(&dir, &["push", "-q", remote, "HEAD:refs/heads/main"]);
    assert!(pushed.status.success(), "{}", String::from_utf8_lossy(&pushed.stderr));

    let listing = stdout(&git(&dir, &["ls-files", "documents/quy-trinh"]));
    let path = listing.lines().find(|p| p.contains("/QT-30-")).unwrap().to_string();
    let neighbour = listing.lines().find(|p| p.contains("/QT-31-")).unwrap();
    let other = stdout(&git(&dir, &["rev-parse", &format!("HEAD:{neighbour}")])).trim().to_string();
    forged_approval(&dir, "QT-30", &path, &other);
    let refused = git(&dir, &["push", "-q", remote, "HEAD:refs/heads/main"]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("không khớp"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

#[test]
fn a_corrupt_or_stale_cache_is_rebuilt() {
    let repo = TestRepo::init("commune", "vi");
    let dir = repo.path();
    let step = |user: &str, args: &[&str]| {
        let output = repo.qms().env("QMS_USER", user).args(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    };
    step("pham-thi-dung", &["submit", "QT-07"]);
    step("tran-thi-binh", &["review", "QT-07", "--accept"]);
    step("nguyen-van-an", &["approve", "QT-07"]);
    let truth = states(dir);
    // Corrupt: a forged cache claiming QT-07 was never approved is detected.
    let text = std::fs::read_to_string(cache_file(dir)).unwrap();
    std::fs::write(cache_file(dir), text.replace("\"approve\"", "\"submit\"")).unwrap();
    assert_eq!(states(dir), truth);
    std::fs::write(cache_file(dir), "garbage").unwrap();
    assert_eq!(states(dir), truth);
    // Stale: history rewritten under the cache.
    let before = stdout(&repo.git(&["rev-parse", "HEAD~3"])).trim().to_string();
    repo.git(&["reset", "-q", "--hard", &before]);
    repo.git(&["commit", "-q", "--allow-empty", "-m", "Lịch sử khác"]);
    let rewritten = states(dir);
    assert!(rewritten.contains("\"draft\""), "QT-07 is a draft again");
    std::fs::remove_dir_all(dir.join(".git/qms")).unwrap();
    assert_eq!(states(dir), rewritten);
}

#[test]
fn generating_inside_another_repository_leaves_it_alone() {
    let outer = TestRepo::init("blank", "vi");
    let head = stdout(&outer.git(&["rev-parse", "HEAD"]));
    let inner = outer.path().join("target/bench/corpus");
    generate(&inner, "60", "1");
    qms().arg("demo").arg(outer.path().join("target/demo")).assert().success();
    qms().args(["init", "-q"]).arg(outer.path().join("sub/agency")).assert().success();
    assert_eq!(
        stdout(&outer.git(&["rev-parse", "HEAD"])),
        head,
        "nothing was committed to the enclosing repository"
    );
    for dir in [inner, outer.path().join("target/demo"), outer.path().join("sub/agency")] {
        assert!(dir.join(".git").is_dir(), "{} has its own repository", dir.display());
    }
}
