//! `qms withdraw`

use anyhow::{Result, bail};

use super::step::{StepOptions, run_step};
use super::{Global, Outcome};
use crate::msg;
use crate::workflow::trailers::Action;

/// Withdraw documents: they become obsolete (hết hiệu lực).
///
/// Needs the same authority as approval. The file stays in the repository and
/// its history is kept; the handbook lists it as obsolete.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms withdraw QT-09 -m \"Thủ tục đã bị bãi bỏ theo Quyết định số 123/QĐ-UBND\"")]
pub(crate) struct Args {
    /// The documents or records, by id (e.g. QT-07); each gets its own step.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// The reason (required).
    #[arg(short, long)]
    pub message: Option<String>,

    #[command(flatten)]
    pub options: StepOptions,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    if args.message.as_deref().is_none_or(|m| m.trim().is_empty()) {
        bail!(msg!("error-withdraw-reason"));
    }
    run_step(global, Action::Withdraw, args.ids, args.message, None, args.options)
}
