//! A controlled file's versions as the reading commands show them: its
//! timeline of steps (`qms log`), and its text at a version (`qms diff`):
//! an approved issue (its approved blob), what HEAD holds, or the working tree.

use anyhow::{Context, Result};

use super::actions::document_path;
use super::history::History;
use super::timeline::Timeline;
use crate::msg;
use crate::repo::DocRepo;
use crate::workspace::Workspace;

/// The steps taken on `id` (`None`: none yet); an id that names no
/// document, record or policy file is an error.
pub(crate) fn timeline(workspace: &Workspace, id: &str) -> Result<Option<Timeline>> {
    let repo = DocRepo::open(&workspace.root)?;
    let history = History::load(&repo, None)?;
    let timeline = history.timeline(id).cloned();
    if timeline.is_none() {
        document_path(workspace, &workspace.load_documents(), id)?;
    }
    Ok(timeline)
}

/// The text of a version, with how to name it in a diff's header.
pub(crate) struct VersionText {
    pub label: String,
    pub text: String,
}

/// The texts of `id` at the versions `from` (default: the latest issue) and
/// `to` (default: `head`); a version is an issue number, `head` or `work`.
pub(crate) fn texts(workspace: &Workspace, id: &str, from: Option<&str>, to: Option<&str>) -> Result<(VersionText, VersionText)> {
    let repo = DocRepo::open(&workspace.root)?;
    let history = History::load(&repo, None)?;
    let path = document_path(workspace, &workspace.load_documents(), id)?;
    let timeline = history.timeline(id);
    let issues = timeline.map(|t| t.issues()).unwrap_or_default();
    let read = |version: &str| -> Result<VersionText> {
        let (label, text) = match version {
            "work" => (
                "work".to_string(),
                std::fs::read_to_string(workspace.root.join(&path)).with_context(|| msg!("error-read", path = path.display()))?,
            ),
            "head" => {
                let head = history.head.as_deref().ok_or_else(|| msg!("error-no-commits"))?;
                let blob = repo
                    .blob_at(head, &path)?
                    .ok_or_else(|| msg!("error-file-not-committed", path = path.display()))?;
                ("head".to_string(), String::from_utf8_lossy(&repo.read_blob(&blob)?).into_owned())
            }
            number => {
                let n: u32 = number.parse().map_err(|_| msg!("error-not-a-version", version = number))?;
                let issue = timeline.ok_or_else(|| msg!("error-no-issue", id = id))?.issue(n)?;
                (
                    msg!("diff-issue", number = n).to_string(),
                    String::from_utf8_lossy(&repo.read_blob(&issue.blob)?).into_owned(),
                )
            }
        };
        Ok(VersionText { label, text })
    };
    let from = match from {
        Some(version) => version.to_string(),
        None => match issues.last() {
            Some(issue) => issue.number.to_string(),
            None => anyhow::bail!(msg!("error-no-issue-diff", id = id)),
        },
    };
    Ok((read(&from)?, read(to.unwrap_or("head"))?))
}
