//! Rules over records: references that resolve, values in range, and actions
//! past their due date.

use std::collections::HashSet;

use jiff::civil::Date;

use super::Context;
use crate::finding::{Finding, Rule};
use crate::improvement;
use crate::model::clauses;
use crate::model::document::Document;
use crate::model::period::{PERIOD_HINT, ReportingPeriod};
use crate::model::record::{Record, RecordKind};

pub fn check(cx: &Context<'_>, records: &[Record], documents: &[Document], today: Date) -> Vec<Finding> {
    let record_ids: HashSet<&str> = records.iter().map(Record::id).collect();
    let mut findings = Vec::new();
    for record in records {
        findings.extend(references(cx, record, &record_ids));
        findings.extend(values(record));
        findings.extend(measured_objectives(record, documents));
    }
    findings.extend(duplicate_ids(records, documents));
    for action in improvement::open_actions(records, today).into_iter().filter(|a| a.overdue) {
        findings.push(
            Finding::new(
                Rule::ActionOverdue,
                &action.path,
                format!(
                    "{}: \"{}\" ({}) was due on {}",
                    action.record, action.text, action.owner, action.due
                ),
            )
            .at(action.line)
            .hint(match action.kind {
                RecordKind::Nonconformity => format!("when it is done: `qms nc done {}`", action.record),
                _ => "mark it done (`done: YYYY-MM-DD`), or agree a new due date".to_string(),
            }),
        );
    }
    findings
}

fn references(cx: &Context<'_>, record: &Record, record_ids: &HashSet<&str>) -> Vec<Finding> {
    let f = &record.front;
    let mut findings = Vec::new();
    let mut problem = |field: &str, message: String, hint: &str| {
        findings.push(
            Finding::new(Rule::RecordReference, &record.path, message)
                .at(record.line_of(field))
                .hint(hint.to_string()),
        );
    };
    let unit_hint = "use a unit id of qms.yaml";
    let person_hint = "use a person id of .qms/signers.yaml";
    for (field, unit) in [("owner", Some(&f.owner)), ("unit", f.unit.as_ref())] {
        if let Some(unit) = unit
            && cx.config.unit(unit).is_none()
        {
            problem(
                field,
                format!("`{field}` names the unit {unit}, which qms.yaml does not have"),
                unit_hint,
            );
        }
    }
    if let Some(signers) = cx.signers {
        let mut people: Vec<(&str, &str)> = Vec::new();
        people.extend(f.author.iter().map(|p| ("author", p.as_str())));
        people.extend(f.reviewers.iter().chain(&f.approvers).map(|p| ("reviewers", p.as_str())));
        people.extend(f.lead.iter().chain(&f.team).map(|p| ("lead", p.as_str())));
        people.extend(f.verified_by.iter().map(|p| ("verified_by", p.as_str())));
        people.extend(f.actions.iter().map(|a| ("actions", a.owner.as_str())));
        people.extend(f.audits.iter().flat_map(|a| a.auditors.iter().map(|p| ("audits", p.as_str()))));
        people.extend(f.risks.iter().flat_map(|r| r.treatment.iter().map(|t| ("risks", t.owner.as_str()))));
        people.extend(f.attendees.iter().map(|p| ("attendees", p.as_str())));
        for (field, person) in people {
            if !signers.resolves(person) {
                problem(
                    field,
                    format!("{person} is not a person (or role:) of the signer policy"),
                    person_hint,
                );
            }
        }
    }
    let mut clause_refs: Vec<(&str, &str)> = f.clauses.iter().map(|c| ("clauses", c.as_str())).collect();
    clause_refs.extend(f.clause.iter().map(|c| ("clause", c.as_str())));
    clause_refs.extend(f.findings.iter().map(|x| ("findings", x.clause.as_str())));
    clause_refs.extend(f.audits.iter().flat_map(|a| a.clauses.iter().map(|c| ("audits", c.as_str()))));
    for (field, clause) in clause_refs {
        if clauses::find(clause).is_none() {
            problem(
                field,
                format!("{clause} is not a clause of ISO 9001:2015"),
                "`qms clauses` lists them",
            );
        }
    }
    for unit in f.audits.iter().map(|a| &a.unit) {
        if cx.config.unit(unit).is_none() {
            problem(
                "audits",
                format!("the programme names the unit {unit}, which qms.yaml does not have"),
                unit_hint,
            );
        }
    }
    if let Some(doc) = &f.objectives_of
        && !cx.ids.contains(doc.as_str())
    {
        problem(
            "objectives_of",
            format!("no document has the id {doc}"),
            "name the MTCL document the measurements belong to",
        );
    }
    if let Some(audit) = &f.audit
        && !record_ids.contains(audit.as_str())
    {
        problem(
            "audit",
            format!("no audit plan has the id {audit}"),
            "name an audit plan under records/audits/",
        );
    }
    let mut rated = HashSet::new();
    for rating in &f.indicators {
        if crate::assess::diagnostic::indicator(&rating.indicator).is_none() {
            problem(
                "indicators",
                format!("{} is not an indicator of the ISO 18091 diagnostic", rating.indicator),
                "`qms diagnose new` writes every indicator; keep their ids",
            );
        } else if !rated.insert(rating.indicator.as_str()) {
            problem(
                "indicators",
                format!("the indicator {} is rated twice", rating.indicator),
                "rate each indicator once",
            );
        }
    }
    for finding in &f.findings {
        if let Some(nc) = &finding.nc
            && !record_ids.contains(nc.as_str())
        {
            problem(
                "findings",
                format!("finding {} names the nonconformity {nc}, which does not exist", finding.number),
                "",
            );
        }
    }
    findings
}

fn values(record: &Record) -> Vec<Finding> {
    let f = &record.front;
    let mut findings = Vec::new();
    let mut problem = |field: &str, message: String, hint: &str| {
        findings.push(
            Finding::new(Rule::RecordValue, &record.path, message)
                .at(record.line_of(field))
                .hint(hint.to_string()),
        );
    };
    for risk in &f.risks {
        for (what, score) in [("likelihood", risk.likelihood), ("impact", risk.impact)] {
            if !(1..=5).contains(&score) {
                problem(
                    "risks",
                    format!("risk {}: {what} is {score}; it is scored from 1 to 5", risk.id),
                    "1 = lowest, 5 = highest",
                );
            }
        }
    }
    for m in &f.measurements {
        if ReportingPeriod::parse(&m.period).is_none() {
            problem(
                "measurements",
                format!(
                    "objective {}: the period `{}` is not a year, half-year, quarter or month",
                    m.objective, m.period
                ),
                PERIOD_HINT,
            );
        }
        if !m.value.is_finite() {
            problem("measurements", format!("objective {}: the value is not a number", m.objective), "");
        }
    }
    for entry in &f.audits {
        if !(1..=12).contains(&entry.month) {
            problem(
                "audits",
                format!("the programme plans {} in month {}", entry.unit, entry.month),
                "months are 1 to 12",
            );
        }
    }
    if let Some(period) = &f.period
        && ReportingPeriod::parse(period).is_none()
    {
        problem(
            "period",
            format!("the period `{period}` is not a year, half-year, quarter or month"),
            PERIOD_HINT,
        );
    }
    findings
}

/// Each measurement names an objective its MTCL document states.
fn measured_objectives(record: &Record, documents: &[Document]) -> Vec<Finding> {
    let Some(of) = &record.front.objectives_of else {
        return Vec::new();
    };
    let Some(document) = documents.iter().find(|d| d.id() == of.as_str()) else {
        return Vec::new(); // `references` reports the missing document
    };
    let count = document.front.objectives.len();
    record
        .front
        .measurements
        .iter()
        .filter(|m| m.objective == 0 || m.objective as usize > count)
        .map(|m| {
            Finding::new(
                Rule::RecordReference,
                &record.path,
                format!("a measurement names objective {} of {of}, which states {count}", m.objective),
            )
            .at(record.line_of("measurements"))
            .hint(format!("objectives are numbered 1 to {count} in the order {of} lists them"))
        })
        .collect()
}

/// An id names one thing: a record may not share it with another record or a document.
fn duplicate_ids(records: &[Record], documents: &[Document]) -> Vec<Finding> {
    let document_ids: HashSet<&str> = documents.iter().map(Document::id).collect();
    let mut seen: std::collections::HashMap<&str, &Record> = std::collections::HashMap::new();
    let mut findings = Vec::new();
    for record in records {
        let clash = if document_ids.contains(record.id()) {
            Some("a document".to_string())
        } else {
            seen.get(record.id()).map(|other| other.path.display().to_string())
        };
        if let Some(other) = clash {
            findings.push(
                Finding::new(
                    Rule::DuplicateId,
                    &record.path,
                    format!("the id {} is also used by {other}", record.id()),
                )
                .at(record.line_of("id"))
                .hint("give each record its own id"),
            );
        }
        seen.entry(record.id()).or_insert(record);
    }
    findings
}
