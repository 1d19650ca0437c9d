//! What the history says of one document: its action commits in order, and
//! what follows from them — its issues, its state, the step it waits for.
//! Pure: nothing here reads git.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::problem::ActionProblem;
use super::trailers::{Action, Trailers, Verdict};
use crate::finding::{Finding, Rule};
use crate::i18n::Msg;
use crate::model::config::CONFIG_FILE;
use crate::model::signers::SIGNERS_FILE;
use crate::repo::{BlobId, CommitId};
use crate::signing::SignatureCheck;
use crate::workspace::RECORDS_DIR;

/// The document type that the two policy files are approved as; a role
/// grants it explicitly or through `all`.
pub(crate) const CONFIGURATION_TYPE: &str = "configuration";

/// Whether a repository path is a record's (under `records/`).
pub(crate) fn is_record_path(path: &str) -> bool {
    Path::new(path).starts_with(RECORDS_DIR)
}

/// Whether `id` names one of the policy files, which are documents under
/// approval with their path as id.
pub(crate) fn is_policy_file(id: &str) -> bool {
    id == CONFIG_FILE || id == SIGNERS_FILE
}

/// The folder of the repository's template overrides.
pub(crate) const TEMPLATES_FOLDER: &str = "templates";

/// Whether `id` names a template override (`templates/handbook/base.html`):
/// they change what the published handbook says, so they are approved by
/// path like the policy files.
pub(crate) fn is_template_path(id: &str) -> bool {
    id.strip_prefix(TEMPLATES_FOLDER)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| {
            !rest.is_empty()
                && !rest.contains('\\')
                && rest
                    .split('/')
                    .all(|part| !part.is_empty() && part != "." && part != ".." && !part.chars().any(char::is_control))
        })
}

/// Files approved by path rather than by a document id: the policy files
/// and the template overrides.
pub(crate) fn is_controlled_file(id: &str) -> bool {
    is_policy_file(id) || is_template_path(id)
}

pub(crate) use crate::repo::short;

/// One action commit in a document's timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Event {
    pub commit: CommitId,
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
    pub problems: Vec<ActionProblem>,
    /// Made before the trust root: accepted without checks.
    pub trusted: bool,
    /// Set when the commit descends from a root commit other than the trust
    /// root: it was judged by that root's own policy, and counts only if the
    /// policy in force admits that root (see docs/approval.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign_root: Option<CommitId>,
}

impl Event {
    /// Valid: no problem found, and nothing left unchecked.
    pub(crate) fn is_valid(&self) -> bool {
        self.problems.is_empty() && !matches!(self.signature, SignatureCheck::Unverifiable { .. })
    }

    pub(crate) fn is_unverifiable(&self) -> bool {
        matches!(self.signature, SignatureCheck::Unverifiable { .. })
    }

    /// Why it does not count, in one line.
    /// Why the event is invalid, as a message.
    pub(crate) fn reasons_message(&self) -> Msg {
        match &self.signature {
            SignatureCheck::Unverifiable { reason } if self.problems.is_empty() => {
                crate::msg!("check-signature-unverifiable", reason = reason)
            }
            _ => Msg::joined(self.problems.iter().map(ActionProblem::message).collect(), "; "),
        }
    }

    /// The event as a finding on the document's file, when it is invalid.
    pub(crate) fn finding(&self, path: impl AsRef<Path>) -> Finding {
        Finding::new(
            Rule::InvalidAction,
            path,
            Msg::new("check-invalid-action")
                .msg_arg("action", self.trailers.action.meaning_message())
                .arg("document", &self.trailers.document)
                .arg("commit", short(&self.commit))
                .arg("signer", &self.trailers.signer)
                .msg_arg("reasons", self.reasons_message()),
        )
        .hint(crate::msg!("hint-invalid-action"))
    }
}

/// An event as the JSON of `verify` and `log` shows it: the cache keeps the
/// problems typed, people and scripts read them as sentences.
#[derive(Debug, Serialize)]
pub(crate) struct EventJson<'a> {
    commit: &'a str,
    #[serde(flatten)]
    trailers: &'a Trailers,
    subject: &'a str,
    text: &'a str,
    author: &'a str,
    signature: &'a SignatureCheck,
    problems: Vec<String>,
    trusted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    foreign_root: Option<&'a str>,
}

impl<'a> From<&'a Event> for EventJson<'a> {
    fn from(e: &'a Event) -> Self {
        EventJson {
            commit: &e.commit,
            trailers: &e.trailers,
            subject: &e.subject,
            text: &e.text,
            author: &e.author,
            signature: &e.signature,
            problems: e.problems.iter().map(ToString::to_string).collect(),
            trusted: e.trusted,
            foreign_root: e.foreign_root.as_deref(),
        }
    }
}

/// A commit that tries to be an action commit but cannot be read as one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct MalformedCommit {
    pub commit: CommitId,
    pub subject: String,
    pub reason: String,
}

impl MalformedCommit {
    pub(crate) fn finding(&self) -> Finding {
        Finding::new(
            Rule::InvalidAction,
            SIGNERS_FILE,
            crate::msg!(
                "check-malformed-action",
                commit = short(&self.commit),
                subject = &self.subject,
                reason = &self.reason
            ),
        )
        .hint(crate::msg!("hint-malformed-action"))
    }
}

/// Every action commit on one document, in history order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Timeline {
    pub document: String,
    pub events: Vec<Event>,
}

/// A numbered issue (lần ban hành) of a document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Issue {
    pub number: u32,
    pub blob: BlobId,
    pub commit: CommitId,
    pub approver: String,
    pub role: String,
    pub approved_at: String,
    pub summary: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum StateKind {
    Draft,
    InReview,
    Effective,
    Changed,
    Obsolete,
}

/// The state of a document, derived from its timeline and its content now.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocState {
    pub kind: StateKind,
    /// The number of valid approvals so far (0 for a draft).
    pub issue: u32,
    /// The content of the issue in force (the last approval, unless
    /// withdrawn), whether or not HEAD still holds it.
    pub effective_blob: Option<BlobId>,
    pub effective_since: Option<String>,
}

impl Timeline {
    /// The timeline's events as the rules read them.
    pub(crate) fn view(&self) -> View<'_> {
        View {
            events: self.events.iter().collect(),
        }
    }

    /// Issue `number`, or an error saying how many there are.
    pub(crate) fn issue(&self, number: u32) -> anyhow::Result<Issue> {
        let issues = self.issues();
        let count = issues.len();
        issues
            .into_iter()
            .find(|i| i.number == number)
            .ok_or_else(|| anyhow::anyhow!("{} has {count} issue(s); there is no issue {number}", self.document))
    }

    pub(crate) fn issues(&self) -> Vec<Issue> {
        self.view().issues()
    }

    pub(crate) fn has_issue(&self) -> bool {
        self.view().has_issue()
    }

    pub(crate) fn last_reviewed(&self) -> Option<&str> {
        self.events
            .iter()
            .filter(|e| e.is_valid() && matches!(e.trailers.action, Action::Approve | Action::Review))
            .max_by_key(|e| crate::clock::instant_of(&e.trailers.signed_at))
            .map(|e| e.trailers.signed_at.as_str())
    }

    pub(crate) fn is_withdrawn(&self) -> bool {
        self.view().is_withdrawn()
    }

    /// The latest review verdict on `blob` since the last approval.
    pub(crate) fn verdict_on(&self, blob: &str) -> Option<(Verdict, &Event)> {
        self.view().verdict_on(blob)
    }

    pub(crate) fn acknowledged_by(&self, blob: &str) -> Vec<&str> {
        self.view().acknowledged_by(blob)
    }

    pub(crate) fn state(&self, head_blob: Option<&str>) -> DocState {
        self.view().state(head_blob)
    }
}

/// Some of a document's events, in history order: all of them, or those a
/// commit can see (its ancestors'). Every question the rules ask of a
/// timeline is answered here, once.
#[derive(Debug, Clone, Default)]
pub(crate) struct View<'a> {
    pub events: Vec<&'a Event>,
}

impl<'a> View<'a> {
    fn valid(&self) -> impl DoubleEndedIterator<Item = &'a Event> + '_ {
        self.events.iter().copied().filter(|e| e.is_valid())
    }

    pub(crate) fn issues(&self) -> Vec<Issue> {
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
    fn last_lifecycle(&self) -> Option<&'a Event> {
        self.valid()
            .rev()
            .find(|e| matches!(e.trailers.action, Action::Approve | Action::Withdraw))
    }

    /// Whether it has been validly approved at least once (withdrawn or not).
    pub(crate) fn has_issue(&self) -> bool {
        self.valid().any(|e| e.trailers.action == Action::Approve)
    }

    pub(crate) fn is_withdrawn(&self) -> bool {
        self.last_lifecycle().is_some_and(|e| e.trailers.action == Action::Withdraw)
    }

    pub(crate) fn last_approval(&self) -> Option<&'a Event> {
        self.valid().rev().find(|e| e.trailers.action == Action::Approve)
    }

    /// Valid events after the last approval or withdrawal.
    fn since_lifecycle(&self) -> impl Iterator<Item = &'a Event> + '_ {
        let start = self
            .events
            .iter()
            .rposition(|e| e.is_valid() && matches!(e.trailers.action, Action::Approve | Action::Withdraw))
            .map_or(0, |i| i + 1);
        self.events[start..].iter().copied().filter(|e| e.is_valid())
    }

    pub(crate) fn is_submitted(&self, blob: &str) -> bool {
        self.since_lifecycle()
            .any(|e| e.trailers.action == Action::Submit && e.trailers.blob == blob)
    }

    /// The latest review verdict on `blob` since the last approval.
    pub(crate) fn verdict_on(&self, blob: &str) -> Option<(Verdict, &'a Event)> {
        self.since_lifecycle()
            .filter(|e| e.trailers.action == Action::Review && e.trailers.blob == blob)
            .last()
            .and_then(|e| e.trailers.verdict.map(|v| (v, e)))
    }

    /// People who acknowledged the content `blob`.
    pub(crate) fn acknowledged_by(&self, blob: &str) -> Vec<&'a str> {
        self.valid()
            .filter(|e| e.trailers.action == Action::Acknowledge && e.trailers.blob == blob)
            .map(|e| e.trailers.signer.as_str())
            .collect()
    }

    /// The valid events, for the record sign-off rules.
    pub(crate) fn valid_events(&self) -> impl Iterator<Item = &'a Event> + '_ {
        self.valid()
    }

    /// The state given the document's content at HEAD (`None`: not in HEAD).
    pub(crate) fn state(&self, head_blob: Option<&str>) -> DocState {
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

/// The step a document waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum NextStep {
    Submit,
    Review,
    Approve,
}

/// The next step and who it waits on (people or `role:` specs).
pub(crate) fn next_step(
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
