//! `qms audit`

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;

use super::output::{HumanOrJson, print, print_csv, print_json, table};
use super::step::{StepOptions, acting_person, print_commits};
use super::{Global, Outcome};
use crate::audit::checklist::{self, EffectiveDocument, Scope};
use crate::audit::{self, forms, programme};
use crate::i18n;
use crate::improvement::nc;
use crate::model::clauses;
use crate::model::config::Language;
use crate::model::document::Document;
use crate::model::record::{AuditFinding, FindingKind, NcSource, Record, RecordFront, RecordKind};
use crate::model::signers::{PersonStatus, SignerPolicy};
use crate::msg;
use crate::render::markdown::section_entries;
use crate::render::templates::Templates;
use crate::repo::DocRepo;
use crate::workflow::actions::{ContentChange, commit_content, perform_with};
use crate::workflow::history::{History, StateKind};
use crate::workflow::record_steps::{self, Stage};
use crate::workflow::register;
use crate::workflow::trailers::Action;
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// Internal audits (ISO 9001:2015 9.2): programme, plan, checklist, findings, report.
///
/// The programme covers every unit and clause in the year with auditors from
/// other units; a plan fixes one audit; the checklist asks the built-in audit
/// questions against the unit's effective documents; findings go into the
/// audit's report (a nonconformity also opens an NC), which the lead auditor
/// closes with a signed step. Every artefact is a record in git.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  qms audit programme --year 2027
  qms audit plan --unit phuc-vu-hcc --date 2027-04-15
  qms audit checklist --audit DGNB-2027-01 --format html > checklist.html
  qms audit checklist --clause 8.5 --format csv > 8.5.csv
  qms audit finding DGNB-2027-01 --clause 8.5.1 --kind nonconformity -m \"2 hồ sơ trả trễ hạn\"
  QMS_USER=le-van-cuong qms audit close DGNB-2027-01
  qms audit list --format json")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Sub {
    /// Write the annual audit programme (records/audits/YEAR/programme.md).
    Programme(ProgrammeArgs),
    /// Plan one audit: unit, date, clauses, lead auditor and team.
    Plan(PlanArgs),
    /// The checklist for a unit, a clause, a process or a planned audit.
    Checklist(ChecklistArgs),
    /// Record a finding in an audit's report.
    Finding(FindingArgs),
    /// Close an audit's report (the lead auditor signs it off).
    Close(CloseArgs),
    /// List the audits with their findings and whether the report is closed.
    List(ListArgs),
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms audit programme --year 2027")]
pub(crate) struct ProgrammeArgs {
    /// The year (default: this year).
    #[arg(long)]
    pub year: Option<i16>,
    /// The unit that runs the QMS, audited on every clause (default: the owner of the quality manual).
    #[arg(long)]
    pub system_unit: Option<String>,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms audit plan --unit phuc-vu-hcc --date 2027-04-15")]
pub(crate) struct PlanArgs {
    /// The unit audited.
    #[arg(long)]
    pub unit: String,
    /// The day of the audit (YYYY-MM-DD).
    #[arg(long)]
    pub date: Date,
    /// A clause in scope (repeat; default: the programme's clauses for the unit).
    #[arg(long = "clause")]
    pub clauses: Vec<String>,
    /// A process in scope (repeat).
    #[arg(long = "process")]
    pub processes: Vec<String>,
    /// The lead auditor (default: the programme's first auditor for the unit).
    #[arg(long)]
    pub lead: Option<String>,
    /// Another auditor (repeat; default: the programme's other auditors).
    #[arg(long = "team")]
    pub team: Vec<String>,
    /// The purpose of the audit (default: conformity and effectiveness of the QMS at the unit).
    #[arg(long)]
    pub purpose: Option<String>,
    /// The audit criteria (default: TCVN ISO 9001:2015, the documents in force, the law).
    #[arg(long)]
    pub criteria: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ChecklistFormat {
    Md,
    Html,
    /// UTF-8 with a byte-order mark, for spreadsheet programs.
    Csv,
}

#[derive(clap::Args, Debug)]
#[group(id = "scope", required = true, multiple = false)]
pub(crate) struct ScopeArgs {
    /// The unit's effective documents, against every clause.
    #[arg(long, group = "scope")]
    pub unit: Option<String>,
    /// One clause and its sub-clauses, across all units.
    #[arg(long, group = "scope")]
    pub clause: Option<String>,
    /// A process and the documents it links to, against the clauses it lists.
    #[arg(long, group = "scope")]
    pub process: Option<String>,
    /// A planned audit: its unit and clauses.
    #[arg(long, group = "scope")]
    pub audit: Option<String>,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms audit checklist --audit DGNB-2027-01 --format html > checklist.html\n  qms audit checklist --clause 8.5 --format csv > 8.5.csv"
)]
pub(crate) struct ChecklistArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = ChecklistFormat::Md)]
    pub format: ChecklistFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum KindArg {
    Nonconformity,
    Observation,
    Opportunity,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms audit finding DGNB-2027-01 --clause 8.5.1 --kind nonconformity -m \"2 hồ sơ trả trễ hạn\"")]
pub(crate) struct FindingArgs {
    /// The audit (its plan id, e.g. DGNB-2027-01).
    pub audit: String,
    /// The ISO 9001:2015 clause the finding is against (e.g. 8.5.1).
    #[arg(long)]
    pub clause: String,
    /// nonconformity (also opens a nonconformity record), observation, or
    /// opportunity for improvement.
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// What was found.
    #[arg(short, long)]
    pub message: String,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  QMS_USER=le-van-cuong qms audit close DGNB-2027-01")]
pub(crate) struct CloseArgs {
    /// The audit, by its plan id (e.g. DGNB-2027-01).
    pub audit: String,
    /// The lead auditor's conclusion, written into the report (BM-02-04);
    /// required unless the report already holds one.
    #[arg(long)]
    pub conclusion: Option<String>,
    /// Who signs the report for the unit audited (a person id).
    #[arg(long)]
    pub auditee: Option<String>,
    /// A closing remark, kept in the commit message.
    #[arg(short, long)]
    pub message: Option<String>,
    #[command(flatten)]
    pub options: StepOptions,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms audit list\n  qms audit list --format json")]
pub(crate) struct ListArgs {
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = HumanOrJson::Human)]
    pub format: HumanOrJson,
}

pub(crate) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    match args.command {
        Sub::Programme(a) => write_programme(&workspace, lang, a),
        Sub::Plan(a) => plan(&workspace, lang, a),
        Sub::Checklist(a) => write_checklist(&workspace, lang, a),
        Sub::Finding(a) => finding(&workspace, lang, a),
        Sub::Close(a) => close(&workspace, lang, a),
        Sub::List(a) => list(&workspace, lang, a),
    }
}

fn labels(lang: Language) -> BTreeMap<&'static str, &'static str> {
    i18n::labels_under(lang, "audit-").into_iter().collect()
}

fn templates(workspace: &Workspace) -> Result<Templates> {
    Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))
}

/// People holding an auditor role, active.
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

fn write_programme(workspace: &Workspace, lang: Language, args: ProgrammeArgs) -> Result<Outcome> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let now = workspace.now()?;
    let year = args.year.unwrap_or(now.year());
    let path = audit::programme_path(year);
    if workspace.root.join(&path).exists() {
        bail!(msg!(
            "error-programme-exists",
            path = path.display(),
            id = audit::programme_id(year)
        ));
    }
    let documents = workspace.load_documents();
    let units: Vec<String> = workspace.config.units.iter().map(|u| u.id.clone()).collect();
    let system_unit = match args.system_unit {
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
    let mut front = RecordFront::new(
        &audit::programme_id(year),
        &format!("{} {year}", labels(lang)["programme"]),
        RecordKind::AuditProgramme,
        &system_unit,
    );
    front.year = Some(year);
    front.date = Some(now.date());
    front.author = Some(person.id.clone());
    front.audits = entries;
    let name_of_unit = |id: &str| workspace.config.unit(id).map(|u| u.name.clone()).unwrap_or_else(|| id.to_string());
    let name_of_person = |id: &str| policy.person(id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_string());
    let rows: Vec<serde_json::Value> = front
        .audits
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
    let body = templates(workspace)?.render(
        "audit/programme.md",
        &serde_json::json!({ "labels": labels(lang), "year": year, "entries": rows }),
    )?;
    let commit = commit_content(
        &repo,
        &person,
        ContentChange {
            files: vec![(path.clone(), front.to_file(&format!("\n{body}"))?.into_bytes())],
            message: format!("qms: audit programme {year}"),
        },
        &now,
    )?;
    print(&format!("{} {} ({})", &commit[..12], front.id, path.display()))?;
    print(&body)?;
    Ok(Outcome::Success)
}

fn plan(workspace: &Workspace, lang: Language, args: PlanArgs) -> Result<Outcome> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let policy = workspace.signers()?;
    workspace.config.require_unit(&args.unit)?;
    let year = args.date.year();
    let records = workspace.load_records();
    let programmed = records
        .by_id(&audit::programme_id(year))
        .ok()
        .and_then(|p| p.front.audits.iter().find(|e| e.unit == args.unit).cloned());
    let clauses_in_scope = if args.clauses.is_empty() {
        programmed
            .as_ref()
            .map(|e| e.clauses.clone())
            .ok_or_else(|| msg!("error-programme-no-unit", year = year, unit = &args.unit))?
    } else {
        args.clauses.clone()
    };
    for clause in &clauses_in_scope {
        clauses::require(clause)?;
    }
    let programmed_auditors = programmed.map(|e| e.auditors).unwrap_or_default();
    let lead = args
        .lead
        .or_else(|| programmed_auditors.first().cloned())
        .ok_or_else(|| msg!("error-no-lead"))?;
    let team = if args.team.is_empty() && args.clauses.is_empty() {
        programmed_auditors.into_iter().filter(|a| *a != lead).collect()
    } else {
        args.team
    };
    let eligible = auditors(policy);
    for id in std::iter::once(&lead).chain(&team) {
        let Some(auditor) = eligible.iter().find(|a| &a.id == id) else {
            bail!(msg!("error-not-auditor", id = id));
        };
        if auditor.unit.as_deref() == Some(args.unit.as_str()) {
            bail!(msg!("error-own-unit", id = id, unit = &args.unit));
        }
    }
    let documents = workspace.load_documents();
    for process in &args.processes {
        documents.by_id(process)?;
    }
    let id = audit::next_audit_id(&records, year);
    let unit_name = workspace.config.unit(&args.unit).map(|u| u.name.clone()).unwrap_or_default();
    let mut front = RecordFront::new(
        &id,
        &format!("{} {unit_name}", i18n::label(lang, "label-internal-audit-plan-2")),
        RecordKind::AuditPlan,
        &args.unit,
    );
    front.date = Some(args.date);
    front.author = Some(person.id.clone());
    front.unit = Some(args.unit.clone());
    front.clauses = clauses_in_scope;
    front.processes = args.processes;
    front.lead = Some(lead);
    front.team = team;
    front.purpose = args.purpose.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
    front.criteria = args.criteria.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    forms::plan_defaults(&mut front, &unit_name, lang);
    let path = audit::plan_path(&id, year);
    let body = forms::plan_body(&front, &unit_name, &names_of(policy), lang);
    let commit = commit_content(
        &repo,
        &person,
        ContentChange {
            files: vec![(path.clone(), front.to_file(&body)?.into_bytes())],
            message: format!("qms: audit plan {id}"),
        },
        &workspace.now()?,
    )?;
    print(&format!("{} {id} ({})", &commit[..12], path.display()))?;
    Ok(Outcome::Success)
}

/// Every effective document, read from its effective issue in git, and a
/// finding for each document left out because it cannot be read.
fn effective_documents(workspace: &Workspace) -> Result<(Vec<EffectiveDocument>, Vec<crate::finding::Finding>)> {
    let repo = DocRepo::open(&workspace.root)?;
    let (loaded, git) = register::load_both(workspace, Some(&repo))?;
    let git = git.ok_or_else(|| msg!("error-no-history"))?;
    let entries = register::build(&loaded.documents, Some(&git));
    let mut skipped: Vec<crate::finding::Finding> = loaded.findings.iter().filter(|f| f.is_error()).cloned().collect();
    let mut out = Vec::new();
    for entry in entries {
        if !matches!(entry.state.kind, StateKind::Effective | StateKind::Changed | StateKind::InReview) {
            continue;
        }
        let Some(blob) = &entry.state.effective_blob else { continue };
        let doc = match Document::parse_bytes(&entry.doc.path, &repo.read_blob(blob)?).into_result() {
            Ok(doc) => doc,
            Err(findings) => {
                skipped.extend(findings.0.into_iter().filter(crate::finding::Finding::is_error));
                continue;
            }
        };
        out.push(EffectiveDocument {
            evidence: section_entries(&doc.body, &["Hồ sơ cần lưu", "Records to keep", "Records"], &["Hồ sơ", "Record"]),
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

fn write_checklist(workspace: &Workspace, lang: Language, args: ChecklistArgs) -> Result<Outcome> {
    let s = args.scope;
    let (scope, only, audit) = if let Some(unit) = s.unit {
        workspace.config.require_unit(&unit)?;
        (Scope::Unit(unit), Vec::new(), None)
    } else if let Some(clause) = s.clause {
        clauses::require(&clause)?;
        (Scope::Clause(clause), Vec::new(), None)
    } else if let Some(process) = s.process {
        workspace.load_documents().by_id(&process)?;
        (Scope::Process(process), Vec::new(), None)
    } else {
        let id = s.audit.unwrap_or_default();
        let records = workspace.load_records();
        let plan = records.by_id_of_kind(&id, RecordKind::AuditPlan)?;
        let unit = plan.front.unit.clone().unwrap_or_default();
        (Scope::Unit(unit), plan.front.clauses.clone(), Some(id))
    };
    let (documents, skipped) = effective_documents(workspace)?;
    // A document that cannot be read is not silently missing from the list.
    for finding in &skipped {
        eprintln!("{finding}");
        eprintln!("  ({})", i18n::label(lang, "label-this-document-is-left-out-of"));
    }
    let unit_name = |id: &str| workspace.config.unit(id).map(|u| u.name.clone());
    let list = checklist::build(&scope, &only, &documents, lang, &unit_name);
    let headers = checklist::headers(lang);
    let context = serde_json::json!({
        "labels": labels(lang),
        "lang": lang.code(),
        "org": workspace.config.organisation.name,
        "audit": audit,
        "checklist": list,
        "headers": headers,
    });
    match args.format {
        ChecklistFormat::Csv => {
            let rows: Vec<Vec<String>> = list.rows.iter().map(|r| checklist::cells(r, lang)).collect();
            print_csv(&headers, &rows)?;
        }
        ChecklistFormat::Md => print(&templates(workspace)?.render("audit/checklist.md", &context)?)?,
        ChecklistFormat::Html => print(&templates(workspace)?.render("audit/checklist.html", &context)?)?,
    }
    Ok(Outcome::Success)
}

fn load_plan(workspace: &Workspace, id: &str) -> Result<(Record, Option<Record>)> {
    let records = workspace.load_records();
    let plan = records.by_id_of_kind(id, RecordKind::AuditPlan)?.clone();
    let report = records.by_id(&audit::report_id(id)).ok().cloned();
    Ok((plan, report))
}

fn report_stage(workspace: &Workspace, report: &Record) -> Result<Stage> {
    let repo = DocRepo::open(&workspace.root)?;
    let history = History::load(&repo, None)?;
    Ok(record_steps::stage_of_record(history.timeline(report.id()), report))
}

/// The report of an audit before its first finding.
fn empty_report(plan: &Record, lang: Language) -> Record {
    let mut front = RecordFront::new(
        &audit::report_id(plan.id()),
        &format!("{} {}", i18n::label(lang, "label-internal-audit-report-2"), plan.id()),
        RecordKind::AuditReport,
        &plan.front.owner,
    );
    front.date = plan.front.date;
    front.audit = Some(plan.id().to_string());
    front.unit = plan.front.unit.clone();
    front.lead = plan.front.lead.clone();
    Record {
        path: audit::report_path(plan),
        front,
        body: "\n".into(),
        field_lines: Default::default(),
    }
}

fn finding(workspace: &Workspace, lang: Language, args: FindingArgs) -> Result<Outcome> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let (plan, report) = load_plan(workspace, &args.audit)?;
    clauses::require(&args.clause)?;
    if args.message.trim().is_empty() {
        bail!(msg!("error-finding-text"));
    }
    let mut report = match report {
        Some(report) => {
            if report_stage(workspace, &report)? == Stage::Closed {
                bail!(msg!("error-report-closed", audit = &args.audit));
            }
            report
        }
        None => empty_report(&plan, lang),
    };
    let kind = match args.kind {
        KindArg::Nonconformity => FindingKind::Nonconformity,
        KindArg::Observation => FindingKind::Observation,
        KindArg::Opportunity => FindingKind::Opportunity,
    };
    let number = report.front.findings.iter().map(|f| f.number).max().unwrap_or(0) + 1;
    let mut files = Vec::new();
    let mut opened = None;
    if kind == FindingKind::Nonconformity {
        let records = workspace.load_records();
        let date = plan.front.date.unwrap_or(workspace.now()?.date());
        let id = nc::next_id(&records, date.year());
        let front = nc::open(nc::Opening {
            id: id.clone(),
            date,
            source: NcSource::InternalAudit,
            clause: args.clause.clone(),
            unit: plan.front.unit.clone().unwrap_or_default(),
            severity: None,
            description: args.message.trim().to_string(),
            audit: Some(plan.id().to_string()),
            author: person.id.clone(),
            owner: plan.front.owner.clone(),
        });
        files.push((nc::path_of(&id), front.to_file(&nc::body(lang))?.into_bytes()));
        opened = Some(id);
    }
    report.front.findings.push(AuditFinding {
        number,
        clause: args.clause.clone(),
        kind,
        text: args.message.trim().to_string(),
        nc: opened.clone(),
    });
    report.body = report_form(workspace, &plan, &report.front, lang)?;
    files.push((report.path.clone(), report.front.to_file(&report.body)?.into_bytes()));
    let commit = commit_content(
        &repo,
        &person,
        ContentChange {
            files,
            message: format!(
                "qms: audit finding {} #{number} ({})",
                plan.id(),
                audit::finding_kind_label(kind, lang)
            ),
        },
        &workspace.now()?,
    )?;
    let opened = opened.map(|id| format!("; opened {id}")).unwrap_or_default();
    print(&format!("{} {} #{number}{opened}", &commit[..12], report.front.id))?;
    Ok(Outcome::Success)
}

fn close(workspace: &Workspace, lang: Language, args: CloseArgs) -> Result<Outcome> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let (plan, report) = load_plan(workspace, &args.audit)?;
    // An audit that found nothing is closed with a report holding only its
    // conclusion, written together with the sign-off.
    let mut report = report.unwrap_or_else(|| empty_report(&plan, lang));
    if let Some(conclusion) = args.conclusion.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        report.front.conclusion = Some(conclusion.to_string());
    }
    if report.front.conclusion.is_none() {
        bail!(msg!("error-audit-conclusion", audit = &args.audit));
    }
    if let Some(auditee) = &args.auditee {
        workspace
            .signers()?
            .person(auditee)
            .ok_or_else(|| msg!("error-record-person", person = auditee))?;
        report.front.auditee = Some(auditee.clone());
    }
    report.body = report_form(workspace, &plan, &report.front, lang)?;
    let content = ContentChange {
        files: vec![(report.path.clone(), report.front.to_file(&report.body)?.into_bytes())],
        message: format!("qms: report {} (conclusion)", report.front.id),
    };
    let request = args
        .options
        .request(workspace, Action::Close, vec![report.front.id.clone()], args.message)?;
    let result = perform_with(workspace, &repo, &person, &request, &workspace.now()?, Some(content))?;
    print_commits(&result)?;
    Ok(Outcome::Success)
}

/// People by name, from the signer policy.
fn names_of(policy: &SignerPolicy) -> impl Fn(&str) -> String + '_ {
    |id: &str| policy.person(id).map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// The report's body: form BM-02-04 for `front`, under its plan.
fn report_form(workspace: &Workspace, plan: &Record, front: &RecordFront, lang: Language) -> Result<String> {
    let unit = plan.front.unit.as_deref().unwrap_or_default();
    let unit_name = workspace.config.unit(unit).map_or_else(|| unit.to_string(), |u| u.name.clone());
    Ok(forms::report_body(
        front,
        &plan.front,
        &unit_name,
        &names_of(workspace.signers()?),
        lang,
    ))
}

fn list(workspace: &Workspace, lang: Language, args: ListArgs) -> Result<Outcome> {
    let records = workspace.load_records();
    let repo = register::open_repo(workspace)?;
    let history = repo.as_ref().map(|r| History::load(r, None)).transpose()?;
    #[derive(serde::Serialize)]
    struct Audit<'a> {
        id: &'a str,
        unit: Option<&'a str>,
        date: Option<Date>,
        lead: Option<&'a str>,
        clauses: &'a [String],
        findings: Vec<&'a AuditFinding>,
        report: Option<&'a str>,
        closed: bool,
        path: PathBuf,
    }
    let audits: Vec<Audit<'_>> = records
        .of_kind(RecordKind::AuditPlan)
        .map(|plan| {
            let report = records.by_id(&audit::report_id(plan.id())).ok();
            let closed = report
                .is_some_and(|r| record_steps::stage_of_record(history.as_ref().and_then(|h| h.timeline(r.id())), r) == Stage::Closed);
            Audit {
                id: plan.id(),
                unit: plan.front.unit.as_deref(),
                date: plan.front.date,
                lead: plan.front.lead.as_deref(),
                clauses: &plan.front.clauses,
                findings: report.map(|r| r.front.findings.iter().collect()).unwrap_or_default(),
                report: report.map(|r| r.id()),
                closed,
                path: plan.path.clone(),
            }
        })
        .collect();
    match args.format {
        HumanOrJson::Json => print_json(&audits)?,
        HumanOrJson::Human => {
            let headers = [
                i18n::label(lang, "label-id"),
                i18n::label(lang, "label-unit"),
                i18n::label(lang, "label-date-2"),
                i18n::label(lang, "label-lead"),
                i18n::label(lang, "label-findings-2"),
                i18n::label(lang, "label-report"),
            ];
            let rows = audits
                .iter()
                .map(|a| {
                    let ncs = a.findings.iter().filter(|f| f.kind == FindingKind::Nonconformity).count();
                    vec![
                        a.id.to_string(),
                        a.unit.unwrap_or_default().to_string(),
                        a.date.map(|d| i18n::format::date(d, lang)).unwrap_or_default(),
                        a.lead.unwrap_or_default().to_string(),
                        format!("{} ({ncs} NC)", a.findings.len()),
                        match (a.report, a.closed) {
                            (None, _) => i18n::label(lang, "label-none-yet-2").to_string(),
                            (Some(_), true) => i18n::label(lang, "label-closed").to_string(),
                            (Some(_), false) => i18n::label(lang, "label-open-2").to_string(),
                        },
                    ]
                })
                .collect();
            print(&table(headers.iter().map(|h| h.to_string()).collect(), rows))?;
        }
    }
    Ok(Outcome::Success)
}
