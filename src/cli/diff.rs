//! `qms diff`

use anyhow::{Context, Result, bail};

use super::output::{CYAN, RED, paint, print};
use super::{Global, Outcome};
use crate::msg;
use crate::repo::DocRepo;
use crate::workflow::actions::document_path;
use crate::workflow::history::History;

/// Show what changed in a document between two versions, as a unified diff.
///
/// A version is an issue number (1, 2, …), `head` (the committed content) or
/// `work` (the working tree). The default compares the latest issue with head.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms diff QT-07            latest issue against the committed content\n  qms diff QT-07 1 2        issue 1 against issue 2\n  qms diff QT-07 2 work     issue 2 against your uncommitted edits"
)]
pub(crate) struct Args {
    /// The document, by id (e.g. QT-07).
    pub id: String,
    /// The old version (default: the latest issue).
    pub from: Option<String>,
    /// The new version (default: head).
    pub to: Option<String>,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let repo = DocRepo::open(&workspace.root)?;
    let history = History::load(&repo, None)?;
    let path = document_path(&workspace, &workspace.load_documents(), &args.id)?;
    let timeline = history.timeline(&args.id);
    let issues = timeline.map(|t| t.issues()).unwrap_or_default();
    let read = |version: &str| -> Result<(String, String)> {
        match version {
            "work" => Ok((
                "work".into(),
                std::fs::read_to_string(workspace.root.join(&path)).with_context(|| msg!("error-read", path = path.display()))?,
            )),
            "head" => {
                let head = history.head.as_deref().ok_or_else(|| msg!("error-no-commits"))?;
                let blob = repo
                    .blob_at(head, &path)?
                    .ok_or_else(|| msg!("error-file-not-committed", path = path.display()))?;
                Ok(("head".into(), String::from_utf8_lossy(&repo.read_blob(&blob)?).into_owned()))
            }
            number => {
                let n: u32 = number.parse().map_err(|_| msg!("error-not-a-version", version = number))?;
                let issue = timeline.ok_or_else(|| msg!("error-no-issue", id = &args.id))?.issue(n)?;
                Ok((
                    msg!("diff-issue", number = n).to_string(),
                    String::from_utf8_lossy(&repo.read_blob(&issue.blob)?).into_owned(),
                ))
            }
        }
    };
    let from = match args.from {
        Some(v) => v,
        None => match issues.last() {
            Some(issue) => issue.number.to_string(),
            None => bail!(msg!("error-no-issue-diff", id = &args.id)),
        },
    };
    let to = args.to.unwrap_or_else(|| "head".into());
    let (old_label, old) = read(&from)?;
    let (new_label, new) = read(&to)?;
    let diff = similar::TextDiff::from_lines(&old, &new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("{} ({old_label})", args.id), &format!("{} ({new_label})", args.id))
        .to_string();
    if text.is_empty() {
        global.status(msg!("status-same", old = old_label, new = new_label));
        return Ok(Outcome::Success);
    }
    for line in text.lines() {
        let painted = match line.chars().next() {
            Some('+') if !line.starts_with("+++") => paint(line, "32", global.color),
            Some('-') if !line.starts_with("---") => paint(line, RED, global.color),
            Some('@') => paint(line, CYAN, global.color),
            _ => line.to_string(),
        };
        print(&painted)?;
    }
    Ok(Outcome::Success)
}
