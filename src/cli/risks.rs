//! `qms risks`

use anyhow::Result;
use jiff::civil::Date;

use super::output::{HumanOrJson as Format, print, print_json, table};
use super::step::parse_action_spec;
use super::{Global, Outcome};
use crate::i18n;
use crate::improvement::risks;
use crate::model::config::Language;
use crate::model::record::RiskKind;
use crate::workspace::Workspace;

/// Risks and opportunities (ISO 9001:2015 6.1), highest score first.
///
/// The register is a record (records/risks/register.md, id DMRR): each risk is
/// scored likelihood (1–5) × impact (1–5) and has treatment actions with an
/// owner and a due date, and a date to review it again. The listing flags
/// overdue treatments and reviews; exit code 1 when any is overdue. Edit the
/// register like any record (mark a treatment `done: YYYY-MM-DD`), or add
/// risks with `qms risks add`.
#[derive(clap::Args, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "\
Examples:
  qms risks
  qms risks add --title \"Quá tải hồ sơ cuối năm\" --process QT-07 --likelihood 4 --impact 3 \\
      --treatment \"Bố trí thêm công chức tiếp nhận tháng 12|le-van-cuong|2027-11-30\" --review 2027-12-31
  qms risks add --kind opportunity --title \"Liên thông khai sinh – thường trú – BHYT\" --likelihood 3 --impact 4
  QMS_USER=le-van-cuong qms risks done R-01
  qms risks --format json"
)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// Only those needing attention: a treatment overdue or the review date passed.
    #[arg(long)]
    pub overdue: bool,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Sub {
    /// Add a risk or opportunity to the register and commit it.
    Add(AddArgs),
    /// Mark your treatments of a risk done (today) and commit it.
    Done(DoneArgs),
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  QMS_USER=le-van-cuong qms risks done R-01")]
pub(crate) struct DoneArgs {
    /// The risk (e.g. R-01).
    pub risk: String,
    /// The number of the treatment done (1 = the first); repeat for several. Default: all of yours.
    #[arg(long = "treatment", value_name = "N")]
    pub treatments: Vec<usize>,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms risks add --title \"Quá tải hồ sơ cuối năm\" --process QT-07 --likelihood 4 --impact 3 --treatment \"Bố trí thêm công chức tiếp nhận tháng 12|le-van-cuong|2027-11-30\" --review 2027-12-31\n  qms risks add --kind opportunity --title \"Liên thông khai sinh – thường trú – BHYT\" --likelihood 3 --impact 4"
)]
pub(crate) struct AddArgs {
    /// What could happen (or could be gained).
    #[arg(long)]
    pub title: String,
    /// risk (a threat to a process) or opportunity (a chance to do better).
    #[arg(long, value_enum, default_value_t = KindArg::Risk)]
    pub kind: KindArg,
    /// The process (document id) or unit it concerns.
    #[arg(long)]
    pub process: Option<String>,
    /// 1 (rare) … 5 (almost certain).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub likelihood: u8,
    /// 1 (negligible) … 5 (severe; for an opportunity: the gain).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub impact: u8,
    /// A treatment as "TEXT|OWNER|DUE" (owner: a person id; due: YYYY-MM-DD). Repeat for several.
    #[arg(long = "treatment", value_name = "TEXT|OWNER|DUE")]
    pub treatments: Vec<String>,
    /// When to look at the risk again (YYYY-MM-DD).
    #[arg(long)]
    pub review: Option<Date>,
    /// The register to add it to (default: DMRR, created when missing).
    #[arg(long, default_value = risks::REGISTER_ID)]
    pub register: String,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum KindArg {
    Risk,
    Opportunity,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    match args.command {
        Some(Sub::Add(a)) => add(&workspace, a),
        Some(Sub::Done(a)) => done(&workspace, a),
        None => list(&workspace, lang, args.overdue, args.format),
    }
}

fn add(workspace: &Workspace, args: AddArgs) -> Result<Outcome> {
    let treatment = args
        .treatments
        .iter()
        .map(|spec| parse_action_spec("--treatment", spec, workspace))
        .collect::<Result<Vec<_>>>()?;
    let written = risks::add(
        workspace,
        risks::NewRisk {
            register: args.register,
            title: args.title,
            kind: match args.kind {
                KindArg::Risk => RiskKind::Risk,
                KindArg::Opportunity => RiskKind::Opportunity,
            },
            process: args.process,
            likelihood: args.likelihood,
            impact: args.impact,
            treatment,
            review: args.review,
        },
    )?;
    print(&format!(
        "{} {} ({}, {})",
        &written.commit[..12],
        written.risk,
        written.register,
        written.path.display()
    ))?;
    Ok(Outcome::Success)
}

fn done(workspace: &Workspace, args: DoneArgs) -> Result<Outcome> {
    let written = risks::mark_treatments_done(workspace, &args.risk, &args.treatments)?;
    print(&format!("{} {} ({})", &written.commit[..12], written.risk, written.path.display()))?;
    Ok(Outcome::Success)
}

fn list(workspace: &Workspace, lang: Language, overdue_only: bool, format: Format) -> Result<Outcome> {
    let records = workspace.load_records();
    let views: Vec<_> = risks::list(&records.records, workspace.now()?.date())
        .into_iter()
        .filter(|v| !overdue_only || v.needs_attention())
        .collect();
    match format {
        Format::Json => print_json(&views)?,
        Format::Human => {
            let headers = [
                i18n::label(lang, "label-id"),
                i18n::label(lang, "label-kind"),
                i18n::label(lang, "label-title"),
                i18n::label(lang, "label-process-2"),
                i18n::label(lang, "label-l-i"),
                i18n::label(lang, "label-level"),
                i18n::label(lang, "label-treatment"),
                i18n::label(lang, "label-review"),
            ];
            let rows = views
                .iter()
                .map(|v| {
                    let r = &v.risk;
                    let mut treatment = format!("{}/{}", r.treatment.len() - v.treatments_open, r.treatment.len());
                    if v.treatments_overdue > 0 {
                        treatment.push_str(&format!(" ({} {})", v.treatments_overdue, i18n::label(lang, "label-overdue")));
                    }
                    let mut review = r.review.map(|d| i18n::format::date(d, lang)).unwrap_or_default();
                    if v.review_due {
                        review.push_str(&format!(" ({})", i18n::label(lang, "label-due")));
                    }
                    vec![
                        r.id.clone(),
                        r.kind.label(lang).to_string(),
                        r.title.clone(),
                        r.process.clone().unwrap_or_default(),
                        format!("{}×{}={}", r.likelihood, r.impact, v.score),
                        v.level.label(lang).to_string(),
                        treatment,
                        review,
                    ]
                })
                .collect();
            print(&table(headers.iter().map(|h| h.to_string()).collect(), rows))?;
        }
    }
    Ok(if views.iter().any(|v| v.needs_attention()) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
