//! `qms assess`

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use jiff::civil::Date;

use super::output::{print, print_json, table};
use super::{Global, Outcome};
use crate::assess::evidence::Facts;
use crate::assess::{self, Assessment, CriteriaTable, ManualScores};
use crate::clock;
use crate::model::config::Language;
use crate::model::objective::format_number;
use crate::repo::DocRepo;
use crate::workflow::register::{self, GitView, open_repo};
use crate::workflow::verify;
use crate::workspace::Workspace;

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
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  qms assess
  qms assess --as-of 2027-12-31 --format md > danh-gia-2027.md
  qms assess --criteria tieu-chi-tinh.yaml --manual diem-thu-cong.yaml --format json")]
pub struct Args {
    /// A criteria table (YAML) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub criteria: Option<PathBuf>,
    /// Evaluate the repository as it stood at the end of this day (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Scores for the criteria evaluated by hand: `TC-10: {points: 8, note: "…"}`.
    #[arg(long, value_name = "FILE")]
    pub manual: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = AssessFormat::Table)]
    pub format: AssessFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AssessFormat {
    Table,
    Json,
    Md,
}

pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let table = match &args.criteria {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            CriteriaTable::parse(path, &text).map_err(|f| anyhow!("{f}"))?
        }
        None => CriteriaTable::builtin(),
    };
    let manual = match &args.manual {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            assess::parse_manual(path, &text, &table)?
        }
        None => ManualScores::new(),
    };
    let assessment = assess_repository(&workspace, &table, &manual, args.as_of, lang)?;
    match args.format {
        AssessFormat::Json => print_json(&assessment)?,
        AssessFormat::Table => print_table(&assessment, lang)?,
        AssessFormat::Md => print(&markdown(&assessment, lang))?,
    }
    Ok(if assessment.results.iter().all(|r| r.passed) {
        Outcome::Success
    } else {
        Outcome::Findings
    })
}

/// Reads one repository — as it stands, or at the end of `as_of` — and scores it.
pub fn assess_repository(
    workspace: &Workspace,
    table: &CriteriaTable,
    manual: &ManualScores,
    as_of: Option<Date>,
    lang: Language,
) -> Result<Assessment> {
    let now = clock::now()?;
    let as_of = as_of.unwrap_or(now.date());
    let as_of_time = as_of
        .at(23, 59, 59, 0)
        .to_zoned(now.time_zone().clone())
        .context("the --as-of day cannot be placed in time")?;
    let repo = open_repo(workspace);
    let tip = match &repo {
        Some(repo) => repo.commit_as_of(as_of_time.timestamp().as_second())?,
        None => None,
    };
    // Before the last commit's day, the files are read from git as they were.
    let snapshot = match (&repo, &tip) {
        (Some(repo), Some(tip)) if Some(tip) != repo.head()?.as_ref() => {
            Some(Workspace::open_snapshot(&workspace.root, repo.snapshot_commit(tip)?)?)
        }
        _ => None,
    };
    let workspace = snapshot.as_ref().unwrap_or(workspace);
    let documents = workspace.load_documents();
    let records = workspace.load_records();
    let git = match (&repo, &tip) {
        (Some(repo), Some(tip)) => Some(GitView::load_at(repo, Some(tip))?),
        _ => None,
    };
    let entries = register::build(&documents.documents, git.as_ref());
    let verify = match (&repo, &git) {
        (Some(repo), Some(git)) => Some(verify_summary(repo, git)?),
        _ => None,
    };
    let facts = Facts {
        config: &workspace.config,
        catalog: workspace.catalog().ok(),
        documents: &documents.documents,
        records: &records.records,
        register: &entries,
        history: git.as_ref().map(|g| &g.history),
        verify,
        as_of,
        as_of_time,
        commit: tip.as_deref(),
    };
    Ok(assess::assess(table, &facts, manual, lang))
}

fn verify_summary(repo: &DocRepo, git: &GitView<'_>) -> Result<(bool, String)> {
    let report = verify::verify(repo, &git.history)?;
    let commits: usize = report.documents.iter().map(|d| d.signatures.len()).sum();
    let invalid = report.documents.iter().filter(|d| d.verdict == verify::Verdict::Invalid).count();
    Ok((
        report.is_ok(),
        format!(
            "qms verify: {commits} action commit(s) for {} document(s) and record(s), {invalid} with invalid steps{}",
            report.documents.len(),
            if report.problems.is_empty() {
                String::new()
            } else {
                format!("; {}", report.problems.join("; "))
            }
        ),
    ))
}

fn print_table(assessment: &Assessment, lang: Language) -> Result<()> {
    print(&format!(
        "{} — {} ({} {})",
        assessment.title,
        assessment.organisation,
        lang.pick("đến ngày", "as of"),
        assessment.as_of
    ))?;
    let headers = [
        lang.pick("Mã", "Id"),
        lang.pick("Tiêu chí", "Criterion"),
        lang.pick("Điểm", "Points"),
        lang.pick("Căn cứ", "Evidence"),
        lang.pick("Còn thiếu", "Missing"),
    ];
    let rows = assessment
        .results
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.text.clone(),
                format!("{}/{}", format_number(r.points), r.max_points),
                r.evidence.join("\n"),
                r.missing.join("\n"),
            ]
        })
        .collect();
    print(&table(headers.iter().map(|h| h.to_string()).collect(), rows))?;
    print(&total_line(assessment, lang))
}

fn total_line(assessment: &Assessment, lang: Language) -> String {
    format!(
        "{}: {}/{} ({} %) — {}: {}",
        lang.pick("Tổng điểm", "Total"),
        format_number(assessment.points),
        assessment.max_points,
        format_number(assessment.percent),
        lang.pick("xếp loại", "grade"),
        assessment.grade
    )
}

fn markdown(assessment: &Assessment, lang: Language) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', "<br>");
    let mut out = format!(
        "# {} — {}\n\n{} {}{}\n\n| {} | {} | {} | {} | {} |\n|----|----|---:|----|----|\n",
        assessment.title,
        assessment.organisation,
        lang.pick("Đến ngày", "As of"),
        assessment.as_of,
        assessment
            .commit
            .as_deref()
            .map(|c| format!(" (commit {})", &c[..12.min(c.len())]))
            .unwrap_or_default(),
        lang.pick("Mã", "Id"),
        lang.pick("Tiêu chí", "Criterion"),
        lang.pick("Điểm", "Points"),
        lang.pick("Căn cứ", "Evidence"),
        lang.pick("Còn thiếu", "Missing"),
    );
    for r in &assessment.results {
        out.push_str(&format!(
            "| {} | {} | {}/{} | {} | {} |\n",
            r.id,
            cell(&r.text),
            format_number(r.points),
            r.max_points,
            cell(&r.evidence.join("\n")),
            cell(&r.missing.join("\n"))
        ));
    }
    out.push_str(&format!("\n**{}**\n", total_line(assessment, lang)));
    out
}
