//! `qms assess`

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use jiff::civil::Date;

use super::output::{print, print_csv, print_json, table};
use super::{Global, Outcome};
use crate::assess::{self, Assessment, CriteriaTable, ManualScores, rollup};
use crate::i18n;
use crate::i18n::format;
use crate::model::config::Language;
use crate::msg;
use crate::render::templates::Templates;
use crate::text::markdown_table;
use crate::workspace::{TEMPLATES_DIR, Workspace};

/// Evaluate this unit's QMS against a criteria table (the superior agency's view).
///
/// Each criterion is scored from evidence in the repository — a declaration
/// of conformity in force, a process for every administrative procedure,
/// the mandatory documents, periodic reviews, internal audits and a
/// management review in the last 12 months, corrective actions on time,
/// measured objectives, valid approvals — or manually from --manual. Prints
/// per criterion the points, the evidence found and what is missing, then the
/// total and the grade. Exit code 1 when a criterion is not fully met.
///
/// The built-in table is the annual inspection of a state agency's QMS;
/// `--criteria FILE` uses another in the same format (docs/assessment.md).
///
/// With --units FILE, the superior agency's overview: every unit listed
/// (a local path or a remote URL, read-only, in parallel) assessed against
/// the same table, best total first, with a feedback report per unit in
/// --feedback DIR. Exit code 2 when a unit could not be read.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  qms assess
  qms assess --as-of 2027-12-31 --format md > danh-gia-2027.md
  qms assess --criteria tieu-chi-tinh.yaml --manual diem-thu-cong.yaml --format json
  qms assess --units don-vi.yaml --feedback phan-hoi/ --format csv > tong-hop.csv")]
pub(crate) struct Args {
    /// A criteria table (YAML) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub criteria: Option<PathBuf>,
    /// Evaluate the repository as it stood at the end of this day (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Scores for the criteria evaluated by hand: `TC-10: {points: 8, note: "…"}`.
    #[arg(long, value_name = "FILE")]
    pub manual: Option<PathBuf>,
    /// Save the assessment as a record of this repository
    /// (records/assessments/YEAR/DGCT-YEAR-NN.md) and commit it; the unit then
    /// acknowledges or approves it like any record (with --sign for a signature).
    #[arg(long, conflicts_with = "units")]
    pub save: bool,
    /// Assess many units' repositories (local paths or remote URLs, listed in
    /// FILE) and print the overview: units × criteria with totals, best first.
    #[arg(long, value_name = "FILE", conflicts_with = "manual")]
    pub units: Option<PathBuf>,
    /// Where remote units are mirrored (default: .qms-units/ beside the units file).
    #[arg(long, value_name = "DIR", requires = "units")]
    pub cache: Option<PathBuf>,
    /// Also write one feedback report per unit (Markdown) into DIR.
    #[arg(long, value_name = "DIR", requires = "units")]
    pub feedback: Option<PathBuf>,
    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = AssessFormat::Table)]
    pub format: AssessFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AssessFormat {
    Table,
    Json,
    Md,
    /// UTF-8 with BOM, for spreadsheets.
    Csv,
    /// A printable page (A4).
    Html,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    if args.units.is_some() {
        return roll_up(global, args);
    }
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let table = criteria_table(args.criteria.as_deref())?;
    let manual = match &args.manual {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| msg!("error-read", path = path.display()))?;
            assess::parse_manual(path, &text, &table)?
        }
        None => ManualScores::new(),
    };
    let assessment = assess::assess_repository(&workspace, &table, &manual, args.as_of, lang)?;
    match args.format {
        AssessFormat::Json => print_json(&assessment)?,
        AssessFormat::Table => print_table(&assessment, lang)?,
        AssessFormat::Md => print(&markdown(&assessment, lang))?,
        AssessFormat::Csv => print_csv(&columns(lang), &result_rows(&assessment, lang))?,
        AssessFormat::Html => {
            let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
            print(&super::report::page(&templates, lang, &markdown(&assessment, lang))?)?
        }
    }
    if args.save {
        save(&workspace, &assessment, lang, global)?;
    }
    Ok(if assessment.results.iter().all(|r| r.passed) && assessment.unreadable.is_empty() {
        Outcome::Success
    } else {
        Outcome::Findings
    })
}

fn save(workspace: &Workspace, assessment: &Assessment, lang: Language, global: &Global) -> Result<()> {
    let created = assess::save(workspace, assessment, markdown(assessment, lang))?;
    global.status(format!("{} {} ({})", &created.commit[..12], created.id, created.path.display()));
    Ok(())
}

fn criteria_table(path: Option<&std::path::Path>) -> Result<CriteriaTable> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| msg!("error-read", path = path.display()))?;
            CriteriaTable::parse(path, &text).map_err(|f| anyhow!("{f}"))
        }
        None => Ok(CriteriaTable::builtin()),
    }
}

fn roll_up(global: &Global, args: Args) -> Result<Outcome> {
    let units_path = args.units.clone().unwrap_or_default();
    let lang = global.lang_outside_repository();
    let text = std::fs::read_to_string(&units_path).with_context(|| msg!("error-read", path = units_path.display()))?;
    let units = rollup::parse_units(&units_path, &text)?;
    let criteria = criteria_table(args.criteria.as_deref())?;
    let base = units_path.parent().map(PathBuf::from).unwrap_or_default();
    let cache = args.cache.clone().unwrap_or_else(|| base.join(".qms-units"));
    let progress = global.progress(units.units.len(), "units");
    let overview = rollup::roll_up(&units.units, &base, &cache, &criteria, args.as_of, lang, &|| progress.inc(1));
    progress.finish_and_clear();
    if let Some(dir) = &args.feedback {
        let reports = overview
            .units
            .iter()
            .filter_map(|unit| unit.assessment.as_ref().map(|a| (unit.id.as_str(), markdown(a, lang))));
        crate::assess::rollup::write_feedback(dir, reports)?;
    }
    let grouped = !overview.provinces.is_empty();
    let header: Vec<String> = [i18n::label(lang, "label-unit").to_string()]
        .into_iter()
        .chain(grouped.then(|| i18n::label(lang, "label-province").to_string()))
        .chain(overview.criteria.iter().cloned())
        .chain([
            i18n::label(lang, "label-total").to_string(),
            "%".to_string(),
            i18n::label(lang, "label-grade").to_string(),
        ])
        .collect();
    let rows: Vec<Vec<String>> = overview
        .units
        .iter()
        .map(|unit| {
            let lead = [unit.name.clone()]
                .into_iter()
                .chain(grouped.then(|| unit.province.clone().unwrap_or_default()));
            match &unit.assessment {
                Some(a) => lead
                    .chain(a.results.iter().map(|r| format::number(r.points, lang)))
                    .chain([
                        format!("{}/{}", format::number(a.points, lang), a.max_points),
                        format::number(a.percent, lang),
                        a.grade.clone(),
                    ])
                    .collect(),
                None => lead
                    .chain(overview.criteria.iter().map(|_| String::new()))
                    .chain([String::new(), String::new(), unit.error.clone().unwrap_or_default()])
                    .collect(),
            }
        })
        .collect();
    match args.format {
        AssessFormat::Json => print_json(&overview)?,
        AssessFormat::Csv => print_csv(&header, &rows)?,
        AssessFormat::Table => print(&table(header, rows))?,
        AssessFormat::Md => print(format!("{}{}", province_table(&overview, lang), markdown_table(&header, &rows)).trim_end())?,
        AssessFormat::Html => {
            let title = format!("# {} — {}\n\n", criteria.title.get(lang), format::date(overview.as_of, lang));
            let markdown = format!("{title}{}{}", province_table(&overview, lang), markdown_table(&header, &rows));
            print(&super::report::page(&Templates::load(None)?, lang, &markdown)?)?
        }
    }
    let all_read = overview.units.iter().all(|u| u.assessment.is_some());
    let all_met = overview
        .units
        .iter()
        .all(|u| u.assessment.as_ref().is_some_and(|a| a.results.iter().all(|r| r.passed)));
    Ok(match (all_read, all_met) {
        (false, _) => Outcome::Failure,
        (true, false) => Outcome::Findings,
        (true, true) => Outcome::Success,
    })
}

/// The overview by province, before the units' table (nothing when the
/// units file names no provinces).
fn province_table(overview: &rollup::Overview, lang: Language) -> String {
    if overview.provinces.is_empty() {
        return String::new();
    }
    let header: Vec<String> = [
        "label-province",
        "label-units",
        "label-unreadable",
        "label-all-met",
        "label-mean-percent",
    ]
    .iter()
    .map(|id| i18n::label(lang, id).to_string())
    .collect();
    let rows: Vec<Vec<String>> = overview
        .provinces
        .iter()
        .map(|p| {
            vec![
                p.province.clone(),
                format::number(p.units as f64, lang),
                format::number(p.unreadable as f64, lang),
                format::number(p.all_met as f64, lang),
                format::number(p.mean_percent, lang),
            ]
        })
        .collect();
    format!("{}\n", markdown_table(&header, &rows))
}

fn print_table(assessment: &Assessment, lang: Language) -> Result<()> {
    print(&format!(
        "{} — {} ({} {})",
        assessment.title,
        assessment.organisation,
        i18n::label(lang, "label-as-of"),
        format::date(assessment.as_of, lang)
    ))?;
    print(&table(columns(lang), result_rows(assessment, lang)))?;
    print(&total_line(assessment, lang))?;
    match unreadable_section(assessment, lang) {
        section if section.is_empty() => Ok(()),
        section => print(section.trim_end()),
    }
}

/// The files that were not counted because they could not be read; empty
/// when every file was read.
fn unreadable_section(assessment: &Assessment, lang: Language) -> String {
    if assessment.unreadable.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n\n", i18n::label(lang, "label-files-that-could-not-be-read"));
    for finding in &assessment.unreadable {
        out.push_str(&format!("- {finding}\n"));
    }
    out
}

/// The columns of one unit's assessment, in every format.
fn columns(lang: Language) -> Vec<String> {
    [
        i18n::label(lang, "label-id"),
        i18n::label(lang, "label-criterion"),
        i18n::label(lang, "label-points"),
        i18n::label(lang, "label-evidence"),
        i18n::label(lang, "label-missing"),
    ]
    .map(str::to_string)
    .to_vec()
}

fn result_rows(assessment: &Assessment, lang: Language) -> Vec<Vec<String>> {
    assessment
        .results
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.text.clone(),
                match (r.applicable, r.pending) {
                    (false, _) => i18n::label(lang, "label-not-applicable").to_string(),
                    (true, true) => msg!("assess-pending", points = r.max_points).text(lang),
                    (true, false) => format!("{}/{}", format::number(r.points, lang), r.max_points),
                },
                r.evidence.join("\n"),
                r.missing.join("\n"),
            ]
        })
        .collect()
}

fn total_line(assessment: &Assessment, lang: Language) -> String {
    let provisional = match assessment.pending_points {
        0 => String::new(),
        points => format!(" ({})", msg!("assess-provisional", points = points).text(lang)),
    };
    format!(
        "{}: {}/{} ({} %) — {}: {}{provisional}",
        i18n::label(lang, "label-total-2"),
        format::number(assessment.points, lang),
        assessment.max_points,
        format::number(assessment.percent, lang),
        i18n::label(lang, "label-grade-2"),
        assessment.grade
    )
}

fn markdown(assessment: &Assessment, lang: Language) -> String {
    let mut out = format!(
        "# {} — {}\n\n{} {}{}\n\n",
        assessment.title,
        assessment.organisation,
        i18n::label(lang, "label-as-of-2"),
        format::date(assessment.as_of, lang),
        assessment
            .commit
            .as_deref()
            .map(|c| format!(" (commit {})", &c[..12.min(c.len())]))
            .unwrap_or_default(),
    );
    out.push_str(&markdown_table(&columns(lang), &result_rows(assessment, lang)));
    out.push_str(&format!("\n**{}**\n", total_line(assessment, lang)));
    out.push_str(&unreadable_section(assessment, lang));
    out
}
