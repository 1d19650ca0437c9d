//! `qms diff`

use anyhow::Result;

use super::output::{CYAN, RED, paint, print};
use super::{Global, Outcome};
use crate::msg;
use crate::workflow::versions;

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
    let (old, new) = versions::texts(&workspace, &args.id, args.from.as_deref(), args.to.as_deref())?;
    let (old_label, old, new_label, new) = (old.label, old.text, new.label, new.text);
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
