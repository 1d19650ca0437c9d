//! `qms audit`

use anyhow::Result;
use jiff::civil::Date;

use super::output::{HumanOrJson, print, print_created, print_csv, print_json, table};
use super::step::{StepOptions, print_commits};
use super::{Global, Outcome};
use crate::audit::operations::{self, ChecklistScope};
use crate::audit::{self, checklist};
use crate::i18n;
use crate::model::config::Language;
use crate::model::record::FindingKind;
use crate::workflow::trailers::Action;
use crate::workspace::Workspace;

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

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    match args.command {
        Sub::Programme(a) => write_programme(&workspace, lang, a),
        Sub::Plan(a) => plan(&workspace, lang, a),
        Sub::Checklist(a) => write_checklist(global, &workspace, lang, a),
        Sub::Finding(a) => finding(&workspace, lang, a),
        Sub::Close(a) => close(&workspace, lang, a),
        Sub::List(a) => list(&workspace, lang, a),
    }
}

fn write_programme(workspace: &Workspace, lang: Language, args: ProgrammeArgs) -> Result<Outcome> {
    let request = operations::ProgrammeRequest {
        year: args.year,
        system_unit: args.system_unit,
    };
    let written = operations::write_programme(workspace, lang, request)?;
    print_created(&written.created)?;
    print(&written.body)?;
    Ok(Outcome::Success)
}

fn plan(workspace: &Workspace, lang: Language, args: PlanArgs) -> Result<Outcome> {
    let request = operations::PlanRequest {
        unit: args.unit,
        date: args.date,
        clauses: args.clauses,
        processes: args.processes,
        lead: args.lead,
        team: args.team,
        purpose: args.purpose,
        criteria: args.criteria,
    };
    print_created(&operations::plan(workspace, lang, request)?)?;
    Ok(Outcome::Success)
}

fn write_checklist(global: &Global, workspace: &Workspace, lang: Language, args: ChecklistArgs) -> Result<Outcome> {
    let s = args.scope;
    let scope = match (s.unit, s.clause, s.process, s.audit) {
        (Some(unit), ..) => ChecklistScope::Unit(unit),
        (_, Some(clause), ..) => ChecklistScope::Clause(clause),
        (_, _, Some(process), _) => ChecklistScope::Process(process),
        (.., audit) => ChecklistScope::Audit(audit.unwrap_or_default()),
    };
    let outcome = operations::checklist(workspace, lang, scope)?;
    // A document that cannot be read is not silently missing from the list.
    for finding in &outcome.skipped {
        global.notice(finding);
        global.notice(format_args!("  ({})", i18n::label(lang, "label-this-document-is-left-out-of")));
    }
    let list = &outcome.checklist;
    let headers = checklist::headers(lang);
    let context = serde_json::json!({
        "labels": operations::labels(lang),
        "lang": lang.code(),
        "org": workspace.config.organisation.name,
        "audit": outcome.audit,
        "checklist": list,
        "headers": headers,
    });
    match args.format {
        ChecklistFormat::Csv => {
            let rows: Vec<Vec<String>> = list.rows.iter().map(|r| checklist::cells(r, lang)).collect();
            print_csv(&headers, &rows)?;
        }
        ChecklistFormat::Md => print(&operations::templates(workspace)?.render("audit/checklist.md", &context)?)?,
        ChecklistFormat::Html => print(&operations::templates(workspace)?.render("audit/checklist.html", &context)?)?,
    }
    Ok(Outcome::Success)
}

fn finding(workspace: &Workspace, lang: Language, args: FindingArgs) -> Result<Outcome> {
    let request = operations::FindingRequest {
        audit: args.audit,
        clause: args.clause,
        kind: match args.kind {
            KindArg::Nonconformity => FindingKind::Nonconformity,
            KindArg::Observation => FindingKind::Observation,
            KindArg::Opportunity => FindingKind::Opportunity,
        },
        text: args.message,
    };
    let added = operations::add_finding(workspace, lang, request)?;
    let opened = added.opened.map(|id| format!("; opened {id}")).unwrap_or_default();
    print(&format!("{} {} #{}{opened}", &added.commit[..12], added.report, added.number))?;
    Ok(Outcome::Success)
}

fn close(workspace: &Workspace, lang: Language, args: CloseArgs) -> Result<Outcome> {
    let step = args
        .options
        .request(Action::Close, vec![audit::report_id(&args.audit)], args.message);
    let request = operations::CloseRequest {
        audit: args.audit,
        conclusion: args.conclusion,
        auditee: args.auditee,
    };
    print_commits(&operations::close(workspace, lang, request, &step)?)?;
    Ok(Outcome::Success)
}

fn list(workspace: &Workspace, lang: Language, args: ListArgs) -> Result<Outcome> {
    let audits = operations::list(workspace)?;
    match args.format {
        HumanOrJson::Json => print_json(&audits)?,
        HumanOrJson::Human => {
            let headers = [
                "label-id",
                "label-unit",
                "label-date-2",
                "label-lead",
                "label-findings-2",
                "label-report",
            ];
            let rows = audits
                .iter()
                .map(|a| {
                    vec![
                        a.id.clone(),
                        a.unit.clone().unwrap_or_default(),
                        a.date.map(|d| i18n::format::date(d, lang)).unwrap_or_default(),
                        a.lead.clone().unwrap_or_default(),
                        format!("{} ({} NC)", a.findings.len(), a.nonconformities()),
                        a.report_label(lang).to_string(),
                    ]
                })
                .collect();
            print(&table(headers.iter().map(|h| i18n::label(lang, h).to_string()).collect(), rows))?;
        }
    }
    Ok(Outcome::Success)
}
