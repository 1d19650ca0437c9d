//! The validity rules of an action commit (docs/approval.md, "What `qms
//! verify` checks"), as one pure function of what the walk looked up. The
//! same function judges the commits in history and the step a command is
//! about to write, so a command refuses exactly what `verify` would reject.

use super::ancestry::{Domain, PolicyState};
use super::problem::{ActionProblem, NamedList};
use super::record_steps::{self, RecordFacts};
use super::timeline::{View, is_policy_file};
use super::trailers::{Action, Trailers, Verdict};
use super::trust::HistoryProblem;
use crate::model::config::{Config, Signing};
use crate::model::record::RecordKind;
use crate::model::signers::{PersonStatus, Role, Signatory, SignerPolicy, TypeSet};
use crate::repo::BlobId;
use crate::signing::SignatureCheck;

/// What a document is at one commit, as far as authority is concerned.
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    /// The document type, or the record kind.
    pub doc_type: String,
    pub reviewers: Vec<String>,
    pub approvers: Vec<String>,
    /// Set for records: what their sign-off steps are judged on.
    pub record: Option<RecordFacts>,
}

/// The file `Qms-Path` names in the parent commit.
pub(crate) enum Content<'a> {
    Missing,
    /// Its blob, and the id and authority fields it declares (`None` when
    /// it is not a readable document).
    Present {
        blob: &'a BlobId,
        subject: Option<(&'a str, &'a Subject)>,
    },
}

/// Everything one judgement needs, looked up beforehand.
pub(crate) struct Context<'a> {
    pub trailers: &'a Trailers,
    pub parent_count: usize,
    /// Whether the commit's tree equals its parent's.
    pub tree_unchanged: bool,
    pub content: Content<'a>,
    /// The policy files' blobs in the parent commit.
    pub parent_signers: Option<&'a BlobId>,
    pub parent_config: Option<&'a BlobId>,
    /// The versions in force at the parent, along its own ancestry.
    pub in_force: &'a PolicyState,
    pub policy: Option<&'a SignerPolicy>,
    pub config: Option<&'a Config>,
    /// The document's events the parent can see.
    pub timeline: &'a View<'a>,
    pub signature: &'a SignatureCheck,
    /// A command about to write a signed commit: the signature is checked
    /// once the commit exists, not here.
    pub will_be_signed: bool,
    /// Set when no trust root could be pinned: nothing can be in force.
    pub unpinned: Option<&'a HistoryProblem>,
    /// When git says the commit was made (seconds since the epoch).
    pub committed_at: i64,
}

/// A signature time further ahead of its commit than this is not believed.
const FUTURE_TOLERANCE_SECONDS: i64 = 24 * 3600;

/// Every reason the commit is not a valid action commit; empty when valid.
pub(crate) fn evaluate(c: &Context<'_>) -> Vec<ActionProblem> {
    let mut problems = Vec::new();
    if c.parent_count != 1 {
        problems.push(ActionProblem::ParentCount { count: c.parent_count });
    }
    if !c.tree_unchanged {
        problems.push(ActionProblem::ChangesContent);
    }
    if c.parent_count == 0 {
        return problems;
    }
    if let Some(problem) = c.unpinned {
        problems.push(ActionProblem::NoTrustRoot { history: problem.clone() });
    }
    if let Some(signed) = crate::clock::instant_of(&c.trailers.signed_at)
        && signed.as_second() > c.committed_at.saturating_add(FUTURE_TOLERANCE_SECONDS)
    {
        problems.push(ActionProblem::SignedTooLate {
            signed_at: c.trailers.signed_at.clone(),
        });
    }
    if c.in_force.domain == Domain::Outside {
        problems.push(ActionProblem::OutsideTrustRoot);
    }

    let subject = content_problems(c, &mut problems);
    policy_file_problems(c, &mut problems);
    let Some(policy) = c.policy else {
        problems.push(ActionProblem::NoSignerPolicy);
        return problems;
    };
    authority_problems(c, policy, subject, &mut problems);
    workflow_problems(c, subject, &mut problems);
    signature_problems(c, &mut problems);
    problems
}

/// `Qms-Blob` and `Qms-Document` against the parent's file.
fn content_problems<'a>(c: &Context<'a>, problems: &mut Vec<ActionProblem>) -> Option<&'a Subject> {
    let t = c.trailers;
    match c.content {
        Content::Missing => {
            problems.push(ActionProblem::MissingFile { path: t.path.clone() });
            None
        }
        Content::Present { blob, subject } => {
            if *blob != t.blob {
                problems.push(ActionProblem::BlobMismatch {
                    blob: t.blob.clone(),
                    path: t.path.clone(),
                    actual: blob.clone(),
                });
            }
            match subject {
                Some((id, subject)) if id == t.document => Some(subject),
                Some((id, _)) => {
                    problems.push(ActionProblem::OtherDocument {
                        path: t.path.clone(),
                        holds: id.to_string(),
                        named: t.document.clone(),
                    });
                    None
                }
                None => {
                    problems.push(ActionProblem::UnreadableDocument { path: t.path.clone() });
                    None
                }
            }
        }
    }
}

/// Anything that relies on an unapproved change of a policy file is invalid.
fn policy_file_problems(c: &Context<'_>, problems: &mut Vec<ActionProblem>) {
    let t = c.trailers;
    if c.parent_signers != Some(&t.policy) {
        problems.push(ActionProblem::PolicyMismatch {
            policy: t.policy.clone(),
            parent: c.parent_signers.cloned(),
        });
    }
    // Steps on the policy files themselves are judged wholly by the
    // versions in force, so changing both files at once cannot deadlock.
    let relies_on_policy = t.action != Action::Submit && !is_policy_file(&t.path);
    if relies_on_policy && c.parent_signers != c.in_force.signers_blob() {
        problems.push(ActionProblem::UnapprovedSignerPolicy);
    }
    if relies_on_policy && c.parent_config != c.in_force.config_blob() {
        problems.push(ActionProblem::UnapprovedConfig);
    }
}

/// The signer and the authority of their role.
fn authority_problems(c: &Context<'_>, policy: &SignerPolicy, subject: Option<&Subject>, problems: &mut Vec<ActionProblem>) {
    let t = c.trailers;
    let signer = || t.signer.clone();
    match policy.person(&t.signer) {
        None => problems.push(ActionProblem::UnknownPerson { signer: signer() }),
        Some(p) if p.status == PersonStatus::Retired => problems.push(ActionProblem::RetiredPerson { signer: signer() }),
        Some(p) if !p.roles.contains(&t.role) => problems.push(ActionProblem::RoleNotHeld {
            signer: signer(),
            role: t.role.clone(),
        }),
        Some(_) => {}
    }
    let Some(role) = policy.role(&t.role) else {
        problems.push(ActionProblem::UnknownRole { role: t.role.clone() });
        return;
    };
    let Some(subject) = subject else { return };
    let kind = subject.record.as_ref().map(|r| r.kind);
    if let Some(grant) = grant_for(role, t.action, kind)
        && !grant.contains(&subject.doc_type)
    {
        problems.push(ActionProblem::MeaningNotGranted {
            role: t.role.clone(),
            meaning: t.meaning.clone(),
            doc_type: subject.doc_type.clone(),
        });
    }
    let list = match t.action {
        Action::Review => Some((NamedList::Reviewers, &subject.reviewers)),
        Action::Approve | Action::Withdraw => Some((NamedList::Approvers, &subject.approvers)),
        _ => None,
    };
    if let Some((list, named)) = list.filter(|(_, n)| !n.is_empty())
        && !named.iter().map(|n| Signatory::parse(n)).any(|s| s.admits(&t.signer, &t.role))
    {
        problems.push(ActionProblem::NotNamed {
            signer: signer(),
            role: t.role.clone(),
            list,
            named: named.clone(),
        });
    }
}

/// The workflow's own rules: the order of steps.
fn workflow_problems(c: &Context<'_>, subject: Option<&Subject>, problems: &mut Vec<ActionProblem>) {
    let t = c.trailers;
    let timeline = c.timeline;
    match subject.and_then(|s| s.record.as_ref()) {
        Some(facts) if record_steps::is_sign_off(t.action) || facts.kind == RecordKind::Nonconformity => problems.extend(
            record_steps::problems(t.action, facts, timeline, &t.signer)
                .into_iter()
                .map(ActionProblem::Record),
        ),
        None if record_steps::is_sign_off(t.action) => problems.push(ActionProblem::RecordStepOnDocument { action: t.action }),
        _ => {}
    }
    let withdrawn = timeline.is_withdrawn();
    let last_approval = timeline.last_approval().map(|e| e.trailers.blob.as_str());
    let approved_now = last_approval == Some(t.blob.as_str());
    match t.action {
        Action::Submit => {
            if withdrawn {
                problems.push(ActionProblem::Withdrawn);
            } else if approved_now {
                problems.push(ActionProblem::AlreadyEffective);
            } else if timeline.is_submitted(&t.blob) {
                problems.push(ActionProblem::AlreadySubmitted);
            }
        }
        Action::Review => {
            if withdrawn {
                problems.push(ActionProblem::Withdrawn);
            } else if !timeline.is_submitted(&t.blob) {
                problems.push(ActionProblem::NotSubmitted);
            }
        }
        Action::Approve => {
            if approved_now && !withdrawn {
                problems.push(ActionProblem::AlreadyApproved);
            } else if c.config.is_none_or(|c| c.policies.review_before_approval) {
                match timeline.verdict_on(&t.blob) {
                    Some((Verdict::Accept, _)) => {}
                    Some((Verdict::Reject, review)) => problems.push(ActionProblem::ReviewRejected {
                        review: review.commit.clone(),
                    }),
                    None => problems.push(ActionProblem::ReviewRequired),
                }
            }
        }
        Action::Withdraw => {
            if withdrawn {
                problems.push(ActionProblem::AlreadyWithdrawn);
            }
        }
        Action::Plan | Action::Complete | Action::Verify | Action::Close => {}
        Action::Acknowledge => {
            if withdrawn || !approved_now {
                problems.push(ActionProblem::AcknowledgeNotEffective);
            } else if timeline.acknowledged_by(&t.blob).contains(&t.signer.as_str()) {
                problems.push(ActionProblem::AlreadyAcknowledged { signer: t.signer.clone() });
            }
        }
    }
}

fn signature_problems(c: &Context<'_>, problems: &mut Vec<ActionProblem>) {
    let required = c.config.is_some_and(|c| c.policies.signing == Signing::Required);
    match c.signature {
        SignatureCheck::Invalid { reason } => problems.push(ActionProblem::BadSignature { reason: reason.clone() }),
        SignatureCheck::Unsigned if required && !c.will_be_signed => problems.push(ActionProblem::SignatureRequired),
        _ => {}
    }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::signers::SIGNERS_FILE;
    use crate::repo::CommitId;
    use crate::workflow::ancestry::InForce;
    use crate::workflow::timeline::Event;

    const POLICY: &str = "
roles:
  - id: chuyen-vien
    name: Chuyên viên
    may: { acknowledge: all }
  - id: truong-phong
    name: Trưởng phòng
    may: { review: all, acknowledge: all }
  - id: chu-tich
    name: Chủ tịch
    may: { approve: all, review: all, acknowledge: all }
people:
  - { id: an, name: Nguyễn Văn An, email: an@x.gov.vn, roles: [chu-tich] }
  - { id: binh, name: Trần Thị Bình, email: binh@x.gov.vn, roles: [truong-phong] }
  - { id: cu, name: Lê Văn Cũ, email: cu@x.gov.vn, roles: [chu-tich], status: retired }
";

    fn blob(c: char) -> BlobId {
        BlobId::labelled(&c.to_string())
    }

    fn trailers(action: Action, signer: &str, role: &str) -> Trailers {
        Trailers {
            action,
            document: "QT-01".into(),
            path: "documents/QT-01.md".into(),
            blob: blob('a'),
            signer: signer.into(),
            role: role.into(),
            meaning: action.meaning().into(),
            signed_at: "2026-11-22T09:00:00+07:00".into(),
            policy: blob('p'),
            verdict: (action == Action::Review).then_some(Verdict::Accept),
        }
    }

    fn event(t: Trailers) -> Event {
        Event {
            commit: CommitId::labelled("c"),
            trailers: t,
            subject: String::new(),
            text: String::new(),
            author: String::new(),
            signature: SignatureCheck::Unsigned,
            problems: Vec::new(),
            trusted: false,
            foreign_root: None,
        }
    }

    struct Fixture {
        policy: SignerPolicy,
        subject: Subject,
        state: PolicyState,
    }

    fn fixture() -> Fixture {
        Fixture {
            policy: SignerPolicy::parse(Path::new(SIGNERS_FILE), POLICY).expect("the test policy parses"),
            subject: Subject {
                doc_type: "procedure".into(),
                reviewers: Vec::new(),
                approvers: Vec::new(),
                record: None,
            },
            state: PolicyState {
                domain: Domain::Pinned,
                signers: Some(InForce::bootstrap(blob('p'), &CommitId::labelled("root"))),
                config: None,
            },
        }
    }

    fn judge(f: &Fixture, t: &Trailers, seen: &[Event], adjust: impl FnOnce(&mut Context<'_>)) -> Vec<ActionProblem> {
        let view = View {
            events: seen.iter().collect(),
        };
        let signature = SignatureCheck::Unsigned;
        let mut context = Context {
            trailers: t,
            parent_count: 1,
            tree_unchanged: true,
            content: Content::Present {
                blob: &t.blob,
                subject: Some(("QT-01", &f.subject)),
            },
            parent_signers: f.state.signers_blob(),
            parent_config: None,
            in_force: &f.state,
            policy: Some(&f.policy),
            config: None,
            timeline: &view,
            signature: &signature,
            will_be_signed: false,
            unpinned: None,
            committed_at: crate::clock::instant_of(&t.signed_at).map_or(0, |i| i.as_second()),
        };
        adjust(&mut context);
        evaluate(&context)
    }

    #[test]
    fn an_approval_after_an_accepting_review_is_valid() {
        let f = fixture();
        let seen = [
            event(trailers(Action::Submit, "binh", "truong-phong")),
            event(trailers(Action::Review, "binh", "truong-phong")),
        ];
        assert_eq!(
            judge(&f, &trailers(Action::Approve, "an", "chu-tich"), &seen, |_| {}),
            Vec::<ActionProblem>::new()
        );
    }

    #[test]
    fn each_rule_refuses_on_its_own() {
        let f = fixture();
        let reviewed = [
            event(trailers(Action::Submit, "binh", "truong-phong")),
            event(trailers(Action::Review, "binh", "truong-phong")),
        ];
        let approve = trailers(Action::Approve, "an", "chu-tich");
        let mut on_changed_policy = approve.clone();
        on_changed_policy.policy = BlobId::labelled("other");
        // The judged context may outlive any local: a leaked id lives long enough.
        let other: &'static BlobId = Box::leak(Box::new(BlobId::labelled("other")));
        let unpinned: &'static HistoryProblem = Box::leak(Box::new(HistoryProblem::UnpinnedRoots {
            roots: vec![CommitId::labelled("a"), CommitId::labelled("b")],
        }));
        let signer = |s: &str| s.to_string();
        let cases: Vec<(Vec<ActionProblem>, ActionProblem)> = vec![
            (judge(&f, &approve, &[], |_| {}), ActionProblem::ReviewRequired),
            (
                judge(&f, &trailers(Action::Approve, "mallory", "chu-tich"), &reviewed, |_| {}),
                ActionProblem::UnknownPerson { signer: signer("mallory") },
            ),
            (
                judge(&f, &trailers(Action::Approve, "cu", "chu-tich"), &reviewed, |_| {}),
                ActionProblem::RetiredPerson { signer: signer("cu") },
            ),
            (
                judge(&f, &trailers(Action::Approve, "binh", "chu-tich"), &reviewed, |_| {}),
                ActionProblem::RoleNotHeld {
                    signer: signer("binh"),
                    role: "chu-tich".into(),
                },
            ),
            (
                judge(&f, &trailers(Action::Approve, "binh", "truong-phong"), &reviewed, |_| {}),
                ActionProblem::MeaningNotGranted {
                    role: "truong-phong".into(),
                    meaning: Action::Approve.meaning().into(),
                    doc_type: "procedure".into(),
                },
            ),
            (
                judge(&f, &approve, &reviewed, |c| c.parent_count = 2),
                ActionProblem::ParentCount { count: 2 },
            ),
            (
                judge(&f, &approve, &reviewed, |c| c.tree_unchanged = false),
                ActionProblem::ChangesContent,
            ),
            (
                judge(&f, &on_changed_policy, &reviewed, |_| {}),
                ActionProblem::PolicyMismatch {
                    policy: other.clone(),
                    parent: f.state.signers_blob().cloned(),
                },
            ),
            (
                judge(&f, &on_changed_policy, &reviewed, |c| c.parent_signers = Some(other)),
                ActionProblem::UnapprovedSignerPolicy,
            ),
            (
                judge(&f, &approve, &reviewed, |c| c.content = Content::Missing),
                ActionProblem::MissingFile {
                    path: approve.path.clone(),
                },
            ),
            (
                judge(&f, &approve, &reviewed, |c| c.committed_at -= 2 * 24 * 3600),
                ActionProblem::SignedTooLate {
                    signed_at: approve.signed_at.clone(),
                },
            ),
            (
                judge(&f, &approve, &reviewed, |c| c.unpinned = Some(unpinned)),
                ActionProblem::NoTrustRoot { history: unpinned.clone() },
            ),
        ];
        for (problems, expected) in cases {
            assert_eq!(problems, [expected]);
        }
    }

    #[test]
    fn a_line_outside_the_trust_root_has_nothing_in_force() {
        let mut f = fixture();
        f.state.domain = Domain::Outside;
        let problems = judge(&f, &trailers(Action::Submit, "binh", "truong-phong"), &[], |_| {});
        assert!(problems.contains(&ActionProblem::OutsideTrustRoot), "{problems:?}");
    }
}
