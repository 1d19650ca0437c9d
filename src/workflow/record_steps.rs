//! The sign-off steps of records: a nonconformity moves open → planned →
//! actions done → verified → closed, and an audit report is closed by its lead
//! auditor. Each step is an action commit (`plan`, `complete`, `verify`,
//! `close`) judged here, so that commands refuse exactly what `verify`
//! rejects.

use serde::Serialize;

use super::timeline::{Timeline, View};
use super::trailers::Action;
use crate::model::config::Language;
use crate::model::record::{Record, RecordFront, RecordKind};

/// What the step rules need to know of one version of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFacts {
    pub kind: RecordKind,
    /// Each corrective action's owner, and whether it is marked done.
    pub actions: Vec<(String, bool)>,
    pub has_root_cause: bool,
    pub verified_by: Option<String>,
    pub effective: Option<bool>,
    pub lead: Option<String>,
}

impl RecordFacts {
    pub fn of(front: &RecordFront) -> RecordFacts {
        RecordFacts {
            kind: front.kind,
            actions: front.actions.iter().map(|a| (a.owner.clone(), a.done.is_some())).collect(),
            has_root_cause: front.root_cause.as_deref().is_some_and(|c| !c.trim().is_empty()),
            verified_by: front.verified_by.clone(),
            effective: front.effective,
            lead: front.lead.clone(),
        }
    }

    fn owns_action(&self, person: &str) -> bool {
        self.actions.iter().any(|(owner, _)| owner == person)
    }
}

/// Where a nonconformity (or an audit report: open or closed) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Open,
    Planned,
    ActionsDone,
    Verified,
    Closed,
}

impl Stage {
    pub fn label(self, lang: Language) -> &'static str {
        match self {
            Stage::Open => lang.pick("mới mở", "open"),
            Stage::Planned => lang.pick("đã duyệt kế hoạch", "planned"),
            Stage::ActionsDone => lang.pick("đã thực hiện xong", "actions done"),
            Stage::Verified => lang.pick("đã kiểm tra hiệu lực", "verified"),
            Stage::Closed => lang.pick("đã đóng", "closed"),
        }
    }
}

/// The stage of `record` by its timeline, when it has one.
pub fn stage_of_record(timeline: Option<&Timeline>, record: &Record) -> Stage {
    stage(timeline, &RecordFacts::of(&record.front))
}

/// The stage from the valid sign-offs so far and the record's current content.
pub fn stage(timeline: Option<&Timeline>, current: &RecordFacts) -> Stage {
    stage_in_view(&timeline.map(Timeline::view).unwrap_or_default(), current)
}

/// [`stage`] from the events a commit can see.
pub fn stage_in_view(view: &View<'_>, current: &RecordFacts) -> Stage {
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

/// Messages in the engine are English, like git's; the stage names in them too.
const ENGINE_LANGUAGE: Language = Language::En;

/// Whether `action` is a record sign-off (judged by [`problems`]).
pub fn is_sign_off(action: Action) -> bool {
    matches!(action, Action::Plan | Action::Complete | Action::Verify | Action::Close)
}

/// Why `signer` may not take `action` on this version of the record now;
/// empty when they may. Role grants are checked by the engine.
pub fn problems(action: Action, facts: &RecordFacts, timeline: &View<'_>, signer: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let now = stage_in_view(timeline, facts);
    match (facts.kind, action) {
        (RecordKind::AuditReport, Action::Close) => {
            if now == Stage::Closed {
                problems.push("the audit report is already closed".into());
            }
            match &facts.lead {
                Some(lead) if lead == signer => {}
                Some(lead) => problems.push(format!("only the lead auditor ({lead}) closes the audit report")),
                None => problems.push("the audit report names no lead auditor (field `lead`)".into()),
            }
        }
        (RecordKind::Nonconformity, Action::Plan) => {
            if now >= Stage::Verified {
                problems.push(format!(
                    "the nonconformity is already {}; a new problem needs a new record",
                    now.label(ENGINE_LANGUAGE)
                ));
            }
            if !facts.has_root_cause {
                problems.push("the record has no root cause (field `root_cause`); write it before the plan is approved".into());
            }
            if facts.actions.is_empty() {
                problems.push("the record has no corrective actions (field `actions`)".into());
            }
            if facts.owns_action(signer) {
                problems.push(format!("{signer} owns a corrective action and cannot approve the plan for it"));
            }
        }
        (RecordKind::Nonconformity, Action::Complete) => {
            if now == Stage::Open {
                problems.push("the corrective-action plan is not approved yet (`qms nc plan`)".into());
            } else if now >= Stage::Verified {
                problems.push(format!("the nonconformity is already {}", now.label(ENGINE_LANGUAGE)));
            }
            let own: Vec<bool> = facts.actions.iter().filter(|(o, _)| o == signer).map(|(_, d)| *d).collect();
            if own.is_empty() {
                problems.push(format!("{signer} owns no corrective action of this nonconformity"));
            } else if own.iter().any(|done| !done) {
                problems.push(format!("not every action {signer} owns is marked done"));
            }
        }
        (RecordKind::Nonconformity, Action::Verify) => {
            if now != Stage::ActionsDone {
                problems.push(format!(
                    "effectiveness is verified once every corrective action is done; the nonconformity is {}",
                    now.label(ENGINE_LANGUAGE)
                ));
            }
            if facts.owns_action(signer) {
                problems.push(format!("{signer} owns a corrective action; the verifier must be somebody else"));
            }
            if facts.verified_by.as_deref() != Some(signer) {
                problems.push(format!("the record's `verified_by` does not name {signer}"));
            }
            if facts.effective != Some(true) {
                problems.push(
                    "the record does not say the actions were effective (`effective: true`); if they were not, plan new actions".into(),
                );
            }
        }
        (RecordKind::Nonconformity, Action::Close) => {
            if now != Stage::Verified {
                problems.push(format!(
                    "a nonconformity is closed after its actions are verified effective; it is {}",
                    now.label(ENGINE_LANGUAGE)
                ));
            }
        }
        (RecordKind::Nonconformity, _) => problems.push(format!(
            "a nonconformity moves by plan, complete, verify and close, not by {action}"
        )),
        (kind, action) => problems.push(format!("a record of kind {} has no step `{action}`", kind.id())),
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
        assert!(problems(Action::Plan, &f, &View::default(), "boss").is_empty());
        assert!(problems(Action::Plan, &f, &View::default(), "a")[0].contains("owns"));
        assert!(problems(Action::Complete, &f, &View::default(), "a")[0].contains("not approved"));
        assert!(problems(Action::Verify, &f, &View::default(), "v")[0].contains("open"));
        assert!(problems(Action::Close, &f, &View::default(), "boss")[0].contains("open"));
        assert!(problems(Action::Approve, &f, &View::default(), "boss")[0].contains("not by approve"));
    }

    #[test]
    fn a_plan_without_cause_or_actions_is_refused() {
        let mut f = facts(&[]);
        f.has_root_cause = false;
        let p = problems(Action::Plan, &f, &View::default(), "boss");
        assert_eq!(p.len(), 2, "{p:?}");
    }
}
