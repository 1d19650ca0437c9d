//! Why an action commit does not count, as data: the rules return these,
//! the cache stores them, and only the output layer turns them into words.
//! Tests and callers match on the variant, never on the sentence.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::stage::Stage;
use super::trailers::Action;
use crate::model::config::{CONFIG_FILE, Language};
use crate::model::signers::SIGNERS_FILE;
use crate::repo::{BlobId, CommitId, short};

/// Which list of a document names who may take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NamedList {
    Reviewers,
    Approvers,
}

impl NamedList {
    /// The front-matter field.
    pub fn field(self) -> &'static str {
        match self {
            NamedList::Reviewers => "reviewers",
            NamedList::Approvers => "approvers",
        }
    }
}

/// One reason an action commit is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum ActionProblem {
    // The commit's shape.
    ParentCount {
        count: usize,
    },
    ChangesContent,
    // Its place in history.
    NoTrustRoot {
        reason: String,
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

impl fmt::Display for ActionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ActionProblem::*;
        match self {
            ParentCount { count } => write!(f, "an action commit has exactly one parent; this one has {count}"),
            ChangesContent => f.write_str("the commit changes content: an action commit's tree must equal its parent's"),
            NoTrustRoot { reason } => f.write_str(reason),
            OutsideTrustRoot => {
                f.write_str("the commit does not descend from the trust root: no signer policy is in force on its line of history")
            }
            FromUnadmittedRoot { root, merge } => write!(
                f,
                "made in history from the root commit {}, which the policy in force does not admit (merged by {})",
                short(root),
                short(merge)
            ),
            SignedTooLate { signed_at } => {
                write!(f, "Qms-Signed-At {signed_at} is more than a day after the commit was made")
            }
            MissingFile { path } => write!(f, "the parent commit has no file {path}"),
            BlobMismatch { blob, path, actual } => {
                write!(f, "Qms-Blob {} does not match {path} in the parent commit ({actual})", short(blob))
            }
            OtherDocument { path, holds, named } => write!(f, "{path} holds the document {holds}, not {named}"),
            UnreadableDocument { path } => write!(f, "{path} in the parent commit is not a readable document"),
            PolicyMismatch { policy, parent } => write!(
                f,
                "Qms-Policy {} is not the signer policy of the parent commit ({})",
                short(policy),
                parent.as_deref().map(short).unwrap_or("none")
            ),
            UnapprovedSignerPolicy => write!(
                f,
                "the signer policy in the parent commit is an unapproved change of {SIGNERS_FILE}; approve it under the previous policy first"
            ),
            UnapprovedConfig => write!(f, "{CONFIG_FILE} in the parent commit is an unapproved change; approve it first"),
            NoSignerPolicy => write!(f, "there is no readable signer policy ({SIGNERS_FILE}) in force"),
            UnknownPerson { signer } => write!(f, "{signer} is not a person of the signer policy in force"),
            RetiredPerson { signer } => write!(f, "{signer} is retired in the signer policy"),
            RoleNotHeld { signer, role } => write!(f, "{signer} does not hold the role {role}"),
            UnknownRole { role } => write!(f, "{role} is not a role of the signer policy in force"),
            MeaningNotGranted { role, meaning, doc_type } => {
                write!(
                    f,
                    "the role {role} may not give the meaning `{meaning}` for documents of type {doc_type}"
                )
            }
            NotNamed { signer, role, list, named } => write!(
                f,
                "neither {signer} nor role:{role} is among the document's {} ({})",
                list.field(),
                named.join(", ")
            ),
            RecordStepOnDocument { action } => {
                write!(
                    f,
                    "{action} is a step of records (nonconformities, audit reports), not of documents"
                )
            }
            Withdrawn => f.write_str("the document was withdrawn"),
            AlreadyEffective => f.write_str("this content is already effective"),
            AlreadySubmitted => f.write_str("this content is already submitted"),
            NotSubmitted => f.write_str("this content was not submitted for review"),
            AlreadyApproved => f.write_str("this content is already approved"),
            ReviewRejected { review } => write!(f, "the latest review of this content ({}) rejected it", short(review)),
            ReviewRequired => f.write_str("the policy requires an accepting review of this content before approval"),
            AlreadyWithdrawn => f.write_str("the document is already withdrawn"),
            AcknowledgeNotEffective => f.write_str("only the effective issue of a document can be acknowledged"),
            AlreadyAcknowledged { signer } => write!(f, "{signer} already acknowledged this issue"),
            Record(problem) => problem.fmt(f),
            BadSignature { reason } => write!(f, "bad signature: {reason}"),
            SignatureRequired => f.write_str("the policy requires signed action commits, and this one is not signed"),
        }
    }
}

/// Why a sign-off on a record does not fit where the record stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum RecordProblem {
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

/// Messages in the engine are English, like git's; the stage names in them too.
const ENGINE_LANGUAGE: Language = Language::En;

impl std::fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use RecordProblem::*;
        let stage = |s: &Stage| s.label(ENGINE_LANGUAGE);
        match self {
            ReportClosed => f.write_str("the audit report is already closed"),
            NotLeadAuditor { lead } => write!(f, "only the lead auditor ({lead}) closes the audit report"),
            NoLeadAuditor => f.write_str("the audit report names no lead auditor (field `lead`)"),
            PlanTooLate { stage: s } => {
                write!(f, "the nonconformity is already {}; a new problem needs a new record", stage(s))
            }
            NoRootCause => f.write_str("the record has no root cause (field `root_cause`); write it before the plan is approved"),
            NoCorrectiveActions => f.write_str("the record has no corrective actions (field `actions`)"),
            OwnerApprovesPlan { signer } => {
                write!(f, "{signer} owns a corrective action and cannot approve the plan for it")
            }
            PlanNotApproved => f.write_str("the corrective-action plan is not approved yet (`qms nc plan`)"),
            AlreadyAt { stage: s } => write!(f, "the nonconformity is already {}", stage(s)),
            OwnsNoAction { signer } => write!(f, "{signer} owns no corrective action of this nonconformity"),
            ActionsNotDone { signer } => write!(f, "not every action {signer} owns is marked done"),
            VerifyTooEarly { stage: s } => write!(
                f,
                "effectiveness is verified once every corrective action is done; the nonconformity is {}",
                stage(s)
            ),
            OwnerVerifies { signer } => {
                write!(f, "{signer} owns a corrective action; the verifier must be somebody else")
            }
            NotTheVerifier { signer } => write!(f, "the record's `verified_by` does not name {signer}"),
            NotEffective => {
                f.write_str("the record does not say the actions were effective (`effective: true`); if they were not, plan new actions")
            }
            CloseTooEarly { stage: s } => write!(
                f,
                "a nonconformity is closed after its actions are verified effective; it is {}",
                stage(s)
            ),
            NotANonconformityStep { action } => {
                write!(f, "a nonconformity moves by plan, complete, verify and close, not by {action}")
            }
            NoSuchRecordStep { kind, action } => write!(f, "a record of kind {kind} has no step `{action}`"),
        }
    }
}
