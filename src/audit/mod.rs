//! Internal audit (ISO 9001:2015 9.2): the annual programme, the plan of one
//! audit, its checklist, and its report with findings. All are records under
//! `records/audits/YEAR/`.

pub(crate) mod checklist;
pub(crate) mod forms;
pub(crate) mod operations;
pub(crate) mod programme;

use std::path::PathBuf;

use crate::i18n;
use crate::model::config::Language;
use crate::model::record::{FindingKind, Record, RecordKind};
use crate::workspace::RECORDS_DIR;

pub(crate) const FOLDER: &str = "audits";

fn year_folder(year: i16) -> PathBuf {
    PathBuf::from(RECORDS_DIR).join(FOLDER).join(year.to_string())
}

/// `CTDG-2027` (chương trình đánh giá) at `records/audits/2027/programme.md`.
pub(crate) fn programme_id(year: i16) -> String {
    format!("CTDG-{year}")
}

pub(crate) fn programme_path(year: i16) -> PathBuf {
    year_folder(year).join("programme.md")
}

/// The next audit of the year: DGNB-2027-01, DGNB-2027-02, … (đánh giá nội bộ).
pub(crate) fn next_audit_id(records: &[Record], year: i16) -> String {
    let plans = records.iter().filter(|r| r.kind() == RecordKind::AuditPlan);
    crate::model::numbering::next_in_year(plans.map(Record::id), "DGNB", year, 2)
}

pub(crate) fn plan_path(id: &str, year: i16) -> PathBuf {
    year_folder(year).join(format!("{id}.md"))
}

/// The report of audit `plan_id` is `<plan_id>-BC` (báo cáo), beside the plan.
pub(crate) fn report_id(plan_id: &str) -> String {
    format!("{plan_id}-BC")
}

pub(crate) fn report_path(plan: &Record) -> PathBuf {
    plan.path.with_file_name(format!("{}.md", report_id(plan.id())))
}

pub(crate) fn finding_kind_label(kind: FindingKind, lang: Language) -> &'static str {
    match kind {
        FindingKind::Nonconformity => i18n::label(lang, "label-nonconformity"),
        FindingKind::Observation => i18n::label(lang, "label-observation"),
        FindingKind::Opportunity => i18n::label(lang, "label-opportunity-for-improvement"),
    }
}
