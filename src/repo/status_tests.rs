//! The work tree's state, against real git: a QMS root whose folder name
//! is a glob pattern, files inside and outside the folder asked about.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{DocRepo, FileState};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_states_below_a_folder_are_those_of_its_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    git(work, &["init", "-q"]);
    // Neither `[x]` nor `*` is a pattern here: the folder is named literally.
    let root = work.join("qms [x]");
    let lookalike = work.join("qms x");
    for base in [&root, &lookalike] {
        write(&base.join("documents/a.md"), "a");
        write(&base.join("documents/sub/b.md"), "b");
        write(&base.join("notes.md"), "n");
    }
    write(&root.join("documents*/c.md"), "c");
    git(work, &["add", "."]);
    git(work, &["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "start"]);
    for base in [&root, &lookalike] {
        write(&base.join("documents/a.md"), "a, edited");
        write(&base.join("documents/sub/new.md"), "new");
        write(&base.join("notes.md"), "n, edited");
    }
    write(&root.join("documents*/c.md"), "c, edited");

    let repo = DocRepo::open(&root).unwrap();
    let mut below: Vec<(PathBuf, FileState)> = repo.file_states_under(Some(Path::new("documents"))).unwrap().into_iter().collect();
    below.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        below,
        vec![
            (PathBuf::from("documents/a.md"), FileState::Modified),
            (PathBuf::from("documents/sub/new.md"), FileState::Untracked),
        ]
    );
    let all = repo.file_states().unwrap();
    assert_eq!(all.get(Path::new("notes.md")), Some(&FileState::Modified));
    assert_eq!(all.get(Path::new("documents*/c.md")), Some(&FileState::Modified));
    assert_eq!(all.len(), 4, "{all:?}");
}
