//! Nonconformities (sự không phù hợp) and their corrective actions
//! (ISO 9001:2015 10.2): `records/nonconformities/NC-YYYY-NNN.md`.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use serde::Serialize;

use crate::i18n;
use crate::model::clauses;
use crate::model::config::Language;
use crate::model::record::{KindFields, NcSeverity, NcSource, Nonconformity, Record, RecordFront, RecordKind};
use crate::model::signers::SignerPolicy;
use crate::msg;
use crate::repo::CommitId;
use crate::workflow::actions::{self, ContentChange, Signer, StepRequest, StepResult, acting_person};
use crate::workflow::history::{History, Timeline};
use crate::workflow::record_steps::{self, RecordFacts, Stage};
use crate::workflow::records::{Created, record_keeper};
use crate::workflow::register::open_repo;
use crate::workflow::trailers::Action;
use crate::workspace::{LoadedRecords, RECORDS_DIR, Workspace};

pub(crate) const FOLDER: &str = "nonconformities";

/// The next free number of the year: NC-2027-001, NC-2027-002, …
pub(crate) fn next_id(records: &LoadedRecords, year: i16) -> String {
    crate::model::numbering::next_in_year(records.records.iter().map(Record::id), "NC", year, 3)
}

pub(crate) fn path_of(id: &str) -> PathBuf {
    PathBuf::from(RECORDS_DIR).join(FOLDER).join(format!("{id}.md"))
}

/// What was found: the nonconformity's own fields.
pub(crate) struct Found {
    pub source: NcSource,
    pub clause: String,
    /// Where it occurred.
    pub unit: String,
    pub severity: Option<NcSeverity>,
    /// What was found (the first line becomes the title).
    pub description: String,
    /// The internal audit it came from.
    pub audit: Option<String>,
}

/// A new nonconformity: what was found, when, by whom, and its number.
pub(crate) struct Opening {
    pub id: String,
    pub date: Date,
    pub found: Found,
    pub author: String,
    /// The unit keeping the record (the ISO secretary's).
    pub owner: String,
}

pub(crate) fn open(opening: Opening) -> RecordFront {
    let found = opening.found;
    let title = super::title_from(&found.description);
    let nc = Nonconformity {
        audit: found.audit,
        unit: Some(found.unit),
        source: found.source,
        clause: found.clause,
        severity: found.severity,
        description: Some(found.description),
        correction: None,
        root_cause: None,
        actions: Vec::new(),
        verified_by: None,
        verification: None,
        effective: None,
    };
    let mut front = RecordFront::new(&opening.id, &title, &opening.owner, KindFields::Nonconformity(nc));
    front.date = Some(opening.date);
    front.author = Some(opening.author);
    front
}

/// The body of a new record: where people write what does not fit a field.
pub(crate) fn body(lang: Language) -> String {
    format!("\n{}\n", i18n::label(lang, "label-notes-evidence-detailed-cause-analysis-if"))
}

/// A nonconformity with where it stands.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NcView<'a> {
    #[serde(flatten)]
    pub record: &'a Record,
    pub stage: Stage,
    pub actions_done: usize,
    pub overdue_actions: usize,
}

pub(crate) fn view<'a>(record: &'a Record, timeline: Option<&Timeline>, today: Date) -> NcView<'a> {
    let facts = RecordFacts::of(&record.front);
    NcView {
        record,
        stage: record_steps::stage(timeline, &facts),
        actions_done: record.front.actions().iter().filter(|a| a.done.is_some()).count(),
        overdue_actions: record.front.actions().iter().filter(|a| a.is_overdue(today)).count(),
    }
}

/// The step a nonconformity waits for, and who can take it (person ids or
/// `role:` specs).
pub(crate) fn next_step(view: &NcView<'_>, policy: Option<&SignerPolicy>) -> Option<(Action, Vec<String>)> {
    let front = &view.record.front;
    let roles_that = |grant: fn(&crate::model::signers::Grants) -> &crate::model::signers::TypeSet| -> Vec<String> {
        policy
            .map(|p| {
                p.roles
                    .iter()
                    .filter(|r| grant(&r.may).contains(RecordKind::Nonconformity.id()))
                    .map(|r| format!("role:{}", r.id))
                    .collect()
            })
            .unwrap_or_default()
    };
    match view.stage {
        Stage::Open => Some((Action::Plan, roles_that(|g| &g.review))),
        Stage::Planned => {
            let mut owners: Vec<String> = front
                .actions()
                .iter()
                .filter(|a| a.done.is_none())
                .map(|a| a.owner.clone())
                .collect();
            if owners.is_empty() {
                owners = front.action_owners().into_iter().map(String::from).collect();
            }
            owners.dedup();
            Some((Action::Complete, owners))
        }
        Stage::ActionsDone => Some((Action::Verify, roles_that(|g| &g.review))),
        Stage::Verified => Some((Action::Close, roles_that(|g| &g.approve))),
        Stage::Closed => None,
    }
}

/// A nonconformity as the working tree holds it, with the steps taken on it:
/// a case followed to closure.
pub(crate) struct Case {
    pub record: Record,
    pub timeline: Option<Timeline>,
    today: Date,
}

impl Case {
    pub(crate) fn view(&self) -> NcView<'_> {
        view(&self.record, self.timeline.as_ref(), self.today)
    }
}

/// Every nonconformity, in the order of the records.
pub(crate) fn list(workspace: &Workspace) -> Result<Vec<Case>> {
    let records = workspace.load_records();
    let repo = open_repo(workspace)?;
    let history = repo.as_ref().map(|r| History::load(r, None)).transpose()?;
    let today = workspace.now()?.date();
    Ok(records
        .of_kind(RecordKind::Nonconformity)
        .map(|record| Case {
            record: record.clone(),
            timeline: history.as_ref().and_then(|h| h.timeline(record.id())).cloned(),
            today,
        })
        .collect())
}

/// The nonconformity `id`.
pub(crate) fn show(workspace: &Workspace, id: &str) -> Result<Case> {
    let record = load(workspace, id)?;
    let repo = open_repo(workspace)?;
    let history = repo.as_ref().map(|r| History::load(r, None)).transpose()?;
    Ok(Case {
        timeline: history.as_ref().and_then(|h| h.timeline(id)).cloned(),
        record,
        today: workspace.now()?.date(),
    })
}

/// What `qms nc new` is asked to open.
pub(crate) struct OpenRequest {
    /// When it was found (default: today).
    pub date: Option<Date>,
    pub found: Found,
}

/// Opens a nonconformity, numbered after the year's last, in a commit of its own.
pub(crate) fn open_new(workspace: &Workspace, lang: Language, request: OpenRequest) -> Result<Created> {
    let person = acting_person(workspace)?;
    let mut found = request.found;
    clauses::require(&found.clause)?;
    workspace.config.require_unit(&found.unit)?;
    found.description = found.description.trim().to_string();
    if found.description.is_empty() {
        bail!(msg!("error-finding-text"));
    }
    let records = workspace.load_records();
    if let Some(audit) = &found.audit {
        records
            .by_id_of_kind(audit, RecordKind::AuditPlan)
            .with_context(|| msg!("error-no-audit-plan", audit = audit))?;
    }
    let date = match request.date {
        Some(date) => date,
        None => workspace.now()?.date(),
    };
    let id = next_id(&records, date.year());
    let front = open(Opening {
        id: id.clone(),
        date,
        found,
        author: person.id.clone(),
        owner: record_keeper(workspace, &person),
    });
    let path = path_of(&id);
    let text = front.to_file(&body(lang))?;
    let commit = actions::commit(
        workspace,
        ContentChange {
            files: vec![(path.clone(), text.into_bytes())],
            message: format!("qms: open {id}\n\n{}", front.title),
        },
    )?;
    Ok(Created { commit, id, path })
}

/// What a move of a nonconformity wrote.
pub(crate) enum Updated {
    /// The step's commits (the changed record's first, when it changed).
    Stepped(StepResult),
    /// The changed record alone, with its commit's subject line.
    Committed { commit: CommitId, subject: String },
    /// Nothing: the record already said so and no step was asked for.
    Unchanged,
}

/// The new root cause, correction and corrective actions of a plan; `None`
/// keeps what the record says.
pub(crate) struct PlanChange {
    pub cause: Option<String>,
    pub correction: Option<String>,
    /// Each as "TEXT|OWNER|DUE" (given after `flag`); when any, they replace the list.
    pub actions: Vec<String>,
    pub flag: &'static str,
}

/// Writes the plan into the record and, with `signer`, approves it.
pub(crate) fn plan(workspace: &Workspace, id: &str, change: PlanChange, signer: Option<&Signer>) -> Result<Updated> {
    let record = load(workspace, id)?;
    let mut changed = record.clone();
    let fields = changed.front.fields_of_mut::<Nonconformity>()?;
    if let Some(cause) = &change.cause {
        fields.root_cause = Some(cause.trim().to_string());
    }
    if let Some(correction) = &change.correction {
        fields.correction = Some(correction.trim().to_string());
    }
    if !change.actions.is_empty() {
        let policy = workspace.signers()?;
        fields.actions = change
            .actions
            .iter()
            .map(|spec| super::parse_action_spec(change.flag, spec, policy))
            .collect::<Result<_>>()?;
    }
    let step = signer.map(|s| s.request(Action::Plan, vec![id.to_string()], None));
    update(workspace, &record, changed, step, "plan")
}

/// Marks the acting person's actions done (`numbers`, 1-based; none: all of
/// theirs) and, with `signer`, reports them done.
pub(crate) fn report_done(workspace: &Workspace, id: &str, numbers: &[usize], signer: Option<&Signer>) -> Result<Updated> {
    let record = load(workspace, id)?;
    let person = acting_person(workspace)?;
    let mut changed = record.clone();
    super::mark_done(
        &mut changed.front.fields_of_mut::<Nonconformity>()?.actions,
        numbers,
        &person.id,
        workspace.now()?.date(),
        id,
    )
    .map_err(|e| msg!("error-nc-actions", problem = e, id = id))?;
    let step = signer.map(|s| s.request(Action::Complete, vec![id.to_string()], None));
    update(workspace, &record, changed, step, "actions done")
}

/// Records whether the actions worked and on what evidence; only when they
/// did is the verification signed (otherwise the actions are to be redone).
pub(crate) fn verify(workspace: &Workspace, id: &str, effective: bool, evidence: &str, signer: &Signer) -> Result<Updated> {
    let record = load(workspace, id)?;
    let person = acting_person(workspace)?;
    let mut changed = record.clone();
    let fields = changed.front.fields_of_mut::<Nonconformity>()?;
    fields.verified_by = Some(person.id.clone());
    fields.verification = Some(evidence.trim().to_string());
    fields.effective = Some(effective);
    if !effective {
        return update(workspace, &record, changed, None, "verification (not effective)");
    }
    let step = signer.request(Action::Verify, vec![id.to_string()], Some(evidence.to_string()));
    update(workspace, &record, changed, Some(step), "verification")
}

/// Closes a verified nonconformity.
pub(crate) fn close(workspace: &Workspace, id: &str, remark: Option<String>, signer: &Signer) -> Result<Updated> {
    let record = load(workspace, id)?;
    let step = signer.request(Action::Close, vec![id.to_string()], remark);
    update(workspace, &record, record.clone(), Some(step), "close")
}

/// The nonconformity `id`, as the working tree holds it.
fn load(workspace: &Workspace, id: &str) -> Result<Record> {
    Ok(workspace.load_records().by_id_of_kind(id, RecordKind::Nonconformity)?.clone())
}

/// Commits the changed record (when it changed) and then the step, together.
fn update(workspace: &Workspace, record: &Record, changed: Record, step: Option<StepRequest>, what: &str) -> Result<Updated> {
    let content = if changed.front != record.front {
        Some(ContentChange {
            files: vec![(record.path.clone(), changed.front.to_file(&changed.body)?.into_bytes())],
            message: format!("qms: update {} ({what})", record.id()),
        })
    } else {
        None
    };
    Ok(match (step, content) {
        (Some(step), content) => Updated::Stepped(actions::step(workspace, &step, content)?),
        (None, Some(content)) => Updated::Committed {
            commit: actions::commit(workspace, content)?,
            subject: format!("qms: update {} ({what})", record.id()),
        },
        (None, None) => Updated::Unchanged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn numbers_continue_within_the_year() {
        let record = |id: &str| {
            Record::parse(
                Path::new("records/nonconformities/x.md"),
                &format!("---\nid: {id}\ntitle: t\nkind: nonconformity\nowner: u\nsource: internal-audit\nclause: 8.5.1\n---\n"),
            )
            .unwrap()
        };
        let records = LoadedRecords {
            records: vec![record("NC-2027-007"), record("NC-2026-020"), record("NC-2027-002")],
            findings: Vec::new(),
        };
        assert_eq!(next_id(&records, 2027), "NC-2027-008");
        assert_eq!(next_id(&records, 2028), "NC-2028-001");
    }
}
