//! Path lookups in git trees read from their raw bytes: through the pack
//! reader (see `pack.rs`) when it has the tree, else through libgit2.
//!
//! libgit2 caches parsed trees too, but reads each new version of a large
//! folder from the bottom of its delta chain; the history walk meets hundreds
//! of versions, and here each costs about one delta.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result, bail, ensure};

use super::pack::{Bytes, Kind, Oid, Packs};
use super::recent::Recent;

/// Resolved objects kept by the pack reader.
const OBJECT_CACHE_BYTES: usize = 32 << 20;
/// Parsed trees kept; the walk uses a handful at a time.
const LISTINGS_KEPT: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EntryKind {
    Tree,
    Blob,
    /// A submodule.
    Commit,
}

/// A tree's entries, in the order git sorts them. The first lookup scans
/// the bytes; a second one indexes them: most versions of a large folder are
/// met for one document only, and the version at HEAD for all of them.
pub(super) struct TreeListing {
    data: Bytes,
    index: OnceLock<Vec<RawEntry>>,
    scanned: AtomicBool,
}

#[derive(Clone)]
struct RawEntry {
    name: std::ops::Range<u32>,
    kind: EntryKind,
}

impl TreeListing {
    pub(super) fn new(data: Bytes) -> Result<TreeListing> {
        ensure!(u32::try_from(data.len()).is_ok(), "a tree object too large");
        Ok(TreeListing {
            data,
            index: OnceLock::new(),
            scanned: AtomicBool::new(false),
        })
    }

    /// The entries of `<octal mode> <name>\0` followed by a 20-byte id.
    fn entries(&self) -> impl Iterator<Item = Result<RawEntry>> + '_ {
        let data = &self.data[..];
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= data.len() {
                return None;
            }
            let entry = (|| {
                let nul = memchr::memchr(0, &data[at..])
                    .map(|i| at + i)
                    .context("a tree entry without a name")?;
                let space = memchr::memchr(b' ', &data[at..nul])
                    .map(|i| at + i)
                    .context("a tree entry without a mode")?;
                let mode = octal(&data[at..space]).context("a tree entry with an unreadable mode")?;
                ensure!(nul + 21 <= data.len(), "a tree entry cut short");
                let kind = match mode & 0o170000 {
                    0o040000 => EntryKind::Tree,
                    0o160000 => EntryKind::Commit,
                    _ => EntryKind::Blob,
                };
                at = nul + 21;
                Ok(RawEntry {
                    name: (space + 1) as u32..nul as u32,
                    kind,
                })
            })();
            if entry.is_err() {
                at = data.len();
            }
            Some(entry)
        })
    }

    fn name(&self, entry: &RawEntry) -> &[u8] {
        &self.data[entry.name.start as usize..entry.name.end as usize]
    }

    fn id(&self, entry: &RawEntry) -> Oid {
        let start = entry.name.end as usize + 1;
        let mut id = [0u8; 20];
        id.copy_from_slice(&self.data[start..start + 20]);
        id
    }

    /// The entry called `name`.
    pub(super) fn find(&self, name: &[u8]) -> Result<Option<(EntryKind, Oid)>> {
        if self.index.get().is_none() && !self.scanned.swap(true, Ordering::Relaxed) {
            for entry in self.entries() {
                let entry = entry?;
                if self.name(&entry) == name {
                    return Ok(Some((entry.kind, self.id(&entry))));
                }
            }
            return Ok(None);
        }
        let index = match self.index.get() {
            Some(index) => index,
            None => {
                let entries = self.entries().collect::<Result<Vec<_>>>()?;
                self.index.get_or_init(|| entries)
            }
        };
        // Git orders a folder as if its name ended in `/`, so the name is
        // looked for once as a file and once as a folder.
        Ok([false, true].into_iter().find_map(|as_folder| {
            let found = index.binary_search_by(|entry| git_order(self.name(entry), entry.kind == EntryKind::Tree, name, as_folder));
            found.ok().map(|i| (index[i].kind, self.id(&index[i])))
        }))
    }
}

fn octal(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 7 {
        return None;
    }
    digits
        .iter()
        .try_fold(0u32, |mode, &d| matches!(d, b'0'..=b'7').then(|| mode * 8 + u32::from(d - b'0')))
}

/// Git's order of tree entries: by name, a folder's name read with a
/// trailing `/`.
fn git_order(a: &[u8], a_folder: bool, b: &[u8], b_folder: bool) -> std::cmp::Ordering {
    let common = a.len().min(b.len());
    a[..common].cmp(&b[..common]).then_with(|| {
        let end = |name: &[u8], folder: bool| name.get(common).copied().unwrap_or(if folder { b'/' } else { 0 });
        end(a, a_folder).cmp(&end(b, b_folder))
    })
}

/// Parsed trees by id, over the pack reader.
pub(super) struct Trees {
    packs: Packs,
    listings: Recent<Oid, Arc<TreeListing>>,
    /// Trees the pack reader gave (the rest came through libgit2).
    #[cfg_attr(not(test), allow(dead_code))]
    from_packs: usize,
}

impl Trees {
    pub(super) fn open(objects_dir: &Path) -> Trees {
        Trees {
            packs: Packs::open(objects_dir, OBJECT_CACHE_BYTES),
            listings: Recent::new(LISTINGS_KEPT),
            from_packs: 0,
        }
    }

    #[cfg(test)]
    pub(super) fn served_from_packs(&self) -> usize {
        self.from_packs
    }

    /// The tree `id`; `read_elsewhere` gives a tree's bytes when no pack
    /// the reader knows has it.
    pub(super) fn listing(&mut self, id: &Oid, read_elsewhere: impl FnOnce(&Oid) -> Result<Vec<u8>>) -> Result<Arc<TreeListing>> {
        if let Some(listing) = self.listings.get(id) {
            return Ok(listing);
        }
        let data = match self.packs.read(id) {
            Some((Kind::Tree, data)) => {
                self.from_packs += 1;
                data
            }
            Some(_) => bail!("object {} is not a tree", git2::Oid::from_bytes(id)?),
            None => Arc::new(read_elsewhere(id)?),
        };
        let listing = Arc::new(TreeListing::new(data)?);
        self.listings.put(*id, listing.clone(), 1);
        Ok(listing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(entries: &[(&str, &str, u8)]) -> Bytes {
        let mut data = Vec::new();
        for (mode, name, fill) in entries {
            data.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            data.extend_from_slice(&[*fill; 20]);
        }
        Arc::new(data)
    }

    fn lookups(listing: &TreeListing, names: &[&str]) -> Vec<Option<(EntryKind, Oid)>> {
        names.iter().map(|name| listing.find(name.as_bytes()).unwrap()).collect()
    }

    #[test]
    fn finds_files_and_folders_by_scan_and_by_index_alike() {
        // Git's order: "a.md" < "a" (folder, read "a/") < "a0".
        let data = tree(&[
            ("100644", "a.md", 1),
            ("40000", "a", 2),
            ("100644", "a0", 3),
            ("120000", "link", 4),
            ("160000", "sub", 5),
        ]);
        let names = ["a.md", "a", "a0", "link", "sub", "b", ""];
        let expected = vec![
            Some((EntryKind::Blob, [1; 20])),
            Some((EntryKind::Tree, [2; 20])),
            Some((EntryKind::Blob, [3; 20])),
            Some((EntryKind::Blob, [4; 20])),
            Some((EntryKind::Commit, [5; 20])),
            None,
            None,
        ];
        for first in names {
            // Whichever name comes first is found by a scan, the rest through the index.
            let listing = TreeListing::new(data.clone()).unwrap();
            listing.find(first.as_bytes()).unwrap();
            assert!(listing.index.get().is_none());
            assert_eq!(lookups(&listing, &names), expected, "after {first:?}");
            assert!(listing.index.get().is_some());
        }
    }

    #[test]
    fn corrupt_trees_are_errors() {
        for data in [
            &b"100644 a.md"[..],
            b"100644 a.md\0short",
            b"10x644 a\0aaaaaaaaaaaaaaaaaaaa",
            b"no-space\0aaaaaaaaaaaaaaaaaaaa",
        ] {
            let listing = TreeListing::new(Arc::new(data.to_vec())).unwrap();
            assert!(listing.find(b"zzz").is_err(), "scan of {data:?}");
            assert!(listing.find(b"zzz").is_err(), "index of {data:?}");
        }
        assert!(TreeListing::new(Arc::new(Vec::new())).unwrap().find(b"a").unwrap().is_none());
    }
}
