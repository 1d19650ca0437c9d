//! `qms check`

use anyhow::Result;
use serde::Serialize;

use super::output::{BOLD, DIM, FindingsFormat, RED, YELLOW, paint, print, print_ci_findings, print_json};
use super::{Global, Outcome};
use crate::check::{Report, check_workspace_at};
use crate::finding::{Finding, Findings, Part, Severity};
use crate::i18n::Msg;
use crate::workspace::{Workspace, find_root};

/// Validate the whole document set.
///
/// Checks the configuration, the signer policy and the catalogue, and every
/// document under documents/: front-matter and fields, ids (format, prefix,
/// duplicates), owners and people, links, ISO 9001 clauses, TTHC codes and
/// coverage of the catalogue, forms and their processes, the documents the
/// standard requires, relative Markdown links, and hostile input (encoding,
/// invisible characters, sizes, YAML aliases and tags). A broken document
/// never stops the check of the others.
///
/// Exit code 0 when there are no errors (warnings allowed), 1 when there are,
/// 2 when the check could not run.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms check\n  qms check --format json | jq '.findings[] | select(.severity == \"error\")'")]
pub(crate) struct Args {
    /// Output format: human (grouped by file), json (versioned schema), sarif,
    /// junit, github (workflow commands; the default when GITHUB_ACTIONS=true)
    /// or gitlab (Code Quality).
    #[arg(long, value_enum)]
    pub format: Option<FindingsFormat>,

    /// Report only: exit 0 even when there are errors.
    #[arg(long)]
    pub exit_zero: bool,

    /// Check the index — what `git commit` would commit — not the working tree.
    #[arg(long, conflicts_with = "rev")]
    pub staged: bool,

    /// Check a commit (branch, tag or id), read from git objects.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

/// The JSON document `qms check --format json` prints.
#[derive(Serialize)]
struct JsonReport<'a> {
    /// Bumped when a field changes meaning or disappears.
    schema_version: u32,
    documents: usize,
    records: usize,
    errors: usize,
    warnings: usize,
    findings: &'a [Finding],
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let report = match judge(global, &args) {
        Ok(report) => report,
        // An invalid qms.yaml is a finding like any other: report it.
        Err(err) => match err.downcast::<Findings>() {
            Ok(findings) => Report {
                documents: 0,
                records: 0,
                files: findings.0.iter().map(|f| f.path.to_string_lossy().into_owned()).collect(),
                findings: findings.0,
            },
            Err(err) => return Err(err),
        },
    };
    let root = global.workspace().map(|w| w.root).unwrap_or_else(|_| global.dir.clone());
    match FindingsFormat::resolve(args.format) {
        FindingsFormat::Json => print_json(&JsonReport {
            schema_version: 1,
            documents: report.documents,
            records: report.records,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            findings: &report.findings,
        })?,
        FindingsFormat::Human => print_human(global, &report)?,
        ci => print_ci_findings(ci, &report.findings, &report.files, report.documents, "qms check", &root)?,
    }
    Ok(if report.has_errors() && !args.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// Checks the workspace as the working tree, the index or a commit holds
/// it (with that commit's history).
fn judge(global: &Global, args: &Args) -> Result<Report> {
    if !args.staged && args.rev.is_none() {
        return check_workspace_at(&global.workspace()?, None);
    }
    let (workspace, tip) = Workspace::open_committed(&find_root(&global.dir)?, args.rev.as_deref())?;
    check_workspace_at(&workspace, tip.as_ref())
}

fn print_human(global: &Global, report: &Report) -> Result<()> {
    let color = global.color;
    let mut current_file = None;
    for finding in &report.findings {
        // Findings come sorted by file; a blank line separates files.
        if current_file.is_some_and(|f| f != &finding.path) {
            print("")?;
        }
        current_file = Some(&finding.path);
        print(&finding.render(&|part, text| match part {
            Part::Location => paint(text, BOLD, color),
            Part::Severity(Severity::Error) => paint(text, RED, color),
            Part::Severity(Severity::Warning) => paint(text, YELLOW, color),
            Part::Hint => paint(text, DIM, color),
        }))?;
    }
    if !report.findings.is_empty() {
        print("")?;
    }
    let errors = report.count(Severity::Error);
    let summary = Msg::new("check-summary")
        .num("documents", report.documents as f64)
        .num("records", report.records as f64)
        .num("errors", errors as f64)
        .num("warnings", report.count(Severity::Warning) as f64);
    if !global.quiet || errors > 0 {
        global.notice(summary);
    }
    Ok(())
}
