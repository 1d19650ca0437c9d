//! One answer: on random histories — branches, merges in both parent orders,
//! policy changes on one side, orphan merges, rebases, replays — `qms verify`
//! run cold, continued from the cache and incrementally, and the server hook
//! all give the same verdicts.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

use crate::support::{TestRepo, git, qms, stdout};

const AUTHOR: &str = "pham-thi-dung";
const DEPUTY: &str = "tran-thi-binh";
const CHAIR: &str = "nguyen-van-an";
const DOCS: [&str; 3] = ["QT-07", "QT-08", "QT-09"];
const BRANCHES: [&str; 2] = ["master", "side"];

#[derive(Debug, Clone)]
enum Op {
    /// The next workflow step on a document (submit, review, approve).
    Step { doc: usize, branch: usize },
    /// A content change of a document.
    Edit { doc: usize, branch: usize },
    /// A change of the signer policy, submitted, reviewed and approved.
    Policy { branch: usize },
    /// One branch merged into the other, the other's history first or second.
    Merge { into: usize, other_first: bool },
    /// An unrelated history with a forged approval, merged in.
    Orphan { into: usize, orphan_first: bool },
    /// The other branch's tip replayed here (`git cherry-pick`).
    Replay { branch: usize },
    /// This branch rebased onto the other.
    Rebase { branch: usize },
    /// `qms verify` now, leaving a cache for the next run to continue.
    Verify,
}

fn op() -> impl Strategy<Value = Op> {
    let doc = 0..DOCS.len();
    let branch = 0..BRANCHES.len();
    prop_oneof![
        4 => (doc.clone(), branch.clone()).prop_map(|(doc, branch)| Op::Step { doc, branch }),
        2 => (doc, branch.clone()).prop_map(|(doc, branch)| Op::Edit { doc, branch }),
        1 => branch.clone().prop_map(|branch| Op::Policy { branch }),
        2 => (branch.clone(), any::<bool>()).prop_map(|(into, other_first)| Op::Merge { into, other_first }),
        1 => (branch.clone(), any::<bool>()).prop_map(|(into, orphan_first)| Op::Orphan { into, orphan_first }),
        1 => branch.clone().prop_map(|branch| Op::Replay { branch }),
        1 => branch.prop_map(|branch| Op::Rebase { branch }),
        1 => Just(Op::Verify),
    ]
}

struct World {
    repo: TestRepo,
    paths: Vec<String>,
    orphans: usize,
}

impl World {
    fn new() -> World {
        let repo = TestRepo::init("commune", "vi");
        let paths = DOCS
            .iter()
            .map(|id| {
                let output = repo.qms().args(["show", id, "--format", "json"]).output().unwrap();
                serde_json::from_slice::<Value>(&output.stdout).unwrap()["path"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert!(repo.git(&["branch", "side"]).status.success());
        World { repo, paths, orphans: 0 }
    }

    fn git(&self, args: &[&str]) -> Output {
        self.repo.git(args)
    }

    fn on(&self, branch: usize) {
        assert!(self.git(&["checkout", "-q", BRANCHES[branch]]).status.success());
    }

    fn qms_as(&self, user: &str, args: &[&str]) -> bool {
        self.repo.as_user(user).args(args).output().unwrap().status.success()
    }

    fn advance(&self, id: &str) {
        let _ = self.qms_as(CHAIR, &["approve", id])
            || self.qms_as(DEPUTY, &["review", id, "--accept"])
            || self.qms_as(AUTHOR, &["submit", id]);
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Step { doc, branch } => {
                self.on(branch);
                self.advance(DOCS[doc]);
            }
            Op::Edit { doc, branch } => {
                self.on(branch);
                let text = self.repo.read(&self.paths[doc]);
                self.repo
                    .write(&self.paths[doc], format!("{text}\nSửa đổi trên {}.\n", BRANCHES[branch]));
                let _ = self.git(&["commit", "-qam", "Sửa nội dung"]);
            }
            Op::Policy { branch } => {
                self.on(branch);
                let text = self.repo.read(".qms/signers.yaml");
                self.repo
                    .write(".qms/signers.yaml", format!("{text}# Cập nhật trên {}\n", BRANCHES[branch]));
                let _ = self.git(&["commit", "-qam", "Cập nhật chính sách người ký"]);
                for _ in 0..3 {
                    self.advance(".qms/signers.yaml");
                }
            }
            Op::Merge { into, other_first } => {
                let (here, there) = (BRANCHES[into], BRANCHES[1 - into]);
                if other_first {
                    self.merge_with_first_parent(there, here);
                } else {
                    self.on(into);
                    self.merge_or_abort(there);
                }
            }
            Op::Orphan { into, orphan_first } => {
                self.orphans += 1;
                let orphan = format!("orphan-{}", self.orphans);
                self.on(into);
                assert!(self.git(&["checkout", "-q", "--orphan", &orphan]).status.success());
                let text = self.repo.read(".qms/signers.yaml");
                self.repo.write(
                    ".qms/signers.yaml",
                    text.replacen("roles: [truong-don-vi, danh-gia-vien]", "roles: [thu-truong, pho-thu-truong]", 1),
                );
                let _ = self.git(&["add", "-A"]);
                let _ = self.git(&["commit", "-qm", "Khởi tạo"]);
                self.forge_approval(DOCS[0], 0);
                let here = BRANCHES[into];
                if orphan_first {
                    self.merge_with_first_parent(&orphan, here);
                } else {
                    self.on(into);
                    self.merge_or_abort(&format!("--allow-unrelated-histories {orphan}"));
                }
            }
            Op::Replay { branch } => {
                self.on(branch);
                let tip = self.rev(BRANCHES[1 - branch]);
                if !self
                    .git(&["cherry-pick", "--allow-empty", "--keep-redundant-commits", &tip])
                    .status
                    .success()
                {
                    let _ = self.git(&["cherry-pick", "--abort"]);
                }
            }
            Op::Rebase { branch } => {
                self.on(branch);
                if !self.git(&["rebase", "-q", BRANCHES[1 - branch]]).status.success() {
                    let _ = self.git(&["rebase", "--abort"]);
                }
            }
            Op::Verify => {
                self.on(0);
                let _ = self.repo.qms().args(["verify"]).output().unwrap();
            }
        }
    }

    fn rev(&self, spec: &str) -> String {
        stdout(&self.git(&["rev-parse", spec])).trim().to_string()
    }

    /// A hand-written approval of `id` on HEAD by a unit head.
    fn forge_approval(&self, id: &str, doc: usize) {
        let path = &self.paths[doc];
        let blob = self.rev(&format!("HEAD:{path}"));
        let policy = self.rev("HEAD:.qms/signers.yaml");
        let message = format!(
            "qms: approve {id} (issue 1)\n\nQms-Action: approve\nQms-Document: {id}\nQms-Path: {path}\nQms-Blob: {blob}\nQms-Signer: le-van-cuong\nQms-Role: thu-truong\nQms-Meaning: approval\nQms-Signed-At: 2026-11-22T09:00:00+07:00\nQms-Policy: {policy}\n"
        );
        assert!(self.git(&["commit", "-q", "--allow-empty", "-m", &message]).status.success());
    }

    fn merge_or_abort(&self, what: &str) {
        let mut args = vec!["merge", "-q", "--no-edit", "-X", "ours"];
        args.extend(what.split(' '));
        if !self.git(&args).status.success() {
            let _ = self.git(&["merge", "--abort"]);
        }
    }

    /// A merge of `second` into `first`, stored as the new tip of `second`:
    /// the branch gains a merge whose first parent is the other history.
    fn merge_with_first_parent(&self, first: &str, second: &str) {
        assert!(self.git(&["checkout", "-q", "--detach", first]).status.success());
        let merged = self
            .git(&["merge", "-q", "--no-edit", "--allow-unrelated-histories", "-X", "theirs", second])
            .status
            .success();
        if merged {
            let tip = self.rev("HEAD");
            assert!(self.git(&["branch", "-f", second, &tip]).status.success());
        } else {
            let _ = self.git(&["merge", "--abort"]);
        }
        assert!(self.git(&["checkout", "-q", "-f", second]).status.success());
    }

    fn verify(&self, extra: &[&str]) -> Value {
        let output = self.repo.qms().args(["verify", "--format", "json"]).args(extra).output().unwrap();
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)))
    }

    /// What the server hook says of the whole history pushed to an empty
    /// shared repository pinned to the same trust root: the commits it
    /// refuses.
    fn hook_refusals(&self, work: &Path) -> (bool, BTreeSet<String>) {
        let bare = work.join(format!("shared-{}.git", self.orphans));
        let _ = std::fs::remove_dir_all(&bare);
        assert!(git(work, &["init", "-q", "--bare", bare.to_str().unwrap()]).status.success());
        let root = stdout(&self.git(&["config", "qms.trustRoot"])).trim().to_string();
        assert!(git(&bare, &["config", "qms.trustRoot", &root]).status.success());
        assert!(
            qms()
                .args(["hook", "install", "--server"])
                .arg(&bare)
                .output()
                .unwrap()
                .status
                .success()
        );
        let pushed = self.git(&["push", "-q", bare.to_str().unwrap(), "master:master"]);
        let said = String::from_utf8_lossy(&pushed.stderr).into_owned();
        let refused: BTreeSet<String> = said
            .lines()
            .filter_map(|l| l.split(": commit ").nth(1))
            .filter_map(|rest| rest.split_whitespace().next())
            .map(str::to_string)
            .collect();
        (pushed.status.success(), refused)
    }
}

/// The commits `verify` finds invalid or malformed, by short id, and
/// whether the history as a whole has a problem the hook refuses.
fn invalid_commits(report: &Value) -> (BTreeSet<String>, bool) {
    let mut commits = BTreeSet::new();
    for doc in report["documents"].as_array().unwrap() {
        for signature in doc["signatures"].as_array().unwrap() {
            if !signature["problems"].as_array().unwrap().is_empty() {
                commits.insert(signature["commit"].as_str().unwrap()[..12].to_string());
            }
        }
    }
    for commit in report["malformed"].as_array().unwrap() {
        commits.insert(commit["commit"].as_str().unwrap()[..12].to_string());
    }
    let history_problem = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| !p.as_str().unwrap().contains("changed without approval"));
    (commits, history_problem)
}

#[test]
fn verify_gives_one_answer_cold_warm_incremental_and_in_the_hook() {
    let config = Config {
        cases: std::env::var("QMS_AGREEMENT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[14; 32]));
    let work = tempfile::tempdir().unwrap();
    runner
        .run(&proptest::collection::vec(op(), 4..12), |ops| {
            let mut world = World::new();
            for op in &ops {
                world.apply(op);
            }
            world.on(0);
            let cold = world.verify(&["--no-cache"]);
            let warm = world.verify(&[]);
            prop_assert_eq!(&cold, &warm, "continued from the cache after {:?}", ops);
            let again = world.verify(&[]);
            prop_assert_eq!(&cold, &again, "read from the cache after {:?}", ops);
            let (accepted, refused) = world.hook_refusals(work.path());
            let (invalid, history_problem) = invalid_commits(&cold);
            prop_assert_eq!(accepted, invalid.is_empty() && !history_problem, "hook after {:?}: {:#}", ops, cold);
            prop_assert_eq!(refused, invalid, "hook after {:?}", ops);
            Ok(())
        })
        .unwrap();
}
