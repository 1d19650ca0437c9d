//! CI and team integration: the machine-readable formats, checking the index
//! and commits, git hooks, a real shared remote served by `git daemon`, and
//! shell completions.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::support::{TestRepo, git, qms, stdout};

const AUTHOR: &str = "pham-thi-dung";
const DEPUTY: &str = "tran-thi-binh";
const CHAIR: &str = "nguyen-van-an";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A repository with one broken document, whose problems hold `%`, `:`, `,`
/// and a line break, and a Vietnamese line before the column.
fn broken_repo() -> TestRepo {
    let repo = TestRepo::init("blank", "vi");
    repo.write(
        "documents/test/QT-50.md",
        "---\nid: QT-50\ntitle: Thử nghiệm\ntype: procedure\nowner: van-phong\napprovers: [role:thu-truong]\n\"a%b:c,d\": x\nlinks: [QT-99]\n---\nĐăng ký [liên kết](khong-co.md)\n",
    );
    repo.write("documents/test/QT-51.md", "---\nid: QT-51\nlinks: [Đăng, *neo]\n---\n");
    repo
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let repo = broken_repo();
    let output = repo.qms().args(["check", "--format", "sarif"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    // The published schema's `language` patterns have a stray `]`, which the
    // validator's regex engine rejects; mend those patterns in memory.
    fn mend(value: &mut Value) -> usize {
        match value {
            Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                1
            }
            Value::Array(items) => items.iter_mut().map(mend).sum(),
            Value::Object(map) => map.values_mut().map(mend).sum(),
            _ => 0,
        }
    }
    let mut schema = schema;
    assert!(mend(&mut schema) > 0);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let unknown = results.iter().find(|r| r["ruleId"] == "field/unknown").unwrap();
    assert_eq!(unknown["level"], "error");
    let location = &unknown["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "documents/test/QT-50.md");
    assert_eq!(location["region"]["startLine"], 7);
    // A rule for every id, with help text.
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "ref/link" && r["help"]["text"].is_string()));

    // A deliberately broken log fails the validator: the test can fail.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("catastrophic");
    assert!(!validator.is_valid(&broken));

    let verify = repo.qms().args(["verify", "--format", "sarif"]).output().unwrap();
    let verify: Value = serde_json::from_slice(&verify.stdout).unwrap();
    assert!(validator.is_valid(&verify));
}

#[test]
fn junit_output_has_the_shape_ci_servers_read() {
    let repo = broken_repo();
    let output = repo.qms().args(["check", "--format", "junit"]).output().unwrap();
    let xml = stdout(&output);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suite = root.children().find(|n| n.has_tag_name("testsuite")).unwrap();
    let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(suite.attribute("tests").unwrap().parse::<usize>().unwrap(), cases.len());
    assert!(cases.len() > 25, "a test case per checked file");
    let failed: Vec<_> = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).collect();
    assert_eq!(suite.attribute("failures"), Some(failed.len().to_string().as_str()));
    assert_eq!(failed[0].attribute("name"), Some("documents/test/QT-50.md"));
}

#[test]
fn github_annotations_escape_and_count_in_utf16() {
    let repo = broken_repo();
    let summary = repo.path().join("summary.md");
    let output = repo
        .qms()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.lines().any(|l| l == "::error file=documents/test/QT-50.md,line=7,title=field/unknown::không có trường `a%25b:c,d`%0Agợi ý: các trường hợp lệ: id, title, type, owner, author, reviewers, approvers, clauses, tthc, links, review_interval_months, objectives"),
        "{text}"
    );
    assert!(
        text.contains("::error file=documents/test/QT-50.md,line=10,title=markdown/broken-link::"),
        "{text}"
    );
    assert!(
        text.contains("::error file=documents/test/QT-51.md,line=3,col=15,title=yaml/alias::"),
        "{text}"
    );
    let summary = std::fs::read_to_string(summary).unwrap();
    assert!(summary.starts_with("### qms: 28 documents, 4 error(s)"), "{summary}");
    repo.qms()
        .args(["check", "--exit-zero"])
        .env("GITHUB_ACTIONS", "true")
        .assert()
        .success();

    let gitlab = repo.qms().args(["check", "--format", "gitlab"]).output().unwrap();
    let issues: Value = serde_json::from_slice(&gitlab.stdout).unwrap();
    let again: Value = serde_json::from_slice(&repo.qms().args(["check", "--format", "gitlab"]).output().unwrap().stdout).unwrap();
    assert_eq!(issues, again, "fingerprints are stable between runs");
    assert_eq!(issues[0]["location"]["path"], "documents/test/QT-50.md");
}

#[test]
fn check_reads_the_index_or_a_commit() {
    let repo = TestRepo::init("blank", "vi");
    let path = repo.find("documents/quy-trinh", "QT-01");
    let good = repo.read(&path);
    // Broken in the working tree only: --staged and --rev HEAD are clean.
    repo.write(&path, good.replace("owner: van-phong", "owner: khong-co"));
    repo.qms().args(["check", "--staged"]).assert().success();
    repo.qms().args(["check", "--rev", "HEAD"]).assert().success();
    repo.qms().arg("check").assert().code(1);
    // Staged: --staged sees it, even with the working tree fixed again.
    repo.git(&["add", &path]);
    repo.write(&path, &good);
    repo.qms()
        .args(["check", "--staged"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("ref/owner"));
    repo.qms().arg("check").assert().success();
    // Committed: --rev sees it.
    repo.git(&["commit", "-qm", "Đơn vị sai"]);
    repo.qms().args(["check", "--rev", "HEAD"]).assert().code(1);
    repo.qms().args(["check", "--rev", "HEAD~1"]).assert().success();
}

#[test]
fn the_pre_commit_hook_refuses_a_broken_document() {
    let repo = TestRepo::init("blank", "vi");
    repo.qms().args(["hook", "install", "--pre-commit"]).assert().success();
    let path = repo.find("documents/quy-trinh", "QT-01");
    let good = repo.read(&path);
    repo.write(&path, good.replace("owner: van-phong", "owner: khong-co"));
    repo.git(&["add", &path]);
    let commit = repo.git(&["commit", "-qm", "Sai"]);
    assert!(!commit.status.success(), "the hook refused the commit");
    assert!(stdout(&commit).contains("ref/owner") || stderr(&commit).contains("ref/owner"));
    repo.write(&path, good.replace("## 1. Mục đích", "## 1. Mục đích (sửa)"));
    repo.git(&["add", &path]);
    let commit = repo.git(&["commit", "-qm", "Đúng"]);
    assert!(commit.status.success(), "{}", stderr(&commit));
    // An existing foreign hook is kept unless --force.
    let hooks = repo.path().join(".git/hooks/pre-commit");
    std::fs::write(&hooks, "#!/bin/sh\necho mine\n").unwrap();
    repo.qms().args(["hook", "install", "--pre-commit"]).assert().code(2);
    assert_eq!(std::fs::read_to_string(&hooks).unwrap(), "#!/bin/sh\necho mine\n");
}

/// `git daemon` serving a folder of bare repositories on loopback; stopped on drop.
struct Daemon {
    child: Child,
    port: u16,
}

impl Daemon {
    fn start(base: &Path) -> Daemon {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("git")
            .args([
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--enable=receive-pack",
                "--listen=127.0.0.1",
            ])
            .arg(format!("--port={port}"))
            .arg(format!("--base-path={}", base.display()))
            .arg(base)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("git daemon starts");
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed().as_secs() < 20, "git daemon did not start");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Daemon { child, port }
    }

    fn url(&self, name: &str) -> String {
        format!("git://127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The agency's repository as a shared bare one with the server hook,
/// served by `git daemon`.
struct Shared {
    _dir: tempfile::TempDir,
    daemon: Daemon,
}

impl Shared {
    fn serve(origin: &TestRepo) -> Shared {
        let dir = tempfile::tempdir().unwrap();
        let bare = dir.path().join("ubnd.git");
        ok(git(
            dir.path(),
            &["clone", "-q", "--bare", origin.path().to_str().unwrap(), bare.to_str().unwrap()],
        ));
        ok(git(&bare, &["symbolic-ref", "HEAD", "refs/heads/master"]));
        ok(qms().args(["hook", "install", "--server"]).arg(&bare).output().unwrap());
        let daemon = Daemon::start(dir.path());
        Shared { _dir: dir, daemon }
    }

    /// A desk's clone, in `desks/name`.
    fn clone_into(&self, desks: &Path, name: &str) -> PathBuf {
        let dir = desks.join(name);
        ok(git(desks, &["clone", "-q", &self.daemon.url("ubnd.git"), dir.to_str().unwrap()]));
        dir
    }
}

fn as_user(dir: &Path, user: &str, args: &[&str]) -> std::process::Output {
    qms().arg("-C").arg(dir).env("QMS_USER", user).args(args).output().unwrap()
}

fn ok(output: std::process::Output) -> std::process::Output {
    assert!(output.status.success(), "{}{}", stdout(&output), stderr(&output));
    output
}

#[test]
fn two_officers_approve_in_parallel_through_a_real_remote() {
    // The agency's shared repository, with the server hook.
    let origin = TestRepo::init("commune", "vi");
    let id_path = |id: &str| -> String {
        let output = origin.qms().args(["show", id, "--format", "json"]).output().unwrap();
        let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
        doc["path"].as_str().unwrap().to_string()
    };
    for id in ["QT-07", "QT-08"] {
        ok(as_user(origin.path(), AUTHOR, &["submit", id]));
        ok(as_user(origin.path(), DEPUTY, &["review", id, "--accept"]));
    }
    let shared = Shared::serve(&origin);

    let desks = tempfile::tempdir().unwrap();
    let clone = |name: &str| shared.clone_into(desks.path(), name);
    let a = clone("van-phong");
    let b = clone("phong-van-hoa");

    // Both approve a different document; the first push lands.
    ok(as_user(&a, CHAIR, &["approve", "QT-07", "-m", "Ban hành QT-07"]));
    ok(as_user(&b, CHAIR, &["approve", "QT-08", "-m", "Ban hành QT-08"]));
    ok(git(&a, &["push", "-q", "origin", "HEAD:master"]));
    // The second is refused as non-fast-forward…
    let refused = git(&b, &["push", "origin", "HEAD:master"]);
    assert!(!refused.status.success(), "{}{}", stdout(&refused), stderr(&refused));
    assert!(
        stderr(&refused).contains("rejected") || stderr(&refused).contains("fetch first"),
        "{}",
        stderr(&refused)
    );
    // …so it pulls with rebase (the empty action commit is kept) and pushes again.
    ok(git(&b, &["pull", "-q", "--rebase", "origin", "master"]));
    ok(as_user(&b, AUTHOR, &["verify"]));
    ok(git(&b, &["push", "-q", "origin", "HEAD:master"]));

    // In the end both approvals are valid on the remote.
    let fresh = clone("kiem-tra");
    let list = as_user(&fresh, AUTHOR, &["list", "--type", "procedure", "--format", "json"]);
    let rows: Value = serde_json::from_slice(&list.stdout).unwrap();
    for id in ["QT-07", "QT-08"] {
        let row = rows.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
        assert_eq!((row["state"].as_str(), row["issue"].as_u64()), (Some("effective"), Some(1)), "{id}");
    }
    ok(as_user(&fresh, AUTHOR, &["verify"]));

    // A forged approval is refused by the hook, with the reason.
    ok(as_user(&a, AUTHOR, &["submit", "QT-09"]));
    ok(as_user(&a, DEPUTY, &["review", "QT-09", "--accept"]));
    ok(git(&a, &["pull", "-q", "--rebase", "origin", "master"]));
    let path = id_path("QT-09");
    let blob = stdout(&git(&a, &["rev-parse", &format!("HEAD:{path}")])).trim().to_string();
    let policy = stdout(&git(&a, &["rev-parse", "HEAD:.qms/signers.yaml"])).trim().to_string();
    let forged = format!(
        "qms: approve QT-09 (issue 1)\n\nQms-Action: approve\nQms-Document: QT-09\nQms-Path: {path}\nQms-Blob: {blob}\nQms-Signer: le-van-cuong\nQms-Role: thu-truong\nQms-Meaning: approval\nQms-Signed-At: 2026-11-22T09:00:00+07:00\nQms-Policy: {policy}\n"
    );
    ok(git(&a, &["commit", "-q", "--allow-empty", "-m", &forged]));
    let refused = git(&a, &["push", "-q", "origin", "HEAD:master"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("le-van-cuong không giữ vai trò thu-truong"),
        "{}",
        stderr(&refused)
    );

    // A force-push that drops history is refused too.
    ok(git(&a, &["fetch", "-q", "origin"]));
    ok(git(&a, &["reset", "-q", "--hard", "origin/master~2"]));
    ok(git(&a, &["commit", "-q", "--allow-empty", "-m", "Viết lại lịch sử"]));
    let refused = git(&a, &["push", "-q", "--force", "origin", "HEAD:master"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("rewrites history"), "{}", stderr(&refused));
}

/// Lists `key`'s public half for `person` in the policy text.
fn with_key(signers: &str, person: &str, key: &crate::support::Key) -> String {
    let mut signers = signers.to_string();
    let at = signers.find(&format!("  - id: {person}\n")).unwrap();
    let end = signers[at..].find("    status: active\n").unwrap() + at + "    status: active\n".len();
    signers.insert_str(end, &format!("    keys:\n      ssh: [\"{}\"]\n", key.public));
    signers
}

#[test]
fn sync_merges_so_that_signed_approvals_stay_signed_through_a_real_remote() {
    use crate::support::{key_arg, keygen};
    // The agency's repository requires signatures; the chair and the deputy have keys.
    let keys = tempfile::tempdir().unwrap();
    let (chair, deputy) = (keygen(keys.path(), "chair"), keygen(keys.path(), "deputy"));
    let origin = TestRepo::init("commune", "vi");
    let signers = with_key(&with_key(&origin.read(".qms/signers.yaml"), CHAIR, &chair), DEPUTY, &deputy);
    origin.write(".qms/signers.yaml", signers);
    origin.write("qms.yaml", origin.read("qms.yaml").replace("signing: none", "signing: required"));
    ok(origin.git(&["commit", "-qam", "Yêu cầu ký số"]));
    for file in [".qms/signers.yaml", "qms.yaml"] {
        ok(as_user(origin.path(), AUTHOR, &["submit", file]));
        ok(as_user(origin.path(), DEPUTY, &["review", file, "--accept"]));
        ok(as_user(origin.path(), CHAIR, &["approve", file]));
    }
    for id in ["QT-07", "QT-08"] {
        ok(as_user(origin.path(), DEPUTY, &["submit", id, "--key", key_arg(&deputy)]));
        ok(as_user(
            origin.path(),
            DEPUTY,
            &["review", id, "--accept", "--key", key_arg(&deputy)],
        ));
    }
    let shared = Shared::serve(&origin);
    let url = shared.daemon.url("ubnd.git");
    let desks = tempfile::tempdir().unwrap();
    let clone = |name: &str| shared.clone_into(desks.path(), name);
    let (a, b) = (clone("van-phong"), clone("phong-van-hoa"));

    // Two signed approvals in parallel; the second push is not a fast-forward.
    ok(as_user(&a, CHAIR, &["approve", "QT-07", "--key", key_arg(&chair)]));
    ok(as_user(&b, CHAIR, &["approve", "QT-08", "--key", key_arg(&chair)]));
    ok(git(&a, &["push", "-q", "origin", "HEAD:master"]));
    assert!(!git(&b, &["push", "-q", "origin", "HEAD:master"]).status.success());

    // A rebase would strip the signature: the hook refuses what it makes.
    let rebased = desks.path().join("rebased");
    ok(git(desks.path(), &["clone", "-q", b.to_str().unwrap(), rebased.to_str().unwrap()]));
    ok(git(&rebased, &["pull", "-q", "--rebase", &url, "master"]));
    let refused = git(&rebased, &["push", &url, "HEAD:master"]);
    assert!(!refused.status.success(), "a rebased, unsigned approval got in");
    assert!(stderr(&refused).contains("chưa được ký"), "{}", stderr(&refused));

    // `qms sync` merges instead: both approvals keep their signatures.
    ok(as_user(&b, AUTHOR, &["sync", "--push"]));
    let fresh = clone("kiem-tra");
    let report = as_user(&fresh, AUTHOR, &["verify", "--no-cache", "--format", "json"]);
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["ok"], true, "{report:#}");
    for id in ["QT-07", "QT-08"] {
        let doc = crate::support::verified_document(&report, id);
        assert_eq!(doc["verdict"], "APPROVED", "{doc:#}");
        let approval = crate::support::approval_of(doc);
        assert_eq!(approval["signature"]["status"], "verified", "{approval:#}");
    }
    // Nothing new: up to date; the other desk fast-forwards; and a conflict
    // leaves everything as it was.
    ok(as_user(&b, AUTHOR, &["sync"]));
    ok(as_user(&a, AUTHOR, &["sync"]));
    let path = "documents/quy-trinh";
    let file = std::fs::read_dir(a.join(path))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("QT-09"))
        .unwrap()
        .file_name();
    let relative = format!("{path}/{}", file.to_string_lossy());
    for (desk, text) in [(&a, "Bản của văn phòng\n"), (&b, "Bản của phòng văn hóa\n")] {
        std::fs::write(desk.join(&relative), text).unwrap();
        ok(git(desk, &["commit", "-qam", "Sửa QT-09"]));
    }
    ok(git(&a, &["push", "-q", "origin", "HEAD:master"]));
    let before = stdout(&git(&b, &["rev-parse", "HEAD"]));
    let conflict = as_user(&b, AUTHOR, &["sync"]);
    assert_eq!(conflict.status.code(), Some(2));
    assert!(stderr(&conflict).contains("conflict"), "{}", stderr(&conflict));
    assert_eq!(stdout(&git(&b, &["rev-parse", "HEAD"])), before);
    assert!(stdout(&git(&b, &["status", "--porcelain"])).is_empty());
}

#[test]
fn completions_load_in_bash_and_zsh() {
    let dir = tempfile::tempdir().unwrap();
    let bash = dir.path().join("qms.bash");
    std::fs::write(&bash, qms().args(["completions", "bash"]).output().unwrap().stdout).unwrap();
    let loaded = Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p qms", bash.display()))
        .output()
        .unwrap();
    assert!(loaded.status.success() && stdout(&loaded).contains("_qms"), "{}", stderr(&loaded));

    let zdir = dir.path().join("zfunc");
    std::fs::create_dir_all(&zdir).unwrap();
    std::fs::write(zdir.join("_qms"), qms().args(["completions", "zsh"]).output().unwrap().stdout).unwrap();
    let script = format!(
        "fpath=({} $fpath); autoload -U compinit; compinit -u -D; autoload -U +X _qms && whence -w _qms",
        zdir.display()
    );
    let loaded = Command::new("zsh")
        .args(["-f", "-c", &script])
        .output()
        .expect("zsh is installed (.ci/run installs it)");
    assert!(stdout(&loaded).contains("_qms: function"), "{}{}", stdout(&loaded), stderr(&loaded));

    let man = qms().arg("man").output().unwrap();
    assert!(stdout(&man).starts_with(".ie") && stdout(&man).contains(".SH NAME"));
}
