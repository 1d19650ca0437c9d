//! Why an action commit does not count, as data: the rules return these,
//! the cache stores them, and only the output layer turns them into words.
//! Tests and callers match on the variant, never on the sentence.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::stage::Stage;
use super::trailers::Action;
use super::trust::HistoryProblem;
use crate::i18n::Msg;
use crate::model::config::{CONFIG_FILE, Language};
use crate::model::signers::SIGNERS_FILE;
use crate::repo::{BlobId, CommitId};

/// Which list of a document names who may take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum NamedList {
    Reviewers,
    Approvers,
}

impl NamedList {
    /// The front-matter field.
    pub(crate) fn field(self) -> &'static str {
        match self {
            NamedList::Reviewers => "reviewers",
            NamedList::Approvers => "approvers",
        }
    }
}

/// One reason an action commit is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub(crate) enum ActionProblem {
    // The commit's shape.
    ParentCount {
        count: usize,
    },
    ChangesContent,
    // Its place in history.
    NoTrustRoot {
        history: HistoryProblem,
    },
    OutsideTrustRoot,
    FromUnadmittedRoot {
        root: CommitId,
        merge: CommitId,
    },
    SignedTooLate {
        signed_at: String,
    },
    // The content it names.
    MissingFile {
        path: String,
    },
    BlobMismatch {
        blob: BlobId,
        path: String,
        actual: BlobId,
    },
    OtherDocument {
        path: String,
        holds: String,
        named: String,
    },
    UnreadableDocument {
        path: String,
    },
    // The policy it relies on.
    PolicyMismatch {
        policy: BlobId,
        parent: Option<BlobId>,
    },
    UnapprovedSignerPolicy,
    UnapprovedConfig,
    NoSignerPolicy,
    // The signer's authority.
    UnknownPerson {
        signer: String,
    },
    RetiredPerson {
        signer: String,
    },
    RoleNotHeld {
        signer: String,
        role: String,
    },
    UnknownRole {
        role: String,
    },
    MeaningNotGranted {
        role: String,
        meaning: String,
        doc_type: String,
    },
    NotNamed {
        signer: String,
        role: String,
        list: NamedList,
        named: Vec<String>,
    },
    // The order of steps on a document.
    RecordStepOnDocument {
        action: Action,
    },
    Withdrawn,
    AlreadyEffective,
    AlreadySubmitted,
    NotSubmitted,
    AlreadyApproved,
    ReviewRejected {
        review: CommitId,
    },
    ReviewRequired,
    AlreadyWithdrawn,
    AcknowledgeNotEffective,
    AlreadyAcknowledged {
        signer: String,
    },
    /// A sign-off on a record out of its order.
    Record(RecordProblem),
    // The signature.
    BadSignature {
        reason: String,
    },
    SignatureRequired,
}

impl ActionProblem {
    /// The problem as a message of the catalogue.
    pub(crate) fn message(&self) -> Msg {
        use ActionProblem::*;
        let m = Msg::new;
        match self {
            ParentCount { count } => m("problem-parent-count").num("count", *count as f64),
            ChangesContent => m("problem-changes-content"),
            NoTrustRoot { history } => m("problem-no-trust-root").msg_arg("reason", history.message()),
            OutsideTrustRoot => m("problem-outside-trust-root"),
            FromUnadmittedRoot { root, merge } => m("problem-from-unadmitted-root")
                .arg("root", root.short())
                .arg("merge", merge.short()),
            SignedTooLate { signed_at } => m("problem-signed-too-late").arg("signed_at", signed_at),
            MissingFile { path } => m("problem-missing-file").arg("path", path),
            BlobMismatch { blob, path, actual } => m("problem-blob-mismatch")
                .arg("blob", blob.short())
                .arg("path", path)
                .arg("actual", actual),
            OtherDocument { path, holds, named } => m("problem-other-document")
                .arg("path", path)
                .arg("holds", holds)
                .arg("named", named),
            UnreadableDocument { path } => m("problem-unreadable-document").arg("path", path),
            PolicyMismatch { policy, parent } => {
                let message = m("problem-policy-mismatch").arg("policy", policy.short());
                match parent {
                    Some(parent) => message.arg("parent", parent.short()),
                    None => message.msg_arg("parent", m("problem-policy-mismatch-none")),
                }
            }
            UnapprovedSignerPolicy => m("problem-unapproved-signer-policy").arg("file", SIGNERS_FILE),
            UnapprovedConfig => m("problem-unapproved-config").arg("file", CONFIG_FILE),
            NoSignerPolicy => m("problem-no-signer-policy").arg("file", SIGNERS_FILE),
            UnknownPerson { signer } => m("problem-unknown-person").arg("signer", signer),
            RetiredPerson { signer } => m("problem-retired-person").arg("signer", signer),
            RoleNotHeld { signer, role } => m("problem-role-not-held").arg("signer", signer).arg("role", role),
            UnknownRole { role } => m("problem-unknown-role").arg("role", role),
            MeaningNotGranted { role, meaning, doc_type } => m("problem-meaning-not-granted")
                .arg("role", role)
                .arg("meaning", meaning)
                .arg("doc_type", doc_type),
            NotNamed { signer, role, list, named } => m("problem-not-named")
                .arg("signer", signer)
                .arg("role", role)
                .arg("field", list.field())
                .arg("named", named.join(", ")),
            RecordStepOnDocument { action } => m("problem-record-step-on-document").arg("action", action),
            Withdrawn => m("problem-withdrawn"),
            AlreadyEffective => m("problem-already-effective"),
            AlreadySubmitted => m("problem-already-submitted"),
            NotSubmitted => m("problem-not-submitted"),
            AlreadyApproved => m("problem-already-approved"),
            ReviewRejected { review } => m("problem-review-rejected").arg("review", review.short()),
            ReviewRequired => m("problem-review-required"),
            AlreadyWithdrawn => m("problem-already-withdrawn"),
            AcknowledgeNotEffective => m("problem-acknowledge-not-effective"),
            AlreadyAcknowledged { signer } => m("problem-already-acknowledged").arg("signer", signer),
            Record(problem) => problem.message(),
            BadSignature { reason } => m("problem-bad-signature").arg("reason", reason),
            SignatureRequired => m("problem-signature-required"),
        }
    }

    /// The problem in `lang`.
    pub(crate) fn text(&self, lang: Language) -> String {
        self.message().text(lang)
    }
}

/// In the language of the command (logs, JSON, the hook's refusals); the
/// cache keeps the problem itself, never this text.
impl fmt::Display for ActionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// Why a sign-off on a record does not fit where the record stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record_problem", rename_all = "kebab-case")]
pub(crate) enum RecordProblem {
    ReportClosed,
    NotLeadAuditor { lead: String },
    NoLeadAuditor,
    PlanTooLate { stage: Stage },
    NoRootCause,
    NoCorrectiveActions,
    OwnerApprovesPlan { signer: String },
    PlanNotApproved,
    AlreadyAt { stage: Stage },
    OwnsNoAction { signer: String },
    ActionsNotDone { signer: String },
    VerifyTooEarly { stage: Stage },
    OwnerVerifies { signer: String },
    NotTheVerifier { signer: String },
    NotEffective,
    CloseTooEarly { stage: Stage },
    NotANonconformityStep { action: Action },
    NoSuchRecordStep { kind: String, action: Action },
}

impl RecordProblem {
    /// The problem as a message of the catalogue.
    pub(crate) fn message(&self) -> Msg {
        use RecordProblem::*;
        let m = Msg::new;
        match self {
            ReportClosed => m("record-problem-report-closed"),
            NotLeadAuditor { lead } => m("record-problem-not-lead-auditor").arg("lead", lead),
            NoLeadAuditor => m("record-problem-no-lead-auditor"),
            PlanTooLate { stage } => m("record-problem-plan-too-late").msg_arg("stage", stage.message()),
            NoRootCause => m("record-problem-no-root-cause"),
            NoCorrectiveActions => m("record-problem-no-corrective-actions"),
            OwnerApprovesPlan { signer } => m("record-problem-owner-approves-plan").arg("signer", signer),
            PlanNotApproved => m("record-problem-plan-not-approved"),
            AlreadyAt { stage } => m("record-problem-already-at").msg_arg("stage", stage.message()),
            OwnsNoAction { signer } => m("record-problem-owns-no-action").arg("signer", signer),
            ActionsNotDone { signer } => m("record-problem-actions-not-done").arg("signer", signer),
            VerifyTooEarly { stage } => m("record-problem-verify-too-early").msg_arg("stage", stage.message()),
            OwnerVerifies { signer } => m("record-problem-owner-verifies").arg("signer", signer),
            NotTheVerifier { signer } => m("record-problem-not-the-verifier").arg("signer", signer),
            NotEffective => m("record-problem-not-effective"),
            CloseTooEarly { stage } => m("record-problem-close-too-early").msg_arg("stage", stage.message()),
            NotANonconformityStep { action } => m("record-problem-not-a-nonconformity-step").arg("action", action),
            NoSuchRecordStep { kind, action } => m("record-problem-no-such-step").arg("kind", kind).arg("action", action),
        }
    }
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}
