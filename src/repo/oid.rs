//! Git object ids as our own types: a commit id cannot be passed where a
//! blob id is meant, and an id is known to be well-formed (lower-case hex,
//! SHA-1 or SHA-256 length) once it exists. No git2 here, so the pure parts
//! of `qms` can hold them.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

/// The first twelve digits of an id, as people quote commits.
pub(crate) fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// What kind of object an [`Id`] names.
pub(crate) trait ObjectKind {
    const NAME: &'static str;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Commit {}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Blob {}

impl ObjectKind for Commit {
    const NAME: &'static str = "commit";
}
impl ObjectKind for Blob {
    const NAME: &'static str = "blob";
}

/// The id of one git object of kind `K`.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Id<K> {
    hex: String,
    #[serde(skip)]
    kind: PhantomData<K>,
}

pub(crate) type CommitId = Id<Commit>;
pub(crate) type BlobId = Id<Blob>;

/// Hex digits of a SHA-1 and of a SHA-256 object id.
const LENGTHS: [usize; 2] = [40, 64];

impl<K: ObjectKind> Id<K> {
    /// `text` as an id, when it is one: full length, lower-case hex.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let well_formed = LENGTHS.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        well_formed.then(|| Self::trusted(text.to_string()))
    }

    /// An id git itself produced; not checked again.
    pub(crate) fn trusted(hex: String) -> Self {
        Id { hex, kind: PhantomData }
    }

    /// Git's null id (all zeros), which names no object: what a step
    /// planned but not yet written stands under.
    pub(crate) fn null() -> Self {
        Self::trusted("0".repeat(40))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.hex
    }

    /// The first twelve digits, as people quote commits.
    pub(crate) fn short(&self) -> &str {
        short(&self.hex)
    }

    /// A well-formed id spelling a short label, for unit tests that name
    /// objects ("p1", "ours") rather than hash them.
    #[cfg(test)]
    pub(crate) fn labelled(label: &str) -> Self {
        let mut hex: String = label.bytes().map(|b| format!("{b:02x}")).collect();
        assert!(hex.len() <= 40, "a test label of at most 20 bytes");
        hex.extend(std::iter::repeat_n('0', 40 - hex.len()));
        Self::trusted(hex)
    }
}

// Derives would demand the bounds of the marker; an id compares, hashes and
// copies by its digits alone.
impl<K> Clone for Id<K> {
    fn clone(&self) -> Self {
        Id {
            hex: self.hex.clone(),
            kind: PhantomData,
        }
    }
}
impl<K> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.hex == other.hex
    }
}
impl<K> Eq for Id<K> {}
impl<K> std::hash::Hash for Id<K> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hex.hash(state)
    }
}
impl<K> PartialOrd for Id<K> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<K> Ord for Id<K> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.hex.cmp(&other.hex)
    }
}
impl<K> PartialEq<str> for Id<K> {
    fn eq(&self, other: &str) -> bool {
        self.hex == other
    }
}
impl<K> PartialEq<&str> for Id<K> {
    fn eq(&self, other: &&str) -> bool {
        self.hex == *other
    }
}
impl<K> fmt::Display for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex)
    }
}
impl<K: ObjectKind> fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", K::NAME, self.hex)
    }
}
// Hashes like its digits, so maps keyed by ids are looked up by `&str`.
impl<K> std::borrow::Borrow<str> for Id<K> {
    fn borrow(&self) -> &str {
        &self.hex
    }
}
impl<K> AsRef<str> for Id<K> {
    fn as_ref(&self) -> &str {
        &self.hex
    }
}
impl<K> std::ops::Deref for Id<K> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.hex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_lower_case_hex_is_an_id() {
        let sha1 = "8d1f0c".repeat(7)[..40].to_string();
        assert!(BlobId::parse(&sha1).is_some());
        assert!(BlobId::parse(&"a".repeat(64)).is_some());
        for bad in [&sha1[..39], &sha1.to_uppercase(), &format!("{sha1}0"), "", &"g".repeat(40)] {
            assert!(BlobId::parse(bad).is_none(), "{bad}");
        }
        let id = CommitId::parse(&sha1).unwrap();
        assert_eq!(id.short(), "8d1f0c8d1f0c");
        assert_eq!(format!("{id:?}"), format!("commit:{sha1}"));
    }
}
