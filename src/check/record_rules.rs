//! Rules over records: references that resolve, values in range, and actions
//! past their due date.

use std::collections::HashSet;

use jiff::civil::Date;

use super::Context;
use crate::finding::{Finding, Rule};
use crate::i18n::Msg;
use crate::improvement;
use crate::model::clauses;
use crate::model::document::Document;
use crate::model::period::{ReportingPeriod, period_hint};
use crate::model::record::{
    AuditProgramme, AuditReport, Diagnostic, DocumentRegister, KindFields, ManagementReview, ObjectiveMeasurements, Record, RecordFront,
    RecordKind, RiskRegister,
};
use crate::msg;

pub(super) fn check(cx: &Context<'_>, records: &[Record], documents: &[Document], today: Date) -> Vec<Finding> {
    let record_ids: HashSet<&str> = records.iter().map(Record::id).collect();
    let mut findings = Vec::new();
    for record in records {
        findings.extend(references(cx, record, &record_ids));
        findings.extend(values(record));
        findings.extend(form_fields(record));
        findings.extend(diagnostic_indicators(record));
        findings.extend(measured_objectives(record, documents));
    }
    findings.extend(duplicate_ids(records, documents));
    for action in improvement::open_actions(records, today).into_iter().filter(|a| a.overdue) {
        findings.push(
            Finding::new(
                Rule::ActionOverdue,
                &action.path,
                msg!(
                    "check-action-overdue",
                    record = &action.record,
                    action = &action.text,
                    owner = &action.owner,
                )
                .date("due", action.due),
            )
            .at(action.line)
            .hint(match action.kind {
                RecordKind::Nonconformity => msg!("hint-nc-overdue", record = &action.record),
                _ => msg!("hint-action-overdue"),
            }),
        );
    }
    findings
}

/// What a record's own fields refer to, by the field that says so: units,
/// people, clauses, the audit it belongs to, the objectives it measures.
#[derive(Default)]
struct References<'a> {
    units: Vec<(&'static str, &'a String)>,
    people: Vec<(&'static str, &'a str)>,
    clauses: Vec<(&'static str, &'a str)>,
    programme_units: Vec<&'a String>,
    audit: Option<&'a str>,
    objectives_of: Option<&'a str>,
}

impl<'a> References<'a> {
    fn of(front: &'a RecordFront) -> References<'a> {
        let mut refs = References::default();
        let named = |field: &'static str, ids: &'a [String]| ids.iter().map(move |p| (field, p.as_str()));
        match &front.fields {
            KindFields::AuditProgramme(programme) => {
                for entry in &programme.audits {
                    refs.people.extend(named("audits", &entry.auditors));
                    refs.clauses.extend(entry.clauses.iter().map(|c| ("audits", c.as_str())));
                    refs.programme_units.push(&entry.unit);
                }
            }
            KindFields::AuditPlan(plan) => {
                refs.units.extend(plan.unit.iter().map(|u| ("unit", u)));
                refs.people.extend(plan.lead.iter().map(|p| ("lead", p.as_str())));
                refs.people.extend(named("lead", &plan.team));
                refs.clauses.extend(plan.clauses.iter().map(|c| ("clauses", c.as_str())));
            }
            KindFields::AuditReport(report) => {
                refs.units.extend(report.unit.iter().map(|u| ("unit", u)));
                refs.people.extend(report.lead.iter().map(|p| ("lead", p.as_str())));
                refs.people.extend(report.auditee.iter().map(|p| ("auditee", p.as_str())));
                refs.clauses.extend(report.findings.iter().map(|x| ("findings", x.clause.as_str())));
                refs.audit = Some(&report.audit);
            }
            KindFields::Nonconformity(nc) => {
                refs.units.extend(nc.unit.iter().map(|u| ("unit", u)));
                refs.people.extend(nc.verified_by.iter().map(|p| ("verified_by", p.as_str())));
                refs.clauses.push(("clause", &nc.clause));
                refs.audit = nc.audit.as_deref();
            }
            KindFields::ObjectiveMeasurements(measured) => refs.objectives_of = Some(&measured.objectives_of),
            KindFields::RiskRegister(register) => {
                refs.people.extend(
                    register
                        .risks
                        .iter()
                        .flat_map(|r| r.treatment.iter().map(|t| ("risks", t.owner.as_str()))),
                );
            }
            KindFields::ManagementReview(review) => {
                refs.people.extend(named("attendees", &review.attendees));
                refs.people.extend(review.chair.iter().map(|p| ("chair", p.as_str())));
                refs.people.extend(review.secretary.iter().map(|p| ("secretary", p.as_str())));
            }
            KindFields::DocumentRegister(register) => {
                refs.people
                    .extend(register.entries.iter().map(|e| ("entries", e.registered_by.as_str())));
            }
            KindFields::Diagnostic(_) | KindFields::Assessment(_) => {}
        }
        refs
    }
}

fn references(cx: &Context<'_>, record: &Record, record_ids: &HashSet<&str>) -> Vec<Finding> {
    let f = &record.front;
    let mut findings = Vec::new();
    let mut problem = |field: &str, message: Msg, hint: Option<Msg>| {
        let finding = Finding::new(Rule::RecordReference, &record.path, message).at(record.line_of(field));
        findings.push(match hint {
            Some(hint) => finding.hint(hint),
            None => finding,
        });
    };
    let refs = References::of(f);
    for (field, unit) in std::iter::once(("owner", &f.owner)).chain(refs.units) {
        if cx.config.unit(unit).is_none() {
            problem(
                field,
                msg!("check-record-unknown-unit", field = field, unit = unit),
                Some(msg!("hint-record-unit")),
            );
        }
    }
    if let Some(signers) = cx.signers {
        let mut people: Vec<(&str, &str)> = Vec::new();
        people.extend(f.author.iter().map(|p| ("author", p.as_str())));
        people.extend(f.reviewers.iter().chain(&f.approvers).map(|p| ("reviewers", p.as_str())));
        people.extend(f.actions().iter().map(|a| ("actions", a.owner.as_str())));
        people.extend(refs.people);
        for (field, person) in people {
            if !signers.resolves(person) {
                problem(
                    field,
                    msg!("check-record-unknown-person", person = person),
                    Some(msg!("hint-record-person")),
                );
            }
        }
    }
    for (field, clause) in refs.clauses {
        if clauses::find(clause).is_none() {
            problem(
                field,
                msg!("check-unknown-clause", clause = clause),
                Some(msg!("hint-unknown-clause")),
            );
        }
    }
    for unit in refs.programme_units {
        if cx.config.unit(unit).is_none() {
            problem(
                "audits",
                msg!("check-programme-unknown-unit", unit = unit),
                Some(msg!("hint-record-unit")),
            );
        }
    }
    if let Some(doc) = refs.objectives_of
        && !cx.ids.contains(doc)
    {
        problem(
            "objectives_of",
            msg!("check-no-such-document", id = doc),
            Some(msg!("hint-objectives-of")),
        );
    }
    if let Some(audit) = refs.audit
        && !record_ids.contains(audit)
    {
        problem("audit", msg!("check-no-such-audit", id = audit), Some(msg!("hint-no-such-audit")));
    }
    let mut rated = HashSet::new();
    for rating in f.get::<Diagnostic>().iter().flat_map(|d| &d.indicators) {
        if crate::assess::diagnostic::indicator(&rating.indicator).is_none() {
            problem(
                "indicators",
                msg!("check-unknown-indicator", indicator = &rating.indicator),
                Some(msg!("hint-unknown-indicator")),
            );
        } else if !rated.insert(rating.indicator.as_str()) {
            problem(
                "indicators",
                msg!("check-indicator-twice", indicator = &rating.indicator),
                Some(msg!("hint-indicator-twice")),
            );
        }
    }
    for entry in f.get::<DocumentRegister>().iter().flat_map(|r| &r.entries) {
        if !cx.ids.contains(entry.document.as_str()) {
            problem(
                "entries",
                msg!("check-no-such-document", id = &entry.document),
                Some(msg!("hint-register-document")),
            );
        }
    }
    for finding in f.get::<AuditReport>().iter().flat_map(|r| &r.findings) {
        if let Some(nc) = &finding.nc
            && !record_ids.contains(nc.as_str())
        {
            problem("findings", msg!("check-finding-unknown-nc", number = finding.number, nc = nc), None);
        }
    }
    findings
}

/// The fields the record's own form (BM-02-02, BM-04-02) cannot do without.
/// A diagnostic written before the catalogue took the annex's 39
/// indicators, or edited by hand, lacks some: the report would count them
/// unrated without saying why.
fn diagnostic_indicators(record: &Record) -> Option<Finding> {
    if record.kind() != RecordKind::Diagnostic {
        return None;
    }
    let listed: HashSet<&str> = record
        .front
        .get::<Diagnostic>()
        .iter()
        .flat_map(|d| &d.indicators)
        .map(|r| r.indicator.as_str())
        .collect();
    let missing: Vec<&str> = crate::assess::diagnostic::quadrants()
        .iter()
        .flat_map(|q| &q.indicators)
        .map(|i| i.id.as_str())
        .filter(|id| !listed.contains(id))
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(
        Finding::new(
            Rule::DiagnosticIncomplete,
            &record.path,
            msg!("check-indicators-missing", count = missing.len(), indicators = missing.join(", ")),
        )
        .at(record.line_of("indicators"))
        .hint(msg!("hint-indicators-missing")),
    )
}

fn form_fields(record: &Record) -> Vec<Finding> {
    let f = &record.front;
    let (form, missing): (&str, Vec<&str>) = match &f.fields {
        KindFields::AuditPlan(plan) => (
            "BM-02-02",
            [
                ("purpose", plan.purpose.is_none()),
                ("criteria", plan.criteria.is_none()),
                ("date", f.date.is_none()),
                ("unit", plan.unit.is_none()),
                ("lead", plan.lead.is_none()),
            ]
            .into_iter()
            .filter_map(|(field, absent)| absent.then_some(field))
            .collect(),
        ),
        KindFields::ManagementReview(review) => (
            "BM-04-02",
            [
                ("date", f.date.is_none()),
                ("place", review.place.is_none()),
                ("chair", review.chair.is_none()),
                ("attendees", review.attendees.is_empty()),
            ]
            .into_iter()
            .filter_map(|(field, absent)| absent.then_some(field))
            .collect(),
        ),
        _ => return Vec::new(),
    };
    missing
        .into_iter()
        .map(|field| {
            Finding::new(
                Rule::MissingField,
                &record.path,
                msg!("check-form-field", field = field, form = form),
            )
            .at(record.line_of("id"))
            .hint(msg!("hint-form-field", field = field))
        })
        .collect()
}

fn values(record: &Record) -> Vec<Finding> {
    let f = &record.front;
    let mut findings = Vec::new();
    let mut problem = |field: &str, message: Msg, hint: Option<Msg>| {
        let finding = Finding::new(Rule::RecordValue, &record.path, message).at(record.line_of(field));
        findings.push(match hint {
            Some(hint) => finding.hint(hint),
            None => finding,
        });
    };
    for risk in f.get::<RiskRegister>().iter().flat_map(|r| &r.risks) {
        for (what, score) in [("likelihood", risk.likelihood), ("impact", risk.impact)] {
            if !(1..=5).contains(&score) {
                problem(
                    "risks",
                    msg!("check-risk-score", risk = &risk.id, what = what, score = score),
                    Some(msg!("hint-risk-score")),
                );
            }
        }
    }
    for m in f.get::<ObjectiveMeasurements>().iter().flat_map(|o| &o.measurements) {
        if ReportingPeriod::parse(&m.period).is_none() {
            problem(
                "measurements",
                msg!("check-measurement-period", objective = m.objective, period = &m.period),
                Some(period_hint()),
            );
        }
        if !m.value.is_finite() {
            problem("measurements", msg!("check-measurement-value", objective = m.objective), None);
        }
    }
    for entry in f.get::<AuditProgramme>().iter().flat_map(|p| &p.audits) {
        if !(1..=12).contains(&entry.month) {
            problem(
                "audits",
                msg!("check-programme-month", unit = &entry.unit, month = entry.month),
                Some(msg!("hint-programme-month")),
            );
        }
    }
    let mut numbers = HashSet::new();
    for entry in f.get::<DocumentRegister>().iter().flat_map(|r| &r.entries) {
        if entry.number.trim().is_empty() || !numbers.insert(entry.number.trim()) {
            problem(
                "entries",
                msg!("check-register-number", number = &entry.number, document = &entry.document),
                Some(msg!("hint-register-number")),
            );
        }
    }
    if let Some(ManagementReview { period, .. }) = f.get::<ManagementReview>()
        && ReportingPeriod::parse(period).is_none()
    {
        problem("period", msg!("check-period", period = period), Some(period_hint()));
    }
    findings
}

/// Each measurement names an objective its MTCL document states.
fn measured_objectives(record: &Record, documents: &[Document]) -> Vec<Finding> {
    let Some(ObjectiveMeasurements {
        objectives_of: of,
        measurements,
        ..
    }) = record.front.get::<ObjectiveMeasurements>()
    else {
        return Vec::new();
    };
    let Some(document) = documents.iter().find(|d| d.id() == of.as_str()) else {
        return Vec::new(); // `references` reports the missing document
    };
    let count = document.front.objectives.len();
    measurements
        .iter()
        .filter(|m| m.objective == 0 || m.objective as usize > count)
        .map(|m| {
            Finding::new(
                Rule::RecordReference,
                &record.path,
                msg!("check-measured-objective", objective = m.objective, of = of, count = count),
            )
            .at(record.line_of("measurements"))
            .hint(msg!("hint-measured-objective", of = of, count = count))
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
                    msg!("check-duplicate-id", id = record.id(), others = other),
                )
                .at(record.line_of("id"))
                .hint(msg!("hint-duplicate-record-id")),
            );
        }
        seen.entry(record.id()).or_insert(record);
    }
    findings
}
