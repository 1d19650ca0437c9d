//! The site folder, rewritten only where it changed.
//!
//! Each file of the site has a key: a hash of what it is made of (a page's
//! template context and the templates), or of its bytes. The folder's
//! manifest, `.qms-handbook`, records every file's key, the inputs of the
//! whole build (the commit, the options, the templates) and what the build
//! produced. A build makes again only the files whose key changed, writes
//! them into a staging folder beside the site, and moves them in at the
//! end, removing the files it no longer makes; a build whose inputs are
//! those of the manifest does nothing at all. The result is the folder a
//! clean build writes, byte for byte (tested on random histories).
//!
//! The manifest is removed before the first file is moved in and written
//! after the last: a build stopped in between leaves no manifest, and the
//! next one writes every file again.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::BuildSummary;
use super::cache::Cache;
use crate::msg;

/// Marks a folder as written by `qms build`, and holds its manifest.
pub(super) const MARKER: &str = ".qms-handbook";

/// The folder inside the staging folder where the files a build replaces
/// wait to be removed with it, where their names cannot be exchanged (no
/// file of a site is named so).
const REPLACED: &str = ".qms-replaced";

/// The manifest's format; another one is read as no manifest.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// The qms that wrote it: keys are hashes only this build computes alike.
    qms: String,
    inputs: u64,
    summary: BuildSummary,
    /// Every file of the site (`/`-separated, relative) and its key.
    files: BTreeMap<String, u64>,
    /// The files made of parts ([`Output::make_parts`]): each part's key
    /// and place.
    #[serde(default)]
    parts: BTreeMap<String, Vec<Part>>,
    /// The frames of those files: what they were made from, and how long
    /// their head and tail are.
    #[serde(default)]
    frames: BTreeMap<String, FrameRecord>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct FrameRecord {
    key: u64,
    head: u64,
    tail: u64,
}

/// A part of a file (one document in print.html, one entry of the search
/// index): its key, and where its bytes are in the file.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Part {
    key: u64,
    start: u64,
    len: u64,
}

/// How a file made of parts is laid out: what comes before the parts
/// (the head), between two of them (the separator, always the same for a
/// file) and after (the tail).
pub(super) struct Frame<'a> {
    /// What the head and tail are made from: with the same key, they are
    /// copied from the last file rather than made.
    pub key: u64,
    pub separator: &'a [u8],
    /// Makes the head and the tail.
    pub make: &'a dyn Fn() -> Result<(Vec<u8>, Vec<u8>)>,
}

/// How many parts are made at once (in parallel) and written before the
/// next ones are made: print.html's 10,000 articles held at once were
/// 64 MB of a clean build's memory.
const PARTS_AT_ONCE: usize = 256;

/// Where a part of a file being made comes from.
enum PartSource {
    /// Made now.
    Made(Vec<u8>),
    /// The last file's bytes, copied.
    Old(Part),
}

/// Writes a file made of parts, joining the ranges of the last file that
/// follow each other there into one copy.
struct PartWriter<'a> {
    writer: std::io::BufWriter<&'a mut fs::File>,
    old_file: Option<&'a fs::File>,
    name: &'a str,
    /// A range of the old file still to be copied.
    pending: Option<(u64, u64)>,
    /// How many bytes the new file has, pending range included.
    at: u64,
}

impl PartWriter<'_> {
    fn made(&mut self, bytes: &[u8]) -> Result<()> {
        self.flush_old()?;
        self.writer.write_all(bytes)?;
        self.at += bytes.len() as u64;
        Ok(())
    }

    fn old(&mut self, start: u64, len: u64) -> Result<()> {
        match &mut self.pending {
            Some((from, pending)) if *from + *pending == start => *pending += len,
            _ => {
                self.flush_old()?;
                self.pending = Some((start, len));
            }
        }
        self.at += len;
        Ok(())
    }

    /// Whether the last bytes are the old file's, ending `gap` bytes before `next`.
    fn old_ends_before(&self, gap: u64, next: u64) -> bool {
        self.pending.is_some_and(|(start, len)| start + len + gap == next)
    }

    fn flush_old(&mut self) -> Result<()> {
        let Some((start, len)) = self.pending.take() else {
            return Ok(());
        };
        self.writer.flush()?;
        let mut source = self.old_file.ok_or_else(|| anyhow::anyhow!(msg!("error-read", path = self.name)))?;
        std::io::Seek::seek(&mut source, std::io::SeekFrom::Start(start))?;
        // File to file: copy_file_range on Linux, the bytes never enter this process.
        let copied = std::io::copy(&mut std::io::Read::take(source, len), self.writer.get_mut())?;
        if copied != len {
            bail!(msg!("error-read", path = self.name));
        }
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.flush_old()?;
        Ok(self.writer.flush()?)
    }
}

/// The site folder as a build left it, kept in memory for the next build
/// of the same process (see `session`).
pub(super) struct Remembered {
    out: PathBuf,
    manifest: Manifest,
    cache: Cache,
    /// Where the cache is kept, and whether it changed since it was written there.
    cache_file: Option<PathBuf>,
    unsaved: bool,
}

impl Remembered {
    /// Writes the cache when it changed since it was last written.
    pub(super) fn save(&mut self) {
        if let (Some(file), true) = (&self.cache_file, self.unsaved) {
            // Only a speed-up: see `Output::finish`.
            self.unsaved = self.cache.write(file).is_err();
        }
    }
}

/// The site being written.
pub(super) struct Output {
    out: PathBuf,
    staging: tempfile::TempDir,
    previous: BTreeMap<String, u64>,
    /// The files in the site folder when the build started.
    present: HashSet<String>,
    previous_parts: BTreeMap<String, Vec<Part>>,
    parts: Mutex<BTreeMap<String, Vec<Part>>>,
    previous_frames: BTreeMap<String, FrameRecord>,
    frames: Mutex<BTreeMap<String, FrameRecord>>,
    /// What the last build knew of each document's file, and where it is kept.
    cache: Cache,
    cache_file: Option<PathBuf>,
    /// The cache in memory is newer than its file.
    unsaved: bool,
    /// Files of this build and their keys; `true` where staged (changed).
    files: Mutex<BTreeMap<String, (u64, bool)>>,
}

/// The summary of the build in `out`, when it was made from `inputs` by
/// this qms and every file it lists is still there.
pub(super) fn up_to_date(out: &Path, inputs: u64, remembered: Option<&Remembered>) -> Option<BuildSummary> {
    let read;
    let manifest = match remembered.filter(|r| r.out == out) {
        Some(remembered) => &remembered.manifest,
        None => {
            read = read_manifest(out)?;
            &read
        }
    };
    let complete = manifest.inputs == inputs && {
        let present = files_in(out);
        manifest.files.keys().all(|name| present.contains(name))
    };
    complete.then(|| manifest.summary.clone())
}

/// The regular files below `out` (`/`-separated, relative), read from the
/// folders' listings: one listing, not one look-up per file, and a link
/// never counts as a file the build made.
fn files_in(out: &Path) -> HashSet<String> {
    fn walk(dir: &Path, prefix: &str, found: &mut HashSet<String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if kind.is_dir() {
                walk(&entry.path(), &format!("{name}/"), found);
            } else if kind.is_file() {
                found.insert(name);
            }
        }
    }
    let mut found = HashSet::new();
    walk(out, "", &mut found);
    found
}

fn read_manifest(out: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(out.join(MARKER)).ok()?;
    let manifest: Manifest = serde_json::from_str(&text).ok()?;
    (manifest.format == FORMAT && manifest.qms == env!("CARGO_PKG_VERSION")).then_some(manifest)
}

impl Output {
    /// The site in `out`: refused when `out` holds files qms did not write.
    /// The cache of document facts is kept in `cache_file`, outside the
    /// site (it names drafts too, and the site is what gets published).
    /// With `remembered` (the last build of this process into `out`), the
    /// manifest and cache are not read again.
    pub(super) fn open(out: &Path, cache_file: Option<PathBuf>, remembered: Option<Remembered>) -> Result<Output> {
        if out.exists() && !out.join(MARKER).exists() && fs::read_dir(out)?.next().is_some() {
            bail!(msg!("error-out-exists", path = out.display()));
        }
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).with_context(|| msg!("error-create", path = parent.display()))?;
        let staging = tempfile::Builder::new().prefix(".qms-build-").tempdir_in(parent)?;
        let (manifest, cache, unsaved) = match remembered.filter(|r| r.out == out && r.cache_file == cache_file) {
            Some(r) => (Some(r.manifest), r.cache, r.unsaved),
            None => {
                let cache = cache_file.as_deref().map(Cache::read).unwrap_or_else(Cache::new);
                (read_manifest(out), cache, false)
            }
        };
        let (previous, previous_parts, previous_frames) = manifest.map(|m| (m.files, m.parts, m.frames)).unwrap_or_default();
        Ok(Output {
            out: out.to_path_buf(),
            staging,
            present: files_in(out),
            previous,
            previous_parts,
            parts: Mutex::new(BTreeMap::new()),
            previous_frames,
            frames: Mutex::new(BTreeMap::new()),
            cache,
            cache_file,
            unsaved,
            files: Mutex::new(BTreeMap::new()),
        })
    }

    /// The parts `name` had, by key, when the site still has it as the
    /// last build made it: those parts are copied, not made again.
    fn reusable(&self, name: &str) -> HashMap<u64, Part> {
        match self.previous_parts.get(name) {
            Some(parts) if self.as_made(name) => parts.iter().map(|p| (p.key, *p)).collect(),
            _ => HashMap::new(),
        }
    }

    /// Whether the site still has `name` as the last build made it.
    fn as_made(&self, name: &str) -> bool {
        self.previous.contains_key(name) && self.present.contains(name)
    }

    /// Makes `name` from `key` unless the site has it: `frame` around the
    /// parts whose keys are `keys`, each copied from the site's file when
    /// it had it, else made by `make_part` (in parallel) once `prepare` was
    /// told which ones those are; the frame too is copied when its key is
    /// the same.
    pub(super) fn make_parts(
        &self,
        name: &str,
        key: u64,
        frame: &Frame<'_>,
        keys: &[u64],
        prepare: &dyn Fn(&[usize]) -> Result<()>,
        make_part: &(dyn Fn(usize) -> Result<Vec<u8>> + Sync),
    ) -> Result<()> {
        if self.keep(name, key) {
            return Ok(());
        }
        let old = self.reusable(name);
        let old_frame = self
            .previous_frames
            .get(name)
            .filter(|f| f.key == frame.key && self.as_made(name))
            .copied();
        let old_file = if old.is_empty() && old_frame.is_none() {
            None
        } else {
            Some(fs::File::open(self.out.join(name)).with_context(|| msg!("error-read", path = name))?)
        };
        let old_len = match &old_file {
            Some(file) => file.metadata().with_context(|| msg!("error-read", path = name))?.len(),
            None => 0,
        };
        let missing: Vec<usize> = (0..keys.len()).filter(|&i| !old.contains_key(&keys[i])).collect();
        prepare(&missing)?;
        let (new_frame, record) = match old_frame {
            Some(f) => (None, f),
            None => {
                let (head, tail) = (frame.make)()?;
                let record = FrameRecord {
                    key: frame.key,
                    head: head.len() as u64,
                    tail: tail.len() as u64,
                };
                (Some((head, tail)), record)
            }
        };
        let separator = frame.separator.len() as u64;
        let mut parts = Vec::with_capacity(keys.len());
        self.make_file(name, key, |file| {
            let mut out = PartWriter {
                writer: std::io::BufWriter::new(file),
                old_file: old_file.as_ref(),
                name,
                pending: None,
                at: 0,
            };
            match &new_frame {
                Some((head, _)) => out.made(head)?,
                None => out.old(0, record.head)?,
            }
            for from in (0..keys.len()).step_by(PARTS_AT_ONCE) {
                let batch = from..keys.len().min(from + PARTS_AT_ONCE);
                let sources: Vec<PartSource> = {
                    use rayon::prelude::*;
                    batch
                        .clone()
                        .into_par_iter()
                        .map(|i| match old.get(&keys[i]) {
                            Some(part) => Ok(PartSource::Old(*part)),
                            None => make_part(i).map(PartSource::Made),
                        })
                        .collect::<Result<_>>()?
                };
                for (i, source) in batch.zip(sources) {
                    if i > 0 {
                        // Between two parts that follow each other in the old
                        // file, the separator is the old file's too: one range to copy.
                        match &source {
                            PartSource::Old(part) if out.old_ends_before(separator, part.start) => {
                                out.old(part.start - separator, separator)?
                            }
                            _ => out.made(frame.separator)?,
                        }
                    }
                    let start = out.at;
                    match source {
                        PartSource::Made(bytes) => out.made(&bytes)?,
                        PartSource::Old(part) => out.old(part.start, part.len)?,
                    }
                    parts.push(Part {
                        key: keys[i],
                        start,
                        len: out.at - start,
                    });
                }
            }
            match &new_frame {
                Some((_, tail)) => out.made(tail)?,
                None => out.old(old_len.saturating_sub(record.tail), record.tail)?,
            }
            out.finish()
        })?;
        self.record_parts(name, parts, Some(record));
        Ok(())
    }

    /// Records where `name`'s parts are, and its frame.
    fn record_parts(&self, name: &str, parts: Vec<Part>, frame: Option<FrameRecord>) {
        self.parts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(name.to_string(), parts);
        if let Some(frame) = frame {
            self.frames
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(name.to_string(), frame);
        }
    }

    /// What the last build knew of each document, taken: the build keeps
    /// what it still uses of it and gives it back to [`Output::finish`].
    pub(super) fn take_cache(&mut self) -> Cache {
        std::mem::replace(&mut self.cache, Cache::new())
    }

    /// Whether `name` is in the site as a file made from `key`; if so it
    /// is kept as it is.
    pub(super) fn keep(&self, name: &str, key: u64) -> bool {
        let kept = self.previous.get(name) == Some(&key) && self.present.contains(name);
        if kept {
            self.record(name, key, false);
            // Kept whole: so are its parts and frame, where they were.
            if let Some(parts) = self.previous_parts.get(name) {
                self.record_parts(name, parts.clone(), self.previous_frames.get(name).copied());
            }
        }
        kept
    }

    /// Makes `name` from `key` unless the site has it ([`Output::keep`]):
    /// `make` writes its bytes, and is not called when the file is kept.
    pub(super) fn make(&self, name: &str, key: u64, make: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        if self.keep(name, key) {
            return Ok(());
        }
        self.make_file(name, key, |file| {
            let mut writer = std::io::BufWriter::new(file);
            make(&mut writer)?;
            writer.flush().with_context(|| msg!("error-write", path = name))
        })
    }

    /// Stages `name`, made from `key`: `make` writes the new file.
    fn make_file(&self, name: &str, key: u64, make: impl FnOnce(&mut fs::File) -> Result<()>) -> Result<()> {
        let path = self.staging.path().join(name);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).with_context(|| msg!("error-create", path = folder.display()))?;
        }
        let mut file = fs::File::create(&path).with_context(|| msg!("error-write", path = name))?;
        make(&mut file).with_context(|| msg!("error-write", path = name))?;
        self.record(name, key, true);
        Ok(())
    }

    /// Writes `name` unless the site has it with the same bytes.
    pub(super) fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        self.make(name, crate::text::hash_bytes(bytes), |writer| Ok(writer.write_all(bytes)?))
    }

    fn record(&self, name: &str, key: u64, staged: bool) {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(name.to_string(), (key, staged));
    }

    /// Moves the changed files in, removes what this build did not make,
    /// and writes the manifest; `cache` is what this build knew of the
    /// documents (`changes`: how that differs from what the last one knew).
    /// Gives how many files were written, and the folder as it is now for
    /// the next build. The cache is written to its file when it changed
    /// enough to be worth it, unless `defer_cache` (then
    /// [`Remembered::save`] writes it whenever it changed).
    pub(super) fn finish(
        self,
        inputs: u64,
        summary: &BuildSummary,
        cache: Cache,
        changes: super::cache::Changes,
        defer_cache: bool,
    ) -> Result<(usize, Remembered)> {
        let mut remembered = Remembered {
            out: self.out.clone(),
            manifest: Manifest {
                format: FORMAT,
                qms: env!("CARGO_PKG_VERSION").to_string(),
                inputs,
                summary: summary.clone(),
                files: BTreeMap::new(),
                parts: BTreeMap::new(),
                frames: BTreeMap::new(),
            },
            unsaved: self.unsaved || changes.any(),
            cache_file: self.cache_file,
            cache,
        };
        if !defer_cache && changes.worth_writing(&remembered.cache) {
            // Only a speed-up: a cache that cannot be written (a read-only
            // .git) leaves the next build to read every file again.
            remembered.save();
        }
        let files = self.files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let changed = files.values().filter(|(_, staged)| *staged).count();
        remembered.manifest.files = files.iter().map(|(name, (key, _))| (name.clone(), *key)).collect();
        remembered.manifest.parts = self.parts.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        remembered.manifest.frames = self.frames.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let manifest = serde_json::to_string(&remembered.manifest)?;
        if !self.out.exists() {
            // A new site: the staging folder becomes it whole.
            fs::write(self.staging.path().join(MARKER), manifest)?;
            let staged = self.staging.keep();
            fs::rename(&staged, &self.out).with_context(|| msg!("error-write", path = self.out.display()))?;
            return Ok((changed, remembered));
        }
        let marker = self.out.join(MARKER);
        if marker.exists() {
            fs::remove_file(&marker).with_context(|| msg!("error-write", path = marker.display()))?;
        }
        let replaced = self.staging.path().join(REPLACED);
        for (index, (name, _)) in files.iter().filter(|(_, (_, staged))| *staged).enumerate() {
            let (staged, target) = (self.staging.path().join(name), self.out.join(name));
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).with_context(|| msg!("error-create", path = folder.display()))?;
            }
            let moved = if self.present.contains(name) {
                replace(&staged, &target, &replaced, index)
            } else {
                fs::rename(&staged, &target)
            };
            moved.with_context(|| msg!("error-write", path = target.display()))?;
        }
        let made: BTreeSet<&str> = files.keys().map(String::as_str).collect();
        remove_others(&self.out, Path::new(""), &made)?;
        fs::write(&marker, manifest).with_context(|| msg!("error-write", path = marker.display()))?;
        Ok((changed, remembered))
    }
}

/// Puts `staged` in the place of `target`, which the site has; the old
/// file is left in the staging folder, removed with it. Renaming a file
/// over another makes ext4 write the new one to disk at once (its
/// `auto_da_alloc`: 40 - 60 ms for print.html in every build after a
/// change); exchanging the two names does not, and the site never lacks
/// the file. Where names cannot be exchanged, the old file is moved aside
/// into `replaced` (as `index`) first: a moment without it.
fn replace(staged: &Path, target: &Path, replaced: &Path, index: usize) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staged, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    fs::create_dir_all(replaced)?;
    // One that cannot be moved aside is renamed over.
    let _ = fs::rename(target, replaced.join(index.to_string()));
    fs::rename(staged, target)
}

/// Removes every file under `dir/relative` that is not in `made` (nor the
/// manifest), and the folders left empty.
fn remove_others(dir: &Path, relative: &Path, made: &BTreeSet<&str>) -> Result<()> {
    for entry in fs::read_dir(dir.join(relative))? {
        let entry = entry?;
        let path = relative.join(entry.file_name());
        let name = path.to_string_lossy().replace('\\', "/");
        if entry.file_type()?.is_dir() {
            remove_others(dir, &path, made)?;
            if fs::read_dir(dir.join(&path))?.next().is_none() {
                fs::remove_dir(dir.join(&path))?;
            }
        } else if name != MARKER && !made.contains(name.as_str()) {
            fs::remove_file(dir.join(&path)).with_context(|| msg!("error-write", path = dir.join(&path).display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handbook::cache::{Cache, Changes};

    fn summary() -> BuildSummary {
        BuildSummary {
            documents: 0,
            obsolete: 0,
            pages: 0,
            book: Vec::new(),
            written: 0,
        }
    }

    /// Builds `name` of the parts `texts` (each part keyed by its text)
    /// into `out`, as a build would; gives the file and how many parts
    /// were made rather than copied.
    fn build(out: &Path, texts: &[String]) -> (String, usize) {
        let output = Output::open(out, None, None).unwrap();
        let keys: Vec<u64> = texts.iter().map(|t| crate::text::hash_bytes(t.as_bytes())).collect();
        let made = std::sync::atomic::AtomicUsize::new(0);
        let frame = Frame {
            key: 1,
            separator: b",",
            make: &|| Ok((b"[".to_vec(), b"]".to_vec())),
        };
        output
            .make_parts("parts.js", crate::text::hash_of(&keys), &frame, &keys, &|_| Ok(()), &|i| {
                made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(texts[i].clone().into_bytes())
            })
            .unwrap();
        output.finish(0, &summary(), Cache::new(), Changes::default(), true).unwrap();
        (fs::read_to_string(out.join("parts.js")).unwrap(), made.into_inner())
    }

    fn expected(texts: &[String]) -> String {
        format!("[{}]", texts.join(","))
    }

    #[test]
    fn parts_over_several_batches_are_copied_where_they_stayed_and_made_where_they_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut texts: Vec<String> = (0..3 * PARTS_AT_ONCE + 7).map(|i| format!("\"part {i}\"")).collect();
        let (file, made) = build(&out, &texts);
        assert_eq!((file, made), (expected(&texts), texts.len()));

        // One changed in each batch, one removed, one added at the front,
        // two swapped: only the changed and the added are made again.
        for i in [3, PARTS_AT_ONCE + 1, 2 * PARTS_AT_ONCE + 5] {
            texts[i] = format!("\"changed {i}\"");
        }
        texts.remove(PARTS_AT_ONCE - 1);
        texts.insert(0, "\"new\"".to_string());
        texts.swap(10, 500);
        let (file, made) = build(&out, &texts);
        assert_eq!((file, made), (expected(&texts), 4));

        // The positions recorded are right: the next build copies every part.
        texts.swap(1, 2);
        let (file, made) = build(&out, &texts);
        assert_eq!((file, made), (expected(&texts), 0));
    }

    fn write_once(out: &Path, text: &str, meanwhile: impl FnOnce()) {
        let output = Output::open(out, None, None).unwrap();
        output.write("page.html", text.as_bytes()).unwrap();
        meanwhile();
        output.finish(0, &summary(), Cache::new(), Changes::default(), true).unwrap();
    }

    #[test]
    fn a_replaced_file_is_the_new_one_even_when_it_went_away_during_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_once(&out, "one", || {});
        write_once(&out, "two", || {});
        assert_eq!(fs::read_to_string(out.join("page.html")).unwrap(), "two");
        // Names cannot be exchanged with a file that is gone: it is put in place all the same.
        write_once(&out, "three", || fs::remove_file(out.join("page.html")).unwrap());
        assert_eq!(fs::read_to_string(out.join("page.html")).unwrap(), "three");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["site"], "the staging folder, and the old files in it, are gone");
    }
}
