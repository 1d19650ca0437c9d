//! The server-side guard: what a shared repository's `pre-receive` hook
//! refuses — new action commits that are invalid, and rewritten history on
//! protected branches.

use std::collections::HashSet;

use anyhow::Result;

use super::history::{History, short};
use super::trust::TRUST_ROOT_CONFIG;
use crate::repo::{CommitId, DocRepo};

/// One line of `pre-receive`'s input: `<old> <new> <ref>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RefUpdate {
    /// The null id when the ref is created.
    pub old: CommitId,
    /// The null id when the ref is deleted.
    pub new: CommitId,
    pub name: String,
}

/// The updates git hands the hook; a line that cannot be read refuses the
/// whole push, since an update left out would go in unchecked.
pub(crate) fn parse_updates(input: &str) -> Result<Vec<RefUpdate>> {
    input
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut parts = line.split_whitespace();
            let mut id = || parts.next().and_then(CommitId::parse);
            let (old, new) = (id(), id());
            match (old, new, parts.next()) {
                (Some(old), Some(new), Some(name)) => Ok(RefUpdate {
                    old,
                    new,
                    name: name.to_string(),
                }),
                _ => anyhow::bail!(crate::msg!("error-pre-receive-line", line = line)),
            }
        })
        .collect()
}

fn is_zero(id: &CommitId) -> bool {
    *id == CommitId::null()
}

/// Pins the trust root of a shared repository to the root of its history
/// (`qms.trustRoot` in its configuration), so that a push cannot bring in
/// another one; `None` when it has no history yet (the first push's root
/// is then trusted, if it is the only one) or already has a pin.
pub(crate) fn pin_trust_root(bare: &std::path::Path) -> Result<Option<CommitId>> {
    let repo = DocRepo::open_bare(bare)?;
    if repo.config_value(TRUST_ROOT_CONFIG).is_some() {
        return Ok(None);
    }
    let Some(head) = repo.head().ok().flatten() else { return Ok(None) };
    match repo.roots(&head)?.as_slice() {
        [root] => {
            repo.set_config_value(TRUST_ROOT_CONFIG, root)?;
            Ok(Some(root.clone()))
        }
        _ => Ok(None),
    }
}

/// Every reason to refuse the push; empty when it may go in.
pub(crate) fn check_push(repo: &DocRepo, updates: &[RefUpdate], protected: &[String]) -> Result<Vec<String>> {
    let mut refusals = Vec::new();
    for update in updates {
        let is_protected = protected.contains(&update.name);
        if is_zero(&update.new) {
            if is_protected {
                refusals.push(format!("{}: deleting a protected branch is not allowed", update.name));
            }
            continue;
        }
        let old = (!is_zero(&update.old)).then_some(update.old.as_str());
        if let Some(old) = old
            && is_protected
            && !repo.is_ancestor(old, &update.new)?
        {
            refusals.push(format!(
                "{}: the push rewrites history ({} is not an ancestor of {}); protected branches only move forward — pull, rebase your work on top, and push again",
                update.name,
                short(old),
                short(&update.new)
            ));
            continue;
        }
        let fresh: HashSet<CommitId> = repo.new_commits(&update.new, old)?.into_iter().collect();
        if fresh.is_empty() {
            continue;
        }
        let history = History::load_at(repo, Some(&update.new), None)?;
        for problem in &history.problems {
            refusals.push(format!("{}: {problem}", update.name));
        }
        for commit in history.malformed.iter().filter(|c| fresh.contains(&c.commit)) {
            refusals.push(format!(
                "{}: {}",
                update.name,
                crate::msg!(
                    "check-malformed-action",
                    commit = short(&commit.commit),
                    subject = &commit.subject,
                    reason = &commit.reason
                )
            ));
        }
        for event in history.invalid_events().into_iter().filter(|e| fresh.contains(&e.commit)) {
            // `<ref>: commit <id> — …`: scripts read the id after ": commit ".
            refusals.push(format!(
                "{}: commit {} — {}",
                update.name,
                short(&event.commit),
                crate::i18n::Msg::new("guard-invalid-action")
                    .msg_arg("action", event.trailers.action.meaning_message())
                    .arg("document", &event.trailers.document)
                    .arg("signer", &event.trailers.signer)
                    .msg_arg("reasons", event.reasons_message())
            ));
        }
    }
    Ok(refusals)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZERO: &str = "0000000000000000000000000000000000000000";

    #[test]
    fn parses_pre_receive_input() {
        let new = "1234567890".repeat(4);
        let updates = parse_updates(&format!("{ZERO} {new} refs/heads/main\n{new} {ZERO} refs/tags/v1\n")).unwrap();
        assert_eq!(updates.len(), 2);
        assert_eq!(updates[0].name, "refs/heads/main");
        assert!(is_zero(&updates[0].old) && is_zero(&updates[1].new));
    }

    #[test]
    fn a_line_that_cannot_be_read_refuses_the_push() {
        assert!(parse_updates(&format!("{ZERO} 1234 refs/heads/main\n")).is_err());
        assert!(parse_updates(&format!("{ZERO} {ZERO}\n")).is_err());
    }
}
