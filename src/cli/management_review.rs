//! `qms management-review`

use anyhow::Result;
use jiff::civil::Date;

use super::objectives::period_or_this_year;
use super::output::{ReportFormat, print, print_created};
use super::step::parse_action_spec;
use super::{Global, Outcome};
use crate::improvement::review::{self, PackForm};
use crate::model::config::Language;
use crate::model::period::ReportingPeriod;
use crate::workspace::Workspace;

/// The input pack for management review (ISO 9001:2015 9.3.2), and its minutes.
///
/// Builds one section for each input the standard lists — actions from earlier
/// reviews, changes in issues, citizen satisfaction, objectives, process
/// performance, nonconformities, monitoring, audits, external providers,
/// resources, risk actions, opportunities — from the records, documents and
/// history in the repository. An input the repository holds nothing for is
/// marked "no data in the repository", never left out.
///
/// With --minutes, writes the minutes of the meeting (9.3.3) as a record
/// (records/management-reviews/YEAR/XXLD-YEAR-NN.md) holding the attendees,
/// decisions and actions, with the pack reviewed as its body, and commits it.
/// The actions are tracked like corrective actions: `qms status` and
/// `qms check` show them when overdue, and the next pack reports them.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  qms management-review --period 2027 > xem-xet-2027.md
  qms management-review --period 2027 --format html > xem-xet-2027.html
  qms management-review --period 2027 --minutes --date 2027-12-20 \\
      --attendee nguyen-van-an --attendee tran-thi-binh --attendee pham-thi-dung \\
      --decision \"Duy trì chính sách chất lượng\" \\
      --action \"Bổ sung khảo sát hài lòng trực tuyến|pham-thi-dung|2028-03-31\"")]
pub(crate) struct Args {
    /// The period reviewed: a year (2027), half-year (2027-H2) or quarter. Default: this year.
    #[arg(long)]
    pub period: Option<String>,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write and commit the minutes of the review instead of printing the pack.
    #[arg(long)]
    pub minutes: bool,
    /// The day of the meeting (default: today).
    #[arg(long, requires = "minutes")]
    pub date: Option<Date>,
    /// A person who attended (a person id). Repeat for each.
    #[arg(long = "attendee", value_name = "PERSON", requires = "minutes")]
    pub attendees: Vec<String>,
    /// A decision taken (9.3.3: improvement, changes to the QMS, resources). Repeat for each.
    #[arg(long = "decision", value_name = "TEXT", requires = "minutes")]
    pub decisions: Vec<String>,
    /// An action decided, as "TEXT|OWNER|DUE". Repeat for each.
    #[arg(long = "action", value_name = "TEXT|OWNER|DUE", requires = "minutes")]
    pub actions: Vec<String>,
    /// Where the meeting was held (default: the agency's address, else its name).
    #[arg(long, requires = "minutes")]
    pub place: Option<String>,
    /// Who chaired it (a person id; default: the head of the agency).
    #[arg(long, value_name = "PERSON", requires = "minutes")]
    pub chair: Option<String>,
    /// Who kept the minutes (a person id; default: you).
    #[arg(long, value_name = "PERSON", requires = "minutes")]
    pub secretary: Option<String>,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let period = period_or_this_year(&workspace, args.period.as_deref())?;
    let today = workspace.now()?.date();
    if args.minutes {
        return minutes(&workspace, lang, period, today, args);
    }
    let pack = review::pack(&workspace, lang, period, today)?;
    match args.format {
        ReportFormat::Json => super::output::print_json(&pack)?,
        ReportFormat::Md => print(review::render_pack(&workspace, lang, &pack, PackForm::Markdown)?.trim_end())?,
        ReportFormat::Html => print(&review::render_pack(&workspace, lang, &pack, PackForm::Html)?)?,
    }
    Ok(Outcome::Success)
}

fn minutes(workspace: &Workspace, lang: Language, period: ReportingPeriod, today: Date, args: Args) -> Result<Outcome> {
    let actions = args
        .actions
        .iter()
        .map(|spec| parse_action_spec("--action", spec, workspace))
        .collect::<Result<Vec<_>>>()?;
    let date = args.date.unwrap_or(today);
    let pack = review::pack(workspace, lang, period, date)?;
    let pack_text = review::render_pack(workspace, lang, &pack, PackForm::Markdown)?;
    let created = review::write_minutes(
        workspace,
        review::MinutesRequest {
            period,
            date,
            attendees: args.attendees,
            decisions: args.decisions,
            actions,
            place: args.place,
            chair: args.chair,
            secretary: args.secretary,
        },
        &pack,
        &pack_text,
        lang,
    )?;
    print_created(&created)?;
    Ok(Outcome::Success)
}
