//! `qms report`

use anyhow::Result;

use super::output::{ReportFormat, print};
use super::{Global, Outcome};
use crate::assess::{annual, with_facts};
use crate::model::administrative::Layout;
use crate::model::config::Language;
use crate::render::html::report_html;
use crate::render::templates::Templates;
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// Reports the unit sends to its superior agency.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  qms report annual --year 2026 > bao-cao-iso-2026.md
  qms report annual --year 2026 --format html > bao-cao-iso-2026.html")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Sub {
    /// The annual report on building, applying, maintaining and improving the QMS.
    ///
    /// Filled from the repository: the declaration and scope, documents
    /// issued, revised and withdrawn in the year, internal audits, management
    /// reviews, nonconformities, quality objectives and changes of scope;
    /// difficulties and proposals are left for the agency to write.
    Annual(AnnualArgs),
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms report annual --year 2026 > bao-cao-iso-2026.md\n  qms report annual --year 2026 --format html > bao-cao-iso-2026.html"
)]
pub(crate) struct AnnualArgs {
    /// The year reported (default: this year).
    #[arg(long)]
    pub year: Option<i16>,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let Sub::Annual(args) = args.command;
    let year = match args.year {
        Some(year) => year,
        None => workspace.now()?.date().year(),
    };
    // Figures as of the end of the year, or today while it runs.
    let end = crate::model::period::ReportingPeriod::year(year).last_day();
    let today = workspace.now()?.date();
    let report = with_facts(&workspace, Some(end.min(today)), |facts| annual::build(facts, year, lang))?;
    if args.format == ReportFormat::Json {
        super::output::print_json(&report)?;
        return Ok(Outcome::Success);
    }
    let context = serde_json::json!({ "r": report, "lang": lang.code() });
    // A report for the superior agency is an administrative document in
    // Vietnamese; in English it is a plain page.
    if args.format == ReportFormat::Html && crate::model::administrative::applies_in(lang) {
        let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
        let markdown = templates.render("report/annual.md", &context)?;
        let layout = annual::layout(&workspace, &markdown, year);
        print(&administrative_page(&templates, lang, &markdown, &layout)?)?;
        return Ok(Outcome::Success);
    }
    print_report(&workspace, lang, "report/annual.md", &context, args.format)?;
    Ok(Outcome::Success)
}

/// Renders a report's Markdown template, and for HTML wraps it in the
/// printable page (`report/page.html`).
pub(super) fn print_report(
    workspace: &Workspace,
    lang: Language,
    template: &str,
    context: &serde_json::Value,
    format: ReportFormat,
) -> Result<()> {
    let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
    let markdown = templates.render(template, context)?;
    match format {
        ReportFormat::Html => print(&page(&templates, lang, &markdown)?),
        _ => print(markdown.trim_end()),
    }
}

/// A report sent to the superior agency as an administrative document: the
/// Decree 30 heading and signature around the report's text (its own title
/// line gives the subject).
fn administrative_page(templates: &Templates, lang: Language, markdown: &str, layout: &Layout) -> Result<String> {
    let body = markdown.split_once('\n').map_or("", |(_, rest)| rest);
    let page = serde_json::json!({
        "body": report_html(body),
        "title": layout.subject,
        "lang": lang.code(),
        "admin": layout,
    });
    templates.render("report/page.html", &page)
}

/// Markdown that qms wrote, as a printable HTML page titled by its first line.
pub(super) fn page(templates: &Templates, lang: Language, markdown: &str) -> Result<String> {
    let title = markdown.lines().next().unwrap_or_default().trim_start_matches("# ").to_string();
    let page = serde_json::json!({ "body": report_html(markdown), "title": title, "lang": lang.code() });
    templates.render("report/page.html", &page)
}
