//! The git layer: the only module that touches git2. The rest of `qms` sees
//! [`DocRepo`] and plain Rust types.
//!
//! Writes follow one discipline: objects first, then the branch moves by
//! compare-and-swap, then (for new files only) the index learns about them.
//! The user's staged and unstaged work is never swept into a `qms` commit.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::msg;
use anyhow::{Context, Result, anyhow, bail};
use git2::{ErrorCode, Repository, RepositoryState, Status, StatusOptions};

mod oid;
mod pack;
#[cfg(test)]
mod pack_tests;
mod recent;
#[cfg(test)]
mod status_tests;
mod tree;

pub(crate) use oid::{BlobId, CommitId, short};

/// Our id of a commit git made.
fn commit_id(id: git2::Oid) -> CommitId {
    CommitId::trusted(id.to_string())
}
use tree::{EntryKind, Trees};

/// What git says about a file in the working tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FileState {
    /// Not known to git yet.
    Untracked,
    /// Staged for the next commit but never committed.
    Added,
    /// Committed, with changes in the index or the working tree.
    Modified,
    /// Committed and unchanged.
    Committed,
}

/// One commit as the history walk sees it.
#[derive(Debug, Clone)]
pub(crate) struct CommitInfo {
    pub id: CommitId,
    pub parents: Vec<CommitId>,
    pub tree: String,
    pub message: String,
    pub author: Identity,
    /// Committer time, seconds since the epoch.
    pub time: i64,
    /// Whether the commit carries a signature (`gpgsig` header); read it
    /// with [`DocRepo::signature`].
    pub signed: bool,
}

/// What `sync` did to the branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SyncOutcome {
    /// The remote had nothing new.
    UpToDate,
    /// The branch moved to the remote's commit.
    FastForward,
    /// A merge commit joins both: every commit, signatures included, is kept.
    Merged,
}

/// Given a commit's bytes, returns the armored signature over them.
pub(crate) type Signer<'a> = &'a dyn Fn(&[u8]) -> Result<String>;

/// An action commit to write: its message, who it is by, when, and how to
/// sign it.
pub(crate) struct ActionCommit<'a> {
    pub message: String,
    pub author: Identity,
    pub when: jiff::Zoned,
    pub sign: Option<Signer<'a>>,
}

/// A content commit a command writes: files to add or replace (paths
/// relative to the QMS root), with its message, author and time.
pub(crate) struct ContentCommit {
    pub changes: Vec<(PathBuf, Vec<u8>)>,
    pub message: String,
    pub author: Identity,
    pub when: jiff::Zoned,
}

/// A commit to append in bulk: its message, author and time, and the files
/// it changes (none for an action commit, whose tree is its parent's).
pub(crate) struct RawCommit {
    pub message: String,
    pub author: Identity,
    pub when: jiff::Zoned,
    pub changes: Vec<(PathBuf, Vec<u8>)>,
}

/// A file as the index or a commit holds it.
#[derive(Debug, Clone)]
pub(crate) enum SnapshotEntry {
    File(Vec<u8>),
    Symlink(String),
}

/// Who a commit is by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    pub name: String,
    pub email: String,
}

impl Identity {
    /// The author when nobody is named and git has no identity either.
    pub(crate) fn fallback() -> Identity {
        Identity {
            name: "qms".into(),
            email: "qms@localhost".into(),
        }
    }
}

pub(crate) struct DocRepo {
    repo: Repository,
    /// The QMS root relative to the git work tree ("" when they are the same).
    prefix: PathBuf,
    /// Whether derived data may be cached under `.git/qms/` (not in a hook,
    /// where the pushed objects are still in quarantine).
    cacheable: bool,
    /// Trees read for path lookups, opened on first use.
    trees: RefCell<Option<Trees>>,
}

impl DocRepo {
    /// Opens the git repository that contains `qms_root`.
    pub(crate) fn open(qms_root: &Path) -> Result<DocRepo> {
        configure_libgit2();
        let repo = Repository::discover(qms_root).with_context(|| msg!("error-not-in-git", path = qms_root.display()))?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| msg!("error-bare-repository", path = repo.path().display()))?;
        let root = qms_root
            .canonicalize()
            .with_context(|| msg!("error-read", path = qms_root.display()))?;
        let workdir = workdir
            .canonicalize()
            .with_context(|| msg!("error-read", path = workdir.display()))?;
        let prefix = root.strip_prefix(&workdir).unwrap_or(Path::new("")).to_path_buf();
        Ok(DocRepo {
            repo,
            prefix,
            cacheable: true,
            trees: RefCell::new(None),
        })
    }

    /// Opens the repository that contains `qms_root`, or `None` when there
    /// is none; any other failure to open it is an error.
    pub(crate) fn open_if_any(qms_root: &Path) -> Result<Option<DocRepo>> {
        match Repository::discover(qms_root) {
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(anyhow::Error::new(e).context(msg!("error-open-git", path = qms_root.display()))),
            Ok(_) => Self::open(qms_root).map(Some),
        }
    }

    /// Opens a bare repository (a shared one on a server) by its path.
    pub(crate) fn open_bare(path: &Path) -> Result<DocRepo> {
        configure_libgit2();
        let repo = Repository::open_bare(path).with_context(|| format!("{} is not a bare git repository", path.display()))?;
        Ok(DocRepo {
            repo,
            prefix: PathBuf::new(),
            cacheable: false,
            trees: RefCell::new(None),
        })
    }

    /// The root commits (commits without parents) reachable from `commit`.
    pub(crate) fn roots(&self, commit: &str) -> Result<Vec<CommitId>> {
        let mut walk = self.repo.revwalk()?;
        walk.push(oid(commit)?)?;
        let mut roots = Vec::new();
        for id in walk {
            let id = id?;
            if self.repo.find_commit(id)?.parent_count() == 0 {
                roots.push(commit_id(id));
            }
        }
        Ok(roots)
    }

    /// Opens the repository a git hook runs in, as git describes it in the
    /// environment (GIT_DIR, and the quarantine of objects being pushed). The
    /// QMS root is the repository's root.
    pub(crate) fn open_from_env() -> Result<DocRepo> {
        configure_libgit2();
        let repo = Repository::open_from_env().context(msg!("error-hook-repository"))?;
        Ok(DocRepo {
            repo,
            prefix: PathBuf::new(),
            cacheable: false,
            trees: RefCell::new(None),
        })
    }

    /// A second handle on the same repository, for another thread: libgit2
    /// handles are not shared between threads.
    pub(crate) fn reopen(&self) -> Result<DocRepo> {
        // Only a hook's repository is not cacheable; it is found through
        // the environment git gives the hook (its quarantine included).
        let repo = if self.cacheable {
            Repository::open(self.repo.path())?
        } else {
            Repository::open_from_env()?
        };
        Ok(DocRepo {
            repo,
            prefix: self.prefix.clone(),
            cacheable: self.cacheable,
            trees: RefCell::new(None),
        })
    }

    /// Commits reachable from `new` and not from `old` (or any commit when
    /// `old` is None), oldest first.
    pub(crate) fn new_commits(&self, new: &str, old: Option<&str>) -> Result<Vec<CommitId>> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
        walk.push(oid(new)?)?;
        if let Some(old) = old {
            walk.hide(oid(old)?)?;
        }
        walk.map(|id| Ok(commit_id(id?))).collect()
    }

    /// Every commit reachable from `commit`, itself included.
    pub(crate) fn ancestors(&self, commit: &str) -> Result<std::collections::HashSet<CommitId>> {
        let mut walk = self.repo.revwalk()?;
        walk.push(oid(commit)?)?;
        walk.map(|id| Ok(commit_id(id?))).collect()
    }

    /// A value of git's configuration (the repository's, then the user's).
    pub(crate) fn config_value(&self, name: &str) -> Option<String> {
        self.repo.config().ok()?.get_string(name).ok()
    }

    /// Sets a value in the repository's own git configuration.
    pub(crate) fn set_config_value(&self, name: &str, value: &str) -> Result<()> {
        self.repo
            .config()
            .and_then(|config| config.open_level(git2::ConfigLevel::Local))
            .and_then(|mut local| local.set_str(name, value))
            .with_context(|| msg!("error-git-config", name = name))
    }

    /// Whether this is a shallow clone (history cut at some depth).
    pub(crate) fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Whether this is a partial clone (objects fetched on demand).
    pub(crate) fn is_partial(&self) -> bool {
        let Ok(config) = self.repo.config() else { return false };
        if config.get_string("extensions.partialclone").is_ok_and(|v| !v.is_empty()) {
            return true;
        }
        let Ok(mut entries) = config.entries(Some(r"remote\..*\.promisor")) else {
            return false;
        };
        let mut promisor = false;
        while let Some(Ok(entry)) = entries.next() {
            promisor |= entry.value().is_ok_and(|v| v.eq_ignore_ascii_case("true"));
        }
        promisor
    }

    /// Opens the repository whose root is `dir` when there is one, else
    /// creates one there. A repository further up is never adopted: a folder
    /// created inside another project gets its own history, and nothing is
    /// committed to the enclosing one.
    pub(crate) fn open_or_init(dir: &Path) -> Result<(DocRepo, bool)> {
        if dir.join(".git").exists() {
            return Ok((Self::open(dir)?, false));
        }
        Repository::init(dir).with_context(|| msg!("error-git-init", path = dir.display()))?;
        Ok((Self::open(dir)?, true))
    }

    /// Where derived data may be cached (`.git/qms/`), if anywhere.
    pub(crate) fn cache_dir(&self) -> Option<PathBuf> {
        self.cacheable.then(|| self.repo.path().join("qms"))
    }

    /// The QMS root within the work tree, `/`-separated.
    pub(crate) fn prefix_string(&self) -> String {
        self.prefix.to_string_lossy().replace('\\', "/")
    }

    /// The `.git` folder: where a commit or a branch change shows.
    pub(crate) fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    pub(crate) fn workdir(&self) -> &Path {
        self.repo.workdir().unwrap_or_else(|| self.repo.path())
    }

    fn to_git_path(&self, path: &Path) -> PathBuf {
        self.prefix.join(path)
    }

    /// Refuses to write while git is in the middle of something.
    pub(crate) fn ensure_writable(&self) -> Result<()> {
        let what = match self.repo.state() {
            RepositoryState::Clean => None,
            RepositoryState::Merge => Some("merge"),
            RepositoryState::Revert | RepositoryState::RevertSequence => Some("revert"),
            RepositoryState::CherryPick | RepositoryState::CherryPickSequence => Some("cherry-pick"),
            RepositoryState::Bisect => Some("bisect"),
            RepositoryState::Rebase | RepositoryState::RebaseInteractive | RepositoryState::RebaseMerge => Some("rebase"),
            RepositoryState::ApplyMailbox | RepositoryState::ApplyMailboxOrRebase => Some("am"),
        };
        if let Some(what) = what {
            bail!(msg!("error-git-busy", operation = what));
        }
        if self.repo.head_detached().unwrap_or(false) {
            bail!(msg!("error-detached-head"));
        }
        for lock in ["index.lock", "HEAD.lock"] {
            let path = self.repo.path().join(lock);
            if path.exists() {
                bail!(msg!("error-git-lock", path = path.display()));
            }
        }
        Ok(())
    }

    /// Git's view of every file below the QMS root, by path relative to it.
    /// Files git does not mention are committed and unchanged.
    pub(crate) fn file_states(&self) -> Result<HashMap<PathBuf, FileState>> {
        self.file_states_under(None)
    }

    /// [`DocRepo::file_states`] of the files below `folder` (relative to
    /// the QMS root) only: the rest of the work tree is not looked at.
    pub(crate) fn file_states_under(&self, folder: Option<&Path>) -> Result<HashMap<PathBuf, FileState>> {
        let mut options = StatusOptions::new();
        if let Some(folder) = folder {
            // A pathspec is a pattern: the folder's name is taken literally.
            options.pathspec(self.prefix.join(folder)).disable_pathspec_match(true);
        }
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true);
        let statuses = self.repo.statuses(Some(&mut options)).context(msg!("error-git-status"))?;
        let mut states = HashMap::new();
        for entry in statuses.iter() {
            let Ok(path) = entry.path() else { continue };
            let Ok(relative) = Path::new(path).strip_prefix(&self.prefix) else {
                continue;
            };
            let status = entry.status();
            let state = if status.contains(Status::WT_NEW) {
                FileState::Untracked
            } else if status.contains(Status::INDEX_NEW) {
                FileState::Added
            } else if status.intersects(
                Status::INDEX_MODIFIED
                    | Status::WT_MODIFIED
                    | Status::INDEX_RENAMED
                    | Status::WT_RENAMED
                    | Status::INDEX_TYPECHANGE
                    | Status::WT_TYPECHANGE
                    | Status::WT_DELETED
                    | Status::INDEX_DELETED,
            ) {
                FileState::Modified
            } else {
                continue;
            };
            states.insert(relative.to_path_buf(), state);
        }
        Ok(states)
    }

    /// The committer identity from git's configuration, when set.
    pub(crate) fn configured_identity(&self) -> Option<Identity> {
        let config = self.repo.config().ok()?;
        let name = config.get_string("user.name").ok()?;
        let email = config.get_string("user.email").ok().unwrap_or_default();
        Some(Identity { name, email })
    }

    /// Whether `path` (relative to the QMS root) has uncommitted changes.
    pub(crate) fn is_dirty(&self, path: &Path) -> Result<bool> {
        match self.repo.status_file(&self.to_git_path(path)) {
            Ok(status) => Ok(!status.is_empty() && status != Status::CURRENT),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// `person` when given, else git's configured identity, else the fallback.
    pub(crate) fn identity_or_configured(&self, person: Option<Identity>) -> Identity {
        person.or_else(|| self.configured_identity()).unwrap_or_else(Identity::fallback)
    }

    pub(crate) fn configured_email(&self) -> Option<String> {
        self.repo.config().ok()?.get_string("user.email").ok()
    }

    /// Commits the given files (paths relative to the QMS root, as they are in
    /// the working tree) on top of HEAD, and nothing else: the tree is HEAD's
    /// tree with these files replaced or added, whatever else is staged. The
    /// index learns only these paths, so the user's other staged work stays
    /// staged.
    pub(crate) fn commit_files(&self, files: &[PathBuf], message: &str, author: &Identity, when: &jiff::Zoned) -> Result<CommitId> {
        self.commit_files_checked(files, message, author, when, &|_| Ok(()))
    }

    /// Commits a new document numbered `id`, refusing when the commit it
    /// would go on already holds a file numbered `id` in the same folder:
    /// two `qms new` at once never hand out the same number (the check is
    /// made on exactly the commit the branch then moves from, by
    /// compare-and-swap).
    pub(crate) fn commit_new_document(
        &self,
        file: &Path,
        id: &str,
        message: &str,
        author: &Identity,
        when: &jiff::Zoned,
    ) -> Result<CommitId> {
        failpoint("before-new-document", self.workdir())?;
        let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let own = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let numbered = |name: &str| name == format!("{id}.md") || name.starts_with(&format!("{id}-"));
        self.commit_files_checked(std::slice::from_ref(&file.to_path_buf()), message, author, when, &|head| {
            let Some(head) = head else { return Ok(()) };
            for (path, _) in self.files_at(head, &folder)? {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if path.parent() == Some(folder.as_path()) && name != own && numbered(&name) {
                    bail!(msg!("error-id-taken", id = id, path = path.display()));
                }
            }
            Ok(())
        })
    }

    /// [`commit_files`](Self::commit_files), with `check` run on the commit
    /// it goes on (`None`: the first commit) before anything is written.
    fn commit_files_checked(
        &self,
        files: &[PathBuf],
        message: &str,
        author: &Identity,
        when: &jiff::Zoned,
        check: &dyn Fn(Option<&str>) -> Result<()>,
    ) -> Result<CommitId> {
        self.ensure_writable()?;
        let head = self.head_commit()?;
        check(head.as_ref().map(|c| c.id().to_string()).as_deref())?;
        let mut tree_index = git2::Index::new()?;
        if let Some(commit) = &head {
            tree_index.read_tree(&commit.tree()?)?;
        }
        let workdir = self.workdir().to_path_buf();
        let mut entries = Vec::with_capacity(files.len());
        for file in files {
            let git_path = self.to_git_path(file);
            let absolute = workdir.join(&git_path);
            let content = std::fs::read(&absolute).with_context(|| msg!("error-read", path = absolute.display()))?;
            let blob = self.repo.blob(&content)?;
            let entry = index_entry(&git_path, blob, content.len())?;
            tree_index.add(&entry)?;
            entries.push(git_path);
        }
        let tree_id = tree_index.write_tree_to(&self.repo)?;
        let tree = self.repo.find_tree(tree_id)?;

        let time = git2::Time::new(when.timestamp().as_second(), when.offset().seconds() / 60);
        let signature = signature(author, &time)?;
        let parents: Vec<&git2::Commit> = head.iter().collect();
        let commit_id = self.repo.commit(None, &signature, &signature, message, &tree, &parents)?;
        self.move_branch(head.as_ref().map(|c| c.id()), commit_id, message)?;

        // Only after the branch moved: tell the index about the new files.
        let mut index = self.repo.index()?;
        for path in &entries {
            index.add_path(path).with_context(|| msg!("error-stage", path = path.display()))?;
        }
        index.write().context(msg!("error-write-index"))?;
        Ok(self::commit_id(commit_id))
    }

    /// The commit HEAD points to, if any.
    pub(crate) fn head(&self) -> Result<Option<CommitId>> {
        Ok(self.head_commit()?.map(|c| commit_id(c.id())))
    }

    /// Every commit reachable from `from`, parents before children.
    pub(crate) fn history(&self, from: &str) -> Result<Vec<CommitInfo>> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
        walk.push(oid(from)?)?;
        let mut commits = Vec::new();
        for id in walk {
            let commit = self.repo.find_commit(id?)?;
            commits.push(commit_info(&commit));
        }
        Ok(commits)
    }

    /// The newest commit on HEAD's first-parent line made at or before
    /// `until` (seconds since the epoch): the repository as it stood then.
    pub(crate) fn commit_as_of(&self, until: i64) -> Result<Option<CommitId>> {
        let Some(mut commit) = self.head_commit()? else {
            return Ok(None);
        };
        loop {
            if commit.time().seconds() <= until {
                return Ok(Some(commit_id(commit.id())));
            }
            match commit.parents().next() {
                Some(parent) => commit = parent,
                None => return Ok(None),
            }
        }
    }

    /// A read-only copy of the repository at `url` in `dir`: cloned the first
    /// time, brought up to the remote's HEAD after. Network transport is the
    /// user's own `git` (with its credentials and proxies).
    pub(crate) fn mirror(url: &str, dir: &Path) -> Result<()> {
        let git = |args: &[&str], cwd: Option<&Path>| -> Result<()> {
            let output = user_git(cwd).args(args).output().context(msg!("error-run-git"))?;
            if !output.status.success() {
                return Err(git_failed(args, &output));
            }
            Ok(())
        };
        if dir.join(".git").is_dir() {
            git(&["fetch", "--quiet", "origin", "HEAD"], Some(dir))?;
            git(&["reset", "--quiet", "--hard", "FETCH_HEAD"], Some(dir))
        } else {
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent).with_context(|| msg!("error-create", path = parent.display()))?;
            }
            git(&["clone", "--quiet", "--", url, &dir.to_string_lossy()], None)
        }
    }

    /// Brings the current branch up to date with `remote` by fetching and
    /// merging — never rebasing, which would rewrite (and strip the
    /// signature of) every action commit replayed — and pushes it when
    /// asked. A merge that conflicts is undone, leaving the branch, index and
    /// work tree as they were. Uses the user's own `git` (credentials,
    /// proxies, hooks).
    ///
    /// The merge commit is by git's configured identity, else by `person`
    /// (it carries no authority either way).
    pub(crate) fn sync(&self, remote: &str, push: bool, person: Option<Identity>) -> Result<SyncOutcome> {
        self.ensure_writable()?;
        let head = self.head_commit()?.ok_or_else(|| msg!("error-no-commits"))?.id().to_string();
        let head_ref = self.repo.head()?;
        if !head_ref.is_branch() {
            bail!(msg!("error-detached-head"));
        }
        let branch = String::from_utf8_lossy(head_ref.shorthand_bytes()).into_owned();
        let workdir = self.workdir().to_path_buf();
        // Ask git itself: its configuration is what the merge will read.
        let git_knows_who = user_git(Some(&workdir))
            .args(["var", "GIT_COMMITTER_IDENT"])
            .output()
            .is_ok_and(|o| o.status.success());
        let merger = (!git_knows_who).then(|| person.unwrap_or_else(Identity::fallback));
        let git = |args: &[&str]| -> Result<std::process::Output> {
            let mut command = user_git(Some(&workdir));
            command.args(args);
            if let Some(who) = &merger {
                for role in ["AUTHOR", "COMMITTER"] {
                    command
                        .env(format!("GIT_{role}_NAME"), &who.name)
                        .env(format!("GIT_{role}_EMAIL"), &who.email);
                }
            }
            command.output().context(msg!("error-run-git"))
        };
        let staged = git(&["diff", "--cached", "--quiet"])?;
        if !staged.status.success() {
            bail!(msg!("error-staged-before-sync"));
        }
        let fetch = ["fetch", "--quiet", remote, branch.as_str()];
        let fetched = git(&fetch)?;
        if !fetched.status.success() {
            return Err(git_failed(&fetch, &fetched));
        }
        let theirs = self.resolve("FETCH_HEAD")?;
        let outcome = if self.is_ancestor(&theirs, &head)? {
            SyncOutcome::UpToDate
        } else {
            let merge = ["merge", "--quiet", "--no-edit", "FETCH_HEAD"];
            let merged = git(&merge)?;
            if !merged.status.success() {
                let said = format!(
                    "{}{}",
                    String::from_utf8_lossy(&merged.stdout),
                    String::from_utf8_lossy(&merged.stderr)
                );
                let conflict = said.lines().find(|l| l.contains("CONFLICT")).map(str::to_string);
                if self.repo.state() == RepositoryState::Merge {
                    let _ = git(&["merge", "--abort"]);
                }
                match conflict {
                    Some(line) => bail!(msg!("error-sync-conflict", conflict = line.trim())),
                    None => return Err(git_failed(&merge, &merged)),
                }
            }
            if self.resolve("HEAD")? == theirs {
                SyncOutcome::FastForward
            } else {
                SyncOutcome::Merged
            }
        };
        if push {
            let refspec = format!("HEAD:refs/heads/{branch}");
            let args = ["push", "--quiet", remote, refspec.as_str()];
            let pushed = git(&args)?;
            if !pushed.status.success() {
                return Err(git_failed(&args, &pushed));
            }
        }
        Ok(outcome)
    }

    pub(crate) fn commit(&self, id: &str) -> Result<CommitInfo> {
        let commit = self.repo.find_commit(oid(id)?).with_context(|| msg!("error-no-commit", id = id))?;
        Ok(commit_info(&commit))
    }

    /// Resolves a revision (`HEAD`, a branch, a commit id prefix) to a commit id.
    pub(crate) fn resolve(&self, revision: &str) -> Result<CommitId> {
        let object = self
            .repo
            .revparse_single(revision)
            .with_context(|| msg!("error-not-a-commit", revision = revision))?;
        Ok(commit_id(object.peel_to_commit()?.id()))
    }

    pub(crate) fn is_ancestor(&self, ancestor: &str, descendant: &str) -> Result<bool> {
        let (a, d) = (oid(ancestor)?, oid(descendant)?);
        Ok(a == d || self.repo.graph_descendant_of(d, a)?)
    }

    /// The blob id of `path` (relative to the QMS root) in a commit's tree.
    pub(crate) fn blob_at(&self, commit: &str, path: &Path) -> Result<Option<BlobId>> {
        let tree = self.repo.find_commit(oid(commit)?)?.tree_id();
        self.blob_in_tree(&tree.to_string(), path)
    }

    /// The blob id of `path` (relative to the QMS root) in a tree. Trees are
    /// read through our pack reader (see `tree.rs` for why), libgit2 being
    /// the way in for objects it does not hold.
    pub(crate) fn blob_in_tree(&self, tree: &str, path: &Path) -> Result<Option<BlobId>> {
        let git_path = self.to_git_path(path);
        let names: Vec<&[u8]> = git_path.components().map(|c| c.as_os_str().as_encoded_bytes()).collect();
        let mut trees = self.trees.borrow_mut();
        let trees = trees.get_or_insert_with(|| Trees::open(&self.repo.commondir().join("objects")));
        let mut id: pack::Oid = oid(tree)?.as_bytes().try_into()?;
        for (i, name) in names.iter().enumerate() {
            let listing = trees
                .listing(&id, |id| self.read_tree_bytes(id))
                .with_context(|| msg!("error-corrupt-tree", path = git_path.display()))?;
            let last = i + 1 == names.len();
            match listing.find(name)? {
                Some((EntryKind::Tree, found)) if !last => id = found,
                Some((EntryKind::Blob, found)) if last => return Ok(Some(BlobId::trusted(git2::Oid::from_bytes(&found)?.to_string()))),
                _ => return Ok(None),
            }
        }
        Ok(None)
    }

    fn read_tree_bytes(&self, id: &pack::Oid) -> Result<Vec<u8>> {
        let id = git2::Oid::from_bytes(id)?;
        let odb = self.repo.odb()?;
        let object = odb.read(id).with_context(|| msg!("error-no-tree", id = id))?;
        if object.kind() != git2::ObjectType::Tree {
            bail!(msg!("error-no-tree", id = id));
        }
        Ok(object.data().to_vec())
    }

    pub(crate) fn read_blob(&self, id: &str) -> Result<Vec<u8>> {
        Ok(self.repo.find_blob(oid(id)?)?.content().to_vec())
    }

    /// Paths (relative to the QMS root) of the blobs below `dir` in a commit.
    pub(crate) fn files_at(&self, commit: &str, dir: &Path) -> Result<Vec<(PathBuf, BlobId)>> {
        let tree = self.repo.find_commit(oid(commit)?)?.tree()?;
        let git_dir = self.to_git_path(dir);
        let subtree = match tree.get_path(&git_dir) {
            Ok(entry) => self.repo.find_tree(entry.id())?,
            Err(e) if e.code() == ErrorCode::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut files = Vec::new();
        subtree.walk(git2::TreeWalkMode::PreOrder, |parent, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob)
                && let Ok(name) = entry.name()
            {
                files.push((dir.join(parent).join(name), BlobId::trusted(entry.id().to_string())));
            }
            git2::TreeWalkResult::Ok
        })?;
        Ok(files)
    }

    /// Every file below the QMS root in a commit, with its content.
    pub(crate) fn snapshot_commit(&self, commit: &str) -> Result<BTreeMap<PathBuf, SnapshotEntry>> {
        let tree = self.repo.find_commit(oid(commit)?)?.tree()?;
        let mut entries = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |parent, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob)
                && let Ok(name) = entry.name()
            {
                entries.push((PathBuf::from(parent).join(name), entry.id(), entry.filemode()));
            }
            git2::TreeWalkResult::Ok
        })?;
        self.snapshot_of(entries)
    }

    /// Every file below the QMS root in the index (what `git commit` would commit).
    pub(crate) fn snapshot_index(&self) -> Result<BTreeMap<PathBuf, SnapshotEntry>> {
        let index = self.repo.index()?;
        let entries = index
            .iter()
            .map(|e| (PathBuf::from(String::from_utf8_lossy(&e.path).into_owned()), e.id, e.mode as i32))
            .collect();
        self.snapshot_of(entries)
    }

    fn snapshot_of(&self, entries: Vec<(PathBuf, git2::Oid, i32)>) -> Result<BTreeMap<PathBuf, SnapshotEntry>> {
        let mut files = BTreeMap::new();
        for (path, id, mode) in entries {
            let Ok(relative) = path.strip_prefix(&self.prefix) else { continue };
            let content = self.repo.find_blob(id)?.content().to_vec();
            let entry = if mode == 0o120000 {
                SnapshotEntry::Symlink(String::from_utf8_lossy(&content).into_owned())
            } else {
                SnapshotEntry::File(content)
            };
            files.insert(relative.to_path_buf(), entry);
        }
        Ok(files)
    }

    /// The signature of a commit and the bytes it signs, when it is signed.
    /// Most commits are not: [`CommitInfo::signed`] says which to ask about.
    pub(crate) fn signature(&self, commit: &str) -> Result<Option<(String, Vec<u8>)>> {
        let id = oid(commit)?;
        match self.repo.extract_signature(&id, None) {
            Ok((signature, data)) => Ok(Some((String::from_utf8_lossy(&signature).into_owned(), data.to_vec()))),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Writes a commit object that changes `content.changes` on top of
    /// `parent`, without moving any branch: commands judge the steps that
    /// will follow it against it, then [`DocRepo::land`] it.
    pub(crate) fn create_commit(&self, parent: &str, content: &ContentCommit) -> Result<CommitId> {
        let parent = self.repo.find_commit(oid(parent)?)?;
        let mut update = git2::build::TreeUpdateBuilder::new();
        for (path, bytes) in &content.changes {
            let blob = self.repo.blob(bytes)?;
            let git_path = self.to_git_path(path);
            update.upsert(git_path.to_string_lossy().replace('\\', "/"), blob, git2::FileMode::Blob);
        }
        let tree_id = update.create_updated(&self.repo, &parent.tree()?)?;
        let tree = self.repo.find_tree(tree_id)?;
        let time = git2::Time::new(content.when.timestamp().as_second(), content.when.offset().seconds() / 60);
        let signature = signature(&content.author, &time)?;
        let id = self
            .repo
            .commit(None, &signature, &signature, &content.message, &tree, &[&parent])?;
        Ok(commit_id(id))
    }

    /// Writes `actions` on top of `base` (HEAD, or a commit made by
    /// [`DocRepo::create_commit`] on top of it) and moves the branch from
    /// `expected_head` to the last of them in one step: everything lands or
    /// nothing does. Then the work tree and index learn the new content of
    /// `changed` paths (which the caller made sure held no uncommitted edits).
    pub(crate) fn land(
        &self,
        expected_head: &str,
        base: &str,
        actions: &[ActionCommit<'_>],
        check: &dyn Fn(&[CommitId]) -> Result<()>,
        changed: &[PathBuf],
    ) -> Result<Vec<CommitId>> {
        self.ensure_writable()?;
        let mut parent = self.repo.find_commit(oid(base)?)?;
        let tree = parent.tree()?;
        let mut ids = Vec::new();
        for action in actions {
            let time = git2::Time::new(action.when.timestamp().as_second(), action.when.offset().seconds() / 60);
            let signature = signature(&action.author, &time)?;
            let id = match action.sign {
                None => self.repo.commit(None, &signature, &signature, &action.message, &tree, &[&parent])?,
                Some(sign) => {
                    let buffer = self
                        .repo
                        .commit_create_buffer(&signature, &signature, &action.message, &tree, &[&parent])?;
                    let armored = sign(&buffer)?;
                    let text = std::str::from_utf8(&buffer).context("the commit is not UTF-8")?;
                    self.repo.commit_signed(text, &armored, None)?
                }
            };
            failpoint("after-action-commit-object", self.workdir())?;
            parent = self.repo.find_commit(id)?;
            ids.push(commit_id(id));
        }
        check(&ids)?;
        failpoint("before-move-branch", self.workdir())?;
        let summary = match actions.last() {
            Some(c) => c.message.lines().next().unwrap_or_default().to_string(),
            None => String::from_utf8_lossy(parent.summary_bytes().unwrap_or_default()).into_owned(),
        };
        self.move_branch(Some(oid(expected_head)?), parent.id(), &summary)?;
        self.sync_paths(&parent.tree()?, changed)?;
        Ok(ids)
    }

    /// Writes `paths` from `tree` into the work tree and the index.
    fn sync_paths(&self, tree: &git2::Tree<'_>, paths: &[PathBuf]) -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let workdir = self.workdir().to_path_buf();
        let mut index = self.repo.index()?;
        for path in paths {
            let git_path = self.to_git_path(path);
            let entry = tree.get_path(&git_path)?;
            let blob = self.repo.find_blob(entry.id())?;
            let absolute = workdir.join(&git_path);
            if let Some(parent) = absolute.parent() {
                std::fs::create_dir_all(parent).with_context(|| msg!("error-create", path = parent.display()))?;
            }
            std::fs::write(&absolute, blob.content()).with_context(|| msg!("error-write", path = absolute.display()))?;
            index
                .add_path(&git_path)
                .with_context(|| msg!("error-stage", path = git_path.display()))?;
        }
        index.write().context(msg!("error-write-index"))?;
        Ok(())
    }

    /// Appends many commits to the current branch in one go (for generated
    /// corpora): trees are updated path by path, the branch moves once, and
    /// the index learns the final content of every changed path.
    pub(crate) fn append_commits(&self, commits: &[RawCommit]) -> Result<CommitId> {
        self.ensure_writable()?;
        let head = self
            .head_commit()?
            .ok_or_else(|| anyhow!("append_commits needs an initial commit"))?;
        let mut parent_id = head.id();
        let mut tree_id = head.tree_id();
        let mut changed: BTreeMap<PathBuf, ()> = BTreeMap::new();
        for raw in commits {
            if !raw.changes.is_empty() {
                let mut update = git2::build::TreeUpdateBuilder::new();
                for (path, content) in &raw.changes {
                    let blob = self.repo.blob(content)?;
                    let git_path = self.to_git_path(path);
                    update.upsert(git_path.to_string_lossy().replace('\\', "/"), blob, git2::FileMode::Blob);
                    changed.insert(path.clone(), ());
                }
                tree_id = update.create_updated(&self.repo, &self.repo.find_tree(tree_id)?)?;
            }
            let time = git2::Time::new(raw.when.timestamp().as_second(), raw.when.offset().seconds() / 60);
            let signature = signature(&raw.author, &time)?;
            let tree = self.repo.find_tree(tree_id)?;
            let parent = self.repo.find_commit(parent_id)?;
            parent_id = self.repo.commit(None, &signature, &signature, &raw.message, &tree, &[&parent])?;
        }
        self.move_branch(Some(head.id()), parent_id, "qms: generated history")?;
        let changed: Vec<PathBuf> = changed.into_keys().collect();
        self.sync_paths(&self.repo.find_tree(tree_id)?, &changed)?;
        Ok(commit_id(parent_id))
    }

    /// The blob id git gives `content`.
    pub(crate) fn hash_blob(content: &[u8]) -> Result<BlobId> {
        Ok(BlobId::trusted(
            git2::Oid::hash_object(git2::ObjectType::Blob, content)?.to_string(),
        ))
    }

    fn head_commit(&self) -> Result<Option<git2::Commit<'_>>> {
        match self.repo.head() {
            Ok(head) => Ok(Some(head.peel_to_commit()?)),
            Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Moves the current branch from `expected` to `new`, failing cleanly when
    /// somebody else moved it in the meantime.
    fn move_branch(&self, expected: Option<git2::Oid>, new: git2::Oid, message: &str) -> Result<()> {
        let head = self.repo.find_reference("HEAD")?;
        let branch = head
            .symbolic_target()
            .ok()
            .flatten()
            .ok_or_else(|| msg!("error-detached-head"))?
            .to_string();
        let reflog = format!("qms: {}", message.lines().next().unwrap_or_default());
        let result = match expected {
            Some(old) => self.repo.reference_matching(&branch, new, true, old, &reflog),
            None => self.repo.reference(&branch, new, false, &reflog),
        };
        result.map(|_| ()).map_err(|e| {
            if matches!(e.code(), ErrorCode::Modified | ErrorCode::Exists | ErrorCode::Locked) {
                anyhow!(msg!("error-branch-moved", branch = branch))
            } else {
                anyhow!(e).context(msg!("error-update-branch", branch = branch))
            }
        })
    }
}

/// git refuses names with angle brackets or line breaks; such characters in
/// a person's name carry no meaning for the commit's author line.
fn signature(identity: &Identity, time: &git2::Time) -> Result<git2::Signature<'static>> {
    let clean = |s: &str| s.chars().filter(|c| !matches!(c, '<' | '>' | '\n' | '\r')).collect::<String>();
    let name = clean(&identity.name);
    let name = if name.trim().is_empty() { "qms".to_string() } else { name };
    Ok(git2::Signature::new(&name, &clean(&identity.email), time)?)
}

/// Whether `error` is libgit2's own report, which repeats in its words
/// (and in English) what a message of ours around it already says.
pub(crate) fn is_git_library_error(error: &(dyn std::error::Error + 'static)) -> bool {
    error.downcast_ref::<git2::Error>().is_some()
}

/// libgit2 re-hashes every object it reads (with the slow collision-detecting
/// SHA-1); a history walk reading thousands of objects spent most of its time
/// there. Object integrity is `git fsck`'s job, as for git. Path lookups read
/// trees through our own reader (`tree.rs`), so libgit2's object cache only
/// needs to stay small.
pub(crate) fn configure_libgit2() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        git2::opts::strict_hash_verification(false);
        // SAFETY: libgit2's cache limit is a plain global; this runs once,
        // from `cli::run` on the main thread before any other thread starts
        // (or from the first `DocRepo::open`, before qms opens repositories
        // from several threads).
        unsafe {
            let _ = git2::opts::set_cache_max_size(16 << 20);
        }
    });
}

/// The user's own `git` (their credentials, proxies and configuration),
/// run in `cwd`, never stopping to ask for a password.
fn user_git(cwd: Option<&Path>) -> std::process::Command {
    let mut command = std::process::Command::new("git");
    if let Some(cwd) = cwd {
        command.arg("-C").arg(cwd);
    }
    command.env("GIT_TERMINAL_PROMPT", "0");
    command
}

fn git_failed(args: &[&str], output: &std::process::Output) -> anyhow::Error {
    anyhow!(msg!(
        "error-git-failed",
        command = args.join(" "),
        output = String::from_utf8_lossy(&output.stderr).trim()
    ))
}

fn oid(hex: &str) -> Result<git2::Oid> {
    git2::Oid::from_str(hex).with_context(|| format!("`{hex}` is not an object id"))
}

fn commit_info(commit: &git2::Commit<'_>) -> CommitInfo {
    let author = commit.author();
    CommitInfo {
        id: commit_id(commit.id()),
        parents: commit.parent_ids().map(commit_id).collect(),
        tree: commit.tree_id().to_string(),
        message: String::from_utf8_lossy(commit.message_bytes()).into_owned(),
        author: Identity {
            name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        },
        time: commit.time().seconds(),
        signed: has_signature(commit.raw_header_bytes()),
    }
}

fn has_signature(header: &[u8]) -> bool {
    header.windows(7).any(|w| w == b"gpgsig ")
}

/// Test hooks at the risky points of a write. `QMS_FAILPOINT=<name>` kills
/// the process there, as a power cut or `kill -9` would; `QMS_HOOK=<name>=<shell
/// command>` runs a command there (e.g. another commit racing ours). Tests use
/// them to show that an interrupted or raced write loses nothing. Release
/// builds ignore both.
pub(crate) fn failpoint(name: &str, workdir: &Path) -> Result<()> {
    // Only in test (debug) builds: a released binary never runs a shell
    // command named by its environment.
    if !cfg!(debug_assertions) {
        return Ok(());
    }
    if std::env::var("QMS_FAILPOINT").is_ok_and(|point| point == name) {
        eprintln!("qms: killed at the injected failure point `{name}`");
        std::process::abort();
    }
    if let Ok(hook) = std::env::var("QMS_HOOK")
        && let Some(command) = hook.strip_prefix(name).and_then(|rest| rest.strip_prefix('='))
    {
        std::process::Command::new("sh")
            .current_dir(workdir)
            .args(["-c", command])
            .status()?;
    }
    Ok(())
}

fn index_entry(path: &Path, blob: git2::Oid, size: usize) -> Result<git2::IndexEntry> {
    let path = path
        .to_str()
        .ok_or_else(|| msg!("error-path-not-utf8", path = path.display()))?
        .replace('\\', "/");
    Ok(git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: size as u32,
        id: blob,
        flags: 0,
        flags_extended: 0,
        path: path.into_bytes(),
    })
}
