//! Writing files so that a failed command leaves the work tree as it was.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::msg;
use crate::repo::DocRepo;
use crate::workspace::Workspace;

/// Writes `files` (paths relative to the repository root) and, with a
/// repository, commits exactly them as the acting person, all or nothing:
/// when anything fails the work tree is put back as it was.
pub(crate) fn write_and_commit(workspace: &Workspace, repo: Option<&DocRepo>, files: &[(PathBuf, &[u8])], message: &str) -> Result<()> {
    let mut undo = Undo::default();
    let written = (|| -> Result<()> {
        for (path, bytes) in files {
            undo.write(&workspace.root.join(path), bytes)?;
        }
        if let Some(repo) = repo {
            let paths: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
            let identity = repo.identity_or_configured(workspace.acting_person().ok().flatten().map(|p| p.identity()));
            repo.commit_files(&paths, message, &identity, &workspace.now()?)?;
        }
        Ok(())
    })();
    written.map_err(|e| {
        undo.run();
        e.context(msg!("error-nothing-changed"))
    })
}

/// Remembers what a command created or overwrote, to put it back if the
/// command fails before it completes.
#[derive(Default)]
pub(crate) struct Undo {
    created_files: Vec<PathBuf>,
    overwritten: Vec<(PathBuf, Vec<u8>)>,
    created_dirs: Vec<PathBuf>,
}

impl Undo {
    /// Creates `dir` and its missing parents, remembering which were new.
    pub(crate) fn create_dir_all(&mut self, dir: &Path) -> Result<()> {
        let mut missing = Vec::new();
        let mut current = Some(dir);
        while let Some(d) = current.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            missing.push(d.to_path_buf());
            current = d.parent();
        }
        fs::create_dir_all(dir).with_context(|| msg!("error-create", path = dir.display()))?;
        self.created_dirs.extend(missing.into_iter().rev());
        Ok(())
    }

    /// A folder created by somebody else on our behalf (e.g. `.git` by git
    /// init), removed with everything in it on undo.
    pub(crate) fn adopt_dir(&mut self, dir: PathBuf) {
        self.created_dirs.push(dir);
    }

    /// Writes `content` to `path`, keeping the old content (if any) to restore.
    pub(crate) fn write(&mut self, path: &Path, content: &[u8]) -> Result<()> {
        if let Some(parent) = path.parent() {
            self.create_dir_all(parent)?;
        }
        match fs::read(path) {
            Ok(old) => self.overwritten.push((path.to_path_buf(), old)),
            Err(_) => self.created_files.push(path.to_path_buf()),
        }
        fs::write(path, content).with_context(|| msg!("error-write", path = path.display()))
    }

    /// Puts everything back.
    pub(crate) fn run(self) {
        for (path, old) in self.overwritten.iter().rev() {
            let _ = fs::write(path, old);
        }
        for file in self.created_files.iter().rev() {
            let _ = fs::remove_file(file);
        }
        let mut seen = HashSet::new();
        for dir in self.created_dirs.iter().rev() {
            if seen.insert(dir) {
                if dir.ends_with(".git") {
                    let _ = fs::remove_dir_all(dir);
                } else {
                    let _ = fs::remove_dir(dir);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_restores_files_and_removes_new_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let existing = tmp.path().join("keep.txt");
        fs::write(&existing, "original").unwrap();
        let mut undo = Undo::default();
        undo.write(&existing, b"changed").unwrap();
        undo.write(&tmp.path().join("a/b/new.md"), b"new").unwrap();
        undo.run();
        assert_eq!(fs::read_to_string(&existing).unwrap(), "original");
        assert!(!tmp.path().join("a").exists());
    }
}
