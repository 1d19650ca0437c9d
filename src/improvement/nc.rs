//! Nonconformities (sự không phù hợp) and their corrective actions
//! (ISO 9001:2015 10.2): `records/nonconformities/NC-YYYY-NNN.md`.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::i18n;
use crate::model::config::Language;
use crate::model::record::{Record, RecordFront, RecordKind};
use crate::model::signers::SignerPolicy;
use crate::workflow::history::Timeline;
use crate::workflow::record_steps::{self, RecordFacts, Stage};
use crate::workflow::trailers::Action;
use crate::workspace::{LoadedRecords, RECORDS_DIR};

pub(crate) const FOLDER: &str = "nonconformities";

/// The next free number of the year: NC-2027-001, NC-2027-002, …
pub(crate) fn next_id(records: &LoadedRecords, year: i16) -> String {
    crate::model::numbering::next_in_year(records.records.iter().map(Record::id), "NC", year, 3)
}

pub(crate) fn path_of(id: &str) -> PathBuf {
    PathBuf::from(RECORDS_DIR).join(FOLDER).join(format!("{id}.md"))
}

/// What a new nonconformity says.
pub(crate) struct Opening {
    pub id: String,
    pub date: Date,
    pub source: crate::model::record::NcSource,
    pub clause: String,
    pub unit: String,
    pub severity: Option<crate::model::record::NcSeverity>,
    pub description: String,
    pub audit: Option<String>,
    pub author: String,
    /// The unit keeping the record (the ISO secretary's).
    pub owner: String,
}

pub(crate) fn open(opening: Opening) -> RecordFront {
    let mut front = RecordFront::new(
        &opening.id,
        &super::title_from(&opening.description),
        RecordKind::Nonconformity,
        &opening.owner,
    );
    front.date = Some(opening.date);
    front.author = Some(opening.author);
    front.source = Some(opening.source);
    front.clause = Some(opening.clause);
    front.unit = Some(opening.unit);
    front.severity = opening.severity;
    front.description = Some(opening.description);
    front.audit = opening.audit;
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
        actions_done: record.front.actions.iter().filter(|a| a.done.is_some()).count(),
        overdue_actions: record.front.actions.iter().filter(|a| a.is_overdue(today)).count(),
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
            let mut owners: Vec<String> = front.actions.iter().filter(|a| a.done.is_none()).map(|a| a.owner.clone()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn numbers_continue_within_the_year() {
        let record = |id: &str| {
            Record::parse(
                Path::new("records/nonconformities/x.md"),
                &format!("---\nid: {id}\ntitle: t\nkind: nonconformity\nowner: u\n---\n"),
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
