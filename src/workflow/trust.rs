//! The root of trust: which commit the judgement of a history starts from,
//! and the problems of a history as a whole (a second root, a trust root
//! that history lost, rival first versions of a policy file).

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use super::timeline::short;
use crate::finding::{Finding, Rule};
use crate::model::config::Config;
use crate::repo::{CommitId, DocRepo};

/// The git configuration key that pins the trust root of a clone (set by
/// `qms init` and `qms hook install --server`).
pub const TRUST_ROOT_CONFIG: &str = "qms.trustRoot";

/// Where the judgement of a history starts.
#[derive(Debug, Clone)]
pub enum Anchor {
    /// This commit's policy files are the bootstrap; `trusted` (its
    /// ancestors and itself, when it was named) are accepted as they are.
    Pinned {
        root: CommitId,
        named: bool,
        trusted: HashSet<CommitId>,
    },
    /// No trust root could be pinned: nothing can be in force.
    Unpinned { reason: String },
}

impl Anchor {
    pub fn root(&self) -> Option<&str> {
        match self {
            Anchor::Pinned { root, .. } => Some(root),
            Anchor::Unpinned { .. } => None,
        }
    }

    pub fn is_trusted(&self, commit: &str) -> bool {
        matches!(self, Anchor::Pinned { trusted, .. } if trusted.contains(commit))
    }

    pub fn unpinned_reason(&self) -> Option<&str> {
        match self {
            Anchor::Unpinned { reason } => Some(reason),
            Anchor::Pinned { .. } => None,
        }
    }
}

/// A problem of the history as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum HistoryProblem {
    /// The named trust root is not an ancestor of HEAD.
    TrustRootNotInHistory { root: CommitId },
    /// The named trust root is not a commit of this repository.
    TrustRootUnknown { root: String },
    /// Several root commits and no trust root named.
    UnpinnedRoots { roots: Vec<CommitId> },
    /// A merge brought in history from another root commit, which the
    /// policy in force on the merge's pinned line does not admit.
    SecondRoot { root: CommitId, merge: CommitId },
    /// Two lines of history each bootstrapped their own first version of a
    /// policy file, and a merge joined them.
    RivalBootstraps { file: String, first: CommitId, second: CommitId },
    /// A policy file in HEAD differs from the version in force.
    UnapprovedPolicy { file: String },
}

impl fmt::Display for HistoryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryProblem::TrustRootNotInHistory { root } => write!(
                f,
                "the trust root {root} is not in the history of HEAD: history was rewritten (force-pushed or rebased) since it was recorded"
            ),
            HistoryProblem::TrustRootUnknown { root } => write!(
                f,
                "the trust root {root} is not in this repository: history was rewritten since it was recorded, or the id is wrong"
            ),
            HistoryProblem::UnpinnedRoots { roots } => write!(
                f,
                "the history has {} root commits ({}) and no trust root is pinned, so no approval can be trusted; name the commit the QMS started from with `--trust-root` or `git config {TRUST_ROOT_CONFIG} <commit>`",
                roots.len(),
                roots.iter().map(|r| short(r)).collect::<Vec<_>>().join(", ")
            ),
            HistoryProblem::SecondRoot { root, merge } => write!(
                f,
                "merge {} brings in history from a second root commit {}, which the policy in force does not admit: its approvals do not count; undo the merge, or list the root under `policies.admitted_roots` in qms.yaml and approve that change first",
                short(merge),
                short(root)
            ),
            HistoryProblem::RivalBootstraps { file, first, second } => write!(
                f,
                "two lines of history each bring their own first version of {file} (commits {} and {}); a first version is trusted only once: approve the merged {file}",
                short(first),
                short(second)
            ),
            HistoryProblem::UnapprovedPolicy { file } => write!(f, "{file}: {}", unapproved_policy(file)),
        }
    }
}

/// What an unapproved change of a policy file means, and what to do.
pub fn unapproved_policy(file: &str) -> String {
    format!("changed without approval: approve it with `qms approve {file}`; until then everything relying on it is invalid")
}

impl HistoryProblem {
    pub fn rule(&self) -> Rule {
        match self {
            HistoryProblem::UnapprovedPolicy { .. } => Rule::PolicyUnapproved,
            _ => Rule::TrustRootMissing,
        }
    }

    /// The file a finding about it points at.
    pub fn path(&self) -> PathBuf {
        match self {
            HistoryProblem::UnapprovedPolicy { file } | HistoryProblem::RivalBootstraps { file, .. } => PathBuf::from(file),
            _ => PathBuf::from(".git"),
        }
    }

    pub fn finding(&self) -> Finding {
        Finding::new(self.rule(), self.path(), self.to_string())
            .hint("docs/approval.md, \"The trust model\", says how history is judged and how to pin the trust root")
    }
}

/// Whether the policy in force admits the root commit `root`.
pub fn admits(config: Option<&Config>, root: &str) -> bool {
    config.is_some_and(|c| {
        c.policies
            .admitted_roots
            .iter()
            .any(|admitted| admitted.len() >= 7 && root.starts_with(admitted.as_str()))
    })
}

/// The trust root named on the command line or in git's configuration.
pub fn named_root(repo: &DocRepo, explicit: Option<&str>) -> Option<String> {
    explicit
        .map(str::to_string)
        .or_else(|| repo.config_value(TRUST_ROOT_CONFIG))
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
}

/// The anchor for a history whose root commits are `roots`, with the trust
/// root named (or not), and the problems that makes.
pub fn resolve(repo: &DocRepo, head: &str, named: Option<&str>, roots: &[CommitId]) -> Result<(Anchor, Option<HistoryProblem>)> {
    if let Some(named) = named {
        let problem = match repo.resolve(named) {
            Ok(root) if repo.is_ancestor(&root, head)? => {
                let trusted = repo.ancestors(&root)?;
                return Ok((
                    Anchor::Pinned {
                        root,
                        named: true,
                        trusted,
                    },
                    None,
                ));
            }
            Ok(root) => HistoryProblem::TrustRootNotInHistory { root },
            Err(_) => HistoryProblem::TrustRootUnknown { root: named.to_string() },
        };
        let reason = format!("no approval can be trusted: {problem}");
        return Ok((Anchor::Unpinned { reason }, Some(problem)));
    }
    match roots {
        [] => bail!("the history of {head} has no root commit"),
        [root] => Ok((
            Anchor::Pinned {
                root: root.clone(),
                named: false,
                trusted: HashSet::new(),
            },
            None,
        )),
        several => {
            let mut roots = several.to_vec();
            roots.sort();
            let problem = HistoryProblem::UnpinnedRoots { roots };
            let reason =
                format!("the history has several root commits and no pinned trust root (`--trust-root`, `git config {TRUST_ROOT_CONFIG}`)");
            Ok((Anchor::Unpinned { reason }, Some(problem)))
        }
    }
}

/// Refuses a clone whose history is incomplete: what is missing cannot be
/// judged, and a forged approval on top of a cut history would look valid.
pub fn require_full_history(repo: &DocRepo) -> Result<()> {
    let fix = "fetch the whole history first: `git fetch --unshallow` (GitHub Actions: `fetch-depth: 0` in actions/checkout; GitLab CI: `GIT_DEPTH: 0`)";
    if repo.is_shallow() {
        bail!("this is a shallow clone: approvals cannot be verified without the whole history; {fix}");
    }
    if repo.is_partial() {
        bail!(
            "this is a partial clone (objects are fetched on demand): approvals cannot be verified offline; clone without `--filter`, or {fix}"
        );
    }
    Ok(())
}
