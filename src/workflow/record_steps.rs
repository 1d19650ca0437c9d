//! The sign-off steps of records: a nonconformity moves open → planned →
//! actions done → verified → closed, and an audit report is closed by its lead
//! auditor. Each step is an action commit (`plan`, `complete`, `verify`,
//! `close`) judged here, so that commands refuse exactly what `verify`
//! rejects.

pub(crate) use super::problem::RecordProblem;
pub(crate) use super::stage::Stage;
use super::timeline::{Timeline, View};
use super::trailers::Action;
use crate::model::record::{KindFields, Record, RecordFront, RecordKind};

/// What the step rules need to know of one version of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordFacts {
    pub kind: RecordKind,
    /// Each corrective action's owner, and whether it is marked done.
    pub actions: Vec<(String, bool)>,
    pub has_root_cause: bool,
    pub verified_by: Option<String>,
    pub effective: Option<bool>,
    pub lead: Option<String>,
}

impl RecordFacts {
    pub(crate) fn of(front: &RecordFront) -> RecordFacts {
        let nc = match &front.fields {
            KindFields::Nonconformity(nc) => Some(nc),
            _ => None,
        };
        let lead = match &front.fields {
            KindFields::AuditPlan(plan) => plan.lead.clone(),
            KindFields::AuditReport(report) => report.lead.clone(),
            _ => None,
        };
        RecordFacts {
            kind: front.kind(),
            actions: front.actions().iter().map(|a| (a.owner.clone(), a.done.is_some())).collect(),
            has_root_cause: nc.and_then(|nc| nc.root_cause.as_deref()).is_some_and(|c| !c.trim().is_empty()),
            verified_by: nc.and_then(|nc| nc.verified_by.clone()),
            effective: nc.and_then(|nc| nc.effective),
            lead,
        }
    }

    fn owns_action(&self, person: &str) -> bool {
        self.actions.iter().any(|(owner, _)| owner == person)
    }
}

/// The stage of `record` by its timeline, when it has one.
pub(crate) fn stage_of_record(timeline: Option<&Timeline>, record: &Record) -> Stage {
    stage(timeline, &RecordFacts::of(&record.front))
}

/// The stage from the valid sign-offs so far and the record's current content.
pub(crate) fn stage(timeline: Option<&Timeline>, current: &RecordFacts) -> Stage {
    stage_in_view(&timeline.map(Timeline::view).unwrap_or_default(), current)
}

/// [`stage`] from the events a commit can see.
pub(crate) fn stage_in_view(view: &View<'_>, current: &RecordFacts) -> Stage {
    let mut stage = Stage::Open;
    let mut completed: Vec<&str> = Vec::new();
    for event in view.valid_events() {
        match event.trailers.action {
            Action::Plan => {
                stage = Stage::Planned;
                completed.clear();
            }
            Action::Complete => completed.push(&event.trailers.signer),
            Action::Verify => stage = Stage::Verified,
            Action::Close => stage = Stage::Closed,
            _ => {}
        }
    }
    let all_done = !current.actions.is_empty()
        && current
            .actions
            .iter()
            .all(|(owner, done)| *done && completed.contains(&owner.as_str()));
    if stage == Stage::Planned && all_done {
        Stage::ActionsDone
    } else {
        stage
    }
}

/// Whether `action` is a record sign-off (judged by [`problems`]).
pub(crate) fn is_sign_off(action: Action) -> bool {
    matches!(action, Action::Plan | Action::Complete | Action::Verify | Action::Close)
}

/// Why `signer` may not take `action` on this version of the record now;
/// empty when they may. Role grants are checked by the engine.
pub(crate) fn problems(action: Action, facts: &RecordFacts, timeline: &View<'_>, signer: &str) -> Vec<RecordProblem> {
    let mut problems = Vec::new();
    let now = stage_in_view(timeline, facts);
    let signer_id = || signer.to_string();
    match (facts.kind, action) {
        (RecordKind::AuditReport, Action::Close) => {
            if now == Stage::Closed {
                problems.push(RecordProblem::ReportClosed);
            }
            match &facts.lead {
                Some(lead) if lead == signer => {}
                Some(lead) => problems.push(RecordProblem::NotLeadAuditor { lead: lead.clone() }),
                None => problems.push(RecordProblem::NoLeadAuditor),
            }
        }
        (RecordKind::Nonconformity, Action::Plan) => {
            if now >= Stage::Verified {
                problems.push(RecordProblem::PlanTooLate { stage: now });
            }
            if !facts.has_root_cause {
                problems.push(RecordProblem::NoRootCause);
            }
            if facts.actions.is_empty() {
                problems.push(RecordProblem::NoCorrectiveActions);
            }
            if facts.owns_action(signer) {
                problems.push(RecordProblem::OwnerApprovesPlan { signer: signer_id() });
            }
        }
        (RecordKind::Nonconformity, Action::Complete) => {
            if now == Stage::Open {
                problems.push(RecordProblem::PlanNotApproved);
            } else if now >= Stage::Verified {
                problems.push(RecordProblem::AlreadyAt { stage: now });
            }
            let own: Vec<bool> = facts.actions.iter().filter(|(o, _)| o == signer).map(|(_, d)| *d).collect();
            if own.is_empty() {
                problems.push(RecordProblem::OwnsNoAction { signer: signer_id() });
            } else if own.iter().any(|done| !done) {
                problems.push(RecordProblem::ActionsNotDone { signer: signer_id() });
            }
        }
        (RecordKind::Nonconformity, Action::Verify) => {
            if now != Stage::ActionsDone {
                problems.push(RecordProblem::VerifyTooEarly { stage: now });
            }
            if facts.owns_action(signer) {
                problems.push(RecordProblem::OwnerVerifies { signer: signer_id() });
            }
            if facts.verified_by.as_deref() != Some(signer) {
                problems.push(RecordProblem::NotTheVerifier { signer: signer_id() });
            }
            if facts.effective != Some(true) {
                problems.push(RecordProblem::NotEffective);
            }
        }
        (RecordKind::Nonconformity, Action::Close) => {
            if now != Stage::Verified {
                problems.push(RecordProblem::CloseTooEarly { stage: now });
            }
        }
        (RecordKind::Nonconformity, _) => problems.push(RecordProblem::NotANonconformityStep { action }),
        (kind, action) => problems.push(RecordProblem::NoSuchRecordStep {
            kind: kind.id().to_string(),
            action,
        }),
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(actions: &[(&str, bool)]) -> RecordFacts {
        RecordFacts {
            kind: RecordKind::Nonconformity,
            actions: actions.iter().map(|(o, d)| (o.to_string(), *d)).collect(),
            has_root_cause: true,
            verified_by: Some("v".into()),
            effective: Some(true),
            lead: None,
        }
    }

    #[test]
    fn an_open_nonconformity_needs_a_plan_first() {
        let f = facts(&[("a", true)]);
        assert_eq!(stage(None, &f), Stage::Open);
        let first = |action, signer| problems(action, &f, &View::default(), signer).into_iter().next();
        assert_eq!(first(Action::Plan, "boss"), None);
        assert_eq!(
            first(Action::Plan, "a"),
            Some(RecordProblem::OwnerApprovesPlan { signer: "a".into() })
        );
        assert_eq!(first(Action::Complete, "a"), Some(RecordProblem::PlanNotApproved));
        assert_eq!(
            first(Action::Verify, "v"),
            Some(RecordProblem::VerifyTooEarly { stage: Stage::Open })
        );
        assert_eq!(
            first(Action::Close, "boss"),
            Some(RecordProblem::CloseTooEarly { stage: Stage::Open })
        );
        assert_eq!(
            first(Action::Approve, "boss"),
            Some(RecordProblem::NotANonconformityStep { action: Action::Approve })
        );
    }

    #[test]
    fn a_plan_without_cause_or_actions_is_refused() {
        let mut f = facts(&[]);
        f.has_root_cause = false;
        let p = problems(Action::Plan, &f, &View::default(), "boss");
        assert_eq!(p, [RecordProblem::NoRootCause, RecordProblem::NoCorrectiveActions]);
    }
}
