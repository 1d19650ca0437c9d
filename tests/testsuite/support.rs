//! `TestRepo`: a throwaway QMS repository in a temp dir, with a fixed clock
//! and fixed git identity so that commit ids are stable.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub(crate) const TIMESTAMP: &str = "2026-11-22T09:00:00+07:00";

pub(crate) struct TestRepo {
    pub dir: tempfile::TempDir,
}

/// A `qms` command with a clean, reproducible environment.
pub(crate) fn qms() -> Command {
    let mut cmd = Command::cargo_bin("qms").expect("the qms binary is built");
    cmd.env("QMS_TIMESTAMP", TIMESTAMP)
        .env_remove("QMS_USER")
        // Outside a repository the locale picks the language: none here, so
        // every machine runs the suite in the default, Vietnamese.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.gov.vn");
    cmd
}

/// The real `git`, configured like `qms()`.
pub(crate) fn git(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.gov.vn")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.gov.vn")
        .env("GIT_AUTHOR_DATE", TIMESTAMP)
        .env("GIT_COMMITTER_DATE", TIMESTAMP)
        .output()
        .expect("git runs")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

impl TestRepo {
    /// An empty temp dir.
    pub(crate) fn empty() -> TestRepo {
        TestRepo {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A repository made by `qms init` with the given profile and language.
    pub(crate) fn init(profile: &str, lang: &str) -> TestRepo {
        let repo = TestRepo::empty();
        qms()
            .args(["--lang", lang, "init", "--profile", profile, "-q"])
            .arg(repo.path())
            .assert()
            .success();
        repo
    }

    /// A copy of the bundled example agency (no git history).
    pub(crate) fn example() -> TestRepo {
        let repo = TestRepo::empty();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ubnd-xa-hoa-binh"),
            repo.path(),
        );
        repo
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `qms -C <repo> …`
    pub(crate) fn qms(&self) -> Command {
        let mut cmd = qms();
        cmd.arg("-C").arg(self.path());
        cmd
    }

    /// `qms -C <repo> …` acting as `user` (QMS_USER).
    pub(crate) fn as_user(&self, user: &str) -> Command {
        let mut cmd = self.qms();
        cmd.env("QMS_USER", user);
        cmd
    }

    pub(crate) fn git(&self, args: &[&str]) -> Output {
        git(self.path(), args)
    }

    pub(crate) fn write(&self, relative: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    /// `qms new …` as `user`, then the template's instructions (`[[…]]`)
    /// replaced by written text and committed, as an author would before
    /// submitting. Returns the new file's path.
    pub(crate) fn new_document(&self, user: &str, args: &[&str]) -> String {
        let output = self.as_user(user).arg("new").args(args).output().unwrap();
        assert!(
            output.status.success(),
            "qms new {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let path = stdout(&output).trim().to_string();
        let mut text = self.read(&path);
        while let Some(start) = text.find("[[") {
            let Some(end) = text[start..].find("]]") else { break };
            text.replace_range(start..start + end + 2, "Nội dung do tác giả viết");
        }
        self.write(&path, text);
        self.git(&["commit", "-qam", "Viết nội dung"]);
        path
    }

    pub(crate) fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative)).unwrap()
    }

    /// The file under `dir` whose name starts with `prefix`.
    pub(crate) fn find(&self, dir: &str, prefix: &str) -> String {
        let entries = std::fs::read_dir(self.path().join(dir)).unwrap();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(prefix) {
                return format!("{dir}/{name}");
            }
        }
        panic!("no {prefix}* in {dir}");
    }

    /// `qms check --format json`, parsed.
    pub(crate) fn check_json(&self) -> serde_json::Value {
        let output = self.qms().args(["check", "--format", "json"]).output().unwrap();
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)))
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// An SSH key pair made with the real `ssh-keygen`.
pub(crate) struct Key {
    pub private: PathBuf,
    pub public: String,
}

pub(crate) fn keygen(dir: &Path, name: &str) -> Key {
    let private = dir.join(name);
    let output = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&private)
        .output()
        .expect("ssh-keygen runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let public = std::fs::read_to_string(private.with_extension("pub")).unwrap().trim().to_string();
    Key { private, public }
}

/// The `--key` argument for a key.
pub(crate) fn key_arg(key: &Key) -> &str {
    key.private.to_str().unwrap()
}

/// Everything written below `dir`, binary files included (read lossily), to
/// show what a build did or did not publish; empty when `dir` is missing.
pub(crate) fn all_text(dir: &Path) -> String {
    files_under(dir).values().map(|bytes| String::from_utf8_lossy(bytes)).collect()
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes
/// (none when `dir` does not exist).
pub(crate) fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, relative: &str, files: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir.join(relative)).into_iter().flatten().flatten() {
            let name = format!("{relative}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                walk(dir, &format!("{name}/"), files);
            } else {
                files.insert(name, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut files = std::collections::BTreeMap::new();
    walk(dir, "", &mut files);
    files
}

/// The entry of document `id` in `qms verify --format json`'s report.
pub(crate) fn verified_document<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {report:#}"))
}

/// A document's approval step in that report.
pub(crate) fn approval_of(document: &serde_json::Value) -> &serde_json::Value {
    document["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["action"] == "approve")
        .unwrap_or_else(|| panic!("no approval in {document:#}"))
}

/// Words of English prose that must not reach a person in a `vi`
/// repository (command names, ids and git terms aside).
pub(crate) const ENGLISH_WORDS: &[&str] = &[
    " the ",
    " is ",
    " not ",
    " of ",
    " and ",
    " approved",
    " invalid",
    " signature",
    " verified",
    " document",
];
