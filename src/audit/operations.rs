//! What `qms audit` does, as use-cases with typed inputs and outcomes:
//! write the programme, plan an audit, draw up a checklist, add a finding,
//! close the report, list the audits. The command parses and prints.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use serde::Serialize;

use super::checklist::{self, Checklist, EffectiveDocument, Scope};
use super::{forms, programme};
use crate::finding::Finding;
use crate::i18n;
use crate::improvement::nc;
use crate::model::clauses;
use crate::model::config::Language;
use crate::model::document::Document;
use crate::model::record::{
    AuditFinding, AuditPlan, AuditProgramme, AuditReport, FindingKind, KindFields, NcSource, Record, RecordFront, RecordKind,
};
use crate::model::signers::{PersonStatus, SignerPolicy};
use crate::msg;
use crate::render::markdown::section_entries;
use crate::render::templates::Templates;
use crate::repo::{CommitId, DocRepo};
use crate::workflow::actions::{ContentChange, StepRequest, StepResult, acting_person, commit_content, step};
use crate::workflow::history::{History, StateKind};
use crate::workflow::record_steps::{self, Stage};
use crate::workflow::records::{self, Created, NewRecord};
use crate::workflow::register;
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// The section of a process that names the records it keeps, as the
/// templates title it in each language, and the column that holds them:
/// what a checklist asks the auditor to see as evidence.
const EVIDENCE_SECTIONS: &[&str] = &["Hồ sơ cần lưu", "Records to keep", "Records"];
const EVIDENCE_COLUMNS: &[&str] = &["Hồ sơ", "Record"];

/// The `audit-*` labels of the catalogue, for the audit templates.
pub(crate) fn labels(lang: Language) -> BTreeMap<&'static str, &'static str> {
    i18n::labels_under(lang, "audit-").into_iter().collect()
}

/// The templates, with the repository's overrides.
pub(crate) fn templates(workspace: &Workspace) -> Result<Templates> {
    Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))
}

/// People who may audit: active, holding a role marked `auditor: true`.
fn auditors(policy: &SignerPolicy) -> Vec<programme::Auditor> {
    policy
        .people
        .iter()
        .filter(|p| p.status == PersonStatus::Active)
        .filter(|p| p.roles.iter().any(|r| policy.role(r).is_some_and(|role| role.auditor)))
        .map(|p| programme::Auditor {
            id: p.id.clone(),
            unit: p.unit.clone(),
        })
        .collect()
}

/// People by name, from the signer policy.
fn names_of(policy: &SignerPolicy) -> impl Fn(&str) -> String + '_ {
    |id: &str| policy.person(id).map_or_else(|| id.to_string(), |p| p.name.clone())
}

pub(crate) struct ProgrammeRequest {
    /// Default: this year.
    pub year: Option<i16>,
    /// Default: the owner of the quality manual, else the first unit.
    pub system_unit: Option<String>,
}

/// The programme committed, and its body as written.
pub(crate) struct ProgrammeWritten {
    pub created: Created,
    pub body: String,
}

/// Writes the year's audit programme (every unit, every clause, auditors
/// from other units) as one record.
pub(crate) fn write_programme(workspace: &Workspace, lang: Language, request: ProgrammeRequest) -> Result<ProgrammeWritten> {
    let now = workspace.now()?;
    let year = request.year.unwrap_or(now.year());
    let path = super::programme_path(year);
    let exists = || msg!("error-programme-exists", path = path.display(), id = super::programme_id(year));
    let mut written_body = String::new();
    let created = records::create(
        workspace,
        |creating| {
            if workspace.root.join(&path).exists() {
                bail!(exists());
            }
            let documents = workspace.load_documents();
            let units: Vec<String> = workspace.config.units.iter().map(|u| u.id.clone()).collect();
            let system_unit = match request.system_unit {
                Some(unit) => unit,
                None => documents
                    .documents
                    .iter()
                    .find(|d| d.front.doc_type == "manual")
                    .map(|d| d.front.owner.clone())
                    .or_else(|| units.first().cloned())
                    .unwrap_or_default(),
            };
            let policy = workspace.signers()?;
            let entries = programme::plan(&units, &system_unit, &auditors(policy))
                .map_err(|problems| anyhow!(msg!("error-programme-impossible", year = year, problems = problems.join("\n  "))))?;
            let name_of_unit = |id: &str| workspace.config.unit(id).map(|u| u.name.clone()).unwrap_or_else(|| id.to_string());
            let name_of_person = names_of(policy);
            let rows: Vec<serde_json::Value> = entries
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "unit_name": name_of_unit(&e.unit),
                        "clauses": e.clauses,
                        "month": e.month,
                        "auditor_names": e.auditors.iter().map(|a| name_of_person(a)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            written_body = templates(workspace)?.render(
                "audit/programme.md",
                &serde_json::json!({ "labels": labels(lang), "year": year, "entries": rows }),
            )?;
            let mut front = RecordFront::new(
                &super::programme_id(year),
                &format!("{} {year}", labels(lang)["programme"]),
                &system_unit,
                KindFields::AuditProgramme(AuditProgramme { year, audits: entries }),
            );
            front.date = Some(now.date());
            front.author = Some(creating.person.id.clone());
            Ok(NewRecord {
                front,
                body: format!("\n{written_body}"),
                path: path.clone(),
                message: format!("qms: audit programme {year}"),
            })
        },
        |_| exists(),
    )?;
    Ok(ProgrammeWritten {
        created,
        body: written_body,
    })
}

pub(crate) struct PlanRequest {
    pub unit: String,
    pub date: Date,
    /// Default: the programme's clauses for the unit.
    pub clauses: Vec<String>,
    pub processes: Vec<String>,
    /// Default: the programme's first auditor for the unit.
    pub lead: Option<String>,
    /// Default (when neither team nor clauses are given): the programme's other auditors.
    pub team: Vec<String>,
    pub purpose: Option<String>,
    pub criteria: Option<String>,
}

/// Plans one audit (form BM-02-02): scope from the programme unless given,
/// a lead and team who may audit and are not from the unit audited.
pub(crate) fn plan(workspace: &Workspace, lang: Language, request: PlanRequest) -> Result<Created> {
    let year = request.date.year();
    records::create(
        workspace,
        |creating| {
            let policy = workspace.signers()?;
            workspace.config.require_unit(&request.unit)?;
            let programmed = creating
                .records
                .iter()
                .find(|r| r.id() == super::programme_id(year))
                .and_then(|p| p.front.get::<AuditProgramme>())
                .and_then(|p| p.audits.iter().find(|e| e.unit == request.unit).cloned());
            let clauses_in_scope = if request.clauses.is_empty() {
                programmed
                    .as_ref()
                    .map(|e| e.clauses.clone())
                    .ok_or_else(|| msg!("error-programme-no-unit", year = year, unit = &request.unit))?
            } else {
                request.clauses.clone()
            };
            for clause in &clauses_in_scope {
                clauses::require(clause)?;
            }
            let programmed_auditors = programmed.map(|e| e.auditors).unwrap_or_default();
            let lead = request
                .lead
                .or_else(|| programmed_auditors.first().cloned())
                .ok_or_else(|| msg!("error-no-lead"))?;
            let team = if request.team.is_empty() && request.clauses.is_empty() {
                programmed_auditors.into_iter().filter(|a| *a != lead).collect()
            } else {
                request.team
            };
            let eligible = auditors(policy);
            for id in std::iter::once(&lead).chain(&team) {
                let Some(auditor) = eligible.iter().find(|a| &a.id == id) else {
                    bail!(msg!("error-not-auditor", id = id));
                };
                if auditor.unit.as_deref() == Some(request.unit.as_str()) {
                    bail!(msg!("error-own-unit", id = id, unit = &request.unit));
                }
            }
            let documents = workspace.load_documents();
            for process in &request.processes {
                documents.by_id(process)?;
            }
            let id = super::next_audit_id(creating.records, year);
            let unit_name = workspace.config.unit(&request.unit).map(|u| u.name.clone()).unwrap_or_default();
            let mut plan = AuditPlan {
                unit: Some(request.unit.clone()),
                clauses: clauses_in_scope,
                processes: request.processes,
                lead: Some(lead),
                team,
                criteria: request.criteria.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()),
                purpose: request.purpose.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
            };
            forms::plan_defaults(&mut plan, &unit_name, lang);
            let mut front = RecordFront::new(
                &id,
                &format!("{} {unit_name}", i18n::label(lang, "label-internal-audit-plan-2")),
                &request.unit,
                KindFields::AuditPlan(plan.clone()),
            );
            front.date = Some(request.date);
            front.author = Some(creating.person.id.clone());
            let body = forms::plan_body(&front, &plan, &unit_name, &names_of(policy), lang);
            Ok(NewRecord {
                path: super::plan_path(&id, year),
                message: format!("qms: audit plan {id}"),
                front,
                body,
            })
        },
        |id| msg!("error-exists", path = super::plan_path(id, year).display()),
    )
}

/// What a checklist is drawn up for (one of them).
pub(crate) enum ChecklistScope {
    Unit(String),
    Clause(String),
    Process(String),
    /// A planned audit: its unit and clauses.
    Audit(String),
}

/// A checklist, and the documents left out of it because they cannot be read.
pub(crate) struct ChecklistOutcome {
    pub checklist: Checklist,
    pub skipped: Vec<Finding>,
    /// The planned audit it is for.
    pub audit: Option<String>,
}

/// The checklist for a scope, asked against the effective issue of each
/// document (what is in force, not the working tree).
pub(crate) fn checklist(workspace: &Workspace, lang: Language, scope: ChecklistScope) -> Result<ChecklistOutcome> {
    let (scope, only, audit) = match scope {
        ChecklistScope::Unit(unit) => {
            workspace.config.require_unit(&unit)?;
            (Scope::Unit(unit), Vec::new(), None)
        }
        ChecklistScope::Clause(clause) => {
            clauses::require(&clause)?;
            (Scope::Clause(clause), Vec::new(), None)
        }
        ChecklistScope::Process(process) => {
            workspace.load_documents().by_id(&process)?;
            (Scope::Process(process), Vec::new(), None)
        }
        ChecklistScope::Audit(id) => {
            let records = workspace.load_records();
            let plan = records.by_id_of_kind(&id, RecordKind::AuditPlan)?;
            let plan = plan.front.fields_of::<AuditPlan>()?;
            let unit = plan.unit.clone().unwrap_or_default();
            (Scope::Unit(unit), plan.clauses.clone(), Some(id))
        }
    };
    let (documents, skipped) = effective_documents(workspace)?;
    let unit_name = |id: &str| workspace.config.unit(id).map(|u| u.name.clone());
    Ok(ChecklistOutcome {
        checklist: checklist::build(&scope, &only, &documents, lang, &unit_name),
        skipped,
        audit,
    })
}

/// Every effective document, read from its effective issue in git, and a
/// finding for each document left out because it cannot be read.
fn effective_documents(workspace: &Workspace) -> Result<(Vec<EffectiveDocument>, Vec<Finding>)> {
    let repo = DocRepo::open(&workspace.root)?;
    let (loaded, git) = register::load_both(workspace, Some(&repo))?;
    let git = git.ok_or_else(|| msg!("error-no-history"))?;
    let entries = register::build(&loaded.documents, Some(&git));
    let mut skipped: Vec<Finding> = loaded.findings.iter().filter(|f| f.is_error()).cloned().collect();
    let mut out = Vec::new();
    for entry in entries {
        if !matches!(entry.state.kind, StateKind::Effective | StateKind::Changed | StateKind::InReview) {
            continue;
        }
        let Some(blob) = &entry.state.effective_blob else { continue };
        let doc = match Document::parse_bytes(&entry.doc.path, &repo.read_blob(blob)?).into_result() {
            Ok(doc) => doc,
            Err(findings) => {
                skipped.extend(findings.0.into_iter().filter(Finding::is_error));
                continue;
            }
        };
        out.push(EffectiveDocument {
            evidence: section_entries(&doc.body, EVIDENCE_SECTIONS, EVIDENCE_COLUMNS),
            id: doc.front.id,
            title: doc.front.title,
            owner: doc.front.owner,
            clauses: doc.front.clauses,
            links: doc.front.links,
            issue: entry.state.issue,
            effective_date: entry
                .state
                .effective_since
                .as_deref()
                .and_then(|s| s.get(..10))
                .unwrap_or_default()
                .to_string(),
        });
    }
    Ok((out, skipped))
}

/// An audit's plan, and its report when one has been started.
fn load_plan(workspace: &Workspace, id: &str) -> Result<(Record, Option<Record>)> {
    let records = workspace.load_records();
    let plan = records.by_id_of_kind(id, RecordKind::AuditPlan)?.clone();
    let report = records.by_id(&super::report_id(id)).ok().cloned();
    Ok((plan, report))
}

/// The report of an audit before its first finding.
fn empty_report(plan: &Record, lang: Language) -> Result<Record> {
    let fields = plan.front.fields_of::<AuditPlan>()?;
    let report = AuditReport {
        audit: plan.id().to_string(),
        unit: fields.unit.clone(),
        lead: fields.lead.clone(),
        findings: Vec::new(),
        conclusion: None,
        auditee: None,
    };
    let mut front = RecordFront::new(
        &super::report_id(plan.id()),
        &format!("{} {}", i18n::label(lang, "label-internal-audit-report-2"), plan.id()),
        &plan.front.owner,
        KindFields::AuditReport(report),
    );
    front.date = plan.front.date;
    Ok(Record {
        path: super::report_path(plan),
        front,
        body: "\n".into(),
        field_lines: Default::default(),
    })
}

/// The report's body: form BM-02-04 for `report`, under its plan.
fn report_form(workspace: &Workspace, plan: &Record, report: &AuditReport, lang: Language) -> Result<String> {
    let fields = plan.front.fields_of::<AuditPlan>()?;
    let unit = fields.unit.as_deref().unwrap_or_default();
    let unit_name = workspace.config.unit(unit).map_or_else(|| unit.to_string(), |u| u.name.clone());
    Ok(forms::report_body(
        report,
        &plan.front,
        fields,
        &unit_name,
        &names_of(workspace.signers()?),
        lang,
    ))
}

pub(crate) struct FindingRequest {
    /// The audit's plan id.
    pub audit: String,
    pub clause: String,
    pub kind: FindingKind,
    pub text: String,
}

/// The finding written into the report.
pub(crate) struct FindingAdded {
    pub commit: CommitId,
    pub report: String,
    pub number: u32,
    /// The nonconformity opened for it.
    pub opened: Option<String>,
}

/// Adds a finding to an audit's report (starting the report at the first
/// one); a nonconformity also opens an NC record, in the same commit. A
/// closed report takes no more findings.
pub(crate) fn add_finding(workspace: &Workspace, lang: Language, request: FindingRequest) -> Result<FindingAdded> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let (plan, report) = load_plan(workspace, &request.audit)?;
    clauses::require(&request.clause)?;
    let text = request.text.trim();
    if text.is_empty() {
        bail!(msg!("error-finding-text"));
    }
    let mut report = match report {
        Some(report) => {
            let history = History::load(&repo, None)?;
            if record_steps::stage_of_record(history.timeline(report.id()), &report) == Stage::Closed {
                bail!(msg!("error-report-closed", audit = &request.audit));
            }
            report
        }
        None => empty_report(&plan, lang)?,
    };
    let number = report
        .front
        .fields_of::<AuditReport>()?
        .findings
        .iter()
        .map(|f| f.number)
        .max()
        .unwrap_or(0)
        + 1;
    let mut files = Vec::new();
    let mut opened = None;
    if request.kind == FindingKind::Nonconformity {
        let records = workspace.load_records();
        let date = plan.front.date.unwrap_or(workspace.now()?.date());
        let id = nc::next_id(&records, date.year());
        let front = nc::open(nc::Opening {
            id: id.clone(),
            date,
            found: nc::Found {
                source: NcSource::InternalAudit,
                clause: request.clause.clone(),
                unit: plan.front.fields_of::<AuditPlan>()?.unit.clone().unwrap_or_default(),
                severity: None,
                description: text.to_string(),
                audit: Some(plan.id().to_string()),
            },
            author: person.id.clone(),
            owner: plan.front.owner.clone(),
        });
        files.push((nc::path_of(&id), front.to_file(&nc::body(lang))?.into_bytes()));
        opened = Some(id);
    }
    let fields = report.front.fields_of_mut::<AuditReport>()?;
    fields.findings.push(AuditFinding {
        number,
        clause: request.clause.clone(),
        kind: request.kind,
        text: text.to_string(),
        nc: opened.clone(),
    });
    report.body = report_form(workspace, &plan, fields, lang)?;
    files.push((report.path.clone(), report.front.to_file(&report.body)?.into_bytes()));
    let message = format!(
        "qms: audit finding {} #{number} ({})",
        plan.id(),
        super::finding_kind_label(request.kind, lang)
    );
    let commit = commit_content(&repo, &person, ContentChange { files, message }, &workspace.now()?)?;
    Ok(FindingAdded {
        commit,
        report: report.front.id,
        number,
        opened,
    })
}

pub(crate) struct CloseRequest {
    pub audit: String,
    /// Required unless the report already holds one.
    pub conclusion: Option<String>,
    /// Who signs the report for the unit audited.
    pub auditee: Option<String>,
}

/// Writes the conclusion (and auditee) into the report and closes it with
/// the lead auditor's step, in one go. An audit that found nothing is
/// closed with a report holding only its conclusion.
pub(crate) fn close(workspace: &Workspace, lang: Language, request: CloseRequest, signed: &StepRequest) -> Result<StepResult> {
    acting_person(workspace)?;
    let (plan, report) = load_plan(workspace, &request.audit)?;
    let mut report = match report {
        Some(report) => report,
        None => empty_report(&plan, lang)?,
    };
    let fields = report.front.fields_of_mut::<AuditReport>()?;
    if let Some(conclusion) = request.conclusion.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        fields.conclusion = Some(conclusion.to_string());
    }
    if fields.conclusion.is_none() {
        bail!(msg!("error-audit-conclusion", audit = &request.audit));
    }
    if let Some(auditee) = &request.auditee {
        workspace
            .signers()?
            .person(auditee)
            .ok_or_else(|| msg!("error-record-person", person = auditee))?;
        fields.auditee = Some(auditee.clone());
    }
    report.body = report_form(workspace, &plan, fields, lang)?;
    let content = ContentChange {
        files: vec![(report.path.clone(), report.front.to_file(&report.body)?.into_bytes())],
        message: format!("qms: report {} (conclusion)", report.front.id),
    };
    step(workspace, signed, Some(content))
}

/// An audit as `qms audit list` shows it (the JSON keeps this field order).
#[derive(Serialize)]
pub(crate) struct AuditSummary {
    pub id: String,
    pub unit: Option<String>,
    pub date: Option<Date>,
    pub lead: Option<String>,
    pub clauses: Vec<String>,
    pub findings: Vec<AuditFinding>,
    pub report: Option<String>,
    pub closed: bool,
    pub path: PathBuf,
}

impl AuditSummary {
    pub(crate) fn nonconformities(&self) -> usize {
        self.findings.iter().filter(|f| f.kind == FindingKind::Nonconformity).count()
    }

    /// Where the report stands: none yet, open, or closed.
    pub(crate) fn report_label(&self, lang: Language) -> &'static str {
        match (&self.report, self.closed) {
            (None, _) => i18n::label(lang, "label-none-yet-2"),
            (Some(_), true) => i18n::label(lang, "label-closed"),
            (Some(_), false) => i18n::label(lang, "label-open-2"),
        }
    }
}

/// Every planned audit with its findings and whether its report is closed.
pub(crate) fn list(workspace: &Workspace) -> Result<Vec<AuditSummary>> {
    let records = workspace.load_records();
    let repo = register::open_repo(workspace)?;
    let history = repo.as_ref().map(|r| History::load(r, None)).transpose()?;
    Ok(records
        .of_kind(RecordKind::AuditPlan)
        .map(|plan| {
            let report = records.by_id(&super::report_id(plan.id())).ok();
            let closed = report
                .is_some_and(|r| record_steps::stage_of_record(history.as_ref().and_then(|h| h.timeline(r.id())), r) == Stage::Closed);
            let fields = plan.front.get::<AuditPlan>();
            AuditSummary {
                id: plan.id().to_string(),
                unit: fields.and_then(|p| p.unit.clone()),
                date: plan.front.date,
                lead: fields.and_then(|p| p.lead.clone()),
                clauses: fields.map(|p| p.clauses.clone()).unwrap_or_default(),
                findings: report
                    .and_then(|r| r.front.get::<AuditReport>())
                    .map(|r| r.findings.clone())
                    .unwrap_or_default(),
                report: report.map(|r| r.id().to_string()),
                closed,
                path: plan.path.clone(),
            }
        })
        .collect())
}
