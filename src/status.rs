//! What is pending, on whom, and what is overdue (`qms status`): documents
//! awaiting review or approval, changed or drafted but not submitted, with
//! uncommitted edits, overdue for periodic review, or not yet acknowledged by
//! the owning unit; nonconformities waiting for their next step, and actions
//! past their due date.

use anyhow::Result;
use serde::Serialize;

use crate::i18n;
use crate::model::config::Language;
use crate::model::signers::{PersonStatus, Signatory, SignerPolicy};
use crate::msg;
use crate::workflow::history::{NextStep, StateKind};
use crate::workflow::register::{self, Entry, FileState, GitView, open_repo};
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Pending {
    AwaitingReview,
    AwaitingApproval,
    NotSubmitted,
    UncommittedEdits,
    ReviewOverdue,
    NotAcknowledged,
    NonconformityStep,
    ActionOverdue,
}

impl Pending {
    /// The heading `qms status` lists these items under.
    pub(crate) fn heading(self, lang: Language) -> &'static str {
        match self {
            Pending::AwaitingReview => i18n::label(lang, "label-awaiting-review"),
            Pending::AwaitingApproval => i18n::label(lang, "label-awaiting-approval"),
            Pending::NotSubmitted => i18n::label(lang, "label-changed-or-drafted-not-submitted"),
            Pending::UncommittedEdits => i18n::label(lang, "label-uncommitted-edits-2"),
            Pending::ReviewOverdue => i18n::label(lang, "label-periodic-review-overdue"),
            Pending::NotAcknowledged => i18n::label(lang, "label-not-yet-acknowledged"),
            Pending::NonconformityStep => i18n::label(lang, "label-nonconformities-awaiting-a-step"),
            Pending::ActionOverdue => i18n::label(lang, "label-overdue-actions"),
        }
    }
}

/// One thing pending.
#[derive(Debug, Serialize)]
pub(crate) struct Item {
    pub kind: Pending,
    pub id: String,
    pub title: String,
    /// People or `role:` specs the item waits on.
    pub waiting_for: Vec<String>,
    pub detail: String,
}

fn pending(
    entries: &[Entry<'_>],
    git: Option<&GitView<'_>>,
    policy: Option<&SignerPolicy>,
    default_interval: u32,
    now: &jiff::Zoned,
    lang: Language,
) -> Vec<Item> {
    let mut items = Vec::new();
    for entry in entries {
        let doc = entry.doc;
        let item = |kind, waiting_for: Vec<String>, detail: String| Item {
            kind,
            id: doc.id().to_string(),
            title: doc.title().to_string(),
            waiting_for,
            detail,
        };
        if matches!(entry.file, FileState::Modified | FileState::Untracked | FileState::Added) {
            items.push(item(
                Pending::UncommittedEdits,
                doc.front.author.iter().cloned().collect(),
                i18n::label(lang, "label-uncommitted-edits-in-the-working-tree").into(),
            ));
        }
        let timeline = git.and_then(|g| g.timeline(doc.id()));
        match entry.state.kind {
            StateKind::InReview => {
                let kind = if entry.next == Some(NextStep::Approve) {
                    Pending::AwaitingApproval
                } else {
                    Pending::AwaitingReview
                };
                items.push(item(kind, entry.waiting_for.clone(), String::new()));
            }
            StateKind::Changed => items.push(item(
                Pending::NotSubmitted,
                entry.waiting_for.clone(),
                format!("{} {}", i18n::label(lang, "label-changed-since-issue-2"), entry.state.issue),
            )),
            StateKind::Draft if entry.head_blob.is_some() => items.push(item(
                Pending::NotSubmitted,
                entry.waiting_for.clone(),
                i18n::label(lang, "label-draft").into(),
            )),
            StateKind::Effective => {
                let interval = doc.front.review_interval_months.unwrap_or(default_interval);
                let last_review = timeline.and_then(|t| t.last_reviewed()).map(str::to_string);
                if let Some(since) = last_review
                    && crate::clock::months_between(&since, now).is_some_and(|m| m >= i64::from(interval))
                {
                    items.push(item(
                        Pending::ReviewOverdue,
                        doc.front.approvers.clone(),
                        format!(
                            "{} {}, {} {interval} {}",
                            i18n::label(lang, "label-last-reviewed"),
                            i18n::format::date_of(&since, None, lang),
                            i18n::label(lang, "label-every"),
                            i18n::label(lang, "label-month-s")
                        ),
                    ));
                }
                if let (Some(policy), Some(blob), Some(t)) = (policy, entry.state.effective_blob.as_deref(), timeline) {
                    let done = t.acknowledged_by(blob);
                    let missing: Vec<String> = policy
                        .people
                        .iter()
                        .filter(|p| p.status == PersonStatus::Active && p.unit.as_deref() == Some(doc.front.owner.as_str()))
                        .filter(|p| {
                            p.roles.iter().any(|r| {
                                policy
                                    .role(r)
                                    .is_some_and(|role| role.may.acknowledge.contains(&doc.front.doc_type))
                            })
                        })
                        .filter(|p| !done.contains(&p.id.as_str()))
                        .map(|p| p.id.clone())
                        .collect();
                    if !missing.is_empty() {
                        items.push(item(
                            Pending::NotAcknowledged,
                            missing,
                            format!("{} {}", i18n::label(lang, "label-issue"), entry.state.issue),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    items.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| crate::text::natural_cmp(&a.id, &b.id)));
    items
}

/// What records wait for: nonconformities' next steps, and overdue actions.
fn record_items(
    records: &[crate::model::record::Record],
    git: Option<&GitView<'_>>,
    policy: Option<&SignerPolicy>,
    today: jiff::civil::Date,
    lang: Language,
) -> Vec<Item> {
    use crate::improvement::{self, nc};
    use crate::model::record::RecordKind;
    let mut items = Vec::new();
    for record in records.iter().filter(|r| r.kind() == RecordKind::Nonconformity) {
        let view = nc::view(record, git.and_then(|g| g.timeline(record.id())), today);
        if let Some((action, waiting_for)) = nc::next_step(&view, policy) {
            items.push(Item {
                kind: Pending::NonconformityStep,
                id: record.id().to_string(),
                title: record.front.title.clone(),
                waiting_for,
                detail: format!(
                    "{}; {} `qms nc {}`",
                    view.stage.label(lang),
                    i18n::label(lang, "label-next"),
                    // The command for the `complete` step is `qms nc done`.
                    if action == crate::workflow::trailers::Action::Complete {
                        "done".to_string()
                    } else {
                        action.to_string()
                    }
                ),
            });
        }
    }
    for action in improvement::open_actions(records, today).into_iter().filter(|a| a.overdue) {
        items.push(Item {
            kind: Pending::ActionOverdue,
            id: action.record.clone(),
            title: action.text.clone(),
            waiting_for: vec![action.owner.clone()],
            detail: format!("{} {}", i18n::label(lang, "label-due-2"), i18n::format::date(action.due, lang)),
        });
    }
    items
}

/// Everything pending in the workspace, sorted by kind then id; with
/// `mine`, only what waits on the acting person. What was read is left to
/// the operating system: the command ends right after.
pub(crate) fn pending_in(workspace: &Workspace, mine: bool, lang: Language) -> Result<Vec<Item>> {
    let repo = open_repo(workspace)?;
    let (loaded, git) = register::load_both(workspace, repo.as_ref())?;
    let entries = register::build(&loaded.documents, git.as_ref());
    let now = workspace.now()?;
    let policy = workspace.signers().ok();
    let mut items = pending(&entries, git.as_ref(), policy, workspace.config.review_interval_months, &now, lang);
    let records = workspace.load_records();
    items.extend(record_items(&records.records, git.as_ref(), policy, now.date(), lang));
    if mine {
        let person = workspace.acting_person()?.ok_or_else(|| anyhow::anyhow!(msg!("error-mine")))?;
        items.retain(|item| item.waiting_for.iter().any(|w| Signatory::parse(w).includes(person)));
    }
    drop(entries);
    std::mem::forget((loaded, git));
    Ok(items)
}
