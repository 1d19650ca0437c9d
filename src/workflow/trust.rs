//! The root of trust: which commit the judgement of a history starts from,
//! and the problems of a history as a whole (a second root, a trust root
//! that history lost, rival first versions of a policy file).

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Rule};
use crate::i18n::Msg;
use crate::model::config::{Config, Language};
use crate::repo::{CommitId, DocRepo};

/// The git configuration key that pins the trust root of a clone (set by
/// `qms init` and `qms hook install --server`).
pub(crate) const TRUST_ROOT_CONFIG: &str = "qms.trustRoot";

/// Where the judgement of a history starts.
#[derive(Debug, Clone)]
pub(crate) enum Anchor {
    /// This commit's policy files are the bootstrap; `trusted` (its
    /// ancestors and itself, when it was named) are accepted as they are.
    Pinned {
        root: CommitId,
        named: bool,
        trusted: HashSet<CommitId>,
    },
    /// No trust root could be pinned: nothing can be in force.
    Unpinned { problem: HistoryProblem },
}

impl Anchor {
    pub(crate) fn root(&self) -> Option<&str> {
        match self {
            Anchor::Pinned { root, .. } => Some(root),
            Anchor::Unpinned { .. } => None,
        }
    }

    pub(crate) fn is_trusted(&self, commit: &str) -> bool {
        matches!(self, Anchor::Pinned { trusted, .. } if trusted.contains(commit))
    }

    /// Why nothing can be trusted, when no root could be pinned.
    pub(crate) fn unpinned_problem(&self) -> Option<&HistoryProblem> {
        match self {
            Anchor::Unpinned { problem } => Some(problem),
            Anchor::Pinned { .. } => None,
        }
    }
}

/// A problem of the history as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum HistoryProblem {
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

impl HistoryProblem {
    /// The problem as a message of the catalogue.
    pub(crate) fn message(&self) -> Msg {
        let short_ids = |ids: &[CommitId]| ids.iter().map(|r| r.short().to_string()).collect::<Vec<_>>().join(", ");
        match self {
            HistoryProblem::TrustRootNotInHistory { root } => Msg::new("history-trust-root-not-in-history").arg("root", root),
            HistoryProblem::TrustRootUnknown { root } => Msg::new("history-trust-root-unknown").arg("root", root),
            HistoryProblem::UnpinnedRoots { roots } => Msg::new("history-unpinned-roots")
                .num("count", roots.len() as f64)
                .arg("roots", short_ids(roots))
                .arg("config", TRUST_ROOT_CONFIG),
            HistoryProblem::SecondRoot { root, merge } => Msg::new("history-second-root")
                .arg("merge", merge.short())
                .arg("root", root.short()),
            HistoryProblem::RivalBootstraps { file, first, second } => Msg::new("history-rival-bootstraps")
                .arg("file", file)
                .arg("first", first.short())
                .arg("second", second.short()),
            HistoryProblem::UnapprovedPolicy { file } => Msg::new("history-unapproved-policy")
                .arg("file", file)
                .msg_arg("reason", unapproved_policy(file)),
        }
    }

    pub(crate) fn text(&self, lang: Language) -> String {
        self.message().text(lang)
    }
}

/// In the language of the command (logs, JSON, the hook's refusals).
impl fmt::Display for HistoryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// What an unapproved change of a policy file means, and what to do.
pub(crate) fn unapproved_policy(file: &str) -> Msg {
    Msg::new("policy-unapproved").arg("file", file)
}

impl HistoryProblem {
    pub(crate) fn rule(&self) -> Rule {
        match self {
            HistoryProblem::UnapprovedPolicy { .. } => Rule::PolicyUnapproved,
            _ => Rule::TrustRootMissing,
        }
    }

    /// The file a finding about it points at.
    pub(crate) fn path(&self) -> PathBuf {
        match self {
            HistoryProblem::UnapprovedPolicy { file } | HistoryProblem::RivalBootstraps { file, .. } => PathBuf::from(file),
            _ => PathBuf::from(".git"),
        }
    }

    pub(crate) fn finding(&self) -> Finding {
        Finding::new(self.rule(), self.path(), self.message()).hint(Msg::new("history-hint"))
    }
}

/// Whether the policy in force admits the root commit `root`.
pub(crate) fn admits(config: Option<&Config>, root: &str) -> bool {
    config.is_some_and(|c| {
        c.policies
            .admitted_roots
            .iter()
            .any(|admitted| admitted.len() >= 7 && root.starts_with(admitted.as_str()))
    })
}

/// The trust root named on the command line or in git's configuration.
pub(crate) fn named_root(repo: &DocRepo, explicit: Option<&str>) -> Option<String> {
    explicit
        .map(str::to_string)
        .or_else(|| repo.config_value(TRUST_ROOT_CONFIG))
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
}

/// The anchor for a history whose root commits are `roots`, with the trust
/// root named (or not), and the problems that makes.
pub(crate) fn resolve(repo: &DocRepo, head: &str, named: Option<&str>, roots: &[CommitId]) -> Result<(Anchor, Option<HistoryProblem>)> {
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
        return Ok((Anchor::Unpinned { problem: problem.clone() }, Some(problem)));
    }
    match roots {
        [] => bail!(crate::msg!("error-no-root", head = head)),
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
            Ok((Anchor::Unpinned { problem: problem.clone() }, Some(problem)))
        }
    }
}

/// Refuses a clone whose history is incomplete: what is missing cannot be
/// judged, and a forged approval on top of a cut history would look valid.
pub(crate) fn require_full_history(repo: &DocRepo) -> Result<()> {
    if repo.is_shallow() {
        bail!(Msg::new("error-shallow-clone").msg_arg("fix", Msg::new("error-fetch-everything")));
    }
    if repo.is_partial() {
        bail!(Msg::new("error-partial-clone").msg_arg("fix", Msg::new("error-fetch-everything")));
    }
    Ok(())
}
