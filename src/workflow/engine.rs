//! The walk: every commit of a history, parents before children, judged
//! by what its own ancestors say. Each commit's state — the policy in force
//! ([`PolicyState`]) and, per document, the events it can see — is derived
//! from its parents' states; states are persistent maps, so keeping one for
//! a commit that several children read costs nothing, and a merge costs what
//! its two sides differ by.
//!
//! The judgements themselves are [`rules::evaluate`]; this module looks up
//! what they need (blobs, front-matter, policies, signatures), and does the
//! expensive lookups ahead on a second thread in long walks.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;
use std::sync::mpsc::Receiver;

use anyhow::Result;
use imbl::OrdMap;
use imbl::ordmap::DiffItem;
use rayon::prelude::*;

use super::ancestry::{self, Domain, InForce, PolicyFile, PolicyState};
use super::head_files::{SubjectMap, parse_subject, parse_subjects};
use super::problem::ActionProblem;
use super::rules::{self, Content, Context, Subject};
use super::timeline::{CONFIGURATION_TYPE, Event, MalformedCommit, Timeline, View, is_controlled_file};
use super::trailers::{self, Action, Parsed, Trailers};
use super::trust::{self, Anchor, HistoryProblem};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::signers::{SIGNERS_FILE, SignerPolicy};
use crate::repo::{BlobId, CommitId, CommitInfo, DocRepo};
use crate::signing::{self, SignatureCheck};

/// A prospective or historical action commit, as the engine judges it.
pub(crate) struct Candidate<'a> {
    pub trailers: &'a Trailers,
    /// The first parent; `None` for a root commit.
    pub parent: Option<&'a CommitId>,
    /// Whether the commit's tree equals its parent's.
    pub tree_unchanged: bool,
    pub parent_count: usize,
    /// The signature and the bytes it signs, when signed.
    pub signature: Option<(String, Vec<u8>)>,
    /// A command about to write a signed commit: the signature is checked
    /// once the commit exists, not here.
    pub will_be_signed: bool,
    /// When the commit was (or is about to be) made, seconds since the epoch.
    pub committed_at: i64,
}

/// Per document (by index), the events a commit can see, in order.
type Seen = OrdMap<u32, Rc<Vec<u32>>>;

/// What holds at one commit.
#[derive(Debug, Clone)]
pub(crate) struct AtCommit {
    pub policy: PolicyState,
    seen: Seen,
}

impl AtCommit {
    pub(crate) fn trusted() -> AtCommit {
        AtCommit {
            policy: PolicyState::trusted(),
            seen: Seen::new(),
        }
    }
}

/// A tree id and a path in it.
type TreePath = (String, String);

/// Below this many lookups, a second thread costs more than it saves.
const LOOKAHEAD_MIN: usize = 512;

pub(crate) struct Engine<'r> {
    repo: &'r DocRepo,
    anchor: Anchor,
    signers: HashMap<String, Option<Rc<SignerPolicy>>>,
    configs: HashMap<String, Option<Rc<Config>>>,
    pub(super) subjects: SubjectMap,
    /// Each commit's tree, from the walk.
    trees: HashMap<CommitId, String>,
    /// Blob ids by (tree, path): action commits share their parent's tree, so
    /// most lookups repeat.
    blobs: HashMap<TreePath, Option<BlobId>>,
    /// Lookups computed ahead on another thread, arriving in the order the
    /// walk needs them, and those still to arrive.
    lookahead: Option<Receiver<(TreePath, Result<Option<BlobId>>)>>,
    pending: HashSet<TreePath>,
    /// Every event met, in walk order, while walking; moved into
    /// `timelines` after.
    events: Vec<Event>,
    docs: HashMap<String, u32>,
    /// States of walked commits that children still need, with how many.
    states: HashMap<CommitId, (AtCommit, usize)>,
    /// The commit a cached walk described, until a walk continues from it.
    resumed_at: Option<CommitId>,
    /// The state at the tip of the walk.
    pub(super) tip: AtCommit,
    /// Every document's events. While a walk goes on it holds what every
    /// commit walked sees before its own events: nothing, or a resumed
    /// cache's (each new commit descends from the cached head).
    pub timelines: BTreeMap<String, Timeline>,
    /// What the walk found wrong with the history as a whole.
    pub problems: Vec<HistoryProblem>,
}

/// The timeline of document `id`, begun empty if it has none yet.
fn timeline_mut<'t>(timelines: &'t mut BTreeMap<String, Timeline>, id: &str) -> &'t mut Timeline {
    timelines.entry(id.to_string()).or_insert_with(|| Timeline {
        document: id.to_string(),
        events: Vec::new(),
    })
}

impl<'r> Engine<'r> {
    pub(crate) fn new(repo: &'r DocRepo, anchor: Anchor) -> Self {
        Engine {
            repo,
            anchor,
            signers: HashMap::new(),
            configs: HashMap::new(),
            subjects: HashMap::new(),
            trees: HashMap::new(),
            blobs: HashMap::new(),
            lookahead: None,
            pending: HashSet::new(),
            events: Vec::new(),
            docs: HashMap::new(),
            states: HashMap::new(),
            resumed_at: None,
            tip: AtCommit::trusted(),
            timelines: BTreeMap::new(),
            problems: Vec::new(),
        }
    }

    pub(crate) fn repo_ref(&self) -> &'r DocRepo {
        self.repo
    }

    pub(crate) fn anchor(&self) -> &Anchor {
        &self.anchor
    }

    /// Continues from a cached walk: `timelines` as they stood at `head`,
    /// whose policy state was `policy`. With nothing new to walk, that is
    /// the whole history; a walk first takes them back as its start.
    pub(crate) fn resume(&mut self, head: &CommitId, policy: PolicyState, timelines: BTreeMap<String, Timeline>) {
        self.timelines = timelines;
        self.tip = AtCommit { policy, seen: Seen::new() };
        self.resumed_at = Some(head.clone());
    }

    /// The commit the resumed timelines describe, as the state the new
    /// commits built on it start from. Its events stay in `timelines`,
    /// where every new commit sees them: moving 30,000 events out and back
    /// was a tenth of a build after a commit.
    fn start_from_resumed(&mut self) {
        let Some(head) = self.resumed_at.take() else { return };
        self.tip.seen = Seen::new();
        self.states.insert(head, (self.tip.clone(), 0));
    }

    fn doc_index(&mut self, id: &str) -> u32 {
        let next = self.docs.len() as u32;
        *self.docs.entry(id.to_string()).or_insert(next)
    }

    fn signer_policy(&mut self, blob: &str) -> Option<Rc<SignerPolicy>> {
        cached_parse(self.repo, &mut self.signers, blob, |text| {
            SignerPolicy::parse(Path::new(SIGNERS_FILE), text).ok()
        })
    }

    fn config(&mut self, blob: &str) -> Option<Rc<Config>> {
        cached_parse(self.repo, &mut self.configs, blob, |text| {
            Config::parse(Path::new(CONFIG_FILE), text).ok()
        })
    }

    /// The configuration in force at the tip.
    pub(crate) fn config_in_force(&mut self) -> Option<Rc<Config>> {
        let blob = self.tip.policy.config_blob()?.clone();
        self.config(&blob)
    }

    /// The id and authority fields of the document stored in `blob`.
    fn subject(&mut self, blob: &BlobId, path: &str) -> Option<(String, Subject)> {
        if is_controlled_file(path) {
            return Some((
                path.to_string(),
                Subject {
                    doc_type: CONFIGURATION_TYPE.into(),
                    reviewers: Vec::new(),
                    approvers: Vec::new(),
                    record: None,
                },
            ));
        }
        if let Some(cached) = self.subjects.get(blob) {
            return cached.clone();
        }
        let parsed = self.repo.read_blob(blob).ok().and_then(|bytes| parse_subject(path, &bytes));
        self.subjects.insert(blob.clone(), parsed.clone());
        parsed
    }

    fn tree_of(&mut self, commit: &CommitId) -> Result<String> {
        if let Some(tree) = self.trees.get(commit) {
            return Ok(tree.clone());
        }
        let tree = self.repo.commit(commit)?.tree;
        self.trees.insert(commit.clone(), tree.clone());
        Ok(tree)
    }

    /// The blob of `path` in a commit, through the per-tree cache.
    fn blob_in(&mut self, commit: &CommitId, path: &str) -> Result<Option<BlobId>> {
        let tree = self.tree_of(commit)?;
        let key = (tree, path.to_string());
        if let Some(blob) = self.blobs.get(&key) {
            return Ok(blob.clone());
        }
        if self.pending.contains(&key)
            && let Some(lookahead) = &self.lookahead
        {
            while let Ok((ready, blob)) = lookahead.recv() {
                self.pending.remove(&ready);
                let blob = blob?;
                self.blobs.insert(ready.clone(), blob.clone());
                if ready == key {
                    return Ok(blob);
                }
            }
        }
        let blob = self.repo.blob_in_tree(&key.0, Path::new(path))?;
        self.blobs.insert(key, blob.clone());
        Ok(blob)
    }

    /// Judges a step a command is about to write on top of the tip (or of a
    /// content commit on top of it), against everything walked so far.
    pub(crate) fn evaluate(&mut self, c: &Candidate<'_>) -> Result<(Vec<ActionProblem>, SignatureCheck)> {
        let policy = self.tip.policy.clone();
        let looked = self.look_up(c, &policy)?;
        let view = self.timelines.get(&c.trailers.document).map(Timeline::view).unwrap_or_default();
        Ok(self.judge(c, &policy, &looked, &view))
    }

    /// Adds an event a command is about to write to the tip; a valid
    /// approval of a policy file puts that version in force.
    pub(crate) fn apply(&mut self, event: Event) {
        if event.is_valid() && event.trailers.action == Action::Approve {
            put_in_force(&mut self.tip.policy, &event);
        }
        timeline_mut(&mut self.timelines, &event.trailers.document).events.push(event);
    }

    fn look_up(&mut self, c: &Candidate<'_>, policy: &PolicyState) -> Result<Looked> {
        let t = c.trailers;
        let Some(parent) = c.parent else {
            return Ok(Looked::default());
        };
        let content = match self.blob_in(parent, &t.path)? {
            None => None,
            Some(blob) => {
                let subject = self.subject(&blob, &t.path);
                Some((blob, subject))
            }
        };
        let parent_signers = self.blob_in(parent, SIGNERS_FILE)?;
        let parent_config = self.blob_in(parent, CONFIG_FILE)?;
        let signers = policy.signers_blob().cloned();
        let config = policy.config_blob().cloned();
        Ok(Looked {
            content,
            parent_signers,
            parent_config,
            policy: signers.and_then(|b| self.signer_policy(&b)),
            config: config.and_then(|b| self.config(&b)),
        })
    }

    fn judge(
        &self,
        c: &Candidate<'_>,
        policy_state: &PolicyState,
        looked: &Looked,
        view: &View<'_>,
    ) -> (Vec<ActionProblem>, SignatureCheck) {
        let t = c.trailers;
        // The signature, checked against the signer's keys in the policy in force.
        let signature = match &c.signature {
            None => SignatureCheck::Unsigned,
            Some((armored, payload)) => {
                let person = looked.policy.as_deref().and_then(|p| p.person(&t.signer));
                let (ssh, gpg) = person.map(|p| (p.keys.ssh.clone(), p.keys.gpg.clone())).unwrap_or_default();
                signing::verify(armored, payload, &t.signer, &ssh, &gpg)
            }
        };
        let content = match &looked.content {
            None => Content::Missing,
            Some((blob, subject)) => Content::Present {
                blob,
                subject: subject.as_ref().map(|(id, s)| (id.as_str(), s)),
            },
        };
        let problems = rules::evaluate(&Context {
            trailers: t,
            parent_count: c.parent_count,
            tree_unchanged: c.tree_unchanged,
            content,
            parent_signers: looked.parent_signers.as_ref(),
            parent_config: looked.parent_config.as_ref(),
            in_force: policy_state,
            policy: looked.policy.as_deref(),
            config: looked.config.as_deref(),
            timeline: view,
            signature: &signature,
            will_be_signed: c.will_be_signed,
            unpinned: self.anchor.unpinned_problem(),
            committed_at: c.committed_at,
        });
        (problems, signature)
    }

    /// Walks `commits` (parents before children; their parents walked
    /// before or among them) up to `tip`, recording every action commit,
    /// and puts the events in `timelines` in the tip's order.
    pub(crate) fn walk(&mut self, commits: &[CommitInfo], tip: &str, malformed: &mut Vec<MalformedCommit>) -> Result<()> {
        self.start_from_resumed();
        self.trees.extend(commits.iter().map(|c| (c.id.clone(), c.tree.clone())));
        let mut children: HashMap<&str, usize> = HashMap::new();
        for parent in commits.iter().flat_map(|c| &c.parents) {
            *children.entry(parent.as_str()).or_default() += 1;
        }
        // The cached head's state is read by the new commits built on it.
        for (commit, (_, wanted)) in self.states.iter_mut() {
            *wanted += children.get(commit.as_str()).copied().unwrap_or(0);
        }
        // Trailers are read once, on all cores.
        let parsed: Vec<Parsed> = commits.par_iter().map(|commit| trailers::parse(&commit.message)).collect();
        self.prefetch_subjects(&parsed);
        let lookups = self.planned_lookups(commits, &parsed);
        std::thread::scope(|scope| {
            // Looking paths up in each new version of a large folder is the
            // costly part of a long walk: a second thread, with its own handle
            // on the repository, does it while this one judges the commits.
            if lookups.len() >= LOOKAHEAD_MIN {
                let own = self.repo.reopen()?;
                let (sender, receiver) = std::sync::mpsc::channel();
                self.pending = lookups.iter().cloned().collect();
                self.lookahead = Some(receiver);
                scope.spawn(move || {
                    for key in lookups {
                        let blob = own.blob_in_tree(&key.0, Path::new(&key.1));
                        if sender.send((key, blob)).is_err() {
                            break;
                        }
                    }
                });
            }
            let walked = (|| -> Result<()> {
                for (commit, parsed) in commits.iter().zip(parsed) {
                    let state = self.step(commit, parsed, malformed)?;
                    let wanted = children.get(commit.id.as_str()).copied().unwrap_or(0);
                    // A state kept in one place only is updated in place by
                    // the next commit.
                    let is_tip = commit.id == tip;
                    match (wanted > 0, is_tip) {
                        (true, true) => {
                            self.states.insert(commit.id.clone(), (state.clone(), wanted));
                            self.tip = state;
                        }
                        (true, false) => {
                            self.states.insert(commit.id.clone(), (state, wanted));
                        }
                        (false, true) => self.tip = state,
                        (false, false) => {}
                    }
                }
                Ok(())
            })();
            // Dropping the receiver stops the other thread at its next result.
            self.lookahead = None;
            self.pending.clear();
            walked
        })?;
        self.states.clear();
        self.materialise();
        Ok(())
    }

    /// One commit: its state from its parents', its own event, what it
    /// bootstraps.
    fn step(&mut self, commit: &CommitInfo, parsed: Parsed, malformed: &mut Vec<MalformedCommit>) -> Result<AtCommit> {
        let mut state = self.state_from_parents(commit)?;
        match parsed {
            Parsed::Content => {}
            Parsed::Malformed(reason) => malformed.push(MalformedCommit {
                commit: commit.id.clone(),
                subject: subject_of(&commit.message),
                reason,
            }),
            Parsed::Action(t) => {
                let event = self.record(commit, t, &state)?;
                if event.is_valid() && event.trailers.action == Action::Approve {
                    put_in_force(&mut state.policy, &event);
                }
                let doc = self.doc_index(&event.trailers.document);
                let index = self.events.len() as u32;
                self.events.push(event);
                // Copied only when another state shares this document's list.
                match state.seen.get_mut(&doc) {
                    Some(seen) => Rc::make_mut(seen).push(index),
                    None => {
                        state.seen.insert(doc, Rc::new(vec![index]));
                    }
                }
            }
        }
        if self.anchor.root() == Some(commit.id.as_str()) {
            // The trust root's policy files are the bootstrap, whatever came before.
            state.policy = PolicyState {
                domain: Domain::Pinned,
                signers: None,
                config: None,
            };
        }
        if matches!(state.policy.domain, Domain::Pinned | Domain::Foreign(_)) {
            // The first version of a policy file on a line of history is its bootstrap.
            if state.policy.signers.is_none()
                && let Some(blob) = self.blob_in(&commit.id, SIGNERS_FILE)?
            {
                state.policy.signers = Some(InForce::bootstrap(blob, &commit.id));
            }
            if state.policy.config.is_none()
                && let Some(blob) = self.blob_in(&commit.id, CONFIG_FILE)?
            {
                state.policy.config = Some(InForce::bootstrap(blob, &commit.id));
            }
        }
        Ok(state)
    }

    /// The state a commit starts from: its parents' states, merged.
    fn state_from_parents(&mut self, commit: &CommitInfo) -> Result<AtCommit> {
        if self.anchor.is_trusted(&commit.id) && self.anchor.root() != Some(commit.id.as_str()) {
            let mut state = AtCommit::trusted();
            for parent in &commit.parents {
                if let Some(parent) = self.take_state(parent) {
                    state.seen = union(state.seen, &parent.seen);
                }
            }
            return Ok(state);
        }
        let parents: Vec<AtCommit> = commit.parents.iter().filter_map(|p| self.take_state(p)).collect();
        if parents.is_empty() {
            let domain = match &self.anchor {
                Anchor::Pinned { root, .. } if *root == commit.id => Domain::Pinned,
                _ => Domain::Foreign(commit.id.clone()),
            };
            return Ok(AtCommit {
                policy: PolicyState {
                    domain,
                    signers: None,
                    config: None,
                },
                seen: Seen::new(),
            });
        }
        let policies: Vec<&PolicyState> = parents.iter().map(|p| &p.policy).collect();
        let mut rivals = Vec::new();
        // Asked only when both sides approved a version independently: the
        // merge's own content decides.
        let mut policy = ancestry::merge_policy(&policies, |file| self.blob_in(&commit.id, path_of(file)), &mut rivals)?;
        for rival in rivals {
            self.problems.push(HistoryProblem::RivalBootstraps {
                file: path_of(rival.file).to_string(),
                first: rival.first,
                second: rival.second,
            });
        }
        if policy.domain == Domain::Trusted {
            // Forked before the trust root, and not the trust root's line.
            policy.domain = Domain::Outside;
            policy.signers = None;
            policy.config = None;
        }
        if matches!(self.anchor, Anchor::Pinned { .. }) {
            let config = policy.config_blob().cloned().and_then(|b| self.config(&b));
            for parent in &parents {
                if let Domain::Foreign(root) = &parent.policy.domain
                    && parent.policy.domain != policy.domain
                    && !trust::admits(config.as_deref(), root)
                {
                    let problem = HistoryProblem::SecondRoot {
                        root: root.clone(),
                        merge: commit.id.clone(),
                    };
                    if !self.problems.contains(&problem) {
                        self.problems.push(problem);
                    }
                }
            }
        }
        let mut parents = parents.into_iter();
        let first = parents.next().map(|p| p.seen).unwrap_or_default();
        let seen = parents.fold(first, |seen, other| union(seen, &other.seen));
        Ok(AtCommit { policy, seen })
    }

    /// A walked commit's state, for one of its children: handed over to the
    /// last one, shared (cheaply) with the others.
    fn take_state(&mut self, commit: &str) -> Option<AtCommit> {
        let (state, children) = self.states.get_mut(commit)?;
        if *children <= 1 {
            return self.states.remove(commit).map(|(state, _)| state);
        }
        *children -= 1;
        Some(state.clone())
    }

    fn record(&mut self, commit: &CommitInfo, trailers: Trailers, state: &AtCommit) -> Result<Event> {
        let trusted = self.anchor.is_trusted(&commit.id);
        let (problems, signature) = if trusted {
            (Vec::new(), SignatureCheck::Unsigned)
        } else {
            let tree_unchanged = match commit.parents.first() {
                Some(p) => self.tree_of(p)? == commit.tree,
                None => false,
            };
            let candidate = Candidate {
                trailers: &trailers,
                parent: commit.parents.first(),
                tree_unchanged,
                parent_count: commit.parents.len(),
                signature: if commit.signed { self.repo.signature(&commit.id)? } else { None },
                will_be_signed: false,
                committed_at: commit.time,
            };
            let looked = self.look_up(&candidate, &state.policy)?;
            let doc = self.docs.get(&trailers.document).copied();
            let earlier = self.timelines.get(&trailers.document).into_iter().flat_map(|t| &t.events);
            let walked = doc
                .and_then(|d| state.seen.get(&d))
                .into_iter()
                .flat_map(|indices| indices.iter().map(|&i| &self.events[i as usize]));
            let view = View {
                events: earlier.chain(walked).collect(),
            };
            self.judge(&candidate, &state.policy, &looked, &view)
        };
        let foreign_root = match &state.policy.domain {
            Domain::Foreign(root) => Some(root.clone()),
            _ => None,
        };
        Ok(Event {
            commit: commit.id.clone(),
            subject: subject_of(&commit.message),
            text: trailers::body_text(&commit.message),
            author: format!("{} <{}>", commit.author.name, commit.author.email),
            signature,
            problems,
            trusted,
            foreign_root,
            trailers,
        })
    }

    /// Moves the walked events into `timelines`, after those every walked
    /// commit saw, in the tip's order.
    fn materialise(&mut self) {
        let names: HashMap<u32, String> = self.docs.iter().map(|(name, &i)| (i, name.clone())).collect();
        let mut slots: Vec<Option<Event>> = std::mem::take(&mut self.events).into_iter().map(Some).collect();
        let timelines = &mut self.timelines;
        for (doc, indices) in &self.tip.seen {
            timeline_mut(timelines, &names[doc])
                .events
                .extend(indices.iter().filter_map(|&i| slots[i as usize].take()));
        }
        // Anything the tip cannot see (there is nothing, as every walked
        // commit is its ancestor) still appears.
        for event in slots.into_iter().flatten() {
            timeline_mut(timelines, &event.trailers.document).events.push(event);
        }
        self.docs.clear();
        self.tip.seen = Seen::new();
    }

    /// Reads the blobs the action commits among `commits` name and parses
    /// their front-matter on all cores, before the walk needs them one by
    /// one; a blob the walk finds different from its trailer's is still
    /// parsed when met.
    fn prefetch_subjects(&mut self, commits: &[Parsed]) {
        let mut seen = HashSet::new();
        let wanted: Vec<(BlobId, String)> = commits
            .iter()
            .filter_map(|commit| match commit {
                Parsed::Action(t) => Some((t.blob.clone(), t.path.clone())),
                _ => None,
            })
            .filter(|(blob, path)| !is_controlled_file(path) && !self.subjects.contains_key(blob) && seen.insert(blob.clone()))
            .collect();
        parse_subjects(self.repo, &wanted, &mut self.subjects, true);
    }

    /// The (tree, path) lookups `look_up` will make for the action commits
    /// among `commits`, in the order it makes them, except those known. If
    /// `look_up` changes its lookups, the plan only loses speed.
    fn planned_lookups(&self, commits: &[CommitInfo], parsed: &[Parsed]) -> Vec<TreePath> {
        let mut seen = HashSet::new();
        let mut keys = Vec::new();
        for (commit, parsed) in commits.iter().zip(parsed) {
            let Parsed::Action(t) = parsed else { continue };
            let parent_tree = commit.parents.first().and_then(|parent| self.trees.get(parent));
            let Some(tree) = parent_tree.filter(|_| !self.anchor.is_trusted(&commit.id)) else {
                continue;
            };
            for path in [t.path.as_str(), SIGNERS_FILE, CONFIG_FILE] {
                let key = (tree.clone(), path.to_string());
                if !self.blobs.contains_key(&key) && seen.insert(key.clone()) {
                    keys.push(key);
                }
            }
        }
        keys
    }
}

/// What [`Engine::look_up`] found for one judgement.
#[derive(Default)]
struct Looked {
    content: Option<(BlobId, Option<(String, Subject)>)>,
    parent_signers: Option<BlobId>,
    parent_config: Option<BlobId>,
    policy: Option<Rc<SignerPolicy>>,
    config: Option<Rc<Config>>,
}

fn path_of(file: PolicyFile) -> &'static str {
    match file {
        PolicyFile::Signers => SIGNERS_FILE,
        PolicyFile::Config => CONFIG_FILE,
    }
}

/// A valid approval of a policy file puts that version in force.
fn put_in_force(policy: &mut PolicyState, event: &Event) {
    let slot = match event.trailers.path.as_str() {
        SIGNERS_FILE => &mut policy.signers,
        CONFIG_FILE => &mut policy.config,
        _ => return,
    };
    let blob = event.trailers.blob.clone();
    *slot = Some(match slot.take() {
        Some(before) => before.approved(blob, &event.commit),
        None => InForce::bootstrap(blob, &event.commit),
    });
}

/// The events of both sides of a merge: the first side's in its order, then
/// what only the second side has, in its order. So the order of the events
/// a commit sees depends only on the graph below it — depth-first, a merge's
/// first parent's history before its second's — whatever order the walk
/// took, and a commit is judged the same from every later HEAD.
fn union(first: Seen, second: &Seen) -> Seen {
    if first.ptr_eq(second) {
        return first;
    }
    let mut merged = first.clone();
    for change in first.diff(second) {
        match change {
            DiffItem::Add(doc, events) => {
                merged.insert(*doc, events.clone());
            }
            DiffItem::Update {
                old: (doc, ours),
                new: (_, theirs),
            } => {
                let known: HashSet<u32> = ours.iter().copied().collect();
                let mut both = ours.as_ref().clone();
                both.extend(theirs.iter().copied().filter(|i| !known.contains(i)));
                merged.insert(*doc, Rc::new(both));
            }
            DiffItem::Remove(..) => {}
        }
    }
    merged
}

fn subject_of(message: &str) -> String {
    message.lines().next().unwrap_or_default().to_string()
}

/// Parses a policy file's blob once; `None` when it is unreadable or invalid.
fn cached_parse<T>(
    repo: &DocRepo,
    cache: &mut HashMap<String, Option<Rc<T>>>,
    blob: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Option<Rc<T>> {
    if let Some(cached) = cache.get(blob) {
        return cached.clone();
    }
    let parsed = repo
        .read_blob(blob)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| parse(&text))
        .map(Rc::new);
    cache.insert(blob.to_string(), parsed.clone());
    parsed
}
