//! The state engine: one pass over the history reachable from HEAD yields
//! every document's timeline (submissions, reviews, approvals, withdrawal,
//! acknowledgements), whether each action commit is valid, and the state of
//! each document. Nothing about state is ever read from a field.
//!
//! The same [`Engine::evaluate`] judges the commits in history (for `verify`)
//! and the action a command is about to write, so a command refuses exactly
//! what `verify` would reject.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc::Receiver;

use anyhow::Result;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cache;
use super::record_steps::{self, RecordFacts};
use super::trailers::{self, Action, Parsed, Trailers, Verdict};
use super::verify::CurrentContent;
use crate::finding::{Finding, Rule};
use crate::model::config::{CONFIG_FILE, Config, Signing};
use crate::model::document::Document;
use crate::model::record::{Record, RecordKind};
use crate::model::signers::{Role, SIGNERS_FILE, SignerPolicy, TypeSet};
use crate::repo::{CommitInfo, DocRepo};
use crate::signing::{self, SignatureCheck};
use crate::workspace::{DOCUMENTS_DIR, RECORDS_DIR};

/// The document type that the two policy files are approved as; a role
/// grants it explicitly or through `all`.
pub const CONFIGURATION_TYPE: &str = "configuration";

/// Whether a repository path is a record's (under `records/`).
pub fn is_record_path(path: &str) -> bool {
    Path::new(path).starts_with(RECORDS_DIR)
}

/// Whether `id` names one of the policy files, which are documents under
/// approval with their path as id.
pub fn is_policy_file(id: &str) -> bool {
    id == CONFIG_FILE || id == SIGNERS_FILE
}

/// One action commit in a document's timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub commit: String,
    #[serde(flatten)]
    pub trailers: Trailers,
    /// The commit's subject line.
    pub subject: String,
    /// The text between subject and trailers: an approval's summary of
    /// change, a review's comment, a withdrawal's reason.
    pub text: String,
    /// The commit's author line; it carries no authority.
    pub author: String,
    pub signature: SignatureCheck,
    /// Why the commit is invalid; empty when it is valid.
    pub problems: Vec<String>,
    /// Made before the trust root: accepted without checks.
    pub trusted: bool,
}

impl Event {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// The event as a finding on the document's file, when it is invalid.
    pub fn finding(&self, path: impl AsRef<Path>) -> Finding {
        Finding::new(
            Rule::InvalidAction,
            path,
            format!(
                "the {} of {} in commit {} by {} is invalid: {}",
                self.trailers.action,
                self.trailers.document,
                short(&self.commit),
                self.trailers.signer,
                self.problems.join("; ")
            ),
        )
        .hint("`qms verify` explains every invalid action commit; redo the step with qms")
    }
}

/// A commit that tries to be an action commit but cannot be read as one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MalformedCommit {
    pub commit: String,
    pub subject: String,
    pub reason: String,
}

impl MalformedCommit {
    pub fn finding(&self) -> Finding {
        Finding::new(
            Rule::InvalidAction,
            SIGNERS_FILE,
            format!(
                "commit {} \"{}\" looks like an action commit but {}",
                short(&self.commit),
                self.subject,
                self.reason
            ),
        )
        .hint("action commits are written by qms; do not write Qms- trailers by hand")
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Timeline {
    pub document: String,
    pub events: Vec<Event>,
}

/// A numbered issue (lần ban hành) of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub number: u32,
    pub blob: String,
    pub commit: String,
    pub approver: String,
    pub role: String,
    pub approved_at: String,
    pub summary: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StateKind {
    Draft,
    InReview,
    Effective,
    Changed,
    Obsolete,
}

/// The state of a document, derived from its timeline and its content now.
#[derive(Debug, Clone, Serialize)]
pub struct DocState {
    pub kind: StateKind,
    /// The number of valid approvals so far (0 for a draft).
    pub issue: u32,
    /// The content of the issue in force (the last approval, unless
    /// withdrawn), whether or not HEAD still holds it.
    pub effective_blob: Option<String>,
    pub effective_since: Option<String>,
}

impl Timeline {
    fn valid(&self) -> impl DoubleEndedIterator<Item = &Event> {
        self.events.iter().filter(|e| e.is_valid())
    }

    /// Issue `number`, or an error saying how many there are.
    pub fn issue(&self, number: u32) -> anyhow::Result<Issue> {
        let issues = self.issues();
        let count = issues.len();
        issues
            .into_iter()
            .find(|i| i.number == number)
            .ok_or_else(|| anyhow::anyhow!("{} has {count} issue(s); there is no issue {number}", self.document))
    }

    pub fn issues(&self) -> Vec<Issue> {
        self.valid()
            .filter(|e| e.trailers.action == Action::Approve)
            .enumerate()
            .map(|(i, e)| Issue {
                number: i as u32 + 1,
                blob: e.trailers.blob.clone(),
                commit: e.commit.clone(),
                approver: e.trailers.signer.clone(),
                role: e.trailers.role.clone(),
                approved_at: e.trailers.signed_at.clone(),
                summary: e.text.clone(),
            })
            .collect()
    }

    /// The last valid approval or withdrawal.
    fn last_lifecycle(&self) -> Option<&Event> {
        self.valid()
            .rev()
            .find(|e| matches!(e.trailers.action, Action::Approve | Action::Withdraw))
    }

    /// Whether it has been validly approved at least once (withdrawn or not).
    pub fn has_issue(&self) -> bool {
        self.valid().any(|e| e.trailers.action == Action::Approve)
    }

    /// When the document was last approved or reviewed with acceptance or
    /// not (a periodic review is a review of the issue in force).
    pub fn last_reviewed(&self) -> Option<&str> {
        self.valid()
            .filter(|e| matches!(e.trailers.action, Action::Approve | Action::Review))
            .map(|e| e.trailers.signed_at.as_str())
            .max()
    }

    pub fn is_withdrawn(&self) -> bool {
        self.last_lifecycle().is_some_and(|e| e.trailers.action == Action::Withdraw)
    }

    fn last_approval(&self) -> Option<&Event> {
        self.valid().rev().find(|e| e.trailers.action == Action::Approve)
    }

    /// Valid events after the last approval or withdrawal.
    fn since_lifecycle(&self) -> impl Iterator<Item = &Event> {
        let start = self
            .events
            .iter()
            .rposition(|e| e.is_valid() && matches!(e.trailers.action, Action::Approve | Action::Withdraw))
            .map_or(0, |i| i + 1);
        self.events[start..].iter().filter(|e| e.is_valid())
    }

    pub fn is_submitted(&self, blob: &str) -> bool {
        self.since_lifecycle()
            .any(|e| e.trailers.action == Action::Submit && e.trailers.blob == blob)
    }

    /// The latest review verdict on `blob` since the last approval.
    pub fn verdict_on(&self, blob: &str) -> Option<(Verdict, &Event)> {
        self.since_lifecycle()
            .filter(|e| e.trailers.action == Action::Review && e.trailers.blob == blob)
            .last()
            .and_then(|e| e.trailers.verdict.map(|v| (v, e)))
    }

    /// People who acknowledged the content `blob`.
    pub fn acknowledged_by(&self, blob: &str) -> Vec<&str> {
        self.valid()
            .filter(|e| e.trailers.action == Action::Acknowledge && e.trailers.blob == blob)
            .map(|e| e.trailers.signer.as_str())
            .collect()
    }

    /// The state given the document's content at HEAD (`None`: not in HEAD).
    pub fn state(&self, head_blob: Option<&str>) -> DocState {
        let issue = self.valid().filter(|e| e.trailers.action == Action::Approve).count() as u32;
        let approval = self.last_approval();
        if self.is_withdrawn() {
            return DocState {
                kind: StateKind::Obsolete,
                issue,
                effective_blob: None,
                effective_since: None,
            };
        }
        let effective = approval.filter(|a| Some(a.trailers.blob.as_str()) == head_blob);
        let kind = match (approval, effective, head_blob) {
            (_, Some(_), _) => StateKind::Effective,
            (_, None, Some(blob)) if self.is_submitted(blob) => StateKind::InReview,
            (Some(_), None, _) => StateKind::Changed,
            (None, None, _) => StateKind::Draft,
        };
        DocState {
            kind,
            issue,
            // The last issue stays in force while a change is drafted or reviewed.
            effective_blob: approval.map(|a| a.trailers.blob.clone()),
            effective_since: approval.map(|a| a.trailers.signed_at.clone()),
        }
    }
}

/// What a document is at one commit, as far as authority is concerned.
#[derive(Debug, Clone)]
struct Subject {
    /// The document type, or the record kind.
    doc_type: String,
    reviewers: Vec<String>,
    approvers: Vec<String>,
    /// Set for records: what their sign-off steps are judged on.
    record: Option<RecordFacts>,
}

/// A prospective or historical action commit, as the engine judges it.
pub struct Candidate<'a> {
    pub trailers: &'a Trailers,
    pub parent: &'a str,
    /// Whether the commit's tree equals its parent's.
    pub tree_unchanged: bool,
    pub parent_count: usize,
    /// The signature and the bytes it signs, when signed.
    pub signature: Option<(String, Vec<u8>)>,
    /// A command about to write a signed commit: the signature is checked
    /// once the commit exists, not here.
    pub will_be_signed: bool,
}

/// The state of the walk so far.
pub struct Engine<'r> {
    repo: &'r DocRepo,
    signers: HashMap<String, Option<Rc<SignerPolicy>>>,
    configs: HashMap<String, Option<Rc<Config>>>,
    subjects: SubjectMap,
    /// The approved (or bootstrap) versions of the policy files.
    signers_in_force: Option<String>,
    config_in_force: Option<String>,
    pub timelines: BTreeMap<String, Timeline>,
    /// Each commit's tree, from the walk.
    trees: HashMap<String, String>,
    /// Blob ids by (tree, path): action commits share their parent's tree, so
    /// most lookups repeat.
    blobs: HashMap<TreePath, Option<String>>,
    /// Lookups computed ahead on another thread, arriving in the order the
    /// walk needs them, and those still to arrive.
    lookahead: Option<Receiver<(TreePath, Result<Option<String>>)>>,
    pending: HashSet<TreePath>,
}

/// A tree id and a path in it.
type TreePath = (String, String);

/// Below this many lookups, a second thread costs more than it saves.
const LOOKAHEAD_MIN: usize = 512;

/// Everything the history says.
pub struct History<'r> {
    pub head: Option<String>,
    pub engine: Engine<'r>,
    pub malformed: Vec<MalformedCommit>,
    /// Set when `--trust-root` names a commit HEAD no longer contains.
    pub trust_root_problem: Option<String>,
}

impl<'r> History<'r> {
    /// Walks everything reachable from HEAD. With a trust root, commits up to
    /// it are accepted unchecked and its policy files are the bootstrap.
    pub fn load(repo: &'r DocRepo, trust_root: Option<&str>) -> Result<History<'r>> {
        let head = repo.head()?;
        Self::load_at(repo, head.as_deref(), trust_root)
    }

    /// The history reachable from `tip` (a commit id) instead of HEAD.
    pub fn load_at(repo: &'r DocRepo, tip: Option<&str>, trust_root: Option<&str>) -> Result<History<'r>> {
        Self::load_seeded(repo, tip, trust_root, || Ok(SubjectMap::new()))
    }

    /// The history reachable from HEAD, and what HEAD holds (which document
    /// each file is). HEAD's files are read and parsed on a second thread
    /// while this one reads the commits, and the walk reuses what they say
    /// instead of parsing the same versions again.
    pub fn load_with_head(repo: &'r DocRepo, trust_root: Option<&str>) -> Result<(History<'r>, CurrentContent)> {
        let Some(head) = repo.head()? else {
            return Ok((Self::load_at(repo, None, trust_root)?, CurrentContent::new()));
        };
        std::thread::scope(|scope| {
            // libgit2 handles are not shared between threads: the reader has its own.
            let (own, at) = (repo.reopen()?, head.clone());
            // One core for it: the other reads the commits, the longer job.
            let reader = scope.spawn(move || HeadFiles::read_with(&own, &at, false));
            let mut files = Vec::new();
            let history = Self::load_seeded(repo, Some(&head), trust_root, || {
                let head_files = reader.join().map_err(|_| anyhow::anyhow!("reading HEAD's documents failed"))??;
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
        tip: Option<&str>,
        trust_root: Option<&str>,
        seed: impl FnOnce() -> Result<SubjectMap>,
    ) -> Result<History<'r>> {
        let mut engine = Engine::new(repo);
        let Some(head) = tip.map(str::to_string) else {
            return Ok(History {
                head: None,
                engine,
                malformed: Vec::new(),
                trust_root_problem: None,
            });
        };
        // A trust root changes what is checked: never mix it with the cache.
        if trust_root.is_none()
            && let Some(snapshot) = cache::load(repo)
            && (snapshot.head == head || repo.is_ancestor(&snapshot.head, &head).unwrap_or(false))
        {
            let start = snapshot.head.clone();
            engine.timelines = snapshot.timelines.into_owned();
            engine.signers_in_force = snapshot.signers_in_force;
            engine.config_in_force = snapshot.config_in_force;
            let mut malformed = snapshot.malformed.into_owned();
            engine.subjects.extend(seed()?);
            let fresh = repo.new_commits(&head, Some(&start))?;
            if !fresh.is_empty() {
                let commits: Vec<CommitInfo> = fresh.iter().map(|id| repo.commit(id)).collect::<Result<_>>()?;
                engine.walk(&commits, &HashSet::new(), &mut malformed)?;
            }
            let history = History {
                head: Some(head),
                engine,
                malformed,
                trust_root_problem: None,
            };
            if history.head.as_deref() != Some(start.as_str()) {
                history.store_cache();
            }
            return Ok(history);
        }

        let commits = repo.history(&head)?;
        engine.subjects.extend(seed()?);
        let mut trusted: HashSet<String> = HashSet::new();
        let mut trust_root_problem = None;
        match trust_root {
            Some(root) => match repo.resolve(root) {
                Ok(root_id) if repo.is_ancestor(&root_id, &head)? => {
                    trusted = repo.history(&root_id)?.into_iter().map(|c| c.id).collect();
                    engine.signers_in_force = repo.blob_at(&root_id, Path::new(SIGNERS_FILE))?;
                    engine.config_in_force = repo.blob_at(&root_id, Path::new(CONFIG_FILE))?;
                }
                Ok(root_id) => {
                    trust_root_problem = Some(format!(
                        "the trust root {root_id} is not in the history of HEAD: history was rewritten (force-pushed or rebased) since it was recorded"
                    ))
                }
                Err(_) => {
                    trust_root_problem = Some(format!(
                        "the trust root {root} is not in this repository: history was rewritten since it was recorded, or the id is wrong"
                    ))
                }
            },
            None => {
                // The first versions of the policy files are the bootstrap.
                engine.signers_in_force = first_blob(repo, &commits, SIGNERS_FILE)?;
                engine.config_in_force = first_blob(repo, &commits, CONFIG_FILE)?;
            }
        }
        let mut malformed = Vec::new();
        engine.walk(&commits, &trusted, &mut malformed)?;
        let history = History {
            head: Some(head),
            engine,
            malformed,
            trust_root_problem,
        };
        if trust_root.is_none() {
            history.store_cache();
        }
        Ok(history)
    }

    fn store_cache(&self) {
        let Some(head) = &self.head else { return };
        cache::store(
            self.engine.repo,
            &cache::Snapshot {
                version: 1,
                prefix: self.engine.repo.prefix_string(),
                head: head.clone(),
                signers_in_force: self.engine.signers_in_force.clone(),
                config_in_force: self.engine.config_in_force.clone(),
                timelines: std::borrow::Cow::Borrowed(&self.engine.timelines),
                malformed: std::borrow::Cow::Borrowed(&self.malformed),
            },
        );
    }

    pub fn timeline(&self, id: &str) -> Option<&Timeline> {
        self.engine.timelines.get(id)
    }

    /// Every invalid action commit, in history order.
    pub fn invalid_events(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self
            .engine
            .timelines
            .values()
            .flat_map(|t| t.events.iter())
            .filter(|e| !e.is_valid())
            .collect();
        events.sort_by_key(|e| e.trailers.signed_at.clone());
        events
    }

    pub fn signers_in_force(&self) -> Option<&str> {
        self.engine.signers_in_force.as_deref()
    }

    pub fn config_in_force(&self) -> Option<&str> {
        self.engine.config_in_force.as_deref()
    }
}

/// The identity and signers of one version of a document or record.
fn parse_subject(path: &str, bytes: &[u8]) -> Option<(String, Subject)> {
    if is_record_path(path) {
        let record = Record::parse_bytes(Path::new(path), bytes).ok()?;
        let facts = RecordFacts::of(&record.front);
        return Some((
            record.front.id,
            Subject {
                doc_type: record.front.kind.id().to_string(),
                reviewers: record.front.reviewers,
                approvers: record.front.approvers,
                record: Some(facts),
            },
        ));
    }
    let front = Document::front_matter_of(Path::new(path), bytes)?;
    Some((
        front.id,
        Subject {
            doc_type: front.doc_type,
            reviewers: front.reviewers,
            approvers: front.approvers,
            record: None,
        },
    ))
}

/// Versions' front-matter by blob id; `None` when unreadable.
type SubjectMap = HashMap<String, Option<(String, Subject)>>;

/// HEAD's documents and records: each file's blob, and what each says of
/// itself.
pub struct HeadFiles {
    files: Vec<(PathBuf, String)>,
    subjects: SubjectMap,
}

impl HeadFiles {
    pub fn read(repo: &DocRepo, head: &str) -> Result<HeadFiles> {
        Self::read_with(repo, head, true)
    }

    fn read_with(repo: &DocRepo, head: &str, all_cores: bool) -> Result<HeadFiles> {
        let mut files = repo.files_at(head, Path::new(DOCUMENTS_DIR))?;
        files.extend(repo.files_at(head, Path::new(RECORDS_DIR))?);
        let mut seen = HashSet::new();
        let wanted: Vec<(String, String)> = files
            .iter()
            .filter(|(_, blob)| seen.insert(blob.as_str()))
            .map(|(path, blob)| (blob.clone(), path.to_string_lossy().replace('\\', "/")))
            .collect();
        let mut subjects = SubjectMap::new();
        parse_subjects(repo, &wanted, &mut subjects, all_cores);
        Ok(HeadFiles { files, subjects })
    }

    /// Which document each file holds, and the policy files' blobs.
    pub fn content(&self, repo: &DocRepo, head: &str) -> Result<CurrentContent> {
        content_of(repo, head, &self.files, &self.subjects)
    }
}

fn content_of(repo: &DocRepo, head: &str, files: &[(PathBuf, String)], subjects: &SubjectMap) -> Result<CurrentContent> {
    let mut current = CurrentContent::new();
    for (_, blob) in files {
        if let Some(Some((id, _))) = subjects.get(blob) {
            current.insert(id.clone(), Some(blob.clone()));
        }
    }
    for file in [CONFIG_FILE, SIGNERS_FILE] {
        current.insert(file.to_string(), repo.blob_at(head, Path::new(file))?);
    }
    Ok(current)
}

/// Reads the blobs of `wanted` (blob, path) and parses their front-matter, on
/// all cores or on this thread only, in chunks so that the blobs held at once
/// stay few.
fn parse_subjects(repo: &DocRepo, wanted: &[(String, String)], into: &mut SubjectMap, all_cores: bool) {
    const CHUNK: usize = 2048;
    for chunk in wanted.chunks(CHUNK) {
        let read: Vec<(&String, &String, Vec<u8>)> = chunk
            .iter()
            .filter_map(|(blob, path)| Some((blob, path, repo.read_blob(blob).ok()?)))
            .collect();
        let parse = |(blob, path, bytes): &(&String, &String, Vec<u8>)| ((*blob).clone(), parse_subject(path, bytes));
        if all_cores {
            into.extend(read.par_iter().map(parse).collect::<Vec<_>>());
        } else {
            into.extend(read.iter().map(parse));
        }
    }
}

fn subject_of(message: &str) -> String {
    message.lines().next().unwrap_or_default().to_string()
}

/// The blob of `path` in the first commit (in history order) that has it.
fn first_blob(repo: &DocRepo, commits: &[CommitInfo], path: &str) -> Result<Option<String>> {
    for commit in commits {
        if let Some(blob) = repo.blob_at(&commit.id, Path::new(path))? {
            return Ok(Some(blob));
        }
    }
    Ok(None)
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

/// The grant a role needs for a step; `None` when the step is the named
/// person's (an action owner completing, the lead auditor closing a report).
fn grant_for(role: &Role, action: Action, kind: Option<RecordKind>) -> Option<&TypeSet> {
    match action {
        Action::Review | Action::Plan | Action::Verify => Some(&role.may.review),
        Action::Approve | Action::Withdraw => Some(&role.may.approve),
        Action::Close if kind == Some(RecordKind::Nonconformity) => Some(&role.may.approve),
        Action::Close | Action::Complete => None,
        Action::Acknowledge | Action::Submit => Some(&role.may.acknowledge),
    }
}

impl<'r> Engine<'r> {
    fn new(repo: &'r DocRepo) -> Self {
        Engine {
            repo,
            signers: HashMap::new(),
            configs: HashMap::new(),
            subjects: HashMap::new(),
            signers_in_force: None,
            config_in_force: None,
            timelines: BTreeMap::new(),
            trees: HashMap::new(),
            blobs: HashMap::new(),
            lookahead: None,
            pending: HashSet::new(),
        }
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

    /// The id and authority fields of the document stored in `blob`.
    fn subject(&mut self, blob: &str, path: &str) -> Option<(String, Subject)> {
        if is_policy_file(path) {
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
        self.subjects.insert(blob.to_string(), parsed.clone());
        parsed
    }

    /// Reads the blobs the action commits among `commits` name and parses
    /// their front-matter on all cores, before the walk needs them one by
    /// one; a blob the walk finds different from its trailer's is still
    /// parsed when met.
    fn prefetch_subjects(&mut self, commits: &[Parsed]) {
        let mut seen = HashSet::new();
        let wanted: Vec<(String, String)> = commits
            .iter()
            .filter_map(|commit| match commit {
                Parsed::Action(t) => Some((t.blob.clone(), t.path.clone())),
                _ => None,
            })
            .filter(|(blob, path)| !is_policy_file(path) && !self.subjects.contains_key(blob) && seen.insert(blob.clone()))
            .collect();
        parse_subjects(self.repo, &wanted, &mut self.subjects, true);
    }

    fn walk(&mut self, commits: &[CommitInfo], trusted: &HashSet<String>, malformed: &mut Vec<MalformedCommit>) -> Result<()> {
        self.trees.extend(commits.iter().map(|c| (c.id.clone(), c.tree.clone())));
        // Trailers are read once, on all cores.
        let parsed: Vec<Parsed> = commits.par_iter().map(|commit| trailers::parse(&commit.message)).collect();
        self.prefetch_subjects(&parsed);
        let lookups = self.planned_lookups(commits, &parsed, trusted);
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
            let walked = (|| {
                for (commit, parsed) in commits.iter().zip(parsed) {
                    match parsed {
                        Parsed::Content => {}
                        Parsed::Malformed(reason) => malformed.push(MalformedCommit {
                            commit: commit.id.clone(),
                            subject: subject_of(&commit.message),
                            reason,
                        }),
                        Parsed::Action(t) => self.record(commit, t, trusted.contains(&commit.id))?,
                    }
                }
                Ok(())
            })();
            // Dropping the receiver stops the other thread at its next result.
            self.lookahead = None;
            self.pending.clear();
            walked
        })
    }

    /// The (tree, path) lookups `evaluate` will make for the action commits
    /// among `commits`, in the order it makes them, except those known.
    fn planned_lookups(&self, commits: &[CommitInfo], parsed: &[Parsed], trusted: &HashSet<String>) -> Vec<TreePath> {
        let mut seen = HashSet::new();
        let mut keys = Vec::new();
        for (commit, parsed) in commits.iter().zip(parsed) {
            let Parsed::Action(t) = parsed else { continue };
            let parent_tree = commit.parents.first().and_then(|parent| self.trees.get(parent));
            let Some(tree) = parent_tree.filter(|_| !trusted.contains(&commit.id)) else {
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

    fn tree_of(&mut self, commit: &str) -> Result<String> {
        if let Some(tree) = self.trees.get(commit) {
            return Ok(tree.clone());
        }
        let tree = self.repo.commit(commit)?.tree;
        self.trees.insert(commit.to_string(), tree.clone());
        Ok(tree)
    }

    /// The blob of `path` in a commit, through the per-tree cache.
    fn blob_in(&mut self, commit: &str, path: &str) -> Result<Option<String>> {
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

    fn record(&mut self, commit: &CommitInfo, trailers: Trailers, trusted: bool) -> Result<()> {
        let parent = commit.parents.first().cloned().unwrap_or_default();
        let (problems, signature) = if trusted {
            (Vec::new(), SignatureCheck::Unsigned)
        } else {
            let tree_unchanged = match commit.parents.first() {
                Some(p) => self.tree_of(p)? == commit.tree,
                None => false,
            };
            let candidate = Candidate {
                trailers: &trailers,
                parent: &parent,
                tree_unchanged,
                parent_count: commit.parents.len(),
                signature: if commit.signed { self.repo.signature(&commit.id)? } else { None },
                will_be_signed: false,
            };
            self.evaluate(&candidate)?
        };
        let event = Event {
            commit: commit.id.clone(),
            subject: subject_of(&commit.message),
            text: trailers::body_text(&commit.message),
            author: format!("{} <{}>", commit.author.name, commit.author.email),
            signature,
            problems,
            trusted,
            trailers,
        };
        self.apply(event);
        Ok(())
    }

    /// Adds an event to its timeline; a valid approval of a policy file puts
    /// that version in force.
    pub fn apply(&mut self, event: Event) {
        if event.is_valid() && event.trailers.action == Action::Approve {
            match event.trailers.path.as_str() {
                SIGNERS_FILE => self.signers_in_force = Some(event.trailers.blob.clone()),
                CONFIG_FILE => self.config_in_force = Some(event.trailers.blob.clone()),
                _ => {}
            }
        }
        let timeline = self.timelines.entry(event.trailers.document.clone()).or_insert_with(|| Timeline {
            document: event.trailers.document.clone(),
            events: Vec::new(),
        });
        timeline.events.push(event);
    }

    /// Every reason the candidate is not a valid action commit (DESIGN.md
    /// section 3), and what its signature says.
    pub fn evaluate(&mut self, c: &Candidate<'_>) -> Result<(Vec<String>, SignatureCheck)> {
        let t = c.trailers;
        let mut problems = Vec::new();
        if c.parent_count != 1 {
            problems.push(format!("an action commit has exactly one parent; this one has {}", c.parent_count));
        }
        if !c.tree_unchanged {
            problems.push("the commit changes content: an action commit's tree must equal its parent's".into());
        }
        if c.parent.is_empty() {
            return Ok((problems, SignatureCheck::Unsigned));
        }

        // The content the signature binds.
        let subject = match self.blob_in(c.parent, &t.path)? {
            None => {
                problems.push(format!("the parent commit has no file {}", t.path));
                None
            }
            Some(blob) => {
                if blob != t.blob {
                    problems.push(format!(
                        "Qms-Blob {} does not match {} in the parent commit ({blob})",
                        short(&t.blob),
                        t.path
                    ));
                }
                match self.subject(&blob, &t.path) {
                    Some((id, subject)) if id == t.document => Some(subject),
                    Some((id, _)) => {
                        problems.push(format!("{} holds the document {id}, not {}", t.path, t.document));
                        None
                    }
                    None => {
                        problems.push(format!("{} in the parent commit is not a readable document", t.path));
                        None
                    }
                }
            }
        };

        // The policy the signer is judged by: the one in force. Anything that
        // relies on an unapproved change of a policy file is invalid.
        let parent_signers = self.blob_in(c.parent, SIGNERS_FILE)?;
        let parent_config = self.blob_in(c.parent, CONFIG_FILE)?;
        if parent_signers.as_deref() != Some(t.policy.as_str()) {
            problems.push(format!(
                "Qms-Policy {} is not the signer policy of the parent commit ({})",
                short(&t.policy),
                parent_signers.as_deref().map(short).unwrap_or("none")
            ));
        }
        // Steps on the policy files themselves are judged wholly by the
        // versions in force, so changing both files at once cannot deadlock.
        let relies_on_policy = t.action != Action::Submit && !is_policy_file(&t.path);
        if relies_on_policy && parent_signers != self.signers_in_force {
            problems.push(format!(
                "the signer policy in the parent commit is an unapproved change of {SIGNERS_FILE}; approve it under the previous policy first"
            ));
        }
        if relies_on_policy && parent_config != self.config_in_force {
            problems.push(format!(
                "{CONFIG_FILE} in the parent commit is an unapproved change; approve it first"
            ));
        }
        let policy = match self.signers_in_force.clone() {
            Some(blob) => self.signer_policy(&blob),
            None => None,
        };
        let config = match self.config_in_force.clone() {
            Some(blob) => self.config(&blob),
            None => None,
        };
        let Some(policy) = policy else {
            problems.push(format!("there is no readable signer policy ({SIGNERS_FILE}) in force"));
            return Ok((problems, SignatureCheck::Unsigned));
        };

        // The signer and the authority of their role.
        let person = policy.person(&t.signer);
        match person {
            None => problems.push(format!("{} is not a person of the signer policy in force", t.signer)),
            Some(p) if p.status == crate::model::signers::PersonStatus::Retired => {
                problems.push(format!("{} is retired in the signer policy", t.signer))
            }
            Some(p) if !p.roles.contains(&t.role) => problems.push(format!("{} does not hold the role {}", t.signer, t.role)),
            Some(_) => {}
        }
        if let (Some(subject), Some(role)) = (&subject, policy.role(&t.role)) {
            let kind = subject.record.as_ref().map(|r| r.kind);
            if let Some(grant) = grant_for(role, t.action, kind)
                && !grant.contains(&subject.doc_type)
            {
                problems.push(format!(
                    "the role {} may not give the meaning `{}` for documents of type {}",
                    t.role, t.meaning, subject.doc_type
                ));
            }
            let named = match t.action {
                Action::Review => Some(&subject.reviewers),
                Action::Approve | Action::Withdraw => Some(&subject.approvers),
                _ => None,
            };
            if let Some(named) = named.filter(|n| !n.is_empty())
                && !named
                    .iter()
                    .any(|n| *n == t.signer || n.strip_prefix("role:") == Some(t.role.as_str()))
            {
                let field = if t.action == Action::Review { "reviewers" } else { "approvers" };
                problems.push(format!(
                    "neither {} nor role:{} is among the document's {field} ({})",
                    t.signer,
                    t.role,
                    named.join(", ")
                ));
            }
        } else if policy.role(&t.role).is_none() {
            problems.push(format!("{} is not a role of the signer policy in force", t.role));
        }

        // The workflow's own rules.
        let timeline = self.timelines.get(&t.document);
        let record = subject.as_ref().and_then(|s| s.record.as_ref());
        match record {
            Some(facts) if record_steps::is_sign_off(t.action) || facts.kind == RecordKind::Nonconformity => {
                problems.extend(record_steps::problems(t.action, facts, timeline, &t.signer))
            }
            None if record_steps::is_sign_off(t.action) => problems.push(format!(
                "{} is a step of records (nonconformities, audit reports), not of documents",
                t.action
            )),
            _ => {}
        }
        let withdrawn = timeline.is_some_and(Timeline::is_withdrawn);
        let last_approval = timeline.and_then(Timeline::last_approval).map(|e| e.trailers.blob.clone());
        match t.action {
            Action::Submit => {
                if withdrawn {
                    problems.push("the document was withdrawn".into());
                } else if last_approval.as_deref() == Some(t.blob.as_str()) {
                    problems.push("this content is already effective".into());
                } else if timeline.is_some_and(|tl| tl.is_submitted(&t.blob)) {
                    problems.push("this content is already submitted".into());
                }
            }
            Action::Review => {
                if withdrawn {
                    problems.push("the document was withdrawn".into());
                } else if !timeline.is_some_and(|tl| tl.is_submitted(&t.blob)) {
                    problems.push("this content was not submitted for review".into());
                }
            }
            Action::Approve => {
                if last_approval.as_deref() == Some(t.blob.as_str()) && !withdrawn {
                    problems.push("this content is already approved".into());
                } else if config.as_ref().is_none_or(|c| c.policies.review_before_approval) {
                    match timeline.and_then(|tl| tl.verdict_on(&t.blob)) {
                        Some((Verdict::Accept, _)) => {}
                        Some((Verdict::Reject, review)) => {
                            problems.push(format!("the latest review of this content ({}) rejected it", short(&review.commit)))
                        }
                        None => problems.push("the policy requires an accepting review of this content before approval".into()),
                    }
                }
            }
            Action::Withdraw => {
                if withdrawn {
                    problems.push("the document is already withdrawn".into());
                }
            }
            Action::Plan | Action::Complete | Action::Verify | Action::Close => {}
            Action::Acknowledge => {
                if withdrawn || last_approval.as_deref() != Some(t.blob.as_str()) {
                    problems.push("only the effective issue of a document can be acknowledged".into());
                } else if timeline.is_some_and(|tl| tl.acknowledged_by(&t.blob).contains(&t.signer.as_str())) {
                    problems.push(format!("{} already acknowledged this issue", t.signer));
                }
            }
        }

        // The signature, checked against the signer's keys in the policy in force.
        let signature = match &c.signature {
            None => SignatureCheck::Unsigned,
            Some((armored, payload)) => {
                let (ssh, gpg) = person.map(|p| (p.keys.ssh.clone(), p.keys.gpg.clone())).unwrap_or_default();
                signing::verify(armored, payload, &t.signer, &ssh, &gpg)
            }
        };
        match &signature {
            SignatureCheck::Invalid { reason } => problems.push(format!("bad signature: {reason}")),
            SignatureCheck::Unsigned if !c.will_be_signed && config.as_ref().is_some_and(|c| c.policies.signing == Signing::Required) => {
                problems.push("the policy requires signed action commits, and this one is not signed".into())
            }
            _ => {}
        }
        Ok((problems, signature))
    }

    /// The signer policy in force now (after the whole walk).
    pub fn policy_in_force(&mut self) -> Option<Rc<SignerPolicy>> {
        let blob = self.signers_in_force.clone()?;
        self.signer_policy(&blob)
    }

    pub fn config_in_force(&mut self) -> Option<Rc<Config>> {
        let blob = self.config_in_force.clone()?;
        self.config(&blob)
    }
}

pub fn short(id: &str) -> &str {
    &id[..id.len().min(12)]
}

/// The step a document waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NextStep {
    Submit,
    Review,
    Approve,
}

/// The next step and who it waits on (people or `role:` specs).
pub fn next_step(
    state: &DocState,
    timeline: Option<&Timeline>,
    head_blob: Option<&str>,
    author: Option<&str>,
    reviewers: &[String],
    approvers: &[String],
) -> Option<(NextStep, Vec<String>)> {
    match state.kind {
        StateKind::Draft | StateKind::Changed => Some((NextStep::Submit, author.map(|a| vec![a.to_string()]).unwrap_or_default())),
        StateKind::InReview => {
            let accepted = head_blob
                .and_then(|b| timeline.and_then(|t| t.verdict_on(b)))
                .is_some_and(|(v, _)| v == Verdict::Accept);
            Some(if accepted {
                (NextStep::Approve, approvers.to_vec())
            } else {
                (NextStep::Review, reviewers.to_vec())
            })
        }
        StateKind::Effective | StateKind::Obsolete => None,
    }
}
