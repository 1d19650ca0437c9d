//! A cache of what the history walk yields, under `.git/qms/`, so that a
//! repeated command on an unchanged (or grown) repository reads only the new
//! commits. It is keyed by the commit it was computed at, the trust root, the
//! binary's version and a digest of the rules' source, and checked by a
//! checksum: a cache that is corrupt, of another version or other rules, or
//! whose commit is no longer an ancestor of the one asked for (history
//! rewritten) is ignored and rebuilt, never trusted.
//!
//! It is a speed-up protected against damage, not against someone who can
//! write `.git/`: such a person can also rewrite the objects themselves.
//! `qms verify --no-cache` walks the whole history and neither reads nor
//! writes it; CI should use it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::ancestry::PolicyState;
use super::timeline::{MalformedCommit, Timeline};
use super::trust::HistoryProblem;
use crate::repo::{CommitId, DocRepo};

pub(crate) const VERSION: u32 = 2;
const MAGIC: &str = "qms-history-cache";

/// Borrowed when stored (cloning 30,000 timelines only to write them cost a
/// tenth of a cold walk), owned when loaded.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot<'a> {
    pub version: u32,
    /// [`rules_digest`] of the binary that wrote it.
    pub rules: String,
    /// The QMS root within the work tree: paths in the cache are relative to it.
    pub prefix: String,
    /// The commit the snapshot describes (everything reachable from it).
    pub head: CommitId,
    pub anchor: CachedAnchor,
    /// The versions of the policy files in force at `head`.
    pub policy: PolicyState,
    /// Problems of the history the walk found.
    pub problems: Vec<HistoryProblem>,
    pub timelines: Cow<'a, BTreeMap<String, Timeline>>,
    pub malformed: Cow<'a, [MalformedCommit]>,
}

/// The trust root the snapshot was computed under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CachedAnchor {
    /// The history's only root commit.
    Root(CommitId),
    /// A trust root named by `--trust-root` or `qms.trustRoot`.
    Named(CommitId),
}

/// The binary's version and a digest of the source of the rules and the
/// walk: a cache written by other rules is not read.
pub(crate) fn rules_digest() -> String {
    const SOURCES: [&str; 7] = [
        include_str!("rules.rs"),
        include_str!("engine.rs"),
        include_str!("ancestry.rs"),
        include_str!("trailers.rs"),
        include_str!("record_steps.rs"),
        include_str!("timeline.rs"),
        include_str!("history.rs"),
    ];
    let mut crc = crc32fast::Hasher::new();
    for source in SOURCES {
        crc.update(source.as_bytes());
    }
    format!("{}-{:08x}", env!("CARGO_PKG_VERSION"), crc.finalize())
}

/// Whether a derived cache of `total` items, `new` of them learned since
/// its file was written, is worth writing again now. Rewriting costs in
/// proportion to the whole (about 80 ms for 10,000 documents' history or
/// their page facts), while each item left out costs the next command
/// only that item's work again (walking one commit, rendering one body:
/// a millisecond or two): so a file is rewritten once the items left out
/// would cost about as much as the rewrite — after 50 new items at 10,000
/// documents, after every one in a small repository. What is not written
/// is learned again, and counted again, by the next command.
pub(crate) fn worth_rewriting(new: usize, total: usize) -> bool {
    new.saturating_mul(200) >= total
}

fn path(repo: &DocRepo) -> Option<PathBuf> {
    repo.cache_dir().map(|dir| dir.join(format!("history-v{VERSION}.json")))
}

/// The body's checksum as the header holds it: CRC-32, which catches a
/// damaged file and is fast enough to run on every command (the body is some
/// 20 MB at 10,000 documents).
fn checksum_text(crc: u32) -> String {
    format!("{crc:08x}")
}

/// The cached snapshot, when there is a sound one for this repository.
pub(crate) fn load(repo: &DocRepo) -> Option<Snapshot<'static>> {
    let text = std::fs::read(path(repo)?).ok()?;
    let newline = text.iter().position(|&b| b == b'\n')?;
    let (header, body) = (std::str::from_utf8(&text[..newline]).ok()?, &text[newline + 1..]);
    let mut parts = header.split_whitespace();
    if parts.next()? != MAGIC || parts.next()? != format!("v{VERSION}") || parts.next()? != checksum_text(crc32fast::hash(body)) {
        return None;
    }
    let snapshot: Snapshot<'static> = serde_json::from_slice(body).ok()?;
    (snapshot.version == VERSION && snapshot.rules == rules_digest() && snapshot.prefix == repo.prefix_string()).then_some(snapshot)
}

/// Writes the snapshot atomically; failures only cost speed next time. The
/// body is streamed to the file (held whole, it was the largest allocation of
/// a cold run) and its checksum written into the header after.
pub(crate) fn store(repo: &DocRepo, snapshot: &Snapshot<'_>) {
    let Some(path) = path(repo) else { return };
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let written = (|| -> std::io::Result<tempfile::NamedTempFile> {
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        let header = format!("{MAGIC} v{VERSION} ");
        file.write_all(header.as_bytes())?;
        file.write_all(format!("{}\n", checksum_text(0)).as_bytes())?;
        let crc = {
            let mut body = Checksummed {
                inner: std::io::BufWriter::with_capacity(1 << 16, file.as_file_mut()),
                crc: crc32fast::Hasher::new(),
            };
            serde_json::to_writer(&mut body, snapshot)?;
            body.inner.flush()?;
            body.crc.finalize()
        };
        file.seek(SeekFrom::Start(header.len() as u64))?;
        file.write_all(checksum_text(crc).as_bytes())?;
        Ok(file)
    })();
    if let Ok(file) = written {
        let _ = file.persist(&path);
    }
}

/// A writer that keeps the CRC-32 of what goes through it.
struct Checksummed<W> {
    inner: W,
    crc: crc32fast::Hasher,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.crc.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
