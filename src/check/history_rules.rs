//! Rules over the approval history (only in a git repository).

use std::path::{Path, PathBuf};

use crate::finding::{Finding, Rule};
use crate::model::config::CONFIG_FILE;
use crate::model::document::Document;
use crate::model::signers::SIGNERS_FILE;
use crate::msg;
use crate::workflow::history::is_controlled_file;
use crate::workflow::register::GitView;

pub(super) fn check(git: &GitView<'_>, documents: &[Document]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let path_of = |id: &str| -> PathBuf {
        if is_controlled_file(id) {
            return PathBuf::from(id);
        }
        documents
            .iter()
            .find(|d| d.id() == id)
            .map(|d| d.path.clone())
            .unwrap_or_else(|| PathBuf::from(id))
    };
    let history = &git.history;
    for event in history.invalid_events() {
        let path = path_of(&event.trailers.document);
        let line = documents.iter().find(|d| d.path == path).map(|d| d.line_of("id"));
        findings.push(event.finding(&path).at_opt(line));
    }
    findings.extend(history.malformed.iter().map(|commit| commit.finding()));
    findings.extend(history.problems.iter().map(|problem| problem.finding()));
    if let Some(head) = &history.head {
        for (file, in_force) in [(CONFIG_FILE, history.config_in_force()), (SIGNERS_FILE, history.signers_in_force())] {
            let head_blob = git.repo.blob_at(head, Path::new(file)).ok().flatten();
            if head_blob.is_some() && head_blob.as_ref() != in_force {
                findings.push(
                    Finding::new(Rule::PolicyUnapproved, file, msg!("check-policy-unapproved", file = file))
                        .at(1)
                        .hint(msg!("hint-policy-unapproved", file = file)),
                );
            }
        }
    }
    for doc in documents {
        let Some(timeline) = git.timeline(doc.id()) else {
            continue;
        };
        if !timeline.has_issue() || timeline.is_withdrawn() {
            continue;
        }
        for link in &doc.front.links {
            let issued = git.timeline(link).is_some_and(|t| t.has_issue());
            if !issued && documents.iter().any(|d| d.id() == link) {
                findings.push(
                    Finding::new(
                        Rule::LinkNeverEffective,
                        &doc.path,
                        msg!("check-link-never-issued", id = doc.id(), link = link),
                    )
                    .at(doc.line_of("links"))
                    .hint(msg!("hint-link-never-issued", link = link)),
                );
            }
        }
    }
    findings
}
