//! A read-only reader of git pack files that keeps what it resolves.
//!
//! Why not only libgit2: git stores successive versions of a tree as deltas
//! on one another, in chains up to 50 long. libgit2 caches only the object
//! at the bottom of a chain, so each version of a 5,000-entry folder costs it
//! the whole chain again (about a millisecond at province scale), and the
//! history walk meets hundreds of versions. This reader caches every object
//! it resolves, intermediate ones included, as git itself does, so a version
//! costs about one delta.
//!
//! It is an accelerator, never the only way in: an object it cannot find
//! (loose, in an alternate or a quarantine, in a pack it cannot read) or
//! cannot decode is `None`, and the caller reads it through libgit2. It does
//! not verify object ids, as libgit2 is configured not to (integrity is
//! `git fsck`'s job).

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail, ensure};

use super::recent::Recent;

/// Object kinds as the pack format numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
}

impl Kind {
    fn from_code(code: u8) -> Option<Kind> {
        match code {
            1 => Some(Kind::Commit),
            2 => Some(Kind::Tree),
            3 => Some(Kind::Blob),
            4 => Some(Kind::Tag),
            _ => None,
        }
    }
}

const OFS_DELTA: u8 = 6;
const REF_DELTA: u8 = 7;
/// Larger than any tree or commit a repository of documents holds: a header
/// claiming more is damage, and the object is left to libgit2 rather than
/// allocated.
const MAX_OBJECT: usize = 256 << 20;
/// Longer chains than git ever writes (its maximum depth is 4,095) mean a
/// corrupt pack whose deltas loop.
const MAX_CHAIN: usize = 10_000;

pub(super) type Oid = [u8; 20];
/// A resolved object's content, shared with the cache.
pub(super) type Bytes = Arc<Vec<u8>>;

/// All packs of a repository's object folder, with the resolved-object cache.
pub(super) struct Packs {
    packs: Vec<Pack>,
    /// Resolved objects by (pack, offset), weighed in bytes.
    cache: Recent<(usize, u64), (Kind, Bytes)>,
}

struct Pack {
    index: PackIndex,
    data: File,
}

impl Packs {
    /// The packs under `objects/pack`; unreadable ones are skipped (their
    /// objects are then read through libgit2).
    pub(super) fn open(objects_dir: &Path, cache_limit: usize) -> Packs {
        let mut packs = Vec::new();
        if let Ok(entries) = std::fs::read_dir(objects_dir.join("pack")) {
            let mut idx_paths: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|ext| ext == "idx"))
                .collect();
            idx_paths.sort();
            for idx_path in idx_paths {
                if let Ok(pack) = Pack::open(&idx_path) {
                    packs.push(pack);
                }
            }
        }
        Packs {
            packs,
            cache: Recent::new(cache_limit),
        }
    }

    /// The object `oid`, when a pack holds it and it decodes.
    pub(super) fn read(&mut self, oid: &Oid) -> Option<(Kind, Bytes)> {
        let (pack, offset) = self.locate(oid)?;
        self.resolve(pack, offset).ok()
    }

    fn locate(&self, oid: &Oid) -> Option<(usize, u64)> {
        self.packs
            .iter()
            .enumerate()
            .find_map(|(i, pack)| pack.index.offset_of(oid).map(|offset| (i, offset)))
    }

    /// Follows the delta chain from `offset` down to a cached or whole
    /// object, then applies the deltas back up, caching each result.
    fn resolve(&mut self, pack: usize, offset: u64) -> Result<(Kind, Bytes)> {
        let mut chain: Vec<(usize, u64, Entry)> = Vec::new();
        let (mut pack, mut offset) = (pack, offset);
        let (kind, mut object) = loop {
            if let Some(hit) = self.cache.get(&(pack, offset)) {
                break hit;
            }
            ensure!(
                chain.len() < MAX_CHAIN,
                "a delta chain longer than {MAX_CHAIN}: the pack is corrupt"
            );
            let entry = self.packs[pack].entry(offset)?;
            match entry.base {
                Base::Whole(kind) => {
                    let data: Bytes = Arc::new(self.packs[pack].inflate(entry.data_offset, entry.size)?);
                    self.cache.put((pack, offset), (kind, data.clone()), data.len());
                    break (kind, data);
                }
                Base::Offset(base) => {
                    chain.push((pack, offset, entry));
                    offset = base;
                }
                Base::Id(base) => {
                    chain.push((pack, offset, entry));
                    let Some(found) = self.locate(&base) else {
                        bail!("the base of a delta is not in any pack")
                    };
                    (pack, offset) = found;
                }
            }
        };
        while let Some((pack, offset, entry)) = chain.pop() {
            let delta = self.packs[pack].inflate(entry.data_offset, entry.size)?;
            object = Arc::new(apply_delta(&object, &delta)?);
            self.cache.put((pack, offset), (kind, object.clone()), object.len());
        }
        Ok((kind, object))
    }
}

/// What an entry's header says.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    /// Where its zlib stream starts.
    data_offset: u64,
    /// The size of the inflated stream (the object, or the delta).
    size: usize,
    base: Base,
}

#[derive(Debug, PartialEq, Eq)]
enum Base {
    Whole(Kind),
    Offset(u64),
    Id(Oid),
}

impl Pack {
    /// The pack beside `idx_path`, when the two belong together: a pack
    /// being replaced by `git repack`, or of an object format this reader
    /// does not know (SHA-256), is left to libgit2.
    fn open(idx_path: &Path) -> Result<Pack> {
        let index = PackIndex::parse(std::fs::read(idx_path)?)?;
        let pack = Pack {
            data: File::open(idx_path.with_extension("pack"))?,
            index,
        };
        let length = pack.data.metadata()?.len();
        ensure!(length >= 32, "a truncated pack");
        let mut header = [0u8; 12];
        pack.read_exact_at(0, &mut header)?;
        ensure!(&header[..4] == b"PACK" && matches!(be32(&header, 4), 2 | 3), "not a pack");
        ensure!(
            be32(&header, 8) as usize == pack.index.count,
            "a pack and an index of different objects"
        );
        let mut trailer = [0u8; 20];
        pack.read_exact_at(length - 20, &mut trailer)?;
        ensure!(trailer[..] == pack.index.pack_checksum()[..], "an index of another pack");
        Ok(pack)
    }

    fn read_exact_at(&self, offset: u64, buf: &mut [u8]) -> Result<()> {
        let read = self.read_at(offset, buf)?;
        ensure!(read == buf.len(), "a pack shorter than it says");
        Ok(())
    }

    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
        #[cfg(unix)]
        {
            std::os::unix::fs::FileExt::read_at(&self.data, buf, offset)
        }
        #[cfg(windows)]
        {
            std::os::windows::fs::FileExt::seek_read(&self.data, buf, offset)
        }
    }

    fn entry(&self, offset: u64) -> Result<Entry> {
        let mut header = [0u8; 64];
        let read = self.read_at(offset, &mut header)?;
        parse_entry_header(&header[..read], offset)
    }

    /// Inflates the zlib stream at `offset`, which must give `size` bytes.
    fn inflate(&self, offset: u64, size: usize) -> Result<Vec<u8>> {
        let mut inflater = flate2::Decompress::new(true);
        // One byte to spare: a stream longer than its header says shows.
        let mut out = Vec::with_capacity(size + 1);
        // Compressed data is rarely larger than what it inflates to.
        let mut input = vec![0u8; (size / 2).clamp(1 << 10, 1 << 18)];
        let mut position = offset;
        loop {
            let read = self.read_at(position, &mut input)?;
            ensure!(read > 0, "the pack ends inside an object");
            let (in_before, out_before) = (inflater.total_in(), out.len());
            let status = inflater
                .decompress_vec(&input[..read], &mut out, flate2::FlushDecompress::None)
                .context("a corrupt zlib stream in a pack")?;
            position += inflater.total_in() - in_before;
            if status == flate2::Status::StreamEnd {
                break;
            }
            ensure!(out.len() <= size, "an object in a pack is larger than its header says");
            ensure!(
                inflater.total_in() > in_before || out.len() > out_before,
                "a zlib stream in a pack that does not progress"
            );
        }
        ensure!(out.len() == size, "an object in a pack is not the size its header says");
        Ok(out)
    }
}

/// Parses the type, size and base of the entry at `offset` from its first bytes.
fn parse_entry_header(bytes: &[u8], offset: u64) -> Result<Entry> {
    let mut at = 0;
    let mut next = || -> Result<u8> {
        let byte = *bytes.get(at).context("a truncated entry header in a pack")?;
        at += 1;
        Ok(byte)
    };
    let mut byte = next()?;
    let code = (byte >> 4) & 7;
    let mut size = u64::from(byte & 0x0f);
    let mut shift = 4;
    while byte & 0x80 != 0 {
        byte = next()?;
        ensure!(shift < 64, "an entry size too large in a pack");
        size |= u64::from(byte & 0x7f) << shift;
        shift += 7;
    }
    let base = match code {
        OFS_DELTA => {
            // Each continuation adds one before shifting, so that no
            // distance has two encodings.
            let mut byte = next()?;
            let mut distance = u64::from(byte & 0x7f);
            while byte & 0x80 != 0 {
                byte = next()?;
                distance = distance
                    .checked_add(1)
                    .and_then(|d| d.checked_mul(128))
                    .context("a delta base distance too large in a pack")?
                    | u64::from(byte & 0x7f);
            }
            ensure!(distance > 0 && distance <= offset, "a delta base outside the pack");
            Base::Offset(offset - distance)
        }
        REF_DELTA => {
            let mut id = [0u8; 20];
            for byte in &mut id {
                *byte = next()?;
            }
            Base::Id(id)
        }
        code => Base::Whole(Kind::from_code(code).context("an unknown object type in a pack")?),
    };
    let size = usize::try_from(size).ok().filter(|&size| size <= MAX_OBJECT);
    Ok(Entry {
        data_offset: offset + at as u64,
        size: size.context("an object larger than this reader takes")?,
        base,
    })
}

/// Applies a git delta to its base.
pub(super) fn apply_delta(base: &[u8], delta: &[u8]) -> Result<Vec<u8>> {
    let mut at = 0;
    let base_size = delta_size(delta, &mut at)?;
    ensure!(base_size == base.len(), "a delta for a base of another size");
    let result_size = delta_size(delta, &mut at)?;
    ensure!(result_size <= MAX_OBJECT, "a delta giving an object larger than this reader takes");
    let mut out = Vec::with_capacity(result_size);
    while let Some(&op) = delta.get(at) {
        at += 1;
        if op & 0x80 != 0 {
            let mut field = |bits: std::ops::Range<u8>| -> Result<usize> {
                let mut value = 0usize;
                for (i, bit) in bits.enumerate() {
                    if op & (1 << bit) != 0 {
                        let byte = *delta.get(at).context("a truncated delta")?;
                        at += 1;
                        value |= usize::from(byte) << (8 * i);
                    }
                }
                Ok(value)
            };
            let start = field(0..4)?;
            let length = match field(4..7)? {
                0 => 0x10000,
                n => n,
            };
            let end = start.checked_add(length).filter(|&end| end <= base.len());
            let end = end.context("a delta copies from beyond its base")?;
            out.extend_from_slice(&base[start..end]);
        } else if op != 0 {
            let end = at + usize::from(op);
            out.extend_from_slice(delta.get(at..end).context("a truncated delta")?);
            at = end;
        } else {
            bail!("a delta with a reserved instruction");
        }
    }
    ensure!(out.len() == result_size, "a delta that does not give the size it announces");
    Ok(out)
}

fn delta_size(delta: &[u8], at: &mut usize) -> Result<usize> {
    let mut size = 0usize;
    let mut shift = 0;
    loop {
        let byte = *delta.get(*at).context("a truncated delta header")?;
        *at += 1;
        ensure!(shift < usize::BITS, "a delta size too large");
        size |= usize::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            return Ok(size);
        }
    }
}

/// A pack's `.idx` file (version 2): object ids in order, and where each
/// object starts in the pack.
struct PackIndex {
    bytes: Vec<u8>,
    count: usize,
}

const IDX_MAGIC: [u8; 4] = [0xff, b't', b'O', b'c'];
const FANOUT: usize = 8;
const IDS: usize = FANOUT + 256 * 4;

impl PackIndex {
    fn parse(bytes: Vec<u8>) -> Result<PackIndex> {
        ensure!(bytes.len() >= IDS && bytes[..4] == IDX_MAGIC, "not a version 2 pack index");
        ensure!(be32(&bytes, 4) == 2, "not a version 2 pack index");
        let count = be32(&bytes, FANOUT + 255 * 4) as usize;
        // ids, CRCs and 32-bit offsets, then the 64-bit offsets and two ids.
        ensure!(bytes.len() >= IDS + count * 28 + 40, "a truncated pack index");
        Ok(PackIndex { bytes, count })
    }

    /// The checksum of the pack it indexes, as the pack's last 20 bytes hold it.
    fn pack_checksum(&self) -> &[u8] {
        &self.bytes[self.bytes.len() - 40..self.bytes.len() - 20]
    }

    fn id(&self, i: usize) -> &[u8] {
        &self.bytes[IDS + i * 20..IDS + i * 20 + 20]
    }

    fn offset_of(&self, oid: &Oid) -> Option<u64> {
        let first = usize::from(oid[0]);
        let start = if first == 0 {
            0
        } else {
            be32(&self.bytes, FANOUT + (first - 1) * 4) as usize
        };
        let end = (be32(&self.bytes, FANOUT + first * 4) as usize).min(self.count);
        let (mut low, mut high) = (start, end.max(start));
        while low < high {
            let middle = (low + high) / 2;
            match self.id(middle).cmp(oid.as_slice()) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return self.offset(middle),
            }
        }
        None
    }

    fn offset(&self, i: usize) -> Option<u64> {
        let small = IDS + self.count * 24 + i * 4;
        let value = be32(&self.bytes, small);
        if value & 0x8000_0000 == 0 {
            return Some(u64::from(value));
        }
        let large = IDS + self.count * 28 + (value & 0x7fff_ffff) as usize * 8;
        let bytes = self.bytes.get(large..large + 8)?;
        Some(u64::from_be_bytes(bytes.try_into().ok()?))
    }
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_copies_and_inserts() {
        let base = b"0123456789";
        // base 10, result 7: copy 4 bytes from offset 2, insert "xyz".
        let delta = [10, 7, 0x80 | 0x01 | 0x10, 2, 4, 3, b'x', b'y', b'z'];
        assert_eq!(apply_delta(base, &delta).unwrap(), b"2345xyz");
    }

    #[test]
    fn a_copy_of_size_zero_means_64_kib() {
        let base = vec![7u8; 0x10000];
        let delta = [0x80, 0x80, 0x04, 0x80, 0x80, 0x04, 0x80];
        assert_eq!(apply_delta(&base, &delta).unwrap(), base);
    }

    #[test]
    fn bad_deltas_are_errors_not_panics() {
        let base = b"abc";
        for delta in [
            &[4u8, 1, 1, b'x'][..],             // base of another size
            &[3, 5, 1, b'x'],                   // shorter than announced
            &[3, 1, 0x80 | 0x01 | 0x10, 2, 9],  // copies beyond the base
            &[3, 1, 0],                         // reserved instruction
            &[3, 2, 5, b'x'],                   // truncated insert
            &[0x80],                            // truncated header
            &[3, 0x80, 0x80, 0x80, 0x80, 0x10], // a result of 4 GiB
        ] {
            assert!(apply_delta(base, delta).is_err(), "{delta:?}");
        }
    }

    #[test]
    fn entry_headers_give_type_size_and_base() {
        // A tree of 300 bytes: type 2, size 300 = 0b1_0010_1100.
        let entry = parse_entry_header(&[0x80 | 0x20 | 0x0c, 0x12], 100).unwrap();
        assert_eq!(entry.base, Base::Whole(Kind::Tree));
        assert_eq!((entry.size, entry.data_offset), (300, 102));
        // An offset delta whose base is 130 bytes back (two-byte distance:
        // ((0 + 1) << 7) | 2 = 130).
        let entry = parse_entry_header(&[0x60 | 0x05, 0x80, 0x02], 1000).unwrap();
        assert_eq!(entry.base, Base::Offset(870));
        assert_eq!((entry.size, entry.data_offset), (5, 1003));
        assert!(parse_entry_header(&[0x60 | 0x05, 0x7f], 10).is_err(), "a base before the pack");
        assert!(parse_entry_header(&[0x80], 0).is_err(), "truncated");
        assert!(parse_entry_header(&[0x50], 0).is_err(), "type 5 is reserved");
        // A blob claiming 2^39 bytes is refused, not allocated.
        assert!(parse_entry_header(&[0xb0, 0xff, 0xff, 0xff, 0xff, 0x7f], 0).is_err());
    }
}
