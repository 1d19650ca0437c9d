//! An incremental `qms build` writes exactly the folder a clean build
//! writes, whatever happened in between; it rewrites only what changed and,
//! with nothing changed, touches nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::handbook::{AUTHOR, HEAD, approve, approved_repo, build, ids, run};
use crate::support::{TestRepo, files_under as tree};

fn assert_same_tree(incremental: &Path, clean: &Path, after: &str) {
    let (incremental, clean) = (tree(incremental), tree(clean));
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&clean), "the files differ after {after}");
    for (name, bytes) in &clean {
        assert!(incremental[name] == *bytes, "{name} differs from a clean build after {after}");
    }
}

/// Deterministic random choices (xorshift), so a failing sequence repeats.
struct Choices(u64);

impl Choices {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// What can happen to a repository between two builds.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// A committed, unapproved edit of one document's text.
    Edit,
    /// Every pending edit and new document submitted, reviewed and approved.
    Approve,
    /// A new document, a draft.
    NewDraft,
    /// One of the documents this test added, approved, withdrawn.
    Withdraw,
    /// The handbook's page frame and style sheet changed and approved.
    Template,
    /// The agency's name changed in qms.yaml and approved.
    Config,
    /// A procedure of the catalogue renamed (the first time, added and
    /// named by a document).
    Catalog,
    /// Building with or without drafts from now on.
    ToggleDrafts,
    /// Building in the other language from now on.
    ToggleLanguage,
}

const STEPS: [Step; 9] = [
    Step::Edit,
    Step::Approve,
    Step::NewDraft,
    Step::Withdraw,
    Step::Template,
    Step::Config,
    Step::Catalog,
    Step::ToggleDrafts,
    Step::ToggleLanguage,
];

struct Sequence {
    repo: TestRepo,
    documents: Vec<String>,
    pending: Vec<String>,
    added: Vec<String>,
    withdrawn: Vec<String>,
    drafts: bool,
    english: bool,
    number: usize,
}

impl Sequence {
    fn take(&mut self, step: Step, choices: &mut Choices) {
        self.number += 1;
        let n = self.number;
        match step {
            Step::Edit => {
                let live: Vec<&String> = self.documents.iter().filter(|id| !self.withdrawn.contains(id)).collect();
                let id = live[choices.below(live.len())].clone();
                let path = self.path_of(&id);
                let text = self.repo.read(&path);
                self.repo.write(&path, format!("{text}\nĐoạn sửa lần {n}.\n"));
                self.repo.git(&["commit", "-qam", &format!("Sửa {id} lần {n}")]);
                if !self.pending.contains(&id) {
                    self.pending.push(id);
                }
            }
            Step::Approve if !self.pending.is_empty() => {
                approve(&self.repo, &self.pending, &format!("Ban hành lần {n}"));
                self.pending.clear();
            }
            Step::NewDraft => {
                let path = self
                    .repo
                    .new_document(AUTHOR, &["instruction", "--title", &format!("Hướng dẫn số {n}")]);
                let id = ids(&self.repo).into_iter().find(|id| path.contains(id.as_str())).unwrap();
                self.documents.push(id.clone());
                self.added.push(id.clone());
                self.pending.push(id);
            }
            Step::Withdraw => {
                let candidates: Vec<&String> = self
                    .added
                    .iter()
                    .filter(|id| !self.pending.contains(id) && !self.withdrawn.contains(id))
                    .collect();
                if let Some(id) = candidates.get(choices.below(candidates.len().max(1))).map(|id| (*id).clone()) {
                    run(&self.repo, HEAD, &["withdraw", &id, "-m", &format!("Thôi áp dụng lần {n}")]);
                    self.withdrawn.push(id);
                }
            }
            Step::Template => {
                if !self.repo.path().join("templates/handbook/base.html").exists() {
                    self.repo.qms().args(["templates", "eject"]).assert().success();
                }
                let css = "templates/handbook/assets/style.css";
                let base = "templates/handbook/base.html";
                self.repo.write(css, self.repo.read(css) + &format!("\n/* lần {n} */\n"));
                let frame = self.repo.read(base).replace(
                    "<footer class=\"site-footer\">",
                    &format!("<footer class=\"site-footer\">Lần {n} · "),
                );
                self.repo.write(base, frame);
                self.repo.git(&["add", "templates"]);
                self.repo.git(&["commit", "-qm", &format!("Mẫu trình bày lần {n}")]);
                approve(&self.repo, &[css.to_string(), base.to_string()], "Mẫu trình bày");
            }
            Step::Config => {
                let config = self.repo.read("qms.yaml");
                let name = config.lines().find(|l| l.trim_start().starts_with("name:")).unwrap().to_string();
                self.repo
                    .write("qms.yaml", config.replacen(&name, &format!("  name: Ủy ban nhân dân xã số {n}"), 1));
                self.repo.git(&["commit", "-qam", &format!("Đổi tên cơ quan lần {n}")]);
                approve(&self.repo, &["qms.yaml".to_string()], "Đổi tên cơ quan");
            }
            Step::Catalog => {
                let catalog = format!("procedures:\n  - code: \"1.000001\"\n    name: Thủ tục đặt tên lần {n}\n");
                let first = !self.repo.read("catalog/tthc.yaml").contains("1.000001");
                self.repo.write("catalog/tthc.yaml", catalog);
                if first {
                    let id = self.documents[0].clone();
                    let path = self.path_of(&id);
                    let text = self.repo.read(&path);
                    let id_line = text.lines().find(|l| l.starts_with("id:")).unwrap().to_string();
                    self.repo
                        .write(&path, text.replacen(&id_line, &format!("{id_line}\ntthc: [\"1.000001\"]"), 1));
                    if !self.pending.contains(&id) {
                        self.pending.push(id);
                    }
                }
                self.repo.git(&["commit", "-qam", &format!("Danh mục lần {n}")]);
            }
            Step::ToggleDrafts => self.drafts = !self.drafts,
            Step::ToggleLanguage => self.english = !self.english,
            Step::Approve => {}
        }
    }

    fn path_of(&self, id: &str) -> String {
        let output = self.repo.qms().args(["show", id, "--format", "json"]).output().unwrap();
        let shown: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        shown["path"].as_str().unwrap().to_string()
    }

    fn flags(&self) -> Vec<&'static str> {
        let mut flags = Vec::new();
        if self.drafts {
            flags.push("--drafts");
        }
        if self.english {
            flags.extend(["--lang", "en"]);
        }
        flags
    }

    /// Builds into public/ (incremental, with the caches of `.git/qms/`)
    /// and into a new folder (clean: without them), and compares them.
    fn check(&self, after: &str) {
        let flags = self.flags();
        let output = build(&self.repo, &flags);
        assert!(output.status.success(), "{after}: {}", String::from_utf8_lossy(&output.stderr));
        let clean = tempfile::tempdir().unwrap();
        let clean_out = clean.path().join("site");
        let (caches, aside) = (self.repo.path().join(".git/qms"), clean.path().join("caches"));
        std::fs::rename(&caches, &aside).unwrap();
        let output = build(&self.repo, &[flags.as_slice(), &["--out", clean_out.to_str().unwrap()]].concat());
        std::fs::remove_dir_all(&caches).unwrap();
        std::fs::rename(&aside, &caches).unwrap();
        assert!(output.status.success(), "{after}: {}", String::from_utf8_lossy(&output.stderr));
        assert_same_tree(&self.repo.path().join("public"), &clean_out, after);
    }
}

#[test]
fn an_incremental_build_equals_a_clean_one_after_any_sequence_of_changes() {
    for seed in [0x9e37_79b9_7f4a_7c15_u64, 0xdead_beef_cafe_f00d] {
        let repo = approved_repo();
        let documents = ids(&repo);
        let mut sequence = Sequence {
            repo,
            documents,
            pending: Vec::new(),
            added: Vec::new(),
            withdrawn: Vec::new(),
            drafts: false,
            english: false,
            number: 0,
        };
        let mut choices = Choices(seed);
        sequence.check("the first build");
        let mut taken = Vec::new();
        for _ in 0..12 {
            let step = STEPS[choices.below(STEPS.len())];
            sequence.take(step, &mut choices);
            taken.push(step);
            sequence.check(&format!("{taken:?} (seed {seed:#x})"));
        }
    }
}

/// Sets every file's modification time under `dir` to `time`.
fn age(dir: &Path, time: SystemTime) {
    for (name, _) in tree(dir) {
        std::fs::File::options()
            .write(true)
            .open(dir.join(name))
            .unwrap()
            .set_modified(time)
            .unwrap();
    }
}

fn untouched(dir: &Path, time: SystemTime) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|name| std::fs::metadata(dir.join(name)).unwrap().modified().unwrap() == time)
        .collect()
}

#[test]
fn a_build_rewrites_only_what_changed_and_nothing_when_nothing_did() {
    let repo = approved_repo();
    repo.new_document(AUTHOR, &["instruction", "--title", "Hướng dẫn nháp"]);
    let public = repo.path().join("public");
    assert!(build(&repo, &["--drafts"]).status.success());
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(946_684_800);
    age(&public, long_ago);
    let all = tree(&public).len();

    assert!(build(&repo, &["--drafts"]).status.success());
    assert_eq!(
        untouched(&public, long_ago).len(),
        all,
        "a build with nothing changed rewrote files"
    );

    let path = repo.find("documents/huong-dan", "HD-01");
    repo.write(&path, repo.read(&path) + "\nMột đoạn mới.\n");
    repo.git(&["commit", "-qam", "Sửa bản nháp"]);
    assert!(build(&repo, &["--drafts"]).status.success());
    let kept = untouched(&public, long_ago);
    assert!(!kept.contains(&"HD-01.html".to_string()), "the changed page was not rewritten");
    assert!(kept.contains(&"QT-01.html".to_string()), "an unchanged page was rewritten");
    assert!(kept.len() * 2 > all, "{} of {all} files rewritten for one page", all - kept.len());

    // Without drafts the draft's page goes.
    assert!(build(&repo, &[]).status.success());
    assert!(!public.join("HD-01.html").exists());
}

#[test]
fn a_folder_qms_did_not_write_is_never_overwritten() {
    let repo = approved_repo();
    let mine = repo.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "ghi chép của tôi").unwrap();
    let output = build(&repo, &["--out", mine.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("không do qms build ghi"));
    assert_eq!(tree(&mine).len(), 1);
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "ghi chép của tôi");
    // Nothing is left beside it either.
    let beside: Vec<String> = std::fs::read_dir(repo.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".qms-build"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

/// A body that names an id no document has links to it once a document
/// has that id, though its own file did not change: what a body asked of
/// the site is asked again on every build, and other answers mean it is
/// rendered again.
#[test]
fn a_body_links_a_document_that_appears_after_it() {
    let repo = approved_repo();
    let path = repo.find("documents/quy-trinh", "QT-01");
    let text = repo.read(&path);
    repo.write(&path, text.replace("## 1. Mục đích", "## 1. Mục đích\n\nXem thêm QT-99."));
    repo.git(&["commit", "-qam", "Nhắc QT-99"]);
    approve(&repo, &["QT-01".to_string()], "Nhắc QT-99");
    let output = build(&repo, &["--drafts"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = repo.read("public/QT-01.html");
    assert!(page.contains("Xem thêm QT-99") && !page.contains("href=\"QT-99.html\""), "{page}");

    let other = repo.read(&repo.find("documents/quy-trinh", "QT-02"));
    repo.write(
        "documents/quy-trinh/QT-99-quy-trinh-moi.md",
        other.replacen("id: QT-02", "id: QT-99", 1),
    );
    repo.git(&["add", "documents"]);
    repo.git(&["commit", "-qm", "Thêm QT-99"]);
    let output = build(&repo, &["--drafts"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = repo.read("public/QT-01.html");
    assert!(page.contains("href=\"QT-99.html\""), "QT-01 does not link the new QT-99: {page}");
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("site");
    let output = build(&repo, &["--drafts", "--out", clean_out.to_str().unwrap()]);
    assert!(output.status.success());
    assert_same_tree(&repo.path().join("public"), &clean_out, "a new document an old one names");
}
