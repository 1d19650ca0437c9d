//! `qms status`

use anyhow::Result;

use super::output::HumanOrJson as Format;
use super::output::{BOLD, YELLOW, paint, print, print_json};
use super::{Global, Outcome};
use crate::i18n;
use crate::model::config::Language;
use crate::model::signers::SignerPolicy;
use crate::status::{self, Item};

/// What is pending, on whom, and what is overdue.
///
/// Lists documents awaiting review or approval, documents changed (or drafted)
/// but not submitted, uncommitted edits, periodic reviews that are overdue
/// (`review_interval_months` since the last approval or accepting review), and
/// effective documents not yet acknowledged by the people of the owning unit,
/// nonconformities waiting for their next step, and actions past their due date.
/// --mine keeps what waits on you (QMS_USER or your git email).
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms status\n  QMS_USER=nguyen-van-an qms status --mine\n  qms status --format json")]
pub(crate) struct Args {
    /// Only what waits on the acting person.
    #[arg(long)]
    pub mine: bool,

    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let lang = global.lang_for(&workspace);
    let items = status::pending_in(&workspace, args.mine, lang)?;
    match args.format {
        Format::Json => print_json(&items)?,
        Format::Human => print_pending(global, lang, workspace.signers().ok(), &items)?,
    }
    Ok(Outcome::Success)
}

/// People and roles are shown by name; JSON keeps their ids.
fn print_pending(global: &Global, lang: Language, people: Option<&SignerPolicy>, items: &[Item]) -> Result<()> {
    let mut current = None;
    for item in items {
        if current != Some(item.kind) {
            if current.is_some() {
                print("")?;
            }
            print(&paint(item.kind.heading(lang), BOLD, global.color))?;
            current = Some(item.kind);
        }
        let waiting = if item.waiting_for.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = item
                .waiting_for
                .iter()
                .map(|spec| SignerPolicy::display_name_in(people, spec))
                .collect();
            format!(" → {}", names.join(", "))
        };
        let detail = if item.detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", item.detail)
        };
        print(&format!(
            "  {:<10} {}{detail}{}",
            item.id,
            item.title,
            paint(&waiting, YELLOW, global.color)
        ))?;
    }
    if items.is_empty() {
        global.status(i18n::label(lang, "label-nothing-pending"));
    }
    Ok(())
}
