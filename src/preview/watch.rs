//! Which changes of the repository call for a rebuild, as bursts.
//!
//! A commit writes a dozen files in a few milliseconds and an editor saves
//! through a temporary file: the rebuild starts once the repository has
//! been quiet for [`QUIET`]. Files the build itself writes (the site, its
//! staging folder) and git's own bookkeeping (objects, the index, logs,
//! locks) are not changes: only the refs tell that a commit landed.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::msg;

/// How long the repository stays still before a rebuild starts.
const QUIET: Duration = Duration::from_millis(30);

/// A burst longer than this is built anyway, so that a program writing
/// all the time does not hold the preview back.
const LONGEST_BURST: Duration = Duration::from_secs(1);

enum Message {
    Changed(Change),
    Stop,
}

/// What changed in a burst.
#[derive(Debug, Default, PartialEq)]
pub(super) enum Change {
    /// Files of the working tree, relative to the QMS root.
    #[default]
    Nothing,
    Files(BTreeSet<PathBuf>),
    /// A ref moved, or an event was lost: anything may have changed.
    Anything,
}

impl Change {
    fn add(&mut self, other: Change) {
        match (&mut *self, other) {
            (Change::Anything, _) | (_, Change::Nothing) => {}
            (Change::Files(files), Change::Files(more)) => files.extend(more),
            (this, other) => *this = other,
        }
    }
}

/// The changes of one repository, as they come.
pub(super) struct Changes {
    _watcher: notify::RecommendedWatcher,
    receiver: mpsc::Receiver<Message>,
}

/// Ends [`Changes::next_batch`] from another thread.
pub(super) struct Stopper(mpsc::Sender<Message>);

impl Stopper {
    pub(super) fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

/// What is watched, resolved once (the watcher reports paths under these).
struct Places {
    root: PathBuf,
    git_dir: PathBuf,
    out: PathBuf,
}

impl Changes {
    /// Watches the QMS root and the git folder, leaving out `out`.
    pub(super) fn start(root: &Path, git_dir: &Path, out: &Path) -> Result<(Changes, Stopper)> {
        let resolve = |path: &Path| path.canonicalize().with_context(|| msg!("error-read", path = path.display()));
        let places = Places {
            root: resolve(root)?,
            git_dir: resolve(git_dir)?,
            out: resolve(out)?,
        };
        let watched = [places.root.clone(), places.git_dir.clone()];
        let (sender, receiver) = mpsc::channel();
        let changed = sender.clone();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // A lost event (an overflowing queue) may hide a change: build.
            let change = match event {
                Ok(event) if is_change(&event.kind) => places.change_of(&event.paths),
                Ok(_) => Change::Nothing,
                Err(_) => Change::Anything,
            };
            if change != Change::Nothing {
                let _ = changed.send(Message::Changed(change));
            }
        })
        .context(msg!("error-serve-watch", path = root.display()))?;
        let [root, git_dir] = watched;
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .with_context(|| msg!("error-serve-watch", path = root.display()))?;
        // The QMS root may be a folder of a larger repository.
        if !git_dir.starts_with(&root) {
            watcher
                .watch(&git_dir, RecursiveMode::Recursive)
                .with_context(|| msg!("error-serve-watch", path = git_dir.display()))?;
        }
        Ok((
            Changes {
                _watcher: watcher,
                receiver,
            },
            Stopper(sender),
        ))
    }

    /// Waits for a change that matters and the end of its burst, and
    /// tells what changed in it; `None` once stopped.
    pub(super) fn next_batch(&self) -> Option<Change> {
        let mut batch = match self.receiver.recv() {
            Ok(Message::Changed(change)) => change,
            Ok(Message::Stop) | Err(_) => return None,
        };
        let started = Instant::now();
        loop {
            match self.receiver.recv_timeout(QUIET) {
                Ok(Message::Changed(change)) => {
                    batch.add(change);
                    if started.elapsed() >= LONGEST_BURST {
                        return Some(batch);
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => return Some(batch),
                Ok(Message::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

/// Reads (opening a file, reading it) change nothing; the build reads the
/// repository, and must not wake itself.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

impl Places {
    /// What an event on `paths` changed.
    fn change_of(&self, paths: &[PathBuf]) -> Change {
        let mut change = Change::Nothing;
        for path in paths.iter().filter(|p| self.matters(p)) {
            change.add(match path.strip_prefix(&self.root) {
                Ok(relative) if !path.starts_with(&self.git_dir) => Change::Files(BTreeSet::from([relative.to_path_buf()])),
                _ => Change::Anything,
            });
        }
        change
    }

    fn matters(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        if let Ok(inside_git) = path.strip_prefix(&self.git_dir) {
            return ref_changed(inside_git);
        }
        match path.strip_prefix(&self.root) {
            Ok(relative) => working_file_changed(relative),
            Err(_) => false,
        }
    }
}

/// HEAD, a branch or a tag moved (a commit, a checkout, a pull).
fn ref_changed(inside_git: &Path) -> bool {
    let lock = inside_git.extension().is_some_and(|e| e == "lock");
    !lock && (inside_git == Path::new("HEAD") || inside_git == Path::new("packed-refs") || inside_git.starts_with("refs"))
}

/// A file of the working tree that is not a build's own, a lock or an
/// editor's backup.
fn working_file_changed(relative: &Path) -> bool {
    let staging = relative.components().any(|c| match c {
        Component::Normal(name) => name.to_string_lossy().starts_with(".qms-build-"),
        _ => false,
    });
    let name = relative.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let scratch = name.ends_with(".lock") || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913";
    !staging && !scratch
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Places {
        Places {
            root: PathBuf::from("/r"),
            git_dir: PathBuf::from("/r/.git"),
            out: PathBuf::from("/r/public"),
        }
    }

    #[test]
    fn a_commit_shows_in_the_refs_only() {
        let p = places();
        assert!(p.matters(Path::new("/r/.git/refs/heads/main")));
        assert!(p.matters(Path::new("/r/.git/HEAD")));
        assert!(p.matters(Path::new("/r/.git/packed-refs")));
        assert!(!p.matters(Path::new("/r/.git/refs/heads/main.lock")));
        assert!(!p.matters(Path::new("/r/.git/objects/ab/cdef")));
        assert!(!p.matters(Path::new("/r/.git/index")));
        assert!(!p.matters(Path::new("/r/.git/logs/HEAD")));
    }

    #[test]
    fn the_build_does_not_wake_itself() {
        let p = places();
        assert!(!p.matters(Path::new("/r/public/index.html")));
        assert!(!p.matters(Path::new("/r/.qms-build-x1/QT-01.html")));
        assert!(p.matters(Path::new("/r/documents/QT-01.md")));
        assert!(p.matters(Path::new("/r/templates/handbook/base.html")));
        assert!(!p.matters(Path::new("/r/documents/.QT-01.md.swp")));
        assert!(!p.matters(Path::new("/r/documents/QT-01.md~")));
        assert!(!p.matters(Path::new("/elsewhere/x")));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Read))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
    }

    #[test]
    fn a_burst_names_the_files_it_changed_until_a_ref_moves() {
        let p = places();
        let files = |names: &[&str]| Change::Files(names.iter().map(PathBuf::from).collect());
        let mut burst = p.change_of(&[PathBuf::from("/r/documents/QT-01.md"), PathBuf::from("/r/public/QT-01.html")]);
        assert_eq!(burst, files(&["documents/QT-01.md"]));
        burst.add(p.change_of(&[PathBuf::from("/r/documents/QT-01.md~")]));
        burst.add(p.change_of(&[PathBuf::from("/r/qms.yaml")]));
        assert_eq!(burst, files(&["documents/QT-01.md", "qms.yaml"]));
        burst.add(p.change_of(&[PathBuf::from("/r/.git/refs/heads/main")]));
        assert_eq!(burst, Change::Anything);
        burst.add(p.change_of(&[PathBuf::from("/r/documents/QT-02.md")]));
        assert_eq!(burst, Change::Anything);
    }
}
