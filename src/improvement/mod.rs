//! Improvement (ISO 9001:2015 clauses 6.1, 6.2, 9.1, 9.3, 10.2): nonconformities
//! and corrective actions, quality objectives and their measurements, the risk
//! register, and management review — all kept as records under `records/`.

pub(crate) mod nc;
pub(crate) mod objectives;
pub(crate) mod review;
pub(crate) mod risks;

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::record::{ActionItem, Record, RecordKind, RiskRegister};
use crate::model::signers::SignerPolicy;
use crate::msg;

/// An action someone owes: a corrective action, a risk treatment, or an
/// action decided at management review.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OwedAction {
    pub record: String,
    #[serde(skip)]
    pub path: PathBuf,
    /// Line of the list the action is in (actions, risks).
    #[serde(skip)]
    pub line: usize,
    pub kind: RecordKind,
    pub text: String,
    pub owner: String,
    pub due: Date,
    pub overdue: bool,
}

/// Every action not yet done in these records, with whether it is overdue on `today`.
pub(crate) fn open_actions<'a>(records: impl IntoIterator<Item = &'a Record>, today: Date) -> Vec<OwedAction> {
    let mut owed = Vec::new();
    for record in records {
        let mut push = |item: &ActionItem, field: &str| {
            if item.done.is_none() {
                owed.push(OwedAction {
                    record: record.id().to_string(),
                    path: record.path.clone(),
                    line: record.line_of(field),
                    kind: record.kind(),
                    text: item.text.clone(),
                    owner: item.owner.clone(),
                    due: item.due,
                    overdue: item.is_overdue(today),
                });
            }
        };
        for item in record.front.actions() {
            push(item, "actions");
        }
        for risk in record.front.get::<RiskRegister>().iter().flat_map(|r| &r.risks) {
            for item in &risk.treatment {
                push(item, "risks");
            }
        }
    }
    owed.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.record.cmp(&b.record)));
    owed
}

/// An action item given as "TEXT|OWNER|DUE" after `flag` (`--action`,
/// `--treatment`); the owner must be a person of the signer policy.
pub(crate) fn parse_action_spec(flag: &str, spec: &str, policy: &SignerPolicy) -> anyhow::Result<ActionItem> {
    let parts: Vec<&str> = spec.split('|').map(str::trim).collect();
    let [text, owner, due] = parts.as_slice() else {
        anyhow::bail!(msg!("error-action-shape", flag = flag, spec = spec));
    };
    let due: Date = due
        .parse()
        .map_err(|_| msg!("error-action-due", flag = flag, spec = spec, due = due))?;
    if policy.person(owner).is_none() {
        anyhow::bail!(msg!("error-action-owner", flag = flag, spec = spec, owner = owner));
    }
    if text.is_empty() {
        anyhow::bail!(msg!("error-action-text", flag = flag, spec = spec));
    }
    Ok(ActionItem {
        text: text.to_string(),
        owner: owner.to_string(),
        due,
        done: None,
    })
}

/// Marks done, on `today`, the action items numbered in `numbers` (1-based),
/// or all of `person`'s when `numbers` is empty; each must be `person`'s.
/// `of` names the list in messages ("NC-2027-001", "risk R-01").
pub(crate) fn mark_done(items: &mut [ActionItem], numbers: &[usize], person: &str, today: Date, of: &str) -> anyhow::Result<()> {
    let count = items.len();
    let numbers: Vec<usize> = if numbers.is_empty() {
        (1..=count).filter(|n| items[n - 1].owner == person).collect()
    } else {
        numbers.to_vec()
    };
    if numbers.is_empty() {
        anyhow::bail!(msg!("error-owns-no-action", person = person, of = of));
    }
    for n in numbers {
        let item = items
            .get_mut(n.wrapping_sub(1))
            .ok_or_else(|| msg!("error-no-action", of = of, count = count, number = n))?;
        if item.owner != person {
            anyhow::bail!(msg!(
                "error-action-owner-other",
                number = n,
                of = of,
                owner = &item.owner,
                person = person
            ));
        }
        item.done.get_or_insert(today);
    }
    Ok(())
}

/// The first line of `text`, shortened to a title.
pub(crate) fn title_from(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    if line.chars().count() <= 80 {
        return line.to_string();
    }
    let cut: String = line.chars().take(77).collect();
    format!("{}…", cut.trim_end())
}
