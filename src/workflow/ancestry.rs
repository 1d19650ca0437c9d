//! History judged along ancestry: which versions of the policy files are in
//! force at each commit. Pure: the walk (`engine.rs`) feeds it commit ids
//! and blob ids.
//!
//! The policy in force at a commit depends only on that commit's own
//! ancestors — never on a global "latest" over a linearised walk — so a
//! commit is judged the same from any later HEAD, by a cold walk, an
//! incremental one and the server hook alike. See docs/approval.md, "The
//! trust model".

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::repo::{BlobId, CommitId};

/// Where a commit's authority comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "root", rename_all = "kebab-case")]
pub(crate) enum Domain {
    /// An ancestor of the trust root (or the root itself when it is a
    /// mid-history commit): accepted as it is.
    Trusted,
    /// The trust root and its descendants.
    Pinned,
    /// Descends from another root commit, not from the trust root: judged by
    /// that root's own policy, and counted only where admitted.
    Foreign(CommitId),
    /// Descends from trusted commits but not from the trust root (a branch
    /// that forked before it): nothing there is in force.
    Outside,
}

impl Domain {
    /// Which side of a merge decides the policy: the pinned line first.
    fn rank(&self) -> u8 {
        match self {
            Domain::Pinned => 3,
            Domain::Foreign(_) => 2,
            Domain::Outside => 1,
            Domain::Trusted => 0,
        }
    }
}

/// One version of a policy file in force, with the versions before it on
/// the same line of history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct InForce {
    pub blob: BlobId,
    /// The commit that put it in force: its first appearance (the
    /// bootstrap) or its approval.
    pub since: CommitId,
    pub before: Option<Rc<InForce>>,
}

impl InForce {
    pub(crate) fn bootstrap(blob: BlobId, commit: &CommitId) -> Rc<InForce> {
        Rc::new(InForce {
            blob,
            since: commit.clone(),
            before: None,
        })
    }

    /// The version approved at `commit` after this one.
    pub(crate) fn approved(self: &Rc<Self>, blob: BlobId, commit: &CommitId) -> Rc<InForce> {
        Rc::new(InForce {
            blob,
            since: commit.clone(),
            before: Some(self.clone()),
        })
    }

    fn lineage(&self) -> impl Iterator<Item = &InForce> {
        std::iter::successors(Some(self), |v| v.before.as_deref())
    }

    /// Whether `other` is this version or one it superseded.
    fn has_seen(&self, other: &InForce) -> bool {
        self.lineage().any(|v| v.since == other.since && v.blob == other.blob)
    }

    fn first(&self) -> &InForce {
        self.lineage().last().unwrap_or(self)
    }
}

/// The versions of the two policy files in force at one commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PolicyState {
    pub domain: Domain,
    pub signers: Option<Rc<InForce>>,
    pub config: Option<Rc<InForce>>,
}

impl PolicyState {
    pub(crate) fn trusted() -> PolicyState {
        PolicyState {
            domain: Domain::Trusted,
            signers: None,
            config: None,
        }
    }

    pub(crate) fn signers_blob(&self) -> Option<&BlobId> {
        self.signers.as_deref().map(|v| &v.blob)
    }

    pub(crate) fn config_blob(&self) -> Option<&BlobId> {
        self.config.as_deref().map(|v| &v.blob)
    }
}

/// Which policy file a merge decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PolicyFile {
    Signers,
    Config,
}

/// Two lines of history brought different first versions of a policy file
/// together: neither can be trusted as the bootstrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RivalBootstraps {
    pub file: PolicyFile,
    pub first: CommitId,
    pub second: CommitId,
}

/// The policy state of a merge from its parents' (in parent order). The
/// parent of the highest domain decides (the pinned line over a foreign root
/// over anything else); between parents of that domain, per file, the
/// version that has seen the other's wins. When both sides approved a new
/// version independently, the one the merge keeps wins (else the first
/// parent's); the merge's own content, if different, is then simply an
/// unapproved change. `kept` gives the merge's own blob of a file (or an
/// error reading it), asked only in that case.
pub(crate) fn merge_policy(
    parents: &[&PolicyState],
    mut kept: impl FnMut(PolicyFile) -> anyhow::Result<Option<BlobId>>,
    rivals: &mut Vec<RivalBootstraps>,
) -> anyhow::Result<PolicyState> {
    let Some(best) = parents.iter().map(|p| p.domain.rank()).max() else {
        return Ok(PolicyState::trusted());
    };
    let deciding: Vec<&PolicyState> = parents.iter().copied().filter(|p| p.domain.rank() == best).collect();
    let mut merged = deciding[0].clone();
    for other in &deciding[1..] {
        if other.domain != merged.domain {
            // Two foreign roots: the first parent's stays; the other is
            // reported as a second root where it meets the pinned line.
            continue;
        }
        merged.signers = merge_file(merged.signers.take(), other.signers.clone(), PolicyFile::Signers, &mut kept, rivals)?;
        merged.config = merge_file(merged.config.take(), other.config.clone(), PolicyFile::Config, &mut kept, rivals)?;
    }
    Ok(merged)
}

fn merge_file(
    a: Option<Rc<InForce>>,
    b: Option<Rc<InForce>>,
    file: PolicyFile,
    kept: &mut impl FnMut(PolicyFile) -> anyhow::Result<Option<BlobId>>,
    rivals: &mut Vec<RivalBootstraps>,
) -> anyhow::Result<Option<Rc<InForce>>> {
    Ok(match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) if a.has_seen(&b) => Some(a),
        (Some(a), Some(b)) if b.has_seen(&a) => Some(b),
        (Some(a), Some(b)) => {
            let (first_a, first_b) = (a.first(), b.first());
            if first_a != first_b {
                rivals.push(RivalBootstraps {
                    file,
                    first: first_a.since.clone(),
                    second: first_b.since.clone(),
                });
            }
            let keep = kept(file)?;
            if keep.as_ref() == Some(&b.blob) && keep.as_ref() != Some(&a.blob) {
                Some(b)
            } else {
                Some(a)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(label: &str) -> BlobId {
        BlobId::labelled(label)
    }

    fn commit(label: &str) -> CommitId {
        CommitId::labelled(label)
    }

    fn pinned(signers: Rc<InForce>) -> PolicyState {
        PolicyState {
            domain: Domain::Pinned,
            signers: Some(signers),
            config: None,
        }
    }

    #[test]
    fn the_newer_version_wins_a_merge_whatever_the_parent_order() {
        let v1 = InForce::bootstrap(blob("p1"), &commit("root"));
        let v2 = v1.approved(blob("p2"), &commit("approval"));
        let (old, new) = (pinned(v1), pinned(v2.clone()));
        let mut rivals = Vec::new();
        for parents in [[&old, &new], [&new, &old]] {
            // The merge keeps the old content: still v2 in force (the old
            // content is then an unapproved change), never a silent revert.
            let merged = merge_policy(&parents, |_| Ok(Some(blob("p1"))), &mut rivals).unwrap();
            assert_eq!(merged.signers, Some(v2.clone()));
        }
        assert!(rivals.is_empty());
    }

    #[test]
    fn the_pinned_line_decides_over_a_foreign_root_in_either_parent_order() {
        let ours = pinned(InForce::bootstrap(blob("ours"), &commit("root")));
        let theirs = PolicyState {
            domain: Domain::Foreign(commit("orphan")),
            signers: Some(InForce::bootstrap(blob("theirs"), &commit("orphan"))),
            config: None,
        };
        let mut rivals = Vec::new();
        for parents in [[&theirs, &ours], [&ours, &theirs]] {
            let merged = merge_policy(&parents, |_| Ok(Some(blob("theirs"))), &mut rivals).unwrap();
            assert_eq!(merged.domain, Domain::Pinned);
            assert_eq!(merged.signers_blob(), Some(&blob("ours")));
        }
    }

    #[test]
    fn concurrent_approvals_keep_the_merged_content_and_rival_bootstraps_are_reported() {
        let v1 = InForce::bootstrap(blob("p1"), &commit("root"));
        let (a, b) = (
            pinned(v1.approved(blob("pa"), &commit("ca"))),
            pinned(v1.approved(blob("pb"), &commit("cb"))),
        );
        let mut rivals = Vec::new();
        let merged = merge_policy(&[&a, &b], |_| Ok(Some(blob("pb"))), &mut rivals).unwrap();
        assert_eq!(merged.signers_blob(), Some(&blob("pb")));
        let merged = merge_policy(&[&a, &b], |_| Ok(Some(blob("other"))), &mut rivals).unwrap();
        assert_eq!(merged.signers_blob(), Some(&blob("pa")));
        assert!(rivals.is_empty());

        let (x, y) = (
            pinned(InForce::bootstrap(blob("px"), &commit("cx"))),
            pinned(InForce::bootstrap(blob("py"), &commit("cy"))),
        );
        merge_policy(&[&x, &y], |_| Ok(None), &mut rivals).unwrap();
        assert_eq!(rivals.len(), 1);
    }
}
