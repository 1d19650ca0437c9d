//! The pack reader against real git: histories written by `git fast-import`
//! and packed by `git repack` with offset and with id deltas, read object by
//! object and path by path, compared with what git itself reads.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::DocRepo;
use super::pack::{Kind, Oid, Packs};

fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Vec<u8> {
    let mut child = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("git runs");
    let mut stdin = child.stdin.take().unwrap();
    if let Some(input) = input {
        stdin.write_all(input).unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// A history of 60 commits over two folders of 150 and 50 files, each
/// commit changing, adding or deleting a few; a file `documents/quy-trinh.md`
/// beside the folder `documents/quy-trinh` tests git's order of entries.
fn history_stream() -> Vec<u8> {
    let mut stream = Vec::new();
    let data = |stream: &mut Vec<u8>, text: &str| {
        write!(stream, "data {}\n{text}\n", text.len()).unwrap();
    };
    let file = |i: usize, version: usize| {
        format!(
            "---\nid: QT-{i:03}\n---\n# Quy trình {i}\n\n{}Lần sửa {version}.\n",
            "Bước thực hiện, hồ sơ và thời hạn giải quyết.\n".repeat(20)
        )
    };
    for commit in 0..60 {
        writeln!(stream, "commit refs/heads/main\nmark :{}", commit + 1).unwrap();
        writeln!(stream, "committer Test <test@example.gov.vn> {} +0700", 1_700_000_000 + commit * 60).unwrap();
        data(&mut stream, &format!("commit {commit}"));
        if commit == 0 {
            for i in 0..150 {
                writeln!(stream, "M 100644 inline documents/quy-trinh/QT-{i:03}.md").unwrap();
                data(&mut stream, &file(i, 0));
            }
            for i in 0..50 {
                writeln!(stream, "M 100644 inline documents/bieu-mau/BM-{i:03}.md").unwrap();
                data(&mut stream, &format!("biểu mẫu {i}\n"));
            }
            for path in ["documents/quy-trinh.md", ".qms/signers.yaml"] {
                writeln!(stream, "M 100644 inline {path}").unwrap();
                data(&mut stream, path);
            }
            continue;
        }
        writeln!(stream, "from :{commit}").unwrap();
        let changed = commit * 7 % 150;
        writeln!(stream, "M 100644 inline documents/quy-trinh/QT-{changed:03}.md").unwrap();
        data(&mut stream, &file(changed, commit));
        if commit % 10 == 0 {
            writeln!(stream, "D documents/bieu-mau/BM-{:03}.md", commit / 10).unwrap();
        }
        if commit % 13 == 0 {
            writeln!(stream, "M 100644 inline documents/quy-trinh/QT-{:03}.md", 150 + commit).unwrap();
            data(&mut stream, &file(150 + commit, commit));
        }
    }
    stream
}

fn packed_repository(offset_deltas: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"], None);
    git(dir.path(), &["fast-import", "--quiet"], Some(&history_stream()));
    let setting = format!("repack.useDeltaBaseOffset={offset_deltas}");
    git(
        dir.path(),
        &["-c", &setting, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"],
        None,
    );
    let loose = String::from_utf8(git(dir.path(), &["count-objects"], None)).unwrap();
    assert!(loose.starts_with("0 objects"), "everything is packed: {loose}");
    dir
}

fn pack_file(repository: &Path) -> std::path::PathBuf {
    std::fs::read_dir(repository.join(".git/objects/pack"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pack"))
        .unwrap()
}

/// Every object of the repository as git reads it.
fn objects_by_git(dir: &Path) -> HashMap<Oid, (Kind, Vec<u8>)> {
    let ids = git(dir, &["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"], None);
    let raw = git(dir, &["cat-file", "--batch"], Some(&ids));
    let mut objects = HashMap::new();
    let mut rest = &raw[..];
    while !rest.is_empty() {
        let end = rest.iter().position(|&b| b == b'\n').unwrap();
        let header = std::str::from_utf8(&rest[..end]).unwrap().to_string();
        let mut fields = header.split(' ');
        let id = git2::Oid::from_str(fields.next().unwrap()).unwrap();
        let kind = match fields.next().unwrap() {
            "commit" => Kind::Commit,
            "tree" => Kind::Tree,
            "blob" => Kind::Blob,
            other => panic!("{other}"),
        };
        let size: usize = fields.next().unwrap().parse().unwrap();
        let content = rest[end + 1..end + 1 + size].to_vec();
        objects.insert(id.as_bytes().try_into().unwrap(), (kind, content));
        rest = &rest[end + 1 + size + 1..];
    }
    objects
}

#[test]
fn every_packed_object_reads_as_git_reads_it() {
    for offset_deltas in [true, false] {
        let dir = packed_repository(offset_deltas);
        let objects = objects_by_git(dir.path());
        assert!(objects.len() > 300);
        // A cache too small for the larger trees keeps eviction busy.
        for cache_limit in [32 << 20, 16 << 10] {
            let mut packs = Packs::open(&dir.path().join(".git/objects"), cache_limit);
            for (id, (kind, content)) in &objects {
                let (read_kind, read) = packs.read(id).expect("a packed object is found");
                assert_eq!((read_kind, &read[..]), (*kind, &content[..]), "offset deltas: {offset_deltas}");
            }
            assert!(packs.read(&[0xab; 20]).is_none());
        }
    }
}

#[test]
fn a_damaged_pack_never_panics_nor_gives_other_content() {
    let dir = packed_repository(true);
    let objects = objects_by_git(dir.path());
    let pack = pack_file(dir.path());
    let original = std::fs::read(&pack).unwrap();
    for position in (12..original.len()).step_by(original.len() / 97) {
        let mut damaged = original.clone();
        damaged[position] ^= 0x5a;
        std::fs::write(&pack, &damaged).unwrap();
        let mut packs = Packs::open(&dir.path().join(".git/objects"), 1 << 20);
        for (id, (kind, content)) in &objects {
            if let Some((read_kind, read)) = packs.read(id) {
                assert_eq!((read_kind, &read[..]), (*kind, &content[..]), "damage at {position}");
            }
        }
    }
    std::fs::write(&pack, b"PACK").unwrap();
    let mut packs = Packs::open(&dir.path().join(".git/objects"), 1 << 20);
    assert!(objects.keys().all(|id| packs.read(id).is_none()), "a truncated pack reads nothing");
    // The same objects packed with id deltas: a pack the index does not
    // describe (as while `git repack` replaces it) is left to libgit2.
    let other = packed_repository(false);
    std::fs::copy(pack_file(other.path()), &pack).unwrap();
    let mut packs = Packs::open(&dir.path().join(".git/objects"), 1 << 20);
    assert!(
        objects.keys().all(|id| packs.read(id).is_none()),
        "another pack under this index reads nothing"
    );
}

#[test]
fn path_lookups_in_packed_history_agree_with_git() {
    for offset_deltas in [true, false] {
        let dir = packed_repository(offset_deltas);
        let repo = DocRepo::open(dir.path()).unwrap();
        let commits = String::from_utf8(git(dir.path(), &["rev-list", "main"], None)).unwrap();
        for commit in commits.lines() {
            let listing = String::from_utf8(git(dir.path(), &["ls-tree", "-r", commit], None)).unwrap();
            for line in listing.lines() {
                let (meta, path) = line.split_once('\t').unwrap();
                let blob = meta.split(' ').nth(2).unwrap();
                assert_eq!(
                    repo.blob_at(commit, Path::new(path)).unwrap().as_deref(),
                    Some(blob),
                    "{commit}:{path}"
                );
            }
            for absent in [
                "documents/quy-trinh",
                "documents",
                "documents/quy-trinh/QT-999.md",
                "nothing/at/all",
                "documents/quy-trinh.md/x",
            ] {
                assert_eq!(repo.blob_at(commit, Path::new(absent)).unwrap(), None, "{commit}:{absent}");
            }
        }
        let served = repo.trees.borrow().as_ref().map(|trees| trees.served_from_packs()).unwrap_or(0);
        assert!(served > 0, "the trees were read from the packs, not through libgit2");
    }
}
