//! `qms diagnose`

use anyhow::{Result, anyhow};

use super::output::{ReportFormat, print_created, print_json};
use super::{Global, Outcome};
use crate::assess::diagnostic;
use crate::msg;

/// The ISO 18091 diagnostic of a local government (TCVN ISO 18091:2020).
///
/// The self-assessment is a record per year (records/diagnostics/CD-YYYY.md)
/// rating each indicator of the standard's four quadrants — institutional
/// development for good governance, sustainable economic, inclusive social and
/// sustainable environmental development — green, yellow or red, with the
/// evidence. `new` writes the year's record with every indicator still to
/// rate; without a subcommand, the report: colours per quadrant, the red and
/// yellow indicators as improvement priorities, and the comparison with the
/// previous year's diagnostic.
#[derive(clap::Args, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "\
Examples:
  qms diagnose new --year 2027        then rate the indicators in records/diagnostics/CD-2027.md
  qms diagnose --year 2027 > chan-doan-2027.md
  qms diagnose --year 2027 --format html > chan-doan-2027.html"
)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// The year of the diagnostic (default: this year).
    #[arg(long)]
    pub year: Option<i16>,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Sub {
    /// Write the year's diagnostic record, every indicator unrated, and commit it.
    New(NewArgs),
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms diagnose new --year 2027")]
pub(crate) struct NewArgs {
    /// The year assessed (default: this year).
    #[arg(long)]
    pub year: Option<i16>,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let this_year = workspace.now()?.date().year();
    if let Some(Sub::New(new)) = args.command {
        let created = diagnostic::create(&workspace, new.year.unwrap_or(this_year), lang)?;
        print_created(&created)?;
        return Ok(Outcome::Success);
    }
    let year = args.year.unwrap_or(this_year);
    let records = workspace.load_records();
    let (current, previous) = diagnostic::current_and_previous(&records.records, year);
    let current = current.ok_or_else(|| anyhow!(msg!("error-no-diagnostic", year = year)))?;
    let report = diagnostic::report(&workspace.config.organisation.name, current, previous, lang);
    if args.format == ReportFormat::Json {
        print_json(&report)?;
        return Ok(Outcome::Success);
    }
    super::report::print_report(
        &workspace,
        lang,
        "report/diagnostic.md",
        &serde_json::json!({ "d": report, "lang": lang.code() }),
        args.format,
    )?;
    Ok(Outcome::Success)
}
