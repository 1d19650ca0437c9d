//! `qms verify`

use anyhow::Result;

use super::output::{BOLD, DIM, FindingsFormat, RED, YELLOW, paint, print, print_ci_findings, print_json};
use super::{Global, Outcome};
use crate::i18n::Msg;
use crate::i18n::format::date_time_of;
use crate::workflow::verify::{Report, Verdict, verify_repository};
use crate::workspace::Workspace;

/// Verify every approval and signature in history.
///
/// Checks each action commit against the rules of the approval protocol: its
/// tree equals its parent's; Qms-Blob is the document's blob in the parent;
/// the signer and role exist in the signer policy in force at the parent (an
/// unapproved change of the policy files invalidates what relies on it); the
/// role may give that meaning for that document; review rules hold; and, when
/// signed or when the policy requires it, the signature was made by a key the
/// policy lists for that signer. Commit author and committer names carry no
/// authority.
///
/// Per document: APPROVED, STALE (changed since its last issue), UNAPPROVED,
/// WITHDRAWN or INVALID. With --trust-root, history up to that commit is
/// trusted and the commit must still be in history (a force-push that drops it
/// is reported). Exit code 1 when anything is invalid.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms verify
  qms verify -v                       every signature, not only the invalid ones
  qms verify --trust-root 3f9a2c1     judge history from a known commit
  qms verify --no-cache               walk everything (CI)
  qms verify --format json")]
pub(crate) struct Args {
    /// The commit the QMS started from (default: `git config qms.trustRoot`,
    /// else the history's only root commit). History up to it is trusted as
    /// it is; it must still be in history.
    #[arg(long, value_name = "COMMIT")]
    pub trust_root: Option<String>,

    /// Walk the whole history; neither read nor write the cache under
    /// `.git/qms/` (what CI should do).
    #[arg(long)]
    pub no_cache: bool,

    /// Output format: human, json, sarif, junit, github (the default when
    /// GITHUB_ACTIONS=true) or gitlab.
    #[arg(long, value_enum)]
    pub format: Option<FindingsFormat>,

    /// Report only: exit 0 even when something is invalid.
    #[arg(long)]
    pub exit_zero: bool,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    verify_repository(&workspace.root, args.trust_root.as_deref(), !args.no_cache, |report| {
        print_report(global, &args, &workspace, report)
    })?
}

fn print_report(global: &Global, args: &Args, workspace: &Workspace, report: Report<'_>) -> Result<Outcome> {
    let outcome = if report.is_ok() || args.exit_zero {
        Outcome::Success
    } else if report.is_unverifiable() {
        // Not "forged": not checkable here, which is a failure to verify.
        Outcome::Failure
    } else {
        Outcome::Findings
    };
    let format = FindingsFormat::resolve(args.format);
    if !matches!(format, FindingsFormat::Human | FindingsFormat::Json) {
        let documents = workspace.load_documents().documents;
        let path_of = |id: &str| {
            documents
                .iter()
                .find(|d| d.id() == id)
                .map(|d| d.path.clone())
                .unwrap_or_else(|| std::path::PathBuf::from(id))
        };
        let findings = report.findings(&path_of);
        let units: Vec<String> = report
            .documents
            .iter()
            .map(|d| path_of(&d.id).to_string_lossy().into_owned())
            .collect();
        print_ci_findings(format, &findings, &units, report.documents.len(), "qms verify", &workspace.root)?;
        return Ok(outcome);
    }
    if format == FindingsFormat::Json {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            schema_version: u32,
            ok: bool,
            #[serde(flatten)]
            report: &'a crate::workflow::verify::Report<'a>,
        }
        print_json(&Json {
            schema_version: 1,
            ok: report.is_ok(),
            report: &report,
        })?;
        return Ok(outcome);
    }

    let color = global.color;
    let lang = global.lang_for(workspace);
    let zone = workspace.config.time_zone();
    let say = |message: Msg| message.text(lang);
    let name = |id: &str| {
        workspace
            .signers()
            .ok()
            .and_then(|p| p.person(id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for problem in &report.problems {
        let label = say(Msg::new("verify-label-error"));
        print(&format!("{}: {}", paint(&label, RED, color), problem.text(lang)))?;
    }
    for commit in report.malformed {
        let label = say(Verdict::Invalid.label());
        let said = Msg::new("verify-malformed")
            .arg("commit", commit.commit.short())
            .arg("subject", &commit.subject)
            .arg("reason", &commit.reason);
        print(&format!("{}: {}", paint(&label, RED, color), say(said)))?;
    }
    let mut counts = std::collections::BTreeMap::new();
    for doc in &report.documents {
        *counts.entry(doc.verdict).or_insert(0usize) += 1;
        let text = say(doc.verdict.label());
        let label = match doc.verdict {
            Verdict::Approved | Verdict::SignedOff => paint(&text, BOLD, color),
            Verdict::Stale | Verdict::Unverifiable => paint(&text, YELLOW, color),
            Verdict::Unapproved => text,
            Verdict::Withdrawn => paint(&text, DIM, color),
            Verdict::Invalid => paint(&text, RED, color),
        };
        let show_signatures = global.verbose || doc.verdict == Verdict::Invalid;
        if !show_signatures && doc.verdict == Verdict::Unapproved && doc.signatures.is_empty() && !global.verbose {
            continue;
        }
        let mut line = format!("{:<20} {label}", doc.id);
        if doc.issue > 0 {
            line.push_str(&format!("  {}", say(Msg::new("verify-issue").num("issue", doc.issue))));
        }
        if let Some(reason) = &doc.reason {
            line.push_str(&format!("  ({})", reason.text(lang)));
        }
        print(&line)?;
        if show_signatures {
            for event in &doc.signatures {
                if !global.verbose && event.is_valid() {
                    continue;
                }
                let mark = if event.is_valid() { "✓" } else { "✗" };
                let signature = say(event.signature.message());
                print(&format!(
                    "  {mark} {:<11} {} ({}, {})  {}  {}  {signature}",
                    event.trailers.action.keyword(),
                    name(&event.trailers.signer),
                    event.trailers.role,
                    event.trailers.action.meaning_message().text(lang),
                    date_time_of(&event.trailers.signed_at, zone.as_ref(), lang),
                    event.commit.short(),
                ))?;
                for problem in &event.problems {
                    print(&paint(&format!("      {}", problem.text(lang)), RED, color))?;
                }
            }
        }
    }
    let signatures: usize = report.documents.iter().map(|d| d.signatures.len()).sum();
    let verdicts: Vec<String> = counts.iter().map(|(verdict, n)| format!("{n} {}", say(verdict.words()))).collect();
    let malformed = match report.malformed.len() {
        0 => String::new(),
        count => say(Msg::new("verify-summary-malformed").num("count", count as f64)),
    };
    global.status(format!(
        "{}{malformed}",
        say(Msg::new("verify-summary")
            .num("commits", signatures as f64)
            .num("documents", report.documents.len() as f64)
            .arg("verdicts", verdicts.join(", ")))
    ));
    Ok(outcome)
}
