//! Loading a history: every action commit reachable from HEAD judged by the
//! walk (`engine.rs`), from a cache when one can be continued, with the
//! trust root pinned (`trust.rs`). Nothing about state is ever read from a
//! field.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::cache;
use super::engine::Engine;
use super::head_files::{SubjectMap, content_of};
use super::problem::ActionProblem;
use super::trust::{self, Anchor, HistoryProblem};
use crate::repo::{BlobId, CommitId, CommitInfo, DocRepo};

pub(crate) use super::engine::Candidate;
pub(crate) use super::head_files::{CurrentContent, HeadFiles};
pub(crate) use super::timeline::{
    DocState, Event, Issue, MalformedCommit, NextStep, StateKind, Timeline, is_controlled_file, next_step, short,
};

/// Everything the history says.
pub(crate) struct History<'r> {
    pub head: Option<CommitId>,
    pub engine: Engine<'r>,
    pub malformed: Vec<MalformedCommit>,
    /// Problems of the history as a whole: the trust root, second roots.
    pub problems: Vec<HistoryProblem>,
}

impl<'r> History<'r> {
    /// Walks everything reachable from HEAD. With a trust root, commits up to
    /// it are accepted unchecked and its policy files are the bootstrap.
    pub(crate) fn load(repo: &'r DocRepo, trust_root: Option<&str>) -> Result<History<'r>> {
        let head = repo.head()?;
        Self::load_at(repo, head.as_ref(), trust_root)
    }

    /// The history reachable from `tip` (a commit id) instead of HEAD.
    pub(crate) fn load_at(repo: &'r DocRepo, tip: Option<&CommitId>, trust_root: Option<&str>) -> Result<History<'r>> {
        Self::load_seeded(repo, tip, trust_root, true, || Ok(SubjectMap::new()))
    }

    /// The history reachable from HEAD, and what HEAD holds (which document
    /// each file is). HEAD's files are read and parsed on a second thread
    /// while this one reads the commits, and the walk reuses what they say
    /// instead of parsing the same versions again.
    pub(crate) fn load_with_head(repo: &'r DocRepo, trust_root: Option<&str>, use_cache: bool) -> Result<(History<'r>, CurrentContent)> {
        let Some(head) = repo.head()? else {
            let history = Self::load_seeded(repo, None, trust_root, use_cache, || Ok(SubjectMap::new()))?;
            return Ok((history, CurrentContent::new()));
        };
        std::thread::scope(|scope| {
            // libgit2 handles are not shared between threads: the reader has its own.
            let (own, at) = (repo.reopen()?, head.clone());
            // One core for it: the other reads the commits, the longer job.
            let reader = scope.spawn(move || HeadFiles::read_with(&own, &at, false));
            let mut files = Vec::new();
            let history = Self::load_seeded(repo, Some(&head), trust_root, use_cache, || {
                let head_files = reader
                    .join()
                    .map_err(|_| anyhow::anyhow!(crate::msg!("error-reading-documents")))??;
                files = head_files.files;
                Ok(head_files.subjects)
            })?;
            let current = content_of(repo, &head, &files, &history.engine.subjects)?;
            Ok((history, current))
        })
    }

    /// Loads the history; `seed` gives what is already known of some
    /// versions' front-matter, and is asked for once, when the walk needs it.
    fn load_seeded(
        repo: &'r DocRepo,
        tip: Option<&CommitId>,
        trust_root: Option<&str>,
        use_cache: bool,
        seed: impl FnOnce() -> Result<SubjectMap>,
    ) -> Result<History<'r>> {
        let Some(head) = tip.cloned() else {
            return Ok(History {
                head: None,
                // No commits: nothing is ever judged under this anchor.
                engine: Engine::new(
                    repo,
                    Anchor::Unpinned {
                        problem: HistoryProblem::UnpinnedRoots { roots: Vec::new() },
                    },
                ),
                malformed: Vec::new(),
                problems: Vec::new(),
            });
        };
        trust::require_full_history(repo)?;
        let named = trust::named_root(repo, trust_root);
        let mut seed = Some(seed);
        let mut take_seed = || seed.take().map_or_else(|| Ok(SubjectMap::new()), |seed| seed());
        if use_cache && let Some(history) = Self::continue_cached(repo, &head, named.as_deref(), &mut take_seed)? {
            return Ok(history.checked());
        }
        let commits = repo.history(&head)?;
        let roots: Vec<CommitId> = commits.iter().filter(|c| c.parents.is_empty()).map(|c| c.id.clone()).collect();
        let (anchor, anchor_problem) = trust::resolve(repo, &head, named.as_deref(), &roots)?;
        let mut engine = Engine::new(repo, anchor);
        engine.subjects.extend(take_seed()?);
        let mut malformed = Vec::new();
        engine.walk(&commits, &head, &mut malformed)?;
        engine.problems.splice(0..0, anchor_problem);
        let history = History {
            head: Some(head),
            engine,
            malformed,
            problems: Vec::new(),
        };
        if use_cache {
            history.store_cache();
        }
        Ok(history.checked())
    }

    /// The history from the cache and the commits made since, when the
    /// cache describes an ancestor of `head` under the same trust root and
    /// everything since descends from it; otherwise `None` (walk afresh).
    fn continue_cached(
        repo: &'r DocRepo,
        head: &CommitId,
        named: Option<&str>,
        seed: &mut dyn FnMut() -> Result<SubjectMap>,
    ) -> Result<Option<History<'r>>> {
        let Some(snapshot) = cache::load(repo) else { return Ok(None) };
        if snapshot.head != *head && !repo.is_ancestor(&snapshot.head, head).unwrap_or(false) {
            return Ok(None);
        }
        let anchor = match (named, &snapshot.anchor) {
            (None, cache::CachedAnchor::Root(root)) => Anchor::Pinned {
                root: root.clone(),
                named: false,
                trusted: HashSet::new(),
            },
            (Some(named), cache::CachedAnchor::Named(root)) if repo.resolve(named).ok().as_ref() == Some(root) => Anchor::Pinned {
                root: root.clone(),
                named: true,
                // Only new commits are walked, and none is an ancestor of the
                // trust root (which is an ancestor of the cached head).
                trusted: HashSet::new(),
            },
            _ => return Ok(None),
        };
        let fresh: Vec<CommitInfo> = repo
            .new_commits(head, Some(&snapshot.head))?
            .iter()
            .map(|id| repo.commit(id))
            .collect::<Result<_>>()?;
        let known: HashSet<&str> = fresh.iter().map(|c| c.id.as_str()).chain([snapshot.head.as_str()]).collect();
        // A new root, or a commit built on an older one than the cached head,
        // is judged from scratch: its ancestry is not all in the cache.
        if fresh
            .iter()
            .any(|c| c.parents.is_empty() || c.parents.iter().any(|p| !known.contains(p.as_str())))
        {
            return Ok(None);
        }
        let mut engine = Engine::new(repo, anchor);
        let start = snapshot.head.clone();
        engine.resume(&start, snapshot.policy, snapshot.timelines.into_owned());
        engine.problems = snapshot.problems;
        let mut malformed = snapshot.malformed.into_owned();
        // What HEAD's files say is wanted even with nothing new to walk.
        engine.subjects.extend(seed()?);
        if !fresh.is_empty() {
            engine.walk(&fresh, head, &mut malformed)?;
        }
        let history = History {
            head: Some(head.clone()),
            engine,
            malformed,
            problems: Vec::new(),
        };
        if !fresh.is_empty() && cache::worth_rewriting(fresh.len(), history.engine.timelines.len()) {
            history.store_cache();
        }
        Ok(Some(history))
    }

    fn store_cache(&self) {
        let Some(head) = &self.head else { return };
        let anchor = match self.engine.anchor() {
            Anchor::Pinned { root, named: true, .. } => cache::CachedAnchor::Named(root.clone()),
            Anchor::Pinned { root, named: false, .. } => cache::CachedAnchor::Root(root.clone()),
            // Cheap to redo, and the reason may name things that change.
            Anchor::Unpinned { .. } => return,
        };
        // What could not be checked here may be checkable next time.
        if self.engine.timelines.values().flat_map(|t| &t.events).any(Event::is_unverifiable) {
            return;
        }
        cache::store(
            self.engine.repo_ref(),
            &cache::Snapshot {
                version: cache::VERSION,
                rules: cache::rules_digest(),
                prefix: self.engine.repo_ref().prefix_string(),
                head: head.clone(),
                anchor,
                policy: self.engine.tip.policy.clone(),
                problems: self.engine.problems.clone(),
                timelines: std::borrow::Cow::Borrowed(&self.engine.timelines),
                malformed: std::borrow::Cow::Borrowed(&self.malformed),
            },
        );
    }

    /// What is judged afresh on every load, never cached: the history's
    /// problems, and the approvals from roots the policy does not admit.
    fn checked(mut self) -> Self {
        self.problems = std::mem::take(&mut self.engine.problems);
        let unadmitted: HashMap<&CommitId, &CommitId> = self
            .problems
            .iter()
            .filter_map(|p| match p {
                HistoryProblem::SecondRoot { root, merge } => Some((root, merge)),
                _ => None,
            })
            .collect();
        for event in self.engine.timelines.values_mut().flat_map(|t| t.events.iter_mut()) {
            if let Some(root) = &event.foreign_root
                && let Some(merge) = unadmitted.get(root)
            {
                event.problems.push(ActionProblem::FromUnadmittedRoot {
                    root: root.clone(),
                    merge: (*merge).clone(),
                });
            }
        }
        self
    }

    pub(crate) fn timeline(&self, id: &str) -> Option<&Timeline> {
        self.engine.timelines.get(id)
    }

    /// Every invalid action commit, in the order of their signature times.
    pub(crate) fn invalid_events(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self
            .engine
            .timelines
            .values()
            .flat_map(|t| t.events.iter())
            .filter(|e| !e.is_valid())
            .collect();
        events.sort_by_key(|e| crate::clock::instant_of(&e.trailers.signed_at));
        events
    }

    pub(crate) fn signers_in_force(&self) -> Option<&BlobId> {
        self.engine.tip.policy.signers_blob()
    }

    pub(crate) fn config_in_force(&self) -> Option<&BlobId> {
        self.engine.tip.policy.config_blob()
    }
}
