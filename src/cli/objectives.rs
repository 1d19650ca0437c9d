//! `qms objectives`

use anyhow::{Result, anyhow};

use super::output::{HumanOrJson as Format, print, print_json, table};
use super::{Global, Outcome};
use crate::i18n::format;
use crate::i18n::{self, Msg};
use crate::improvement::objectives::{self, Standing};
use crate::model::config::Language;
use crate::model::period::{ReportingPeriod, period_hint};
use crate::workspace::Workspace;

/// Quality objectives (ISO 9001:2015 6.2): measurements and where each objective stands.
///
/// The objectives are those the MTCL documents state in their `objectives`
/// front-matter (indicator, target, unit, frequency). Without a subcommand,
/// lists each objective's status in the period — met, not met, or no data —
/// judged on its latest measurement; exit code 1 when any is not met.
/// `record` adds a measurement to the year's record
/// (records/objectives/YEAR/MTCL-ID.md) and commits it.
#[derive(clap::Args, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "\
Examples:
  qms objectives record MTCL-01 --objective 1 --period 2027-Q1 --value 98.6 --note \"Báo cáo thống kê quý I\"
  qms objectives                         this year's status
  qms objectives --period 2027-H1 --format json"
)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// The period to report: a year (2027), half-year (2027-H1), quarter (2027-Q1) or month (2027-03). Default: this year.
    #[arg(long)]
    pub period: Option<String>,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Sub {
    /// Record a measurement of one objective and commit it.
    Record(RecordArgs),
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms objectives record MTCL-01 --objective 1 --period 2027-Q1 --value 98.6 --note \"Báo cáo thống kê quý I\""
)]
pub(crate) struct RecordArgs {
    /// The objectives document (e.g. MTCL-01).
    pub document: String,
    /// The objective's number: its position in the document's `objectives` list (1 = the first).
    #[arg(long)]
    pub objective: u32,
    /// The period measured: 2027, 2027-H1, 2027-Q1 or 2027-03.
    #[arg(long)]
    pub period: String,
    /// The measured value, in the objective's unit (97.5 for 97.5 %).
    #[arg(long, allow_negative_numbers = true)]
    pub value: f64,
    /// Where the figure comes from (a statistics report, a survey summary).
    #[arg(long)]
    pub note: Option<String>,
    /// Replace a value already recorded for this objective and period.
    #[arg(long)]
    pub replace: bool,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    match args.command {
        Some(Sub::Record(a)) => record(&workspace, lang, a),
        None => list(&workspace, lang, args.period.as_deref(), args.format),
    }
}

/// The period named on the command line, or this year.
pub(super) fn period_or_this_year(workspace: &Workspace, text: Option<&str>) -> Result<ReportingPeriod> {
    match text {
        Some(text) => {
            ReportingPeriod::parse(text).ok_or_else(|| anyhow!(Msg::new("error-period").arg("period", text).msg_arg("hint", period_hint())))
        }
        None => Ok(ReportingPeriod::year(workspace.now()?.date().year())),
    }
}

fn record(workspace: &Workspace, lang: Language, args: RecordArgs) -> Result<Outcome> {
    let period = ReportingPeriod::parse(&args.period)
        .ok_or_else(|| Msg::new("error-period").arg("period", &args.period).msg_arg("hint", period_hint()))?;
    let recorded = objectives::record_measurement(
        workspace,
        objectives::NewMeasurement {
            document: args.document,
            objective: args.objective,
            period,
            value: args.value,
            note: args.note,
            replace: args.replace,
        },
        lang,
    )?;
    let objective = &recorded.objective;
    print(&format!(
        "{} {} ({}): {} {} = {} {} — {} {}",
        &recorded.commit[..12],
        recorded.id,
        recorded.path.display(),
        objective.objective,
        format::period(period, lang),
        format::number(args.value, lang),
        objective.unit,
        recorded.standing.label(lang),
        objective.target_in(lang)
    ))?;
    Ok(Outcome::Success)
}

fn list(workspace: &Workspace, lang: Language, period: Option<&str>, format: Format) -> Result<Outcome> {
    let period = period_or_this_year(workspace, period)?;
    let documents = workspace.load_documents();
    let records = workspace.load_records();
    let statuses = objectives::status(&documents.documents, &records.records, period, workspace.now()?.date());
    match format {
        Format::Json => print_json(&statuses)?,
        Format::Human if statuses.is_empty() => print(i18n::label(lang, "label-no-measurable-objectives-no-mtcl-document"))?,
        Format::Human => {
            let headers = [
                i18n::label(lang, "label-document"),
                i18n::label(lang, "label-no"),
                i18n::label(lang, "label-objective"),
                i18n::label(lang, "label-target"),
                i18n::label(lang, "label-latest"),
                i18n::label(lang, "label-measured"),
                i18n::label(lang, "label-status"),
            ];
            let rows = statuses
                .iter()
                .map(|s| {
                    vec![
                        s.document.clone(),
                        s.number.to_string(),
                        s.objective.objective.clone(),
                        s.objective.target_in(lang),
                        s.latest_in(lang).unwrap_or_default(),
                        format!("{}/{}", s.measurements.len(), s.expected),
                        s.status.label(lang).to_string(),
                    ]
                })
                .collect();
            print(&format!("{} {period}", i18n::label(lang, "label-period")))?;
            print(&table(headers.iter().map(|h| h.to_string()).collect(), rows))?;
        }
    }
    Ok(if statuses.iter().any(|s| s.status == Standing::NotMet) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
