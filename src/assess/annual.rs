//! The unit's annual report on building, applying, maintaining and improving
//! its QMS, as agencies send it to their Department of Science and
//! Technology: filled from the repository, with the sections only people can
//! write (difficulties, proposals) left for them.

use jiff::civil::Date;
use serde::Serialize;

use super::declaration;
use super::evidence::{DECLARATION_TYPE, Facts, in_force};
use crate::i18n;
use crate::improvement::objectives;
use crate::model::config::Language;
use crate::model::period::ReportingPeriod;
use crate::model::record::{FindingKind, Record, RecordKind};
use crate::workflow::record_steps::{self, Stage};
use crate::workflow::trailers::Action;

/// A document issued, revised or withdrawn in the year.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentChange {
    pub id: String,
    pub title: String,
    pub issue: u32,
    pub date: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AuditLine {
    pub id: String,
    pub date: String,
    pub unit: String,
    pub nonconformities: usize,
    pub observations: usize,
    pub opportunities: usize,
    pub closed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ObjectiveLine {
    pub objective: String,
    pub target: String,
    pub result: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AnnualReport {
    pub organisation: String,
    pub superior: Option<String>,
    pub year: i16,
    pub as_of: Date,
    /// The declaration in force: id, issue and date.
    pub declaration: Option<String>,
    pub procedures_in_scope: usize,
    pub procedures_in_catalogue: usize,
    pub outside_scope: Vec<String>,
    pub documents_in_force: usize,
    pub issued: Vec<DocumentChange>,
    pub revised: Vec<DocumentChange>,
    pub withdrawn: Vec<DocumentChange>,
    pub audits: Vec<AuditLine>,
    pub management_reviews: Vec<String>,
    pub nonconformities_found: usize,
    pub nonconformities_closed: usize,
    pub nonconformities_open: Vec<String>,
    pub objectives: Vec<ObjectiveLine>,
    /// Issues of the declaration approved in the year: changes of scope.
    pub scope_changes: Vec<DocumentChange>,
}

pub(crate) fn build(facts: &Facts<'_>, year: i16, lang: Language) -> AnnualReport {
    let period = ReportingPeriod::year(year);
    let in_year = |timestamp: &str| crate::clock::date_of(timestamp).is_some_and(|d| period.contains(d));
    let timeline = |id: &str| facts.history.and_then(|h| h.timeline(id));
    let stage = |record: &Record| record_steps::stage_of_record(facts.history.and_then(|h| h.timeline(record.id())), record);

    let mut issued = Vec::new();
    let mut revised = Vec::new();
    let mut withdrawn = Vec::new();
    let mut scope_changes = Vec::new();
    for doc in facts.documents {
        let Some(t) = timeline(doc.id()) else { continue };
        for issue in t.issues().into_iter().filter(|i| in_year(&i.approved_at)) {
            let change = DocumentChange {
                id: doc.id().to_string(),
                title: doc.title().to_string(),
                issue: issue.number,
                date: crate::clock::day_of(&issue.approved_at).to_string(),
                summary: issue.summary.clone(),
            };
            if doc.front.doc_type == DECLARATION_TYPE {
                scope_changes.push(change.clone());
            }
            if issue.number == 1 {
                issued.push(change)
            } else {
                revised.push(change)
            }
        }
        for event in t
            .events
            .iter()
            .filter(|e| e.is_valid() && e.trailers.action == Action::Withdraw && in_year(&e.trailers.signed_at))
        {
            withdrawn.push(DocumentChange {
                id: doc.id().to_string(),
                title: doc.title().to_string(),
                issue: t.issues().len() as u32,
                date: crate::clock::day_of(&event.trailers.signed_at).to_string(),
                summary: event.text.clone(),
            });
        }
    }
    let by_id = |a: &DocumentChange, b: &DocumentChange| crate::text::natural_cmp(&a.id, &b.id);
    issued.sort_by(by_id);
    revised.sort_by(by_id);

    let records = |kind: RecordKind| facts.records.iter().filter(move |r| r.kind() == kind);
    let in_period = |date: Option<Date>| date.is_some_and(|d| period.contains(d));
    let audits = records(RecordKind::AuditReport)
        .filter(|r| in_period(r.front.date))
        .map(|r| {
            let count = |kind| r.front.findings().iter().filter(|f| f.kind == kind).count();
            AuditLine {
                id: r.id().to_string(),
                date: r.front.date.map(|d| d.to_string()).unwrap_or_default(),
                unit: r
                    .front
                    .unit()
                    .map(|id| facts.config.unit(id).map(|u| u.name.clone()).unwrap_or_else(|| id.to_string()))
                    .unwrap_or_default(),
                nonconformities: count(FindingKind::Nonconformity),
                observations: count(FindingKind::Observation),
                opportunities: count(FindingKind::Opportunity),
                closed: stage(r) == Stage::Closed,
            }
        })
        .collect();
    let management_reviews = records(RecordKind::ManagementReview)
        .filter(|r| in_period(r.front.date))
        .map(|r| {
            let approved = timeline(r.id()).is_some_and(|t| t.has_issue());
            format!(
                "{} ({}{})",
                r.id(),
                r.front.date.map(|d| i18n::format::date(d, lang)).unwrap_or_default(),
                if approved {
                    String::new()
                } else {
                    format!(", {}", i18n::label(lang, "label-minutes-not-approved"))
                }
            )
        })
        .collect();
    let ncs: Vec<&Record> = records(RecordKind::Nonconformity).collect();
    let closed_in_year = ncs
        .iter()
        .filter(|r| {
            timeline(r.id()).is_some_and(|t| {
                t.events
                    .iter()
                    .any(|e| e.is_valid() && e.trailers.action == Action::Close && in_year(&e.trailers.signed_at))
            })
        })
        .count();
    let objectives = objectives::status(facts.documents, facts.records, period, facts.as_of)
        .into_iter()
        .map(|s| ObjectiveLine {
            objective: format!("{} / {}: {}", s.document, s.number, s.objective.objective),
            target: s.objective.target_in(lang),
            result: s.latest_in(lang).unwrap_or_else(|| "—".into()),
            status: s.status.label(lang).to_string(),
        })
        .collect();
    let scope = declaration::data(facts);
    let declaration = in_force(facts.register)
        .find(|e| e.doc.front.doc_type == DECLARATION_TYPE)
        .map(|e| {
            format!(
                "{} ({} {}{})",
                e.doc.id(),
                i18n::label(lang, "label-issue-4"),
                e.state.issue,
                e.state
                    .effective_since
                    .as_deref()
                    .map(|t| format!(", {}", i18n::format::date_of(t, None, lang)))
                    .unwrap_or_default()
            )
        });
    AnnualReport {
        organisation: facts.config.organisation.name.clone(),
        superior: facts.config.organisation.superior.clone(),
        year,
        as_of: facts.as_of,
        declaration,
        procedures_in_scope: scope.scope.len(),
        procedures_in_catalogue: scope.scope.len() + scope.outside_scope.len(),
        outside_scope: scope.outside_scope,
        documents_in_force: in_force(facts.register).count(),
        issued,
        revised,
        withdrawn,
        audits,
        management_reviews,
        nonconformities_found: ncs.iter().filter(|r| in_period(r.front.date)).count(),
        nonconformities_closed: closed_in_year,
        nonconformities_open: ncs
            .iter()
            .filter(|r| r.front.date.is_some_and(|d| d <= period.last_day()) && stage(r) != Stage::Closed)
            .map(|r| r.id().to_string())
            .collect(),
        objectives,
        scope_changes,
    }
}

/// The annual report as an administrative document of the agency: `BÁO
/// CÁO`, issued by the People's Committee as a body (`TM.`) or by the head,
/// signed by the head, to the recipients of qms.yaml (by default the
/// provincial Department of Science and Technology, or the Ministry for a
/// central agency). The subject is the report's title line.
pub(crate) fn layout(workspace: &crate::workspace::Workspace, markdown: &str, year: i16) -> crate::model::administrative::Layout {
    use crate::model::administrative::{self, Issuer, Request};
    let title = markdown.lines().next().unwrap_or_default().trim_start_matches('#').trim();
    let title = sentence_case(title);
    let head = workspace.signers().ok().and_then(administrative::head_of);
    administrative::layout(
        &workspace.config,
        &Request {
            kind_label: "Báo cáo",
            title: &title,
            issuer: Issuer::Collective,
            registration: None,
            year,
            signer: head.map(|p| p.name.as_str()),
            deputy: false,
            extra_recipients: &[],
        },
    )
}

/// `BÁO CÁO TÌNH HÌNH …` → `Báo cáo tình hình …`: a title line in capitals
/// reads as a subject line in sentence case.
fn sentence_case(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace("tcvn iso", "TCVN ISO"),
        None => String::new(),
    }
}
