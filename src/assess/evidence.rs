//! The automatic criteria: what each looks for in a unit's repository, what
//! it found (documents, records, commits) and what is missing.

use crate::i18n::{self, Msg};
use jiff::civil::Date;
use jiff::{ToSpan, Zoned};

use super::Method;
use crate::audit::programme::uncovered;
use crate::finding::Finding;
use crate::model::catalog::Catalog;
use crate::model::clauses;
use crate::model::config::{Config, Language};
use crate::model::document::Document;
use crate::model::legal::{LEGAL_FILE, LegalRegister, citations};
use crate::model::period::ReportingPeriod;
use crate::model::record::{AuditPlan, AuditReport, ObjectiveMeasurements, ProgrammeEntry, Record, RecordKind};
use crate::msg;
use crate::workflow::history::{History, StateKind};
use crate::workflow::record_steps::{self, Stage};
use crate::workflow::register::Entry;

/// The document type of a declaration of conformity.
pub(crate) const DECLARATION_TYPE: &str = "declaration";

/// Everything the criteria look at, read once from one repository.
pub(crate) struct Facts<'a> {
    pub config: &'a Config,
    pub catalog: Option<&'a Catalog>,
    pub documents: &'a [Document],
    pub records: &'a [Record],
    /// Each document with its state derived from history.
    pub register: &'a [Entry<'a>],
    pub history: Option<&'a History<'a>>,
    /// Whether `qms verify` passes, and its summary; `None` outside git.
    pub verify: Option<(bool, Msg)>,
    pub as_of: Date,
    /// The end of `as_of`, for month arithmetic on timestamps.
    pub as_of_time: Zoned,
    pub commit: Option<&'a str>,
    /// The register of legal texts (`catalog/legal.yaml`), when there is one.
    pub legal: Option<&'a LegalRegister>,
    /// Documents in force whose approved issue differs from the working
    /// text (edited since, or not yet committed), as approved, by id: what
    /// is in force is what was approved.
    pub approved: &'a std::collections::HashMap<String, Document>,
    /// Documents and records that could not be read: they count for
    /// nothing, and the reader must be told so.
    pub unreadable: &'a [Finding],
}

/// Documents whose approved issue is in force (edits since do not undo it).
pub(crate) fn in_force<'e, 'd>(register: &'e [Entry<'d>]) -> impl Iterator<Item = &'e Entry<'d>> {
    register
        .iter()
        .filter(|e| e.state.effective_blob.is_some() && e.state.kind != StateKind::Obsolete)
}

/// A criterion's outcome: the share of its points earned, and why.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    /// 0.0 … 1.0
    pub score: f64,
    pub evidence: Vec<String>,
    pub missing: Vec<String>,
    /// `false` when there was nothing to measure ("không áp dụng"): the
    /// criterion earns nothing and its points leave the total, never full
    /// marks by default.
    pub applicable: bool,
}

impl Default for Evaluation {
    fn default() -> Self {
        Evaluation {
            score: 0.0,
            evidence: Vec::new(),
            missing: Vec::new(),
            applicable: true,
        }
    }
}

impl Evaluation {
    /// Nothing to measure, and why.
    pub(crate) fn not_applicable(why: &str) -> Evaluation {
        Evaluation {
            evidence: vec![why.to_string()],
            applicable: false,
            ..Evaluation::default()
        }
    }

    pub(crate) fn missing(why: &str) -> Evaluation {
        Evaluation {
            missing: vec![why.to_string()],
            ..Evaluation::default()
        }
    }

    fn share(done: usize, total: usize) -> f64 {
        if total == 0 { 1.0 } else { done as f64 / total as f64 }
    }

    /// `done` of `total` earned: one line of evidence and, when something
    /// is missing, one line naming it.
    fn counted(done: usize, total: usize, evidence: String, missing: Option<String>) -> Evaluation {
        Evaluation {
            score: Self::share(done, total),
            evidence: vec![evidence],
            missing: missing.into_iter().collect(),
            ..Evaluation::default()
        }
    }

    fn full(evidence: Vec<String>) -> Evaluation {
        Evaluation {
            score: 1.0,
            evidence,
            ..Evaluation::default()
        }
    }
}

/// At most this many missing items are named; the rest are counted.
const NAMED: usize = 10;

fn name_some(items: &[String], lang: Language) -> String {
    if items.len() <= NAMED {
        return items.join(", ");
    }
    format!(
        "{} {} {}",
        items[..NAMED].join(", "),
        i18n::label(lang, "label-and"),
        format_args!("{} {}", items.len() - NAMED, i18n::label(lang, "label-more"))
    )
}

pub(crate) fn evaluate(method: Method, facts: &Facts<'_>, lang: Language) -> Evaluation {
    let cx = Cx { facts, lang };
    match method {
        Method::Declaration => cx.declaration(),
        Method::ProceduresCovered => cx.procedures_covered(),
        Method::MandatoryDocuments => cx.mandatory_documents(),
        Method::PeriodicReview => cx.periodic_review(),
        Method::InternalAudit => cx.internal_audit(),
        Method::ManagementReview => cx.management_review(),
        Method::NonconformitiesOnTime => cx.nonconformities_on_time(),
        Method::ObjectivesMeasured => cx.objectives_measured(),
        Method::ApprovalsValid => cx.approvals_valid(),
        Method::LegalTextsCurrent => cx.legal_texts_current(),
        Method::Manual => Evaluation::missing("manual"),
    }
}

struct Cx<'f, 'a> {
    facts: &'f Facts<'a>,
    lang: Language,
}

impl Cx<'_, '_> {
    fn pick<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(vi, en)
    }

    /// "label: a, b, c …" when `items` is not empty.
    fn naming(&self, label: &str, items: &[String]) -> Option<String> {
        (!items.is_empty()).then(|| format!("{label}: {}", name_some(items, self.lang)))
    }

    /// The first day of the twelve months that end on `as_of`.
    fn year_ago(&self) -> Date {
        self.facts.as_of.checked_sub(12.months()).unwrap_or(self.facts.as_of)
    }

    fn in_last_year(&self, date: Option<Date>) -> bool {
        date.is_some_and(|d| d > self.year_ago() && d <= self.facts.as_of)
    }

    fn in_force(&self) -> impl Iterator<Item = &Entry<'_>> {
        in_force(self.facts.register)
    }

    fn describe(&self, entry: &Entry<'_>) -> String {
        format!(
            "{} {} ({} {}{})",
            entry.doc.id(),
            entry.doc.title(),
            i18n::label(self.lang, "label-issue-4"),
            entry.state.issue,
            entry
                .state
                .effective_since
                .as_deref()
                .map(|t| format!(", {}", i18n::format::date_of(t, None, self.lang)))
                .unwrap_or_default()
        )
    }

    fn records(&self, kind: RecordKind) -> impl Iterator<Item = &Record> {
        self.facts.records.iter().filter(move |r| r.kind() == kind)
    }

    fn stage(&self, record: &Record) -> Stage {
        record_steps::stage_of_record(self.facts.history.and_then(|h| h.timeline(record.id())), record)
    }

    /// Approved at least once by a valid approval.
    fn is_approved(&self, id: &str) -> bool {
        self.facts.history.and_then(|h| h.timeline(id)).is_some_and(|t| t.has_issue())
    }

    fn declaration(&self) -> Evaluation {
        let found: Vec<String> = self
            .in_force()
            .filter(|e| e.doc.front.doc_type == DECLARATION_TYPE)
            .map(|e| self.describe(e))
            .collect();
        if found.is_empty() {
            return Evaluation::missing(i18n::label(self.lang, "label-no-declaration-of-conformity-in-force"));
        }
        Evaluation::full(found)
    }

    fn procedures_covered(&self) -> Evaluation {
        let Some(catalog) = self.facts.catalog.filter(|c| !c.procedures.is_empty()) else {
            return Evaluation::missing(i18n::label(self.lang, "label-the-tthc-catalogue-catalog-tthc-yaml"));
        };
        let processes: Vec<&Entry<'_>> = self.in_force().filter(|e| !e.doc.front.tthc.is_empty()).collect();
        let mut missing = Vec::new();
        for procedure in &catalog.procedures {
            if !processes.iter().any(|e| e.doc.front.tthc.contains(&procedure.code)) {
                missing.push(procedure.code.clone());
            }
        }
        let total = catalog.procedures.len();
        let covered = total - missing.len();
        Evaluation::counted(
            covered,
            total,
            format!(
                "{covered}/{total} {}; {} {}",
                i18n::label(self.lang, "label-procedures-have-a-process-in-force"),
                processes.len(),
                i18n::label(self.lang, "label-processes")
            ),
            self.naming(i18n::label(self.lang, "label-procedures-without-a-process-in-force"), &missing),
        )
    }

    fn mandatory_documents(&self) -> Evaluation {
        let required = &self.facts.config.required_documents;
        let mut evaluation = Evaluation::default();
        for requirement in required {
            let by = self
                .in_force()
                .find(|e| e.doc.front.clauses.iter().any(|c| c == &requirement.clause));
            match by {
                Some(entry) => evaluation.evidence.push(format!(
                    "{} {}: {}",
                    requirement.clause,
                    self.pick(&requirement.name_vi, &requirement.name_en),
                    self.describe(entry)
                )),
                None => evaluation.missing.push(format!(
                    "{} {}: {}",
                    requirement.clause,
                    self.pick(&requirement.name_vi, &requirement.name_en),
                    i18n::label(self.lang, "label-no-document-in-force")
                )),
            }
        }
        evaluation.score = Evaluation::share(evaluation.evidence.len(), required.len());
        evaluation
    }

    fn periodic_review(&self) -> Evaluation {
        let default = self.facts.config.review_interval_months;
        let mut overdue = Vec::new();
        let mut total = 0;
        for entry in self.in_force() {
            total += 1;
            let interval = i64::from(entry.doc.front.review_interval_months.unwrap_or(default));
            let last = self
                .facts
                .history
                .and_then(|h| h.timeline(entry.doc.id()))
                .and_then(|t| t.last_reviewed());
            let months = last.and_then(|t| crate::clock::months_between(t, &self.facts.as_of_time));
            if months.is_none_or(|m| m >= interval) {
                overdue.push(format!(
                    "{} ({} {})",
                    entry.doc.id(),
                    i18n::label(self.lang, "label-last-reviewed"),
                    last.map(|t| i18n::format::date_of(t, None, self.lang))
                        .unwrap_or_else(|| "—".into())
                ));
            }
        }
        if total == 0 {
            return Evaluation::missing(i18n::label(self.lang, "label-no-document-is-in-force"));
        }
        Evaluation::counted(
            total - overdue.len(),
            total,
            format!(
                "{}/{total} {}",
                total - overdue.len(),
                i18n::label(self.lang, "label-documents-reviewed-within-their-interval")
            ),
            self.naming(i18n::label(self.lang, "label-review-overdue"), &overdue),
        )
    }

    fn internal_audit(&self) -> Evaluation {
        let plans: Vec<&Record> = self.records(RecordKind::AuditPlan).collect();
        let signed_off: Vec<&Record> = self
            .records(RecordKind::AuditReport)
            .filter(|r| self.in_last_year(r.front.date) && self.stage(r) == Stage::Closed)
            .collect();
        // A report with neither findings nor a written conclusion shows no
        // audit took place: it covers nothing.
        let (closed, empty): (Vec<&Record>, Vec<&Record>) = signed_off.into_iter().partition(|r| self.has_substance(r));
        if closed.is_empty() && !empty.is_empty() {
            return Evaluation::missing(&format!(
                "{}: {}",
                i18n::label(self.lang, "label-audit-reports-with-neither-findings-nor"),
                empty.iter().map(|r| r.id().to_string()).collect::<Vec<_>>().join(", ")
            ));
        }
        if closed.is_empty() {
            return Evaluation::missing(i18n::label(self.lang, "label-no-internal-audit-report-was-signed"));
        }
        // What the closed audits covered, as programme entries of their plans.
        let covered: Vec<ProgrammeEntry> = closed
            .iter()
            .filter_map(|report| {
                let audit = &report.front.get::<AuditReport>()?.audit;
                let plan = plans.iter().find(|p| p.id() == audit)?.front.get::<AuditPlan>()?;
                Some(ProgrammeEntry {
                    unit: plan.unit.clone().unwrap_or_default(),
                    clauses: plan.clauses.clone(),
                    month: 1,
                    auditors: Vec::new(),
                })
            })
            .collect();
        let units_missing: Vec<String> = self
            .facts
            .config
            .units
            .iter()
            .filter(|u| !covered.iter().any(|c| c.unit == u.id))
            .map(|u| u.id.clone())
            .collect();
        let clauses_missing: Vec<String> = uncovered(&covered).into_iter().map(str::to_string).collect();
        let units = self.facts.config.units.len();
        let auditable = clauses::auditable().count();
        let score =
            (Evaluation::share(units - units_missing.len(), units) + Evaluation::share(auditable - clauses_missing.len(), auditable)) / 2.0;
        let mut missing = Vec::new();
        if !units_missing.is_empty() {
            missing.push(format!(
                "{}: {}",
                i18n::label(self.lang, "label-units-not-audited"),
                units_missing.join(", ")
            ));
        }
        missing.extend(self.naming(i18n::label(self.lang, "label-clauses-not-audited"), &clauses_missing));
        let empty: Vec<String> = empty.iter().map(|r| r.id().to_string()).collect();
        missing.extend(self.naming(i18n::label(self.lang, "label-reports-with-neither-findings-nor-a"), &empty));
        Evaluation {
            score,
            evidence: closed
                .iter()
                .map(|r| {
                    format!(
                        "{} ({}, {})",
                        r.id(),
                        r.front.unit().unwrap_or_default(),
                        r.front.date.map(|d| i18n::format::date(d, self.lang)).unwrap_or_default()
                    )
                })
                .collect(),
            missing,
            ..Evaluation::default()
        }
    }

    /// Whether an audit report says something: a finding, its conclusion
    /// (BM-02-04), or a conclusion given when it was signed off. The body is
    /// the form qms writes, so it proves nothing.
    fn has_substance(&self, report: &Record) -> bool {
        let written = report
            .front
            .get::<AuditReport>()
            .and_then(|r| r.conclusion.as_deref())
            .is_some_and(|c| !c.trim().is_empty());
        let concluded = self.facts.history.and_then(|h| h.timeline(report.id())).is_some_and(|t| {
            t.events
                .iter()
                .any(|e| e.is_valid() && e.trailers.action == crate::workflow::trailers::Action::Close && !e.text.trim().is_empty())
        });
        !report.front.findings().is_empty() || written || concluded
    }

    /// Whether any document or record has a valid approval.
    fn any_approval(&self) -> bool {
        self.facts.history.is_some_and(|h| {
            h.engine.timelines.values().any(|t| {
                t.events
                    .iter()
                    .any(|e| e.is_valid() && e.trailers.action == crate::workflow::trailers::Action::Approve)
            })
        })
    }

    fn management_review(&self) -> Evaluation {
        let held: Vec<&Record> = self
            .records(RecordKind::ManagementReview)
            .filter(|r| self.in_last_year(r.front.date))
            .collect();
        let approved: Vec<String> = held
            .iter()
            .filter(|r| self.is_approved(r.id()))
            .map(|r| {
                format!(
                    "{} ({})",
                    r.id(),
                    r.front.date.map(|d| i18n::format::date(d, self.lang)).unwrap_or_default()
                )
            })
            .collect();
        match (held.is_empty(), approved.is_empty()) {
            (true, _) => Evaluation::missing(i18n::label(self.lang, "label-no-management-review-minutes-in-the")),
            (false, true) => Evaluation {
                evidence: held.iter().map(|r| r.id().to_string()).collect(),
                missing: vec![i18n::label(self.lang, "label-the-minutes-are-not-approved").to_string()],
                ..Evaluation::default()
            },
            (false, false) => Evaluation::full(approved),
        }
    }

    fn nonconformities_on_time(&self) -> Evaluation {
        let mut due = 0;
        let mut late = Vec::new();
        for nc in self.records(RecordKind::Nonconformity) {
            for action in nc.front.actions().iter().filter(|a| self.in_last_year(Some(a.due))) {
                due += 1;
                if action.done.is_none_or(|done| done > action.due) {
                    late.push(format!(
                        "{} ({}, {} {})",
                        nc.id(),
                        action.owner,
                        i18n::label(self.lang, "label-due-2"),
                        i18n::format::date(action.due, self.lang)
                    ));
                }
            }
        }
        if due == 0 {
            return Evaluation::not_applicable(i18n::label(self.lang, "label-not-applicable-no-corrective-action-fell"));
        }
        Evaluation::counted(
            due - late.len(),
            due,
            format!(
                "{}/{due} {}",
                due - late.len(),
                i18n::label(self.lang, "label-corrective-actions-done-by-their-due")
            ),
            self.naming(i18n::label(self.lang, "label-late"), &late),
        )
    }

    fn objectives_measured(&self) -> Evaluation {
        let objectives: Vec<(&Document, usize)> = self
            .facts
            .documents
            .iter()
            .filter(|d| d.front.doc_type == crate::model::document::OBJECTIVES_TYPE)
            .flat_map(|d| (1..=d.front.objectives.len()).map(move |n| (d, n)))
            .collect();
        if objectives.is_empty() {
            return Evaluation::missing(i18n::label(self.lang, "label-no-objectives-document-states-measurable-objectives"));
        }
        let mut measured = Vec::new();
        let mut unmeasured = Vec::new();
        for (document, number) in &objectives {
            let records: Vec<&Record> = self
                .records(RecordKind::ObjectiveMeasurements)
                .filter(|r| {
                    r.front.get::<ObjectiveMeasurements>().is_some_and(|measured| {
                        measured.objectives_of == document.id()
                            && measured.measurements.iter().any(|m| {
                                m.objective as usize == *number
                                    && ReportingPeriod::parse(&m.period).is_some_and(|p| self.in_last_year(Some(p.last_day())))
                            })
                    })
                })
                .collect();
            let name = format!("{} / {number}", document.id());
            match records.first() {
                Some(record) => measured.push(format!("{name} ({})", record.id())),
                None => unmeasured.push(name),
            }
        }
        Evaluation::counted(
            measured.len(),
            objectives.len(),
            format!(
                "{}/{} {}",
                measured.len(),
                objectives.len(),
                i18n::label(self.lang, "label-objectives-measured-in-the-last-12")
            ),
            // Every objective is named: an agency has few.
            (!unmeasured.is_empty()).then(|| format!("{}: {}", i18n::label(self.lang, "label-no-measurement"), unmeasured.join(", "))),
        )
    }

    /// The texts the documents in force cite, against the register: each
    /// document citing one that is replaced or unknown costs its share.
    fn legal_texts_current(&self) -> Evaluation {
        let Some(register) = self.facts.legal else {
            return Evaluation::missing(&msg!("assess-no-legal-register", file = LEGAL_FILE).text(self.lang));
        };
        let index = register.index();
        let mut citing = 0;
        let mut stale = Vec::new();
        for entry in self.in_force() {
            let doc = self.facts.approved.get(entry.doc.id()).unwrap_or(entry.doc);
            let cited = citations(&doc.body);
            if cited.is_empty() {
                continue;
            }
            citing += 1;
            let findings = crate::check::legal_rules::check_citations(doc, &cited, &index);
            if !findings.is_empty() {
                let reasons: Vec<String> = findings.iter().map(|f| f.message.text(self.lang)).collect();
                stale.push(format!("{}: {}", entry.doc.id(), reasons.join("; ")));
            }
        }
        if citing == 0 {
            return Evaluation::not_applicable(&msg!("assess-no-citations").text(self.lang));
        }
        let current = citing - stale.len();
        Evaluation {
            score: current as f64 / citing as f64,
            evidence: vec![msg!("assess-legal-current", current = current, citing = citing).text(self.lang)],
            missing: stale,
            ..Evaluation::default()
        }
    }

    fn approvals_valid(&self) -> Evaluation {
        match &self.facts.verify {
            None => Evaluation::missing(i18n::label(self.lang, "label-the-folder-is-not-a-git")),
            // Valid, but nothing was ever approved: there is nothing to trust yet.
            Some((true, _)) if !self.any_approval() => {
                Evaluation::missing(i18n::label(self.lang, "label-no-document-has-been-approved-there"))
            }
            Some((true, summary)) => Evaluation::full(vec![summary.text(self.lang)]),
            Some((false, summary)) => Evaluation {
                evidence: vec![summary.text(self.lang)],
                missing: vec![i18n::label(self.lang, "label-qms-verify-fails-some-approval-steps").to_string()],
                ..Evaluation::default()
            },
        }
    }
}
