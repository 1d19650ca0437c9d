//! The register: every document of the working tree with its derived state.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use super::history::{DocState, History, NextStep, StateKind, Timeline, next_step};
use crate::i18n;
use crate::model::config::Language;
use crate::model::document::Document;
/// What git says of a document's file, as the register carries it.
pub(crate) use crate::repo::FileState;
use crate::repo::{BlobId, CommitId, DocRepo};
use crate::workspace::{DOCUMENTS_DIR, LoadedDocuments, Workspace};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry<'a> {
    #[serde(skip)]
    pub doc: &'a Document,
    /// The document's blob in HEAD (None: not committed).
    pub head_blob: Option<BlobId>,
    /// What git says of the file in the working tree.
    pub file: FileState,
    pub state: DocState,
    /// The next step, and the people or roles it waits for.
    pub next: Option<NextStep>,
    pub waiting_for: Vec<String>,
}

impl Entry<'_> {
    /// The state in words: "hiệu lực (lần 2)", "đã sửa sau lần 1", …, with a
    /// mark when the working tree holds uncommitted edits.
    pub(crate) fn state_label(&self, lang: Language) -> String {
        let issue = self.state.issue;
        let mut label = match self.state.kind {
            StateKind::Draft => i18n::label(lang, "label-draft").to_string(),
            StateKind::InReview if issue == 0 => i18n::label(lang, "label-in-review").to_string(),
            StateKind::InReview => format!("{} {issue})", i18n::label(lang, "label-in-review-issue")),
            StateKind::Effective => {
                format!("{} {issue}", i18n::label(lang, "label-effective-issue"))
            }
            StateKind::Changed => format!("{} {issue}", i18n::label(lang, "label-changed-since-issue")),
            StateKind::Obsolete => i18n::label(lang, "label-obsolete").to_string(),
        };
        match self.file {
            FileState::Untracked | FileState::Added => label.push_str(i18n::label(lang, "label-not-committed")),
            FileState::Modified => label.push_str(i18n::label(lang, "label-uncommitted-edits")),
            FileState::Committed => {}
        }
        label
    }
}

/// Git's view of the repository: HEAD's blobs, the working tree's states and
/// the history. Absent when the folder is not a git repository.
pub(crate) struct GitView<'r> {
    pub repo: &'r DocRepo,
    pub history: History<'r>,
    pub head_blobs: HashMap<PathBuf, BlobId>,
    pub file_states: HashMap<PathBuf, FileState>,
}

impl<'r> GitView<'r> {
    pub(crate) fn load(repo: &'r DocRepo) -> Result<GitView<'r>> {
        let head = repo.head()?;
        Self::load_at(repo, head.as_ref())
    }

    /// The view as of commit `tip` (for `check --rev`).
    pub(crate) fn load_at(repo: &'r DocRepo, tip: Option<&CommitId>) -> Result<GitView<'r>> {
        let history = History::load_at(repo, tip, None)?;
        let head_blobs = match &history.head {
            Some(head) => repo.files_at(head, Path::new(DOCUMENTS_DIR))?.into_iter().collect(),
            None => HashMap::new(),
        };
        Ok(GitView {
            repo,
            file_states: repo.file_states()?,
            head_blobs,
            history,
        })
    }

    pub(crate) fn timeline(&self, id: &str) -> Option<&Timeline> {
        self.history.timeline(id)
    }
}

pub(crate) fn build<'a>(documents: &'a [Document], git: Option<&GitView<'_>>) -> Vec<Entry<'a>> {
    documents
        .iter()
        .map(|doc| {
            let head_blob = git.and_then(|g| g.head_blobs.get(&doc.path).cloned());
            let file = git
                .and_then(|g| g.file_states.get(&doc.path).copied())
                .unwrap_or(if head_blob.is_some() {
                    FileState::Committed
                } else {
                    FileState::Untracked
                });
            let timeline = git.and_then(|g| g.timeline(doc.id()));
            let state = match timeline {
                Some(t) => t.state(head_blob.as_deref()),
                None => DocState {
                    kind: StateKind::Draft,
                    issue: 0,
                    effective_blob: None,
                    effective_since: None,
                },
            };
            let (next, waiting_for) = match next_step(
                &state,
                timeline,
                head_blob.as_deref(),
                doc.front.author.as_deref(),
                &doc.front.reviewers,
                &doc.front.approvers,
            ) {
                Some((step, who)) => (Some(step), who),
                None => (None, Vec::new()),
            };
            Entry {
                doc,
                head_blob,
                file,
                state,
                next,
                waiting_for,
            }
        })
        .collect()
}

/// Loads the documents and, when in git, the history; for list/show/status.
/// The repository holding the workspace; `None` when it is not in git. A
/// repository that is there but cannot be opened is an error, never "not
/// in git".
pub(crate) fn open_repo(workspace: &Workspace) -> Result<Option<DocRepo>> {
    DocRepo::open_if_any(&workspace.root)
}

/// Reads the working tree's documents on another thread while the history
/// is loaded: the two take about as long, and neither needs the other.
pub(crate) fn load_both<'r>(workspace: &Workspace, repo: Option<&'r DocRepo>) -> Result<(LoadedDocuments, Option<GitView<'r>>)> {
    std::thread::scope(|scope| {
        let documents = scope.spawn(|| workspace.load_documents());
        let git = repo.map(GitView::load).transpose();
        let documents = documents
            .join()
            .map_err(|_| anyhow::anyhow!(crate::msg!("error-reading-documents")))?;
        Ok((documents, git?))
    })
}
