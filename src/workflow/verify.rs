//! `qms verify`: every action commit in history judged against the
//! validity rules, summed up per document and per signature.

use anyhow::Result;
use serde::Serialize;

use super::head_files::HeadFiles;
use super::history::History;
use super::timeline::{Event, EventJson, MalformedCommit, StateKind, is_policy_file};
use super::trust::HistoryProblem;
use crate::finding::Finding;
use crate::i18n::Msg;
use crate::model::config::CONFIG_FILE;
use crate::repo::{CommitId, DocRepo};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum Verdict {
    /// The content in HEAD is the latest valid approval.
    Approved,
    /// Approved once, changed since.
    Stale,
    /// Never validly approved.
    Unapproved,
    /// Withdrawn by a valid withdrawal.
    Withdrawn,
    /// At least one of its action commits is invalid.
    Invalid,
    /// A record moved by valid sign-offs (plan, complete, verify, close).
    SignedOff,
    /// A signature could not be checked here (no `ssh-keygen` or `gpg`, a
    /// public key missing from the keyring).
    Unverifiable,
}

impl Verdict {
    /// The verdict as a label in capitals ("APPROVED"), and in a sentence
    /// ("3 approved, 1 signed off").
    fn message_ids(self) -> (&'static str, &'static str) {
        match self {
            Verdict::Approved => ("verify-label-approved", "verify-words-approved"),
            Verdict::Stale => ("verify-label-stale", "verify-words-stale"),
            Verdict::Unapproved => ("verify-label-unapproved", "verify-words-unapproved"),
            Verdict::Withdrawn => ("verify-label-withdrawn", "verify-words-withdrawn"),
            Verdict::Invalid => ("verify-label-invalid", "verify-words-invalid"),
            Verdict::SignedOff => ("verify-label-signed-off", "verify-words-signed-off"),
            Verdict::Unverifiable => ("verify-label-unverifiable", "verify-words-unverifiable"),
        }
    }

    pub(crate) fn label(self) -> Msg {
        Msg::new(self.message_ids().0)
    }

    pub(crate) fn words(self) -> Msg {
        Msg::new(self.message_ids().1)
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct DocumentVerdict<'h> {
    pub id: String,
    pub verdict: Verdict,
    pub issue: u32,
    /// Said in English in JSON, in the reader's language for people.
    #[serde(serialize_with = "as_sentence")]
    pub reason: Option<Msg>,
    #[serde(serialize_with = "as_json_events")]
    pub signatures: Vec<&'h Event>,
}

fn as_json_events<S: serde::Serializer>(events: &[&Event], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(events.iter().map(|e| EventJson::from(*e)))
}

#[derive(Debug, Serialize)]
pub(crate) struct Report<'h> {
    pub head: Option<CommitId>,
    pub documents: Vec<DocumentVerdict<'h>>,
    pub malformed: &'h [MalformedCommit],
    #[serde(serialize_with = "as_sentences")]
    pub problems: Vec<HistoryProblem>,
}

fn as_sentence<S: serde::Serializer>(reason: &Option<Msg>, serializer: S) -> Result<S::Ok, S::Error> {
    match reason {
        Some(reason) => serializer.serialize_some(reason),
        None => serializer.serialize_none(),
    }
}

/// Problems in JSON are sentences, as they always were.
fn as_sentences<S: serde::Serializer>(problems: &[HistoryProblem], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(problems.iter().map(ToString::to_string))
}

impl Report<'_> {
    /// The report's problems as findings, for the CI formats. `path_of` maps
    /// a document id to its file.
    pub(crate) fn findings(&self, path_of: &dyn Fn(&str) -> std::path::PathBuf) -> Vec<Finding> {
        let mut findings = Vec::new();
        findings.extend(self.problems.iter().map(HistoryProblem::finding));
        findings.extend(self.malformed.iter().map(|commit| commit.finding()));
        for doc in &self.documents {
            findings.extend(doc.signatures.iter().filter(|e| !e.is_valid()).map(|e| e.finding(path_of(&doc.id))));
        }
        findings
    }

    pub(crate) fn is_ok(&self) -> bool {
        self.problems.is_empty()
            && self.malformed.is_empty()
            && self
                .documents
                .iter()
                .all(|d| !matches!(d.verdict, Verdict::Invalid | Verdict::Unverifiable))
    }

    /// Nothing invalid, but something could not be checked.
    pub(crate) fn is_unverifiable(&self) -> bool {
        self.problems.is_empty()
            && self.malformed.is_empty()
            && self.documents.iter().all(|d| d.verdict != Verdict::Invalid)
            && self.documents.iter().any(|d| d.verdict == Verdict::Unverifiable)
    }
}

pub(crate) use super::head_files::CurrentContent;

pub(crate) fn current_content(repo: &DocRepo, head: &str) -> Result<CurrentContent> {
    HeadFiles::read(repo, head)?.content(repo, head)
}

/// Judges the whole history. The documents are those in HEAD plus any the
/// history mentions.
pub(crate) fn verify<'h>(repo: &DocRepo, history: &'h History<'_>) -> Result<Report<'h>> {
    let current = match &history.head {
        Some(head) => current_content(repo, head)?,
        None => CurrentContent::new(),
    };
    Ok(verify_against(history, current))
}

/// Verifies the repository at `root` (`trust_root`: the commit its history
/// must start from; `use_cache`: read and write the verdict cache under
/// `.git/qms/`) and hands the report to `show`. What was built is left to
/// the operating system, not freed: the command ends right after, and
/// freeing a province's history (30,000 events) and git caches took a
/// tenth of a second.
pub(crate) fn verify_repository<T>(
    root: &std::path::Path,
    trust_root: Option<&str>,
    use_cache: bool,
    show: impl FnOnce(Report<'_>) -> T,
) -> Result<T> {
    let repo = DocRepo::open(root)?;
    let (history, current) = History::load_with_head(&repo, trust_root, use_cache)?;
    let shown = show(verify_against(&history, current));
    std::mem::forget(history);
    std::mem::forget(repo);
    Ok(shown)
}

/// [`verify`] with HEAD's content already read (`current_content` of
/// `history.head`), so that reading it can overlap with the history walk.
pub(crate) fn verify_against<'h>(history: &'h History<'_>, current: CurrentContent) -> Report<'h> {
    let mut problems = history.problems.clone();
    let mut head_blobs = current;
    for id in history.engine.timelines.keys() {
        head_blobs.entry(id.clone()).or_insert(None);
    }

    let mut documents = Vec::new();
    for (id, head_blob) in &head_blobs {
        let timeline = history.timeline(id);
        let signatures: Vec<&Event> = timeline.map(|t| t.events.iter().collect()).unwrap_or_default();
        let invalid = signatures.iter().filter(|e| !e.is_valid() && !e.is_unverifiable()).count();
        let unverifiable = signatures.iter().filter(|e| e.is_unverifiable() && e.problems.is_empty()).count();
        let (verdict, issue, reason) = if is_policy_file(id) {
            let in_force = if id == CONFIG_FILE {
                history.config_in_force()
            } else {
                history.signers_in_force()
            };
            let issue = timeline.map(|t| t.issues().len() as u32).unwrap_or(0);
            if invalid > 0 {
                (
                    Verdict::Invalid,
                    issue,
                    Some(Msg::new("verify-reason-invalid").num("count", invalid as f64)),
                )
            } else if head_blob.as_ref() == in_force {
                (Verdict::Approved, issue, (issue == 0).then(|| Msg::new("verify-reason-bootstrap")))
            } else {
                problems.push(HistoryProblem::UnapprovedPolicy { file: id.clone() });
                (Verdict::Stale, issue, Some(super::trust::unapproved_policy(id)))
            }
        } else {
            let state = timeline.map(|t| t.state(head_blob.as_deref()));
            let issue = state.as_ref().map(|s| s.issue).unwrap_or(0);
            if invalid > 0 {
                (
                    Verdict::Invalid,
                    issue,
                    Some(Msg::new("verify-reason-invalid").num("count", invalid as f64)),
                )
            } else if unverifiable > 0 {
                (
                    Verdict::Unverifiable,
                    issue,
                    Some(Msg::new("verify-reason-unverifiable").num("count", unverifiable as f64)),
                )
            } else {
                let last_sign_off = signatures
                    .iter()
                    .rev()
                    .find(|e| crate::workflow::record_steps::is_sign_off(e.trailers.action));
                match state.map(|s| s.kind) {
                    _ if issue == 0 && last_sign_off.is_some() => (
                        Verdict::SignedOff,
                        0,
                        last_sign_off.map(|e| {
                            Msg::new("verify-reason-last-step")
                                .arg("action", e.trailers.action)
                                .arg("signer", &e.trailers.signer)
                        }),
                    ),
                    Some(StateKind::Effective) => (Verdict::Approved, issue, None),
                    Some(StateKind::Obsolete) => (Verdict::Withdrawn, issue, None),
                    Some(StateKind::Changed) | Some(StateKind::InReview) if issue > 0 => {
                        (Verdict::Stale, issue, Some(Msg::new("verify-reason-changed").num("issue", issue)))
                    }
                    _ => (Verdict::Unapproved, issue, None),
                }
            }
        };
        documents.push(DocumentVerdict {
            id: id.clone(),
            verdict,
            issue,
            reason,
            signatures,
        });
    }
    documents.sort_by(|a, b| crate::text::natural_cmp(&a.id, &b.id));
    Report {
        head: history.head.clone(),
        documents,
        malformed: &history.malformed,
        problems,
    }
}
