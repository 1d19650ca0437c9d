//! `qms nc`

use anyhow::{Context, Result, bail};
use jiff::civil::Date;

use super::output::{HumanOrJson as Format, print, print_json, table};
use super::step::{StepOptions, acting_person, parse_action_spec, print_commits, record_keeper};
use super::{Global, Outcome};
use crate::i18n;
use crate::improvement::{self, nc};
use crate::model::clauses;
use crate::model::config::Language;
use crate::model::record::{NcSeverity, NcSource, Record, RecordKind};
use crate::model::signers::SignerPolicy;
use crate::msg;
use crate::repo::DocRepo;
use crate::workflow::actions::{ContentChange, commit_content, perform_with};
use crate::workflow::history::History;
use crate::workflow::record_steps::Stage;
use crate::workflow::register::open_repo;
use crate::workflow::trailers::Action;
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
    match args.command {
        Sub::New(a) => new(&workspace, lang, a),
        Sub::List(a) => list(&workspace, lang, a),
        Sub::Show(a) => show(&workspace, lang, a),
        Sub::Plan(a) => plan(&workspace, a),
        Sub::Done(a) => done(&workspace, a),
        Sub::Verify(a) => verify(&workspace, a),
        Sub::Close(a) => close(&workspace, a),
    }
}

fn new(workspace: &Workspace, lang: Language, args: NewArgs) -> Result<Outcome> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    clauses::require(&args.clause)?;
    workspace.config.require_unit(&args.unit)?;
    if args.message.trim().is_empty() {
        bail!(msg!("error-finding-text"));
    }
    let records = workspace.load_records();
    if let Some(audit) = &args.audit {
        records
            .by_id_of_kind(audit, RecordKind::AuditPlan)
            .with_context(|| msg!("error-no-audit-plan", audit = audit))?;
    }
    let date = match args.date {
        Some(date) => date,
        None => workspace.now()?.date(),
    };
    let id = nc::next_id(&records, date.year());
    let front = nc::open(nc::Opening {
        id: id.clone(),
        date,
        source: args.source.into(),
        clause: args.clause,
        unit: args.unit,
        severity: args.severity.map(|s| match s {
            SeverityArg::Major => NcSeverity::Major,
            SeverityArg::Minor => NcSeverity::Minor,
        }),
        description: args.message.trim().to_string(),
        audit: args.audit,
        author: person.id.clone(),
        owner: record_keeper(workspace, &person),
    });
    let path = nc::path_of(&id);
    let text = front.to_file(&nc::body(lang))?;
    let commit = commit_content(
        &repo,
        &person,
        ContentChange {
            files: vec![(path.clone(), text.into_bytes())],
            message: format!("qms: open {id}\n\n{}", front.title),
        },
        &workspace.now()?,
    )?;
    print(&format!("{} {id} ({})", &commit[..12], path.display()))?;
    Ok(Outcome::Success)
}

/// The nonconformity `id`, as the working tree holds it.
fn load(workspace: &Workspace, id: &str) -> Result<Record> {
    Ok(workspace.load_records().by_id_of_kind(id, RecordKind::Nonconformity)?.clone())
}

fn list(workspace: &Workspace, lang: Language, args: ListArgs) -> Result<Outcome> {
    let records = workspace.load_records();
    let repo = open_repo(workspace)?;
    let history = repo.as_ref().map(|r| History::load(r, None)).transpose()?;
    let today = workspace.now()?.date();
    let views: Vec<_> = records
        .of_kind(RecordKind::Nonconformity)
        .map(|r| nc::view(r, history.as_ref().and_then(|h| h.timeline(r.id())), today))
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
                    let mut actions = format!("{}/{}", v.actions_done, f.actions.len());
                    if v.overdue_actions > 0 {
                        actions.push_str(&format!(" ({} {})", v.overdue_actions, i18n::label(lang, "label-overdue")));
                    }
                    vec![
                        f.id.clone(),
                        f.date.map(|d| i18n::format::date(d, lang)).unwrap_or_default(),
                        f.unit.clone().unwrap_or_default(),
                        f.clause.clone().unwrap_or_default(),
                        f.source.map(|s| s.label(lang).to_string()).unwrap_or_default(),
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
    let record = load(workspace, &args.id)?;
    let repo = open_repo(workspace)?;
    let history = repo.as_ref().map(|r| History::load(r, None)).transpose()?;
    let timeline = history.as_ref().and_then(|h| h.timeline(&args.id));
    let today = workspace.now()?.date();
    let view = nc::view(&record, timeline, today);
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
    let policy = workspace.signers().ok();
    let name = |id: &str| SignerPolicy::display_name_in(policy, id).to_string();
    let none = i18n::label(lang, "label-none-yet");
    let mut out = vec![
        format!("{} — {}", f.id, f.title),
        format!("{}: {}", i18n::label(lang, "label-stage"), view.stage.label(lang)),
        format!(
            "{}: {}   {}: {}   {}: {}",
            i18n::label(lang, "label-source"),
            f.source.map(|s| s.label(lang)).unwrap_or_default(),
            i18n::label(lang, "label-clause"),
            f.clause.as_deref().unwrap_or_default(),
            i18n::label(lang, "label-unit"),
            f.unit.as_deref().unwrap_or_default()
        ),
        format!(
            "{}: {}",
            i18n::label(lang, "label-description-2"),
            f.description.as_deref().unwrap_or_default()
        ),
        format!(
            "{}: {}",
            i18n::label(lang, "label-correction"),
            f.correction.as_deref().unwrap_or(none)
        ),
        format!(
            "{}: {}",
            i18n::label(lang, "label-root-cause"),
            f.root_cause.as_deref().unwrap_or(none)
        ),
        format!("{}:", i18n::label(lang, "label-corrective-actions")),
    ];
    for (n, a) in f.actions.iter().enumerate() {
        let status = match a.done {
            Some(done) => format!("{} {}", i18n::label(lang, "label-done"), i18n::format::date(done, lang)),
            None if a.is_overdue(today) => i18n::label(lang, "label-overdue-2").to_string(),
            None => i18n::label(lang, "label-open").to_string(),
        };
        out.push(format!(
            "  {}. {} — {} — {} {} — {status}",
            n + 1,
            a.text,
            name(&a.owner),
            i18n::label(lang, "label-due-2"),
            i18n::format::date(a.due, lang)
        ));
    }
    if let Some(by) = &f.verified_by {
        out.push(format!(
            "{}: {} — {} — {}",
            i18n::label(lang, "label-verification"),
            name(by),
            match f.effective {
                Some(true) => i18n::label(lang, "label-effective"),
                Some(false) => i18n::label(lang, "label-not-effective"),
                None => "",
            },
            f.verification.as_deref().unwrap_or_default()
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

/// "TEXT|OWNER|DUE" → an action item.
/// Commits the changed record (when it changed) and then the step, together.
fn step(
    workspace: &Workspace,
    record: &Record,
    changed: Option<Record>,
    action: Option<Action>,
    text: Option<String>,
    options: &StepOptions,
    what: &str,
) -> Result<Outcome> {
    let repo = DocRepo::open(&workspace.root)?;
    let person = acting_person(workspace)?;
    let now = workspace.now()?;
    let content = match changed {
        Some(new) if new.front != record.front => Some(ContentChange {
            files: vec![(record.path.clone(), new.front.to_file(&new.body)?.into_bytes())],
            message: format!("qms: update {} ({what})", record.id()),
        }),
        _ => None,
    };
    match action {
        Some(action) => {
            let request = options.request(workspace, action, vec![record.id().to_string()], text)?;
            let result = perform_with(workspace, &repo, &person, &request, &now, content)?;
            print_commits(&result)?;
        }
        None => match content {
            Some(content) => {
                let commit = commit_content(&repo, &person, content, &now)?;
                print(&format!("{} qms: update {} ({what})", &commit[..12], record.id()))?;
            }
            None => print(&msg!("status-nothing-to-change").to_string())?,
        },
    }
    Ok(Outcome::Success)
}

fn plan(workspace: &Workspace, args: PlanArgs) -> Result<Outcome> {
    let record = load(workspace, &args.id)?;
    let mut changed = record.clone();
    if let Some(cause) = &args.cause {
        changed.front.root_cause = Some(cause.trim().to_string());
    }
    if let Some(correction) = &args.correction {
        changed.front.correction = Some(correction.trim().to_string());
    }
    if !args.actions.is_empty() {
        changed.front.actions = args
            .actions
            .iter()
            .map(|spec| parse_action_spec("--action", spec, workspace))
            .collect::<Result<_>>()?;
    }
    let action = (!args.draft).then_some(Action::Plan);
    step(workspace, &record, Some(changed), action, None, &args.options, "plan")
        .map_err(|e| if args.draft { e } else { e.context(msg!("error-plan-draft")) })
}

fn done(workspace: &Workspace, args: DoneArgs) -> Result<Outcome> {
    let record = load(workspace, &args.id)?;
    let person = acting_person(workspace)?;
    let today = workspace.now()?.date();
    let mut changed = record.clone();
    improvement::mark_done(&mut changed.front.actions, &args.actions, &person.id, today, &args.id)
        .map_err(|e| msg!("error-nc-actions", problem = e, id = &args.id))?;
    let action = (!args.draft).then_some(Action::Complete);
    step(workspace, &record, Some(changed), action, None, &args.options, "actions done")
}

fn verify(workspace: &Workspace, args: VerifyArgs) -> Result<Outcome> {
    let record = load(workspace, &args.id)?;
    let person = acting_person(workspace)?;
    let mut changed = record.clone();
    changed.front.verified_by = Some(person.id.clone());
    changed.front.verification = Some(args.message.trim().to_string());
    changed.front.effective = Some(args.effective);
    if !args.effective {
        step(
            workspace,
            &record,
            Some(changed),
            None,
            None,
            &args.options,
            "verification (not effective)",
        )?;
        eprintln!("qms: {}", msg!("status-not-effective", id = &args.id));
        return Ok(Outcome::Success);
    }
    step(
        workspace,
        &record,
        Some(changed),
        Some(Action::Verify),
        Some(args.message),
        &args.options,
        "verification",
    )
}

fn close(workspace: &Workspace, args: CloseArgs) -> Result<Outcome> {
    let record = load(workspace, &args.id)?;
    step(workspace, &record, None, Some(Action::Close), args.message, &args.options, "close")
}
