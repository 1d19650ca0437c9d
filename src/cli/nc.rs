//! `qms nc`

use anyhow::Result;
use jiff::civil::Date;

use super::output::{HumanOrJson as Format, print, print_created, print_json, table};
use super::step::{StepOptions, print_commits};
use super::{Global, Outcome};
use crate::i18n;
use crate::improvement::nc;
use crate::model::config::Language;
use crate::model::record::{NcSeverity, NcSource, Nonconformity};
use crate::model::signers::SignerPolicy;
use crate::msg;
use crate::workflow::record_steps::Stage;
use crate::workspace::Workspace;

/// Nonconformities and corrective actions (ISO 9001:2015 10.2).
///
/// A nonconformity record (records/nonconformities/NC-YYYY-NNN.md) moves
/// open → planned → actions done → verified → closed. Each move is a signed-off
/// step in git: the plan is approved by someone who may review
/// nonconformities and owns none of its actions; each action owner reports
/// their actions done; someone who owns no action verifies that they worked;
/// someone who may approve nonconformities closes it. Steps out of order, or
/// by the wrong person, are refused with the reason.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  qms nc new --source citizen-complaint --clause 8.5.1 --unit bo-phan-mot-cua -m \"Trả kết quả trễ hạn 3 ngày\"
  qms nc plan NC-2027-001 --cause \"Chưa theo dõi hạn\" --action \"Cài nhắc hạn|le-van-cuong|2027-04-15\" --draft
  QMS_USER=tran-thi-binh qms nc plan NC-2027-001
  QMS_USER=le-van-cuong qms nc done NC-2027-001 --action 1
  QMS_USER=pham-thi-dung qms nc verify NC-2027-001 --effective yes -m \"Tháng 5 không còn hồ sơ trễ\"
  QMS_USER=nguyen-van-an qms nc close NC-2027-001
  qms nc list --open --format json")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Sub {
    /// Open a nonconformity.
    New(NewArgs),
    /// List nonconformities with their stage and overdue actions.
    List(ListArgs),
    /// Show one nonconformity: fields, actions and its steps so far.
    Show(ShowArgs),
    /// Write the root cause and corrective actions, and approve the plan.
    Plan(PlanArgs),
    /// Mark your corrective actions done and report them done.
    Done(DoneArgs),
    /// Record whether the actions worked; when they did, sign the verification.
    Verify(VerifyArgs),
    /// Close a verified nonconformity.
    Close(CloseArgs),
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms nc new --source citizen-complaint --clause 8.5.1 --unit bo-phan-mot-cua -m \"Trả kết quả trễ hạn 3 ngày\""
)]
pub(crate) struct NewArgs {
    /// Where it was found.
    #[arg(long, value_enum)]
    pub source: SourceArg,
    /// The ISO 9001:2015 clause not met (e.g. 8.5.1).
    #[arg(long)]
    pub clause: String,
    /// The unit where it occurred (a unit id of qms.yaml).
    #[arg(long)]
    pub unit: String,
    /// major or minor (an auditor's grading; leave out when not graded).
    #[arg(long, value_enum)]
    pub severity: Option<SeverityArg>,
    /// What was found (the first line becomes the title).
    #[arg(short, long)]
    pub message: String,
    /// The internal audit it came from (e.g. DGNB-2027-01).
    #[arg(long)]
    pub audit: Option<String>,
    /// The date it was found (default: today).
    #[arg(long)]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum SourceArg {
    InternalAudit,
    CitizenComplaint,
    ProcessMonitoring,
    ManagementReview,
    ExternalInspection,
}

impl From<SourceArg> for NcSource {
    fn from(s: SourceArg) -> NcSource {
        match s {
            SourceArg::InternalAudit => NcSource::InternalAudit,
            SourceArg::CitizenComplaint => NcSource::CitizenComplaint,
            SourceArg::ProcessMonitoring => NcSource::ProcessMonitoring,
            SourceArg::ManagementReview => NcSource::ManagementReview,
            SourceArg::ExternalInspection => NcSource::ExternalInspection,
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum SeverityArg {
    Major,
    Minor,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms nc list\n  qms nc list --open --format json")]
pub(crate) struct ListArgs {
    /// Only those not closed.
    #[arg(long)]
    pub open: bool,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms nc show NC-2027-001")]
pub(crate) struct ShowArgs {
    /// The nonconformity, by id (e.g. NC-2027-001).
    pub id: String,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms nc plan NC-2027-001 --cause \"Chưa theo dõi hạn\" --action \"Cài nhắc hạn|le-van-cuong|2027-04-15\" --draft\n  QMS_USER=tran-thi-binh qms nc plan NC-2027-001"
)]
pub(crate) struct PlanArgs {
    /// The nonconformity, by id (e.g. NC-2027-001).
    pub id: String,
    /// The root cause (why it happened).
    #[arg(long)]
    pub cause: Option<String>,
    /// The immediate correction already made.
    #[arg(long)]
    pub correction: Option<String>,
    /// A corrective action as "TEXT|OWNER|DUE" (owner: a person id; due: YYYY-MM-DD). Repeat for several; replaces the list.
    #[arg(long = "action", value_name = "TEXT|OWNER|DUE")]
    pub actions: Vec<String>,
    /// Only write the cause and actions; leave the approval to someone else.
    #[arg(long)]
    pub draft: bool,
    #[command(flatten)]
    pub options: StepOptions,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  QMS_USER=le-van-cuong qms nc done NC-2027-001 --action 1")]
pub(crate) struct DoneArgs {
    /// The nonconformity, by id (e.g. NC-2027-001).
    pub id: String,
    /// The number of the action done (1 = the first); repeat for several. Default: all of yours.
    #[arg(long = "action", value_name = "N")]
    pub actions: Vec<usize>,
    /// Only mark the actions done; report them done later (when you own more).
    #[arg(long)]
    pub draft: bool,
    #[command(flatten)]
    pub options: StepOptions,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  QMS_USER=pham-thi-dung qms nc verify NC-2027-001 --effective yes -m \"Tháng 5 không còn hồ sơ trễ\"")]
pub(crate) struct VerifyArgs {
    /// The nonconformity, by id (e.g. NC-2027-001).
    pub id: String,
    /// Whether the actions removed the cause.
    #[arg(long, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new(), value_name = "yes|no")]
    pub effective: bool,
    /// The evidence looked at.
    #[arg(short, long)]
    pub message: String,
    #[command(flatten)]
    pub options: StepOptions,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  QMS_USER=nguyen-van-an qms nc close NC-2027-001")]
pub(crate) struct CloseArgs {
    /// The nonconformity, by id (e.g. NC-2027-001).
    pub id: String,
    /// A closing remark, kept in the commit message.
    #[arg(short, long)]
    pub message: Option<String>,
    #[command(flatten)]
    pub options: StepOptions,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let updated = match args.command {
        Sub::New(a) => return new(&workspace, lang, a),
        Sub::List(a) => return list(&workspace, lang, a),
        Sub::Show(a) => return show(&workspace, lang, a),
        Sub::Plan(a) => {
            let change = nc::PlanChange {
                cause: a.cause,
                correction: a.correction,
                actions: a.actions,
                flag: "--action",
            };
            let signer = (!a.draft).then(|| a.options.signer());
            nc::plan(&workspace, &a.id, change, signer.as_ref())
                .map_err(|e| if a.draft { e } else { e.context(msg!("error-plan-draft")) })?
        }
        Sub::Done(a) => {
            let signer = (!a.draft).then(|| a.options.signer());
            nc::report_done(&workspace, &a.id, &a.actions, signer.as_ref())?
        }
        Sub::Verify(a) => {
            let updated = nc::verify(&workspace, &a.id, a.effective, &a.message, &a.options.signer())?;
            if !a.effective {
                print_updated(updated)?;
                global.warning(msg!("status-not-effective", id = &a.id));
                return Ok(Outcome::Success);
            }
            updated
        }
        Sub::Close(a) => nc::close(&workspace, &a.id, a.message, &a.options.signer())?,
    };
    print_updated(updated)?;
    Ok(Outcome::Success)
}

fn print_updated(updated: nc::Updated) -> Result<()> {
    match updated {
        nc::Updated::Stepped(result) => print_commits(&result),
        nc::Updated::Committed { commit, subject } => print(&format!("{} {subject}", &commit[..12])),
        nc::Updated::Unchanged => print(&msg!("status-nothing-to-change").to_string()),
    }
}

fn new(workspace: &Workspace, lang: Language, args: NewArgs) -> Result<Outcome> {
    let request = nc::OpenRequest {
        date: args.date,
        found: nc::Found {
            source: args.source.into(),
            clause: args.clause,
            unit: args.unit,
            severity: args.severity.map(|s| match s {
                SeverityArg::Major => NcSeverity::Major,
                SeverityArg::Minor => NcSeverity::Minor,
            }),
            description: args.message,
            audit: args.audit,
        },
    };
    print_created(&nc::open_new(workspace, lang, request)?)?;
    Ok(Outcome::Success)
}

fn list(workspace: &Workspace, lang: Language, args: ListArgs) -> Result<Outcome> {
    let nonconformities = nc::list(workspace)?;
    let views: Vec<_> = nonconformities
        .iter()
        .map(nc::Case::view)
        .filter(|v| !args.open || v.stage != Stage::Closed)
        .collect();
    match args.format {
        Format::Json => print_json(&views)?,
        Format::Human => {
            let headers = [
                i18n::label(lang, "label-id"),
                i18n::label(lang, "label-date-2"),
                i18n::label(lang, "label-unit"),
                i18n::label(lang, "label-clause"),
                i18n::label(lang, "label-source"),
                i18n::label(lang, "label-stage"),
                i18n::label(lang, "label-actions"),
                i18n::label(lang, "label-description"),
            ];
            let rows = views
                .iter()
                .map(|v| {
                    let f = &v.record.front;
                    let nc = f.get::<Nonconformity>();
                    let mut actions = format!("{}/{}", v.actions_done, f.actions().len());
                    if v.overdue_actions > 0 {
                        actions.push_str(&format!(" ({} {})", v.overdue_actions, i18n::label(lang, "label-overdue")));
                    }
                    vec![
                        f.id.clone(),
                        f.date.map(|d| i18n::format::date(d, lang)).unwrap_or_default(),
                        f.unit().unwrap_or_default().to_string(),
                        nc.map(|nc| nc.clause.clone()).unwrap_or_default(),
                        nc.map(|nc| nc.source.label(lang).to_string()).unwrap_or_default(),
                        v.stage.label(lang).to_string(),
                        actions,
                        f.title.clone(),
                    ]
                })
                .collect();
            print(&table(headers.iter().map(|h| h.to_string()).collect(), rows))?;
        }
    }
    Ok(Outcome::Success)
}

fn show(workspace: &Workspace, lang: Language, args: ShowArgs) -> Result<Outcome> {
    let shown = nc::show(workspace, &args.id)?;
    let (record, timeline, view) = (&shown.record, shown.timeline.as_ref(), shown.view());
    let today = workspace.now()?.date();
    if let Format::Json = args.format {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            #[serde(flatten)]
            view: &'a nc::NcView<'a>,
            steps: Vec<&'a crate::workflow::history::Event>,
        }
        let steps = timeline.map(|t| t.events.iter().collect()).unwrap_or_default();
        print_json(&Shown { view: &view, steps })?;
        return Ok(Outcome::Success);
    }
    let f = &record.front;
    let nc = f.fields_of::<Nonconformity>()?;
    let policy = workspace.signers().ok();
    let name = |id: &str| SignerPolicy::display_name_in(policy, id).to_string();
    let none = i18n::label(lang, "label-none-yet");
    let mut out = vec![
        format!("{} — {}", f.id, f.title),
        format!("{}: {}", i18n::label(lang, "label-stage"), view.stage.label(lang)),
        format!(
            "{}: {}   {}: {}   {}: {}",
            i18n::label(lang, "label-source"),
            nc.source.label(lang),
            i18n::label(lang, "label-clause"),
            nc.clause,
            i18n::label(lang, "label-unit"),
            nc.unit.as_deref().unwrap_or_default()
        ),
        format!(
            "{}: {}",
            i18n::label(lang, "label-description-2"),
            nc.description.as_deref().unwrap_or_default()
        ),
        format!(
            "{}: {}",
            i18n::label(lang, "label-correction"),
            nc.correction.as_deref().unwrap_or(none)
        ),
        format!(
            "{}: {}",
            i18n::label(lang, "label-root-cause"),
            nc.root_cause.as_deref().unwrap_or(none)
        ),
        format!("{}:", i18n::label(lang, "label-corrective-actions")),
    ];
    for (n, a) in nc.actions.iter().enumerate() {
        let status = a.standing(today, lang);
        out.push(format!(
            "  {}. {} — {} — {} {} — {status}",
            n + 1,
            a.text,
            name(&a.owner),
            i18n::label(lang, "label-due-2"),
            i18n::format::date(a.due, lang)
        ));
    }
    if let Some(by) = &nc.verified_by {
        out.push(format!(
            "{}: {} — {} — {}",
            i18n::label(lang, "label-verification"),
            name(by),
            match nc.effective {
                Some(true) => i18n::label(lang, "label-effective"),
                Some(false) => i18n::label(lang, "label-not-effective"),
                None => "",
            },
            nc.verification.as_deref().unwrap_or_default()
        ));
    }
    if let Some(timeline) = timeline {
        out.push(format!("{}:", i18n::label(lang, "label-steps")));
        for e in &timeline.events {
            let mark = if e.is_valid() {
                String::new()
            } else {
                format!(" ({})", crate::workflow::verify::Verdict::Invalid.label().text(lang))
            };
            out.push(format!(
                "  {}  {}  {}{mark}",
                i18n::format::date_time_of(&e.trailers.signed_at, workspace.config.time_zone().as_ref(), lang),
                e.trailers.action.meaning_message().text(lang),
                name(&e.trailers.signer)
            ));
        }
    }
    print(&out.join("\n"))?;
    Ok(Outcome::Success)
}
